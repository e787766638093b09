// Issue 8: the fault matrix. Every way a real API (or the road to it) fails,
// for each of the three requests a driver's day depends on: sign-in,
// manifest refresh and event sync. For every cell: the guidance the app
// shows is the one for that failure (its distinguishing words, not just
// "error"), the saved manifest stays on screen and a package can still be
// marked (and the mark is in storage), no page error or panic, and the
// automatic retries follow the rules (none after 401/403/423, none before
// Retry-After, one after backoff for outages, one when back online).
//
// The API is e2e/fake-api.js behind Playwright routing; the "very slow body"
// comes from a real Node server that sends the headers and then trickles the
// body. Waiting is done on the page's clock (Playwright's page.clock, which
// lets time flow normally until the spec jumps it forward): the 10 s client
// timeout and a 30 s Retry-After take no real time.
import { test, expect } from "@playwright/test";
import { fakeApi, fillSignIn, installClock, pendingManifestText, problem, signInAndSee, startTrickleServer } from "./fake-api.js";
import { expectGuidanceTrue, watchForErrors } from "./helpers.js";

test.use({ serviceWorkers: "block" });

/** src/platform/api.rs TIMEOUT_MS, plus a margin. */
const PAST_CLIENT_TIMEOUT_MS = 10_000 + 500;
const MARKS_KEY = "roadbook.marks.v1";

// ------------------------------------------------------------ guidance
// What the app must say, from src/model/outage/texts.rs: the title and the
// words that tell this failure apart from the others. `ref` is the support
// reference shown for quoting ("HTTP 503", "code 03-005, HTTP 503").
const G = {
  offline: { title: "No connection on this phone", words: ["no internet connection", "flight mode"] },
  unreachable: { title: "The company's system can't be reached", words: ["not a problem with your account", "Don't reset your password."] },
  down: { title: "The company's system is down", words: ["not a problem with your account", "Don't reset your password."] },
  outage03005: {
    title: "Company-wide sign-in outage",
    words: ["Sign-in is down for all drivers", "rating is not affected", "Don't reset your password.", "Don't reinstall Roadbook"],
  },
  timeout: { title: "The company's system is not answering", words: ["did not answer in time", "not a problem with your account"] },
  wrongPassword: { title: "Username or password not accepted", words: ["did not accept this username and password", "Check capital letters"] },
  expired: { title: "Please sign in again", words: ["Your sign-in has run out", "Sign in again with your username and password."] },
  account: { title: "Your account needs a check", words: ["can't be used right now", "Only driver support can sort this out", "Don't create a new account."] },
  locked: { title: "Your account is locked", words: ["has locked this account", "Only driver support can sort this out"] },
  tooMany: { title: "Too many tries, waiting a moment", words: ["asked Roadbook to wait", "Don't keep trying again by hand."] },
  unreadable: { title: "Roadbook got an answer it can't read", words: ["sent something Roadbook can't read", "Nothing saved on this phone was replaced."] },
  // A manifest refresh whose 200 body is unusable keeps the saved one and
  // says why (the validator's words) instead of an outage panel.
  rejected: (why) => ({ notice: "could not use, so your saved one is kept", words: [why] }),
};

// Retry rules. none: no automatic request at all, even a minute and a half
// later. backoff: another request within the first backoff step (2 s).
// after(s): none before Retry-After, one soon after. online: none while
// offline, one as soon as the phone is back. nextRefresh: the usual refresh
// a minute later, not a retry loop.
const R = { none: { type: "none" }, backoff: { type: "backoff" }, online: { type: "online" }, nextRefresh: { type: "nextRefresh" }, after: (s) => ({ type: "after", s }) };

const htmlPage = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>";
const every = (x) => ({ signIn: x, refresh: x, sync: x });

// ------------------------------------------------------------ the matrix
// fault → how it is produced → what each operation must show → retry rule.
// `answer` is the route handler for the failing endpoint; `op` says which
// operation is failing, for answers that depend on it.
const MATRIX = [
  {
    fault: "device offline",
    how: "context.setOffline(true): navigator.onLine is false and every request fails",
    offline: true,
    guidance: every(G.offline),
    retry: every(R.online),
  },
  {
    fault: "connection refused",
    how: "route.abort('connectionrefused')",
    answer: () => (r) => r.abort("connectionrefused"),
    guidance: every(G.unreachable),
    retry: every(R.backoff),
  },
  {
    fault: "DNS failure",
    how: "route.abort('namenotresolved')",
    answer: () => (r) => r.abort("namenotresolved"),
    guidance: every(G.unreachable),
    retry: every(R.backoff),
  },
  {
    fault: "timeout",
    how: "a route that never answers; the page clock jumps past the client timeout",
    answer: () => () => {},
    stall: "request",
    guidance: every(G.timeout),
    retry: every(R.backoff),
  },
  {
    fault: "401",
    how: "problem+json 401",
    answer: () => (r) => r.fulfill(problem(401)),
    guidance: { signIn: G.wrongPassword, refresh: G.expired, sync: G.expired },
    ref: "HTTP 401",
    retry: every(R.none),
  },
  {
    fault: "403",
    how: "problem+json 403",
    answer: () => (r) => r.fulfill(problem(403)),
    guidance: every(G.account),
    ref: "HTTP 403",
    retry: every(R.none),
  },
  {
    fault: "423",
    how: "problem+json 423",
    answer: () => (r) => r.fulfill(problem(423)),
    guidance: every(G.locked),
    ref: "HTTP 423",
    retry: every(R.none),
  },
  {
    fault: "429 + Retry-After",
    how: "problem+json 429, Retry-After: 30",
    answer: () => (r) => r.fulfill({ ...problem(429), headers: { "retry-after": "30" } }),
    guidance: every(G.tooMany),
    ref: "HTTP 429",
    retry: every(R.after(30)),
  },
  {
    fault: "500",
    how: "problem+json 500",
    answer: () => (r) => r.fulfill(problem(500)),
    guidance: every(G.unreachable),
    ref: "HTTP 500",
    retry: every(R.backoff),
  },
  {
    fault: "502 HTML page",
    how: "502 text/html from a proxy",
    answer: () => (r) => r.fulfill({ status: 502, contentType: "text/html", body: htmlPage }),
    guidance: every(G.unreachable),
    ref: "HTTP 502",
    retry: every(R.backoff),
  },
  {
    fault: "503 + Retry-After",
    how: "problem+json 503, Retry-After: 30; on sign-in with support code 03-005 (the operator's company-wide sign-in outage)",
    answer: (op) => (r) =>
      r.fulfill({ ...problem(503, op === "signIn" ? { support_code: "03-005", title: "Error signing in. Please try again." } : {}), headers: { "retry-after": "30" } }),
    guidance: { signIn: G.outage03005, refresh: G.down, sync: G.down },
    ref: { signIn: "code 03-005, HTTP 503", refresh: "HTTP 503", sync: "HTTP 503" },
    retry: every(R.after(30)),
  },
  {
    fault: "malformed JSON",
    how: "200 application/json with a syntax error",
    answer: () => (r) => r.fulfill({ contentType: "application/json", body: '{"schema": 1, "token": "t-1", oops' }),
    guidance: { signIn: G.unreadable, refresh: G.rejected("not valid JSON"), sync: G.unreadable },
    // The 200 is quoted for support: the server answered, with nothing usable.
    ref: { signIn: "HTTP 200", sync: "HTTP 200" },
    retry: { signIn: R.backoff, refresh: R.nextRefresh, sync: R.backoff },
  },
  {
    fault: "truncated body",
    how: "200 with the first 200 bytes of a valid answer",
    answer: (op) => (r) =>
      r.fulfill({
        contentType: "application/json",
        body: (op === "refresh" ? pendingManifestText : JSON.stringify({ token: "t-1", expires_at: "2099-01-01T00:00:00Z", user: { id: "D-1001", name: "Alex Rivera", role: "driver" }, accepted: ["x"] })).slice(0, op === "refresh" ? 200 : 40),
      }),
    guidance: { signIn: G.unreadable, refresh: G.rejected("not valid JSON"), sync: G.unreadable },
    // The 200 is quoted for support: the server answered, with nothing usable.
    ref: { signIn: "HTTP 200", sync: "HTTP 200" },
    retry: { signIn: R.backoff, refresh: R.nextRefresh, sync: R.backoff },
  },
  {
    fault: "200 with the wrong schema",
    how: "200 valid JSON of another shape",
    answer: () => (r) => r.fulfill({ contentType: "application/json", body: JSON.stringify({ data: { items: [] }, ok: true }) }),
    guidance: { signIn: G.unreadable, refresh: G.rejected("not a manifest"), sync: G.unreadable },
    // The 200 is quoted for support: the server answered, with nothing usable.
    ref: { signIn: "HTTP 200", sync: "HTTP 200" },
    retry: { signIn: R.backoff, refresh: R.nextRefresh, sync: R.backoff },
  },
  {
    fault: "very slow body",
    how: "a real Node server sends 200 and headers at once, then the body one byte every 250 ms; the page clock jumps past the client timeout once the headers are in",
    answer: () => (r) => r.continue({ url: trickle.url }),
    stall: "headers",
    guidance: every(G.timeout),
    retry: every(R.backoff),
  },
];

// ------------------------------------------------------------ operations
// How each operation is set up and made to fail, where its guidance shows,
// and how the saved manifest is checked afterwards.
// Signed in (a token in this tab), the saved manifest on screen and the
// start-up refresh done: where the refresh and sync cells start.
async function signedInWithManifest({ page, api }) {
  await page.goto("./");
  await expect(page.locator("li.package")).toHaveCount(3);
  await expect.poll(() => api.counts.manifest).toBeGreaterThan(0);
  await expect(page.locator(".saved-line")).toContainText("saved");
  await expect(page.locator(".guidance")).toHaveCount(0);
  return page;
}

const OPS = {
  signIn: {
    label: "sign-in",
    endpoint: "session",
    // The driver signed in earlier (manifest saved, see `yesterday`); this
    // tab has no token (sessionStorage is per tab), so the app shows the
    // saved manifest, signed out, and the driver signs in again.
    async setup({ page }) {
      await page.goto("./");
      await expect(page.getByText("You are signed out")).toBeVisible();
      await expect(page.locator("li.package")).toHaveCount(3);
      await page.locator(".notice").getByRole("link", { name: "Sign in" }).click();
      await expect(page.getByLabel("Username")).toBeVisible();
      return page;
    },
    trigger: (page) => fillSignIn(page),
    // A failure the driver can do nothing about on the form (an outage, no
    // network) takes them back to the saved manifest, with the guidance as
    // its banner; a wrong password or an account problem keeps the form.
    panel: (page) => page.locator(".sign-in .guidance, .manifest .guidance"),
    async toManifest(page) {
      if (!(await page.locator("li.package").count())) await page.getByRole("navigation", { name: "Screens" }).getByRole("link", { name: "Manifest" }).click();
    },
  },
  refresh: {
    label: "manifest refresh",
    endpoint: "manifest",
    setup: signedInWithManifest,
    // The clock jumps to the next regular refresh (a minute on). An app
    // start refreshes the same way (outage.spec.js covers that path).
    trigger: (page) => page.clock.fastForward(61_000),
    panel: (page) => page.locator(".manifest .guidance"),
    banner: "Manifest not updated",
    toManifest: async () => {},
  },
  sync: {
    label: "event sync",
    endpoint: "events",
    setup: signedInWithManifest,
    // Marking a package sends it within a second.
    trigger: (page) => markOne(page),
    panel: (page) => page.locator(".manifest .guidance"),
    banner: "Marks not sent yet",
    toManifest: async () => {},
  },
};

let trickle;
/** localStorage after one real sign-in through the form (manifest saved). */
let yesterday;
test.beforeAll(async ({ browser }) => {
  trickle = await startTrickleServer();
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, serviceWorkers: "block" });
  await fakeApi(context, { manifest: pendingManifestText });
  const page = await context.newPage();
  await signInAndSee(page);
  yesterday = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
  await context.close();
});

/**
 * Starts each cell where a driver's day is: the saved state of an earlier
 * sign-in in localStorage (written once per page, before the app starts, if
 * missing) and, with `token`, this tab's session (as if signed in here).
 */
async function restoreYesterday(context, token) {
  await context.addInitScript(
    ([saved, token]) => {
      if (!localStorage.getItem("roadbook.manifest")) for (const [k, v] of Object.entries(saved)) localStorage.setItem(k, v);
      if (token && !sessionStorage.getItem("fault-matrix.seeded")) {
        sessionStorage.setItem("fault-matrix.seeded", "1");
        sessionStorage.setItem("roadbook.token", token);
      }
    },
    [yesterday, token],
  );
}
test.afterAll(async () => {
  await trickle?.close();
});

/** Marks the first package still to deliver; returns its id. */
async function markOne(page) {
  const row = page.locator("li.package").filter({ has: page.locator(".actions:not(.hidden)") }).first();
  const id = await row.getAttribute("data-package");
  await row.getByRole("button", { name: /^Delivered/ }).click();
  await expect(page.locator(`li.package[data-package="${id}"] .status`)).toHaveText("Delivered");
  return id;
}

const storedMarks = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || "null"), MARKS_KEY);

/** Lets the page run a little real time (timers, routing) after a jump. */
const settle = (page) => page.waitForTimeout(700);

async function expectGuidance(page, op, expected, ref) {
  if (expected.notice) {
    const notice = page.locator(".notice.warn").filter({ hasText: expected.notice });
    await expect(notice).toBeVisible();
    for (const w of expected.words) await expect(notice).toContainText(w);
    // Not an outage: no failure panel for a server that answered.
    await expect(OPS[op].panel(page)).toHaveCount(0);
    return;
  }
  const panel = OPS[op].panel(page);
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(expected.title);
  if (OPS[op].banner) await expect(panel.locator(".banner-line")).toContainText(OPS[op].banner);
  for (const w of expected.words) await expect(panel).toContainText(w);
  if (ref) await expect(panel.locator(".support-code")).toHaveText(ref);
  else await expect(panel.locator(".support-code")).toHaveCount(0);
  // Only a rejected password sends the driver to their password.
  if (expected !== G.wrongPassword) {
    await expect(panel).not.toContainText("Check the username and password");
    await expect(panel.getByRole("link", { name: "Reset password" })).toHaveCount(0);
  }
}

async function expectRetryRule(page, context, api, op, rule) {
  const endpoint = OPS[op].endpoint;
  const total = () => api.counts.session + api.counts.manifest + api.counts.events;
  const n = api.counts[endpoint];
  const all = total();
  switch (rule.type) {
    case "none":
      // A minute and a half later (and a second of real time), still
      // nothing: a person has to act first.
      await page.clock.fastForward(90_000);
      await settle(page);
      expect(total(), "no automatic request of any kind").toBe(all);
      break;
    case "backoff":
      await page.clock.fastForward(2_500);
      await expect.poll(() => api.counts[endpoint], { message: "retried after backoff" }).toBeGreaterThan(n);
      // Backoff, not a loop: the next tries are seconds apart (jittered).
      await settle(page);
      expect(api.counts[endpoint] - n, "a few retries, not a storm").toBeLessThanOrEqual(3);
      break;
    case "after":
      // Jump to 6 s before Retry-After runs out: nothing yet.
      await expect(OPS[op].panel(page).locator(".countdown")).toContainText("try again by itself");
      await page.clock.fastForward((rule.s - 6) * 1000);
      await settle(page);
      expect(api.counts[endpoint], `no retry before Retry-After (${rule.s} s)`).toBe(n);
      await page.clock.fastForward(8_000);
      await expect.poll(() => api.counts[endpoint], { message: "retried once Retry-After passed" }).toBeGreaterThan(n);
      break;
    case "online":
      await page.clock.fastForward(60_000);
      await settle(page);
      expect(total(), "nothing is sent while offline").toBe(all);
      await context.setOffline(false);
      await expect.poll(() => api.counts[endpoint], { message: "tried again once back online" }).toBeGreaterThan(n);
      break;
    case "nextRefresh":
      await page.clock.fastForward(30_000);
      await settle(page);
      expect(api.counts[endpoint], "no retry loop on an unusable manifest").toBe(n);
      await page.clock.fastForward(31_000);
      await expect.poll(() => api.counts[endpoint], { message: "the regular refresh a minute later" }).toBeGreaterThan(n);
      break;
    default:
      throw new Error(`unknown rule ${rule.type}`);
  }
}

for (const row of MATRIX) {
  for (const op of Object.keys(OPS)) {
    const expected = row.guidance[op];
    const ref = typeof row.ref === "object" ? row.ref[op] : row.ref;
    test(`${OPS[op].label} × ${row.fault}`, async ({ page, context }) => {
      test.info().annotations.push({ type: "fault", description: row.how });
      const problems = watchForErrors(page);
      await installClock(context);
      const api = await fakeApi(context, { manifest: pendingManifestText });
      await restoreYesterday(context, op === "signIn" ? null : "t-1");
      const p = await OPS[op].setup({ page, api });

      // The fault.
      let syncMark = null;
      if (row.offline) await context.setOffline(true);
      else api.faults[OPS[op].endpoint] = row.answer(op);
      const before = api.counts[OPS[op].endpoint];
      const headersIn = row.stall === "headers" ? p.waitForResponse((r) => r.url().startsWith(trickle.url)) : null;
      if (op === "sync") syncMark = await OPS.sync.trigger(p);
      else await OPS[op].trigger(p, row);
      if (row.stall === "request") {
        await expect.poll(() => api.counts[OPS[op].endpoint]).toBeGreaterThan(before);
        await p.clock.fastForward(PAST_CLIENT_TIMEOUT_MS);
      } else if (row.stall === "headers") {
        // Headers in, body still trickling: only the body read can time out.
        await headersIn;
        await p.clock.fastForward(PAST_CLIENT_TIMEOUT_MS);
      }

      // 1. The right guidance, and every word of it true of the screen.
      await expectGuidance(p, op, expected, ref);
      await expectGuidanceTrue(p);
      if (row.offline) expect(api.counts[OPS[op].endpoint], "offline: nothing reached the API").toBe(before);
      else expect(api.counts[OPS[op].endpoint], "the failing request was made").toBeGreaterThan(before);

      // 2. The retry rules. Sign-in retries from its own screen, so they
      // are checked there first; refresh and sync retry in the background.
      if (op === "signIn") await expectRetryRule(p, context, api, op, row.retry[op]);

      // 3. The saved manifest is on screen and usable; the mark is stored.
      await OPS[op].toManifest(p);
      await expect(p.locator("li.package")).toHaveCount(3);
      const marked = await markOne(p);
      const log = await storedMarks(p);
      const ids = [marked, syncMark].filter(Boolean);
      for (const id of ids) {
        expect(log.history.some((e) => e.package_id === id && e.kind === "delivered"), `mark for ${id} in storage`).toBe(true);
      }
      if (op === "sync") {
        // Not acknowledged, so both are still owed to the server.
        expect(log.outbox.events.map((e) => e.event.package_id).sort()).toEqual([...ids].sort());
        await expect(p.locator(".action-bar .sync")).toContainText("2 marks saved on this phone");
      }

      if (op !== "signIn") await expectRetryRule(p, context, api, op, row.retry[op]);

      // 4. No page error, no panic.
      expect(problems).toEqual([]);
    });
  }
}

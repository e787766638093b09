// Issue 19: one retry policy for sign-in, the driver's background upkeep and
// the dispatcher's fleet (backoff, Retry-After in seconds or as a date, no
// automatic retry after 401/403/423, paused offline), and guidance that is
// true of the screen it is on. Against the fake contract-v1 API, with the
// page's clock jumped forward instead of waiting.
import { test, expect } from "@playwright/test";
import { DISPATCHER_SESSION, fakeApi, fillSignIn, installClock, pendingManifestText, problem } from "./fake-api.js";
import { expectGuidanceTrue, watchForErrors } from "./helpers.js";

test.use({ serviceWorkers: "block" });

const settle = (page) => page.waitForTimeout(700);
const rows = (page) => page.locator(".fleet-table tbody tr");

test("fleet: a 503 with Retry-After 120 is not asked again for 120 s, and the saved fleet stays under the guidance", async ({ page, context }) => {
  const problems = watchForErrors(page);
  await installClock(context);
  const api = await fakeApi(context, { session: DISPATCHER_SESSION });
  await page.goto("./");
  await fillSignIn(page, "dispatch");
  await expect(rows(page)).toHaveCount(2);
  await expect.poll(() => api.counts.fleet).toBe(1);

  api.faults.fleet = (r) => r.fulfill({ ...problem(503), headers: { "retry-after": "120" } });
  // The regular refresh, 30 s on, meets the outage.
  await page.clock.fastForward(31_000);
  await expect.poll(() => api.counts.fleet).toBe(2);
  const guidance = page.locator(".fleet-status .guidance");
  await expect(guidance).toBeVisible();
  await expect(guidance.locator(".banner-line")).toContainText("Fleet view not updated");
  await expect(guidance.locator(".countdown")).toContainText(/try again by itself in (1[01]\d|120) s/);
  await expect(rows(page)).toHaveCount(2);
  await expectGuidanceTrue(page);

  // 75 s and then 110 s after the answer: still not asked again.
  await page.clock.fastForward(75_000);
  await settle(page);
  expect(api.counts.fleet, "asked again before Retry-After").toBe(2);
  await page.clock.fastForward(35_000);
  await settle(page);
  expect(api.counts.fleet, "asked again before Retry-After").toBe(2);

  // Past it: one more try, which works; the guidance goes.
  api.faults.fleet = null;
  await page.clock.fastForward(12_000);
  await expect.poll(() => api.counts.fleet).toBe(3);
  await expect(guidance).toHaveCount(0);
  await expect(page.locator(".fleet-status .updated")).toContainText(/Updated at/);
  expect(problems).toEqual([]);
});

test("fleet: a 403 is never retried on its own", async ({ page, context }) => {
  await installClock(context);
  const api = await fakeApi(context, { session: DISPATCHER_SESSION });
  await page.goto("./");
  await fillSignIn(page, "dispatch");
  await expect(rows(page)).toHaveCount(2);
  api.faults.fleet = (r) => r.fulfill(problem(403));
  await page.clock.fastForward(31_000);
  await expect.poll(() => api.counts.fleet).toBe(2);
  await expect(page.locator(".fleet-status .guidance")).toContainText("Your account needs a check");
  await page.clock.fastForward(10 * 60_000);
  await settle(page);
  expect(api.counts.fleet, "a 403 is retried by a person, not a timer").toBe(2);
  await expect(rows(page)).toHaveCount(2);
  await expectGuidanceTrue(page);
});

test("sign-in outage with a saved manifest: the guidance, the manifest under it, marks kept, and it signs in by itself", async ({ page, context }) => {
  const problems = watchForErrors(page);
  await installClock(context);
  const api = await fakeApi(context, { manifest: pendingManifestText });
  // Yesterday's sign-in left the manifest; this tab has no token.
  await page.goto("./");
  await fillSignIn(page);
  await expect(page.locator("li.package")).toHaveCount(3);
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  await expect(page.getByText("You are signed out")).toBeVisible();

  api.faults.session = (r) =>
    r.fulfill({ ...problem(503, { support_code: "03-005", title: "Error signing in. Please try again." }), headers: { "retry-after": "30" } });
  await page.locator(".notice").getByRole("link", { name: "Sign in" }).click();
  await fillSignIn(page);

  // Back on the manifest: the guidance first, the packages under it.
  const guidance = page.locator(".manifest .guidance");
  await expect(guidance).toContainText("Company-wide sign-in outage");
  await expect(guidance).toContainText("is below");
  await expect(page.locator("li.package")).toHaveCount(3);
  await expectGuidanceTrue(page);

  // Marks work while it waits.
  const row = page.locator("li.package").first();
  const id = await row.getAttribute("data-package");
  await row.getByRole("button", { name: /^Delivered/ }).click();
  await expect(row.locator(".status")).toHaveText("Delivered");
  await expectGuidanceTrue(page);

  // The platform comes back; Roadbook signs in on its own after Retry-After,
  // then sends the mark.
  const tries = api.counts.session;
  api.faults.session = null;
  await page.clock.fastForward(20_000);
  await settle(page);
  expect(api.counts.session, "no retry before Retry-After").toBe(tries);
  await page.clock.fastForward(12_000);
  await expect.poll(() => api.counts.session).toBeGreaterThan(tries);
  await expect(guidance).toHaveCount(0);
  await expect(page.getByText("You are signed out")).toHaveCount(0);
  await expect.poll(() => api.events.map((e) => e.package_id)).toContain(id);
  expect(problems).toEqual([]);
});

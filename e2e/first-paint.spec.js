// Issue 20: the page paints before the app's code has arrived.
// - A first visit paints the sign-in frame from index.html; what is typed
//   into it before the app takes over is kept, Enter does not send it, and
//   the frame is the app's own sign-in screen (same words, same fields).
// - A reload paints what the app last drew (a snapshot of its DOM, saved
//   by the app), inert, replaced by the app with no layout shift.
// - The snapshot is personal data: sign-out and retention remove it, and a
//   damaged or hostile one runs nothing.
// The wasm is held back by routing, so "before the app" is a real state.
import { test, expect } from "@playwright/test";
import { signInDriver } from "./helpers.js";

test.use({ serviceWorkers: "block" });

const SNAPSHOT = "roadbook.snapshot.v1";

/** Holds every wasm request until `release()`. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route(/\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  return () => release();
}

/** Sums the layout shifts the page reports from now on. */
async function watchLayoutShift(page) {
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
}

/** Tag, id-less classes and text of the sign-in screen's parts, for comparing. */
const outline = (root) =>
  root.evaluate((el) =>
    [...el.querySelectorAll("header .brand, nav a, main h1, main form label, main form input")].map((e) =>
      [e.tagName, e.getAttribute("type") || "", e.tagName === "H1" ? "" : e.getAttribute("id") || e.getAttribute("for") || "", e.tagName === "INPUT" ? e.getAttribute("autocomplete") : e.textContent.trim()].join("|"),
    ),
  );

test("first visit: the sign-in frame paints before the app, keeps what is typed, and is the app's own screen", async ({ page }) => {
  await watchLayoutShift(page);
  const release = await holdWasm(page);
  await page.goto("./");
  const frame = page.locator("#first-paint");
  await expect(frame.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  const button = frame.locator("button[type=submit]");
  await expect(button).toBeDisabled();
  await expect(button).toHaveText("Starting… you can type now");
  const before = await outline(frame);

  await frame.locator("#username").fill("driver");
  await frame.locator("#password").fill("roadbook");
  await frame.locator("#password").press("Enter");
  // Not sent anywhere, and nothing in the address bar.
  expect(new URL(page.url()).search).toBe("");

  release();
  await expect(frame).toHaveCount(0);
  await expect(page.locator("#app #username")).toHaveValue("driver");
  await expect(page.locator("#app #password")).toHaveValue("roadbook");
  await expect(page.locator("#app #password")).toBeFocused();
  // The frame was the app's own screen as it first draws it.
  const app = page.locator("#app");
  const after = await outline(app);
  expect(after).toEqual(before);
  expect(await page.evaluate(() => window.__shift)).toBeLessThanOrEqual(0.02);
  // And it signs in with what was typed in the frame.
  await page.locator("#app").getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("li.package").first()).toBeVisible();
});

test("reload: the saved manifest paints from the snapshot before the app, inert, and the app takes over without a jump", async ({ page }) => {
  await signInDriver(page);
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), SNAPSHOT), { timeout: 10_000 }).toContain("li");
  const first = await page.locator("li.package").first().getAttribute("data-tracking");

  await watchLayoutShift(page);
  const release = await holdWasm(page);
  await page.reload();
  const pre = page.locator("#prepaint");
  await expect(pre.locator("li.package").first()).toHaveAttribute("data-tracking", first);
  await expect(pre).toHaveAttribute("inert", "");
  await expect(page.locator("#first-paint")).toBeHidden();
  // Inert: the buttons in the picture do nothing.
  await pre.locator("li.package button").first().click({ force: true, timeout: 2_000 }).catch(() => {});
  release();
  await expect(pre).toHaveCount(0);
  await expect(page.locator("#app li.package").first()).toHaveAttribute("data-tracking", first);
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem("roadbook.marks.v1") || '{"history":[]}').history.length)).toBe(0);
  expect(await page.evaluate(() => window.__shift)).toBeLessThanOrEqual(0.02);
});

test("sign-out removes the snapshot of the manifest", async ({ page }) => {
  await signInDriver(page);
  const tracking = await page.locator("li.package").first().getAttribute("data-tracking");
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), SNAPSHOT), { timeout: 10_000 }).toContain(tracking);
  await page.getByRole("navigation", { name: "Screens" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  const confirm = page.getByRole("button", { name: /Sign out and delete/ });
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(page.getByLabel("Username")).toBeVisible();
  // Now, and once the app has drawn the sign-in screen (it may save that).
  expect((await page.evaluate((k) => localStorage.getItem(k), SNAPSHOT)) ?? "").not.toContain(tracking);
  await page.waitForTimeout(2_500);
  expect((await page.evaluate((k) => localStorage.getItem(k), SNAPSHOT)) ?? "").not.toContain(tracking);
  expect((await page.evaluate((k) => localStorage.getItem(k), SNAPSHOT)) ?? "").not.toContain("li class=\"package");
});

test("a damaged or hostile snapshot paints nothing that runs, and the app starts", async ({ page }) => {
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.addInitScript((k) => {
    if (sessionStorage.getItem("seeded")) return;
    sessionStorage.setItem("seeded", "1");
    localStorage.setItem(k, JSON.stringify({
      v: 1,
      path: location.pathname,
      html: '<p id="x">hello</p><img src="data:," onerror="window.__ran=1"><script>window.__ran=2</script><a href="javascript:window.__ran=3" id="js">x</a>',
    }));
  }, SNAPSHOT);
  const release = await holdWasm(page);
  await page.goto("./");
  await expect(page.locator("#prepaint #x")).toHaveText("hello");
  await expect(page.locator("#prepaint img")).not.toHaveAttribute("onerror", /.*/);
  await expect(page.locator("#prepaint script")).toHaveCount(0);
  await expect(page.locator("#prepaint #js")).not.toHaveAttribute("href", /.*/);
  expect(await page.evaluate(() => window.__ran)).toBeUndefined();
  release();
  await expect(page.locator("#prepaint")).toHaveCount(0);
  await expect(page.getByLabel("Username")).toBeVisible();

  // Not JSON at all: the app starts as usual.
  await page.evaluate((k) => localStorage.setItem(k, "{not json"), SNAPSHOT);
  await page.reload();
  await expect(page.getByLabel("Username")).toBeVisible();
  expect(problems).toEqual([]);
});

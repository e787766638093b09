// The session token: kept in memory and sessionStorage only. It never shows
// in a URL, in localStorage or in console output; signing out removes it, and
// so does an expired session (a 401 on the manifest refresh).
import { test, expect } from "@playwright/test";
import { routedApi, signInRouted, problem } from "./routed-api.js";
import { watchForErrors } from "./helpers.js";

test.use({ serviceWorkers: "block" });

const TOKEN = "tok-SECRET-5f1d9c0a-never-log-me";

/** Everything the test can see that must never hold the token. */
function watchLeaks(page) {
  const seen = { urls: [], console: [] };
  page.on("framenavigated", (f) => seen.urls.push(f.url()));
  page.on("console", (m) => seen.console.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => seen.console.push(`pageerror: ${e.message}`));
  return seen;
}

const storage = (page, area) =>
  page.evaluate((a) => Object.fromEntries(Object.entries(window[a])), area);

async function expectNoLeak(page, seen) {
  expect(seen.urls.length).toBeGreaterThan(0);
  for (const u of [...seen.urls, page.url()]) expect(u).not.toContain(TOKEN);
  for (const line of seen.console) expect(line).not.toContain(TOKEN);
  const local = await storage(page, "localStorage");
  expect(Object.keys(local).length).toBeGreaterThan(0);
  for (const [k, v] of Object.entries(local)) expect(`${k}=${v}`).not.toContain(TOKEN);
  expect(await page.evaluate(() => document.cookie)).not.toContain(TOKEN);
}

test("sign-in keeps the token out of URLs, localStorage and the console; sign-out clears it", async ({ page }) => {
  const errors = watchForErrors(page);
  const seen = watchLeaks(page);
  const api = await routedApi(page, { token: TOKEN });
  await signInRouted(page);
  await expect(page.locator("li.package")).toHaveCount(3);

  // It is used, as a bearer token, and kept for this tab only.
  await expect.poll(() => api.requests.filter((r) => r.what === "manifest").length).toBeGreaterThan(0);
  const authed = api.requests.find((r) => r.what === "manifest");
  expect(authed.headers.authorization).toBe(`Bearer ${TOKEN}`);
  expect(new URL(authed.url).search).not.toContain(TOKEN);
  expect(Object.values(await storage(page, "sessionStorage"))).toContain(TOKEN);

  // Move around the app, including a reload, then look everywhere.
  for (const path of ["./route", "./share", "./settings", "./"]) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
  }
  await page.reload();
  await expect(page.locator("li.package")).toHaveCount(3);
  await expectNoLeak(page, seen);

  // Sign out: gone from sessionStorage (and from requests afterwards).
  await page.goto("./settings");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByLabel("Username")).toBeVisible();
  const session = await storage(page, "sessionStorage");
  expect(Object.values(session)).not.toContain(TOKEN);
  expect(JSON.stringify(session)).not.toContain(TOKEN);
  await expectNoLeak(page, seen);
  expect(errors).toEqual([]);
});

test("an expired session (401 on refresh) clears the token but keeps the manifest", async ({ page }) => {
  const seen = watchLeaks(page);
  const api = await routedApi(page, { token: TOKEN });
  await signInRouted(page);
  await expect(page.locator("li.package")).toHaveCount(3);
  expect(Object.values(await storage(page, "sessionStorage"))).toContain(TOKEN);

  api.fail.manifest = (r) => r.fulfill(problem(401));
  await page.reload();
  await expect(page.getByText("Please sign in again").first()).toBeVisible({ timeout: 15_000 });
  await expect.poll(async () => JSON.stringify(await storage(page, "sessionStorage"))).not.toContain(TOKEN);
  // The saved manifest stays on screen for the driver meanwhile.
  await expect(page.locator("li.package")).toHaveCount(3);
  // And the app stops using the dead token.
  const before = api.requests.length;
  await page.waitForTimeout(3_000);
  const later = api.requests.slice(before).filter((r) => (r.headers.authorization || "").includes(TOKEN));
  expect(later).toEqual([]);
  await expectNoLeak(page, seen);
});

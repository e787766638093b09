// Issue 10: one dist/ works at / and under a sub-path, deep links load, and
// a broken config.json is a clear setup error rather than a blank page.
// Runs in both the "root" and "subpath" projects.
import { test, expect } from "@playwright/test";
import { signInDriver, waitForServiceWorker, watchForErrors } from "./helpers.js";

test("main flow: sign in, manifest, offline reload", async ({ page, context, baseURL }) => {
  const errors = watchForErrors(page);
  await signInDriver(page);
  await waitForServiceWorker(page);
  // The service worker's scope is the app's own base path.
  const scope = await page.evaluate(() => navigator.serviceWorker.controller && navigator.serviceWorker.ready.then((r) => r.scope));
  expect(scope).toBe(baseURL);
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator("li.package").first()).toBeVisible();
  expect(errors).toEqual([]);
});

test("deep link to the route screen loads the app", async ({ page }) => {
  await signInDriver(page);
  await page.goto("route");
  await expect(page.getByRole("heading", { level: 1, name: "Route", exact: true })).toBeVisible();
  expect(new URL(page.url()).pathname).toMatch(/\/route$/);
  // In-app links keep the base path.
  await page.getByRole("link", { name: "Manifest" }).click();
  await expect(page.locator("li.package").first()).toBeVisible();
  const base = new URL(page.url()).pathname;
  expect(base.endsWith("/")).toBe(true);
});

test("a broken config.json shows a setup error naming the problem", async ({ page }) => {
  await page.route("**/config.json", (route) => route.fulfill({ status: 200, contentType: "application/json", body: '{"api_base": "demo",,}' }));
  await page.goto("./");
  await expect(page.getByRole("heading", { name: "Roadbook is not set up correctly" })).toBeVisible();
  await expect(page.getByText(/not valid JSON \(line 1, column/)).toBeVisible();
});

test("a missing config.json is named as such", async ({ page }) => {
  await page.route("**/config.json", (route) => route.fulfill({ status: 404, contentType: "text/plain", body: "not found" }));
  await page.goto("./");
  await expect(page.getByText(/config.json could not be loaded \(the web server answered 404\)/)).toBeVisible();
});

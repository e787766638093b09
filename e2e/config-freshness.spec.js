// Issue 23, point 1: an operator's change to config.json reaches a driver on
// a slow network. The service worker answers config.json from its cache
// after 3 s; the network's answer, however late, replaces that cache and is
// adopted by the running app, and the next start begins with it.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { setServer, waitForServiceWorker, watchForErrors } from "./helpers.js";

const shipped = JSON.parse(readFileSync("public/config.json", "utf8"));
const OLD = shipped.support.phone;
const NEW = "+1-555-0199";

/** The support line the guidance offers after a failed sign-in. */
const callSupport = (page) => page.locator('.guidance a[href^="tel:"]').first();

async function failSignIn(page) {
  await page.getByLabel("Username").fill("driver");
  await page.getByLabel("Password").fill("roadbook");
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a config.json that arrives after the service worker's timeout is adopted and kept", async ({ page, context }) => {
  const errors = watchForErrors(page);
  await page.goto("./");
  await waitForServiceWorker(page);
  // The platform is down, so the guidance offers the support line.
  await setServer(page, { fault: "server_error" });
  await failSignIn(page);
  await expect(callSupport(page)).toContainText(OLD);

  // The operator changes the support number; this phone's network takes 5 s
  // to bring config.json, longer than the service worker waits.
  let served = 0;
  await context.route("**/config.json", async (route) => {
    await new Promise((r) => setTimeout(r, 5_000));
    served += 1;
    await route.fulfill({
      contentType: "application/json",
      body: JSON.stringify({ ...shipped, support: { ...shipped.support, phone: NEW } }),
    });
  });
  await page.reload();
  await failSignIn(page);
  // The late answer reaches the running app: the guidance on screen changes.
  await expect(callSupport(page)).toContainText(NEW, { timeout: 20_000 });
  expect(served).toBeGreaterThan(0);

  // The next start: the cached copy itself is the new one, even with no
  // network at all and without the app's own saved copy.
  await page.evaluate(() => localStorage.removeItem("roadbook.config.v1"));
  await context.setOffline(true);
  await page.reload();
  const cached = await page.evaluate(async () => (await (await fetch("config.json")).json()).support.phone);
  expect(cached).toBe(NEW);
  await context.setOffline(false);
  await failSignIn(page);
  await expect(callSupport(page)).toContainText(NEW);
  expect(errors).toEqual([]);
});

test("a late config.json that is not a config does not replace the cached one", async ({ page, context }) => {
  await page.goto("./");
  await waitForServiceWorker(page);
  let served = 0;
  await context.route("**/config.json", async (route) => {
    await new Promise((r) => setTimeout(r, 4_000));
    served += 1;
    await route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Login</title>" });
  });
  await page.reload();
  await expect(page.getByLabel("Username")).toBeVisible();
  await expect.poll(() => served, { timeout: 15_000 }).toBeGreaterThan(0);
  // Give the worker the moment it would need to store it.
  await page.waitForTimeout(1_000);
  await context.unroute("**/config.json");
  await context.setOffline(true);
  const cached = await page.evaluate(async () => (await (await fetch("config.json")).json()).support.phone);
  expect(cached).toBe(OLD);
  await context.setOffline(false);
});

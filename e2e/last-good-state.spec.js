// Issue 4: the saved manifest shows before any network call, survives
// offline reloads, tab closes, bad server data and corrupted storage, and no
// delivery mark is lost.
import { test, expect } from "@playwright/test";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serverState, setServer, signInDriver, waitForServiceWorker, watchForErrors } from "./helpers.js";

test("offline reload shows the app shell and the saved manifest", async ({ page, context }) => {
  const errors = watchForErrors(page);
  await signInDriver(page);
  await waitForServiceWorker(page);
  const first = await page.locator("li.package").first().getAttribute("data-tracking");

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator("li.package").first()).toHaveAttribute("data-tracking", first);
  await expect(page.locator(".saved-line")).toContainText("saved");
  await expect(page.locator(".net")).toHaveText("Offline");
  await page.screenshot({ path: "e2e/artifacts/offline-phone.png" });
  expect(errors).toEqual([]);
});

test("three marks made offline reach the server exactly once after reopening", async ({ page, context }) => {
  await signInDriver(page);
  await waitForServiceWorker(page);
  await context.setOffline(true);

  const rows = page.locator("li.package");
  const marked = [];
  for (let i = 0; i < 3; i++) {
    const row = rows.nth(i);
    marked.push(await row.getAttribute("data-package"));
    await row.getByRole("button", { name: /^Delivered/ }).click();
    await expect(row.locator(".status")).toHaveText("Delivered");
  }
  await expect(page.locator('[data-count="delivered"]')).toHaveText("3");

  // Close the tab straight away, then reopen while still offline.
  await page.close();
  const again = await context.newPage();
  await again.goto("./");
  await expect(again.locator('[data-count="delivered"]')).toHaveText("3");
  expect((await serverState(again)).events ?? []).toEqual([]);

  // The token lived in the closed tab only (never in localStorage): the
  // reopened app shows the saved work and asks for a sign-in to send it.
  await expect(again.getByText("You are signed out")).toBeVisible();
  await context.setOffline(false);
  await again.getByRole("link", { name: "Sign in" }).first().click();
  await again.getByLabel("Username").fill("driver");
  await again.getByLabel("Password").fill("roadbook");
  await again.getByRole("button", { name: "Sign in" }).click();
  await expect.poll(async () => ((await serverState(again)).events ?? []).length, { timeout: 20_000 }).toBe(3);
  const events = (await serverState(again)).events;
  expect(events.map((e) => e.package_id).sort()).toEqual([...marked].sort());
  expect(new Set(events.map((e) => e.id)).size).toBe(3);
  await expect(again.locator(".action-bar .sync")).toHaveText("All marks sent");
});

// What the refusal names for each fault (the validator's words).
const REASON = { "malformed-json": "not valid JSON", "wrong-schema": "not a manifest", "truncated-json": "not valid JSON" };
for (const fault of ["malformed-json", "wrong-schema", "truncated-json"]) {
  test(`a ${fault} manifest from the server does not replace the saved one`, async ({ page }) => {
    await signInDriver(page);
    const before = await page.locator("li.package").first().getAttribute("data-tracking");
    await setServer(page, { fault: fault.replace(/-/g, "_"), fault_scope: "manifest" });
    await page.reload();
    // The refusal itself (any warning or an outage panel would not do).
    const notice = page.locator(".refresh-rejected");
    await expect(notice).toContainText("The system sent a manifest Roadbook could not use, so your saved one is kept:", { timeout: 20_000 });
    await expect(notice.locator("li").first()).toContainText(REASON[fault]);
    await expect(page.locator(".guidance")).toHaveCount(0);
    await expect(page.locator("li.package").first()).toHaveAttribute("data-tracking", before);
    await expect(page.locator('[data-count="total"]')).not.toHaveText("0");
  });
}

test("two tabs marking different packages both sync", async ({ page, context }) => {
  await signInDriver(page);
  const other = await context.newPage();
  await other.goto("./");
  await expect(other.locator("li.package").first()).toBeVisible();

  const a = page.locator("li.package").nth(0);
  const b = other.locator("li.package").nth(1);
  const ids = [await a.getAttribute("data-package"), await b.getAttribute("data-package")];
  await Promise.all([
    a.getByRole("button", { name: /^Delivered/ }).click(),
    b.getByRole("button", { name: /^Delivered/ }).click(),
  ]);
  await expect.poll(async () => ((await serverState(page)).events ?? []).map((e) => e.package_id).sort(), { timeout: 20_000 }).toEqual(ids.sort());
  // Each tab shows both marks.
  await expect(page.locator('[data-count="delivered"]')).toHaveText("2");
  await expect(other.locator('[data-count="delivered"]')).toHaveText("2");
});

test("corrupted storage is named and the app still starts", async ({ page }) => {
  const errors = watchForErrors(page);
  await signInDriver(page);
  await page.evaluate(() => localStorage.setItem("roadbook.manifest", '{"version":2,"checksum":"0","manifest":{"broken":'));
  await page.reload();
  await expect(page.getByText(/could not be read/)).toBeVisible();
  // The app recovers by downloading the manifest again.
  await expect(page.locator("li.package").first()).toBeVisible({ timeout: 20_000 });
  expect(errors).toEqual([]);
});

test("a new version of the app waits and offers to reload", async ({ browser }) => {
  // A private copy of dist/ on its own port, so its sw.js can change.
  const dir = mkdtempSync(join(tmpdir(), "roadbook-update-"));
  cpSync(process.env.ROADBOOK_DIST || "dist", dir, { recursive: true });
  const port = 4390 + Math.floor(Math.random() * 50);
  const server = spawn("node", ["e2e/static-server.mjs", dir, String(port), "/"], { stdio: "ignore" });
  try {
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}/` });
    const page = await context.newPage();
    await expect.poll(async () => (await page.goto("./").catch(() => null))?.status() ?? 0).toBe(200);
    await waitForServiceWorker(page);
    await expect(page.locator(".update-banner")).toHaveCount(0);

    const sw = join(dir, "sw.js");
    writeFileSync(sw, readFileSync(sw, "utf8").replace(/const VERSION = "[^"]*"/, 'const VERSION = "next-release"'));
    await page.reload();
    await expect(page.locator(".update-banner")).toContainText("Update available");
    // The new version takes over and the page reloads itself.
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Reload" }).click()]);
    await expect
      .poll(() => page.evaluate(() => caches.keys()).catch(() => []))
      .toContain("roadbook-shell-next-release");
    await expect(page.locator(".update-banner")).toHaveCount(0);
    await context.close();
  } finally {
    server.kill();
  }
});

test("storage full: the mark stays on screen and the driver is told", async ({ page }) => {
  const errors = watchForErrors(page);
  await signInDriver(page);
  // Fill the rest of the quota.
  await page.evaluate(() => {
    let n = 0;
    for (const size of [256 * 1024, 16 * 1024, 1024, 64, 1]) {
      const chunk = "x".repeat(size);
      try {
        for (;;) localStorage.setItem(`filler-${n++}`, chunk);
      } catch {}
    }
  });
  const row = page.locator("li.package").first();
  await row.getByRole("button", { name: /^Delivered/ }).click();
  await expect(row.locator(".status")).toHaveText("Delivered");
  await expect(page.getByText(/not saving Roadbook's data \(storage is full\)/)).toBeVisible();
  expect(errors).toEqual([]);
});

test("storage blocked by the browser: the app runs in memory and says so", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  });
  await page.goto("./");
  await page.getByLabel("Username").fill("driver");
  await page.getByLabel("Password").fill("roadbook");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("li.package").first()).toBeVisible();
  await expect(page.getByText(/storage is blocked by the browser/).first()).toBeVisible();
  expect(errors).toEqual([]);
});

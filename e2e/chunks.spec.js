// Issue 20: the release build is split. The driver's first screen is what
// index.html loads; every other screen is a chunk fetched on first use and
// precached by the service worker. A chunk that cannot be fetched is a
// named, recoverable notice: the driver's manifest, marks and sync go on.
import { test, expect } from "@playwright/test";
import { readdirSync } from "node:fs";
import { serverState, signInDriver, waitForServiceWorker } from "./helpers.js";

const dist = process.env.ROADBOOK_DIST || "dist";
const chunks = readdirSync(dist).filter((f) => /\.wasm$/.test(f) && !/^roadbook-[0-9a-f]+_bg\.wasm$/.test(f));

test("the build is split, and the service worker precaches every chunk", async ({ page, context }) => {
  expect(chunks.some((f) => f.startsWith("split_route-")), "a route chunk in dist/").toBe(true);
  expect(chunks.some((f) => f.startsWith("split_fleet-")), "a fleet chunk in dist/").toBe(true);
  await signInDriver(page);
  await waitForServiceWorker(page);
  const cached = await page.evaluate(async () => {
    const names = [];
    for (const key of await caches.keys()) {
      for (const req of await (await caches.open(key)).keys()) names.push(new URL(req.url).pathname.split("/").pop());
    }
    return names;
  });
  for (const c of chunks) expect(cached, c).toContain(c);
  // Offline, a screen never opened before still opens: its chunk is cached.
  await context.setOffline(true);
  await page.getByRole("navigation", { name: "Screens" }).getByRole("link", { name: "Route" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Route" })).toBeVisible();
  await expect(page.locator(".part-missing")).toHaveCount(0);
});

test.describe("with a chunk that cannot be fetched", () => {
  // Without a service worker, so the blocked request really fails.
  test.use({ serviceWorkers: "block" });

  test("the route screen says so; the manifest, marks and sync keep working; Try again loads it", async ({ page, context }) => {
    const problems = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => /panicked|RuntimeError|unreachable/.test(m.text()) && problems.push(m.text()));
    let blocked = true;
    let refused = 0;
    await context.route(/\/split_route-[0-9a-f]+\.wasm$/, (r) => {
      if (!blocked) return r.continue();
      refused++;
      return r.abort("connectionrefused");
    });
    await signInDriver(page);
    const nav = page.getByRole("navigation", { name: "Screens" });
    await nav.getByRole("link", { name: "Route" }).click();
    const notice = page.locator(".part-missing");
    await expect(notice).toBeVisible();
    await expect(notice.getByRole("heading")).toHaveText("This part of Roadbook could not be loaded");
    await expect(notice).toContainText("Your manifest and marks are safe on this phone");
    expect(refused).toBeGreaterThan(0);

    // The driver's own screen is untouched: a mark is made, kept and sent.
    await nav.getByRole("link", { name: "Manifest" }).click();
    const row = page.locator("li.package").first();
    const id = await row.getAttribute("data-package");
    await row.getByRole("button", { name: /^Delivered/ }).click();
    await expect(row.locator(".status")).toHaveText("Delivered");
    await expect.poll(async () => ((await serverState(page)).events ?? []).map((e) => e.package_id), { timeout: 20_000 }).toContain(id);

    // Still blocked: the notice again (a failure is not remembered, each
    // visit fetches anew). The connection comes back: Try again loads it.
    const before = refused;
    await nav.getByRole("link", { name: "Route" }).click();
    await expect(page.locator(".part-missing")).toBeVisible();
    expect(refused).toBeGreaterThan(before);
    blocked = false;
    await page.locator(".part-missing").getByRole("button", { name: "Try again" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Route" })).toBeVisible();
    await expect(page.locator(".part-missing")).toHaveCount(0);
    expect(problems).toEqual([]);
  });
});

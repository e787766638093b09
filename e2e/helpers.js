// Shared steps for the end-to-end specs.
import { expect } from "@playwright/test";

export const SERVER_KEY = "roadbook.demo-server.v1";

export async function signIn(page, user = "driver", password = "roadbook") {
  await page.goto("./");
  await page.getByLabel("Username").fill(user);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInDriver(page) {
  await signIn(page);
  await expect(page.locator("li.package").first()).toBeVisible();
}

/** The demo server's stored state (its "database"). */
export async function serverState(page) {
  return page.evaluate((k) => JSON.parse(localStorage.getItem(k) || "{}"), SERVER_KEY);
}

/** Changes the demo server's state, e.g. to inject a fault. */
export async function setServer(page, patch) {
  await page.evaluate(
    ([k, p]) => {
      const s = JSON.parse(localStorage.getItem(k) || "{}");
      localStorage.setItem(k, JSON.stringify({ ...s, ...p }));
    },
    [SERVER_KEY, patch],
  );
}

/** Waits until the service worker controls the page (offline-ready). */
export async function waitForServiceWorker(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 15_000 }).toBe(true);
}

/** Collects uncaught errors and Rust panics from the console. */
export function watchForErrors(page) {
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    const t = m.text();
    if (m.type() === "error" && !/Failed to load resource/.test(t)) problems.push(t);
    if (/panicked|RuntimeError|unreachable/.test(t)) problems.push(t);
  });
  return problems;
}

// Each fleet row's done (delivered + attempted) over total, read from the
// numbers the dispatcher sees ("33 / 3 / 230"), in row order; drivers
// without packages are left out.
export async function fleetProgress(page) {
  return page.locator(".fleet-table tbody tr").evaluateAll((trs) =>
    trs
      .map((tr) => tr.querySelector(".nums").textContent.split("/").map(Number))
      .filter(([, , total]) => total > 0)
      .map(([delivered, attempted, total]) => (delivered + attempted) / total),
  );
}

/**
 * After a fleet text filter for `part`: rows are left, each matches `part`
 * in one of the filter's three fields (name, driver id, next-stop street),
 * and some match by name. Which street a demo driver is on depends on the
 * time of day, so a part of a name can also be part of a street.
 */
export async function expectFleetFilteredBy(page, part) {
  const want = part.toLowerCase();
  const found = await page.locator(".fleet-table tbody tr").evaluateAll((t) => t.map((r) => [
    r.querySelector(".driver-link").textContent, r.dataset.driver, r.querySelector(".col-next_stop").textContent,
  ].map((x) => x.trim().toLowerCase())));
  expect(found.length).toBeGreaterThan(0);
  expect(found.some(([name]) => name.includes(want))).toBe(true);
  for (const fields of found) expect(fields.some((x) => x.includes(want)), fields.join(" | ")).toBe(true);
}

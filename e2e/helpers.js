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

/**
 * Every guidance panel on screen tells the truth about the screen it is on
 * (issue 19): what its words claim is there.
 * - "… is below" (a saved manifest or fleet): the list is after the panel
 *   in the page and visible.
 * - "no saved manifest on this phone yet": nothing is saved and no package
 *   is on screen.
 * - "N unsent marks" / "1 unsent mark": that many marks are owed to the
 *   server in storage.
 * - "(N packages)": the saved manifest holds that many packages.
 * - "keeps trying" or "tries again on its own": a countdown (or "when the
 *   phone is back online") is in the panel.
 * - a support reference to quote: the code the panel names is on it.
 * English and Spanish.
 */
export async function expectGuidanceTrue(page) {
  const panels = await page.locator("section.guidance").all();
  for (const panel of panels) {
    const text = (await panel.textContent()).replace(/\s+/g, " ");
    const facts = await panel.evaluate((el) => {
      const after = (sel) =>
        [...document.querySelectorAll(sel)].some(
          (x) => el.compareDocumentPosition(x) & Node.DOCUMENT_POSITION_FOLLOWING && x.getClientRects().length > 0,
        );
      let saved = null;
      try {
        saved = JSON.parse(localStorage.getItem("roadbook.manifest") || "null");
      } catch {}
      let marks = null;
      try {
        marks = JSON.parse(localStorage.getItem("roadbook.marks.v1") || "null");
      } catch {}
      const manifest = saved && (saved.manifest || saved);
      return {
        packagesBelow: after("li.package"),
        fleetBelow: after(".fleet-table tbody tr"),
        packagesOnScreen: document.querySelectorAll("li.package").length,
        savedPackages: manifest && manifest.stops ? manifest.stops.reduce((n, s) => n + s.packages.length, 0) : null,
        unsent: marks && marks.outbox ? marks.outbox.events.length : 0,
        countdown: [...el.querySelectorAll(".retry .countdown")].some((c) => c.textContent.trim() !== ""),
      };
    });
    const says = (re) => re.test(text);
    if (says(/manifest saved at .* is below|manifiesto guardado .* está abajo/i)) {
      expect(facts.packagesBelow, `"${text.slice(0, 120)}…" says the manifest is below`).toBe(true);
    }
    if (says(/fleet view saved at .* is below|flota guardada .* está abajo/i)) {
      expect(facts.fleetBelow, "says the fleet is below").toBe(true);
    }
    if (says(/no saved manifest on this phone yet|ningún manifiesto guardado en este teléfono/i)) {
      expect(facts.savedPackages, "says nothing is saved").toBeNull();
      expect(facts.packagesOnScreen, "says nothing is saved").toBe(0);
    }
    const unsent = text.match(/your (\d+) unsent marks?|sus? (\d+) marcas? sin enviar/i);
    if (unsent) expect(facts.unsent, `says ${unsent[0]}`).toBe(Number(unsent[1] ?? unsent[2]));
    const packages = text.match(/\((\d+) packages?\)|\((\d+) paquetes?\)/);
    if (packages) expect(facts.savedPackages, `says ${packages[0]}`).toBe(Number(packages[1] ?? packages[2]));
    if (says(/keeps trying|tries again on its own|sigue intentándolo|vuelve a intentarlo solo/i)) {
      expect(facts.countdown, "says it retries: a countdown is shown").toBe(true);
    }
    const code = text.match(/\b(\d\d-\d\d\d)\b/);
    if (code) await expect(panel.locator(".support-code")).toContainText(code[1]);
  }
}

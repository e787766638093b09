// Issue 19.6 / 23.4: sign-out and retention leave nothing personal in the
// browser's storage. The list of keys, and which are personal, is read from
// docs/storage.md (which a native test holds to src/model/storage_keys.rs),
// so a key the app writes without declaring it fails here too.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { fixtureManifest, fixtureFleet, routedApi, signInRouted, problem } from "./routed-api.js";
import { signIn, watchForErrors } from "./helpers.js";

test.use({ serviceWorkers: "block" });

/** docs/storage.md's key table: name → { area, personal }. */
const DECLARED = (() => {
  const lines = readFileSync("docs/storage.md", "utf8").split("\n");
  const start = lines.findIndex((l) => l.startsWith("| key |"));
  const rows = [];
  for (let i = start; i < lines.length && lines[i].startsWith("|"); i++) rows.push(lines[i].split("|").slice(1, -1).map((c) => c.trim().replace(/[`*]/g, "")));
  const [head, , ...body] = rows;
  const col = (n) => head.indexOf(n);
  return new Map(body.map((r) => [r[col("key")], { area: r[col("area")], personal: r[col("personal")] === "yes" }]));
})();

/** Both storages, as { local: {k: v}, session: {k: v} }. */
const storages = (page) =>
  page.evaluate(() => ({
    local: Object.fromEntries(Object.entries(localStorage)),
    session: Object.fromEntries(Object.entries(sessionStorage)),
  }));

/**
 * Nothing personal: every key is one the docs declare (in its area), none
 * is personal (but for those in `allowed`), and none of `words` (names,
 * addresses, notes) is anywhere in either storage.
 */
async function expectNothingPersonal(page, words, allowed = []) {
  const { local, session } = await storages(page);
  for (const [area, items] of [["local", local], ["session", session]]) {
    for (const key of Object.keys(items)) {
      const d = DECLARED.get(key);
      expect(d, `${key} is written but not declared in docs/storage.md`).toBeTruthy();
      expect(d.area, `${key} in ${area}Storage`).toBe(area);
      if (!allowed.includes(key)) expect(d.personal, `${key} is personal and still in ${area}Storage`).toBe(false);
    }
  }
  const everything = JSON.stringify([local, session]);
  for (const w of words) expect(everything, `"${w}" is still stored`).not.toContain(w);
  return { local, session };
}

/** WCAG 2.2 AA checks on what is on the page (as e2e/a11y.spec.js). */
async function expectNoAxeViolations(page, where) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${where}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`)).toEqual([]);
}

const personalWords = (m) => [
  m.driver.name,
  ...m.stops.flatMap((s) => [s.address.line1, s.notes, s.access_code, ...s.packages.flatMap((p) => [p.recipient, p.notes])]),
].filter(Boolean);

test("the storage table declares personal keys", () => {
  expect(DECLARED.size).toBeGreaterThan(8);
  for (const k of ["roadbook.manifest", "roadbook.marks.v1", "roadbook.marks.unreadable", "roadbook.user.v1", "roadbook.token", "roadbook.fleet.v1", "roadbook.demo-server.v1"]) {
    expect(DECLARED.get(k)?.personal, k).toBe(true);
  }
});

test("a driver's sign-out leaves nothing personal in either storage", async ({ page }) => {
  const errors = watchForErrors(page);
  const m = fixtureManifest();
  const api = await routedApi(page, { manifest: m });
  await signInRouted(page);
  await expect(page.locator("li.package")).toHaveCount(3);
  // A mark with a note and a preference, so there is something of each kind.
  const row = page.locator("li.package").filter({ has: page.getByRole("button", { name: /^Attempted/ }) }).first();
  await row.getByRole("button", { name: /^Attempted/ }).click();
  await row.getByLabel("Note (optional)").fill("Dog in the yard, left at no. 12");
  await row.getByRole("button", { name: "Save attempt" }).click();
  await expect.poll(() => api.events.length).toBe(1);
  await page.getByRole("button", { name: "High contrast" }).click();
  const before = await storages(page);
  expect(Object.keys(before.local)).toEqual(expect.arrayContaining(["roadbook.manifest", "roadbook.marks.v1", "roadbook.user.v1", "roadbook.contrast"]));
  expect(Object.keys(before.session)).toContain("roadbook.token");

  await page.goto("./settings");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByLabel("Username")).toBeVisible();
  const after = await expectNothingPersonal(page, [...personalWords(m), "Dog in the yard", api.token]);
  // Settings of the phone stay.
  expect(after.local["roadbook.contrast"]).toBe("high");
  expect(errors).toEqual([]);
});

test("a dispatcher's sign-out removes the fleet (drivers' names and addresses)", async ({ page }) => {
  const fleet = fixtureFleet();
  await routedApi(page, { fleet });
  await signInRouted(page, "dispatch");
  await expect(page.locator(".driver-link").first()).toBeVisible();
  await expect.poll(async () => Object.keys((await storages(page)).local)).toContain("roadbook.fleet.v1");
  await page.goto("./settings");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByLabel("Username")).toBeVisible();
  await expectNothingPersonal(page, [...fleet.drivers.map((d) => d.name), fleet.drivers[0].next_stop.line1]);
});

test("in demo mode, sign-out also removes the demo server's stored marks", async ({ page }) => {
  await signIn(page);
  const row = page.locator("li.package").first();
  await row.getByRole("button", { name: /^Delivered/ }).click();
  await expect.poll(async () => JSON.parse((await storages(page)).local["roadbook.demo-server.v1"] || "{}").events?.length ?? 0).toBe(1);
  await page.goto("./settings");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByLabel("Username")).toBeVisible();
  await expectNothingPersonal(page, ["Alex Rivera"]);
});

test("unreadable marks are offered as a download before sign-out removes them", async ({ page }) => {
  const errors = watchForErrors(page);
  const m = fixtureManifest();
  await routedApi(page, { manifest: m });
  await signInRouted(page);
  await expect(page.locator("li.package")).toHaveCount(3);
  const broken = '{"manifest_id":"M-1","history":[{"id":"e1","package_id":"P","note":"gate code 4821 — kept for support"';
  await page.evaluate((t) => localStorage.setItem("roadbook.marks.v1", t), broken);
  await page.reload();
  // Said on the manifest, with the download.
  const card = page.locator(".manifest .unreadable-marks");
  await expect(card).toContainText("could not be read. A copy is kept aside for driver support");
  await expect(card).toContainText("It is deleted when you sign out, or on its own on");
  await expectNoAxeViolations(page, "manifest with unreadable marks");
  const [fromManifest] = await Promise.all([page.waitForEvent("download"), card.getByRole("button", { name: "Download the unreadable marks" }).click()]);
  expect(fromManifest.suggestedFilename()).toMatch(/^roadbook-unreadable-marks-\d{4}-\d\d-\d\d\.txt$/);
  expect(readFileSync(await fromManifest.path(), "utf8")).toBe(broken);
  expect(JSON.parse((await storages(page)).local["roadbook.marks.unreadable"]).texts).toEqual([broken]);

  // Sign-out asks first and offers it again.
  await page.goto("./settings");
  await page.locator(".settings").getByRole("button", { name: "Sign out", exact: true }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("Signing out deletes the copy of delivery marks that could not be read. Download it for driver support first.");
  const [download] = await Promise.all([page.waitForEvent("download"), confirm.getByRole("button", { name: "Download the unreadable marks" }).click()]);
  expect(readFileSync(await download.path(), "utf8")).toBe(broken);
  await expect(confirm).toContainText(`Saved ${download.suggestedFilename()} to your downloads.`);
  await expectNoAxeViolations(page, "sign-out with unreadable marks");
  await confirm.getByRole("button", { name: "Sign out and delete them" }).click();
  await expect(page.getByLabel("Username")).toBeVisible();
  await expectNothingPersonal(page, [...personalWords(m), "gate code 4821"]);
  expect(errors).toEqual([]);
});

test("a dispatcher's saved fleet past the retention window is purged at start, with the rest", async ({ browser }) => {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const fleet = fixtureFleet();
  await routedApi(page, { fleet });
  await signInRouted(page, "dispatch");
  await expect(page.locator(".driver-link").first()).toBeVisible();
  await expect.poll(async () => Object.keys((await storages(page)).local)).toContain("roadbook.fleet.v1");
  const savedAt = JSON.parse((await storages(page)).local["roadbook.fleet.v1"]).saved_at_ms;
  await page.close();

  // A new tab, 25 hours later (the shipped window is 24 h), the fleet endpoint down.
  const later = await context.newPage();
  await later.clock.setFixedTime(savedAt + 25 * 3_600_000);
  const api = await routedApi(later, { fleet });
  api.fail.fleet = (r) => r.fulfill(problem(503));
  await later.goto("./");
  await expect(later.getByLabel("Username")).toBeVisible();
  await expect(later.locator(".driver-link")).toHaveCount(0);
  await expectNothingPersonal(later, fleet.drivers.map((d) => d.name));
  await context.close();
});

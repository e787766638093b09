// Retention with a controlled clock: once retention_hours_after_block (24 h
// in the shipped config) have passed since the block ended, every personal
// key (the manifest with recipients' names, addresses and notes, the user
// record, the token) leaves storage and the screen, but a mark that has not
// reached the server is never lost: the sign-in screen says it is kept, and
// it is sent as soon as the driver is signed in again.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { fixtureManifest, routedApi, signInRouted, problem } from "./routed-api.js";

test.use({ serviceWorkers: "block" });

const HOUR = 3_600_000;
const dayLater = (iso, days) => {
  const m = /^(\d{4}-\d\d-\d\d)(T.*)$/.exec(iso);
  const d = new Date(`${m[1]}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.toISOString().slice(0, 10)}${m[2]}`;
};

test("personal data is purged after the retention window; the unsent mark survives and is sent", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: "block" });
  // The clock is pinned to the fixture's own day below.
  const m = fixtureManifest({ asDated: true });
  const names = m.stops.flatMap((s) => s.packages.map((p) => p.recipient));
  const notes = [...m.stops.map((s) => s.notes), ...m.stops.flatMap((s) => s.packages.map((p) => p.notes))].filter(Boolean);
  const blockEnd = Date.parse(m.block.end);

  // During the block: sign in, mark a package while the server refuses marks.
  const page = await context.newPage();
  await page.clock.setFixedTime(Date.parse("2026-11-25T10:00:00-08:00"));
  const api = await routedApi(page, { manifest: m });
  api.fail.events = (r) => r.fulfill(problem(503));
  await signInRouted(page);
  await expect(page.locator("li.package")).toHaveCount(3);
  const packageId = await page.locator("li.package").filter({ has: page.getByRole("button", { name: /^Delivered/ }) }).first().getAttribute("data-package");
  const row = page.locator(`li.package[data-package="${packageId}"]`);
  await row.getByRole("button", { name: /^Delivered/ }).click();
  await expect(row.locator(".status")).toHaveText("Delivered");
  const local = () => page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
  await expect.poll(async () => JSON.parse((await local())["roadbook.marks.v1"]).outbox.events.length).toBe(1);
  const stored = await local();
  for (const n of names) expect(stored["roadbook.manifest"]).toContain(n);
  const unsent = JSON.parse(stored["roadbook.marks.v1"]).outbox.events[0].event;
  expect(unsent.package_id).toBe(packageId);

  // Just before the window ends (a new tab, the next day): still there.
  await page.close();
  const before = await context.newPage();
  await before.clock.setFixedTime(blockEnd + 24 * HOUR - 60_000);
  await routedApi(before, { manifest: m });
  await before.goto("./");
  await before.waitForTimeout(2_000);
  expect(await before.evaluate(() => localStorage.getItem("roadbook.manifest"))).toContain(names[0]);
  await before.close();

  // Past the window: every personal key purged from storage and screen
  // (the phone is signed out), the unsent mark kept, and the screen says so.
  const after = await context.newPage();
  await after.clock.setFixedTime(blockEnd + 24 * HOUR + 60_000);
  const api2 = await routedApi(after, { manifest: m });
  api2.fail.manifest = (r) => r.fulfill(problem(503));
  await after.goto("./");
  await expect.poll(() => after.evaluate(() => localStorage.getItem("roadbook.manifest"))).toBeNull();
  const left = await after.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }));
  // Only the phone's settings and the marks (holding the unsent one) remain,
  // and the time of the sign-out the purge made (other tabs follow it).
  expect(left.local.sort()).toEqual(["roadbook.config.v1", "roadbook.marks.v1", "roadbook.signed-out-at"]);
  expect(left.session).toEqual([]);
  const everything = await after.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  for (const n of [...names, ...notes, m.stops[0].address.line1, m.driver.name]) expect(everything).not.toContain(n);
  const marks = await after.evaluate(() => JSON.parse(localStorage.getItem("roadbook.marks.v1")));
  expect(marks.history).toEqual([]);
  expect(marks.outbox.events.map((p) => p.event)).toEqual([unsent]);
  const body = await after.locator("body").innerText();
  for (const n of [...names, ...notes, m.driver.name]) expect(body).not.toContain(n);
  // The screen tells the truth: signed out, the manifest removed and why,
  // the unsent mark kept until it is sent; nothing loading.
  await expect(after.getByLabel("Username")).toBeVisible();
  await expect(after.locator(".notice.purged")).toHaveText(
    "Your last manifest and your sign-in were removed from this phone: its block ended more than 24 hours ago, and your company keeps personal data no longer than that.",
  );
  await expect(after.locator(".notice.unsent-kept")).toHaveText(
    "1 mark made on this phone has not reached the company's system yet. It is kept here and sent once you sign in.",
  );
  const shown = await after.locator("body").innerText();
  expect(shown).not.toContain("Loading your manifest");
  expect(shown).not.toContain("Your saved manifest and marks are below");
  await after.screenshot({ path: "e2e/artifacts/retention-after-purge.png" });
  const axe = await new AxeBuilder({ page: after }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`)).toEqual([]);

  // The next day's manifest arrives after signing in; the old mark is sent.
  const next = fixtureManifest({ asDated: true });
  next.id = "M-2026-11-27-D-1001";
  next.generated_at = dayLater(next.generated_at, 2);
  next.block.start = dayLater(next.block.start, 2);
  next.block.end = dayLater(next.block.end, 2);
  for (const s of next.stops) if (s.window) s.window = { start: dayLater(s.window.start, 2), end: dayLater(s.window.end, 2) };
  api2.manifest = next;
  delete api2.fail.manifest;
  await signInRouted(after);
  await expect(after.locator("li.package")).toHaveCount(3);
  await expect.poll(() => api2.events.map((e) => e.id)).toContain(unsent.id);
  // The purge notice was about the last manifest: not over the new one.
  await expect(after.locator(".notice.purged")).toHaveCount(0);
  await expect.poll(async () => (await after.evaluate(() => JSON.parse(localStorage.getItem("roadbook.marks.v1")))).outbox.events.length).toBe(0);
  await context.close();
});

// Issue 23, point 5: a share link is a whole manifest in a URL. It leaves out
// door access codes unless the sender ticks "include"; the import screen
// says who made it and when (as the link claims); the `#import=` part leaves
// the address bar as soon as the link is read; and once the driver signs in
// again, the company's manifest replaces an imported one only on their yes.
import { test, expect } from "@playwright/test";
import { inflateRawSync } from "node:zlib";
import { routedApi, signInRouted, fixtureManifest } from "./routed-api.js";
import { watchForErrors } from "./helpers.js";

test.use({ serviceWorkers: "block" });

/** The JSON a share link carries. */
function linkJson(link) {
  const payload = new URL(link).hash.replace(/^#import=1\./, "").replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(inflateRawSync(Buffer.from(payload, "base64")).toString("utf8"));
}

const codes = (m) => m.stops.map((s) => s.access_code).filter(Boolean);

test("a dispatcher's link leaves out access codes unless ticked, and the driver sees who made it", async ({ page, browser }) => {
  const errors = watchForErrors(page);
  const driverManifest = fixtureManifest();
  expect(codes(driverManifest)).toEqual(["#4821"]);
  await routedApi(page, { driverManifests: { "D-1001": driverManifest } });
  await signInRouted(page, "dispatch");
  await page.locator('.fleet-table tr[data-driver="D-1001"] .driver-link').click();
  await expect(page.locator("article.stop").first()).toBeVisible();

  // By default: no access codes, and the link says who made it and when.
  const box = page.locator("#share-link-text");
  await expect(box).toHaveValue(/#import=1\./);
  const plain = await box.inputValue();
  const sent = linkJson(plain);
  expect(codes(sent)).toEqual([]);
  expect(sent.roadbook_link).toMatchObject({ by: "Dana Dispatcher", role: "dispatcher", access_codes: false });
  expect(Math.abs(Date.parse(sent.roadbook_link.at) - Date.now())).toBeLessThan(10 * 60_000);

  // Ticked: the codes go in, and the link says so.
  await page.getByLabel("Include door access codes").check();
  await expect(box).not.toHaveValue(plain);
  const withCodes = linkJson(await box.inputValue());
  expect(codes(withCodes)).toEqual(["#4821"]);
  expect(withCodes.roadbook_link.access_codes).toBe(true);

  // A driver's phone, nobody signed in, opens the plain link.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: "block" });
  const p2 = await phone.newPage();
  const p2errors = watchForErrors(p2);
  const base = fixtureManifest();
  const companyManifest = { ...base, id: "M-COMPANY-NEW", generated_at: base.generated_at.replace("T06:30", "T07:30") };
  await routedApi(p2, { manifest: companyManifest });
  await p2.goto(plain);
  await expect(p2.getByRole("heading", { name: "Check before importing" })).toBeVisible();
  // Read, and gone from the address bar before anything is confirmed.
  expect(new URL(p2.url()).hash).toBe("");
  expect(new URL(p2.url()).pathname).toMatch(/\/import$/);
  const origin = p2.locator(".link-origin");
  await expect(origin).toContainText(/The link says Dana Dispatcher \(dispatcher\) made it on [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2} \d{1,2}:\d\d\s[AP]M\./);
  await expect(origin).toContainText("Anyone can make a link that says this: use it only if you expected one.");
  await expect(origin).toContainText("Door access codes were left out of this link: ask whoever sent it if you need one.");
  await p2.locator('button[data-confirm="import"]').click();
  await expect(p2.locator(".saved-line")).toContainText("imported from a link");
  expect(codes(await p2.evaluate(() => JSON.parse(localStorage.getItem("roadbook.manifest")).manifest))).toEqual([]);

  // The driver signs in again: the company's (different) manifest is offered, not forced.
  await signInRouted(p2);
  const offer = p2.locator(".server-offer");
  await expect(offer).toContainText("The company's system has a different manifest for you than the one you imported.");
  await expect(offer).toContainText("The company's: 2 stops, 3 packages, made");
  await expect(p2.locator(".saved-line")).toContainText("imported from a link");
  await offer.getByRole("button", { name: "Use the company's manifest" }).click();
  await expect(offer).toHaveCount(0);
  await expect(p2.locator(".saved-line")).toContainText("from the company's system");
  expect(await p2.evaluate(() => JSON.parse(localStorage.getItem("roadbook.manifest")).manifest.id)).toBe("M-COMPANY-NEW");

  expect(p2errors).toEqual([]);
  await phone.close();
  expect(errors).toEqual([]);
});

test("the driver can keep the imported manifest instead", async ({ page }) => {
  const errors = watchForErrors(page);
  const api = await routedApi(page, { manifest: { ...fixtureManifest(), id: "M-COMPANY-OTHER" } });
  // An imported manifest (a file, this time) on a phone with nobody signed in.
  await page.goto("./import");
  await page.locator("#import-file").setInputFiles({
    name: "handoff.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(fixtureManifest())),
  });
  await page.locator('button[data-confirm="import"]').click();
  await expect(page.locator(".saved-line")).toContainText("imported from file handoff.json");
  await signInRouted(page);
  const offer = page.locator(".server-offer");
  await expect(offer).toBeVisible();
  await offer.getByRole("button", { name: "Keep the imported one" }).click();
  await expect(offer).toHaveCount(0);
  await expect(page.locator(".saved-line")).toContainText("imported from file handoff.json");
  expect(api.requests.filter((r) => r.what === "manifest").length).toBeGreaterThan(0);
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem("roadbook.manifest")).manifest.id)).toBe(fixtureManifest().id);
  expect(errors).toEqual([]);
});

// Foundation: a fresh visitor signs in with the demo driver and sees real
// packages from the demo manifest.
import { test, expect } from "@playwright/test";

test("fresh app: demo sign-in shows the manifest", async ({ page }) => {
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));

  await page.goto("./");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByText("Demo mode")).toBeVisible();

  await page.getByLabel("Username").fill("driver");
  await page.getByLabel("Password").fill("roadbook");
  await page.getByRole("button", { name: "Sign in" }).click();

  // Packages from the demo manifest: real rows, and counts over the whole
  // manifest (the list itself renders incrementally).
  const packages = page.locator("li.package");
  await expect(packages.first()).toBeVisible();
  await expect(packages.first()).toContainText(/RB\d{10}/);
  await expect(page.locator("article.stop").first()).toContainText("Portland");
  const total = Number(await page.locator('[data-count="total"]').textContent());
  const stopsLeft = Number(await page.locator('[data-count="stops-left"]').textContent());
  expect(total).toBeGreaterThanOrEqual(300);
  expect(stopsLeft).toBeGreaterThanOrEqual(120);
  await expect(page.locator('[data-count="remaining"]')).toHaveText(String(total));
  await expect(page.locator("header.top")).toContainText("Alex Rivera");

  await page.screenshot({ path: "e2e/artifacts/foundation-phone.png" });
  expect(problems).toEqual([]);
});

test("wrong password is named as such", async ({ page }) => {
  await page.goto("./");
  await page.getByLabel("Username").fill("driver");
  await page.getByLabel("Password").fill("nope");
  await page.getByRole("button", { name: "Sign in" }).click();
  // The kind, by its title and words: an outage's guidance also mentions
  // the password ("Don't reset your password"), so "password" alone would
  // pass with a wrong password shown as an outage.
  const panel = page.locator("section.guidance");
  await expect(panel.locator("h2")).toHaveText("Username or password not accepted");
  await expect(panel).toContainText("did not accept this username and password");
  await expect(panel).not.toContainText("not a problem with your account");
  await expect(panel).not.toContainText("Don't reset your password");
});

// Issue 23, point 5: every mark stores the phone's position when location is
// allowed. Settings says so, and the driver can turn it off (remembered);
// marks made then carry no position.
import { test, expect } from "@playwright/test";
import { signInDriver, watchForErrors } from "./helpers.js";

const HERE = { latitude: 45.5152, longitude: -122.6784 };

/** The driver's marks, newest last, from the app's own log. */
const marks = (page) => page.evaluate(() => JSON.parse(localStorage.getItem("roadbook.marks.v1")).history);

async function markNext(page) {
  // The screen starts watching the location once it is shown; give the
  // first fix a moment to arrive (a mark made before it has no position).
  await page.waitForTimeout(1_000);
  const row = page.locator("li.package").filter({ has: page.getByRole("button", { name: /^Delivered/ }) }).first();
  const id = await row.getAttribute("data-package");
  await row.getByRole("button", { name: /^Delivered/ }).click();
  await expect(page.locator(`li.package[data-package="${id}"] .status`)).toHaveText("Delivered");
  return id;
}

test("marks carry the position until the driver turns it off in Settings", async ({ page, context }) => {
  const errors = watchForErrors(page);
  await context.grantPermissions(["geolocation"]);
  await context.setGeolocation(HERE);
  await signInDriver(page);

  const first = await markNext(page);
  await expect.poll(async () => (await marks(page)).find((e) => e.package_id === first)?.lat).toBeCloseTo(HERE.latitude, 4);

  await page.goto("./settings");
  const card = page.locator("section.card").filter({ has: page.getByRole("heading", { name: "Your position on marks" }) });
  await expect(card).toContainText("each delivery mark stores where the phone was when you made it, and the company's system receives it with the mark.");
  const box = card.getByLabel("Store my position with each mark");
  await expect(box).toBeChecked();
  await box.uncheck();
  await expect(card).toContainText("Off: new marks carry no position.");

  // Remembered across a restart.
  await page.reload();
  await expect(page.getByLabel("Store my position with each mark")).not.toBeChecked();
  await page.goto("./");
  const second = await markNext(page);
  const made = (await marks(page)).find((e) => e.package_id === second);
  expect(made).toBeTruthy();
  expect(made.lat).toBeUndefined();
  expect(made.lng).toBeUndefined();

  // And back on.
  await page.goto("./settings");
  await page.getByLabel("Store my position with each mark").check();
  await page.goto("./");
  const third = await markNext(page);
  await expect.poll(async () => (await marks(page)).find((e) => e.package_id === third)?.lng).toBeCloseTo(HERE.longitude, 4);
  expect(errors).toEqual([]);
});

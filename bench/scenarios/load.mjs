// 2. Cold online load (fresh context: no cache, no service worker, no saved
// state) and sign-in to the first package visible, 300-package manifest.
// 3. Offline reload (service worker + saved state) to first package visible,
// 300 and 3,000 packages.
import { newContext, newPage, firstPackageMs, appPackageMs, signIn, driverSession, waitForServiceWorker, MANIFEST_KEY } from "../lib.mjs";

export async function coldLoad(browser, baseURL, reps) {
  const boot = [], signInToPackage = [], total = [];
  for (let i = 0; i < reps; i++) {
    const context = await newContext(browser, baseURL);
    const page = await newPage(context);
    await page.goto("./");
    // Boot: navigation start to the sign-in form ready for input.
    await page.getByLabel("Username").waitFor();
    const bootMs = await page.evaluate(() => performance.now());
    await page.getByLabel("Username").fill("driver");
    await page.getByLabel("Password").fill("roadbook");
    // Sign-in: the submit click (in page time) to the first package visible.
    await page.evaluate(() => {
      document.addEventListener("click", () => { window.__submitAt = performance.now(); }, { capture: true, once: true });
    });
    await page.getByRole("button", { name: "Sign in" }).click();
    const shown = await firstPackageMs(page);
    const submitAt = await page.evaluate(() => window.__submitAt);
    boot.push(bootMs);
    signInToPackage.push(shown - submitAt);
    total.push(bootMs + (shown - submitAt));
    await context.close();
  }
  return { boot, signInToPackage, total };
}

export async function offlineReload(browser, baseURL, { large, reps }) {
  const { context, page } = await driverSession(browser, baseURL, { large });
  await waitForServiceWorker(page);
  const envelope = await page.evaluate((k) => localStorage.getItem(k), MANIFEST_KEY);
  await context.setOffline(true);
  const samples = [];
  const usable = [];
  let shownPackages = 0;
  for (let i = 0; i < reps; i++) {
    await page.reload();
    // Visible: the first package painted (from the snapshot, before the
    // app); usable: the app's own first package (it has taken over).
    samples.push(await firstPackageMs(page));
    usable.push(await appPackageMs(page));
    if (i === 0) shownPackages = await page.locator("#app li.package").count();
  }
  const controlled = await page.evaluate(() => !!navigator.serviceWorker.controller);
  return { samples, usable, envelope, shownPackages, controlled, context, page };
}

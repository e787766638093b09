// WCAG 2.2 AA checks on every screen: axe in light and dark, on a phone and
// a desktop; the delivery flow with the keyboard alone and visible focus;
// layouts at 320 px and at 200 % text; live regions that do not chatter.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { renderAllCards } from "./render-all.js";
import { setServer, signIn } from "./helpers.js";

const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1440, height: 900 } };
const THEMES = ["light", "dark"];

async function axe(page, screen) {
  await renderAllCards(page);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = results.violations.map((v) => `${screen}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
  expect(summary).toEqual([]);
}

async function go(page, name, heading) {
  await page.locator("nav.nav-bar").getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name: heading ?? name })).toBeVisible();
}

for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
  for (const theme of THEMES) {
    test.describe(`${vpName}, ${theme}`, () => {
      test.use({ viewport, colorScheme: theme });

      test("driver screens and guidance states have no axe violations", async ({ page }) => {
        await page.goto("./");
        await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
        await axe(page, "sign-in");
        // Guidance on sign-in: a company outage (503 + 03-005).
        await setServer(page, { fault: "unavailable", fault_scope: "everything" });
        await page.getByLabel("Username").fill("driver");
        await page.getByLabel("Password").fill("roadbook");
        await page.getByRole("button", { name: "Sign in" }).click();
        await expect(page.locator("section.guidance")).toBeVisible();
        await axe(page, "sign-in outage guidance");
        await setServer(page, { fault: null });
        await page.getByRole("button", { name: "Try now" }).click();
        await expect(page.locator("li.package").first()).toBeVisible();
        await axe(page, "manifest");
        // The compact banner over the manifest when sending marks fails.
        await setServer(page, { fault: "server_error", fault_scope: "events" });
        await page.locator("li.package button.deliver").first().click();
        await expect(page.locator("section.guidance.compact")).toBeVisible({ timeout: 15_000 });
        await axe(page, "manifest with sync guidance");
        await setServer(page, { fault: null });
        await go(page, "Route");
        await axe(page, "route");
        await go(page, "Share", /share|hand/i);
        await axe(page, "share");
        await go(page, "Settings");
        await axe(page, "settings");
      });

      test("dispatcher screens have no axe violations", async ({ page }) => {
        await signIn(page, "dispatch", "roadbook");
        await expect(page.locator("table").first()).toBeVisible();
        await axe(page, "fleet");
        await page.locator("table tbody tr a, table tbody tr button").first().click();
        await axe(page, "fleet driver");
        await go(page, "Import", /import/i);
        await axe(page, "import");
      });
    });
  }
}

test.describe("keyboard only", () => {
  test.use({ viewport: VIEWPORTS.phone });

  /** Presses Tab (or Shift+Tab) until `selector` has focus (at most `max` times). */
  async function tabTo(page, selector, max = 80, key = "Tab") {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(key);
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    }
    throw new Error(`never reached ${selector} with Tab`);
  }

  async function focusVisible(page) {
    return page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
    });
  }

  test("sign in, search, deliver, attempt with a reason, undo, navigate — keyboard alone, focus visible", async ({ page }) => {
    await page.goto("./");
    await tabTo(page, "#username");
    await page.keyboard.type("driver");
    await page.keyboard.press("Tab");
    await page.keyboard.type("roadbook");
    await page.keyboard.press("Enter");
    await expect(page.locator("li.package").first()).toBeVisible();

    await tabTo(page, "#manifest-search");
    expect(await focusVisible(page)).toBe(true);
    const first = page.locator("li.package").first();
    const tracking = await first.getAttribute("data-tracking");
    await page.keyboard.type(tracking.slice(-4));
    await expect(page.locator(".match-count")).toContainText("package");

    await tabTo(page, `li.package[data-tracking="${tracking}"] button.deliver`);
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press("Enter");
    await expect(page.locator(`li.package[data-tracking="${tracking}"] .status`)).toHaveText("Delivered");

    // Clear the search from the keyboard, then an attempt with a reason.
    await tabTo(page, "button.clear");
    await page.keyboard.press("Enter");
    // The clear button hides; focus goes back to the search box, not to the top of the page.
    await expect(page.locator("#manifest-search")).toBeFocused();
    await expect(page.locator("button.clear")).toBeHidden();
    await tabTo(page, "li.package button.attempt");
    const attemptId = await page.evaluate(() => document.activeElement.closest("li.package").dataset.package);
    await page.keyboard.press("Enter");
    await tabTo(page, `li.package[data-package="${attemptId}"] select`);
    await page.keyboard.press("ArrowDown");
    await tabTo(page, `li.package[data-package="${attemptId}"] button[type=submit]`);
    await page.keyboard.press("Enter");
    const row = page.locator(`li.package[data-package="${attemptId}"]`);
    await expect(row.locator(".status")).toHaveText("Attempted");
    // Focus stayed on the package (not thrown back to the top of the page).
    await expect.poll(() => page.evaluate(() => document.activeElement?.dataset?.package)).toBe(attemptId);

    // "Undo last" sits before the list in the page order: a few Shift+Tabs away.
    await tabTo(page, "button.undo", 40, "Shift+Tab");
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press("Enter");
    await expect(row.locator(".status")).toHaveText("To deliver");

    // Route and the hand-off link, by keyboard.
    await tabTo(page, 'nav.nav-bar a[href$="route"]', 40, "Shift+Tab");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "Route" })).toBeVisible();
    await tabTo(page, "a.navigate");
    expect(await focusVisible(page)).toBe(true);
    expect(await page.evaluate(() => document.activeElement.getAttribute("href"))).toMatch(/^https:\/\/www\.google\.com\/maps/);
  });

  test("focus stays on the package when a mark comes from another tab, a cancelled attempt or a cleared search", async ({ page, context }) => {
    await signIn(page);
    await expect(page.locator("li.package").first()).toBeVisible();
    const first = page.locator("li.package").first();
    const id = await first.getAttribute("data-package");

    // Cancelling an attempt gives focus back to the button that opened it.
    await tabTo(page, `li.package[data-package="${id}"] button.attempt`);
    await page.keyboard.press("Enter");
    await tabTo(page, `li.package[data-package="${id}"] .attempt-form button[type=button]`);
    await page.keyboard.press("Enter");
    await expect(first.locator(".attempt-form")).toHaveCount(0);
    await expect(first.locator("button.attempt")).toBeFocused();

    // The same package marked in another tab hides this tab's buttons:
    // focus moves to the package, not to the top of the page.
    await tabTo(page, `li.package[data-package="${id}"] button.deliver`, 5, "Shift+Tab");
    const other = await context.newPage();
    await other.goto("./");
    await other.locator(`li.package[data-package="${id}"] button.deliver`).click();
    await expect(first.locator(".status")).toHaveText("Delivered");
    await expect.poll(() => page.evaluate(() => document.activeElement?.dataset?.package)).toBe(id);
    await other.close();

    // "Clear search" under a search that matched nothing puts focus in the box.
    await page.locator("#manifest-search").fill("no-such-package-zz");
    await tabTo(page, ".no-match button");
    await page.keyboard.press("Enter");
    await expect(page.locator("#manifest-search")).toBeFocused();
    await expect(page.locator("#manifest-search")).toHaveValue("");
  });
});

test.describe("layout", () => {
  async function noHorizontalScroll(page, what) {
    const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(over, `${what} scrolls sideways by ${over}px`).toBeLessThanOrEqual(0);
  }

  test("holds at 320 px wide and at 200 % text on a phone", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await signIn(page);
    await expect(page.locator("li.package").first()).toBeVisible();
    for (const [zoom, label] of [["100%", "320 px"], ["200%", "320 px at 200 % text"]]) {
      await page.evaluate((z) => { document.documentElement.style.fontSize = z; }, zoom);
      await noHorizontalScroll(page, `manifest, ${label}`);
      // The sticky header covers the nav once scrolled; a driver scrolls up.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator("nav.nav-bar").getByRole("link", { name: "Route" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Route" })).toBeVisible();
      await noHorizontalScroll(page, `route, ${label}`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator("nav.nav-bar").getByRole("link", { name: "Settings" }).click();
      await noHorizontalScroll(page, `settings, ${label}`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator("nav.nav-bar").getByRole("link", { name: "Manifest" }).click();
    }
    await page.screenshot({ path: "e2e/artifacts/zoom-200-320px.png" });
  });

  test("motion respects prefers-reduced-motion", async ({ page }) => {
    await page.emulateMedia({ reducedMotion: "reduce" });
    await signIn(page);
    await expect(page.locator("li.package").first()).toBeVisible();
    const moving = await page.evaluate(() =>
      [...document.querySelectorAll("*")].filter((e) => {
        const s = getComputedStyle(e);
        return parseFloat(s.transitionDuration) > 0 || (s.animationName !== "none" && parseFloat(s.animationDuration) > 0);
      }).length,
    );
    expect(moving).toBe(0);
  });

  test("status changes are announced politely, and the countdown is not", async ({ page }) => {
    await signIn(page);
    await expect(page.locator("li.package").first()).toBeVisible();
    await expect(page.locator(".action-bar .sync")).toHaveAttribute("aria-live", "polite");
    await setServer(page, { fault: "unavailable", fault_scope: "events" });
    await page.locator("li.package button.deliver").first().click();
    const banner = page.locator("section.guidance.compact");
    await expect(banner).toHaveAttribute("aria-live", "polite");
    await expect(banner.locator(".retry")).toHaveAttribute("aria-live", "off");
    await expect(banner.locator(".countdown")).toContainText("try again");
  });
});

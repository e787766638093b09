// Issue 23, point 3: a sign-out is a sign-out in every tab, and a session
// ends at its `expires_at`. Two tabs of one browser share localStorage but
// each has its own sessionStorage (and so its own token), as on a phone.
import { test, expect } from "@playwright/test";
import { routedApi, signInRouted, problem } from "./routed-api.js";
import { serverState, watchForErrors } from "./helpers.js";

const PERSONAL = ["roadbook.manifest", "roadbook.marks.v1", "roadbook.user.v1", "roadbook.fleet.v1"];
const stored = (page) => page.evaluate((keys) => keys.filter((k) => localStorage.getItem(k) !== null), PERSONAL);
const sessionValues = (page) => page.evaluate(() => JSON.stringify(Object.values(sessionStorage)));

test.describe("with a routed API", () => {
  test.use({ serviceWorkers: "block" });

  test("signing out in one tab signs the other out, even with a refresh in flight", async ({ context }) => {
    const api = await routedApi(context, { token: "tok-TWO-TABS" });
    const a = await context.newPage();
    const errors = watchForErrors(a);
    await signInRouted(a);
    await expect(a.locator("li.package")).toHaveCount(3);
    const b = await context.newPage();
    await signInRouted(b);
    await expect(b.locator("li.package")).toHaveCount(3);
    expect(await sessionValues(a)).toContain("tok-TWO-TABS");

    // Tab A's next manifest refresh is held by the network until released.
    let release;
    const held = new Promise((r) => { release = r; });
    let asked = 0;
    let answered = 0;
    api.fail.manifest = async (route) => {
      asked += 1;
      await held;
      await route.fulfill({ contentType: "application/json", body: JSON.stringify(api.manifest) });
      answered += 1;
    };
    await a.reload();
    await expect(a.locator("li.package")).toHaveCount(3);
    await expect.poll(() => asked).toBeGreaterThan(0);

    // Sign out in tab B (reached through the app's own link: no reload, so
    // tab B sends no refresh of its own meanwhile).
    await b.getByRole("link", { name: "Settings" }).first().click();
    await b.getByRole("button", { name: "Sign out" }).click();
    await expect(b.getByLabel("Username")).toBeVisible();
    const signedOutAt = api.requests.length;

    // Tab A follows: no token, no manifest on screen, and it says why.
    await expect(a.getByText("Roadbook was signed out in another tab on this phone")).toBeVisible();
    await expect(a.getByLabel("Username")).toBeVisible();
    await expect(a.locator("li.package")).toHaveCount(0);
    expect(await sessionValues(a)).not.toContain("tok-TWO-TABS");
    await expect(a.locator("header.top")).not.toContainText("Alex Rivera");

    // The answer to the refresh sent before the sign-out arrives now: it is
    // not written back to this phone.
    release();
    await expect.poll(() => answered).toBe(asked);
    await a.evaluate(() => new Promise((r) => setTimeout(r, 1_500)));
    expect(await stored(a)).toEqual([]);
    await expect(a.locator("li.package")).toHaveCount(0);

    // The server was asked to revoke the token (this one answers 405, which
    // is fine), and nothing since has used it.
    const revoke = api.requests.filter((r) => r.method === "DELETE" && r.what === "session");
    expect(revoke.length).toBe(1);
    expect(revoke[0].headers.authorization).toBe("Bearer tok-TWO-TABS");
    await a.evaluate(() => new Promise((r) => setTimeout(r, 2_000)));
    const later = api.requests.slice(signedOutAt).filter((r) => r.method !== "DELETE" && (r.headers.authorization || "").includes("tok-TWO-TABS"));
    expect(later).toEqual([]);
    expect(errors).toEqual([]);
  });

  test("the token goes at the session's expires_at; unsent marks stay and the screen says so", async ({ page }) => {
    const errors = watchForErrors(page);
    const api = await routedApi(page, { token: "tok-EXPIRING" });
    // A session that ends 8 s after sign-in.
    api.expiresAt = () => new Date(Date.now() + 8_000).toISOString();
    // The events endpoint is down: the mark stays unsent.
    api.fail.events = (route) => route.fulfill(problem(503));
    await signInRouted(page);
    await expect(page.locator("li.package")).toHaveCount(3);
    const row = page.locator("li.package").first();
    await row.getByRole("button", { name: /^Delivered/ }).click();
    await expect(row.locator(".status")).toHaveText("Delivered");

    await expect(page.getByText("Your session has ended, so you are signed out.")).toBeVisible({ timeout: 15_000 });
    await expect(page.locator(".notice").filter({ hasText: "Your session has ended" }))
      .toContainText("1 mark has not been sent yet: it is kept on this phone and sent once you sign in.");
    expect(await sessionValues(page)).not.toContain("tok-EXPIRING");
    // The manifest and the mark are still there.
    await expect(page.locator("li.package")).toHaveCount(3);
    await expect(row.locator(".status")).toHaveText("Delivered");
    const expiredAt = api.requests.length;
    await page.waitForTimeout(2_500);
    expect(api.requests.slice(expiredAt).filter((r) => (r.headers.authorization || "").includes("tok-EXPIRING"))).toEqual([]);

    // A new sign-in sends the kept mark.
    api.fail.events = undefined;
    api.expiresAt = () => "2099-01-01T00:00:00Z";
    await page.getByRole("link", { name: "Sign in" }).first().click();
    await page.getByLabel("Username").fill("driver");
    await page.getByLabel("Password").fill("roadbook");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => api.events.length, { timeout: 20_000 }).toBe(1);
    await expect(page.getByText("Your session has ended")).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});

test("in demo mode the sign-out removes the demo server's state, token and all, and nothing writes it back", async ({ page }) => {
  await page.goto("./");
  await page.getByLabel("Username").fill("driver");
  await page.getByLabel("Password").fill("roadbook");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("li.package").first()).toBeVisible();
  const token = await page.evaluate(() => sessionStorage.getItem("roadbook.token"));
  expect((await serverState(page)).tokens.map((t) => t.token)).toContain(token);
  await page.goto("./settings");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByLabel("Username")).toBeVisible();
  // Longer than the simulated network's latency: a revocation sent to the
  // demo server would have written its state back by now.
  await page.waitForTimeout(1_000);
  expect(await page.evaluate(() => localStorage.getItem("roadbook.demo-server.v1"))).toBeNull();
});

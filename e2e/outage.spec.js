// Issue 5: every failure of a real HTTP API is named in plain words, the
// saved manifest stays visible and usable, and automatic retries follow the
// rules. The API is this test's own fake, behind Playwright's routing, so
// the app's real HTTP client (gloo-net, timeouts, headers) is what runs.
import { test, expect } from "@playwright/test";
import { fakeApi, shipped, manifestText as manifest, problem, signInAndSee } from "./fake-api.js";
import { watchForErrors } from "./helpers.js";
import { fixtureText } from "./fixture.js";

// Playwright cannot route requests from a page a service worker controls;
// the offline shell has its own spec (last-good-state.spec.js).
test.use({ serviceWorkers: "block" });

// kind: what the app must say; retries: whether it tries again on its own.
const cases = [
  { name: "connection refused", fail: (r) => r.abort("connectionrefused"), says: "The company's system can't be reached", retries: true },
  { name: "DNS failure", fail: (r) => r.abort("namenotresolved"), says: "The company's system can't be reached", retries: true },
  { name: "401", fail: (r) => r.fulfill(problem(401)), says: "Please sign in again", retries: false },
  { name: "403", fail: (r) => r.fulfill(problem(403)), says: "Your account needs a check", retries: false },
  { name: "423", fail: (r) => r.fulfill(problem(423)), says: "Your account is locked", retries: false },
  { name: "429 + Retry-After", fail: (r) => r.fulfill({ ...problem(429), headers: { "retry-after": "30" } }), says: "Too many tries", retries: false },
  { name: "500", fail: (r) => r.fulfill(problem(500)), says: "The company's system can't be reached", retries: true },
  { name: "502 HTML page", fail: (r) => r.fulfill({ status: 502, contentType: "text/html", body: "<html><h1>502 Bad Gateway</h1></html>" }), says: "The company's system can't be reached", retries: true },
  { name: "503 + Retry-After + 03-005", fail: (r) => r.fulfill({ ...problem(503, { support_code: "03-005" }), headers: { "retry-after": "120" } }), says: "Company-wide sign-in outage", retries: false, code: "03-005" },
  { name: "malformed JSON", fail: (r) => r.fulfill({ contentType: "application/json", body: "{\"schema\": 1, oops" }), says: "could not use", retries: null },
  { name: "truncated body", fail: (r) => r.fulfill({ contentType: "application/json", body: manifest.slice(0, 200) }), says: "could not use", retries: null },
];

for (const c of cases) {
  test(`manifest refresh fails: ${c.name}`, async ({ page }) => {
    const errors = watchForErrors(page);
    const api = await fakeApi(page);
    await signInAndSee(page);

    api.fail = c.fail;
    const before = api.counts.manifest;
    await page.reload();
    await expect(page.getByText(c.says).first()).toBeVisible({ timeout: 15_000 });
    if (c.code) await expect(page.locator(".support-code").first()).toContainText(c.code);

    // The saved manifest stays on screen and usable.
    await expect(page.locator("li.package")).toHaveCount(3);
    if (c.name !== "401") {
      const id = await page.locator("li.package").filter({ has: page.getByRole("button", { name: /^Delivered/ }) }).first().getAttribute("data-package");
      const row = page.locator(`li.package[data-package="${id}"]`);
      await row.getByRole("button", { name: /^Delivered/ }).click();
      await expect(row.locator(".status")).toHaveText("Delivered");
    }

    // Retries: counted at the fake API.
    const afterFirst = api.counts.manifest;
    expect(afterFirst - before).toBeGreaterThanOrEqual(1);
    if (c.retries === true) {
      await expect.poll(() => api.counts.manifest - afterFirst, { timeout: 12_000 }).toBeGreaterThanOrEqual(1);
      await expect(page.locator(".countdown").first()).toContainText("try again by itself");
    } else if (c.retries === false) {
      await page.waitForTimeout(5_000);
      expect(api.counts.manifest).toBe(afterFirst);
    }
    expect(errors).toEqual([]);
  });
}

test("manifest refresh times out: named, and the manifest stays", async ({ page }) => {
  test.setTimeout(60_000);
  const api = await fakeApi(page);
  await signInAndSee(page);
  api.fail = () => {}; // never answers
  await page.reload();
  await expect(page.getByText("The company's system is not answering").first()).toBeVisible({ timeout: 20_000 });
  await expect(page.locator("li.package")).toHaveCount(3);
});

test("sign-in during an outage: guidance says it is not the driver's account, and retries on its own", async ({ page }) => {
  const errors = watchForErrors(page);
  const api = await fakeApi(page);
  let sessionCalls = 0;
  await page.route("**/api/session", (r) => {
    sessionCalls++;
    return r.fulfill({ ...problem(503, { support_code: "03-005", title: "Error signing in. Please try again." }), headers: { "retry-after": "3" } });
  });
  await page.goto("./");
  await page.getByLabel("Username").fill("driver");
  await page.getByLabel("Password").fill("roadbook");
  await page.getByRole("button", { name: "Sign in" }).click();
  const panel = page.locator(".guidance");
  await expect(panel).toContainText("Company-wide sign-in outage");
  await expect(panel).toContainText("not a problem with your account");
  await expect(panel).toContainText(/reset your password/i);
  await expect(panel).toContainText(/reinstall/i);
  await expect(panel).toContainText("paid");
  await expect(panel.locator(".support-code")).toContainText("code 03-005, HTTP 503");
  await expect(panel.getByRole("link", { name: /Call support/ })).toHaveAttribute("href", "tel:+15550100");
  await page.screenshot({ path: "e2e/artifacts/outage-sign-in-phone.png", fullPage: true });
  // Retry-After: 3 s, then it tries by itself.
  await expect.poll(() => sessionCalls, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  expect(api.counts.manifest).toBe(0);
  expect(errors).toEqual([]);
});

test("repeated wrong passwords offer the reset link instead of retrying", async ({ page }) => {
  await fakeApi(page);
  let calls = 0;
  await page.route("**/api/session", (r) => {
    calls++;
    return r.fulfill(problem(401));
  });
  await page.goto("./");
  await page.getByLabel("Username").fill("driver");
  await page.getByLabel("Password").fill("wrong");
  for (let i = 1; i <= 2; i++) {
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => calls).toBe(i);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await expect(page.locator(".guidance")).toContainText("Username or password not accepted");
  await expect(page.getByRole("link", { name: "Reset password" })).toHaveAttribute("href", shipped.support.password_reset_url);
  await page.waitForTimeout(4_000);
  expect(calls).toBe(2);
});

test("the status page's word is shown next to the guidance: showcased parts that are not working, and the incident", async ({ page }) => {
  await fakeApi(page);
  await page.route("**/config.json", (r) =>
    r.fulfill({ contentType: "application/json", body: JSON.stringify({ ...shipped, api_base: "/api", status_url: "/status/summary.json" }) }),
  );
  // A real Statuspage v2 shape: a hidden placeholder ("Visit … for more
  // information", showcase: false, marked broken), a group listing its
  // children, a hidden internal part, and one incident.
  await page.route("**/status/summary.json", (r) =>
    r.fulfill({ contentType: "application/json", body: fixtureText("statuspage-summary.json") }),
  );
  await page.route("**/api/session", (r) => r.fulfill(problem(503, { support_code: "03-005" })));
  await page.goto("./");
  await page.getByLabel("Username").fill("driver");
  await page.getByLabel("Password").fill("roadbook");
  await page.getByRole("button", { name: "Sign in" }).click();
  const status = page.locator(".status-page");
  await expect(status).toContainText("Partial System Outage");
  await expect(status.locator(".affected li")).toHaveText(["Driver sign-in: major outage"]);
  for (const hidden of ["Visit www.githubstatus.com", "Driver services", "Internal batch jobs", "Routing", "Manifests"]) {
    await expect(status).not.toContainText(hidden);
  }
  await expect(status).toContainText("We found the cause and are fixing it.");
});

test("a status page that sends garbage does not hide the guidance", async ({ page }) => {
  const errors = watchForErrors(page);
  await fakeApi(page);
  await page.route("**/config.json", (r) =>
    r.fulfill({ contentType: "application/json", body: JSON.stringify({ ...shipped, api_base: "/api", status_url: "/status/summary.json" }) }),
  );
  await page.route("**/status/summary.json", (r) => r.fulfill({ contentType: "text/html", body: "<html>login</html>" }));
  await page.route("**/api/session", (r) => r.fulfill(problem(500)));
  await page.goto("./");
  await page.getByLabel("Username").fill("driver");
  await page.getByLabel("Password").fill("roadbook");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator(".guidance h2")).toHaveText("The company's system can't be reached");
  await expect(page.locator(".status-page")).toContainText("did not send JSON");
  expect(errors).toEqual([]);
});

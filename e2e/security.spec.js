// Issue 23: the shipped policy and the limits that keep outside data in its
// place. The Content-Security-Policy allows no inline styles, and using the
// app reports no violation; the post-build step refuses to ship an
// index.html without the policy; an HTTP body without a Content-Length is
// cut off at the size cap while it streams; and a config.json URL that is
// not https (or a path, or http to localhost) is a named setup error.
import { test, expect } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { routedApi, signInRouted, shipped } from "./routed-api.js";
import { watchForErrors } from "./helpers.js";

const dist = process.env.ROADBOOK_DIST || "dist";

/** Records every `securitypolicyviolation` the page reports, from its first script on. */
async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
  });
  return () => page.evaluate(() => window.__csp);
}

test("the shipped policy allows no inline style or script", async () => {
  const index = readFileSync(join(dist, "index.html"), "utf8");
  const policy = index.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1];
  expect(policy).toBeTruthy();
  expect(policy).toContain("style-src 'self';");
  expect(policy).not.toContain("unsafe-inline");
  const headers = readFileSync(join(dist, "_headers"), "utf8");
  expect(headers).toContain(`Content-Security-Policy: ${policy}; frame-ancestors 'none'`);
  // The same security headers docs/deploy.md asks of every host.
  for (const h of ["X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer", "Strict-Transport-Security: max-age=31536000"]) {
    expect(headers).toContain(h);
  }
  expect(index).toContain('<meta name="referrer" content="no-referrer" />');
});

test("driver screens report no policy violation", async ({ page, context }) => {
  const violations = await watchCsp(page);
  const errors = watchForErrors(page);
  await context.grantPermissions(["geolocation"]);
  await context.setGeolocation({ latitude: 45.5152, longitude: -122.6784 });
  await page.goto("./");
  await page.getByLabel("Username").fill("driver");
  await page.getByLabel("Password").fill("roadbook");
  await page.getByRole("button", { name: "Sign in" }).click();
  const row = page.locator("li.package").first();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: /^Delivered/ }).click();
  await expect(row.locator(".status")).toHaveText("Delivered");
  for (const [link, heading] of [["Route", "Route"], ["Share", "Share"], ["Settings", "Settings"], ["Manifest", "Manifest"]]) {
    await page.getByRole("link", { name: link, exact: true }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }
  await page.goto("./share");
  await expect(page.locator("#share-link-text")).toBeVisible();
  await page.goto("./import");
  await expect(page.locator("#import-file")).toBeAttached();
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
});

test("fleet and driver detail report no policy violation; the bars are drawn", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const violations = await watchCsp(page);
  const errors = watchForErrors(page);
  await page.goto("./");
  await page.getByLabel("Username").fill("dispatch");
  await page.getByLabel("Password").fill("roadbook");
  await page.getByRole("button", { name: "Sign in" }).click();
  const rows = page.locator(".fleet-table tbody tr");
  await expect(rows).toHaveCount(25);
  // The progress bars' widths, set through the CSSOM, took effect.
  const bars = await page.locator(".fleet-table .bar.fill").evaluateAll((els) =>
    els.map((el) => [el.style.getPropertyValue("--done"), el.style.getPropertyValue("--tried")]));
  expect(bars.length).toBe(25);
  for (const [done, tried] of bars) {
    expect(done).toMatch(/^\d+%$/);
    expect(parseInt(tried, 10)).toBeGreaterThanOrEqual(parseInt(done, 10));
  }
  expect(bars.some(([, tried]) => parseInt(tried, 10) > 0)).toBe(true);
  // Sorting rewrites the bars of the rows on the page.
  await page.getByRole("button", { name: /^Progress/ }).click();
  await expect(page).toHaveURL(/sort=progress/);
  await rows.nth(0).locator(".driver-link").click();
  await expect(page.locator(".manifest-summary")).toBeVisible();
  const done = Number(await page.locator('.manifest-summary [data-count="delivered"]').textContent());
  const total = Number(await page.locator('.manifest-summary [data-count="total"]').textContent());
  const width = await page.locator(".manifest-summary .bar.big .done").evaluate((el) => el.style.width);
  expect(width).toBe(`${Math.floor((done * 100) / total)}%`);
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
});

test("the post-build step fails when it cannot insert the policy", async () => {
  const dir = mkdtempSync(join(tmpdir(), "roadbook-postbuild-"));
  try {
    cpSync(dist, dir, { recursive: true });
    const index = readFileSync(join(dir, "index.html"), "utf8")
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, "")
      .replace(/<meta charset="utf-8"\s*\/?>/, "");
    writeFileSync(join(dir, "index.html"), index);
    const run = spawnSync(process.execPath, ["scripts/postbuild.mjs", dir], { encoding: "utf8" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("the CSP was not inserted");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.describe("with a routed API", () => {
  test.use({ serviceWorkers: "block" });

  test("a body without Content-Length is cut off at 16 MiB while it streams", async ({ page }) => {
    const errors = watchForErrors(page);
    // A server that streams 64 MiB in chunks (Transfer-Encoding: chunked, no
    // Content-Length), as fast as the reader takes them, and counts what it
    // got out before the connection closed.
    const TOTAL = 64 * 1024 * 1024;
    const sent = { bytes: 0, closed: false };
    const server = createServer(async (req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.on("close", () => { sent.closed = true; });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      while (sent.bytes < TOTAL && !sent.closed) {
        sent.bytes += chunk.length;
        if (!res.write(chunk)) {
          await new Promise((r) => {
            const go = () => { res.off("drain", go); res.off("close", go); r(); };
            res.on("drain", go);
            res.on("close", go);
          });
        }
      }
      res.end();
    });
    await new Promise((r) => server.listen(0, "127.0.0.1", r));
    try {
      const api = await routedApi(page);
      const big = `http://127.0.0.1:${server.address().port}/manifest`;
      api.fail.manifest = (route) => route.continue({ url: big });
      await signInRouted(page);
      await expect(page.getByText("could not use").first()).toBeVisible({ timeout: 20_000 });
      await expect.poll(() => sent.closed, { timeout: 20_000 }).toBe(true);
      // Read whole, all 64 MiB would have gone out; cut off, the rest is
      // never sent (what is in flight in socket buffers aside).
      expect(sent.bytes).toBeLessThan(TOTAL / 2);
      expect(sent.bytes).toBeGreaterThan(16 * 1024 * 1024);
      expect(errors).toEqual([]);
    } finally {
      server.close();
    }
  });

  for (const [field, config, lang] of [
    ["api_base", { api_base: "http://api.example.com/v1" }, "en-US"],
    ["support.url", { support: { ...shipped.support, url: "http://support.example.com" } }, "en-US"],
    ["status_url", { status_url: "//status.example.com/api/v2/summary.json" }, "es-ES"],
  ]) {
    test.describe(`${field} (${lang})`, () => {
      test.use({ locale: lang });
      test(`config.json with an unsafe ${field} is a named setup error`, async ({ page }) => {
        await page.route("**/config.json", (r) =>
          r.fulfill({ contentType: "application/json", body: JSON.stringify({ ...shipped, ...config }) }));
        await page.goto("./");
        const value = Object.values(config)[0];
        const shown = typeof value === "string" ? value : value.url;
        if (lang === "en-US") {
          await expect(page.getByRole("heading", { name: "Roadbook is not set up correctly" })).toBeVisible();
          await expect(page.locator(".setup-error .lead")).toHaveText(
            `config.json has a problem: "${field}" must be an https:// address or a path on this site, not "${shown}" (plain http:// is allowed only for localhost)`);
        } else {
          await expect(page.getByRole("heading", { name: "Roadbook no está bien configurado" })).toBeVisible();
          await expect(page.locator(".setup-error .lead")).toHaveText(
            `config.json tiene un problema: "${field}" debe ser una dirección https:// o una ruta de este sitio, no "${shown}" (http:// sin cifrar solo se admite para localhost)`);
        }
        // Nothing to type a password into.
        await expect(page.locator("#password")).toHaveCount(0);
      });
    });
  }
});

// Shared by the benchmark scenarios: the browser, the servers, the phone
// profile, statistics. Benchmarks report numbers; nothing here passes or
// fails on time.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const FLAGS = [
  "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
];
export const CPU_THROTTLE = 4;
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2.625, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false };
export const SERVER_KEY = "roadbook.demo-server.v1";
export const MANIFEST_KEY = "roadbook.manifest";
export const MARKS_KEY = "roadbook.marks.v1";

export async function launch() {
  // --enable-precise-memory-info: performance.memory without bucketing.
  return chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, "--enable-precise-memory-info"], headless: true });
}

/** Starts `node e2e/static-server.mjs DIR PORT /` and waits until it answers. */
export async function serve(dir, port) {
  const child = spawn(process.execPath, [resolve(ROOT, "e2e/static-server.mjs"), dir, String(port), "/"], {
    cwd: ROOT, stdio: ["ignore", "pipe", "inherit"],
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop: () => child.kill() };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`static server on ${port} did not start`);
}

/** A fresh context (own storage, own service worker) with the phone profile. */
export async function newContext(browser, baseURL, profile = PHONE) {
  const context = await browser.newContext({ baseURL, serviceWorkers: "allow", ...profile });
  // First package visible: the first animation frame after an li.package
  // exists, in ms since navigation start (performance.now()).
  await context.addInitScript(() => {
    const check = () => {
      if (window.__firstPackage !== undefined || !document.querySelector("li.package")) return false;
      window.__firstPackage = null;
      requestAnimationFrame(() => { window.__firstPackage = performance.now(); });
      return true;
    };
    // The same for the app's own list (#app): the moment the driver can
    // tap, after it has taken over from the painted snapshot.
    const checkApp = () => {
      if (window.__appPackage !== undefined || !document.querySelector("#app li.package")) return false;
      window.__appPackage = null;
      requestAnimationFrame(() => { window.__appPackage = performance.now(); });
      return true;
    };
    let seen = false, seenApp = false;
    const mo = new MutationObserver(() => {
      seen = seen || check();
      seenApp = seenApp || checkApp();
      if (seen && seenApp) mo.disconnect();
    });
    mo.observe(document, { childList: true, subtree: true });
    // Trunk announces the started wasm module; keep its exports for memory.
    addEventListener("TrunkApplicationStarted", (e) => { window.__wasm = e.detail && e.detail.wasm; });
  });
  return context;
}

/** A new page with the CPU slowed down CPU_THROTTLE times (CDP). */
export async function newPage(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_THROTTLE });
  page.cdp = cdp;
  return page;
}

export async function firstPackageMs(page, timeout = 60_000) {
  await page.waitForFunction(() => typeof window.__firstPackage === "number", null, { timeout, polling: 50 });
  return page.evaluate(() => window.__firstPackage);
}

/** Navigation start → the app's own first package (it has taken over). */
export async function appPackageMs(page, timeout = 60_000) {
  await page.waitForFunction(() => typeof window.__appPackage === "number", null, { timeout, polling: 50 });
  return page.evaluate(() => window.__appPackage);
}

export async function setServer(page, patch) {
  await page.evaluate(([k, p]) => {
    const s = JSON.parse(localStorage.getItem(k) || "{}");
    localStorage.setItem(k, JSON.stringify({ ...s, ...p }));
  }, [SERVER_KEY, patch]);
}

export async function signIn(page, user = "driver") {
  await page.getByLabel("Username").fill(user);
  await page.getByLabel("Password").fill("roadbook");
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function waitForServiceWorker(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
}

/** Driver signed in with the 300 (or 3,000) package demo manifest, saved. */
export async function driverSession(browser, baseURL, { large = false } = {}) {
  const context = await newContext(browser, baseURL);
  const page = await newPage(context);
  await page.goto("./");
  if (large) await setServer(page, { large_manifest: true });
  await signIn(page);
  await page.locator("li.package").first().waitFor({ timeout: 120_000 });
  await page.waitForFunction((k) => !!localStorage.getItem(k), MANIFEST_KEY, { timeout: 60_000 });
  return { context, page };
}

export function stats(samples) {
  const xs = samples.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (!xs.length) return { n: 0 };
  const q = (p) => xs[Math.min(xs.length - 1, Math.max(0, Math.ceil(p * xs.length) - 1))];
  const r = (x) => Math.round(x * 10) / 10;
  return { n: xs.length, median: r(q(0.5)), p95: r(q(0.95)), min: r(xs[0]), max: r(xs[xs.length - 1]) };
}

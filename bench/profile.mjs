// Where the time goes in one interaction: node bench/profile.mjs DIST search|fleet|tap
// Runs the same interaction as the benchmark under the CDP sampling
// profiler (CPU slowed 4x) and prints the functions with the most self time.
// Build DIST with names kept to read wasm frames (scripts/bench --profile
// does: no wasm-opt, wasm-bindgen --keep-debug). A profiling aid, not a benchmark.
import { launch, serve, newContext, newPage, driverSession, signIn, setServer, DESKTOP } from "./lib.mjs";
import { searchKeystrokes, timeKeystrokes, deliveredTaps } from "./scenarios/interact.mjs";

const [dist = "dist-prof", what = "search"] = process.argv.slice(2);
const app = await serve(dist, 4395);
const browser = await launch();

async function profiled(page, fn) {
  const cdp = page.cdp;
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  const out = await fn();
  const { profile } = await cdp.send("Profiler.stop");
  if (process.env.PROFILE_SAVE) (await import("node:fs")).writeFileSync(process.env.PROFILE_SAVE, JSON.stringify(profile));
  return { out, profile };
}

function summarize(profile, top = 45) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  const self = new Map();
  let total = 0;
  const other = {};
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const f = n.callFrame;
    const name = `${f.functionName || "(anon)"} ${f.url ? f.url.split("/").pop().slice(0, 24) : ""}`;
    if (f.functionName === "(idle)" || f.functionName === "(program)") {
      other[f.functionName] = (other[f.functionName] || 0) + (dt[i] || 0);
      return;
    }
    const d = dt[i] || 0;
    total += d;
    self.set(name, (self.get(name) || 0) + d);
  });
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(`busy ${(total / 1000).toFixed(0)} ms in script, ${((other["(program)"] || 0) / 1000).toFixed(0)} ms in the browser's own work (style, layout, events), ${((other["(idle)"] || 0) / 1000).toFixed(0)} ms idle`);
  for (const [name, us] of rows) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${(100 * us / total).toFixed(1).padStart(5)} %  ${name}`);
  // Inclusive time of the app's own functions (PROFILE_INCLUSIVE=1).
  if (process.env.PROFILE_INCLUSIVE) {
    const parentOf = new Map();
    for (const n of profile.nodes) for (const c of n.children || []) parentOf.set(c, n);
    const incl = new Map();
    profile.samples.forEach((id, i) => {
      const seen = new Set();
      for (let n = byId.get(id); n; n = parentOf.get(n.id)) {
        const f = n.callFrame.functionName.replace(/::h[0-9a-f]{16}$/, "");
        if (!/roadbook::|leptos::|tachys::view::keyed|reactive_graph::owner|drop_in_place<reactive_graph/.test(f) || seen.has(f)) continue;
        seen.add(f);
        incl.set(f, (incl.get(f) || 0) + (dt[i] || 0));
      }
    });
    console.log("inclusive:");
    for (const [k, us] of [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${(100 * us / total).toFixed(1).padStart(5)} %  ${k.slice(0, 150)}`);
  }
  // Who calls the costliest browser functions (PROFILE_CALLERS=setTimeout,remove).
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n);
  for (const fn of (process.env.PROFILE_CALLERS || "").split(",").filter(Boolean)) {
    const callers = new Map();
    profile.samples.forEach((id, i) => {
      const n = byId.get(id);
      if (n.callFrame.functionName !== fn) return;
      const chain = [];
      for (let p = parent.get(n.id); p && chain.length < 6; p = parent.get(p.id)) chain.push(p.callFrame.functionName.slice(0, 70));
      const k = chain.join(" < ");
      callers.set(k, (callers.get(k) || 0) + (dt[i] || 0));
    });
    console.log(`callers of ${fn}:`);
    for (const [k, us] of [...callers.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  }
}

try {
  if (what === "keys") {
    // PROFILE_KEYS="4,8,Backspace,Backspace": types all but the last key,
    // then profiles the last one alone.
    const keys = (process.env.PROFILE_KEYS || "4,Backspace").split(",");
    const { page } = await driverSession(browser, app.url, { large: true });
    const box = page.locator("#manifest-search");
    await box.click();
    for (const k of keys.slice(0, -1)) { await page.keyboard.press(k); await page.waitForTimeout(1500); }
    // Timed like the benchmark's keystrokes (installed before the key goes
    // down, so its first DOM change cannot slip past).
    await timeKeystrokes(page);
    const { out, profile } = await profiled(page, async () => {
      await page.keyboard.press(keys[keys.length - 1]);
      await page.waitForFunction(() => window.__lat.length >= 1, null, { polling: 10, timeout: 10_000 });
      const t = await page.evaluate(() => window.__lat[0]);
      await page.waitForTimeout(300); // the work after the first frame, too
      return t ?? NaN;
    });
    console.log(`last key ${keys[keys.length - 1]}: about ${out.toFixed(0)} ms`);
    summarize(profile, 30);
  } else if (what === "search") {
    const { page } = await driverSession(browser, app.url, { large: true });
    if (process.env.PROFILE_NO_HAS) {
      await page.evaluate(() => {
        for (const sh of document.styleSheets) {
          for (let i = sh.cssRules.length - 1; i >= 0; i--) {
            const r = sh.cssRules[i];
            if (r.cssText.includes(":has(")) sh.deleteRule(i);
            else if (r.cssRules) for (let j = r.cssRules.length - 1; j >= 0; j--) if (r.cssRules[j].cssText.includes(":has(")) r.deleteRule(j);
          }
        }
      });
    }
    const { out, profile } = await profiled(page, () => searchKeystrokes(page));
    console.log(`in order: ${out.samples.map((x) => x.toFixed(0)).join(" ")}`);
    const xs = out.samples.sort((a, b) => a - b);
    console.log(`keystrokes ${xs.length}, median ${xs[xs.length >> 1]?.toFixed(1)} ms, p95 ${xs[Math.ceil(xs.length * 0.95) - 1]?.toFixed(1)} ms`);
    summarize(profile);
  } else if (what === "tap") {
    const { page } = await driverSession(browser, app.url, { large: true });
    const { out, profile } = await profiled(page, () => deliveredTaps(page, 20));
    const xs = out.samples.sort((a, b) => a - b);
    console.log(`taps ${xs.length}, median ${xs[xs.length >> 1]?.toFixed(1)} ms, p95 ${xs[Math.ceil(xs.length * 0.95) - 1]?.toFixed(1)} ms`);
    summarize(profile);
  } else if (what === "fleet") {
    const context = await newContext(browser, app.url, DESKTOP);
    const page = await newPage(context);
    await page.goto("./");
    await setServer(page, { fleet_size: 1000 });
    await signIn(page, "dispatch");
    await page.waitForFunction(() => document.querySelector(".state-filter[data-state=all] .count")?.textContent === "1000", null, { timeout: 120_000 });
    const cols = await page.evaluate(() => [...document.querySelectorAll("button.sort")].map((b) => b.dataset.sort));
    const { out, profile } = await profiled(page, async () => {
      const t = [];
      for (let i = 0; i < 12; i++) {
        t.push(await page.evaluate(async (col) => {
          const t0 = performance.now();
          document.querySelector(`button.sort[data-sort="${col}"]`).click();
          await new Promise((r) => requestAnimationFrame(r));
          return performance.now() - t0;
        }, cols[i % cols.length]));
      }
      for (const text of ["ri", "", "d-10", "", "st", ""]) {
        t.push(await page.evaluate(async (text) => {
          const t0 = performance.now();
          const i = document.querySelector("#fleet-filter"); i.value = text; i.dispatchEvent(new Event("input", { bubbles: true }));
          await new Promise((r) => requestAnimationFrame(r));
          return performance.now() - t0;
        }, text));
      }
      return t;
    });
    console.log(`actions ${out.map((x) => x.toFixed(0)).join(" ")}`);
    summarize(profile);
  }
} finally {
  await browser.close();
  app.stop();
}

// The benchmark suite: node bench/run.mjs [DIST] [--only=a,b] [--quick]
// Drives the release build in Debian's Chromium (CPU slowed 4x, phone
// viewport), prints a table and writes bench/results/latest.json. It reports
// numbers only: nothing here passes or fails on time.
import os from "node:os";
import { mkdir, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { ROOT, CPU_THROTTLE, CHROMIUM, launch, serve, newContext, newPage, firstPackageMs, appPackageMs, driverSession, stats } from "./lib.mjs";
import { transfer } from "./scenarios/transfer.mjs";
import { coldLoad, offlineReload } from "./scenarios/load.mjs";
import { searchKeystrokes, deliveredTaps, fleet, memory } from "./scenarios/interact.mjs";
import { lighthouse } from "./scenarios/lighthouse.mjs";
import { allCodeFiles, firstScreenFiles, measure } from "../scripts/sizes.mjs";

const args = process.argv.slice(2);
const dist = args.find((a) => !a.startsWith("--")) || "dist-bench";
const only = (args.find((a) => a.startsWith("--only=")) || "").slice(7).split(",").filter(Boolean);
const quick = args.includes("--quick");
const want = (name) => !only.length || only.includes(name);
const port = Number(process.env.BENCH_PORT || 4390);
const reps = { cold: quick ? 2 : 7, offline: quick ? 3 : 10, taps: quick ? 5 : 25, fleet: quick ? 5 : 20 };
const outDir = resolve(ROOT, "bench/results");
await mkdir(outDir, { recursive: true });

const app = await serve(dist, port);
const floorServer = await serve("bench/floor", port + 1);
const browser = await launch();
const results = {};
const log = (m) => console.error(`  · ${m}`);
const attempt = async (name, fn) => {
  if (!want(name)) return;
  log(`${name}…`);
  const t = Date.now();
  try { results[name] = await fn(); } catch (e) { results[name] = { error: String(e && e.stack || e).split("\n").slice(0, 3).join(" ") }; }
  log(`${name} done in ${Math.round((Date.now() - t) / 1000)} s${results[name].error ? ": " + results[name].error : ""}`);
};

const machine = {
  cpuModel: os.cpus()[0]?.model, cpuCount: os.cpus().length, totalMemoryGiB: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
  os: `${os.type()} ${os.release()} ${os.arch()}`, node: process.version, chromium: browser.version(), chromiumPath: CHROMIUM,
  loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
};

let envelope300 = null;
try {
  await attempt("transfer", () => transfer(browser, app.url));
  await attempt("coldLoad300", async () => {
    const r = await coldLoad(browser, app.url, reps.cold);
    return { boot: stats(r.boot), signInToFirstPackage: stats(r.signInToPackage), total: stats(r.total), raw: r };
  });
  // The app and the floor reload in turn, so both see the same machine load.
  await attempt("offlineReload300", async () => {
    const r = await offlineReload(browser, app.url, { large: false, reps: 0 });
    envelope300 = r.envelope;
    const context = await newContext(browser, floorServer.url);
    const floor = await newPage(context);
    await floor.goto("./");
    await floor.evaluate((v) => localStorage.setItem("roadbook.manifest", v), envelope300);
    await floor.evaluate(() => navigator.serviceWorker.ready);
    await floor.reload();
    await floor.waitForFunction(() => !!navigator.serviceWorker.controller);
    await context.setOffline(true);
    const appMs = [], floorMs = [], usableMs = [];
    for (let i = 0; i < reps.offline; i++) {
      await r.page.reload();
      appMs.push(await firstPackageMs(r.page));
      usableMs.push(await appPackageMs(r.page));
      await floor.reload();
      floorMs.push(await firstPackageMs(floor));
    }
    const appPackages = await r.page.locator("li.package").count();
    const floorPackages = await floor.locator("li.package").count();
    const controlled = await r.page.evaluate(() => !!navigator.serviceWorker.controller);
    await r.context.close();
    await context.close();
    results.floorReload300 = { ...stats(floorMs), packagesInDom: floorPackages, raw: floorMs };
    return { ...stats(appMs), usable: { ...stats(usableMs), raw: usableMs }, controlled, packagesInDom: appPackages, envelopeBytes: r.envelope.length, raw: appMs };
  });
  await attempt("offlineReload3000", async () => {
    const r = await offlineReload(browser, app.url, { large: true, reps: reps.offline });
    try {
      results.search3000 = await (async () => {
        log("search3000…");
        const s = await searchKeystrokes(r.page);
        return { ...stats(s.samples), keystrokes: s.keystrokes, noDomChange: s.noChange, raw: s.samples, toPaint: { ...stats(s.paintSamples), raw: s.paintSamples } };
      })().catch((e) => ({ error: String(e) }));
      await r.page.reload();
      await firstPackageMs(r.page);
      results.memory3000 = await memory(r.page).catch((e) => ({ error: String(e) }));
    } finally { await r.context.close(); }
    return { ...stats(r.samples), usable: { ...stats(r.usable), raw: r.usable }, controlled: r.controlled, packagesInDom: r.shownPackages, envelopeBytes: r.envelope.length, raw: r.samples };
  });
  await attempt("deliveredTap", async () => {
    const { context, page } = await driverSession(browser, app.url);
    const r = await deliveredTaps(page, reps.taps);
    await context.close();
    return { ...stats(r.samples), persistedWithinHandler: r.persistedWithinHandler, raw: r.samples };
  });
  await attempt("fleet1000", async () => {
    const r = await fleet(browser, app.url, reps.fleet);
    return { sort: stats(r.sort), filter: stats(r.filter), rowsOnScreen: r.rowsOnScreen, noDomChange: { sort: r.sort.filter((x) => x === null).length, filter: r.filter.filter((x) => x === null).length }, raw: { sort: r.sort, filter: r.filter } };
  });
} finally {
  await browser.close();
}
await attempt("lighthouse", () => lighthouse(app.url, outDir));
app.stop();
floorServer.stop();

if (results.offlineReload300?.median && results.floorReload300?.median) {
  results.offlineVsFloor300 = {
    medianRatio: Math.round((results.offlineReload300.median / results.floorReload300.median) * 100) / 100,
    p95Ratio: Math.round((results.offlineReload300.p95 / results.floorReload300.p95) * 100) / 100,
    // The floor must render what the app renders first (bench/floor/index.html).
    packageRows: { app: results.offlineReload300.packagesInDom, floor: results.floorReload300.packagesInDom },
  };
}

// Issue 20's size budgets, from the build itself (scripts/sizes.mjs, the
// same count CI's size step holds to bench/size.json).
results.sizes = { firstScreen: measure(dist, firstScreenFiles(dist)), wholeApp: measure(dist, allCodeFiles(dist)) };
machine.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
const report = { when: new Date().toISOString(), dist, cpuThrottle: CPU_THROTTLE, viewport: "390x844 phone (fleet: 1440x900)", machine, results };
await writeFile(resolve(outDir, "latest.json"), JSON.stringify(report, null, 2) + "\n");

// The table.
const kb = (b) => (b == null ? "–" : `${(b / 1024).toFixed(1)} KB`);
const ms = (s) => (!s || s.error || !s.n ? (s?.error ? "error" : "–") : `median ${s.median} ms, p95 ${s.p95} ms (n=${s.n})`);
const rows = [];
const R = results;
{
  const { firstScreen: first, wholeApp: whole } = R.sizes;
  rows.push(["1 first screen (what index.html loads) ≤ 200 KB", `br ${kb(first.total)}: ${first.files.map(([f, n]) => `${f.replace(/-[0-9a-f]{16}/, "")} ${kb(n)}`).join(", ")}`]);
  rows.push(["1 whole app (every chunk) ≤ 460 KB", `br ${kb(whole.total)} in ${whole.files.length} files`]);
}
if (R.transfer?.wasmJsCss) {
  const t = R.transfer;
  for (const [k, v] of Object.entries(t.byKind)) rows.push([`1 first load: ${k} (${v.files})`, `raw ${kb(v.raw)}, gzip ${kb(v.gzip)}, br ${kb(v.brotli)}`]);
  rows.push(["1 first load: wasm+js+css", `raw ${kb(t.wasmJsCss.raw)}, gzip ${kb(t.wasmJsCss.gzip)}, br ${kb(t.wasmJsCss.brotli)}`]);
  rows.push(["1 first load: everything", `raw ${kb(t.pageTotal.raw)}, gzip ${kb(t.pageTotal.gzip)}, br ${kb(t.pageTotal.brotli)} (${t.pageTotal.files} files; SW precache ${t.serviceWorkerFetches.files} more fetches)`]);
} else if (R.transfer) rows.push(["1 first load", "error"]);
if (R.coldLoad300) {
  rows.push(["2 cold: navigation → sign-in form", ms(R.coldLoad300.boot)]);
  rows.push(["2 cold: sign-in → first package (300)", ms(R.coldLoad300.signInToFirstPackage)]);
  rows.push(["2 cold: sum of both", ms(R.coldLoad300.total)]);
}
if (R.offlineReload300) rows.push(["3 offline reload → first package visible (300)", ms(R.offlineReload300)]);
if (R.offlineReload300?.usable) rows.push(["3 … → the app's own (it took over; 300)", ms(R.offlineReload300.usable)]);
if (R.floorReload300) rows.push(["9 floor offline reload (300)", ms(R.floorReload300)]);
if (R.offlineVsFloor300) {
  const { app, floor } = R.offlineVsFloor300.packageRows;
  const alike = app === floor ? `both render ${app} package rows` : `NOT LIKE FOR LIKE: app renders ${app} package rows, floor ${floor}`;
  rows.push(["9 app / floor (300) ≤ 1.2×", `median ${R.offlineVsFloor300.medianRatio}×, p95 ${R.offlineVsFloor300.p95Ratio}× (${alike})`]);
}
if (R.offlineReload3000) rows.push(["3 offline reload → first package visible (3,000)", ms(R.offlineReload3000)]);
if (R.offlineReload3000?.usable) rows.push(["3 … → the app's own (it took over; 3,000)", ms(R.offlineReload3000.usable)]);
if (R.search3000) rows.push(["4 search keystroke → list (3,000)", ms(R.search3000)]);
if (R.search3000?.toPaint) rows.push(["4 … → the frame painted (same keys)", ms(R.search3000.toPaint)]);
if (R.deliveredTap) rows.push(["5 Delivered tap → persisted", ms(R.deliveredTap)]);
if (R.fleet1000) {
  rows.push(["6 fleet sort (1,000)", ms(R.fleet1000.sort)]);
  rows.push(["6 fleet filter (1,000)", ms(R.fleet1000.filter)]);
}
if (R.memory3000) {
  const m = R.memory3000;
  rows.push(["7 memory (3,000)", m.error ? "error" : `JS heap used ${kb(m.cdpHeapUsage?.usedSize)} (CDP Runtime.getHeapUsage), wasm linear memory ${kb(m.wasmBytes)} (${m.wasmSource || "not reachable"})`]);
}
if (R.lighthouse) {
  const l = R.lighthouse;
  rows.push(["8 Lighthouse mobile (perf ≥ 90, a11y and BP 100)", l.error ? `did not run: ${l.error}` : `performance ${l.performance}, accessibility ${l.accessibility}, best practices ${l.bestPractices} (FCP ${l.metricsMs.fcp} ms, LCP ${l.metricsMs.lcp} ms, TBT ${l.metricsMs.tbt} ms, SI ${l.metricsMs.si} ms, CLS ${l.cls})`]);
}
const w = Math.max(...rows.map((r) => r[0].length));
console.log(`\nRoadbook benchmarks (${dist}; CPU ${CPU_THROTTLE}× slower; ${machine.cpuCount}× ${machine.cpuModel}, ${machine.totalMemoryGiB} GiB; Node ${machine.node}; Chromium ${machine.chromium}; load average ${machine.loadAverageAtStart[0]} → ${machine.loadAverageAtEnd[0]})`);
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
for (const [k, v] of Object.entries(R)) if (v && v.error) console.log(`! ${k}: ${v.error}`);
console.log(`\nwrote bench/results/latest.json`);

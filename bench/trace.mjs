// Where one interaction's time goes, by browser phase:
//   node bench/trace.mjs [DIST] [fleet|search]
// fleet: sorts the 1,000-driver fleet by each column (1440x900); search:
// types and erases words in the 3,000-package manifest (390x844). Under a
// DevTools timeline trace (CPU slowed 4x) it prints, per click or key, the
// main thread's top-level events: our code (microtasks), then the style and
// layout the change forces, then the frame. The sampling profiler (scripts/bench
// --profile) sees only script; this shows whether layout is the bigger
// half. A profiling aid, not a benchmark.
import { launch, serve, newContext, newPage, signIn, setServer, driverSession, DESKTOP } from "./lib.mjs";

const [dist = "dist-bench", what = "fleet"] = process.argv.slice(2);
const app = await serve(dist, 4396);
const browser = await launch();
try {
  let page;
  let eventType;
  if (what === "search") {
    ({ page } = await driverSession(browser, app.url, { large: true }));
    const box = page.locator("#manifest-search");
    await box.click();
    await page.waitForTimeout(500);
    eventType = "keydown";
    await browser.startTracing(page, { categories: ["devtools.timeline", "blink", "v8.execute"] });
    for (const w of (process.env.TRACE_WORDS || "4821,glisan,maria").split(",")) {
      for (const ch of w) { await page.keyboard.press(ch); await page.waitForTimeout(300); }
      for (let i = 0; i < w.length; i++) { await page.keyboard.press("Backspace"); await page.waitForTimeout(300); }
    }
  } else {
    const context = await newContext(browser, app.url, DESKTOP);
    page = await newPage(context);
    await page.goto("./");
    await setServer(page, { fleet_size: 1000 });
    await signIn(page, "dispatch");
    await page.waitForFunction(() => document.querySelector(".state-filter[data-state=all] .count")?.textContent === "1000", null, { timeout: 60_000 });
    await page.waitForTimeout(500);
    eventType = "click";
    await browser.startTracing(page, { categories: ["devtools.timeline", "blink", "v8.execute"] });
    for (const c of ["state", "last_seen", "progress", "next_stop", "flags", "name"]) {
      await page.evaluate((c) => document.querySelector(`button.sort[data-sort="${c}"]`).click(), c);
      await page.waitForTimeout(400);
    }
  }
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;

  const main = events.find((e) => e.name === "thread_name" && e.args.name === "CrRendererMain");
  const mine = events.filter((e) => e.tid === main?.tid && e.pid === main?.pid && e.ph === "X" && e.dur);
  const clicks = mine.filter((e) => e.name === "EventDispatch" && e.args?.data?.type === eventType);
  const ms = (us) => (us / 1000).toFixed(0);
  console.log(`per ${eventType}: event@start+duration in ms, top-level main-thread events until the next one (at most 250 ms)`);
  for (const c of clicks) {
    const next = clicks.find((o) => o.ts > c.ts);
    const win = mine.filter((e) => e.ts >= c.ts && e.ts < Math.min(c.ts + 250_000, next ? next.ts : Infinity));
    const top = win.filter((e) => !win.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && o.dur > e.dur));
    console.log(top.filter((e) => e.dur >= 1000).map((e) => `${e.name}@${ms(e.ts - c.ts)}+${ms(e.dur)}`).join("  "));
    if (process.env.TRACE_INSIDE) {
      // Inside each long top-level event: nested events by name (durations
      // summed; nesting counts twice), the biggest first.
      for (const t of top.filter((e) => e.dur >= 20_000)) {
        const sums = new Map();
        for (const e of win) {
          if (e === t || e.ts < t.ts || e.ts + e.dur > t.ts + t.dur) continue;
          const k = e.name === "EventDispatch" ? `EventDispatch(${e.args?.data?.type})` : e.name;
          sums.set(k, (sums.get(k) || 0) + e.dur);
        }
        const parts = [...sums.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
        console.log(`    in ${t.name}+${ms(t.dur)}: ${parts.map(([k, d]) => `${k} ${ms(d)}`).join(", ")}`);
      }
    }
  }
} finally {
  await browser.close();
  app.stop();
}

// Where one fleet sort's time goes, by browser phase: node bench/trace.mjs [DIST]
// Sorts the 1,000-driver fleet by each column under a DevTools timeline
// trace (CPU slowed 4x, 1440x900) and prints, per click, the main thread's
// top-level events: our code (microtasks), then the style and layout the
// change forces, then the frame. The sampling profiler (scripts/bench
// --profile) sees only script; this shows whether layout is the bigger
// half. A profiling aid, not a benchmark.
import { launch, serve, newContext, newPage, signIn, setServer, DESKTOP } from "./lib.mjs";

const dist = process.argv[2] || "dist-bench";
const app = await serve(dist, 4396);
const browser = await launch();
try {
  const context = await newContext(browser, app.url, DESKTOP);
  const page = await newPage(context);
  await page.goto("./");
  await setServer(page, { fleet_size: 1000 });
  await signIn(page, "dispatch");
  await page.waitForFunction(() => document.querySelector(".state-filter[data-state=all] .count")?.textContent === "1000", null, { timeout: 60_000 });
  await page.waitForTimeout(500);

  await browser.startTracing(page, { categories: ["devtools.timeline", "blink", "v8.execute"] });
  for (const c of ["state", "last_seen", "progress", "next_stop", "flags", "name"]) {
    await page.evaluate((c) => document.querySelector(`button.sort[data-sort="${c}"]`).click(), c);
    await page.waitForTimeout(400);
  }
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;

  const main = events.find((e) => e.name === "thread_name" && e.args.name === "CrRendererMain");
  const mine = events.filter((e) => e.tid === main?.tid && e.pid === main?.pid && e.ph === "X" && e.dur);
  const clicks = mine.filter((e) => e.name === "EventDispatch" && e.args?.data?.type === "click");
  const ms = (us) => (us / 1000).toFixed(0);
  console.log("per click: event@start+duration in ms, top-level main-thread events within 250 ms");
  for (const c of clicks) {
    const win = mine.filter((e) => e.ts >= c.ts && e.ts < c.ts + 250_000);
    const top = win.filter((e) => !win.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && o.dur > e.dur));
    console.log(top.filter((e) => e.dur >= 1000).map((e) => `${e.name}@${ms(e.ts - c.ts)}+${ms(e.dur)}`).join("  "));
  }
} finally {
  await browser.close();
  app.stop();
}

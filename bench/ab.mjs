// Two builds compared on the search-keystroke scenario (4), in turn, so both
// see the same machine load: node bench/ab.mjs DIST_A DIST_B [RUNS=3].
// Run-to-run noise here is ±10 ms on the p95; one full ./scripts/bench run
// cannot tell a 5 ms change from chance, 4 interleaved runs of each mostly can.
// Prints numbers, passes nothing.
import { launch, serve, driverSession, stats } from "./lib.mjs";
import { searchKeystrokes } from "./scenarios/interact.mjs";
const [a, b, runs = "3"] = process.argv.slice(2);
const apps = [await serve(a, 4401), await serve(b, 4402)];
const browser = await launch();
const all = [[], []];
const paint = [[], []];
try {
  for (let r = 0; r < +runs; r++) {
    for (const i of [0, 1]) {
      const { page, context } = await driverSession(browser, apps[i].url, { large: true });
      const { samples, paintSamples } = await searchKeystrokes(page);
      all[i].push(...samples);
      paint[i].push(...paintSamples);
      await context.close();
    }
  }
  for (const i of [0, 1]) {
    console.log([a, b][i], "to the frame", JSON.stringify(stats(all[i])), "to the paint", JSON.stringify(stats(paint[i])));
  }
} finally { await browser.close(); apps.forEach((x) => x.stop()); }

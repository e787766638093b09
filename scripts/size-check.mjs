// Fails when what a phone downloads grows past the committed ceilings in
// bench/size.json, measured on the release build (scripts/sizes.mjs):
// - the first screen (what index.html loads: the driver's manifest and
//   sign-in, nothing else);
// - the whole app (every chunk).
// Byte sizes are deterministic for a given source and toolchain, so a
// failure is a real regression. The ceilings are today's sizes plus a small
// margin, lowered whenever the app shrinks; the budgets (issue 20) are
// printed beside them.
import { readFileSync } from "node:fs";
import { allCodeFiles, firstScreenFiles, kb, measure } from "./sizes.mjs";

const dist = process.argv[2] || "dist";
const limits = JSON.parse(readFileSync(new URL("../bench/size.json", import.meta.url), "utf8"));
let failed = false;
for (const [what, files, key] of [
  ["first screen", firstScreenFiles(dist), "first_screen"],
  ["whole app", allCodeFiles(dist), "whole_app"],
]) {
  const { total, files: sized } = measure(dist, files);
  const { ceiling_brotli_bytes: ceiling, budget_brotli_bytes: budget } = limits[key];
  const parts = sized.map(([f, n]) => `${f} ${n} B`).join(", ");
  console.log(`size-check: ${what} brotli ${kb(total)} (${total} B; ${sized.length} files${sized.length <= 6 ? `: ${parts}` : ""}); ceiling ${kb(ceiling)}, budget ${kb(budget)}`);
  if (total > ceiling) {
    console.error(`size-check: FAILED: the ${what} is ${kb(total)}, over its ceiling ${kb(ceiling)}. Find what grew (node bench/wasm-sizes.mjs) or, if the growth is worth it, raise bench/size.json in the same commit and say why.`);
    failed = true;
  } else if (total > budget) {
    console.log(`size-check: the ${what} is over its budget by ${kb(total - budget)} (known; docs/performance.md)`);
  }
}
if (failed) process.exit(1);

// After `trunk build --release`:
// - writes dist/sw.js from public/sw.js with the precache list of what was
//   actually built and a version that changes whenever any file changes;
// - writes dist/404.html (a copy of index.html for hosts without a
//   single-page fallback);
// - prints the first-load transfer sizes.
//
//   node scripts/postbuild.mjs [DIST]
import { createHash } from "node:crypto";
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dist = process.argv[2] ?? "dist";
const here = new URL("..", import.meta.url).pathname;

const files = readdirSync(dist)
  .filter((f) => statSync(join(dist, f)).isFile())
  .filter((f) => !["sw.js", "404.html"].includes(f) && !f.startsWith("."))
  .sort();

const hash = createHash("sha256");
for (const f of files) hash.update(f).update(readFileSync(join(dist, f)));
const version = hash.digest("hex").slice(0, 16);

const template = readFileSync(join(here, "public/sw.js"), "utf8");
if (!template.includes("/*__ROADBOOK_PRECACHE__*/ []") || !template.includes("__ROADBOOK_VERSION__")) {
  throw new Error("public/sw.js lost its placeholders");
}
const precache = ["./", ...files];
writeFileSync(
  join(dist, "sw.js"),
  template.replace("/*__ROADBOOK_PRECACHE__*/ []", JSON.stringify(precache)).replace("__ROADBOOK_VERSION__", version),
);
copyFileSync(join(dist, "index.html"), join(dist, "404.html"));

const firstLoad = files.filter((f) => /\.(wasm|js|css)$/.test(f));
let raw = 0, gz = 0, br = 0;
for (const f of firstLoad) {
  const b = readFileSync(join(dist, f));
  raw += b.length;
  gz += gzipSync(b, { level: 9 }).length;
  br += brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}
console.log(`postbuild: sw.js version ${version}, ${precache.length} precached files, 404.html written`);
console.log(`postbuild: first-load wasm+js+css: raw ${raw} B, gzip ${gz} B, brotli ${br} B`);

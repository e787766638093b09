// After the split release build (scripts/build): puts the wasm chunks that
// scripts/split/wasm-bindgen cut off, and their loader, next to the app in
// DIST, each optimised and named by its content's hash.
//
// - Every chunk goes through wasm-opt -Oz (binaryen 132, the feature flags
//   index.html gives Trunk for the main module) and is named
//   `<name>-<hash>.wasm`, so a CDN may cache it forever.
// - The loader (`__wasm_split.js` from wasm-split-cli) imports the main JS
//   as "./roadbook.js"; it is pointed at Trunk's hashed file, its chunk URLs
//   at the hashed chunks, and it is itself named `roadbook-split-<hash>.js`.
// - The main JS imports the loader as "./__wasm_split.js": that import is
//   pointed at the hashed loader, the main JS's integrity hash in
//   index.html follows, and index.html preloads the loader beside it (the
//   two modules import each other, so the browser needs both before the app
//   starts).
//
//   node scripts/split/chunks.mjs DIST SPLIT_DIR
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync, copyFileSync, unlinkSync } from "node:fs";
import { join } from "node:path";

const [dist, splitDir] = process.argv.slice(2);
if (!dist || !splitDir) throw new Error("usage: node scripts/split/chunks.mjs DIST SPLIT_DIR");

const fail = (why) => {
  console.error(`split: ${why}`);
  process.exit(1);
};
const hash = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);
const here = new URL("../..", import.meta.url).pathname;

const indexPath = join(dist, "index.html");
let index = readFileSync(indexPath, "utf8");
const mainJs = (index.match(/rel="modulepreload" href="\.\/(roadbook-[0-9a-f]+\.js)"/) || [])[1];
if (!mainJs) fail("index.html has no modulepreload link to roadbook-<hash>.js (is this a Trunk release build?)");

// wasm-opt flags: the ones index.html hands Trunk for the main module.
const source = readFileSync(join(here, "index.html"), "utf8");
const optParams = ((source.match(/data-wasm-opt-params="([^"]*)"/) || [])[1] || "").split(/\s+/).filter(Boolean);

// The project's own wasm-opt (npm binaryen 132; Debian's 108 breaks wasm).
const wasmOpt = join(here, "node_modules/.bin/wasm-opt");

let loader = readFileSync(join(splitDir, "__wasm_split.js"), "utf8");
if (!loader.includes('from "./roadbook.js"')) fail("the loader no longer imports ./roadbook.js; check wasm-split-cli's output");
loader = loader.replace('from "./roadbook.js"', `from "./${mainJs}"`);

const chunks = readdirSync(splitDir).filter((f) => f.endsWith(".wasm") && f !== "roadbook.wasm").sort();
if (chunks.length === 0) fail(`no chunks in ${splitDir}: was the build split?`);
const written = [];
for (const name of chunks) {
  const quoted = `"./${name}"`;
  if (!loader.includes(quoted)) fail(`the loader does not load ${name}`);
  const tmp = join(dist, `.${name}`);
  // Names and producers out, as Trunk does for the main module.
  execFileSync(wasmOpt, ["-Oz", "--strip-debug", "--strip-producers", ...optParams, join(splitDir, name), "-o", tmp], { stdio: ["ignore", "inherit", "inherit"] });
  const bytes = readFileSync(tmp);
  const hashed = `${name.replace(/\.wasm$/, "")}-${hash(bytes)}.wasm`;
  writeFileSync(join(dist, hashed), bytes);
  unlinkSync(tmp);
  loader = loader.replaceAll(quoted, `"./${hashed}"`);
  written.push(hashed);
}

const loaderName = `roadbook-split-${hash(loader)}.js`;
writeFileSync(join(dist, loaderName), loader);

const mainPath = join(dist, mainJs);
const main = readFileSync(mainPath, "utf8");
// Only the module imports: "./__wasm_split.js" is also the wasm's import
// namespace in the imports object, which must keep its name.
const fromLoader = /(from\s*)(["'])\.\/__wasm_split\.js\2/g;
if (!fromLoader.test(main)) fail(`${mainJs} does not import ./__wasm_split.js: was the build split?`);
const newMain = main.replace(fromLoader, `$1$2./${loaderName}$2`);
writeFileSync(mainPath, newMain);

// The main JS changed: its integrity hash in index.html follows. The loader
// is preloaded beside it.
const sri = (text) => `sha384-${createHash("sha384").update(text).digest("base64")}`;
const preload = new RegExp(`(<link rel="modulepreload" href="\\./${mainJs.replace(".", "\\.")}"[^>]*integrity=")[^"]*(")`);
if (!preload.test(index)) fail("could not find the main JS's integrity attribute in index.html");
index = index.replace(preload, `$1${sri(newMain)}$2`);
index = index.replace(
  /(<link rel="modulepreload" href="\.\/roadbook-[0-9a-f]+\.js"[^>]*>)/,
  `$1<link rel="modulepreload" href="./${loaderName}" crossorigin="anonymous" integrity="${sri(loader)}">`,
);
writeFileSync(indexPath, index);
console.log(`split: ${written.length} chunks and ${loaderName} in ${dist}`);

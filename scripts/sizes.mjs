// What a phone downloads, in brotli q11 bytes (what a CDN serves):
// - the first screen: the wasm, JS and CSS that index.html itself loads
//   (its stylesheet, scripts, module preloads and preloads); the driver's
//   manifest or sign-in needs nothing else;
// - the whole app: every wasm, JS and CSS file in the build (the chunks of
//   the screens that load later included; the service worker is not).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const CODE = /\.(wasm|js|css)$/;

export const brotli = (bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The files index.html loads before the app can start. */
export function firstScreenFiles(dist) {
  const index = readFileSync(join(dist, "index.html"), "utf8");
  const refs = [...index.matchAll(/<(?:link|script)\b[^>]*?\b(?:href|src)="\.?\/?([^"]+)"/g)].map((m) => m[1]);
  // Trunk's inline module script imports the main JS and passes the wasm.
  const inline = [...index.matchAll(/from '\.\/([^']+\.js)'|module_or_path: '\.\/([^']+\.wasm)'/g)].map((m) => m[1] || m[2]);
  return [...new Set([...refs, ...inline])].filter((f) => CODE.test(f)).sort();
}

/** Every code file in the build. */
export function allCodeFiles(dist) {
  return readdirSync(dist)
    .filter((f) => CODE.test(f) && f !== "sw.js")
    .sort();
}

/** `{ total, files: [[name, bytes]] }` in brotli bytes. */
export function measure(dist, files) {
  const sized = files.map((f) => [f, brotli(readFileSync(join(dist, f)))]);
  return { total: sized.reduce((n, [, b]) => n + b, 0), files: sized };
}

export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

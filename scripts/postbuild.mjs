// After `trunk build --release`:
// - starts the wasm download after the page's first paint (see below);
// - adds a Content-Security-Policy to index.html that allows Trunk's inline
//   loader script by its hash (no 'unsafe-inline' for scripts), and writes
//   the same policy into dist/_headers for hosts that read that file; the
//   origins in ROADBOOK_TILE_ORIGINS (a map tile server on another site,
//   docs/deploy.md) are added to img-src and connect-src;
// - names the map's stylesheet (map.css) by its hash and tells the app its
//   name in <meta name="roadbook-map-style">;
// - writes dist/sw.js from public/sw.js with the precache list of what was
//   actually built and a version that changes whenever any file changes;
// - writes dist/404.html (a copy of index.html for hosts without a
//   single-page fallback);
// - prints the first-screen and whole-app transfer sizes (scripts/sizes.mjs).
//
//   node scripts/postbuild.mjs [DIST]
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { allCodeFiles, firstScreenFiles, kb, measure } from "./sizes.mjs";

const dist = process.argv[2] ?? "dist";
const here = new URL("..", import.meta.url).pathname;

// --- Map tile servers on other sites ------------------------------------
// "https://tiles.example.com https://b.tiles.example.com": each must be a
// bare origin (no path), https, or http only to this device. Anything else
// stops the build: a typo must not ship a policy that blocks the map, nor
// one that allows more than meant.
const tileOrigins = (process.env.ROADBOOK_TILE_ORIGINS ?? "").split(/[\s,]+/).filter(Boolean);
for (const o of tileOrigins) {
  const ok = /^https:\/\/[a-z0-9.-]+(:\d+)?$/i.test(o) || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i.test(o);
  if (!ok) throw new Error(`postbuild: ROADBOOK_TILE_ORIGINS: ${JSON.stringify(o)} is not an origin like https://tiles.example.com`);
}
const extra = tileOrigins.length ? ` ${tileOrigins.join(" ")}` : "";

// --- The first paint first ----------------------------------------------
// index.html paints the sign-in frame, or public/prepaint.js the driver's
// last screen, as soon as the HTML and CSS are in. The app's wasm (the
// bulk of the download) is fetched only after that first paint: on a slow
// network it no longer competes with the page's own first paint for
// bandwidth, and the browser's measure of the first screen (Largest
// Contentful Paint, as Lighthouse estimates it) no longer waits for it.
// Trunk's preload of the wasm goes; its loader script waits for a frame
// (or 200 ms, for a tab in the background, where frames do not come).
const indexPath = join(dist, "index.html");
let index = readFileSync(indexPath, "utf8");
index = index.replace(/<link rel="preload" href="\.\/roadbook-[0-9a-f]+_bg\.wasm"[^>]*>/, "");
const FIRST_PAINT_MARK = "/* first paint first */";
if (!index.includes(FIRST_PAINT_MARK)) {
  const init = /(\n\s*)(const wasm = await init\()/;
  if (!init.test(index)) throw new Error("postbuild: Trunk's loader no longer calls init(): check the first-paint step");
  index = index.replace(
    init,
    `$1${FIRST_PAINT_MARK} await new Promise((go) => { requestAnimationFrame(() => setTimeout(go, 0)); setTimeout(go, 200); });$1$2`,
  );
}
const scriptHashes = [...index.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map(
  (m) => `'sha256-${createHash("sha256").update(m[1]).digest("base64")}'`,
);
if (scriptHashes.length === 0) throw new Error("postbuild: Trunk's loader script was not found in index.html");
// 'wasm-unsafe-eval' lets WebAssembly compile without allowing JS eval.
// style-src has no 'unsafe-inline': the app sets the few computed styles it
// needs (progress bars) through the CSSOM, which the policy allows.
// connect-src allows any https API, since the API's address is set at run
// time in config.json; operators can narrow it (docs/deploy.md).
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.join(" ")}`,
  "style-src 'self'",
  `img-src 'self' data:${extra}`,
  `connect-src 'self' https:${extra}`,
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");
index = index.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, "");
// --- The map's stylesheet -------------------------------------------------
// Hashed like Trunk's own assets, so the year-long cache of _headers never
// serves an old one; the app reads its name from the meta tag.
const mapCss = join(dist, "map.css");
if (existsSync(mapCss)) {
  const css = readFileSync(mapCss);
  const named = `map-${createHash("sha256").update(css).digest("hex").slice(0, 16)}.css`;
  renameSync(mapCss, join(dist, named));
  index = index.replace(/\s*<meta name="roadbook-map-style"[^>]*>/, "");
  index = index.replace("</head>", `  <meta name="roadbook-map-style" content="${named}" />\n  </head>`);
}

// The policy goes right after the charset (it must come before anything it
// governs). A build whose index.html changed shape must fail here, not ship
// without a policy.
const charset = /<meta charset="utf-8"\s*\/?>/i;
if (!charset.test(index)) throw new Error("postbuild: <meta charset=\"utf-8\"> not found in index.html; the CSP was not inserted");
index = index.replace(charset, (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
const inserted = index.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)" \/>/);
if (!inserted || inserted[1] !== policy) throw new Error("postbuild: the Content-Security-Policy meta tag was not inserted into index.html");
if (/'unsafe-inline'/.test(inserted[1])) throw new Error("postbuild: the Content-Security-Policy allows 'unsafe-inline'");
writeFileSync(indexPath, index);
const headers = `# Netlify and Cloudflare Pages read this file (see docs/deploy.md for others).
/*
  Content-Security-Policy: ${policy}; frame-ancestors 'none'
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
  Strict-Transport-Security: max-age=31536000
  Permissions-Policy: geolocation=(self), camera=(), microphone=()

/index.html
  Cache-Control: no-cache
/
  Cache-Control: no-cache
/sw.js
  Cache-Control: no-cache
/config.json
  Cache-Control: no-cache
/404.html
  Cache-Control: no-cache
/*.wasm
  Content-Type: application/wasm
  Cache-Control: public, max-age=31536000, immutable
/*.js
  Cache-Control: public, max-age=31536000, immutable
/*.css
  Cache-Control: public, max-age=31536000, immutable
`;
writeFileSync(join(dist, "_headers"), headers);

const files = readdirSync(dist)
  .filter((f) => statSync(join(dist, f)).isFile())
  .filter((f) => !["sw.js", "404.html", "_headers"].includes(f) && !f.startsWith("."))
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

const first = measure(dist, firstScreenFiles(dist));
const whole = measure(dist, allCodeFiles(dist));
console.log(`postbuild: sw.js version ${version}, ${precache.length} precached files, 404.html written`);
console.log(`postbuild: brotli: first screen ${kb(first.total)} (${first.total} B), whole app ${kb(whole.total)} (${whole.total} B)`);

// After `trunk build --release`: writes dist/404.html (a copy of index.html
// for hosts without a single-page fallback) and reports sizes. Later steps
// (service worker precache list) hang off this file too.
import { copyFileSync } from "node:fs";

const dist = process.argv[2] ?? "dist";
copyFileSync(`${dist}/index.html`, `${dist}/404.html`);
console.log(`postbuild: wrote ${dist}/404.html`);

// What dominates the wasm: code bytes per crate, from the function names in
// the pre-wasm-bindgen, pre-wasm-opt module cargo leaves in target/ (the
// shipped file has no names). Proportions, not shipped sizes.
//   node bench/wasm-sizes.mjs [target/wasm32-unknown-unknown/release/roadbook.wasm]
import { readFileSync } from "node:fs";

const file = process.argv[2] || "target/wasm32-unknown-unknown/release/roadbook.wasm";
const b = readFileSync(file);
let p = 8;
const leb = () => { let r = 0, s = 0, x; do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
const str = () => { const n = leb(); const s = b.toString("utf8", p, p + n); p += n; return s; };
let imported = 0, bodies = [], names = new Map(), sections = {};
while (p < b.length) {
  const id = b[p++]; const size = leb(); const end = p + size;
  if (id === 2) { for (let n = leb(), i = 0; i < n; i++) { str(); str(); const k = b[p++]; if (k === 0) { leb(); imported++; } else if (k === 1) { p++; const f = b[p++]; leb(); if (f & 1) leb(); } else if (k === 2) { const f = b[p++]; leb(); if (f & 1) leb(); } else { p += 2; } } }
  if (id === 10) { for (let n = leb(), i = 0; i < n; i++) { const s = leb(); bodies.push(s); p += s; } }
  if (id === 0) {
    const name = str(); sections[name] = size;
    if (name === "name") while (p < end) { const sub = b[p++]; const sz = leb(); const se = p + sz; if (sub === 1) { for (let n = leb(), i = 0; i < n; i++) { const idx = leb(); names.set(idx, str()); } } p = se; }
  } else sections[`#${id}`] = size;
  p = end;
}
const crateOf = (raw) => {
  if (raw.startsWith("_R")) { const m = raw.match(/C(?:s[0-9A-Za-z]*_)?(\d+)/); if (m) { const at = m.index + m[0].length; return raw.substr(at, Number(m[1])); } }
  let n = raw;
  const m = n.match(/^_ZN((?:\d+[^\d].*?)+)E$/) || n.match(/^_ZN(.*)$/);
  if (m) { const l = parseInt(m[1], 10); n = m[1].slice(String(l).length, String(l).length + l); }
  n = n.replace(/^_/, "").replace(/^(\$LT\$|\$RF\$|\$u20\$|\$BP\$|mut\$u20\$|dyn\$u20\$|\$u5b\$)+/, "");
  const c = (n.match(/^([A-Za-z_][A-Za-z0-9_]*)/) || [, "?"])[1];
  return c;
};
const byCrate = new Map();
let total = 0;
const samples = [];
bodies.forEach((size, i) => { if (process.env.SHOW && crateOf(names.get(imported + i) || "?") === process.env.SHOW && samples.length < 8) samples.push(names.get(imported + i)); const c = crateOf(names.get(imported + i) || "?"); byCrate.set(c, (byCrate.get(c) || 0) + size); total += size; });
console.log(`${file}: ${b.length} bytes, code ${total} bytes in ${bodies.length} functions (names for ${names.size})`);
for (const [c, s] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${c.padEnd(28)} ${(s / 1024).toFixed(1).padStart(8)} KB  ${(100 * s / total).toFixed(1)}%`);
if (samples.length) console.log(samples.join("\n"));
const data = sections["#11"] || 0;
console.log(`data segments ${(data / 1024).toFixed(1)} KB`);

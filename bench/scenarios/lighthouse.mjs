// 8. Lighthouse 12 mobile (its default: emulated phone, simulated slow 4G
// and 4x CPU), via its CLI in its own Chromium (Debian's, never downloaded).
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { ROOT, CHROMIUM, FLAGS } from "../lib.mjs";

export async function lighthouse(url, outDir) {
  const out = resolve(outDir, "lighthouse.json");
  const bin = resolve(ROOT, "node_modules/lighthouse/cli/index.js");
  const args = [bin, url, "--output=json", `--output-path=${out}`, "--quiet",
    "--only-categories=performance,accessibility,best-practices",
    `--chrome-flags=--headless=new ${FLAGS.join(" ")}`];
  const log = [];
  const code = await new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, CHROME_PATH: CHROMIUM } });
    child.stdout.on("data", (d) => log.push(String(d)));
    child.stderr.on("data", (d) => log.push(String(d)));
    const timer = setTimeout(() => { log.push("timed out after 240 s"); child.kill(); }, 240_000);
    child.on("error", (e) => { log.push(String(e)); clearTimeout(timer); done(-1); });
    child.on("close", (c) => { clearTimeout(timer); done(c); });
  });
  if (code !== 0) return { error: `lighthouse exited ${code}: ${log.join("").trim().split("\n").slice(-6).join(" | ")}` };
  const lhr = JSON.parse(await readFile(out, "utf8"));
  const score = (k) => (lhr.categories[k] && lhr.categories[k].score != null ? Math.round(lhr.categories[k].score * 100) : null);
  const audit = (k) => lhr.audits[k] && lhr.audits[k].numericValue != null ? Math.round(lhr.audits[k].numericValue) : null;
  const failing = (cat) => (lhr.categories[cat]?.auditRefs || [])
    .filter((r) => r.weight > 0 && lhr.audits[r.id] && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1)
    .map((r) => r.id);
  return {
    version: lhr.lighthouseVersion, formFactor: lhr.configSettings.formFactor, throttlingMethod: lhr.configSettings.throttlingMethod,
    performance: score("performance"), accessibility: score("accessibility"), bestPractices: score("best-practices"),
    metricsMs: { fcp: audit("first-contentful-paint"), lcp: audit("largest-contentful-paint"), tbt: audit("total-blocking-time"), si: audit("speed-index"), tti: audit("interactive") },
    cls: lhr.audits["cumulative-layout-shift"]?.numericValue ?? null,
    notPassing: { accessibility: failing("accessibility"), bestPractices: failing("best-practices") },
    report: "bench/results/lighthouse.json",
  };
}

// 1. Transfer size of what a real first load fetches: raw, gzip -9 and
// brotli q11 (node:zlib), from the network log of a fresh visitor's load
// (the page's own requests and, listed apart, the service worker's precache).
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { newContext, newPage } from "../lib.mjs";

const kindOf = (url, type) => {
  const p = new URL(url).pathname;
  const ext = (p.match(/\.([a-z0-9]+)$/) || [, p.endsWith("/") ? "html" : ""])[1];
  return ext || type || "other";
};

export async function transfer(browser, baseURL) {
  const context = await newContext(browser, baseURL);
  const seen = new Map();
  context.on("response", async (res) => {
    const url = res.url();
    if (!url.startsWith(baseURL) || seen.has(url)) return;
    const fromSw = !!res.request().serviceWorker();
    seen.set(url, (async () => {
      try {
        const body = await res.body();
        return { url: url.slice(baseURL.length - 1), kind: kindOf(url), fromSw, status: res.status(), raw: body.length,
          gzip: gzipSync(body, { level: 9 }).length,
          brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }).length };
      } catch (e) {
        return { url, kind: kindOf(url), fromSw, status: res.status(), error: String(e.message || e) };
      }
    })());
  });
  const page = await newPage(context);
  await page.goto("./");
  await page.getByLabel("Username").waitFor();
  await page.evaluate(() => navigator.serviceWorker && navigator.serviceWorker.ready);
  await page.waitForTimeout(1500);
  const files = (await Promise.all(seen.values())).filter((f) => !f.error);
  await context.close();
  const pageFiles = files.filter((f) => !f.fromSw);
  const sum = (fs, k) => fs.reduce((a, f) => a + (f[k] || 0), 0);
  const budgetSet = pageFiles.filter((f) => ["wasm", "js", "css"].includes(f.kind));
  const byKind = {};
  for (const f of pageFiles) {
    const k = (byKind[f.kind] ||= { raw: 0, gzip: 0, brotli: 0, files: 0 });
    k.raw += f.raw; k.gzip += f.gzip; k.brotli += f.brotli; k.files++;
  }
  return {
    files,
    byKind,
    pageTotal: { raw: sum(pageFiles, "raw"), gzip: sum(pageFiles, "gzip"), brotli: sum(pageFiles, "brotli"), files: pageFiles.length },
    wasmJsCss: { raw: sum(budgetSet, "raw"), gzip: sum(budgetSet, "gzip"), brotli: sum(budgetSet, "brotli") },
    serviceWorkerFetches: { files: files.length - pageFiles.length, raw: sum(files.filter((f) => f.fromSw), "raw") },
  };
}

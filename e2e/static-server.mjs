// A plain static file server, as a CDN or nginx would be: no build tool, no
// dev server. Serves DIR at MOUNT (default "/"), with the single-page
// fallback most hosts offer (unknown paths without a file extension get
// index.html), the .wasm MIME type, and no-cache for the files that must
// never be stale (index.html, sw.js, config.json).
//
//   node e2e/static-server.mjs DIR PORT [MOUNT] [--no-fallback]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const [dir = "dist", port = "8080", mountArg = "/"] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const fallback = !process.argv.includes("--no-fallback");
const root = resolve(dir);
const mount = mountArg.endsWith("/") ? mountArg : mountArg + "/";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};
const noCache = new Set(["index.html", "sw.js", "config.json", "404.html"]);

async function fileAt(rel) {
  const full = normalize(join(root, rel));
  if (!full.startsWith(root)) return null;
  try {
    const s = await stat(full);
    return s.isFile() ? full : s.isDirectory() ? fileAt(join(rel, "index.html")) : null;
  } catch {
    return null;
  }
}

createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (path + "/" === mount) {
    res.writeHead(301, { Location: mount }).end();
    return;
  }
  if (!path.startsWith(mount)) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    return;
  }
  const rel = path.slice(mount.length) || "index.html";
  let file = await fileAt(rel);
  let status = 200;
  if (!file && fallback && !extname(rel)) file = await fileAt("index.html");
  if (!file) {
    file = await fileAt("404.html");
    status = 404;
  }
  if (!file) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    return;
  }
  const name = file.slice(file.lastIndexOf("/") + 1);
  const body = await readFile(file);
  res.writeHead(status, {
    "Content-Type": types[extname(file)] ?? "application/octet-stream",
    "Cache-Control": noCache.has(name) ? "no-cache" : "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}).listen(Number(port), "127.0.0.1", () => {
  console.log(`serving ${root} at http://127.0.0.1:${port}${mount}`);
});

// A plain static file server, as a CDN or nginx would be: no build tool, no
// dev server. Serves DIR at MOUNT (default "/"), with the single-page
// fallback most hosts offer (unknown paths without a file extension get
// index.html), the .wasm MIME type, and no-cache for the files that must
// never be stale (index.html, sw.js, config.json).
//
//   node e2e/static-server.mjs DIR PORT [MOUNT] [--no-fallback] [--tiles]
//
// As a module, `serve({ dir, port, mount, tiles, config })` starts one in
// the test's own process (port 0: any free port), so a spec can count what
// it was asked for:
// - `tiles`: a map tile server at MOUNT + "tiles/{z}/{x}/{y}.png", on the
//   app's own site (so the shipped Content-Security-Policy allows it), with
//   generated PNG tiles that line up like a street map's, sent with
//   `Cache-Control: no-store` so only the app's own tile cache can answer
//   offline. `tiles: { bytes }` pads each tile to about that size (real
//   tiles are 10–50 KB); every request is counted in `server.tileRequests`.
// - `config`: an object served as config.json instead of the file.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { crc32, deflateSync } from "node:zlib";

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

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A 256 × 256 tile that looks like a quiet street map: land, a street grid
 * fixed to the world (so neighbouring tiles and zoom levels line up), every
 * fourth street a main road, and a park now and then. Padded with a private
 * PNG chunk (ignored by decoders) to `bytes` when asked.
 */
export function tilePng(z, x, y, bytes = 0) {
  const size = 256;
  const raw = Buffer.alloc(size * (1 + size * 3));
  // A street every 1/2^18 of the world (about 150 m at Portland).
  const scale = 2 ** (z - 18) * 256;
  const land = [242, 239, 233];
  const park = [205, 235, 176];
  const minor = [255, 255, 255];
  const major = [247, 212, 156];
  const edge = [214, 200, 180];
  for (let py = 0; py < size; py++) {
    raw[py * (1 + size * 3)] = 0;
    const wy = (y * size + py) / scale;
    for (let px = 0; px < size; px++) {
      const wx = (x * size + px) / scale;
      const cx = Math.floor(wx);
      const cy = Math.floor(wy);
      const fx = (wx - cx) * scale;
      const fy = (wy - cy) * scale;
      let c = ((cx * 7 + cy * 13) % 23 === 0) ? park : land;
      if (scale >= 6) {
        const mainX = cx % 4 === 0;
        const mainY = cy % 4 === 0;
        const w = Math.max(1, Math.min(6, scale / 12));
        const wm = w * 1.8;
        if ((mainX && fx < wm) || (mainY && fy < wm)) c = (fx < 1 || fy < 1) && scale > 40 ? edge : major;
        else if (fx < w || fy < w) c = minor;
      }
      const o = py * (1 + size * 3) + 1 + px * 3;
      raw[o] = c[0];
      raw[o + 1] = c[1];
      raw[o + 2] = c[2];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const parts = [
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
  ];
  const sofar = parts.reduce((n, b) => n + b.length, 0) + 12;
  if (bytes > sofar + 12) {
    const pad = Buffer.alloc(bytes - sofar - 12);
    for (let i = 0; i < pad.length; i++) pad[i] = (i * 2654435761) >>> 24;
    parts.push(chunk("rbPd", pad));
  }
  parts.push(chunk("IEND", Buffer.alloc(0)));
  return Buffer.concat(parts);
}

/** Starts a server; resolves to `{ port, url, tileRequests, close }`. */
export function serve({ dir = "dist", port = 0, mount: mountArg = "/", fallback = true, tiles = false, config = null } = {}) {
  const root = resolve(dir);
  const mount = mountArg.endsWith("/") ? mountArg : mountArg + "/";
  const tileBytes = typeof tiles === "object" && tiles ? tiles.bytes ?? 0 : 0;
  const tileCache = new Map();
  const tileRequests = [];

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

  const server = createServer(async (req, res) => {
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
    const tile = tiles && rel.match(/^tiles\/(\d+)\/(\d+)\/(\d+)\.png$/);
    if (tile) {
      tileRequests.push(rel);
      const [z, x, y] = tile.slice(1).map(Number);
      if (z > 22 || x >= 2 ** z || y >= 2 ** z) {
        res.writeHead(404, { "Content-Type": "text/plain" }).end("no such tile");
        return;
      }
      let body = tileCache.get(rel);
      if (!body) {
        body = tilePng(z, x, y, tileBytes);
        tileCache.set(rel, body);
      }
      // Any site may read them (as most tile servers allow), so a copy of
      // the app on another port can keep them for offline use.
      res.writeHead(200, { "Content-Type": "image/png", "Cache-Control": "no-store", "Content-Length": body.length, "Access-Control-Allow-Origin": "*" });
      res.end(req.method === "HEAD" ? undefined : body);
      return;
    }
    if (config && rel === "config.json") {
      res.writeHead(200, { "Content-Type": types[".json"], "Cache-Control": "no-cache" });
      res.end(req.method === "HEAD" ? undefined : JSON.stringify(config));
      return;
    }
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
  });
  return new Promise((ok) => {
    server.listen(Number(port), "127.0.0.1", () => {
      const p = server.address().port;
      ok({
        port: p,
        url: `http://127.0.0.1:${p}${mount}`,
        tileRequests,
        close: () => new Promise((done) => server.close(done)),
        server,
      });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [dir = "dist", port = "8080", mount = "/"] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const s = await serve({ dir, port, mount, fallback: !process.argv.includes("--no-fallback"), tiles: process.argv.includes("--tiles") });
  console.log(`serving ${resolve(dir)} at ${s.url}`);
}

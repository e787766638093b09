// A fake HTTP API for the specs that test Roadbook against a real API (not
// the in-page demo backend): config.json is routed to `api_base: "/api"`
// and every `/api/**` request is answered here, so the app's real HTTP
// client (fetch, AbortController timeouts, headers) is what runs.
//
// Playwright cannot route requests from a page a service worker controls:
// specs using this must `test.use({ serviceWorkers: "block" })`.
import http from "node:http";
import { readFileSync } from "node:fs";
import { fixtureText } from "./fixture.js";
import { expect } from "@playwright/test";

export const shipped = JSON.parse(readFileSync("public/config.json", "utf8"));
export const manifestText = fixtureText("manifest.json");

/** The fixture manifest with every package still to deliver (3 packages). */
export const pendingManifestText = (() => {
  const m = JSON.parse(manifestText);
  for (const s of m.stops) for (const p of s.packages) p.status = "pending";
  return JSON.stringify(m);
})();

/** An RFC 9457 problem answer for `route.fulfill`. */
export const problem = (status, extra = {}) => ({
  status,
  contentType: "application/problem+json",
  body: JSON.stringify({ type: "about:blank", title: "Error", status, ...extra }),
});

export const fleetText = fixtureText("fleet.json");

export const SESSION = { token: "t-1", expires_at: "2099-01-01T00:00:00Z", user: { id: "D-1001", name: "Alex Rivera", role: "driver" } };
export const DISPATCHER_SESSION = { token: "t-9", expires_at: "2099-01-01T00:00:00Z", user: { id: "U-1", name: "Dana Dispatch", role: "dispatcher" } };

/**
 * Installs the fake API on a page or a browser context (a context's routes
 * also cover pages opened later). Counts requests per endpoint (`counts`)
 * and keeps every event POSTed (`events`). `faults.session`,
 * `faults.manifest` and `faults.events`, when set, are route handlers that
 * answer instead of the healthy API (`api.answer(what, route)`). `fail` is kept as the manifest fault.
 */
export async function fakeApi(target, { manifest = manifestText, config = {}, session = SESSION } = {}) {
  const api = {
    faults: { session: null, manifest: null, events: null, fleet: null },
    get fail() { return this.faults.manifest; },
    set fail(f) { this.faults.manifest = f; },
    counts: { session: 0, manifest: 0, events: 0, fleet: 0 },
    events: [],
    manifest,
  };
  await target.route("**/config.json", (r) =>
    r.fulfill({ contentType: "application/json", body: JSON.stringify({ ...shipped, api_base: "/api", ...config }) }),
  );
  await target.route("**/api/**", async (route) => {
    const url = new URL(route.request().url());
    const what = url.pathname.split("/").pop();
    api.counts[what] = (api.counts[what] ?? 0) + 1;
    if (api.faults[what]) return api.faults[what](route);
    return api.answer(what, route);
  });
  /** The healthy answer for endpoint `what` (faults may fall back to it). */
  api.answer = (what, route) => {
    if (what === "session") {
      return route.fulfill({ contentType: "application/json", body: JSON.stringify(session) });
    }
    if (what === "fleet") {
      return route.fulfill({ contentType: "application/json", body: fleetText });
    }
    if (what === "manifest") {
      if (route.request().headers()["if-none-match"] === '"v1"') return route.fulfill({ status: 304, headers: { etag: '"v1"' } });
      return route.fulfill({ contentType: "application/json", headers: { etag: '"v1"' }, body: api.manifest });
    }
    if (what === "events") {
      const body = JSON.parse(route.request().postData() || "{}");
      api.events.push(...body.events);
      return route.fulfill({ contentType: "application/json", body: JSON.stringify({ accepted: body.events.map((e) => e.id) }) });
    }
    return route.fulfill(problem(404));
  };
  return api;
}

/** Signs in as the driver through the form and waits for the manifest. */
export async function signInAndSee(page, packages = 3) {
  await page.goto("./");
  await fillSignIn(page);
  await expect(page.locator("li.package")).toHaveCount(packages);
}

export async function fillSignIn(page, user = "driver", password = "roadbook") {
  await page.getByLabel("Username").fill(user);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * A real HTTP server that sends the status line, headers and the first 2 KB
 * of the body at once, then the rest one byte at a time, slowly, for as long as the client listens:
 * the one fault Playwright's `route.fulfill` cannot produce. Point a route
 * at it with `route.continue({ url: trickle.url })`.
 */
export async function startTrickleServer({ everyMs = 250 } = {}) {
  const sockets = new Set();
  const state = { hits: 0, open: 0 };
  const server = http.createServer((req, res) => {
    state.hits++;
    state.open++;
    req.resume();
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    res.flushHeaders();
    // The first 2 KB at once (browsers hold a response back until they
    // have enough bytes to sniff, or the whole body), then a byte at a time.
    const body = '{"accepted": [], "token": "t-1", "schema": 1, "padding": "' + "x".repeat(100_000);
    res.write(body.slice(0, 2048));
    let i = 2048;
    const timer = setInterval(() => {
      if (i < body.length) res.write(body[i++]);
    }, everyMs);
    const done = () => {
      clearInterval(timer);
      state.open--;
    };
    res.on("close", done);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/slow`,
    state,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Installs Playwright's fake clock (time flows normally until a spec jumps
 * it with `clock.fastForward`), with timer ids a browser would hand out.
 * The fake clock's ids start at 10^12; WebIDL (and so web-sys, which the
 * app's Rust code uses) types them as a 32-bit `long`, so a cleared 10 s
 * request timeout would otherwise keep its truncated id, never be cleared,
 * and fire on its dropped Rust closure at the first jump past 10 s. Real
 * browsers' ids are small; this maps the fake ones to small ones.
 */
export async function installClock(context) {
  await context.clock.install();
  await context.addInitScript(() => {
    const set = window.setTimeout;
    const clear = window.clearTimeout;
    const ids = new Map();
    let next = 1;
    window.setTimeout = function (handler, ms, ...args) {
      const id = next++;
      const wrapped = typeof handler === "function" ? (...a) => { ids.delete(id); return handler(...a); } : handler;
      ids.set(id, set.call(window, wrapped, ms, ...args));
      return id;
    };
    window.clearTimeout = function (id) {
      if (ids.has(id)) {
        clear.call(window, ids.get(id));
        ids.delete(id);
      }
    };
  });
}

// A fake Roadbook API behind Playwright's routing (like outage.spec.js), so
// the app's real HTTP client runs against data this test controls.
// config.json is routed to point the app at it; use with serviceWorkers: "block".
import { readFileSync } from "node:fs";
import { fixtureText } from "./fixture.js";

export const shipped = JSON.parse(readFileSync("public/config.json", "utf8"));
export const fixtureManifest = (opts) => JSON.parse(fixtureText("manifest.json", opts));
export const fixtureFleet = (opts) => JSON.parse(fixtureText("fleet.json", opts));

export const problem = (status) => ({
  status,
  contentType: "application/problem+json",
  body: JSON.stringify({ type: "about:blank", title: "Error", status }),
});

/**
 * Installs the fake API on a page (or on a whole browser context, for specs
 * with several tabs). `api.manifest` / `api.fleet` are served as JSON
 * (change them at any time); `api.fail[what]` (a route handler) overrides an
 * endpoint ("manifest", "events", "fleet", "session"). Every request is kept
 * in `api.requests` with its method, URL and headers. Sign-ins get a session
 * ending at `api.expiresAt()`; `DELETE /session` answers 405, as a server
 * without it would.
 */
export async function routedApi(page, opts = {}) {
  const api = {
    token: opts.token ?? "tok-e2e-0000",
    manifest: opts.manifest ?? fixtureManifest(),
    fleet: opts.fleet ?? fixtureFleet(),
    driverManifests: opts.driverManifests ?? {},
    fail: {},
    events: [],
    requests: [],
    expiresAt: () => "2099-01-01T00:00:00Z",
  };
  await page.route("**/config.json", (r) =>
    r.fulfill({ contentType: "application/json", body: JSON.stringify({ ...shipped, api_base: "/api", ...(opts.config ?? {}) }) }));
  await page.route("**/api/**", async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    const parts = url.pathname.split("/").filter(Boolean).slice(1); // after "api"
    const what = parts[0];
    api.requests.push({ method: req.method(), url: req.url(), headers: req.headers(), what });
    if (api.fail[what]) return api.fail[what](route);
    const json = (body) => route.fulfill({ contentType: "application/json", body: JSON.stringify(body) });
    if (what === "session" && req.method() === "DELETE") return route.fulfill(problem(405));
    if (what === "session") {
      const creds = JSON.parse(req.postData() || "{}");
      const dispatcher = creds.username === "dispatch";
      return json({
        token: api.token,
        expires_at: api.expiresAt(),
        user: dispatcher
          ? { id: "U-9", name: "Dana Dispatcher", role: "dispatcher" }
          : { id: api.manifest.driver.id, name: api.manifest.driver.name, role: "driver" },
      });
    }
    if (what === "manifest") return json(api.manifest);
    if (what === "events") {
      const body = JSON.parse(req.postData() || "{}");
      api.events.push(...body.events);
      return json({ accepted: body.events.map((e) => e.id) });
    }
    if (what === "fleet" && parts.length === 1) return json(api.fleet);
    if (what === "fleet" && parts[2] === "manifest") {
      const id = decodeURIComponent(parts[1]);
      return api.driverManifests[id] ? json(api.driverManifests[id]) : route.fulfill(problem(404));
    }
    return route.fulfill(problem(404));
  });
  return api;
}

export async function signInRouted(page, user = "driver") {
  await page.goto("./sign-in");
  await page.getByLabel("Username").fill(user);
  await page.getByLabel("Password").fill("roadbook");
  await page.getByRole("button", { name: "Sign in" }).click();
}

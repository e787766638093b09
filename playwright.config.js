// Playwright drives the release build in Debian's Chromium (never a
// downloaded browser), served by a plain static server.
import { defineConfig, devices } from "@playwright/test";

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
// Overridable so parallel work can test its own build on its own port.
const dist = process.env.ROADBOOK_DIST || "dist";
const port = Number(process.env.ROADBOOK_PORT || 4173);
const flags = [
  "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
];

export default defineConfig({
  testDir: "e2e",
  outputDir: `e2e/artifacts/results-${port}`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    launchOptions: { executablePath: chromium, args: flags },
    trace: "retain-on-failure",
    serviceWorkers: "allow",
  },
  projects: [
    {
      name: "root",
      use: { baseURL: `http://127.0.0.1:${port}/`, ...devices["Pixel 7"], viewport: { width: 390, height: 844 }, browserName: "chromium" },
    },
    {
      // The same dist/, unchanged, under a sub-path (as on GitHub Pages):
      // every spec but the fault matrix, whose 45 cells exercise the API
      // client and guidance, which do not depend on where the app is served
      // (its sign-in cells still run here through foundation and outage).
      name: "subpath",
      testIgnore: ["fault-matrix.spec.js"],
      use: { baseURL: `http://127.0.0.1:${port + 1}/roadbook/`, ...devices["Pixel 7"], viewport: { width: 390, height: 844 }, browserName: "chromium" },
    },
  ],
  webServer: [
    { command: `node e2e/static-server.mjs ${dist} ${port} /`, url: `http://127.0.0.1:${port}/`, reuseExistingServer: false },
    { command: `node e2e/static-server.mjs ${dist} ${port + 1} /roadbook/`, url: `http://127.0.0.1:${port + 1}/roadbook/`, reuseExistingServer: false },
  ],
});

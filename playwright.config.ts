import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * Playwright cannot download its own browser everywhere. Use the system Chromium when one is
 * named (CHROMIUM_PATH) or Debian's is installed; otherwise Playwright's own build. Of Debian's
 * two, the headless shell comes first: it is the build Playwright itself runs headless tests in
 * (chromium-headless-shell), and it does the same pages with far less CPU than the full browser,
 * which on a 2-core machine is most of the suite's time. The full browser is the fallback.
 */
const debianChromium = ["/usr/lib/chromium/chromium-headless-shell", "/usr/bin/chromium"].find((path) => existsSync(path));
const systemChromium = process.env.CHROMIUM_PATH ?? debianChromium;

const port = Number(process.env.PORT ?? 3210);
export const baseURL = `http://127.0.0.1:${port}`;
/** Plain `next start` from the same build, on its own port (NEXT_START_PORT, default PORT + 10). */
const nextStartPort = Number(process.env.NEXT_START_PORT ?? port + 10);
const nextStartURL = `http://127.0.0.1:${nextStartPort}`;

/**
 * The specs that run against both deploy paths: every one that talks to the demo API, over HTTP or
 * from the demos and the decoder's tamper lab in a browser. The rest is about `npm start` alone
 * (the page memo, its hashed script policies, extra server instances) or runs in the page only on
 * markup that is the same bytes from either server (decoding, verifying, layout, accessibility,
 * budgets, the static examples), so running it twice would prove nothing more.
 */
const bothPaths = {
  routes: ["routes/flask-*.spec.ts", "routes/cookies-scope.spec.ts", "routes/hostile-http.spec.ts", "routes/security-headers.spec.ts"],
  e2e: ["e2e/demo-embeds.spec.ts", "e2e/playground-knobs.spec.ts", "e2e/decoder-tamper.spec.ts", "e2e/security-api-xss.spec.ts"],
};

/**
 * Tests in those specs tagged `@page-only` are about the page itself: a mocked network failure, the
 * keyboard, the settings kept in the URL. Any request they send is one the other tests already
 * check on both paths, so they run on `npm start` only.
 */
const PAGE_ONLY = /@page-only/;

export default defineConfig({
  testDir: "./tests",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: "list",
  // Names the slowest spec files at the end of a run: where the suite's time goes.
  reportSlowTests: { max: 8, threshold: 20_000 },
  // Axe over the article with its embeds takes seconds on a 2-core machine; give slow pages room.
  timeout: 60_000,
  use: {
    baseURL,
    // A failed test keeps its trace. Recording DOM snapshots and a screencast for every test, to
    // throw them away when it passes, was a large share of the suite's CPU; CI keeps the actions,
    // network and console of a failure, a run elsewhere the full trace.
    trace: process.env.CI ? { mode: "retain-on-failure", screenshots: false, snapshots: false } : "retain-on-failure",
    launchOptions: systemChromium
      ? {
          executablePath: systemChromium,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        }
      : {},
  },
  // Each project names its deploy path (tests/helpers/deploy-path.ts): specs branch on it only
  // where `next start` legitimately answers differently.
  projects: [
    { name: "routes", testMatch: "routes/**/*.spec.ts", metadata: { deployPath: "npm-start" } },
    { name: "e2e", testMatch: "e2e/**/*.spec.ts", use: { ...devices["Desktop Chrome"] }, metadata: { deployPath: "npm-start" } },
    { name: "routes-next-start", testMatch: bothPaths.routes, use: { baseURL: nextStartURL }, metadata: { deployPath: "next-start" } },
    {
      name: "e2e-next-start",
      testMatch: bothPaths.e2e,
      grepInvert: PAGE_ONLY,
      use: { ...devices["Desktop Chrome"], baseURL: nextStartURL },
      metadata: { deployPath: "next-start" },
    },
  ],
  // Tests run against the production build: what readers get. One build, two servers from it:
  // `npm start` (the demo API on its lean path, the rest through Next) and plain `next start` (the
  // route handlers a serverless host runs). Playwright starts them in this order, so the second
  // starts once the first has built. SKIP_BUILD=1 uses the build already in NEXT_DIST_DIR
  // (.ci/run builds while the static checks run).
  webServer: [
    {
      command: `${process.env.SKIP_BUILD === "1" ? "" : "npm run build && "}npm start -- -H 127.0.0.1 -p ${port}`,
      url: `${baseURL}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 240_000,
      stdout: "pipe",
    },
    {
      command: `node node_modules/next/dist/bin/next start -H 127.0.0.1 -p ${nextStartPort}`,
      url: `${nextStartURL}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: "pipe",
    },
  ],
});

import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * Playwright cannot download its own browser everywhere. Use the system Chromium when one is
 * named (CHROMIUM_PATH) or Debian's is installed; otherwise Playwright's own build.
 */
const systemChromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const port = Number(process.env.PORT ?? 3210);
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./tests",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: "list",
  // Axe over the article with its embeds takes seconds on a 2-core machine; give slow pages room.
  timeout: 60_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
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
  projects: [
    { name: "routes", testMatch: "routes/**/*.spec.ts" },
    { name: "e2e", testMatch: "e2e/**/*.spec.ts", use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: {
    // Tests run against the production build: what readers get. `npm start` answers the demo API on
    // its lean path and the rest through Next; TEST_SERVER=next-start serves all of it with `next start`.
    command:
      process.env.TEST_SERVER === "next-start"
        ? `npm run build && npx next start -H 127.0.0.1 -p ${port}`
        : `npm run build && npm start -- -H 127.0.0.1 -p ${port}`,
    url: `${baseURL}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 240_000,
    stdout: "pipe",
  },
});

import { defineConfig, devices } from "@playwright/test";
import tests from "../../playwright.config";

/**
 * `npm run screenshots`: the screenshot scripts (*.shots.ts here) through Playwright, against the
 * same production build and `npm start` server the tests use (PORT, SKIP_BUILD as there). They
 * assert nothing a test needs; they are for a person to look at, in reports/screenshots/.
 */
const [npmStart] = Array.isArray(tests.webServer) ? tests.webServer : [tests.webServer];

export default defineConfig({
  ...tests,
  testDir: ".",
  testMatch: "*.shots.ts",
  reporter: "list",
  projects: [{ name: "screenshots", use: { ...devices["Desktop Chrome"] } }],
  webServer: npmStart,
});

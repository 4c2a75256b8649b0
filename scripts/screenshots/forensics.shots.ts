import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import type { RecordedRuns } from "../../lib/session-keys/recorded-fixture";
import { curlAnswer as curlAnswerOf } from "../../tests/support/curl-answer";
import { gotoHydrated } from "../../tests/helpers/hydration";

/**
 * Screenshots of the decoder's forensics (who wrote each key, a curl -i answer, the article's
 * Flask-Principal embed) on cookies the real extensions wrote, on a phone and a desktop, light and
 * dark, for a person to look at. Not a check: `npm run screenshots` takes them; they land in
 * reports/screenshots/forensics/ (git-ignored).
 */

const RECORDED: RecordedRuns = JSON.parse(readFileSync("tests/fixtures/extension-cookies.json", "utf8"));
const step = (id: string) => RECORDED.scenarios.flatMap((s) => s.steps).find((st) => st.id === id)!;
const cookieBox = (page: Page) => page.getByLabel(/^Cookie:/);

const curlAnswer = (stepId: string) => curlAnswerOf(step(stepId));

for (const width of [390, 1280]) {
  for (const theme of ["light", "dark"] as const) {
    test(`findings at ${width}px, ${theme}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.addInitScript((choice) => localStorage.setItem("theme", choice), theme);
      await gotoHydrated(page, "/decoder");
      await cookieBox(page).fill(curlAnswer("flask-security-2fa/setup"));
      await expect(page.getByTestId("secret-warnings")).toBeVisible();
      await page.getByTestId("decoded").screenshot({ path: `reports/screenshots/forensics/findings-${width}-${theme}.png` });
      await cookieBox(page).fill(curlAnswer("flask-login-remember/login"));
      await expect(page.getByTestId("cookie-report")).toHaveCount(2);
      await page.getByTestId("decoded").screenshot({ path: `reports/screenshots/forensics/curl-${width}-${theme}.png` });
      await page.goto("/disabling-cookies-in-flask");
      const embed = page.getByRole("region", { name: "Cookie decoder: a Flask-Principal cookie" });
      await embed.scrollIntoViewIfNeeded();
      await embed.screenshot({ path: `reports/screenshots/forensics/embed-${width}-${theme}.png` });
    });
  }
}

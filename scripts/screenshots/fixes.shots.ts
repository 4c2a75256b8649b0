import { test } from "@playwright/test";
import { gotoHydrated } from "../../tests/helpers/hydration";

/**
 * Screenshots of the "Which fix works?" page on a phone and a desktop, light and dark, one cell's
 * exchange opened and sent live, for a person to look at. Not a check: `npm run screenshots` takes
 * them; they land in reports/screenshots/fixes/ (git-ignored).
 */
// Full-page captures of a long page on a busy machine take a while.
test.setTimeout(180_000);

const dir = "reports/screenshots/fixes";

for (const width of [390, 1280]) {
  for (const theme of ["light", "dark"] as const) {
    test(`the matrix at ${width}px, ${theme}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.addInitScript((choice) => localStorage.setItem("theme", choice), theme);
      await gotoHydrated(page, "/fixes");
      await page.screenshot({ path: `${dir}/top-${width}-${theme}.png` });
      await page.screenshot({ path: `${dir}/full-${width}-${theme}.png`, fullPage: true });
      const cell = page.locator("#fix-should-set-cookie-situation-session-cleared");
      await cell.getByText("The exchange").click();
      await cell.getByRole("button", { name: "Send it live" }).click();
      await cell.locator("[data-live-verdict]").filter({ hasText: "Live" }).waitFor();
      await page.screenshot({ path: `${dir}/cell-${width}-${theme}.png` });
    });
  }
}

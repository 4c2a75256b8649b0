import { expect, test } from "@playwright/test";

/**
 * Screenshots of the decoder page and the article's embed, on a phone and a desktop, light and
 * dark, for a person to look at. Not a check: `npm run screenshots` (scripts/screenshots/playwright.config.ts)
 * takes them; they land in reports/screenshots/decoder/ (git-ignored).
 */

const dir = "reports/screenshots/decoder";

for (const width of [390, 1280]) {
  for (const theme of ["light", "dark"] as const) {
    test(`decoder at ${width}px, ${theme}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.addInitScript((choice) => localStorage.setItem("theme", choice), theme);
      await page.goto("/decoder");
      await expect(page.getByTestId("python-value")).toContainText("b'value'");
      await page.getByLabel("Secret key", { exact: true }).fill("SomeRandomKey");
      await expect(page.getByTestId("verify-result")).toBeVisible();
      await page.getByRole("button", { name: "Forge and send" }).click();
      await expect(page.getByTestId("lab-outcome")).toBeVisible();
      await page.screenshot({ path: `${dir}/page-${width}-${theme}.png`, fullPage: true });
      await page.getByLabel(/^Cookie:/).fill("eyJhIjoxfQx.VwVtFQ.QVad8S_p30zLjM_Mhus1xA1usX0");
      await expect(page.getByTestId("problems")).toBeVisible();
      await page.getByTestId("decoded").screenshot({ path: `${dir}/error-${width}-${theme}.png` });
    });

    test(`article embed at ${width}px, ${theme}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.addInitScript((choice) => localStorage.setItem("theme", choice), theme);
      await page.goto("/disabling-cookies-in-flask");
      const embed = page.getByTestId("cookie-decoder-embed").first();
      await embed.scrollIntoViewIfNeeded();
      await embed.screenshot({ path: `${dir}/embed-${width}-${theme}.png` });
    });
  }
}

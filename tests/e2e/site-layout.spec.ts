import { expect, test } from "@playwright/test";
import { sitePages } from "../helpers/site-pages";

for (const width of [320, 390, 1280, 1920]) {
  test(`no page scrolls sideways at ${width} px (code blocks scroll inside themselves)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    for (const path of Object.values(sitePages)) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} overflows by ${overflow} px`).toBe(0);
    }
  });
}

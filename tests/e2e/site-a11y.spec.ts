import { expect, test } from "@playwright/test";
import { axeViolationsInBothThemes, sitePages } from "../helpers/site-pages";

for (const [name, path] of Object.entries(sitePages)) {
  test(`the ${name} page has no axe violations in either theme`, async ({ page }) => {
    await page.goto(path);
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });
}

test("keyboard focus is visible, starting with a skip link to the content", async ({ page }) => {
  await page.goto(sitePages.article);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  const focusStyle = async () =>
    page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
  for (let i = 0; i < 6; i++) {
    const style = await focusStyle();
    expect(style.outline).not.toBe("none");
    expect(style.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press("Tab");
  }
});

test("code blocks that scroll can be reached with the keyboard", async ({ page }) => {
  await page.goto(sitePages.article);
  await expect(page.locator("pre.shiki").first()).toHaveAttribute("tabindex", "0");
});

import { expect, test, type Page } from "@playwright/test";
import { sitePages } from "../helpers/site-pages";

const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const white = "rgb(255, 255, 255)";

test.describe("themes", () => {
  test("follow the system setting by default", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(sitePages.article);
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await bodyBackground(page)).not.toBe(white);
    await page.emulateMedia({ colorScheme: "light" });
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    expect(await bodyBackground(page)).toBe(white);
  });

  test("a manual choice overrides the system and survives a reload", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(sitePages.article);
    const dark = page.getByRole("button", { name: "Dark theme" });
    await dark.click();
    await expect(dark).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "true");
    await page.getByRole("button", { name: "System theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    expect(await page.evaluate(() => localStorage.getItem("theme"))).toBeNull();
  });

  test("a stored choice is applied before the body is parsed, so the wrong theme never flashes", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.addInitScript(() => {
      localStorage.setItem("theme", "dark");
      // Record the theme at the moment <body> enters the document: nothing can be painted before it.
      const observer = new MutationObserver(() => {
        if (!document.body) return;
        (window as Window & { themeAtBody?: string }).themeAtBody = document.documentElement.dataset.theme ?? "unset";
        observer.disconnect();
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    await page.goto(sitePages.article);
    expect(await page.evaluate(() => (window as Window & { themeAtBody?: string }).themeAtBody)).toBe("dark");
    expect(await bodyBackground(page)).not.toBe(white);
  });

  test("the light choice wins over a dark system", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.addInitScript(() => localStorage.setItem("theme", "light"));
    await page.goto(sitePages.home);
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    expect(await bodyBackground(page)).toBe(white);
  });
});

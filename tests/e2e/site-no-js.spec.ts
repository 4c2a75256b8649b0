import { expect, test } from "@playwright/test";
import { sitePages } from "../helpers/site-pages";

test.use({ javaScriptEnabled: false });

test.describe("without JavaScript", () => {
  test("the full text, the highlighted code and the notes are in the page", async ({ page }) => {
    await page.goto(sitePages.article);
    const article = page.locator("article");
    await expect(article).toContainText("A Flask's session is stored as an encrypted string in cookies.");
    await expect(article).toContainText("principal = Principal(app, use_sessions=False)");
    await expect(article.locator('pre[data-language="python"]').first()).toContainText("session_interface = WeakSessionInterface()");
    expect(await article.locator("pre.shiki span[style]").count()).toBeGreaterThan(50);
    await expect(page.getByRole("note", { name: "Editor's note" })).toHaveCount(6);
  });

  test("the code is readable and the controls that need JavaScript are hidden", async ({ page }) => {
    await page.goto(sitePages.article);
    await expect(page.locator("pre.shiki").first()).toBeVisible();
    await expect(page.getByRole("button", { name: /copy/i })).toHaveCount(0);
    await expect(page.locator(".theme-switch")).toBeHidden();
  });

  test("the dark system setting still gives the dark theme", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(sitePages.article);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe("rgb(255, 255, 255)");
  });
});

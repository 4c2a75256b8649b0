import { expect, test } from "@playwright/test";
import { axeViolations } from "../helpers/site-pages";
import { articleDemos, articlePath, LiveDemoEmbed } from "../helpers/live-demo";

/**
 * The article's prose and code are checked whole by site-a11y.spec.ts, in both themes; using the
 * embeds changes only the embeds, so on the article axe looks at those (the embeds' regions).
 */
const ARTICLE_EMBEDS = ["[data-embed]"];

for (const theme of ["light", "dark"] as const) {
  test.describe(`in the ${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((choice) => localStorage.setItem("theme", choice), theme);
    });

    test("the article with its live embeds, after requests, has no axe violations", async ({ page }) => {
      const demo = await LiveDemoEmbed.open(page, articlePath, articleDemos.persistent);
      await demo.send("persistent");
      const principal = new LiveDemoEmbed(page, page.locator(`section#${articleDemos.principal}`));
      await principal.send("principal");
      await principal.switch("use_sessions").click();
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      expect(await axeViolations(page, ARTICLE_EMBEDS)).toEqual([]);
    });

    test("the playground, before and after a request, has no axe violations", async ({ page }) => {
      const demo = await LiveDemoEmbed.open(page, "/playground", "playground-demo");
      expect(await axeViolations(page)).toEqual([]);
      await demo.button("clear").click();
      await demo.send("persistent");
      expect(await axeViolations(page)).toEqual([]);
    });

    test("the embeds as the server rendered them, before their script starts, have no axe violations", async ({ page }) => {
      // With the page's scripts blocked the embeds never hydrate (axe itself needs JavaScript on).
      await page.route("**/_next/static/**/*.js", (route) => route.abort());
      for (const path of [articlePath, "/playground"]) {
        await page.goto(path);
        await expect(page.locator('[data-live-demo="static"]').first()).toBeAttached();
        expect(await axeViolations(page, path === articlePath ? ARTICLE_EMBEDS : [])).toEqual([]);
      }
    });
  });
}

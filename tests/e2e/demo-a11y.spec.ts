import { expect, test } from "@playwright/test";
import { axeViolationsInBothThemes } from "../helpers/site-pages";
import { articleDemos, articlePath, LiveDemoEmbed } from "../helpers/live-demo";

/**
 * The article's prose and code are checked whole by site-a11y.spec.ts, in both themes; using the
 * embeds changes only the embeds, so on the article axe looks at those (the embeds' regions).
 */
const ARTICLE_EMBEDS = ["[data-embed]"];
const NONE = { light: [], dark: [] };

test("the article with its live embeds, after requests, has no axe violations in either theme", async ({ page }) => {
  const demo = await LiveDemoEmbed.open(page, articlePath, articleDemos.persistent);
  await demo.send("persistent");
  const principal = new LiveDemoEmbed(page, page.locator(`section#${articleDemos.principal}`));
  await principal.send("principal");
  await principal.switch("use_sessions").click();
  expect(await axeViolationsInBothThemes(page, ARTICLE_EMBEDS)).toEqual(NONE);
});

test("the playground, after a request, has no axe violations in either theme", async ({ page }) => {
  // Before any request it is the markup the server rendered, which the last test checks.
  const demo = await LiveDemoEmbed.open(page, "/playground", "playground-demo");
  await demo.button("clear").click();
  await demo.send("persistent");
  expect(await axeViolationsInBothThemes(page)).toEqual(NONE);
});

test("the embeds as the server rendered them, before their script starts, have no axe violations in either theme", async ({ page }) => {
  // With the page's scripts blocked the embeds never hydrate (axe itself needs JavaScript on).
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
  for (const path of [articlePath, "/playground"]) {
    await page.goto(path);
    await expect(page.locator('[data-live-demo="static"]').first()).toBeAttached();
    expect(await axeViolationsInBothThemes(page, path === articlePath ? ARTICLE_EMBEDS : [])).toEqual(NONE);
  }
});

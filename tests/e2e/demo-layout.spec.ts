import { expect, test, type Page } from "@playwright/test";
import { articleDemos, articlePath, LiveDemoEmbed } from "../helpers/live-demo";

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const width of [320, 1920]) {
  test(`at ${width} px the embeds and their timelines fit the page width`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    const persistent = await LiveDemoEmbed.open(page, articlePath, articleDemos.persistent);
    await persistent.send("persistent");
    await persistent.send("persistent");
    const principal = new LiveDemoEmbed(page, page.locator(`section#${articleDemos.principal}`));
    await principal.send("principal");
    await principal.send("principal");
    expect(await overflow(page)).toBe(0);

    const playground = await LiveDemoEmbed.open(page, "/playground?app=principal&flask=2016&action=write&permanent=1", "playground-demo");
    await playground.send("principal");
    expect(await overflow(page)).toBe(0);
  });
}

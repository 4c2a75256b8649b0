import { test } from "@playwright/test";
import { articleDemos, articlePath, LiveDemoEmbed } from "../../tests/helpers/live-demo";

/**
 * Screenshots of every embed, before and after its toggle, on a phone and a desktop, light and
 * dark, for a person to look at. Not a check: `npm run screenshots` (scripts/screenshots/playwright.config.ts)
 * takes them; they land in reports/screenshots/demos/ (git-ignored).
 */

const dir = "reports/screenshots/demos";

const embeds = [
  {
    name: "persistent",
    path: articlePath,
    id: articleDemos.persistent,
    app: "persistent",
    toggle: (d: LiveDemoEmbed) => d.button("Flask 2016 (0.10)").click(),
    app2: "persistent",
  },
  {
    name: "persistent-weak",
    path: articlePath,
    id: articleDemos.persistentWeak,
    app: "persistent",
    toggle: (d: LiveDemoEmbed) => d.button("NoSessionsFlask").click(),
    app2: "weak",
  },
  {
    name: "principal",
    path: articlePath,
    id: articleDemos.principal,
    app: "principal",
    toggle: (d: LiveDemoEmbed) => d.switch("use_sessions").click(),
    app2: "principal-no-sessions",
  },
  {
    name: "playground",
    path: "/playground",
    id: "playground-demo",
    app: "persistent",
    toggle: (d: LiveDemoEmbed) => d.button("Flask-Principal").click(),
    app2: "principal",
  },
  {
    name: "playground-flask-login",
    path: "/playground?app=flask-login&action=login-remember",
    id: "playground-demo",
    app: "flask-login",
    toggle: (d: LiveDemoEmbed) => d.button("log out").click(),
    app2: "flask-login",
  },
];

for (const width of [390, 1280]) {
  for (const theme of ["light", "dark"] as const) {
    for (const embed of embeds) {
      test(`${embed.name} at ${width}px, ${theme}`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await page.addInitScript((choice) => localStorage.setItem("theme", choice), theme);
        const demo = await LiveDemoEmbed.open(page, embed.path, embed.id);
        await demo.send(embed.app);
        await demo.send(embed.app);
        await demo.root.screenshot({ path: `${dir}/${embed.name}-${width}-${theme}-a.png` });
        await embed.toggle(demo);
        await demo.send(embed.app2);
        await demo.root.screenshot({ path: `${dir}/${embed.name}-${width}-${theme}-b.png` });
      });
    }
    test(`the article around its embeds at ${width}px, ${theme}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.addInitScript((choice) => localStorage.setItem("theme", choice), theme);
      await LiveDemoEmbed.open(page, articlePath, articleDemos.persistentWeak);
      // A full-page capture does not scroll, so embeds off screen would stay skipped (content-visibility: auto).
      await page.addStyleTag({ content: "[data-embed] { content-visibility: visible !important; }" });
      await page.screenshot({ path: `${dir}/article-${width}-${theme}.png`, fullPage: true });
    });
    test(`static examples at ${width}px, ${theme}`, async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled: false, colorScheme: theme, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(articlePath);
      await page.locator(`section#${articleDemos.principal}`).screenshot({ path: `${dir}/static-principal-${width}-${theme}.png` });
      await context.close();
    });
  }
}

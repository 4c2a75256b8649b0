import { expect, test, type Page } from "@playwright/test";
import { articlePath } from "../helpers/live-demo";

// The article starts React on the reader's first intent (scripts/build/boot-on-intent.ts): until then it
// is HTML and CSS only. These tests watch the network and the DOM around that moment.

/** Every script request the page makes, in order, by path. */
function watchScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  return scripts;
}

const hydrated = (page: Page) => expect(page.locator("html")).toHaveAttribute("data-hydrated", "", { timeout: 15_000 });

test.describe("the article boots on intent", () => {
  test.use({ viewport: { width: 412, height: 823 } });

  test("loads no script until the reader acts; the first scroll loads the payload, then Next's scripts, and React hydrates without an error", async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    const scripts = watchScripts(page);
    await page.goto(articlePath);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForTimeout(1_000);
    expect(scripts, "scripts fetched before any intent").toEqual([]);
    await expect(page.locator("html")).not.toHaveAttribute("data-hydrated");

    await page.mouse.wheel(0, 400);
    await hydrated(page);
    expect(scripts[0]).toMatch(/^\/_next\/static\/deferred\/[0-9a-f]{16}\.js$/);
    expect(scripts.filter((path) => path.startsWith("/_next/static/chunks/")).length).toBeGreaterThan(3);
    expect(errors).toEqual([]);
  });

  test("a deep link to a demo boots at once: the demo takes its settings from the link and scrolls itself into view", async ({ page }) => {
    await page.goto(`${articlePath}#demo-persistent?flask=2016`);
    await hydrated(page);
    const demo = page.locator("section#demo-persistent");
    await expect(demo.locator('[data-live-demo="ready"]')).toBeVisible();
    await expect(demo.getByRole("button", { name: "Flask 2016 (0.10)", exact: true })).toHaveAttribute("aria-pressed", "true");
    await expect(demo).toBeInViewport();
  });

  test("a button pressed before React starts is pressed again once it has", async ({ page }) => {
    // Slow scripts, so the click surely lands before hydration.
    await page.route("**/_next/static/chunks/*.js", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await page.goto(articlePath);
    await page.getByRole("button", { name: "Dark theme" }).click();
    await expect(page.locator("html")).not.toHaveAttribute("data-hydrated");
    await hydrated(page);
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "true");
    expect(await page.evaluate(() => localStorage.getItem("theme"))).toBe("dark");
  });

  test("text typed before React starts is kept and acted on once it has", async ({ page }) => {
    await page.route("**/_next/static/chunks/*.js", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await page.goto(articlePath);
    const embed = page.getByTestId("cookie-decoder-embed").first();
    await embed.getByLabel("Cookie", { exact: true }).fill("eyJhIjoxfQ.VwVtFQ.F4DDM_IRcqgsJQGrAsImi9erKhc");
    await embed.getByLabel("Secret key to verify with").fill("SomeRandomKey");
    await expect(page.locator("html")).not.toHaveAttribute("data-hydrated");
    await hydrated(page);
    await expect(embed.getByLabel("Cookie", { exact: true })).toHaveValue("eyJhIjoxfQ.VwVtFQ.F4DDM_IRcqgsJQGrAsImi9erKhc");
    await expect(embed.getByTestId("python-value")).toHaveText("{'a': 1}");
    await expect(embed.getByTestId("verify-result")).toContainText("Signature valid");
  });

  test("the theme switch shows the stored choice as pressed before React starts", async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem("theme", "light"));
    await page.goto(articlePath);
    await expect(page.getByRole("button", { name: "Light theme" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByRole("button", { name: "System theme" })).toHaveAttribute("aria-pressed", "false");
    await expect(page.locator("html")).not.toHaveAttribute("data-hydrated");
  });
});

test.describe("the embeds keep their size when React starts", () => {
  // Tall enough that every embed is on screen, so none is skipped by content-visibility.
  test.use({ viewport: { width: 412, height: 10_000 } });

  test("each embed is as tall before hydration (its scripts blocked) as after", async ({ page, browser }) => {
    const heights = (p: Page) => p.locator("[data-embed]").evaluateAll((embeds) => embeds.map((e) => Math.round(e.getBoundingClientRect().height)));
    await page.route("**/_next/static/**/*.js", (route) => route.abort());
    await page.goto(articlePath);
    const before = await heights(page);

    const live = await browser.newPage({ viewport: { width: 412, height: 10_000 } });
    await live.goto(articlePath);
    await hydrated(live);
    await expect(live.locator('[data-live-demo="ready"]')).toHaveCount(3);
    const after = await heights(live);
    await live.close();
    expect(before.length).toBe(5);
    expect(after).toEqual(before);
  });
});

test("the home page boots on intent too", async ({ page }) => {
  const scripts = watchScripts(page);
  await page.goto("/");
  await page.waitForTimeout(1_000);
  expect(scripts).toEqual([]);
  // A pointermove with no movement is what Chrome sends when the page changes under a resting cursor.
  await page.evaluate(() => dispatchEvent(new PointerEvent("pointermove", { bubbles: true })));
  await page.waitForTimeout(300);
  expect(scripts, "a pointer that did not move is not intent").toEqual([]);
  await page.keyboard.press("Tab");
  await hydrated(page);
  expect(scripts[0]).toMatch(/^\/_next\/static\/deferred\//);
});

test("the decoder and the playground, tools used at once, start React at load, as Next does", async ({ page }) => {
  const scripts = watchScripts(page);
  for (const path of ["/decoder", "/playground"]) {
    scripts.length = 0;
    await page.goto(path);
    await hydrated(page);
    expect(scripts.some((script) => script.startsWith("/_next/static/chunks/"))).toBe(true);
    expect(scripts.some((script) => script.startsWith("/_next/static/deferred/"))).toBe(false);
  }
});

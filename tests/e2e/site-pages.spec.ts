import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { jekyllPermalink, sitePages } from "../helpers/site-pages";

test.describe("site pages", () => {
  test("the home page leads to the article in one click, and to the decoder and playground", async ({ page }) => {
    await page.goto(sitePages.home);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Disabling Cookies in Flask");
    const main = page.getByRole("main");
    await expect(main.getByRole("link", { name: "Cookie decoder" })).toHaveAttribute("href", "/decoder");
    await expect(main.getByRole("link", { name: "Playground" })).toHaveAttribute("href", "/playground");
    await main.getByRole("link", { name: "Read the article" }).click();
    await expect(page).toHaveURL(sitePages.article);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Disabling Cookies in Flask");
  });

  test("the header links every section of the site and marks the current one", async ({ page }) => {
    await page.goto(sitePages.home);
    const nav = page.getByRole("navigation", { name: "Site" });
    await expect(nav.getByRole("link")).toHaveText(["Article", "Decoder", "Playground", "Fixes"]);
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(0);
    await page.goto(sitePages.article);
    await expect(nav.getByRole("link", { name: "Article" })).toHaveAttribute("aria-current", "page");
  });

  test("the original Jekyll permalink redirects permanently to the article", async ({ request, page }) => {
    const response = await request.get(jekyllPermalink, { maxRedirects: 0 });
    expect([301, 308]).toContain(response.status());
    expect(response.headers()["location"]).toBe(sitePages.article);
    await page.goto(jekyllPermalink);
    await expect(page).toHaveURL(sitePages.article);
  });

  test("an unknown address gets a 404 page in the site's style", async ({ page }) => {
    const response = await page.goto(sitePages.notFound);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page.getByRole("navigation", { name: "Site" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: "Read the article" })).toHaveAttribute("href", sitePages.article);
  });

  test("an unknown article slug is a 404 too", async ({ request }) => {
    expect((await request.get("/disabling-cookies-in-django")).status()).toBe(404);
  });

  test("the article carries sharing metadata and a canonical URL", async ({ page }) => {
    await page.goto(sitePages.article);
    const meta = (selector: string) => page.locator(selector).getAttribute("content");
    expect(await meta('meta[name="description"]')).toMatch(/Set-Cookie/);
    expect(await meta('meta[property="og:title"]')).toBe("Disabling Cookies in Flask");
    expect(await meta('meta[property="og:type"]')).toBe("article");
    expect(await meta('meta[property="article:published_time"]')).toBe("2016-04-06T01:02:03.000Z");
    expect(await page.locator('link[rel="canonical"]').getAttribute("href")).toMatch(/^https?:\/\/[^/]+\/disabling-cookies-in-flask$/);
    // The favicon travels inside the page (lib/site.ts): no request, and a browser can draw it.
    const icon = (await page.locator('link[rel="icon"]').first().getAttribute("href")) ?? "";
    expect(icon).toMatch(/^data:image\/svg\+xml,/);
    const drawn = await page.evaluate(async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      return image.naturalWidth;
    }, icon);
    expect(drawn).toBeGreaterThan(0);
    const structured = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "null");
    expect(structured).toMatchObject({ "@type": "BlogPosting", headline: "Disabling Cookies in Flask", datePublished: "2016-04-06T01:02:03.000Z" });
  });

  test("a favicon answers at the address old browsers ask for", async ({ request }) => {
    const response = await request.get("/favicon.ico");
    expect(response.status()).toBe(200);
    expect((await response.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  });

  test("sitemap.xml lists the pages and robots.txt points to it", async ({ request }) => {
    const sitemap = await (await request.get("/sitemap.xml")).text();
    expect(sitemap).toMatch(/<loc>https?:\/\/[^<]+\/disabling-cookies-in-flask<\/loc>/);
    const robots = await request.get("/robots.txt");
    expect(robots.status()).toBe(200);
    expect(await robots.text()).toMatch(/Sitemap: https?:\/\/\S+\/sitemap\.xml/);
  });

  test("every site page is prerendered at build time", async () => {
    const distDir = process.env.NEXT_DIST_DIR || ".next";
    const manifestPath = path.join(distDir, "prerender-manifest.json");
    expect(existsSync(manifestPath), `${manifestPath} exists after the build`).toBe(true);
    const routes = Object.keys(JSON.parse(readFileSync(manifestPath, "utf8")).routes);
    expect(routes).toEqual(expect.arrayContaining(["/", "/disabling-cookies-in-flask", "/_not-found", "/sitemap.xml", "/robots.txt"]));
  });
});

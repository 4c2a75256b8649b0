import { expect, test } from "@playwright/test";
import budgets from "../../scripts/bench/budgets.json";
import { codeBeyond, measurePage } from "../../scripts/bench/page-bytes";
import { facesInPage, PHONE } from "../../scripts/bench/page-faces";

// Bytes are deterministic for a given build, so they can fail a test; times are not, and none is asserted.
// The budgets come from `npm run bench` (BENCHMARKS.md) with some headroom: raise one only with a reason.
test.describe("the article's byte budget", () => {
  test("HTML, CSS and JavaScript stay within the budgets in scripts/bench/budgets.json", async ({ request, baseURL }) => {
    const { article } = budgets;
    const page = await measurePage(new URL(article.path, baseURL).href, async (url) => {
      const response = await request.get(url);
      expect(response.status(), url).toBe(200);
      return new Uint8Array(await response.body());
    });
    expect(page.assets.filter((a) => a.type === "css").length, "stylesheets found").toBeGreaterThan(0);

    // jsGzip is what loads with the page (none: the article boots on intent), jsOnIntentGzip what the reader's first intent loads.
    const measured = { htmlRaw: page.html.raw, htmlGzip: page.html.gzip, cssGzip: page.css.gzip, jsGzip: page.js.gzip, jsOnIntentGzip: page.jsOnIntent.gzip };
    expect(page.jsOnIntent.gzip, "the article still hydrates on intent").toBeGreaterThan(0);
    const over = Object.entries(measured)
      .filter(([key, bytes]) => bytes > article[key as keyof typeof measured])
      .map(([key, bytes]) => `${key}: ${bytes} B > budget ${article[key as keyof typeof measured]} B`);
    expect(over, `over budget (${JSON.stringify(measured)})`).toEqual([]);
  });

  test("the embeds' own JavaScript (what the article loads beyond the 404 page) stays within its budget", async ({ request, baseURL }) => {
    const get = (status: number) => async (url: string) => {
      const response = await request.get(url);
      expect(response.status(), url).toBe(url.includes("/_next/") ? 200 : status);
      return new Uint8Array(await response.body());
    };
    // As `npm run bench` counts it: the 404 page has the same layout and no embeds.
    const article = await measurePage(new URL(budgets.article.path, baseURL).href, get(200));
    const layout = await measurePage(new URL("/this-page-does-not-exist", baseURL).href, get(404));
    const embedsJs = codeBeyond(article, layout).gzip;
    expect(embedsJs, "the embeds load some JavaScript of their own").toBeGreaterThan(0);
    expect(embedsJs, `embeds' JavaScript ${embedsJs} B gzip`).toBeLessThanOrEqual(budgets.article.embedsJsGzip);
  });

  test("the article's first screens on a phone use no more font faces than their budget", async ({ browser, baseURL }) => {
    // Counted, not timed: each face is a font lookup before the first paint (scripts/bench/page-faces.ts).
    const context = await browser.newContext({ ...PHONE, colorScheme: "light" });
    const page = await context.newPage();
    // Nothing here is intent, so the article stays as it loads: server HTML and CSS, no script run.
    await page.goto(new URL(budgets.article.path, baseURL).href, { waitUntil: "load" });
    const faces = await page.evaluate(facesInPage);
    await context.close();
    const list = faces.map((f) => `${f.face} ×${f.textNodes} (${f.example})`).join("\n");
    expect(faces.length, "text laid out at load").toBeGreaterThan(3);
    expect(faces.length, `faces at load:\n${list}`).toBeLessThanOrEqual(budgets.article.facesAtLoad);
  });
});

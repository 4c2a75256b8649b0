import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { deferBoot, withReplay } from "../build/boot-on-intent";
import { inlineScripts, intentScripts, measurePage, pageAssets, sizesOf } from "./page-bytes";

const html = `<!DOCTYPE html><html><head>
<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>
<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>
<link rel="preload" as="font" href="/f.woff2"/>
<link rel="icon" href="/icon.svg"/>
<script src="/_next/static/chunks/b.js" async=""></script>
<script src='/_next/static/chunks/c.js?dpl=1&amp;x=2'></script>
<script>document.documentElement.dataset.theme="dark"</script>
<script src="/_next/static/chunks/polyfills.js" noModule=""></script>
<script type="application/ld+json">{"@type":"BlogPosting"}</script>
</head><body><script>self.__next_f.push([1,"x"])</script></body></html>`;

describe("which files a page loads", () => {
  it("lists stylesheets, script tags and script preloads once each, and nothing else (nomodule scripts are not fetched)", () => {
    expect(pageAssets(html)).toEqual({
      css: ["/_next/static/chunks/a.css"],
      js: ["/_next/static/chunks/b.js", "/_next/static/chunks/c.js?dpl=1&x=2"],
    });
  });

  it("collects the text of inline scripts that run, not JSON-LD", () => {
    expect(inlineScripts(html)).toBe('document.documentElement.dataset.theme="dark"self.__next_f.push([1,"x"])');
  });
});

describe("counting bytes", () => {
  it("gives the raw size and the gzip -6 and brotli -11 sizes", () => {
    const bytes = new TextEncoder().encode("hello ".repeat(100));
    expect(sizesOf(bytes)).toEqual({ raw: 600, gzip: gzipSync(bytes, { level: 6 }).length, brotli: expect.any(Number) });
    expect(sizesOf(bytes).brotli).toBeLessThan(sizesOf(bytes).gzip);
  });

  it("sums the document and every asset by type, resolving URLs against the page", async () => {
    const files: Record<string, string> = {
      "http://site.test/post": html,
      "http://site.test/_next/static/chunks/a.css": "body{color:red}",
      "http://site.test/_next/static/chunks/b.js": "1;",
      "http://site.test/_next/static/chunks/c.js?dpl=1&x=2": "22;",
    };
    const page = await measurePage("http://site.test/post", async (url) => new TextEncoder().encode(files[url] ?? `missing ${url}`));
    expect(page.html.raw).toBe(html.length);
    expect(page.css.raw).toBe(15);
    expect(page.js.raw).toBe(5);
    expect(page.assets.map((a) => a.url)).toEqual(Object.keys(files).slice(1));
  });
});

describe("a page that boots on intent", () => {
  it("counts the scripts its loader adds on the reader's first intent apart from those fetched at load", async () => {
    const next = `<html><head><script src="/_next/static/chunks/r.js" async=""></script></head><body><p>x</p>
<script>(self.__next_f=self.__next_f||[]).push([0])</script><script>self.__next_f.push([1,"y"])</script></body></html>`;
    const page = deferBoot(next, () => "/_next/static/deferred/p.js");
    if ("error" in page) throw new Error(page.error);
    expect(pageAssets(page.html).js).toEqual([]);
    expect(intentScripts(page.html)).toEqual(["/_next/static/deferred/p.js", "/_next/static/chunks/r.js"]);
    const files: Record<string, string> = {
      "http://site.test/post": page.html,
      "http://site.test/_next/static/deferred/p.js": page.payload,
      "http://site.test/_next/static/chunks/r.js": "1;",
    };
    const bytes = await measurePage("http://site.test/post", async (url) => new TextEncoder().encode(files[url] ?? `missing ${url}`));
    expect(bytes.js.raw).toBe(0);
    expect(bytes.jsOnIntent.raw).toBe(page.payload.length + 2);
  });

  it("finds no intent scripts in an ordinary page, nor in one that only replays", () => {
    expect(intentScripts(html)).toEqual([]);
    const replaying = withReplay(html);
    if (typeof replaying !== "string") throw new Error(replaying.error);
    expect(intentScripts(replaying)).toEqual([]);
  });
});

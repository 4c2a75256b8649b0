/**
 * What a page costs a reader in bytes, by type: the HTML document (inline scripts and styles
 * included), the stylesheets and the scripts it loads, raw and compressed (gzip level 6, the level
 * servers use by default, and brotli at its maximum, as a static host would precompress). Shared by
 * `npm run bench` and the byte budget test (tests/e2e/budget.spec.ts), so both count the same way.
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export type Sizes = { raw: number; gzip: number; brotli: number };
/** `js`: fetched at load; `intent`: fetched on the reader's first intent (scripts/build/boot-on-intent.ts). */
export type Asset = { url: string; type: "css" | "js" | "intent"; sizes: Sizes };
export type PageBytes = { html: Sizes; inlineScript: Sizes; css: Sizes; js: Sizes; jsOnIntent: Sizes; assets: Asset[] };

export function sizesOf(bytes: Uint8Array): Sizes {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 6 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function sum(list: Sizes[]): Sizes {
  return list.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { raw: 0, gzip: 0, brotli: 0 });
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  if (!match) return null;
  return (match[1] ?? match[2] ?? match[3]).replace(/&amp;/g, "&");
}

/**
 * The stylesheets and scripts a document makes a modern browser fetch: `<link rel=stylesheet>`,
 * `<script src>` (not `nomodule`) and script preloads (`<link rel=preload|modulepreload as=script>`), each once.
 */
export function pageAssets(html: string): { css: string[]; js: string[] } {
  const css = new Set<string>();
  const js = new Set<string>();
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attribute(tag, "rel") ?? "").toLowerCase().split(/\s+/);
    const href = attribute(tag, "href");
    if (!href) continue;
    if (rel.includes("stylesheet")) css.add(href);
    else if ((rel.includes("preload") || rel.includes("modulepreload")) && (attribute(tag, "as") ?? "script") === "script") js.add(href);
  }
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attribute(tag, "src");
    // A nomodule script (Next's legacy polyfills) is neither fetched nor run by a browser that has modules.
    if (src && !/\snomodule\b/i.test(tag)) js.add(src);
  }
  return { css: [...css], js: [...js] };
}

/**
 * The scripts a page boots on intent adds when the reader first acts: the list the boot loader
 * (scripts/build/boot-loader.ts), the last script of <body>, is called with, the page's RSC
 * payload first. None for other pages (a page that starts React at load calls it with null).
 */
export function intentScripts(html: string): string[] {
  const call = /\}\)\((\[[^\]]*\]|null)\)<\/script><\/body>/.exec(html);
  return call === null || call[1] === "null" ? [] : (JSON.parse(call[1]) as string[]);
}

/** The text of every inline script the browser runs (no src; no data type such as JSON-LD): the framework's payload included. */
export function inlineScripts(html: string): string {
  let text = "";
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const tag = `<script${match[1]}>`;
    const type = (attribute(tag, "type") ?? "").toLowerCase();
    if (attribute(tag, "src") === null && (type === "" || type === "module" || type.includes("javascript"))) text += match[2];
  }
  return text;
}

/** Fetches `url` and everything it loads through `get` (bytes of an absolute URL), and counts them. */
export async function measurePage(url: string, get: (url: string) => Promise<Uint8Array>): Promise<PageBytes> {
  const htmlBytes = await get(url);
  const html = new TextDecoder().decode(htmlBytes);
  const { css, js } = pageAssets(html);
  const assets: Asset[] = [];
  for (const [type, list] of [
    ["css", css],
    ["js", js],
    ["intent", intentScripts(html)],
  ] as const) {
    for (const href of list) {
      const absolute = new URL(href, url).href;
      assets.push({ url: absolute, type, sizes: sizesOf(await get(absolute)) });
    }
  }
  return {
    html: sizesOf(htmlBytes),
    inlineScript: sizesOf(new TextEncoder().encode(inlineScripts(html))),
    css: sum(assets.filter((a) => a.type === "css").map((a) => a.sizes)),
    js: sum(assets.filter((a) => a.type === "js").map((a) => a.sizes)),
    jsOnIntent: sum(assets.filter((a) => a.type === "intent").map((a) => a.sizes)),
    assets,
  };
}

/** Where a page that boots on intent keeps its RSC payload (scripts/build/defer-pages.ts): the page's data, not code. */
export const DEFERRED_PAYLOAD_PATH = "/_next/static/deferred/";

/** The code `page` loads, at load or on intent, that `baseline` does not load at all (gzip and the rest). */
export function codeBeyond(page: PageBytes, baseline: PageBytes): Sizes {
  const known = new Set(baseline.assets.map((a) => a.url));
  const own = page.assets.filter((a) => a.type !== "css" && !known.has(a.url) && !new URL(a.url).pathname.startsWith(DEFERRED_PAYLOAD_PATH));
  return sum(own.map((a) => a.sizes));
}

/** `get` for measurePage with the global fetch: the body as served, decompressed. */
export async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

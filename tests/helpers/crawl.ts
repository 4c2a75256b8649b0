import type { APIRequestContext } from "@playwright/test";

/** The paths the sitemap lists (its URLs carry SITE_URL's origin; the tests serve elsewhere). */
export async function sitemapPaths(request: APIRequestContext): Promise<string[]> {
  const xml = await (await request.get("/sitemap.xml")).text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
}

/** Same-site links and assets a page refers to: hrefs and srcs that are paths, without fragments. */
export function sameSiteRefs(html: string): { links: string[]; assets: string[] } {
  const attr = (name: string) =>
    [...html.matchAll(new RegExp(`\\s${name}="(/[^"#]*)(?:#[^"]*)?"`, "g"))].map((m) => m[1].replace(/&amp;/g, "&")).filter((p) => !p.startsWith("//"));
  const hrefs = attr("href");
  const isAsset = (p: string) => p.startsWith("/_next/") || /\.(css|js|svg|ico|png|woff2?)$/.test(p);
  return { links: hrefs.filter((p) => !isAsset(p)), assets: [...attr("src"), ...hrefs.filter(isAsset)] };
}

/**
 * Every page reachable from the sitemap and the home page by same-site links, with every asset
 * those pages load. The demo API is left out of `pages`: robots.txt keeps crawlers off it.
 */
export async function crawlSite(request: APIRequestContext, limit = 200): Promise<{ pages: string[]; assets: string[] }> {
  const queue = ["/", ...(await sitemapPaths(request))];
  const seen = new Set<string>();
  const assets = new Set<string>();
  while (queue.length > 0 && seen.size < limit) {
    const path = queue.shift() as string;
    if (seen.has(path) || path.startsWith("/api/")) continue;
    seen.add(path);
    const response = await request.get(path);
    if (!(response.headers()["content-type"] ?? "").startsWith("text/html")) continue;
    const refs = sameSiteRefs(await response.text());
    for (const link of refs.links) if (!seen.has(link)) queue.push(link);
    for (const asset of refs.assets) assets.add(asset);
  }
  return { pages: [...seen], assets: [...assets] };
}

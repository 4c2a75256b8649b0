import { expect, test, type APIResponse } from "@playwright/test";
import { apiSecurityHeaders, securityHeaders, type SecurityHeader } from "@/lib/security-headers";
import { pagePolicy } from "@/scripts/build/csp-hashes";
import { crawlSite } from "../helpers/crawl";
import { behindNext } from "../helpers/deploy-path";

function expectSecurityHeaders(response: APIResponse, what: string, policy: readonly SecurityHeader[] = securityHeaders): void {
  const headers = response.headersArray();
  for (const { key, value } of policy) {
    const sent = headers.filter((h) => h.name.toLowerCase() === key.toLowerCase()).map((h) => h.value);
    expect(sent, `${key} on ${what}`).toEqual([value]);
  }
}

/**
 * A prerendered page's policy: on `npm start`, the generic one with script-src listing the hashes
 * of exactly this page's inline scripts instead of 'unsafe-inline' (scripts/build/csp-hashes.ts); on
 * plain `next start`, the generic one.
 */
async function pageSecurityHeaders(response: APIResponse): Promise<SecurityHeader[]> {
  if (behindNext()) return [...securityHeaders];
  const csp = securityHeaders.find((h) => h.key === "Content-Security-Policy")?.value ?? "";
  const hashed = pagePolicy(csp, await response.text());
  return securityHeaders.map((h) => (h.key === "Content-Security-Policy" ? { key: h.key, value: hashed } : h));
}

test.describe("security headers", () => {
  test("every page the site links to, and every asset those pages load, carries the whole policy", async ({ request }) => {
    const { pages, assets } = await crawlSite(request);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(assets.some((a) => a.endsWith(".js"))).toBe(true);
    for (const path of [...pages, ...assets, "/robots.txt", "/sitemap.xml"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBeLessThan(400);
      const html = (response.headers()["content-type"] ?? "").startsWith("text/html");
      expectSecurityHeaders(response, path, html ? await pageSecurityHeaders(response) : securityHeaders);
    }
  });

  test("error pages and redirects carry it too", async ({ request }) => {
    const cases: Array<[string, number]> = [
      ["/no-such-page", 404],
      ["/2016/04/06/disabling-cookies-in-flask.html", 308],
    ];
    for (const [path, status] of cases) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(status);
      expectSecurityHeaders(response, path, status === 404 ? await pageSecurityHeaders(response) : securityHeaders);
    }
  });

  test("every kind of demo API answer carries it, with a policy that allows nothing: Flask's own pages, the JSON view, the site's errors", async ({
    request,
  }) => {
    const cases: Array<[string, string, number]> = [
      ["GET", "/api/flask/persistent/", 200],
      ["GET", "/api/flask/persistent/?view=json", 200],
      ["HEAD", "/api/flask/weak/", 200],
      ["OPTIONS", "/api/flask/principal/", 200],
      ["POST", "/api/flask/persistent/", 405],
      ["GET", "/api/flask/persistent", 308],
      ["GET", "/api/flask/persistent/elsewhere", 404],
      ["GET", "/api/flask/no-such-app/", 404],
      ["GET", "/api/flask/persistent/?action=explode", 400],
    ];
    for (const [method, path, status] of cases) {
      const response = await request.fetch(path, { method, maxRedirects: 0 });
      expect(response.status(), `${method} ${path}`).toBe(status);
      expectSecurityHeaders(response, `${method} ${path}`, apiSecurityHeaders);
    }
  });
});

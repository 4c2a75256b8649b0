import { expect, test } from "@playwright/test";
import { crawlSite } from "../helpers/crawl";

test.describe("cookies", () => {
  test("no page and no asset the site links to sets a cookie", async ({ request }) => {
    const { pages, assets } = await crawlSite(request);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const path of [...pages, ...assets, "/robots.txt", "/sitemap.xml", "/no-such-page", "/2016/04/06/disabling-cookies-in-flask.html"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      const cookies = response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie");
      expect([path, cookies]).toEqual([path, []]);
    }
  });

  test("each demo app's cookie stays under that app's path, HttpOnly, with Flask's default attributes", async ({ request }) => {
    const cases: Array<[string, Record<string, string>]> = [
      ["/api/flask/persistent/?action=write", {}],
      ["/api/flask/persistent/?action=write&permanent=1", {}],
      ["/api/flask/persistent/?action=write&flask=0.10", {}],
      ["/api/flask/principal/", { Authorization: "Bearer alice-token" }],
      ["/api/flask/persistent/_reset", {}],
    ];
    for (const [path, headers] of cases) {
      const app = path.split("/")[3];
      const response = await request.get(path, { headers });
      const cookies = response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie");
      expect(cookies, path).toHaveLength(1);
      const attributes = cookies[0].value.split("; ").slice(1);
      expect(attributes, path).toContain(`Path=/api/flask/${app}`);
      expect(attributes, path).toContain("HttpOnly");
      // Flask's defaults: no Domain (host-only), no SameSite (SESSION_COOKIE_SAMESITE is None),
      // no Secure over plain HTTP (docs/security.md).
      expect(
        attributes.filter((a) => /^(Domain|SameSite)=|^Secure$/.test(a)),
        path,
      ).toEqual([]);
    }
  });

  test("the weak app never sets one, whatever it is asked", async ({ request }) => {
    for (const query of ["action=write", "action=clear", "permanent=1", "flask=0.10"]) {
      const response = await request.get(`/api/flask/weak/?${query}`);
      expect(response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie")).toEqual([]);
    }
  });
});

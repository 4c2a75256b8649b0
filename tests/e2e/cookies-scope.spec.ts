import { expect, test } from "@playwright/test";
import { sitemapPaths } from "../helpers/crawl";

test("browsing every page in Chromium leaves no cookie outside the demo apps' paths", async ({ page, context, request }) => {
  const paths = ["/", ...(await sitemapPaths(request)), "/no-such-page"];
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState("load");
  }
  const outside = (await context.cookies()).filter((cookie) => !cookie.path.startsWith("/api/flask/"));
  expect(outside).toEqual([]);
});

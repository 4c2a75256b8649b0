import { expect, test } from "@playwright/test";

/**
 * The article's Flask view prints request.cookies into a text/html body without escaping, as real
 * Flask does. A cookie holding markup is echoed; opened in the browser, the API's policy
 * (default-src 'none', sandbox) must keep it inert.
 */
test("markup echoed from a cookie by the demo API cannot run in the browser", async ({ page, context, baseURL }) => {
  await context.addCookies([
    { name: "x", value: "<script>document.title='ran'</script><img/src=x/onerror=document.title='ran'>", url: `${baseURL}/api/flask/persistent/` },
  ]);
  const response = await page.goto("/api/flask/persistent/?action=nothing");
  expect(await response?.text()).toContain("<script>document.title='ran'</script>");
  await page.waitForLoadState("load");
  expect(await page.title()).not.toBe("ran");
});

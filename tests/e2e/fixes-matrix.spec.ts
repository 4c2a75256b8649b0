import { expect, test, type Page } from "@playwright/test";

/**
 * The "Which fix works?" page: a cell sent live from the browser, the network's real Set-Cookie
 * and the cookie jar checked against what the cell says; the page read without JavaScript.
 */

async function sendCell(page: Page, id: string) {
  const cell = page.locator(`#${id}`);
  await cell.getByText("The exchange").click();
  const path = ((await cell.locator("details p").first().textContent()) ?? "").replace(/^GET /, "");
  const answer = page.waitForResponse((response) => {
    const url = new URL(response.url());
    return url.pathname + url.search === path;
  });
  await cell.getByRole("button", { name: "Send it live" }).click();
  const response = await answer;
  const setCookies = (await response.headersArray()).filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
  await expect(cell.locator("[data-live-verdict]")).toHaveAttribute("data-live-verdict", /.+/);
  return { cell, setCookies, verdict: await cell.getAttribute("data-verdict") };
}

test.describe("Which fix works?", () => {
  test("httponly-none, the view writes: the cell says the cookie is sent without HttpOnly, and it is", async ({ page, context }) => {
    await page.goto("/fixes#fix-httponly-none-situation-view-writes");
    const { cell, setCookies, verdict } = await sendCell(page, "fix-httponly-none-situation-view-writes");
    expect(verdict).toBe("cookie-set");
    await expect(cell.getByRole("list", { name: "Headers" })).toContainText("no HttpOnly");
    expect(setCookies).toHaveLength(1);
    expect(setCookies[0]).toMatch(/^session=[^;]+; Path=\/api\/flask\/persistent$/);
    const jar = (await context.cookies()).filter((c) => c.name === "session");
    expect(jar).toHaveLength(1);
    expect(jar[0]).toMatchObject({ path: "/api/flask/persistent", httpOnly: false, value: setCookies[0].split(";")[0].slice("session=".length) });
    await expect(cell.locator("[data-live-verdict]")).toHaveAttribute("data-live-verdict", "cookie-set");
  });

  test("wsgi-strip, a permanent session is refreshed: no Set-Cookie reaches the browser, the cookie it had stays as it was", async ({ page, context }) => {
    await page.goto("/fixes");
    const id = "fix-wsgi-strip-situation-permanent-refresh";
    const { setCookies, verdict } = await sendCell(page, id);
    expect(verdict).toBe("no-cookie");
    expect(setCookies).toEqual([]);
    // The setup request (the plain app, no fix) put a permanent cookie in the jar; the stripped answer left it alone.
    const jar = (await context.cookies()).filter((c) => c.name === "session" && c.path === "/api/flask/persistent");
    expect(jar).toHaveLength(1);
    expect(jar[0].expires).toBeGreaterThan(Date.now() / 1000);
    await expect(page.locator(`#${id} [data-live-verdict]`)).toHaveAttribute("data-live-verdict", "no-cookie");
  });

  test("should-set-cookie, the session is cleared: the cell's deletion is the network's, and the jar loses the cookie", async ({ page, context }) => {
    await page.goto("/fixes");
    const { setCookies, verdict } = await sendCell(page, "fix-should-set-cookie-situation-session-cleared");
    expect(verdict).toBe("cookie-deleted");
    expect(setCookies).toHaveLength(1);
    expect(setCookies[0]).toMatch(/^session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=\/api\/flask\/persistent$/);
    expect((await context.cookies()).filter((c) => c.name === "session")).toEqual([]);
  });

  test("without JavaScript every cell is there, with its words and its exchange", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/fixes");
    await expect(page.locator("[data-fix-matrix] td[id^='fix-']")).toHaveCount(66);
    const cell = page.locator("#fix-no-secret-key-situation-view-writes");
    await expect(cell).toContainText("500 error");
    await cell.getByText("The exchange").click();
    await expect(cell).toContainText("GET /api/flask/persistent/?action=write&fix=no-secret-key");
    await context.close();
  });
});

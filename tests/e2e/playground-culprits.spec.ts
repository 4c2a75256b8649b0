import { expect, test, type BrowserContext } from "@playwright/test";
import { LiveDemoEmbed, setCookieValue } from "../helpers/live-demo";

const open = (page: import("@playwright/test").Page, search = "") => LiveDemoEmbed.open(page, `/playground${search}`, "playground-demo");

const named = async (context: BrowserContext, name: string, path: string) => (await context.cookies()).find((c) => c.name === name && c.path === path) ?? null;

test.describe("the culprits in the playground", () => {
  test("Flask-Login: logging in with remember sets both cookies in the jar, logging out deletes both", async ({ page, context }) => {
    const demo = await open(page, "?app=flask-login&action=login-remember");
    await expect(demo.button("log in, remember me")).toHaveAttribute("aria-pressed", "true");
    const login = await demo.send("flask-login");
    const sent = (await login.headersArray()).filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
    expect(sent.map((header) => header.split("=")[0])).toEqual(["remember_token", "session"]);

    const session = await named(context, "session", "/api/flask/flask-login");
    const remember = await named(context, "remember_token", "/");
    expect(session?.value).toBe(setCookieValue(sent[1]));
    expect(session?.httpOnly).toBe(true);
    expect(remember?.value).toBe(setCookieValue(sent[0]));
    expect(remember?.value).toMatch(/^alice\|[0-9a-f]{128}$/);
    expect(remember!.expires).toBeGreaterThan(Date.now() / 1000 + 364 * 24 * 3600);
    await expect(demo.latest().locator('[data-field="writes"]')).toContainText("Flask-Login set _id");
    await expect(demo.field("held-remember")).toContainText(`remember_token=${remember!.value}`);

    await demo.button("log out").click();
    const logout = await demo.send("flask-login");
    const deleted = (await logout.headersArray()).filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
    expect(deleted).toEqual([
      "remember_token=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/",
      "session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/api/flask/flask-login",
    ]);
    expect(await named(context, "session", "/api/flask/flask-login")).toBeNull();
    expect(await named(context, "remember_token", "/")).toBeNull();
    await expect(demo.field("held-remember")).toContainText("no remember_token");
  });

  test("Flask-Paranoid: the first request gets a cookie though the view never touches the session; another address is refused", async ({ page, context }) => {
    const demo = await open(page, "?app=flask-paranoid");
    const first = await demo.send("flask-paranoid");
    expect(await first.headerValue("set-cookie")).toMatch(/^session=[^;]+; HttpOnly; Path=\/api\/flask\/flask-paranoid$/);
    expect((await named(context, "session", "/api/flask/flask-paranoid"))?.value).toBe(setCookieValue((await first.headerValue("set-cookie"))!));
    await expect(demo.latest().locator('[data-field="body"]')).toHaveText("This view never touches the session.\n");
    await expect(demo.latest().locator('[data-field="writes"]')).toContainText("Flask-Paranoid set _paranoid_token");

    await demo.button("another address").click();
    await demo.send("flask-paranoid");
    await expect(demo.latest()).toContainText("401");
    expect(await named(context, "session", "/api/flask/flask-paranoid")).toBeNull();
  });
});

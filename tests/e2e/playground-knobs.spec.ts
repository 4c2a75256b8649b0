import { expect, test } from "@playwright/test";
import { jarCookie, LiveDemoEmbed, setCookieValue } from "../helpers/live-demo";

const open = (page: import("@playwright/test").Page, search = "") => LiveDemoEmbed.open(page, `/playground${search}`, "playground-demo");

test.describe("the playground", () => {
  test("keeps every knob in the URL, and a link reopens the same setup", { tag: "@page-only" }, async ({ page }) => {
    const demo = await open(page);
    await demo.button("Flask-Principal").click();
    await demo.switch("use_sessions").click();
    await demo.button("bob").click();
    await demo.switch("SESSION_REFRESH_EACH_REQUEST").click();
    await demo.button("Flask 2016 (0.10)").click();
    // Flask 0.10 had no SESSION_REFRESH_EACH_REQUEST (0.11 added it): the switch stays as set, disabled.
    await expect(demo.switch("SESSION_REFRESH_EACH_REQUEST")).toBeDisabled();
    await demo.button("clear").click();
    await demo.button("make permanent").click();
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      app: "principal-no-sessions",
      flask: "0.10",
      token: "bob",
      action: "clear",
      permanent: "1",
      refresh: "0",
    });

    const reopened = await open(page, url.search);
    await expect(reopened.button("Flask-Principal")).toHaveAttribute("aria-pressed", "true");
    await expect(reopened.switch("use_sessions")).toHaveAttribute("aria-checked", "false");
    await expect(reopened.button("bob")).toHaveAttribute("aria-pressed", "true");
    await expect(reopened.button("Flask 2016 (0.10)")).toHaveAttribute("aria-pressed", "true");
    await expect(reopened.button("clear")).toHaveAttribute("aria-pressed", "true");
    await expect(reopened.button("make permanent")).toHaveAttribute("aria-pressed", "true");
    await expect(reopened.switch("SESSION_REFRESH_EACH_REQUEST")).toHaveAttribute("aria-checked", "false");
    await expect(reopened.field("next-request")).toHaveText(
      "GET /api/flask/principal-no-sessions/?flask=0.10&action=clear&permanent=1&refresh=0 · Authorization: Bearer bob-token",
    );
  });

  test("a permanent session gets an Expires, and with refresh off an untouched session is not re-sent", async ({ page, context }) => {
    const demo = await open(page);
    await demo.button("make permanent").click();
    await demo.button("write").click();
    const first = await demo.send("persistent");
    const header = await first.headerValue("set-cookie");
    expect(header).toMatch(/^session=[^;]+; Expires=\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT; HttpOnly; Path=\/api\/flask\/persistent$/);
    const cookie = await jarCookie(context, "persistent");
    expect(cookie?.value).toBe(setCookieValue(header!));
    expect(cookie!.expires).toBeGreaterThan(Date.now() / 1000 + 30 * 24 * 3600);
    await expect(demo.field("held-cookie")).toHaveText(`session=${cookie!.value}`);

    await demo.button("nothing").click();
    const refreshed = await demo.send("persistent");
    expect(await refreshed.headerValue("set-cookie")).toMatch(/^session=/);
    await expect(demo.latest()).toContainText("SESSION_REFRESH_EACH_REQUEST");

    await demo.switch("SESSION_REFRESH_EACH_REQUEST").click();
    const untouched = await demo.send("persistent");
    expect(await untouched.headerValue("set-cookie")).toBeNull();
    await expect(demo.latest()).toContainText("no Set-Cookie");
  });

  test("reading the session adds Vary: Cookie without setting a cookie", async ({ page, context }) => {
    const demo = await open(page);
    await demo.button("read").click();
    const response = await demo.send("persistent");
    expect(await response.headerValue("set-cookie")).toBeNull();
    await expect(demo.latest()).toContainText("Vary: Cookie");
    expect(await jarCookie(context, "persistent")).toBeNull();
  });

  test("under Flask 3.1's rules Principal's check of the session alone adds Vary: Cookie, where 2.2 sends none", async ({ page, context }) => {
    const demo = await open(page);
    await demo.button("Flask-Principal").click();
    await demo.button("no token").click();
    // The page asks for the JSON view, which carries Flask's headers in its body (and its Set-Cookie for real).
    const before = await demo.send("principal");
    expect((await before.json()).response.headers).not.toContainEqual(["Vary", "Cookie"]);
    await demo.button("Flask 3.1.3").click();
    const after = await demo.send("principal");
    expect(after.url()).toContain("flask=3.1");
    expect((await after.json()).response.headers).toContainEqual(["Vary", "Cookie"]);
    expect(await after.headerValue("set-cookie")).toBeNull();
    await expect(demo.latest()).toContainText("Flask 3.1.3");
    expect(await jarCookie(context, "principal")).toBeNull();
  });

  test("clearing the session sends a deleting Set-Cookie and the browser drops the cookie", async ({ page, context }) => {
    const demo = await open(page);
    await demo.button("write").click();
    await demo.send("persistent");
    expect(await jarCookie(context, "persistent")).not.toBeNull();
    await demo.button("clear").click();
    const response = await demo.send("persistent");
    const header = await response.headerValue("set-cookie");
    expect(header).toBe("session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/api/flask/persistent");
    await expect(demo.latest().locator('[data-field="set-cookie"]')).toHaveText(header!);
    await expect(demo.latest()).toContainText("Set-Cookie: deleted");
    expect(await jarCookie(context, "persistent")).toBeNull();
    await expect(demo.field("held-cookie")).toHaveAttribute("data-held", "none");
  });

  test("the principal app with the article's view writes to the session besides Principal", async ({ page }) => {
    const demo = await open(page, "?app=principal&action=write");
    const response = await demo.send("principal");
    expect(await response.headerValue("set-cookie")).toMatch(/^session=/);
    await expect(demo.field("held-session")).toContainText("'key': 'value'");
    await expect(demo.field("held-session")).toContainText("'identity.id': 'alice'");
  });

  test("the knobs that only apply to Flask-Principal are disabled for the other apps", { tag: "@page-only" }, async ({ page }) => {
    const demo = await open(page);
    await expect(demo.switch("use_sessions")).toBeDisabled();
    await expect(demo.button("alice")).toBeDisabled();
    await demo.button("Flask-Principal").click();
    await expect(demo.switch("use_sessions")).toBeEnabled();
    await expect(demo.button("nothing")).toHaveAttribute("aria-pressed", "true");
  });

  test("shows the same request as a curl command line", { tag: "@page-only" }, async ({ page }) => {
    const demo = await open(page, "?app=principal&token=bob&flask=2016");
    const origin = new URL(page.url()).origin;
    await expect(demo.field("curl")).toHaveText(`curl -i -H 'Authorization: Bearer bob-token' '${origin}/api/flask/principal/?flask=0.10'`);
  });
});

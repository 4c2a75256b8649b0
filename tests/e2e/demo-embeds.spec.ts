import { expect, test } from "@playwright/test";
import { articleDemos, articlePath, jarCookie, LiveDemoEmbed, setCookieValue } from "../helpers/live-demo";

test.describe("the stock Flask embed", () => {
  test("a request sets the cookie: on the wire, in the jar and on the page, byte for byte", async ({ page, context }) => {
    const demo = await LiveDemoEmbed.open(page, articlePath, articleDemos.persistent);
    const response = await demo.send("persistent");

    const header = await response.headerValue("set-cookie");
    expect(header).toMatch(/^session=[\w.-]+; HttpOnly; Path=\/api\/flask\/persistent$/);
    await expect(demo.latest().locator('[data-field="set-cookie"]')).toHaveText(header!);
    await expect(demo.latest()).toContainText("Set-Cookie sent");
    await expect(demo.latest()).toContainText("Vary: Cookie");

    const cookie = await jarCookie(context, "persistent");
    expect(cookie?.value).toBe(setCookieValue(header!));
    expect(cookie?.httpOnly).toBe(true);
    await expect(demo.field("held-cookie")).toHaveText(`session=${cookie!.value}`);
    await expect(demo.field("held-session")).toHaveText("{'key': 'value'}");
    await expect(demo.field("announcement")).toHaveText("Request 1: Set-Cookie sent.");
  });

  test("the next request carries the cookie, and the page shows the Cookie header the browser sent", async ({ page, context }) => {
    const demo = await LiveDemoEmbed.open(page, articlePath, articleDemos.persistent);
    await demo.send("persistent");
    const held = (await jarCookie(context, "persistent"))!.value;
    const second = await demo.send("persistent");
    expect(await second.request().headerValue("cookie")).toBe(`session=${held}`);
    await expect(demo.latest().locator('[data-field="request-cookie"]')).toHaveText(`session=${held}`);
    await expect(demo.latest().locator('[data-field="body"]')).toContainText(`cookies: ImmutableMultiDict([('session', '${held}')])`);
  });

  test("the Flask 2016 switch applies Flask 0.10's rules: no Vary, and the cookie re-sent while the session holds anything", async ({ page, context }) => {
    const demo = await LiveDemoEmbed.open(page, articlePath, articleDemos.persistent);
    const today = demo.button("Flask 2.2");
    const old = demo.button("Flask 2016 (0.10)");
    await expect(today).toHaveAttribute("aria-pressed", "true");
    await old.click();
    await expect(old).toHaveAttribute("aria-pressed", "true");
    await expect(today).toHaveAttribute("aria-pressed", "false");
    expect(new URL(page.url()).hash).toBe(`#${articleDemos.persistent}?flask=0.10`);

    const first = await demo.send("persistent");
    expect(new URL(first.url()).searchParams.get("flask")).toBe("0.10");
    const header = await first.headerValue("set-cookie");
    expect(header).toMatch(/^session=/);
    await expect(demo.latest().locator('[data-field="set-cookie"]')).toHaveText(header!);
    await expect(demo.latest()).not.toContainText("Vary");
    await expect(demo.latest().locator('[data-field="body"]')).toHaveText("session: <SecureCookieSession {}>, \ncookies: {}\n");
    expect((await jarCookie(context, "persistent"))?.value).toBe(setCookieValue(header!));
  });

  test("Reset deletes the cookie with a real deleting response and clears the timeline", async ({ page, context }) => {
    const demo = await LiveDemoEmbed.open(page, articlePath, articleDemos.persistent);
    await demo.send("persistent");
    expect(await jarCookie(context, "persistent")).not.toBeNull();

    const [reset] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === "/api/flask/persistent/_reset"),
      demo.button(/^Reset/).click(),
    ]);
    const header = await reset.headerValue("set-cookie");
    expect(header).toBe("session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/api/flask/persistent");
    await expect(demo.field("reset-set-cookie")).toHaveText(`Set-Cookie: ${header}`);
    expect(await jarCookie(context, "persistent")).toBeNull();
    await expect(demo.root.locator("[data-exchange]")).toHaveCount(0);
    await expect(demo.field("held-cookie")).toHaveAttribute("data-held", "none");
    await expect(demo.field("announcement")).toHaveText("Cookie deleted, timeline cleared.");
  });

  test("the state survives a reload through the real cookie", async ({ page, context }) => {
    let demo = await LiveDemoEmbed.open(page, articlePath, articleDemos.persistent);
    await demo.send("persistent");
    const held = (await jarCookie(context, "persistent"))!.value;

    await page.reload();
    demo = new LiveDemoEmbed(page, demo.root);
    await demo.root.scrollIntoViewIfNeeded();
    await expect(demo.root.locator('[data-live-demo="ready"]')).toBeVisible();
    await expect(demo.field("held-cookie")).toHaveText(`session=${held}`);
    const after = await demo.send("persistent");
    expect(await after.request().headerValue("cookie")).toBe(`session=${held}`);
    await expect(demo.latest().locator('[data-field="body"]')).toContainText("<SecureCookieSession {'key': 'value'}>");
  });

  test("a network failure shows in the embed with a retry that works", { tag: "@page-only" }, async ({ page }) => {
    const demo = await LiveDemoEmbed.open(page, articlePath, articleDemos.persistent);
    await page.route("**/api/flask/persistent/", (route) => route.abort("connectionrefused"));
    await demo.button("Send request").click();
    const alert = demo.root.getByRole("alert");
    await expect(alert).toContainText("could not be reached");
    await page.unroute("**/api/flask/persistent/");
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === "/api/flask/persistent/"),
      alert.getByRole("button", { name: "Retry" }).click(),
    ]);
    await expect(alert).toHaveCount(0);
    await expect(demo.entry(1)).toContainText("Set-Cookie sent");
  });

  test("a server error shows in the embed instead of a blank box", { tag: "@page-only" }, async ({ page }) => {
    const demo = await LiveDemoEmbed.open(page, articlePath, articleDemos.persistent);
    await page.route("**/api/flask/persistent/", (route) => route.fulfill({ status: 500, contentType: "text/html", body: "<h1>Internal Server Error</h1>" }));
    await demo.button("Send request").click();
    await expect(demo.root.getByRole("alert")).toContainText("answered 500");
    await expect(demo.root.getByRole("alert").getByRole("button", { name: "Retry" })).toBeVisible();
  });

  test("everything works from the keyboard", { tag: "@page-only" }, async ({ page, context }) => {
    const demo = await LiveDemoEmbed.open(page, articlePath, articleDemos.persistent);
    await demo.button("Flask 2016 (0.10)").focus();
    await page.keyboard.press("Enter");
    await expect(demo.button("Flask 2016 (0.10)")).toHaveAttribute("aria-pressed", "true");
    // Past the other two rule sets, Flask 2.2 and 3.1, to Send request.
    for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
    await expect(demo.button("Send request")).toBeFocused();
    await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === "/api/flask/persistent/"), page.keyboard.press("Space")]);
    await expect(demo.entry(1)).toBeVisible();
    expect(await jarCookie(context, "persistent")).not.toBeNull();
  });
});

test.describe("the stock Flask / NoSessionsFlask embed", () => {
  test("NoSessionsFlask never sends Set-Cookie, and its jar stays empty", async ({ page, context }) => {
    const demo = await LiveDemoEmbed.open(page, articlePath, articleDemos.persistentWeak);
    const weak = demo.button("NoSessionsFlask");
    await weak.click();
    await expect(weak).toHaveAttribute("aria-pressed", "true");
    await expect(demo.button("Stock Flask")).toHaveAttribute("aria-pressed", "false");

    for (let i = 0; i < 2; i++) {
      const response = await demo.send("weak");
      expect(await response.headerValue("set-cookie")).toBeNull();
      await expect(demo.latest()).toContainText("no Set-Cookie");
      await expect(demo.latest().locator('[data-field="set-cookie"]')).toHaveCount(0);
      await expect(demo.latest()).not.toContainText("Vary");
    }
    expect(await jarCookie(context, "weak")).toBeNull();
    await expect(demo.field("held-cookie")).toHaveAttribute("data-held", "none");
    await expect(demo.field("announcement")).toHaveText("Request 2: no Set-Cookie.");
  });

  test("switching back to stock Flask sets the cookie again, for its own path only", async ({ page, context }) => {
    const demo = await LiveDemoEmbed.open(page, articlePath, articleDemos.persistentWeak);
    await demo.button("NoSessionsFlask").click();
    await demo.send("weak");
    await demo.button("Stock Flask").click();
    const response = await demo.send("persistent");
    expect(await response.headerValue("set-cookie")).toMatch(/Path=\/api\/flask\/persistent$/);
    expect(await jarCookie(context, "persistent")).not.toBeNull();
    expect(await jarCookie(context, "weak")).toBeNull();
  });

  test("the configuration is deep-linkable in the URL fragment, old rule-set names (flask=2016) included", { tag: "@page-only" }, async ({ page }) => {
    const demo = await LiveDemoEmbed.open(page, `${articlePath}#${articleDemos.persistentWeak}?app=weak&flask=2016`, articleDemos.persistentWeak);
    await expect(demo.button("NoSessionsFlask")).toHaveAttribute("aria-pressed", "true");
    await expect(demo.button("Flask 2016 (0.10)")).toHaveAttribute("aria-pressed", "true");
    await expect(demo.root).toBeInViewport();
    const response = await demo.send("weak");
    expect(new URL(response.url()).search).toBe("?flask=0.10");
  });
});

test("a deep link followed from the same page reconfigures the embed", { tag: "@page-only" }, async ({ page }) => {
  const demo = await LiveDemoEmbed.open(page, articlePath, articleDemos.persistentWeak);
  await expect(demo.button("Stock Flask")).toHaveAttribute("aria-pressed", "true");
  await page.evaluate((id) => {
    window.location.hash = `${id}?app=weak`;
  }, articleDemos.persistentWeak);
  await expect(demo.button("NoSessionsFlask")).toHaveAttribute("aria-pressed", "true");
  await expect(demo.field("next-request")).toHaveText("GET /api/flask/weak/");
});

test.describe("the Flask-Principal embed", () => {
  test("use_sessions on stores the identity in the cookie, and the page shows what Principal stored", async ({ page, context }) => {
    const demo = await LiveDemoEmbed.open(page, articlePath, articleDemos.principal);
    await expect(demo.switch("use_sessions")).toHaveAttribute("aria-checked", "true");
    await expect(demo.button("alice")).toHaveAttribute("aria-pressed", "true");
    const response = await demo.send("principal");
    expect(await response.request().headerValue("authorization")).toBe("Bearer alice-token");
    const header = await response.headerValue("set-cookie");
    expect(header).toMatch(/^session=.+; HttpOnly; Path=\/api\/flask\/principal$/);
    await expect(demo.latest().locator('[data-field="set-cookie"]')).toHaveText(header!);
    expect((await jarCookie(context, "principal"))?.value).toBe(setCookieValue(header!));
    await expect(demo.field("held-session")).toHaveText("{'identity.auth_type': 'token', 'identity.id': 'alice'}");
    await expect(demo.latest()).toContainText("Flask-Principal saved identity.id and identity.auth_type");
  });

  test("with no token the cookie still logs the caller in, and Principal re-issues it", async ({ page, context }) => {
    const demo = await LiveDemoEmbed.open(page, articlePath, articleDemos.principal);
    await demo.button("bob").click();
    await demo.send("principal");
    await demo.button("no token").click();
    await expect(demo.button("no token")).toHaveAttribute("aria-pressed", "true");
    const response = await demo.send("principal");
    expect(await response.request().headerValue("authorization")).toBeNull();
    expect(await response.headerValue("set-cookie")).toMatch(/^session=/);
    await expect(demo.latest().locator('[data-field="body"]')).toHaveText('{"identity":{"auth_type":"token","id":"bob"}}\n');
    expect(await jarCookie(context, "principal")).not.toBeNull();
  });

  test("use_sessions off: no Set-Cookie, nothing in the jar, the identity still comes from the token", async ({ page, context }) => {
    const demo = await LiveDemoEmbed.open(page, articlePath, articleDemos.principal);
    const toggle = demo.switch("use_sessions");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    const response = await demo.send("principal-no-sessions");
    expect(await response.headerValue("set-cookie")).toBeNull();
    await expect(demo.latest()).toContainText("no Set-Cookie");
    await expect(demo.latest().locator('[data-field="body"]')).toHaveText('{"identity":{"auth_type":"token","id":"alice"}}\n');
    expect(await jarCookie(context, "principal-no-sessions")).toBeNull();
    await expect(demo.field("held-cookie")).toHaveAttribute("data-held", "none");
  });
});

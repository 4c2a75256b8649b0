import { expect, test } from "@playwright/test";
import { gotoHydrated } from "../helpers/hydration";
import { startServer, type ServerInstance } from "../helpers/server-instance";

/**
 * The tamper lab against the demo API, end to end: a session forged with the published key is
 * loaded, one changed character gives a new empty session, an undecodable signed payload a 500.
 */
test.describe("the tamper lab", () => {
  test("Flask accepts a session forged with SomeRandomKey", async ({ page, context }) => {
    await gotoHydrated(page, "/decoder");
    await page.getByLabel("Session to forge (tagged JSON)").fill('{"user": "admin", "key": "value"}');
    await page.getByRole("button", { name: "Forge and send" }).click();
    const outcome = page.getByTestId("lab-outcome");
    await expect(outcome).toHaveAttribute("data-verdict", "loaded");
    await expect(outcome).toContainText("HTTP 200");
    await expect(page.getByTestId("lab-session")).toHaveText("<SecureCookieSession {'key': 'value', 'user': 'admin'}>");
    await expect(page.getByTestId("lab-body")).toContainText("session: <SecureCookieSession {'key': 'value', 'user': 'admin'}>");
    // The lab cleans up: no forged cookie stays in the browser.
    const left = (await context.cookies()).filter((c) => c.name === "session" && c.value !== "");
    expect(left).toEqual([]);
  });

  test("one changed character makes Flask silently start a new empty session", async ({ page }) => {
    await gotoHydrated(page, "/decoder");
    await page.getByRole("button", { name: "Change one character and send" }).click();
    const outcome = page.getByTestId("lab-outcome");
    await expect(outcome).toHaveAttribute("data-verdict", "new-empty-session");
    await expect(outcome).toContainText("HTTP 200");
    await expect(page.getByTestId("lab-session")).toHaveText("<SecureCookieSession {}>");
  });

  test("a correctly signed payload that cannot be decoded gets Flask's 500", async ({ page }) => {
    await gotoHydrated(page, "/decoder");
    await page.getByRole("button", { name: "Sign an undecodable payload and send" }).click();
    const outcome = page.getByTestId("lab-outcome");
    await expect(outcome).toHaveAttribute("data-verdict", "error-500");
    await expect(outcome).toContainText("HTTP 500");
    await expect(page.getByTestId("lab-body")).toContainText("Internal Server Error");
  });

  test("Flask-Principal logs in whoever the forged identity names", async ({ page }) => {
    await gotoHydrated(page, "/decoder");
    await page.getByLabel("Demo app").selectOption("principal");
    await page.getByRole("button", { name: "Forge and send" }).click();
    await expect(page.getByTestId("lab-outcome")).toHaveAttribute("data-verdict", "loaded");
    await expect(page.getByTestId("lab-body")).toContainText('"id":"admin"');
  });
});

/**
 * A server run with its own DEMO_SECRET_KEY: a cookie forged with the published key would only be
 * rejected, so the lab says it cannot forge for this server instead of reporting Flask's verdict
 * on a cookie it could never have accepted.
 */
test.describe("the tamper lab on a server with its own DEMO_SECRET_KEY", () => {
  test.describe.configure({ timeout: 120_000 });
  let server: ServerInstance;
  test.beforeAll(async () => {
    server = await startServer({ env: { DEMO_SECRET_KEY: "an operator's own key" } });
  });
  test.afterAll(async () => {
    await server.stop();
  });

  test("says clearly that it cannot forge cookies there, and sends none", async ({ page }) => {
    const sent: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/flask/")) sent.push(`${request.method()} ${new URL(request.url()).pathname}`);
    });
    await gotoHydrated(page, `${server.url}/decoder`);
    await page.getByRole("button", { name: "Forge and send" }).click();
    const error = page.getByTestId("lab-error");
    await expect(error).toContainText("do not sign with the published key, SomeRandomKey");
    await expect(error).toContainText("DEMO_SECRET_KEY");
    await expect(page.getByTestId("lab-outcome")).toHaveCount(0);
    // Only the key check went out: no reset, no forged cookie.
    expect(sent).toEqual(["GET /api/flask/persistent/"]);
  });
});

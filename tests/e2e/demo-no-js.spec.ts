import { expect, test } from "@playwright/test";
import { articleDemos, articlePath } from "../helpers/live-demo";

test.use({ javaScriptEnabled: false });

test.describe("without JavaScript", () => {
  test("each embed shows a static example of its exchange and says the live version needs JavaScript", async ({ page }) => {
    await page.goto(articlePath);
    for (const id of Object.values(articleDemos)) {
      const embed = page.locator(`section#${id}`);
      await expect(embed.locator("[data-static-example]")).toContainText("needs JavaScript");
      await expect(embed.getByRole("button")).toHaveCount(0);
    }
  });

  test("the stock Flask example shows the cookie set, then sent back", async ({ page }) => {
    await page.goto(articlePath);
    const embed = page.locator(`section#${articleDemos.persistent}`);
    const setCookie = embed.locator('[data-exchange="1"] [data-field="set-cookie"]');
    await expect(setCookie).toHaveText(/^session=[\w.-]+; HttpOnly; Path=\/api\/flask\/persistent$/);
    const value = (await setCookie.textContent())!.split(";")[0];
    await expect(embed.locator('[data-exchange="2"] [data-field="request-cookie"]')).toHaveText(value);
  });

  test("the NoSessionsFlask and use_sessions=False examples show no Set-Cookie", async ({ page }) => {
    await page.goto(articlePath);
    for (const [id, app] of [
      [articleDemos.persistentWeak, "weak"],
      [articleDemos.principal, "principal-no-sessions"],
    ]) {
      const exchanges = page.locator(`section#${id} [data-exchange][data-app="${app}"]`);
      await expect(exchanges).toHaveCount(2);
      await expect(exchanges.locator('[data-field="set-cookie"]')).toHaveCount(0);
    }
    await expect(page.locator(`section#${articleDemos.principal} [data-exchange][data-app="principal"] [data-field="set-cookie"]`)).toHaveCount(2);
  });

  test("the second demo opens on NoSessionsFlask's example, since the first already shows stock Flask's", async ({ page }) => {
    await page.goto(articlePath);
    const details = page.locator(`section#${articleDemos.persistentWeak} [data-static-example] details`);
    await expect(details).toHaveCount(2);
    await expect(details.nth(0)).not.toHaveAttribute("open", "");
    await expect(details.nth(1)).toHaveAttribute("open", "");
    await expect(details.nth(1).locator("summary")).toContainText("NoSessionsFlask");
  });

  test("the playground shows its static example", async ({ page }) => {
    await page.goto("/playground");
    await expect(page.locator("section#playground-demo [data-static-example]")).toContainText("needs JavaScript");
    await expect(page.locator("section#playground-demo [data-exchange]")).toHaveCount(2);
  });
});

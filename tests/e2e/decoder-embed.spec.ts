import { expect, test } from "@playwright/test";

const ARTICLE_PATH = "/disabling-cookies-in-flask";

test.describe("the decoder embedded in the article", () => {
  test("decodes the article's cookie, and verifies with a key typed in", async ({ page }) => {
    await page.goto(ARTICLE_PATH);
    const embed = page.getByTestId("cookie-decoder-embed").first();
    await expect(embed.getByTestId("python-value")).toHaveText("{'key': b'value'}");
    await expect(embed.getByTestId("date-2011")).toContainText("2016-04-06");
    await embed.getByLabel("Secret key to verify with").fill("SomeRandomKey");
    await expect(embed.getByTestId("verify-result")).toContainText("Signature invalid");
    await embed.getByLabel("Cookie", { exact: true }).fill("eyJhIjoxfQ.VwVtFQ.F4DDM_IRcqgsJQGrAsImi9erKhc");
    await expect(embed.getByTestId("python-value")).toHaveText("{'a': 1}");
    await expect(embed.getByTestId("verify-result")).toContainText("Signature valid");
    await expect(embed.getByRole("link", { name: "Open in the full decoder" })).toHaveAttribute(
      "href",
      "/decoder#cookie=eyJhIjoxfQ.VwVtFQ.F4DDM_IRcqgsJQGrAsImi9erKhc",
    );
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("shows the real decoded content, rendered by the server", async ({ page }) => {
      await page.goto(ARTICLE_PATH);
      const embed = page.getByTestId("cookie-decoder-embed").first();
      await expect(embed.getByTestId("python-value")).toHaveText("{'key': b'value'}");
      await expect(embed.getByTestId("payload-json")).toHaveText('{"key":{" b":"dmFsdWU="}}');
      await expect(embed.getByTestId("date-2011")).toContainText("2016-04-06 20:09:57 UTC");
      // Rendered for readers with JavaScript, so the embed keeps its size when React starts; hidden here.
      await expect(embed.getByLabel("Secret key to verify with")).toBeHidden();
    });
  });
});

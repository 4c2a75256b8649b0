import { expect, test } from "@playwright/test";
import { axeViolationsInBothThemes } from "../helpers/site-pages";

test("/decoder has no axe violations in either theme, before and after use", async ({ page }) => {
  // Four axe runs on a page this size take a while on a busy 2-core machine.
  test.setTimeout(90_000);
  await page.goto("/decoder");
  await expect(page.getByTestId("python-value")).toBeVisible();
  expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
  await page.getByLabel("Secret key", { exact: true }).fill("SomeRandomKey");
  await expect(page.getByTestId("verify-result")).toBeVisible();
  await page.getByRole("button", { name: "Forge and send" }).click();
  await expect(page.getByTestId("lab-outcome")).toBeVisible();
  await page.getByLabel(/^Cookie:/).fill("abcde.VwVtFQ.x");
  await expect(page.getByTestId("problems")).toBeVisible();
  expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
});

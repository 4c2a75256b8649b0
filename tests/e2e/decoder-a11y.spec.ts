import { expect, test } from "@playwright/test";
import { axeViolationsInBothThemes } from "../helpers/site-pages";

const NONE = { light: [], dark: [] };

test("/decoder has no axe violations in either theme as it opens", async ({ page }) => {
  await page.goto("/decoder");
  await expect(page.getByTestId("python-value")).toBeVisible();
  expect(await axeViolationsInBothThemes(page)).toEqual(NONE);
});

test("what using /decoder adds has no axe violations in either theme", async ({ page }) => {
  // The page as it opens is checked whole above; here axe looks at what the reader's actions
  // bring up: the verdict on a key, the tamper lab's outcome, the list of problems.
  await page.goto("/decoder");
  await expect(page.getByTestId("python-value")).toBeVisible();
  await page.getByLabel("Secret key", { exact: true }).fill("SomeRandomKey");
  await expect(page.getByTestId("verify-result")).toBeVisible();
  await page.getByRole("button", { name: "Forge and send" }).click();
  await expect(page.getByTestId("lab-outcome")).toBeVisible();
  await page.getByLabel(/^Cookie:/).fill("abcde.VwVtFQ.x");
  await expect(page.getByTestId("problems")).toBeVisible();
  const regions = ['[data-testid="verify-result"]', '[data-testid="lab-outcome"]', '[data-testid="problems"]'];
  expect(await axeViolationsInBothThemes(page, regions)).toEqual(NONE);
});

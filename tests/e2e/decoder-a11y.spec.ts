import { expect, test } from "@playwright/test";
import { axeViolations } from "../helpers/site-pages";

for (const theme of ["light", "dark"] as const) {
  test(`/decoder has no axe violations in the ${theme} theme, before and after use`, async ({ page }) => {
    // Two full axe runs on a page this size take a while on a busy 2-core machine.
    test.setTimeout(90_000);
    await page.addInitScript((choice) => localStorage.setItem("theme", choice), theme);
    await page.goto("/decoder");
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    await expect(page.getByTestId("python-value")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("Secret key", { exact: true }).fill("SomeRandomKey");
    await expect(page.getByTestId("verify-result")).toBeVisible();
    await page.getByRole("button", { name: "Forge and send" }).click();
    await expect(page.getByTestId("lab-outcome")).toBeVisible();
    await page.getByLabel(/^Cookie:/).fill("abcde.VwVtFQ.x");
    await expect(page.getByTestId("problems")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
}

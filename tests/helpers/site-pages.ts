import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The pages the site itself owns (the decoder and playground test their own). */
export const sitePages = {
  home: "/",
  article: "/disabling-cookies-in-flask",
  notFound: "/no-such-page",
} as const;

export const jekyllPermalink = "/2016/04/06/disabling-cookies-in-flask.html";

/**
 * Axe with the WCAG 2.x A and AA rules plus best practices; returns the violations found. `within`
 * limits it to the parts a test changed (each CSS selector a region), where another test already
 * checks the whole page as it loads: axe's cost grows with the page, and the article is long.
 */
export async function axeViolations(page: Page, within: string[] = [], rules: "all" | "colour" = "all") {
  let builder = new AxeBuilder({ page });
  builder = rules === "colour" ? builder.withRules(COLOUR_RULES) : builder.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]);
  for (const selector of within) builder = builder.include(selector);
  const results = await builder.analyze();
  return results.violations.map((violation) => ({
    id: violation.id,
    help: violation.help,
    nodes: violation.nodes.map((node) => node.target.join(" ")).slice(0, 5),
  }));
}

/**
 * The axe rules that read colours: text contrast, and links told apart from the text around them.
 * They are the only ones a theme can change, since both themes are the same markup under one CSS
 * variant (components/theme.ts).
 */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/**
 * Axe in both themes on one page load: every rule in the light theme the page opened in, then, with
 * the system switched to dark (the head script follows it, React or not), the colour rules again.
 * Both lists are returned by theme, so a failure says which theme it is in.
 */
export async function axeViolationsInBothThemes(page: Page, within: string[] = []) {
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  const light = await axeViolations(page, within);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const dark = await axeViolations(page, within, "colour");
  await page.emulateMedia({ colorScheme: "light" });
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  return { light, dark };
}

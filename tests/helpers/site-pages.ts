import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

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
export async function axeViolations(page: Page, within: string[] = []) {
  let builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]);
  for (const selector of within) builder = builder.include(selector);
  const results = await builder.analyze();
  return results.violations.map((violation) => ({
    id: violation.id,
    help: violation.help,
    nodes: violation.nodes.map((node) => node.target.join(" ")).slice(0, 5),
  }));
}

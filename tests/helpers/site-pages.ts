import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/** The pages the site itself owns (the decoder and playground test their own). */
export const sitePages = {
  home: "/",
  article: "/disabling-cookies-in-flask",
  notFound: "/no-such-page",
} as const;

export const jekyllPermalink = "/2016/04/06/disabling-cookies-in-flask.html";

/** Axe with the WCAG 2.x A and AA rules plus best practices; returns the violations found. */
export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  return results.violations.map((violation) => ({
    id: violation.id,
    help: violation.help,
    nodes: violation.nodes.map((node) => node.target.join(" ")).slice(0, 5),
  }));
}

import { expect, type Page } from "@playwright/test";

/**
 * Opens a page and waits until React has hydrated it (components/hydration-signal.tsx). For
 * tests of what a tool does, not of the moment it starts: Playwright's `fill` selects a field's
 * text, then inserts; if hydration lands in between, React re-sets the field's content and the
 * selection collapses, so the text is inserted before the old content instead of replacing it.
 */
export async function gotoHydrated(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
}

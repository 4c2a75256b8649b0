/**
 * The font faces a page lays out at load. Chromium looks up each distinct (font-family list, size,
 * weight, style) the first layout needs before it can paint, and on Linux every lookup is a
 * synchronous request to the browser process: in a fresh renderer they were most of the article's
 * first layout (see docs/performance.md). Unlike a time, the number of faces is deterministic, so
 * it can have a budget (scripts/bench/budgets.json, checked by tests/e2e/budget.spec.ts).
 */

/** Lighthouse's mobile screen (Moto G Power), at which the budget is set. */
export const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true } as const;

export type Face = { face: string; textNodes: number; example: string };

/**
 * Runs in the page (self-contained: Playwright serialises it). Every text node Chromium renders,
 * grouped by face. Text inside content Chromium skips (`content-visibility: auto` away from the
 * viewport) is not laid out at load, so it is not counted.
 */
export function facesInPage(): Face[] {
  const faces = new Map<string, Face>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || !node.textContent?.trim() || !element.checkVisibility({ contentVisibilityAuto: true })) continue;
    const style = getComputedStyle(element);
    const face = `${style.fontFamily.split(",")[0]} ${style.fontSize} ${style.fontWeight}${style.fontStyle === "normal" ? "" : ` ${style.fontStyle}`}`;
    const seen = faces.get(face);
    if (seen) seen.textNodes++;
    else faces.set(face, { face, textNodes: 1, example: `<${element.localName}> ${node.textContent.trim().slice(0, 40)}` });
  }
  return [...faces.values()].sort((a, b) => a.face.localeCompare(b.face));
}

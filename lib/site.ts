/** Facts about the site that pages, metadata, the sitemap and robots.txt share. */

/**
 * The favicon, sent inside every page as a data: URL. As a file (/icon.svg) it cost a phone a
 * request on a second connection, two round trips; in Lighthouse's model that request was the last
 * to finish before the first paint it saw, so its end set the article's LCP (docs/performance.md).
 */
const iconSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#18181b"/><circle cx="16" cy="16" r="10" fill="#d97706"/><circle cx="12" cy="13" r="1.8" fill="#18181b"/><circle cx="19" cy="11.5" r="1.4" fill="#18181b"/><circle cx="19.5" cy="19" r="1.9" fill="#18181b"/><circle cx="13" cy="20" r="1.3" fill="#18181b"/><path d="M6 26 26 6" stroke="#fafafa" stroke-width="3" stroke-linecap="round"/></svg>';

/**
 * An SVG as a data: URL. Only what cannot stand in a URL or an HTML attribute is percent-encoded
 * (quotes, `%`, `#`, brackets, spaces), so the icon costs about 550 bytes of HTML, not 700.
 */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml,${svg.replace(/["%#<>{}|\\^`\s]/g, encodeURIComponent)}`;
}
export const site = {
  name: "Disabling Cookies in Flask",
  description: "The 2016 article “Disabling Cookies in Flask”, with editor’s notes, live demos of Flask’s session cookie and a cookie decoder.",
  /** Where the site is served, for canonical URLs, Open Graph and the sitemap. Set SITE_URL when deploying. */
  url: new URL(process.env.SITE_URL ?? "http://localhost:3000"),
  articleSlug: "disabling-cookies-in-flask",
  iconSvg,
  iconUrl: svgDataUrl(iconSvg),
  nav: [
    { href: "/disabling-cookies-in-flask", label: "Article" },
    { href: "/decoder", label: "Decoder" },
    { href: "/playground", label: "Playground" },
    { href: "/fixes", label: "Fixes" },
  ],
} as const;

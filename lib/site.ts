/** Facts about the site that pages, metadata, the sitemap and robots.txt share. */
export const site = {
  name: "Disabling Cookies in Flask",
  description:
    "The 2016 article “Disabling Cookies in Flask”, with editor’s notes, live demos of Flask’s session cookie and a cookie decoder.",
  /** Where the site is served, for canonical URLs, Open Graph and the sitemap. Set SITE_URL when deploying. */
  url: new URL(process.env.SITE_URL ?? "http://localhost:3000"),
  articleSlug: "disabling-cookies-in-flask",
  nav: [
    { href: "/disabling-cookies-in-flask", label: "Article" },
    { href: "/decoder", label: "Decoder" },
    { href: "/playground", label: "Playground" },
  ],
} as const;

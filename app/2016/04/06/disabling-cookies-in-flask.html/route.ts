import { site } from "@/lib/site";

// The article's address on the original Jekyll blog. A route rather than a next.config redirect:
// Next sends its config redirects without the headers() policy, and every response of the site
// carries the security headers.
export const dynamic = "force-static";

export function GET(): Response {
  return new Response(null, { status: 308, headers: { Location: `/${site.articleSlug}` } });
}

/**
 * The site's security headers, for servers that build responses themselves (a Node server in
 * front of the demo API, an Edge function). next.config.mjs sends the same lists from the same
 * JSON file on everything Next serves, so every path gets one policy.
 */
import policy from "./security-headers.json";

export type SecurityHeader = { key: string; value: string };

/** Pages and static files. */
export const securityHeaders: readonly SecurityHeader[] = policy.headers;

/**
 * The demo API (`/api/…`): the same headers with a Content-Security-Policy that allows nothing.
 * The article's Flask view prints request.cookies into a text/html body, unescaped, as Flask does;
 * opened in a browser, such a response may run no script and load nothing.
 */
export const apiSecurityHeaders: readonly SecurityHeader[] = securityHeaders.map(
  (header) => policy.api.headers.find((override) => override.key === header.key) ?? header,
);

/** Adds every security header the response does not set itself (a route's own value wins). */
export function applySecurityHeaders(headers: Headers, options: { api?: boolean } = {}): Headers {
  for (const { key, value } of options.api ? apiSecurityHeaders : securityHeaders) if (!headers.has(key)) headers.set(key, value);
  return headers;
}

/** The same for a Response; returns a new Response when the original's headers are immutable. */
export function withSecurityHeaders(response: Response, options: { api?: boolean } = {}): Response {
  try {
    applySecurityHeaders(response.headers, options);
    return response;
  } catch {
    // Headers of a Response from fetch() are immutable: copy once.
    const copy = new Response(response.body, response);
    applySecurityHeaders(copy.headers, options);
    return copy;
  }
}

/** One directive of a Content-Security-Policy, e.g. `cspDirective("script-src")` → ["'self'", ...]. */
export function cspDirective(name: string, headers: readonly SecurityHeader[] = securityHeaders): string[] | null {
  const csp = headers.find((h) => h.key === "Content-Security-Policy")?.value ?? "";
  for (const part of csp.split(";")) {
    const [directive, ...sources] = part.trim().split(/\s+/);
    if (directive === name) return sources;
  }
  return null;
}

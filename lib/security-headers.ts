/**
 * The site's security headers, for servers that build responses themselves (a Node server in
 * front of the demo API, an Edge function). next.config.mjs sends the same list from the same
 * JSON file on everything Next serves, so every path gets one policy.
 */
import policy from "./security-headers.json";

export type SecurityHeader = { key: string; value: string };

export const securityHeaders: readonly SecurityHeader[] = policy.headers;

/** Adds every security header the response does not set itself (a route's own value wins). */
export function applySecurityHeaders(headers: Headers): Headers {
  for (const { key, value } of securityHeaders) if (!headers.has(key)) headers.set(key, value);
  return headers;
}

/** The same for a Response; returns a new Response when the original's headers are immutable. */
export function withSecurityHeaders(response: Response): Response {
  try {
    applySecurityHeaders(response.headers);
    return response;
  } catch {
    // Headers of a Response from fetch() are immutable: copy once.
    const copy = new Response(response.body, response);
    applySecurityHeaders(copy.headers);
    return copy;
  }
}

/** One directive of the Content-Security-Policy, e.g. `cspDirective("script-src")` → ["'self'", ...]. */
export function cspDirective(name: string): string[] | null {
  const csp = securityHeaders.find((h) => h.key === "Content-Security-Policy")?.value ?? "";
  for (const part of csp.split(";")) {
    const [directive, ...sources] = part.trim().split(/\s+/);
    if (directive === name) return sources;
  }
  return null;
}

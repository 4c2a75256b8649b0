/**
 * Which requests the production server answers itself and which it hands to Next.js, and the
 * request target in the form both expect. The demo API goes to the server's own handler
 * (demo-api.ts); pages, static files and everything else go to Next.
 */
import { MOUNT } from "../../lib/flask-session/apps";
import { nextNormalisesPath } from "../build/next-internals";

/**
 * The requests the server answers itself: the demo API with a non-empty app segment, on a path
 * Next would not answer first (next-internals.ts, "normalised-paths").
 */
export function isDemoApiPath(url: string): boolean {
  if (!url.startsWith(MOUNT)) return false;
  const next = url[MOUNT.length];
  if (next === undefined || next === "/" || next === "?" || next === "#") return false;
  const query = url.indexOf("?");
  return !nextNormalisesPath(query < 0 ? url : url.slice(0, query));
}

/**
 * Next.js 16 answers a page path holding a percent-encoded unreserved character (`/%64ecoder`)
 * with a 500 ("Attempted to handle request too many times"), plain `next start` too. Such a path
 * names the same resource as its decoded form (RFC 3986 §6.2.2.2), so the reader is sent there.
 * (Not an assumption about Next: if Next answers such paths itself one day, this redirect is still right.)
 * Returns the normalised URL, or null when there is nothing to normalise (or when the result would
 * start with "//", which a browser reads as another host).
 */
export function normalizedPagePath(url: string): string | null {
  const queryAt = url.indexOf("?");
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const normal = path.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /^[A-Za-z0-9\-._~]$/.test(char) ? char : escape;
  });
  if (normal === path || !normal.startsWith("/") || normal.startsWith("//")) return null;
  return normal + (queryAt < 0 ? "" : url.slice(queryAt));
}

/**
 * The request target in origin form (`/path?query`), as every handler here and Next expect it.
 * Clients talking to a proxy send absolute form (`GET http://host/path`), which a server must
 * accept (RFC 9112 §3.2.2): its path and query are kept. The Host header is left as sent, as
 * gunicorn leaves it for Flask (Werkzeug's own server and RFC 9112 use the target's authority
 * instead: one of the documented differences from Flask). Null for asterisk form (`OPTIONS *`) and anything else that names
 * no path: Next answers those with a 500 of its own.
 */
export function originForm(target: string): string | null {
  if (target.startsWith("/")) return target;
  const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*([^#]*)/.exec(target);
  if (absolute === null) return null;
  const rest = absolute[1];
  return rest.startsWith("/") ? rest : `/${rest}`;
}

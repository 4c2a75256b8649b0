/**
 * The few answers the production server writes itself rather than through the demo API's handler
 * or Next.js: a refusal, a redirect to a normalised path, `OPTIONS *`. Each carries the site's
 * security headers for the API (lib/security-headers.ts), as everything the server sends does.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { applySecurityHeaders } from "../../lib/security-headers";

/** A short plain-text answer: an error such as 400, 413 or 500. */
export function sendPlain(res: ServerResponse, status: number, text: string): void {
  const headers = applySecurityHeaders(new Headers({ "content-type": "text/plain; charset=utf-8" }), { api: true });
  res.writeHead(status, [...headers].flat());
  res.end(text);
}

/** A permanent redirect (308: the method and body are kept) to `location`. */
export function redirectTo(res: ServerResponse, location: string): void {
  const headers = applySecurityHeaders(new Headers({ location, "content-type": "text/plain; charset=utf-8" }), { api: true });
  res.writeHead(308, [...headers].flat());
  res.end(`Redirecting to ${location}\n`);
}

/** `OPTIONS *` asks about the server as a whole: nothing to add beyond a 204. Any other such target is a 400. */
export function answerNoPathTarget(req: IncomingMessage, res: ServerResponse): void {
  if (req.method === "OPTIONS" && req.url === "*") {
    const headers = applySecurityHeaders(new Headers(), { api: true });
    res.writeHead(204, [...headers].flat());
    res.end();
    return;
  }
  sendPlain(res, 400, "The request target names no path.\n");
}

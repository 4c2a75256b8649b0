/**
 * The responses Flask 2.2 / Werkzeug 2.2 produce without running the view: the HTML error pages
 * of `werkzeug.exceptions` and the strict-slashes redirect of `werkzeug.routing`. Bodies and header
 * order are as Werkzeug's test client records them (tests/fixtures/transcripts.json).
 */
import type { HeaderList } from "./response-headers";

export type PageResponse = { status: number; statusText: string; headers: HeaderList; body: string };

const HTML = "text/html; charset=utf-8";
const utf8 = new TextEncoder();

export function byteLength(text: string): number {
  return utf8.encode(text).length;
}

/** `HTTPException.get_body`: the same five lines for every error (`description` already HTML as Werkzeug writes it). */
export function errorPage(status: number, title: string, description: string, extra: HeaderList = []): PageResponse {
  const body = `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${description}</p>\n`;
  // HTTPException.get_response: Response(body, status, [Content-Type, *get_headers()]), then the
  // body sets Content-Length.
  return {
    status,
    statusText: title.toUpperCase(),
    headers: [["Content-Type", HTML], ...extra, ["Content-Length", String(byteLength(body))]],
    body,
  };
}

export function notFound(): PageResponse {
  return errorPage(
    404,
    "Not Found",
    "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
  );
}

/** 405 with `Allow` (MethodNotAllowed.get_headers), methods in the order Flask sorts them for the route. */
export function methodNotAllowed(allow: string): PageResponse {
  return errorPage(405, "Method Not Allowed", "The method is not allowed for the requested URL.", [["Allow", allow]]);
}

export function internalServerError(): PageResponse {
  return errorPage(
    500,
    "Internal Server Error",
    "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.",
  );
}

/** markupsafe.escape, as werkzeug.utils.redirect applies it to the location. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&#34;").replace(/'/g, "&#39;");
}

/**
 * `werkzeug.utils.redirect(new_url, 308)` for `RequestRedirect`: the app root without its slash
 * is sent to the URL with it (strict_slashes), absolute, built from the request's host.
 */
export function strictSlashRedirect(location: string): PageResponse {
  return redirectPage(location, 308, "PERMANENT REDIRECT");
}

/** `werkzeug.utils.redirect(location, code)` for an ASCII location (which `iri_to_uri` leaves as it is). */
export function redirectPage(location: string, status: number, statusText: string): PageResponse {
  const escaped = escapeHtml(location);
  const body =
    "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n" +
    `<p>You should be redirected automatically to the target URL: <a href="${escaped}">${escaped}</a>. If not, click the link.\n`;
  return {
    status,
    statusText,
    headers: [
      ["Content-Type", HTML],
      ["Content-Length", String(byteLength(body))],
      ["Location", location],
    ],
    body,
  };
}

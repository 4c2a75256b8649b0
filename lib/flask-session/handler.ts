/**
 * The demo API as one Web-standard handler, `(request) => Promise<Response>`, served by the Next.js
 * route handler and usable from any server that speaks Request/Response.
 *
 *   /api/flask/<app>/...        the emulated Flask app: plain (what curl -i gets from real Flask)
 *                               or, with `Accept: application/json` or `?view=json`, the JSON view
 *   /api/flask/<app>/_reset     the site's own: a real deleting Set-Cookie for that app's path
 *
 * The plain response and the JSON view are two renderings of the same `runFlaskExchange` result,
 * so they cannot disagree.
 */
import { appRoot, DEFAULT_SECRET, MOUNT, runFlaskExchange, type FlaskExchange } from "./apps";
import { APP_NAMES, isAppName, parseKnobs, type AppName, type Knobs, type KnobError } from "./knobs";
import type { HeaderList } from "./response-headers";
import { defaultSessionConfig } from "./save-rules";
import { dumpCookie, dumpCookie2016 } from "./werkzeug-cookies";

export type HandlerOptions = {
  /** The apps' secret_key: the article's `SomeRandomKey` unless overridden. */
  secret?: string;
  /** Clock in Unix milliseconds (default Date.now). */
  now?: () => number;
  /**
   * Believe `X-Forwarded-Proto` (env TRUST_PROXY=1): only behind a proxy that sets it. Then a request
   * the proxy received over HTTPS gets `Secure` demo cookies. Otherwise the header is ignored, as
   * Flask ignores it without Werkzeug's ProxyFix, since any client can send it.
   */
  trustProxy?: boolean;
};

/** ProxyFix(x_proto=1): the value the last proxy appended, i.e. the right-most one. */
export function isForwardedHttps(headers: Headers, trustProxy: boolean | undefined): boolean {
  if (trustProxy !== true) return false;
  const values = (headers.get("x-forwarded-proto") ?? "").split(",");
  return values[values.length - 1].trim().toLowerCase() === "https";
}

export const RESET_SEGMENT = "_reset";

export async function handleFlaskRequest(request: Request, options: HandlerOptions = {}): Promise<Response> {
  const url = new URL(request.url);
  const secret = options.secret || DEFAULT_SECRET;
  const nowMs = (options.now ?? Date.now)();
  if (!url.pathname.startsWith(MOUNT)) return siteError(404, { error: "not-found", message: `The demo API lives under ${MOUNT}.` });

  const rest = url.pathname.slice(MOUNT.length);
  const slash = rest.indexOf("/");
  const name = slash < 0 ? rest : rest.slice(0, slash);
  if (!isAppName(name)) {
    return siteError(404, {
      error: "unknown-app",
      message: `There is no demo app ${JSON.stringify(name)}. The apps are: ${APP_NAMES.join(", ")}.`,
      apps: [...APP_NAMES],
    });
  }

  const knobs = parseKnobs(url.searchParams, request.headers.get("accept"));
  if ("error" in knobs) return siteError(400, knobs);

  const secureCookies = isForwardedHttps(request.headers, options.trustProxy);
  if (url.pathname === `${appRoot(name)}/${RESET_SEGMENT}`) return reset(request.method, name, knobs, secureCookies);

  const exchange = await runFlaskExchange(name, knobs, { method: request.method, url, headers: request.headers }, { secret, nowMs, secureCookies });
  return knobs.view === "json" ? jsonView(exchange, knobs) : plainResponse(exchange);
}

const flaskHeaders = new WeakMap<Response, HeaderList>();

/**
 * Flask's headers of a plain response, in Flask's order, with their original names. A `Headers`
 * object iterates sorted by name, which would put Set-Cookie before Vary even where Flask sends
 * Vary first; a server that writes raw headers (scripts/lean-server.ts) uses this list instead.
 * Next's route handlers can only take the `Headers`.
 */
export function flaskHeaderOrder(response: Response): HeaderList | undefined {
  return flaskHeaders.get(response);
}

/** What curl -i gets: Flask's status, headers and body. */
export function plainResponse(exchange: FlaskExchange): Response {
  const headers = new Headers();
  for (const [name, value] of exchange.headers) headers.append(name, value);
  const body = exchange.request.method === "HEAD" || exchange.body === "" ? null : exchange.body;
  const response = new Response(body, { status: exchange.status, statusText: exchange.statusText, headers });
  flaskHeaders.set(response, exchange.headers);
  return response;
}

/** The JSON document the page reads, since page scripts cannot see Set-Cookie. */
export function exchangeView(exchange: FlaskExchange, knobs: Knobs) {
  return {
    app: exchange.app,
    flaskVersion: exchange.flaskVersion,
    knobs: { flask: knobs.flask, action: knobs.action, permanent: knobs.permanent, refresh: knobs.refresh },
    request: exchange.request,
    response: { status: exchange.status, headers: exchange.headers, body: exchange.body },
    session: exchange.session,
    setCookie: exchange.setCookie,
    reason: exchange.reason,
    warnings: exchange.warnings,
  };
}

/**
 * The JSON view is answered with 200 whatever Flask's status was (the view describes the
 * exchange), but it carries the exchange's real Set-Cookie headers, so the browser's cookie jar
 * follows the demo exactly as it would follow the plain response.
 */
function jsonView(exchange: FlaskExchange, knobs: Knobs): Response {
  const headers = new Headers({ "Content-Type": "application/json", "Cache-Control": "no-store" });
  for (const [name, value] of exchange.headers) if (name.toLowerCase() === "set-cookie") headers.append(name, value);
  return new Response(`${JSON.stringify(exchangeView(exchange, knobs), null, 2)}\n`, { status: 200, headers });
}

/** The site's reset: Flask's own deleting cookie (`Response.delete_cookie` with the session settings) for the app's path. */
function reset(method: string, app: AppName, knobs: Knobs, secure: boolean): Response {
  if (method !== "GET" && method !== "POST" && method !== "HEAD") {
    return siteError(405, { error: "method-not-allowed", message: `${RESET_SEGMENT} answers GET and POST.` }, { Allow: "GET, HEAD, POST" });
  }
  const config = { ...defaultSessionConfig(appRoot(app)), secure };
  const setCookie =
    knobs.flask === "2016"
      ? dumpCookie2016(config.cookieName, "", { path: config.path, expires: 0, maxAge: 0 })
      : dumpCookie(config.cookieName, "", { path: config.path, secure: config.secure, httponly: config.httponly, expires: 0, maxAge: 0 });
  const headers = new Headers({ "Content-Type": "application/json", "Cache-Control": "no-store" });
  headers.append("Set-Cookie", setCookie);
  const body = method === "HEAD" ? null : `${JSON.stringify({ app, reset: true, setCookie }, null, 2)}\n`;
  return new Response(body, { status: 200, headers });
}

function siteError(status: number, body: KnobError | Record<string, unknown>, extra: Record<string, string> = {}): Response {
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...extra },
  });
}

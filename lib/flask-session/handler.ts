/**
 * The demo API: one core, `answerFlaskRequest(request) => Promise<FlaskAnswer>`, on plain data (a
 * method, a URL, a header lookup in; status, reason phrase, ordered headers and body out), and its
 * Web-standard adapter `handleFlaskRequest(request) => Promise<Response>`, served by the Next.js
 * route handler and usable from any server that speaks Request/Response. `npm start` calls the
 * core directly (scripts/server/demo-api.ts): building a Request and a Response per request was a
 * large share of its CPU (docs/performance.md).
 *
 *   /api/flask/<app>/...        the emulated Flask app: plain (what curl -i gets from real Flask)
 *                               or, with `Accept: application/json` or `?view=json`, the JSON view
 *   /api/flask/<app>/_reset     the site's own: a real deleting Set-Cookie for that app's path
 *
 * The plain response and the JSON view are two renderings of the same `runFlaskExchange` result,
 * so they cannot disagree.
 */
import { appRoot, DEFAULT_SECRET, MOUNT, runFlaskExchange, type ExchangeRequest, type FlaskExchange, type HeaderReader } from "./apps";
import { fixKnobProblem } from "./fix-knobs";
import { runFixExchange } from "./fixes";
import { APP_NAMES, isAppName, parseKnobs, type AppName, type Knobs, type KnobError } from "./knobs";
import { answerCulpritRequest } from "./apps/culprit-handler";
import { CULPRIT_NAMES, isCulpritName } from "./apps/culprits";
import type { HeaderList } from "./response-headers";
import { defaultSessionConfig } from "./save-rules";
import { dumpCookie, dumpCookieFlask010 } from "./werkzeug-cookies";

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

/**
 * A request as the core reads it: the method as sent, the full URL, a header lookup, and the peer
 * address when the server knows it. It is `request.remote_addr` for the culprit apps and the fix
 * apps alike, which Flask-Login and Flask-Paranoid hash when the request has no X-Forwarded-For
 * (Next's server fills that header with the peer address itself). Left out, it is None, as in
 * Flask: flask-login-rules.ts documents what Flask-Login then hashes.
 */
export type FlaskRequest = ExchangeRequest & { remoteAddress?: string | null };

/**
 * An answer as plain data. `statusText` is Werkzeug's reason phrase on the emulated Flask answers
 * and "" on the site's own (the server's default phrase). `headers` are in the order they are to
 * be sent, with their names as written: Flask's order and names on a Flask answer, which a
 * `Headers` object would sort and lower-case. `body` is null when there is none (HEAD); a Flask
 * answer always carries its own Content-Length, HEAD included.
 */
export type FlaskAnswer = { status: number; statusText: string; headers: HeaderList; body: string | null };

/** ProxyFix(x_proto=1): the value the last proxy appended, i.e. the right-most one. */
export function isForwardedHttps(headers: HeaderReader, trustProxy: boolean | undefined): boolean {
  if (trustProxy !== true) return false;
  const values = (headers.get("x-forwarded-proto") ?? "").split(",");
  return values[values.length - 1].trim().toLowerCase() === "https";
}

const RESET_SEGMENT = "_reset";

/** The core: one request of the demo API in, its answer out. Never throws for bad input. */
export async function answerFlaskRequest(request: FlaskRequest, options: HandlerOptions = {}): Promise<FlaskAnswer> {
  const { url } = request;
  const secret = options.secret || DEFAULT_SECRET;
  const nowMs = (options.now ?? Date.now)();
  if (!url.pathname.startsWith(MOUNT)) return siteError(404, { error: "not-found", message: `The demo API lives under ${MOUNT}.` });

  const remoteAddress = request.remoteAddress ?? null;
  const rest = url.pathname.slice(MOUNT.length);
  const slash = rest.indexOf("/");
  const name = slash < 0 ? rest : rest.slice(0, slash);
  if (isCulpritName(name)) {
    const secureCookies = isForwardedHttps(request.headers, options.trustProxy);
    return answerCulpritRequest(name, { ...request, remoteAddress }, { secret, nowMs, secureCookies });
  }
  if (!isAppName(name)) {
    return siteError(404, {
      error: "unknown-app",
      message: `There is no demo app ${JSON.stringify(name)}. The apps are: ${[...APP_NAMES, ...CULPRIT_NAMES].join(", ")}.`,
      apps: [...APP_NAMES, ...CULPRIT_NAMES],
    });
  }

  const knobs = parseKnobs(url.searchParams, request.headers.get("accept"));
  if ("error" in knobs) return siteError(400, knobs);
  const fixProblem = fixKnobProblem(name, knobs.fix, knobs.flask);
  if (fixProblem) return siteError(400, fixProblem);

  const secureCookies = isForwardedHttps(request.headers, options.trustProxy);
  if (url.pathname === `${appRoot(name)}/${RESET_SEGMENT}`) return reset(request.method, name, knobs, secureCookies);

  const exchangeOptions = { secret, nowMs, secureCookies };
  const exchange = knobs.fix
    ? await runFixExchange(name, { ...knobs, fix: knobs.fix }, { ...request, remoteAddress }, exchangeOptions)
    : await runFlaskExchange(name, knobs, request, exchangeOptions);
  return knobs.view === "json" ? jsonView(exchange, knobs) : plainAnswer(exchange);
}

/** The Web-standard form of the core, for Next's route handler and tests. */
export async function handleFlaskRequest(request: Request, options: HandlerOptions = {}): Promise<Response> {
  const answer = await answerFlaskRequest({ method: request.method, url: new URL(request.url), headers: request.headers }, options);
  return toResponse(answer);
}

/** FlaskAnswer → Response. The `Headers` keep every value (Set-Cookie apart) but not Flask's order. */
function toResponse(answer: FlaskAnswer): Response {
  const headers = new Headers();
  for (const [name, value] of answer.headers) headers.append(name, value);
  return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers });
}

/** What curl -i gets: Flask's status, headers and body. */
function plainAnswer(exchange: FlaskExchange): FlaskAnswer {
  const body = exchange.request.method === "HEAD" || exchange.body === "" ? null : exchange.body;
  return { status: exchange.status, statusText: exchange.statusText, headers: exchange.headers, body };
}

/** The JSON document the page reads, since page scripts cannot see Set-Cookie. */
export function exchangeView(exchange: FlaskExchange, knobs: Knobs) {
  return {
    app: exchange.app,
    flaskVersion: exchange.flaskVersion,
    knobs: {
      flask: knobs.flask,
      action: knobs.fix?.login ? "login" : knobs.action,
      permanent: knobs.permanent,
      refresh: knobs.refresh,
      ...(knobs.fix ? { fix: knobs.fix.fix } : {}),
    },
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
function jsonView(exchange: FlaskExchange, knobs: Knobs): FlaskAnswer {
  const headers: HeaderList = [...SITE_JSON_HEADERS];
  for (const [name, value] of exchange.headers) if (name.toLowerCase() === "set-cookie") headers.push([name, value]);
  return { status: 200, statusText: "", headers, body: `${JSON.stringify(exchangeView(exchange, knobs), null, 2)}\n` };
}

/** The site's reset: Flask's own deleting cookie (`Response.delete_cookie` with the session settings) for the app's path. */
function reset(method: string, app: AppName, knobs: Knobs, secure: boolean): FlaskAnswer {
  if (method !== "GET" && method !== "POST" && method !== "HEAD") {
    return siteError(405, { error: "method-not-allowed", message: `${RESET_SEGMENT} answers GET and POST.` }, [["Allow", "GET, HEAD, POST"]]);
  }
  const config = { ...defaultSessionConfig(appRoot(app)), secure };
  const setCookie =
    knobs.flask === "0.10"
      ? dumpCookieFlask010(config.cookieName, "", { path: config.path, expires: 0, maxAge: 0 })
      : dumpCookie(config.cookieName, "", { path: config.path, secure: config.secure, httponly: config.httponly, expires: 0, maxAge: 0 });
  const body = method === "HEAD" ? null : `${JSON.stringify({ app, reset: true, setCookie }, null, 2)}\n`;
  return { status: 200, statusText: "", headers: [...SITE_JSON_HEADERS, ["Set-Cookie", setCookie]], body };
}

/** The headers of every answer of the site's own (JSON views, errors, reset), before any extra. */
const SITE_JSON_HEADERS: HeaderList = [
  ["Content-Type", "application/json"],
  ["Cache-Control", "no-store"],
];

function siteError(status: number, body: KnobError | Record<string, unknown>, extra: HeaderList = []): FlaskAnswer {
  return { status, statusText: "", headers: [...SITE_JSON_HEADERS, ...extra], body: `${JSON.stringify(body, null, 2)}\n` };
}

/**
 * The demo API's answers for the culprit apps (see ../handler.ts for the rest): the plain answer
 * curl gets from real Flask, or the JSON view the page reads, and the site's `_reset`.
 *
 * The JSON view has the article's apps' fields (app, knobs, request, response, session, setCookie,
 * reason, warnings), plus `setCookies` (every Set-Cookie: Flask-Login's remember_token too) and
 * `writes`, the narration: which extension wrote which session key, and why.
 */
import type { FlaskAnswer } from "../handler";
import type { HeaderList } from "../response-headers";
import { dumpCookie } from "../werkzeug-cookies";
import { culpritRoot, type CulpritExchange, type CulpritName, type CulpritRequest } from "./culprit-runtime";
import { culpritKnobsView, parseCulpritKnobs, runCulprit, type CulpritKnobs } from "./culprits";

const SITE_JSON_HEADERS: HeaderList = [
  ["Content-Type", "application/json"],
  ["Cache-Control", "no-store"],
];

function json(status: number, body: unknown, extra: HeaderList = []): FlaskAnswer {
  return { status, statusText: "", headers: [...SITE_JSON_HEADERS, ...extra], body: `${JSON.stringify(body, null, 2)}\n` };
}

/** `?view=json` or `Accept: application/json` (q > 0) asks for the JSON view, as on the article's apps. */
function wantsJson(params: URLSearchParams, accept: string | null): boolean | null {
  const view = params.get("view");
  if (view === "json") return true;
  if (view === "plain") return false;
  if (view !== null) return null;
  return (accept ?? "").split(",").some((part) => {
    const [type, ...rest] = part.split(";").map((s) => s.trim().toLowerCase());
    const q = rest.find((p) => p.startsWith("q="));
    return type === "application/json" && (q === undefined || Number(q.slice(2)) > 0);
  });
}

export function culpritExchangeView(exchange: CulpritExchange, knobs: CulpritKnobs) {
  return {
    app: exchange.app,
    flaskVersion: exchange.flaskVersion,
    knobs: culpritKnobsView(knobs),
    request: exchange.request,
    response: { status: exchange.status, headers: exchange.headers, body: exchange.body },
    session: exchange.session,
    setCookie: exchange.setCookie,
    setCookies: exchange.setCookies,
    writes: exchange.writes,
    reason: exchange.reason,
    warnings: exchange.warnings,
  };
}

/** One request to a culprit app; `secureCookies` as the article's apps get it (TRUST_PROXY and HTTPS). */
export async function answerCulpritRequest(
  app: CulpritName,
  request: CulpritRequest,
  options: { secret: string; nowMs: number; secureCookies: boolean },
): Promise<FlaskAnswer> {
  const params = request.url.searchParams;
  const knobs = parseCulpritKnobs(app, params);
  if ("error" in knobs) return json(400, knobs);
  const view = wantsJson(params, request.headers.get("accept"));
  if (view === null)
    return json(400, {
      error: "bad-parameter",
      parameter: "view",
      value: params.get("view"),
      message: `Query parameter "view" must be json or plain; got ${JSON.stringify(params.get("view"))}.`,
    });
  if (request.url.pathname === `${culpritRoot(app)}/_reset`) return reset(request.method, app, options.secureCookies);

  const exchange = await runCulprit(knobs, request, options);
  if (view) {
    const cookies: HeaderList = exchange.headers.filter(([name]) => name.toLowerCase() === "set-cookie");
    return json(200, culpritExchangeView(exchange, knobs), cookies);
  }
  const body = exchange.request.method === "HEAD" || exchange.body === "" ? null : exchange.body;
  return { status: exchange.status, statusText: exchange.statusText, headers: exchange.headers, body };
}

/**
 * The site's reset: Flask's deleting session cookie for the app's path and, on the Flask-Login app,
 * Flask-Login's own deletion of remember_token (`_clear_cookie`, Path=/).
 */
function reset(method: string, app: CulpritName, secure: boolean): FlaskAnswer {
  if (method !== "GET" && method !== "POST" && method !== "HEAD") {
    return json(405, { error: "method-not-allowed", message: "_reset answers GET and POST." }, [["Allow", "GET, HEAD, POST"]]);
  }
  const setCookies = [dumpCookie("session", "", { path: culpritRoot(app), secure, httponly: true, expires: 0, maxAge: 0 })];
  if (app === "flask-login") setCookies.push(dumpCookie("remember_token", "", { expires: 0, maxAge: 0, path: "/" }));
  const answer = json(
    200,
    { app, reset: true, setCookie: setCookies[0], setCookies },
    setCookies.map((value): [string, string] => ["Set-Cookie", value]),
  );
  return method === "HEAD" ? { ...answer, body: null } : answer;
}

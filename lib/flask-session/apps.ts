/**
 * The article's Flask apps, emulated: one request in, the exchange Flask would have out. Mirrors
 * scripts/fixtures/reference_apps.py (real Flask), whose recorded transcripts the tests replay.
 *
 * To add an app: write its module in ./app-views/ (a `FlaskApp`: its session interface, its
 * before_request hooks and its view; see ./app-kit.ts), add its name to `APP_NAMES` in
 * ./knobs.ts, register it in `APPS` below, and give its sentences to ./exchange-narration.ts.
 *
 * The steps follow Flask 2.2's `wsgi_app`: open the session when the request context is pushed,
 * match the URL, run the before_request functions (the app's own hooks, then the permanent knob)
 * even when routing failed, dispatch (the view, Flask's automatic OPTIONS answer, or the routing
 * error page), save the session into whatever response came out, and let the server add a
 * Content-Length the response lacks.
 */
import type { AppContext, Dispatched, FlaskApp } from "./app-kit";
import { formatSession } from "./app-kit";
import { persistentApp, weakApp } from "./app-views/article";
import { principalNoSessionsApp, principalWithSessionsApp } from "./app-views/principal";
import { decodeSessionCookie, encodeSessionCookie } from "./cookie";
import { explainSave, openingOutcome, savedOutcome, UNDECODABLE_REASON, type SessionOpening, type Writes } from "./exchange-narration";
import type { ExchangeOptions, ExchangeRequest, FlaskExchange, OpenedSnapshot, SessionSnapshot } from "./exchange-types";
import type { AppName, Knobs } from "./knobs";
import type { PyDict } from "./py-value";
import type { HeaderList } from "./response-headers";
import { appRoot, matchRoute, optionsHeaders, type Route } from "./routing";
import { defaultSessionConfig, saveSession } from "./save-rules";
import { saveSessionFlask010 } from "./save-rules-0-10";
import { FlaskSession, type SessionKind } from "./session";
import { dumpsTagged } from "./tagged-json";
import { byteLength, internalServerError } from "./werkzeug-pages";
import { firstCookie, parseCookieHeader } from "./werkzeug-cookies";

export type { ExchangeRequest, FlaskExchange, HeaderReader } from "./exchange-types";
export { DEFAULT_SECRET } from "./demo-secret";
export { appRoot, MOUNT } from "./routing";

/** Every app the demo API serves, by the name in its URL. */
export const APPS: Readonly<Record<AppName, FlaskApp>> = {
  persistent: persistentApp,
  weak: weakApp,
  principal: principalWithSessionsApp,
  "principal-no-sessions": principalNoSessionsApp,
};

const FLASK_VERSIONS = { "0.10": "0.10.1", "2.2": "2.2.2", "3.1": "3.1.3" } as const;

/** Run one request through the emulated app. Never throws for bad input: Flask's outcomes are values. */
export async function runFlaskExchange(app: AppName, knobs: Knobs, request: ExchangeRequest, options: ExchangeOptions): Promise<FlaskExchange> {
  const definition = APPS[app];
  const flask010 = knobs.flask === "0.10";
  const cookieHeader = request.headers.get("cookie");
  const ctx: AppContext = {
    app,
    knobs,
    rules: knobs.flask,
    flask010,
    flask31: knobs.flask === "3.1",
    config: { ...defaultSessionConfig(appRoot(app)), refreshEachRequest: knobs.refresh, secure: options.secureCookies === true },
    cookiePairs: flask010 ? lastWins(parseCookieHeader(cookieHeader)) : parseCookieHeader(cookieHeader),
    request,
    options,
  };
  const base = { app, flaskVersion: FLASK_VERSIONS[knobs.flask], request: { method: request.method, url: request.url.href, cookieHeader } };

  const opened = await openSession(ctx, definition.sessionInterface);
  if (opened.opening.how === "undecodable") {
    // Flask's RequestContext.push raises while opening the session, handle_exception answers 500,
    // and save_session never gets a session to save.
    return {
      ...base,
      ...finish(request.method, { ...internalServerError(), lazyLength: false }),
      session: { before: { repr: "", json: null, outcome: openingOutcome(opened.opening), opening: opened.opening.how }, after: null },
      setCookie: null,
      reason: UNDECODABLE_REASON,
      warnings: [],
    };
  }
  const { session } = opened;
  const before = openedSnapshot(ctx, session, opened.opening);

  const route = matchRoute(app, request.method, request.url, request.headers.get("host"), ctx.flask31);
  const running = definition.start(ctx, session);
  const writes: Writes = { hooks: 0, knob: 0, view: 0 };

  // before_request functions, in registration order (reference_apps.create_app).
  let mark = session.updates;
  running.beforeRequest();
  writes.hooks = session.updates - mark;
  mark = session.updates;
  applyPermanentKnob(session, knobs.permanent);
  writes.knob = session.updates - mark;
  mark = session.updates;

  const dispatched = dispatch(route, () => running.view());
  writes.view = session.updates - mark;

  const saveCtx = {
    config: ctx.config,
    nowMs: options.nowMs,
    encode: (data: PyDict, timestamp: number) => encodeSessionCookie(data, options.secret, { timestamp, epoch: flask010 ? "2011" : "unix" }),
  };
  const saved = flask010 ? await saveSessionFlask010(session, dispatched.headers, saveCtx) : await saveSession(session, dispatched.headers, saveCtx);

  return {
    ...base,
    ...finish(request.method, dispatched),
    session: { before, after: snapshot(ctx, session, savedOutcome(saved, session)) },
    setCookie: saved.setCookie,
    reason: explainSave(ctx, saved, session, writes, running.notes(), sentVaryCookie(dispatched.headers)),
    warnings: saved.warning ? [saved.warning] : [],
  };
}

/** Werkzeug 0.11's `request.cookies` was a dict: a later duplicate replaces the earlier value. */
function lastWins(pairs: Array<[string, string]>): Array<[string, string]> {
  const map = new Map<string, string>();
  for (const [key, value] of pairs) map.set(key, value);
  return [...map];
}

export function newSession(ctx: AppContext, kind: SessionKind, data?: PyDict): FlaskSession {
  return new FlaskSession(kind, data, { proxyAccess: ctx.flask31 });
}

/** The session interface's open_session, and how it came by the session. */
export async function openSession(ctx: AppContext, sessionInterface: SessionKind): Promise<{ session: FlaskSession; opening: SessionOpening }> {
  if (sessionInterface === "weak") return { session: newSession(ctx, "weak"), opening: { how: "weak" } };
  const empty = () => newSession(ctx, "secure-cookie");
  // request.cookies.get("session"): the first of duplicates (the only one on Werkzeug 0.11).
  const value = firstCookie(ctx.cookiePairs, ctx.config.cookieName);
  if (!value) return { session: empty(), opening: { how: "no-cookie" } };
  const nowSeconds = Math.floor(ctx.options.nowMs / 1000);
  const lifetime = ctx.config.lifetime;
  // itsdangerous 0.24 only checks `age > max_age` (see save-rules-0-10.ts), so Flask 0.10's rules
  // verify without max_age and apply that one test here.
  const decoded = ctx.flask010
    ? await decodeSessionCookie(value, ctx.options.secret, { maxAge: null, now: nowSeconds, epoch: "2011" })
    : await decodeSessionCookie(value, ctx.options.secret, { maxAge: lifetime, now: nowSeconds });
  if (decoded.outcome === "undecodable") return { session: empty(), opening: { how: "undecodable", error: decoded.error } };
  if (decoded.outcome === "rejected") return { session: empty(), opening: { how: "rejected", error: decoded.error } };
  const age = nowSeconds - decoded.timestamp;
  if (ctx.flask010 && age > lifetime) return { session: empty(), opening: { how: "too-old", age, lifetime } };
  return { session: newSession(ctx, "secure-cookie", decoded.session), opening: { how: "loaded" } };
}

/** reference_apps.apply_permanent_knob: both tests use `in`, which Flask does not count as access. */
export function applyPermanentKnob(session: FlaskSession, wanted: boolean | null): void {
  if (wanted === true && !session.has("_permanent")) session.permanent = true;
  else if (wanted === false && session.has("_permanent")) session.pop("_permanent");
}

export function dispatch(route: Route, view: () => Dispatched): Dispatched {
  if (route.kind === "page") return { ...route.page, headers: [...route.page.headers], lazyLength: false };
  if (route.kind === "options") return { status: 200, statusText: "OK", headers: optionsHeaders(), body: "", lazyLength: true };
  return view();
}

/** The server's part: HEAD bodies are dropped, a missing Content-Length comes last. */
export function finish(method: string, response: Dispatched): Pick<FlaskExchange, "status" | "statusText" | "headers" | "body"> {
  const headers = [...response.headers];
  if (response.lazyLength) headers.push(["Content-Length", String(byteLength(response.body))]);
  return { status: response.status, statusText: response.statusText, headers, body: method === "HEAD" ? "" : response.body };
}

export function snapshot(ctx: AppContext, session: FlaskSession, outcome: string): SessionSnapshot {
  let json: string | null;
  try {
    json = dumpsTagged(session.data);
  } catch {
    json = null;
  }
  return { repr: formatSession(ctx, session), json, outcome };
}

/** The session as opened, with how open_session came by it (as a code and as a sentence). */
export function openedSnapshot(ctx: AppContext, session: FlaskSession, opening: SessionOpening): OpenedSnapshot {
  return { ...snapshot(ctx, session, openingOutcome(opening)), opening: opening.how };
}

/** Whether the answer carries `Vary: Cookie` (save_session adds it to the headers it is given). */
export function sentVaryCookie(headers: HeaderList): boolean {
  return headers.some(([name, value]) => name.toLowerCase() === "vary" && value.split(",").some((token) => token.trim().toLowerCase() === "cookie"));
}

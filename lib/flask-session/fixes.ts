/**
 * The article's apps with a fix applied (`fix=`, fix-knobs.ts): Flask 2.2's `wsgi_app` as in
 * apps.ts, with each fix at the step where it really acts. Mirrors scripts/fixtures/reference_fixes.py
 * (real Flask 2.2.2, Flask-Principal 0.4.0, Flask-Login 0.6.2), whose recordings the tests replay.
 *
 * Where each fix acts, in Flask's order (flask/app.py 2.2.2 `wsgi_app`, `full_dispatch_request`,
 * `process_response`):
 * 1. open_session: `weak-interface` opens a WeakSession; `no-secret-key` a NullSession (the cookie
 *    is never read; every write raises RuntimeError, which Flask answers with its 500 page).
 * 2. before_request, in registration order: `before-request-return-first` answers before
 *    Flask-Principal's hook, the token hook and the permanent knob (then Principal never sets
 *    `g.identity`); `-last` after them; both answer with the view's own response. The Flask-Login
 *    recipe reads `current_user` after the app's hooks (fix-flask-login.ts).
 * 3. after_request, before save_session: `after-request-delete-cookie` adds a deleting cookie for
 *    Path=/; `after-request-remove-header` removes a Set-Cookie that is not there yet. Flask-Login's
 *    own after_request pops `_remember` (and deletes `remember_token` on "clear").
 * 4. save_session: `should-set-cookie` stops after Vary and the empty-session deletion; the recipe
 *    skips it when the request_loader logged the caller in; `httponly-none` writes without HttpOnly
 *    or Secure; a NullSession is never saved.
 * 5. WSGI: `wsgi-strip` drops every Set-Cookie on the way out; the rest of the answer stays.
 */
import {
  afterSnapshot,
  appRoot,
  applyPermanentKnob,
  articleBody,
  explain,
  finish,
  matchRoute,
  newSession,
  openSession,
  runAction,
  sentVaryCookie,
  snapshot,
  textResponse,
  tokenIdentity,
  type Context,
  type Dispatched,
  type ExchangeOptions,
  type ExchangeRequest,
  type FlaskExchange,
  type Opened,
  ALLOW,
} from "./apps";
import { encodeSessionCookie } from "./cookie";
import { type Fix, type FixKnob } from "./fix-knobs";
import { loadUser, loginUser, type LoadedUser, type LoginRequest } from "./fix-flask-login";
import { fixReason, type FixTrace } from "./fix-narration";
import { jsonify } from "./flask-json";
import type { AppName, Knobs } from "./knobs";
import { ANONYMOUS, Principal } from "./principal";
import { py, type PyDict, type PyValue } from "./py-value";
import { addVary, type HeaderList } from "./response-headers";
import { defaultSessionConfig, saveSession, type SaveResult, type SessionConfig } from "./save-rules";
import { FlaskSession } from "./session";
import { dumpCookie, parseCookieHeader } from "./werkzeug-cookies";
import { internalServerError } from "./werkzeug-pages";

/** The RuntimeError a NullSession raises on every write (flask/sessions.py 2.2.2, `NullSession._fail`). */
export const NULL_SESSION_MESSAGE =
  "The session is unavailable because no secret key was set.  Set the secret_key on the application to something unique and secret.";

class NullSessionWrite extends Error {}
/** `g.identity` read before Flask-Principal's before_request set it: AttributeError in the view. */
class MissingIdentity extends Error {}

/** flask.sessions.NullSession: reads like an empty SecureCookieSession, every write raises. */
export class NullSession extends FlaskSession {
  constructor() {
    super("secure-cookie");
  }
  override get className(): string {
    return "NullSession";
  }
  override set(): void {
    throw new NullSessionWrite(NULL_SESSION_MESSAGE);
  }
  override setdefault(): PyValue {
    throw new NullSessionWrite(NULL_SESSION_MESSAGE);
  }
  override pop(): PyValue | undefined {
    throw new NullSessionWrite(NULL_SESSION_MESSAGE);
  }
  override clear(): void {
    throw new NullSessionWrite(NULL_SESSION_MESSAGE);
  }
}

/** SESSION_COOKIE_HTTPONLY = None and SESSION_COOKIE_SECURE = None: both falsy, so neither attribute. */
function fixConfig(fix: Fix, config: SessionConfig): SessionConfig {
  return fix === "httponly-none" ? { ...config, httponly: false, secure: false } : config;
}

async function openFixSession(ctx: Context, fix: Fix): Promise<Opened> {
  if (fix === "weak-interface") {
    const session = newSession(ctx, "weak");
    return { ok: true, session, before: snapshot(ctx, session, "WeakSessionInterface.open_session returns a new empty WeakSession; the cookie is never read.") };
  }
  if (fix === "no-secret-key") {
    const session = new NullSession();
    return { ok: true, session, before: snapshot(ctx, session, "No secret_key: open_session returns None without reading the cookie, so Flask uses an empty NullSession.") };
  }
  return openSession(ctx);
}

/** Run one request through the emulated app with its fix. Never throws for bad input. */
export async function runFixExchange(app: AppName, knobs: Knobs & { fix: FixKnob }, request: ExchangeRequest, options: ExchangeOptions): Promise<FlaskExchange> {
  const { fix, login } = knobs.fix;
  const cookieHeader = request.headers.get("cookie");
  const ctx: Context = {
    app,
    knobs,
    legacy: false,
    flask313: false,
    config: fixConfig(fix, { ...defaultSessionConfig(appRoot(app)), refreshEachRequest: knobs.refresh, secure: options.secureCookies === true }),
    cookiePairs: parseCookieHeader(cookieHeader),
    request,
    options,
  };
  const loginRequest: LoginRequest = { header: (name) => request.headers.get(name), cookies: ctx.cookiePairs, remoteAddress: options.remoteAddress ?? "127.0.0.1" };
  const base = { app, flaskVersion: "2.2.2" as const, request: { method: request.method, url: request.url.href, cookieHeader } };
  const trace: FixTrace = { fix, app, early: false, error: null, loaded: null, skippedSave: false, strippedSetCookie: null, afterRequestDeletion: null };

  const opened = await openFixSession(ctx, fix);
  if (!opened.ok) {
    // RequestContext.push raised: the 500, whose after_request functions still run; no session to save.
    const headers = [...internalServerError().headers];
    afterRequest(fix, headers, trace);
    const dispatched: Dispatched = { ...internalServerError(), headers, lazyLength: false };
    const exchange = finish(request.method, dispatched);
    stripSetCookie(fix, exchange.headers, trace);
    trace.error = "undecodable";
    return {
      ...base,
      ...exchange,
      session: { before: { repr: "", json: null, outcome: opened.outcome }, after: null },
      setCookie: lastSessionCookie(exchange.headers),
      reason: fixReason(trace, "No Set-Cookie from the session, and a 500: the cookie is correctly signed but its payload cannot be decoded, so Flask fails while opening the session, before any view runs."),
      warnings: [],
    };
  }
  const { session, before } = opened;
  const route = matchRoute(ctx);
  const principal = app === "principal" ? new Principal(true, session) : null;
  const writes = { principal: 0, knob: 0, view: 0 };
  const answersEarly = route.kind === "index" || route.kind === "options";
  let identitySet = false;
  let dispatched: Dispatched | null = null;
  let loaded: LoadedUser = null;

  try {
    // before_request functions, in registration order (reference_fixes.create_fix_app).
    if (fix === "before-request-return-first" && answersEarly) {
      trace.early = true;
      dispatched = await fixView(ctx, session, principal, identitySet, login, loginRequest, writes);
    } else {
      let mark = session.updates;
      if (principal) {
        principal.onBeforeRequest();
        identitySet = true;
        const identity = tokenIdentity(request.headers.get("authorization"), false);
        if (identity) principal.identityChanged(identity);
      }
      writes.principal = session.updates - mark;
      mark = session.updates;
      applyPermanentKnob(session, knobs.permanent);
      writes.knob = session.updates - mark;
      if (fix === "flask-login-recipe") loaded = await loadUser(session, loginRequest, options.secret);
      trace.loaded = loaded;
      if (fix === "before-request-return-last" && answersEarly) trace.early = true;
      dispatched = trace.early || route.kind === "index" ? await fixView(ctx, session, principal, identitySet, login, loginRequest, writes) : pageOrOptions(route);
    }
  } catch (e) {
    if (!(e instanceof NullSessionWrite || e instanceof MissingIdentity)) throw e;
    trace.error = e instanceof NullSessionWrite ? "null-session-write" : "missing-identity";
    dispatched = { ...internalServerError(), lazyLength: false };
  }

  const headers = dispatched.headers;
  afterRequest(fix, headers, trace);
  flaskLoginAfterRequest(session, headers);
  const saved = await saveFixSession(fix, session, headers, ctx, options, loaded, trace);
  const exchange = finish(request.method, dispatched);
  stripSetCookie(fix, exchange.headers, trace);
  const varied = sentVaryCookie(exchange.headers);
  const plainReason = saved.result ? explain(ctx, saved.result, session, writes, principal, varied) : "";
  return {
    ...base,
    ...exchange,
    session: {
      before,
      after: saved.result ? afterSnapshot(ctx, session, saved.result) : snapshot(ctx, session, saved.outcome),
    },
    setCookie: lastSessionCookie(exchange.headers),
    reason: fixReason({ ...trace, varied, savedAction: saved.result?.action ?? "none" }, plainReason),
    warnings: saved.result?.warning ? [saved.result.warning] : [],
  };
}

/** The view (or, answering early from before_request, the view called by the hook). */
async function fixView(
  ctx: Context,
  session: FlaskSession,
  principal: Principal | null,
  identitySet: boolean,
  login: boolean,
  loginRequest: LoginRequest,
  writes: { view: number },
): Promise<Dispatched> {
  const mark = session.updates;
  try {
    if (login) await loginUser(session, "alice", loginRequest);
    if (!principal) {
      const action = login ? null : (ctx.knobs.action ?? "article");
      if (action === "article") {
        const body = articleBody(ctx, session);
        runAction(session, "article", false);
        return textResponse(body, "text/html; charset=utf-8");
      }
      if (action) runAction(session, action, false);
      return textResponse(articleBody(ctx, session), "text/html; charset=utf-8");
    }
    if (!login) runAction(session, ctx.knobs.action ?? "nothing", false);
    if (!identitySet) throw new MissingIdentity("'_AppCtxGlobals' object has no attribute 'identity'");
    const identity = principal.identity ?? ANONYMOUS;
    const result = jsonify(py.dict([["identity", py.dict([["id", identity.id], ["auth_type", identity.authType]])]]));
    if (!result.ok) return { ...internalServerError(), lazyLength: false };
    return textResponse(result.text, "application/json");
  } finally {
    writes.view = session.updates - mark;
  }
}

/** Routing errors and Flask's own OPTIONS answer, as apps.ts dispatches them. */
function pageOrOptions(route: ReturnType<typeof matchRoute>): Dispatched {
  if (route.kind === "page") return { ...route.page, headers: [...route.page.headers], lazyLength: false };
  return {
    status: 200,
    statusText: "OK",
    headers: [
      ["Content-Type", "text/html; charset=utf-8"],
      ["Allow", ALLOW],
    ],
    body: "",
    lazyLength: true,
  };
}

/** The fix's after_request: `response.delete_cookie("session")` (Path=/, no HttpOnly) or `headers.remove("Set-Cookie")`. */
function afterRequest(fix: Fix, headers: HeaderList, trace: FixTrace): void {
  if (fix === "after-request-delete-cookie") {
    const deletion = dumpCookie("session", "", { path: "/", domain: null, secure: false, httponly: false, samesite: null, expires: 0, maxAge: 0 });
    headers.push(["Set-Cookie", deletion]);
    trace.afterRequestDeletion = deletion;
  } else if (fix === "after-request-remove-header") {
    for (let i = headers.length - 1; i >= 0; i--) if (headers[i][0].toLowerCase() === "set-cookie") headers.splice(i, 1);
  }
}

/**
 * LoginManager._update_remember_cookie (registered before the fix's, so it runs after it):
 * `if "_remember" in session: operation = session.pop("_remember", None)`, then "clear" deletes
 * remember_token. ("set" writes a remember_token dated by the unfrozen clock: see docs/fixes.md.)
 */
function flaskLoginAfterRequest(session: FlaskSession, headers: HeaderList): void {
  if (session instanceof NullSession || session.kind === "weak" || !session.has("_remember")) return;
  const operation = session.pop("_remember");
  if (operation?.type === "str" && operation.value === "clear") {
    headers.push(["Set-Cookie", dumpCookie("remember_token", "", { path: "/", domain: null, secure: false, httponly: false, samesite: null, expires: 0, maxAge: 0 })]);
  }
}

type FixSave = { result: SaveResult | null; outcome: string };

async function saveFixSession(
  fix: Fix,
  session: FlaskSession,
  headers: HeaderList,
  ctx: Context,
  options: ExchangeOptions,
  loaded: LoadedUser,
  trace: FixTrace,
): Promise<FixSave> {
  if (session instanceof NullSession) return { result: null, outcome: "Never saved: Flask skips save_session for a NullSession." };
  if (fix === "flask-login-recipe" && loaded?.via === "request") {
    trace.skippedSave = true;
    return { result: null, outcome: "Not saved: CustomSessionInterface.save_session returned at once (g.login_via_request)." };
  }
  const saveCtx = {
    config: ctx.config,
    nowMs: options.nowMs,
    encode: (data: PyDict, timestamp: number) => encodeSessionCookie(data, options.secret, { timestamp }),
  };
  if (fix === "should-set-cookie" && session.kind !== "weak" && session.size > 0) {
    // save_session up to `if not self.should_set_cookie(app, session): return`.
    if (session.accessed) addVary(headers, "Cookie");
    trace.skippedSave = session.modified || (session.permanent && ctx.config.refreshEachRequest);
    return { result: { action: "none", why: "unmodified", setCookie: null, warning: null }, outcome: "Not written: should_set_cookie returned False." };
  }
  return { result: await saveSession(session, headers, saveCtx), outcome: "" };
}

/** The middleware's start_response: every Set-Cookie dropped. */
function stripSetCookie(fix: Fix, headers: HeaderList, trace: FixTrace): void {
  if (fix !== "wsgi-strip") return;
  trace.strippedSetCookie = headers.filter(([name]) => name.toLowerCase() === "set-cookie").map(([, value]) => value);
  for (let i = headers.length - 1; i >= 0; i--) if (headers[i][0].toLowerCase() === "set-cookie") headers.splice(i, 1);
}

/** The session cookie the browser ends up with from this answer: the last Set-Cookie naming it. */
export function lastSessionCookie(headers: HeaderList): string | null {
  const cookies = headers.filter(([name, value]) => name.toLowerCase() === "set-cookie" && value.startsWith("session="));
  return cookies.length ? cookies[cookies.length - 1][1] : null;
}

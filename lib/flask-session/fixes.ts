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
import { applyPermanentKnob, APPS, finish, newSession, openedSnapshot, openSession, sentVaryCookie, snapshot } from "./apps";
import { RaisedInApp, runAction, type AppContext, type Dispatched } from "./app-kit";
import { encodeSessionCookie } from "./cookie";
import { explainSave, openingOutcome, savedOutcome, UNDECODABLE_REASON, type SessionOpening, type Writes } from "./exchange-narration";
import type { ExchangeOptions, ExchangeRequest, FlaskExchange } from "./exchange-types";
import { type Fix, type FixKnob } from "./fix-knobs";
import { loadUser, loginUser, type LoadedUser, type LoginRequest } from "./fix-flask-login";
import { fixReason, type FixTrace } from "./fix-narration";
import type { AppName, Knobs } from "./knobs";
import type { PyDict, PyValue } from "./py-value";
import { addVary, type HeaderList } from "./response-headers";
import { appRoot, matchRoute, optionsHeaders, type Route } from "./routing";
import { defaultSessionConfig, saveSession, type SaveResult, type SessionConfig } from "./save-rules";
import { FlaskSession } from "./session";
import { dumpCookie, parseCookieHeader } from "./werkzeug-cookies";
import { internalServerError } from "./werkzeug-pages";

/** The RuntimeError a NullSession raises on every write (flask/sessions.py 2.2.2, `NullSession._fail`). */
const NULL_SESSION_MESSAGE = "The session is unavailable because no secret key was set.  Set the secret_key on the application to something unique and secret.";

class NullSessionWrite extends Error {}
/** `g.identity` read before Flask-Principal's before_request set it: AttributeError in the view. */
class MissingIdentity extends Error {}

/** flask.sessions.NullSession: reads like an empty SecureCookieSession, every write raises. */
class NullSession extends FlaskSession {
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

async function openFixSession(ctx: AppContext, fix: Fix): Promise<{ session: FlaskSession; opening: SessionOpening }> {
  if (fix === "weak-interface") return { session: newSession(ctx, "weak"), opening: { how: "weak" } };
  if (fix === "no-secret-key") return { session: new NullSession(), opening: { how: "null-session" } };
  return openSession(ctx, "secure-cookie");
}

/** Run one request through the emulated app with its fix. Never throws for bad input. */
/**
 * One exchange with a fix app. `request.remoteAddress` is `request.remote_addr`, which Flask-Login
 * hashes into `_id` when there is no X-Forwarded-For (flask-login-rules.ts; null hashes `None`).
 */
export async function runFixExchange(
  app: AppName,
  knobs: Knobs & { fix: FixKnob },
  request: ExchangeRequest & { remoteAddress: string | null },
  options: ExchangeOptions,
): Promise<FlaskExchange> {
  const { fix, login } = knobs.fix;
  const cookieHeader = request.headers.get("cookie");
  const ctx: AppContext = {
    app,
    knobs,
    rules: "2.2",
    flask010: false,
    flask31: false,
    config: fixConfig(fix, { ...defaultSessionConfig(appRoot(app)), refreshEachRequest: knobs.refresh, secure: options.secureCookies === true }),
    cookiePairs: parseCookieHeader(cookieHeader),
    request,
    options,
  };
  const loginRequest: LoginRequest = { headers: request.headers, remoteAddress: request.remoteAddress, cookies: ctx.cookiePairs };
  const base = { app, flaskVersion: "2.2.2" as const, request: { method: request.method, url: request.url.href, cookieHeader } };
  const trace: FixTrace = { fix, app, early: false, error: null, loaded: null, skippedSave: false, strippedSetCookie: null, afterRequestDeletion: null };

  const opened = await openFixSession(ctx, fix);
  if (opened.opening.how === "undecodable") {
    // RequestContext.push raised: the 500, whose after_request functions still run; no session to save.
    const headers = [...internalServerError().headers];
    afterRequest(fix, headers, trace);
    const exchange = finish(request.method, { ...internalServerError(), headers, lazyLength: false });
    stripSetCookie(fix, exchange.headers, trace);
    trace.error = "undecodable";
    return {
      ...base,
      ...exchange,
      session: { before: { repr: "", json: null, outcome: openingOutcome(opened.opening), opening: opened.opening.how }, after: null },
      setCookie: lastSessionCookie(exchange.headers),
      reason: fixReason(trace, UNDECODABLE_REASON),
      warnings: [],
    };
  }
  const { session } = opened;
  const before = openedSnapshot(ctx, session, opened.opening);
  const route = matchRoute(app, request.method, request.url, request.headers.get("host"), false);
  // The login's view is login_user, then the app's view with nothing more to do (reference_fixes.with_login_action).
  const running = APPS[app].start(login ? { ...ctx, knobs: { ...knobs, action: "nothing" } } : ctx, session);
  const writes: Writes = { hooks: 0, knob: 0, view: 0 };
  const answersEarly = route.kind === "index" || route.kind === "options";
  let hooksRan = false;
  let loaded: LoadedUser = null;
  let dispatched: Dispatched;

  const view = async (): Promise<Dispatched> => {
    const mark = session.updates;
    try {
      if (login) await loginUser(session, "alice", loginRequest);
      if (app === "principal" && !hooksRan) {
        // Principal's before_request never ran: the view does its session step, then g.identity raises.
        if (!login) runAction(session, knobs.action ?? "nothing", false);
        throw new MissingIdentity("'_AppCtxGlobals' object has no attribute 'identity'");
      }
      return running.view();
    } finally {
      writes.view = session.updates - mark;
    }
  };

  try {
    // before_request functions, in registration order (reference_fixes.create_fix_app).
    if (fix === "before-request-return-first" && answersEarly) {
      trace.early = true;
      dispatched = await view();
    } else {
      let mark = session.updates;
      running.beforeRequest();
      hooksRan = true;
      writes.hooks = session.updates - mark;
      mark = session.updates;
      applyPermanentKnob(session, knobs.permanent);
      writes.knob = session.updates - mark;
      if (fix === "flask-login-recipe") loaded = await loadUser(session, loginRequest, options.secret);
      trace.loaded = loaded;
      if (fix === "before-request-return-last" && answersEarly) trace.early = true;
      dispatched = trace.early || route.kind === "index" ? await view() : pageOrOptions(route);
    }
  } catch (e) {
    if (!(e instanceof NullSessionWrite || e instanceof MissingIdentity || e instanceof RaisedInApp)) throw e;
    trace.error = e instanceof NullSessionWrite ? "null-session-write" : e instanceof MissingIdentity ? "missing-identity" : "flask-login-raised";
    dispatched = { ...internalServerError(), lazyLength: false };
  }

  const headers = dispatched.headers;
  afterRequest(fix, headers, trace);
  flaskLoginAfterRequest(session, headers);
  const saved = await saveFixSession(fix, session, headers, ctx, options, loaded, trace);
  const exchange = finish(request.method, dispatched);
  stripSetCookie(fix, exchange.headers, trace);
  const varied = sentVaryCookie(exchange.headers);
  const plainReason = saved.result ? explainSave(ctx, saved.result, session, writes, running.notes(), varied) : "";
  return {
    ...base,
    ...exchange,
    session: { before, after: snapshot(ctx, session, saved.result ? savedOutcome(saved.result, session) : saved.outcome) },
    setCookie: lastSessionCookie(exchange.headers),
    reason: fixReason({ ...trace, varied, savedAction: saved.result?.action ?? "none" }, plainReason),
    warnings: saved.result?.warning ? [saved.result.warning] : [],
  };
}

/** Routing errors and Flask's own OPTIONS answer, as apps.ts dispatches them. */
function pageOrOptions(route: Route): Dispatched {
  if (route.kind === "page") return { ...route.page, headers: [...route.page.headers], lazyLength: false };
  return { status: 200, statusText: "OK", headers: optionsHeaders(), body: "", lazyLength: true };
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
    headers.push([
      "Set-Cookie",
      dumpCookie("remember_token", "", { path: "/", domain: null, secure: false, httponly: false, samesite: null, expires: 0, maxAge: 0 }),
    ]);
  }
}

type FixSave = { result: SaveResult | null; outcome: string };

async function saveFixSession(
  fix: Fix,
  session: FlaskSession,
  headers: HeaderList,
  ctx: AppContext,
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
function lastSessionCookie(headers: HeaderList): string | null {
  const cookies = headers.filter(([name, value]) => name.toLowerCase() === "set-cookie" && value.startsWith("session="));
  return cookies.length ? cookies[cookies.length - 1][1] : null;
}

/**
 * The article's Flask apps, emulated: one request in, the exchange Flask would have out. Mirrors
 * scripts/fixtures/reference_apps.py (real Flask), whose recorded transcripts the tests replay.
 *
 * The steps follow Flask 2.2's `wsgi_app`: open the session when the request context is pushed,
 * match the URL, run the before_request functions (Flask-Principal's loader, the token check, the
 * permanent knob) even when routing failed, dispatch (the view, Flask's automatic OPTIONS answer,
 * or the routing error page), save the session into whatever response came out, and let the
 * server add a Content-Length the response lacks.
 */
import { decodeSessionCookie, encodeSessionCookie } from "./cookie";
import { jsonify, jsonify2016 } from "./flask-json";
import type { Action, AppName, Knobs } from "./knobs";
import { saveSession2016 } from "./legacy-0-10";
import { ANONYMOUS, Principal, type Identity } from "./principal";
import { py, type PyDict } from "./py-value";
import { py2SessionOrder } from "./python2-dict-order";
import { py2CookiesRepr, py2DictRepr } from "./python2-repr";
import { dictRepr, multiDictRepr, sessionRepr } from "./python-repr";
import type { HeaderList } from "./response-headers";
import { defaultSessionConfig, saveSession, type SaveResult, type SessionConfig } from "./save-rules";
import { FlaskSession, isTruthy, type SessionKind } from "./session";
import { dumpsTagged } from "./tagged-json";
import { byteLength, internalServerError, methodNotAllowed, notFound, strictSlashRedirect, type PageResponse } from "./werkzeug-pages";
import { firstCookie, parseCookieHeader } from "./werkzeug-cookies";

export const DEFAULT_SECRET = "SomeRandomKey";
export const MOUNT = "/api/flask/";

/** The tokens the principal apps accept (reference_apps.TOKENS); anything else stays anonymous. */
export const TOKENS: Readonly<Record<string, string>> = { "alice-token": "alice", "bob-token": "bob" };

/**
 * Werkzeug fills `Allow` from a set, so real Flask's order depends on the process's hash seed;
 * this is the order it has with PYTHONHASHSEED=0, as the transcripts are recorded.
 */
const ALLOW = "GET, HEAD, OPTIONS";

export type SessionSnapshot = {
  /** What the view would print: Python 3's repr (today) or Python 2's (2016). */
  repr: string;
  /** Flask's tagged JSON of the session data, or null when it cannot be serialised. */
  json: string | null;
  /** One sentence on where this session came from or what became of it. */
  outcome: string;
};

export type FlaskExchange = {
  app: AppName;
  flaskVersion: "2.2.2" | "3.1.3" | "0.10.1";
  request: { method: string; url: string; cookieHeader: string | null };
  status: number;
  statusText: string;
  /** Every header in the order Flask sends it. */
  headers: HeaderList;
  /** The body as sent: empty for HEAD, whose Content-Length still counts the GET body. */
  body: string;
  session: { before: SessionSnapshot | null; after: SessionSnapshot | null };
  setCookie: string | null;
  reason: string;
  warnings: string[];
};

/**
 * What the apps read of a request's headers: a case-insensitive lookup with `Headers.get`'s
 * contract (null when absent). A `Headers` object is one; a Node server can pass a view of its own
 * parsed headers instead of copying them into a `Headers` on every request.
 */
export type HeaderReader = { get(name: string): string | null };

export type ExchangeRequest = { method: string; url: URL; headers: HeaderReader };
export type ExchangeOptions = {
  secret: string;
  nowMs: number;
  /** The request came over HTTPS: run with SESSION_COOKIE_SECURE = True, as a Flask app served over HTTPS should. */
  secureCookies?: boolean;
};

type Context = {
  app: AppName;
  knobs: Knobs;
  legacy: boolean;
  /** Flask 3.1.3's rules: any use of the session marks it accessed, and Werkzeug 3.1.8 checks the Host. */
  flask313: boolean;
  config: SessionConfig;
  cookiePairs: Array<[string, string]>;
  request: ExchangeRequest;
  options: ExchangeOptions;
};

type Dispatched = { status: number; statusText: string; headers: HeaderList; body: string; lazyLength: boolean };

export function appRoot(app: AppName): string {
  return MOUNT + app;
}

/** Run one request through the emulated app. Never throws for bad input: Flask's outcomes are values. */
export async function runFlaskExchange(app: AppName, knobs: Knobs, request: ExchangeRequest, options: ExchangeOptions): Promise<FlaskExchange> {
  const legacy = knobs.flask === "2016";
  const cookieHeader = request.headers.get("cookie");
  const ctx: Context = {
    app,
    knobs,
    legacy,
    flask313: knobs.flask === "3.1",
    config: { ...defaultSessionConfig(appRoot(app)), refreshEachRequest: knobs.refresh, secure: options.secureCookies === true },
    cookiePairs: legacy ? lastWins(parseCookieHeader(cookieHeader)) : parseCookieHeader(cookieHeader),
    request,
    options,
  };
  const base = {
    app,
    flaskVersion: legacy ? ("0.10.1" as const) : knobs.flask === "3.1" ? ("3.1.3" as const) : ("2.2.2" as const),
    request: { method: request.method, url: request.url.href, cookieHeader },
  };

  const opened = await openSession(ctx);
  if (!opened.ok) {
    // Flask's RequestContext.push raises while opening the session, handle_exception answers 500,
    // and save_session never gets a session to save.
    const page = internalServerError();
    return {
      ...base,
      ...finish(request.method, { ...page, lazyLength: false }),
      session: { before: { repr: "", json: null, outcome: opened.outcome }, after: null },
      setCookie: null,
      reason:
        "No Set-Cookie, and a 500: the cookie is correctly signed but its payload cannot be decoded, so Flask fails while opening the session, before any view runs (reproduced on purpose).",
      warnings: [],
    };
  }
  const { session, before } = opened;

  const route = matchRoute(ctx);
  const principal = ctx.app.startsWith("principal") ? new Principal(ctx.app === "principal", session) : null;
  const writes = { principal: 0, knob: 0, view: 0 };

  // before_request functions, in registration order (reference_apps.create_app).
  let mark = session.updates;
  if (principal) {
    principal.onBeforeRequest();
    const identity = tokenIdentity(request.headers.get("authorization"), legacy);
    if (identity) principal.identityChanged(identity);
  }
  writes.principal = session.updates - mark;
  mark = session.updates;
  applyPermanentKnob(session, knobs.permanent);
  writes.knob = session.updates - mark;
  mark = session.updates;

  const dispatched = dispatch(ctx, route, session, principal);
  writes.view = session.updates - mark;

  const saveCtx = {
    config: ctx.config,
    nowMs: options.nowMs,
    encode: (data: PyDict, timestamp: number) => encodeSessionCookie(data, options.secret, { timestamp, epoch: legacy ? "2011" : "unix" }),
  };
  const saved = legacy
    ? await saveSession2016(session, dispatched.headers, saveCtx)
    : await saveSession(session, dispatched.headers, saveCtx);

  return {
    ...base,
    ...finish(request.method, dispatched),
    session: { before, after: afterSnapshot(ctx, session, saved) },
    setCookie: saved.setCookie,
    reason: explain(ctx, saved, session, writes, principal, sentVaryCookie(dispatched.headers)),
    warnings: saved.warning ? [saved.warning] : [],
  };
}

/** Werkzeug 0.11's `request.cookies` was a dict: a later duplicate replaces the earlier value. */
function lastWins(pairs: Array<[string, string]>): Array<[string, string]> {
  const map = new Map<string, string>();
  for (const [key, value] of pairs) map.set(key, value);
  return [...map];
}

type Opened = { ok: true; session: FlaskSession; before: SessionSnapshot } | { ok: false; outcome: string };

function newSession(ctx: Context, kind: SessionKind, data?: PyDict): FlaskSession {
  return new FlaskSession(kind, data, { proxyAccess: ctx.flask313 });
}

async function openSession(ctx: Context): Promise<Opened> {
  if (ctx.app === "weak") {
    const session = newSession(ctx, "weak");
    return {
      ok: true,
      session,
      before: snapshot(ctx, session, "WeakSessionInterface.open_session returns a new empty WeakSession; the cookie is never read."),
    };
  }
  // request.cookies.get("session"): the first of duplicates (the only one on Werkzeug 0.11).
  const value = firstCookie(ctx.cookiePairs, ctx.config.cookieName);
  if (!value) {
    const session = newSession(ctx, "secure-cookie");
    return { ok: true, session, before: snapshot(ctx, session, "No session cookie came with the request: a new empty session.") };
  }
  const nowSeconds = Math.floor(ctx.options.nowMs / 1000);
  const lifetime = ctx.config.lifetime;
  // itsdangerous 0.24 only checks `age > max_age` (see legacy-0-10.ts), so the 2016 rules verify
  // without max_age and apply that one test here.
  const decoded = ctx.legacy
    ? await decodeSessionCookie(value, ctx.options.secret, { maxAge: null, now: nowSeconds, epoch: "2011" })
    : await decodeSessionCookie(value, ctx.options.secret, { maxAge: lifetime, now: nowSeconds });
  if (decoded.outcome === "undecodable") {
    return { ok: false, outcome: `The signature is valid but the payload cannot be decoded (${decoded.error.code}): ${decoded.error.message}` };
  }
  if (decoded.outcome === "rejected") {
    const session = newSession(ctx, "secure-cookie");
    return { ok: true, session, before: snapshot(ctx, session, `The cookie was rejected, so Flask silently started a new empty session: ${decoded.error.message}`) };
  }
  if (ctx.legacy && nowSeconds - decoded.timestamp > lifetime) {
    const session = newSession(ctx, "secure-cookie");
    const age = nowSeconds - decoded.timestamp;
    return { ok: true, session, before: snapshot(ctx, session, `The cookie was rejected (signature age ${age} > ${lifetime} seconds), so Flask started a new empty session.`) };
  }
  const session = newSession(ctx, "secure-cookie", decoded.session);
  return { ok: true, session, before: snapshot(ctx, session, "The cookie's signature and age are valid: the session was loaded from it.") };
}

type Route = { kind: "index" } | { kind: "options" } | { kind: "page"; page: PageResponse };

/** Werkzeug's URL map for an app with one rule, `/` (GET, and so HEAD and OPTIONS). */
function matchRoute(ctx: Context): Route {
  const { url, method } = ctx.request;
  const rest = url.pathname.slice(appRoot(ctx.app).length);
  if (rest === "") {
    // strict_slashes: the rule "/" matches the root with its slash, and without it Werkzeug
    // redirects, but only for a method the rule takes: for any other, no rule matches at all
    // (werkzeug/routing/matcher.py raises SlashRequired only when the method is allowed), a 404.
    if (method !== "GET" && method !== "HEAD" && method !== "OPTIONS") return { kind: "page", page: notFound() };
    const scheme = url.protocol.slice(0, -1);
    const host = werkzeugHost(scheme, ctx.request.headers.get("host") ?? url.host, ctx.flask313);
    return { kind: "page", page: strictSlashRedirect(`${scheme}://${host}${appRoot(ctx.app)}/${url.search}`) };
  }
  if (rest !== "/") return { kind: "page", page: notFound() };
  if (method === "GET" || method === "HEAD") return { kind: "index" };
  if (method === "OPTIONS") return { kind: "options" };
  return { kind: "page", page: methodNotAllowed(ALLOW) };
}

/**
 * The host a Werkzeug redirect names: `sansio.utils.get_host` drops the scheme's default port,
 * and `Map.bind_to_environ` lower-cases the result. Werkzeug 3.1.7 and later (Flask 3.1.3's)
 * also check its characters (`_host_re`: a name or IPv4 address, or a bracketed IPv6 one, and an
 * optional port) and use the empty string for anything else. (Werkzeug then IDNA-encodes the name;
 * that is left out: README, "Known differences".)
 */
export function werkzeugHost(scheme: string, hostHeader: string, validated = false): string {
  let host = hostHeader;
  if ((scheme === "http" || scheme === "ws") && host.endsWith(":80")) host = host.slice(0, -3);
  else if ((scheme === "https" || scheme === "wss") && host.endsWith(":443")) host = host.slice(0, -4);
  if (validated && !WERKZEUG_HOST_RE.test(host)) return "";
  return host.toLowerCase();
}

/** werkzeug/sansio/utils.py `_host_re` (3.1.8), matched in full, ASCII, ignoring case. */
const WERKZEUG_HOST_RE = /^(?:[a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::[0-9]+)?$/i;

/** The authenticate_by_token before_request of reference_apps.py. */
function tokenIdentity(header: string | null, legacy: boolean): Identity | null {
  const text = header ?? "";
  const space = text.indexOf(" ");
  const [scheme, token] = space < 0 ? [text, ""] : [text.slice(0, space), text.slice(space + 1)];
  if (scheme !== "Bearer" || !Object.hasOwn(TOKENS, token)) return null;
  const name = TOKENS[token];
  // The name comes from a header (unicode on Python 2 too); "token" is a literal, a byte str on Python 2.
  return { id: py.str(name), authType: legacy ? py.bytes("token") : py.str("token") };
}

/** reference_apps.apply_permanent_knob: both tests use `in`, which Flask does not count as access. */
function applyPermanentKnob(session: FlaskSession, wanted: boolean | null): void {
  if (wanted === true && !session.has("_permanent")) session.permanent = true;
  else if (wanted === false && session.has("_permanent")) session.pop("_permanent");
}

function runAction(session: FlaskSession, action: Action, legacy: boolean): void {
  switch (action) {
    case "article":
    case "write":
      // A str literal; on Python 2 a byte str, which Flask 0.10 tags " b".
      session.set("key", legacy ? py.bytes("value") : py.str("value"));
      break;
    case "read":
      session.get("key");
      break;
    case "clear":
      session.clear();
      break;
    case "pop":
      session.pop("key");
      break;
    case "flash": {
      // flask/helpers.py flash(): `flashes = session.get("_flashes", []); flashes.append((category,
      // message)); session["_flashes"] = flashes` (a write even when the list was already there).
      const text = (value: string) => (legacy ? py.bytes(value) : py.str(value));
      const flashes = session.get("_flashes", py.list([]));
      const items = flashes.type === "list" ? flashes.items : [];
      session.set("_flashes", py.list([...items, py.tuple([text("message"), text(FLASH_MESSAGE)])]));
      break;
    }
    case "read-flashes":
      // get_flashed_messages(): `session.pop("_flashes") if "_flashes" in session else []`.
      if (session.has("_flashes")) session.pop("_flashes");
      break;
    case "nothing":
      break;
  }
}

/** The message `action=flash` flashes (reference_apps.FLASH_MESSAGE). */
export const FLASH_MESSAGE = "Hello from flash()";

function dispatch(ctx: Context, route: Route, session: FlaskSession, principal: Principal | null): Dispatched {
  if (route.kind === "page") return { ...route.page, headers: [...route.page.headers], lazyLength: false };
  if (route.kind === "options") {
    // make_default_options_response: an empty Response whose Content-Length the server adds last.
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
  if (principal) return principalView(ctx, session, principal);
  return textView(ctx, session);
}

function textView(ctx: Context, session: FlaskSession): Dispatched {
  const action = ctx.knobs.action ?? "article";
  let body: string;
  if (action === "article") {
    // The article's hello_world: the body is rendered first, then the session written.
    body = articleBody(ctx, session);
    runAction(session, "article", ctx.legacy);
  } else {
    runAction(session, action, ctx.legacy);
    body = articleBody(ctx, session);
  }
  return textResponse(body, "text/html; charset=utf-8");
}

function principalView(ctx: Context, session: FlaskSession, principal: Principal): Dispatched {
  runAction(session, ctx.knobs.action ?? "nothing", ctx.legacy);
  const identity = principal.identity ?? ANONYMOUS;
  const value = py.dict([["identity", py.dict([["id", identity.id], ["auth_type", identity.authType]])]]);
  const xhr = ctx.request.headers.get("x-requested-with") === "XMLHttpRequest";
  const result = ctx.legacy ? jsonify2016(value, xhr) : jsonify(value);
  if (!result.ok) {
    // jsonify raising TypeError inside the view: Flask's 500 page (and the session is still saved).
    return { ...internalServerError(), lazyLength: false };
  }
  return textResponse(result.text, "application/json");
}

function textResponse(body: string, contentType: string): Dispatched {
  return {
    status: 200,
    statusText: "OK",
    headers: [
      ["Content-Type", contentType],
      ["Content-Length", String(byteLength(body))],
    ],
    body,
    lazyLength: false,
  };
}

/** `'session: {}, \ncookies: {}\n'.format(session, request.cookies)`. */
function articleBody(ctx: Context, session: FlaskSession): string {
  session.usedByApp();
  return `session: ${formatSession(ctx, session)}, \ncookies: ${formatCookies(ctx)}\n`;
}

function formatSession(ctx: Context, session: FlaskSession): string {
  if (ctx.legacy) {
    const data = py2DictRepr(session.data, session.writtenKeys, py2SessionOrder(session.loadedKeys, session.ops));
    return session.kind === "weak" ? data : `<${session.className} ${data}>`;
  }
  // WeakSession(dict, SessionMixin) keeps dict's repr; SecureCookieSession is a CallbackDict.
  return session.kind === "weak" ? dictRepr(session.data) : sessionRepr(session.className, session.data);
}

function formatCookies(ctx: Context): string {
  return ctx.legacy ? py2CookiesRepr(ctx.cookiePairs) : multiDictRepr("ImmutableMultiDict", ctx.cookiePairs);
}

/** The server's part: HEAD bodies are dropped, a missing Content-Length comes last. */
function finish(method: string, response: Dispatched): Pick<FlaskExchange, "status" | "statusText" | "headers" | "body"> {
  const headers = [...response.headers];
  if (response.lazyLength) headers.push(["Content-Length", String(byteLength(response.body))]);
  return { status: response.status, statusText: response.statusText, headers, body: method === "HEAD" ? "" : response.body };
}

function snapshot(ctx: Context, session: FlaskSession, outcome: string): SessionSnapshot {
  let json: string | null;
  try {
    json = dumpsTagged(session.data);
  } catch {
    json = null;
  }
  return { repr: formatSession(ctx, session), json, outcome };
}

function afterSnapshot(ctx: Context, session: FlaskSession, saved: SaveResult): SessionSnapshot {
  const outcome =
    saved.action === "set"
      ? "Saved into the Set-Cookie header."
      : saved.action === "delete"
        ? "Empty and modified: the cookie is deleted."
        : session.kind === "weak"
          ? "Discarded: WeakSessionInterface.save_session does nothing."
          : "Not written: the browser keeps the cookie it has, if any.";
  return snapshot(ctx, session, outcome);
}

/** Whether the answer carries `Vary: Cookie` (save_session adds it to the headers it is given). */
function sentVaryCookie(headers: HeaderList): boolean {
  return headers.some(([name, value]) => name.toLowerCase() === "vary" && value.split(",").some((token) => token.trim().toLowerCase() === "cookie"));
}

/**
 * The reason shown for the answer. `varied` is read from the answer itself: the session's
 * `accessed` flag at the end is no guide, since save_session's own `session.permanent` check
 * reads the session after Flask has decided on `Vary`.
 */
function explain(
  ctx: Context,
  saved: SaveResult,
  session: FlaskSession,
  writes: { principal: number; knob: number; view: number },
  principal: Principal | null,
  varied: boolean,
): string {
  const who: string[] = [];
  if (writes.principal > 0) {
    who.push(
      principal?.source === "session"
        ? "Flask-Principal loaded the identity from the cookie and saved identity.id and identity.auth_type straight back"
        : "Flask-Principal saved identity.id and identity.auth_type",
    );
  }
  if (writes.knob > 0) who.push(`the permanent=${ctx.knobs.permanent ? 1 : 0} before_request hook changed _permanent`);
  if (writes.view > 0) who.push("the view modified the session");
  const modifiers = who.length ? who.join(", and ") : "the session was marked modified";
  const vary = !varied ? "" : ctx.flask313 ? " (the app used the session, which Flask 3.1.3 counts as access: hence Vary: Cookie)" : " (it was read, hence Vary: Cookie)";

  switch (saved.why) {
    case "weak-interface":
      return writes.view + writes.knob > 0
        ? "No Set-Cookie: the view wrote to the session, but WeakSessionInterface.save_session does nothing."
        : "No Set-Cookie: WeakSessionInterface.save_session does nothing.";
    case "modified":
      return `Set-Cookie sent: ${modifiers}.`;
    case "permanent-refresh":
      return "Set-Cookie sent although nothing changed: the session is permanent and SESSION_REFRESH_EACH_REQUEST is on, so Flask refreshes it on every response.";
    case "deleted-empty":
    case "legacy-deleted-empty":
      return `A deleting Set-Cookie: ${modifiers} and it ended up empty, so Flask removes the cookie.`;
    case "empty-unmodified":
    case "legacy-empty":
      if (ctx.app === "principal-no-sessions") return `No Set-Cookie: use_sessions=False, so Flask-Principal never touches the session${vary}.`;
      if (ctx.app === "principal" && principal?.identity === ANONYMOUS) return `No Set-Cookie: no identity was set, so Flask-Principal stored nothing and the session stayed empty${vary}.`;
      return `No Set-Cookie: the session is empty and was not modified${vary}.`;
    case "unmodified":
      if (isTruthy(session.data.entries.get("_permanent") ?? py.none()) && !ctx.config.refreshEachRequest) {
        return `No Set-Cookie: the session was not modified, and SESSION_REFRESH_EACH_REQUEST is off${vary}.`;
      }
      return `No Set-Cookie: the session was not modified${vary}.`;
    case "legacy-non-empty":
      return "Set-Cookie sent although nothing changed: Flask 0.10 re-sends a non-empty session on every response.";
  }
}


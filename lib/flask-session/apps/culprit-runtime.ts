/**
 * What the culprit apps (Flask-Login, Flask-WTF, Flask-Paranoid on Flask 2.2.2) share: Flask's
 * request cycle for an app with one URL rule, `/`, and a record of who wrote which session key.
 * Mirrors scripts/fixtures/reference_culprits.py, whose recorded transcripts the tests replay.
 *
 * The cycle is Flask 2.2's `wsgi_app`: open the session (a signed-but-undecodable cookie is a 500
 * before anything else runs), match the URL, run the before_request hooks even when routing
 * failed, dispatch (the view, Flask's automatic OPTIONS answer, or the routing error page), run the
 * after_request hooks, save the session, and let the server add a missing Content-Length.
 */
import { decodeSessionCookie, encodeSessionCookie } from "../cookie";
import type { PyDict, PyValue } from "../py-value";
import { openingOutcome, type SessionOpening } from "../exchange-narration";
import { dumpsTagged } from "../tagged-json";
import { sessionRepr } from "../python-repr";
import type { HeaderList } from "../response-headers";
import { defaultSessionConfig, saveSession, type SaveResult, type SessionConfig } from "../save-rules";
import { FlaskSession } from "../session";
import { byteLength, internalServerError, methodNotAllowed, notFound, strictSlashRedirect, type PageResponse } from "../werkzeug-pages";
import { firstCookie, parseCookieHeader } from "../werkzeug-cookies";

export const CULPRIT_NAMES = ["flask-login", "flask-wtf", "flask-paranoid"] as const;
export type CulpritName = (typeof CULPRIT_NAMES)[number];

/** A request's header lookup (`Headers.get`'s contract). */
type HeaderLookup = { get(name: string): string | null };

export type CulpritRequest = {
  method: string;
  url: URL;
  headers: HeaderLookup;
  /**
   * `request.remote_addr`: the peer address the server saw, or null when the server cannot tell
   * (Flask-Login then hashes "None"). Flask-Login and Flask-Paranoid only fall back on it when the
   * request has no X-Forwarded-For header, which they read themselves.
   */
  remoteAddress: string | null;
};

export type CulpritOptions = { secret: string; nowMs: number; secureCookies?: boolean };

/** One change to the session, by whom and why: what the JSON view narrates. */
export type SessionWrite = { by: string; op: "set" | "pop" | "clear"; key: string | null; why: string };

type CulpritSnapshot = { repr: string; json: string | null; outcome: string };
/** The session the request starts with, and how open_session came by it (as the article's apps report it). */
type OpenedCulpritSnapshot = CulpritSnapshot & { opening: SessionOpening["how"] };

export type CulpritExchange = {
  app: CulpritName;
  flaskVersion: "2.2.2";
  request: { method: string; url: string; cookieHeader: string | null };
  status: number;
  statusText: string;
  headers: HeaderList;
  body: string;
  session: { before: OpenedCulpritSnapshot | null; after: CulpritSnapshot | null };
  /** The session cookie's Set-Cookie, as on the article's apps. */
  setCookie: string | null;
  /** Every Set-Cookie of the answer, in order (Flask-Login's remember_token too). */
  setCookies: string[];
  writes: SessionWrite[];
  reason: string;
  warnings: string[];
};

/** A response on its way out, before the server adds a Content-Length it lacks (automatic OPTIONS). */
export type Dispatched = { status: number; statusText: string; headers: HeaderList; body: string; lazyLength: boolean };

type Route = { kind: "index" } | { kind: "options" } | { kind: "page"; page: PageResponse };

export const MOUNT = "/api/flask/";

export function culpritRoot(app: CulpritName): string {
  return MOUNT + app;
}

/** The request as the app sees it: its session, its cookies, and the record of writes. */
export class CulpritRun {
  readonly writes: SessionWrite[] = [];
  readonly cookies: Array<[string, string]>;
  readonly config: SessionConfig;

  constructor(
    readonly app: CulpritName,
    readonly request: CulpritRequest,
    readonly options: CulpritOptions,
    readonly session: FlaskSession,
    cookies: Array<[string, string]>,
  ) {
    this.cookies = cookies;
    this.config = { ...defaultSessionConfig(culpritRoot(app)), secure: options.secureCookies === true };
  }

  set(by: string, key: string, value: PyValue, why: string): void {
    this.session.set(key, value);
    this.writes.push({ by, op: "set", key, why });
  }

  /** `session.pop(key, None)`: recorded only when the key was there (only then is it an update). */
  pop(by: string, key: string, why: string): PyValue | undefined {
    const value = this.session.pop(key);
    if (value !== undefined) this.writes.push({ by, op: "pop", key, why });
    return value;
  }

  clear(by: string, why: string): void {
    this.session.clear();
    this.writes.push({ by, op: "clear", key: null, why });
  }

  header(name: string): string | null {
    return this.request.headers.get(name);
  }

  /** `name in request.cookies` / `request.cookies[name]` (the first of duplicates). */
  cookie(name: string): string | undefined {
    return firstCookie(this.cookies, name);
  }
}

type Opened = { ok: true; run: CulpritRun; before: OpenedCulpritSnapshot } | { ok: false; outcome: string };

/** `SecureCookieSessionInterface.open_session`, as in the article's apps. */
export async function openRun(app: CulpritName, request: CulpritRequest, options: CulpritOptions): Promise<Opened> {
  const cookies = parseCookieHeader(request.headers.get("cookie"));
  const make = (data: PyDict | undefined, opening: SessionOpening): Opened => {
    const session = new FlaskSession("secure-cookie", data);
    const before = { ...snapshot(session, openingOutcome(opening)), opening: opening.how };
    return { ok: true, run: new CulpritRun(app, request, options, session, cookies), before };
  };
  const value = firstCookie(cookies, "session");
  if (!value) return make(undefined, { how: "no-cookie" });
  const config = defaultSessionConfig(culpritRoot(app));
  const decoded = await decodeSessionCookie(value, options.secret, { maxAge: config.lifetime, now: Math.floor(options.nowMs / 1000) });
  if (decoded.outcome === "undecodable") return { ok: false, outcome: openingOutcome({ how: "undecodable", error: decoded.error }) };
  if (decoded.outcome === "rejected") return make(undefined, { how: "rejected", error: decoded.error });
  return make(decoded.session, { how: "loaded" });
}

/** Werkzeug's URL map for one rule, `/`, taking `methods` (HEAD follows GET; OPTIONS is Flask's own). */
export function matchIndex(app: CulpritName, request: CulpritRequest, methods: readonly string[], allow: string): Route {
  const { url, method } = request;
  const rest = url.pathname.slice(culpritRoot(app).length);
  const allowed = (m: string) => methods.includes(m) || (m === "HEAD" && methods.includes("GET")) || m === "OPTIONS";
  if (rest === "") {
    // strict_slashes: a redirect to the root with its slash, but only for a method the rule takes.
    if (!allowed(method)) return { kind: "page", page: notFound() };
    const scheme = url.protocol.slice(0, -1);
    let host = (request.headers.get("host") ?? url.host).toLowerCase();
    if (scheme === "http" && host.endsWith(":80")) host = host.slice(0, -3);
    else if (scheme === "https" && host.endsWith(":443")) host = host.slice(0, -4);
    return { kind: "page", page: strictSlashRedirect(`${scheme}://${host}${culpritRoot(app)}/${url.search}`) };
  }
  if (rest !== "/") return { kind: "page", page: notFound() };
  if (method === "OPTIONS") return { kind: "options" };
  if (allowed(method)) return { kind: "index" };
  return { kind: "page", page: methodNotAllowed(allow) };
}

export function fromPage(page: PageResponse): Dispatched {
  return { ...page, headers: [...page.headers], lazyLength: false };
}

/** `make_default_options_response`: an empty answer whose Content-Length the server adds last. */
export function optionsAnswer(allow: string): Dispatched {
  return {
    status: 200,
    statusText: "OK",
    headers: [
      ["Content-Type", "text/html; charset=utf-8"],
      ["Allow", allow],
    ],
    body: "",
    lazyLength: true,
  };
}

export function textAnswer(body: string, contentType: string, status = 200, statusText = "OK"): Dispatched {
  return {
    status,
    statusText,
    headers: [
      ["Content-Type", contentType],
      ["Content-Length", String(byteLength(body))],
    ],
    body,
    lazyLength: false,
  };
}

/** Flask's 500 for an exception raised by a view or hook (the session is still saved). */
export function serverError(): Dispatched {
  return fromPage(internalServerError());
}

/** The exchange when opening the session failed: Flask's 500, nothing saved, no hook run. */
export function undecodableExchange(app: CulpritName, request: CulpritRequest, outcome: string): CulpritExchange {
  const page = internalServerError();
  return {
    ...base(app, request),
    status: page.status,
    statusText: page.statusText,
    headers: [...page.headers],
    body: request.method === "HEAD" ? "" : page.body,
    session: { before: { repr: "", json: null, outcome, opening: "undecodable" }, after: null },
    setCookie: null,
    setCookies: [],
    writes: [],
    reason:
      "No Set-Cookie, and a 500: the cookie is correctly signed but its payload cannot be decoded, so Flask fails while opening the session, before any extension runs.",
    warnings: [],
  };
}

function base(app: CulpritName, request: CulpritRequest) {
  return {
    app,
    flaskVersion: "2.2.2" as const,
    request: { method: request.method, url: request.url.href, cookieHeader: request.headers.get("cookie") },
  };
}

/** save_session into the answer, then the server's part (HEAD drops the body; a missing Content-Length comes last). */
export async function finishRun(
  run: CulpritRun,
  before: OpenedCulpritSnapshot,
  dispatched: Dispatched,
  explain: (saved: SaveResult) => string,
): Promise<CulpritExchange> {
  const { secret, nowMs } = run.options;
  const headers = [...dispatched.headers];
  const saved = await saveSession(run.session, headers, {
    config: run.config,
    nowMs,
    encode: (data, timestamp) => encodeSessionCookie(data, secret, { timestamp }),
  });
  if (dispatched.lazyLength) headers.push(["Content-Length", String(byteLength(dispatched.body))]);
  const outcome =
    saved.action === "set"
      ? "Saved into the Set-Cookie header."
      : saved.action === "delete"
        ? "Empty and modified: the cookie is deleted."
        : "Not written: the browser keeps the cookie it has, if any.";
  return {
    ...base(run.app, run.request),
    status: dispatched.status,
    statusText: dispatched.statusText,
    headers,
    body: run.request.method === "HEAD" ? "" : dispatched.body,
    session: { before, after: snapshot(run.session, outcome) },
    setCookie: saved.setCookie,
    setCookies: headers.filter(([name]) => name.toLowerCase() === "set-cookie").map(([, value]) => value),
    writes: run.writes,
    reason: explain(saved),
    warnings: saved.warning ? [saved.warning] : [],
  };
}

function snapshot(session: FlaskSession, outcome: string): CulpritSnapshot {
  let json: string | null;
  try {
    json = dumpsTagged(session.data);
  } catch {
    json = null;
  }
  return { repr: sessionRepr(session.className, session.data), json, outcome };
}

/** The writes in one clause, by extension: "Flask-Login changed _user_id, _fresh and _id" (the list in `writes` says why). */
function describeWrites(writes: readonly SessionWrite[]): string {
  const byExtension = new Map<string, string[]>();
  for (const write of writes) {
    const keys = byExtension.get(write.by) ?? [];
    const what = write.op === "clear" ? "the whole session" : (write.key as string);
    if (!keys.includes(what)) keys.push(what);
    byExtension.set(write.by, keys);
  }
  const list = (items: string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);
  return list([...byExtension].map(([by, keys]) => `${by} changed ${list(keys)}`));
}

/** The common ending of a reason: what save_session did with those writes. */
export function saveSentence(saved: SaveResult, writes: readonly SessionWrite[]): string {
  const who = describeWrites(writes);
  switch (saved.why) {
    case "modified":
      return `Set-Cookie sent: ${who}.`;
    case "deleted-empty":
      return `A deleting Set-Cookie for the session: ${who}, and it ended up empty.`;
    case "empty-unmodified":
      return "No session Set-Cookie: the session is empty and nothing wrote to it.";
    case "unmodified":
      return "No session Set-Cookie: nothing wrote to the session.";
    case "permanent-refresh":
      return "Set-Cookie sent although nothing changed: the session is permanent and SESSION_REFRESH_EACH_REQUEST is on.";
    default:
      return "No session Set-Cookie.";
  }
}

// --- Digests the culprit apps share (the client's identity rules live in ../flask-login-rules.ts) ---

export async function hexDigest(algorithm: "SHA-256" | "SHA-512", data: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest(algorithm, data as Uint8Array<ArrayBuffer>));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * When Flask writes the session cookie: `SecureCookieSessionInterface.save_session` of Flask 2.2
 * (also 2.3 and 3.x), and `WeakSessionInterface.save_session` from the article, which does nothing.
 * Flask 0.10.1's rules are in save-rules-0-10.ts.
 */
import type { PyDict } from "./py-value";
import { addVary, type HeaderList } from "./response-headers";
import type { FlaskSession } from "./session";
import { cookieSizeWarning, dumpCookie, type CookieOptions } from "./werkzeug-cookies";

/** The app config keys save_session reads (Flask's defaults, with the app's own root as path). */
export type SessionConfig = {
  cookieName: string;
  /** SESSION_COOKIE_PATH or APPLICATION_ROOT. */
  path: string;
  domain: string | null;
  secure: boolean;
  httponly: boolean;
  samesite: "Strict" | "Lax" | "None" | null;
  /** SESSION_REFRESH_EACH_REQUEST. */
  refreshEachRequest: boolean;
  /** PERMANENT_SESSION_LIFETIME in seconds (also the max_age of every cookie read). */
  lifetime: number;
};

const DEFAULT_LIFETIME = 31 * 24 * 60 * 60;

export function defaultSessionConfig(path: string): SessionConfig {
  return {
    cookieName: "session",
    path,
    domain: null,
    secure: false,
    httponly: true,
    samesite: null,
    refreshEachRequest: true,
    lifetime: DEFAULT_LIFETIME,
  };
}

/** Why the cookie was or was not written: the app layer turns it into a sentence. */
type SaveWhy =
  | "modified"
  | "permanent-refresh"
  | "deleted-empty"
  | "empty-unmodified"
  | "unmodified"
  | "weak-interface"
  | "flask010-non-empty"
  | "flask010-deleted-empty"
  | "flask010-empty";

export type SaveResult = {
  action: "set" | "delete" | "none";
  why: SaveWhy;
  /** The Set-Cookie value written, exactly. */
  setCookie: string | null;
  /** Werkzeug's size warning, when the header passed 4093 bytes. */
  warning: string | null;
};

/** Signs the session data at a given time (Unix seconds): the cookie codec as Flask configures it. */
type SessionEncoder = (data: PyDict, timestamp: number) => Promise<string>;

export type SaveContext = {
  config: SessionConfig;
  /** Unix time in milliseconds. */
  nowMs: number;
  encode: SessionEncoder;
};

/**
 * flask/sessions.py (2.2.2, Debian's, with the CVE-2023-30861 fix) `save_session`:
 *
 *     if session.accessed: response.vary.add("Cookie")
 *     if not session:
 *         if session.modified:
 *             response.delete_cookie(...); response.vary.add("Cookie")
 *         return
 *     if not self.should_set_cookie(app, session): return
 *     ...response.set_cookie(...); response.vary.add("Cookie")
 *
 * so `Vary` comes before `Set-Cookie` when the session was accessed, after it otherwise.
 */
export async function saveSession(session: FlaskSession, headers: HeaderList, ctx: SaveContext): Promise<SaveResult> {
  if (session.kind === "weak") return { action: "none", why: "weak-interface", setCookie: null, warning: null };
  const { config } = ctx;
  if (session.accessed) addVary(headers, "Cookie");

  if (session.size === 0) {
    if (!session.modified) return { action: "none", why: "empty-unmodified", setCookie: null, warning: null };
    // Response.delete_cookie: set_cookie(key, expires=0, max_age=0, ...) with the session's settings.
    const header = dumpCookie(config.cookieName, "", { ...cookieOptions(config), expires: 0, maxAge: 0 });
    headers.push(["Set-Cookie", header]);
    addVary(headers, "Cookie");
    return { action: "delete", why: "deleted-empty", setCookie: header, warning: null };
  }

  // should_set_cookie: `session.modified or (session.permanent and SESSION_REFRESH_EACH_REQUEST)`.
  const refresh = !session.modified && session.permanent && config.refreshEachRequest;
  if (!session.modified && !refresh) return { action: "none", why: "unmodified", setCookie: null, warning: null };

  const nowSeconds = Math.floor(ctx.nowMs / 1000);
  // get_expiration_time: now + PERMANENT_SESSION_LIFETIME for a permanent session; http_date drops
  // the microseconds.
  const expires = session.permanent ? nowSeconds + config.lifetime : null;
  const value = await ctx.encode(session.data, nowSeconds);
  const header = dumpCookie(config.cookieName, value, { ...cookieOptions(config), expires });
  headers.push(["Set-Cookie", header]);
  addVary(headers, "Cookie");
  return {
    action: "set",
    why: refresh ? "permanent-refresh" : "modified",
    setCookie: header,
    warning: cookieSizeWarning(config.cookieName, value, header),
  };
}

function cookieOptions(config: SessionConfig): CookieOptions {
  return {
    domain: config.domain,
    path: config.path,
    secure: config.secure,
    httponly: config.httponly,
    samesite: config.samesite,
  };
}

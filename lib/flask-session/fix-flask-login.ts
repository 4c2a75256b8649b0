/**
 * Flask-Login 0.6.2 as far as the fix apps' session is concerned (scripts/fixtures/reference_fixes.py
 * installs a LoginManager with a `user_loader` and a token `request_loader` on every fix app).
 * Written by hand because it is Flask-Login's own rules, read from flask_login/login_manager.py and
 * utils.py; the recorded transcripts check it.
 *
 * - `login_user(user)`, `_create_identifier` and the client address it hashes are Flask-Login's
 *   rules shared with the culprit app, in flask-login-rules.ts.
 * - `_load_user` (the first time anything reads `current_user`): session protection ("basic" by
 *   default: a non-empty session whose `_id` differs gets `_fresh = False`), then the user_loader
 *   on `session.get("_user_id")`, else the remember cookie (when `remember_token` was sent and
 *   `_remember` is not "clear"), else the request_loader, which sends `user_loaded_from_request`.
 */
import { TOKENS } from "./app-views/principal";
import { py, type PyValue } from "./py-value";
import { createIdentifier, decodeRememberCookie, loginUserWrites, type LoginClient } from "./flask-login-rules";
import type { FlaskSession } from "./session";
import { firstCookie } from "./werkzeug-cookies";

/** What the request carries that Flask-Login reads: headers, the peer's address, and cookies. */
export type LoginRequest = LoginClient & { cookies: Array<[string, string]> };

/** The user a load found, and how (`request` is what the Flask-Login recipe's receiver sees). */
export type LoadedUser = { id: string; via: "session" | "remember-cookie" | "request" } | null;

/** `login_user(User(name))`. */
export async function loginUser(session: FlaskSession, name: string, request: LoginRequest): Promise<void> {
  for (const write of await loginUserWrites(name, request)) session.set(write.key, write.value);
}

/** The fix apps' user_loader: `User(user_id) if user_id in TOKENS.values() else None`. */
function userLoader(userId: PyValue): string | null {
  if (userId.type !== "str") return null;
  return Object.values(TOKENS).includes(userId.value) ? userId.value : null;
}

/** The fix apps' request_loader: the Bearer token, as the principal apps read it. */
function requestLoader(request: LoginRequest): string | null {
  const text = request.headers.get("authorization") ?? "";
  const space = text.indexOf(" ");
  const [scheme, token] = space < 0 ? [text, ""] : [text.slice(0, space), text.slice(space + 1)];
  return scheme === "Bearer" && Object.hasOwn(TOKENS, token) ? TOKENS[token] : null;
}

/** `LoginManager._load_user` with session_protection "basic", the fix apps' loaders, and the secret key. */
export async function loadUser(session: FlaskSession, request: LoginRequest, secret: string): Promise<LoadedUser> {
  // _session_protection_failed: `if sess and ident != sess.get("_id", None)`.
  if (session.size > 0) {
    const stored = session.get("_id");
    const ident = stored.type === "str" ? await createIdentifier(request) : null;
    if (stored.type !== "str" || stored.value !== ident) {
      const fresh = session.get("_fresh");
      if (!(fresh.type === "bool" && fresh.value === false)) session.set("_fresh", py.bool(false));
    }
  }
  const userId = session.get("_user_id");
  if (userId.type !== "none") {
    const name = userLoader(userId);
    if (name !== null) return { id: name, via: "session" };
  }
  const remember = firstCookie(request.cookies, "remember_token");
  const rememberClear =
    remember !== undefined &&
    (() => {
      const value = session.get("_remember");
      return value.type === "str" && value.value === "clear";
    })();
  if (remember !== undefined && !rememberClear) {
    const userIdFromCookie = await decodeRememberCookie(remember, secret);
    if (userIdFromCookie === null) return null;
    session.set("_user_id", py.str(userIdFromCookie));
    session.set("_fresh", py.bool(false));
    const name = userLoader(py.str(userIdFromCookie));
    return name === null ? null : { id: name, via: "remember-cookie" };
  }
  const name = requestLoader(request);
  return name === null ? null : { id: name, via: "request" };
}

/**
 * The session rules of April 2016: Flask 0.10.1 on Python 2 with itsdangerous 0.24 and Werkzeug 0.11.
 * Line numbers are those of flask/sessions.py and itsdangerous.py as released in 0.10.1 and 0.24.
 *
 * - flask/sessions.py:319-333 `SecureCookieSessionInterface.save_session`:
 *
 *       domain = self.get_cookie_domain(app)
 *       path = self.get_cookie_path(app)
 *       if not session:
 *           if session.modified:
 *               response.delete_cookie(app.session_cookie_name, domain=domain, path=path)
 *           return
 *       httponly = ...; secure = ...; expires = self.get_expiration_time(app, session)
 *       val = self.get_signing_serializer(app).dumps(dict(session))
 *       response.set_cookie(app.session_cookie_name, val, expires=expires, httponly=httponly, ...)
 *
 *   So a non-empty session is re-sent on every response whether or not anything touched it (the
 *   `should_set_cookie` test arrived in 0.11), and nothing adds `Vary: Cookie` (1.0 added it; the
 *   0.10.1 `SecureCookieSession`, lines 111-119, does not even track access).
 * - Werkzeug 0.11 `BaseResponse.delete_cookie` is `self.set_cookie(key, expires=0, max_age=0,
 *   path=path, domain=domain)`: the deleting cookie has no HttpOnly, and its date is `cookie_date`'s
 *   "Thu, 01-Jan-1970 00:00:00 GMT".
 * - flask/sessions.py:250-257 `get_expiration_time`: `datetime.utcnow() + permanent_session_lifetime`.
 * - flask/sessions.py:305-317 `open_session`: `s.loads(val, max_age=total_seconds(lifetime))`, and
 *   itsdangerous 0.24 `TimestampSigner.unsign` only rejects `age > max_age`: a timestamp in the
 *   future still loads (the `age < 0` check came with itsdangerous 2.0). Timestamps count from
 *   `EPOCH = 1293840000` (2011-01-01), `get_timestamp` being `int(time.time() - EPOCH)`.
 * - flask/sessions.py:61-86 `TaggedJSONSerializer.dumps._tag`: `isinstance(value, bytes)` comes
 *   before the `str` branch, and on Python 2 `bytes is str`, so every plain string literal a view
 *   stores (`session['key'] = 'value'`) is tagged `{" b": "dmFsdWU="}`, as in the article's cookie.
 *   Only `unicode` (what JSON and the request's headers give) is stored as a JSON string. There is
 *   no `" di"` tag (Flask 1.0's tag module added it).
 */
import type { HeaderList } from "./response-headers";
import type { SaveContext, SaveResult } from "./save-rules";
import type { FlaskSession } from "./session";
import { dumpCookieFlask010 } from "./werkzeug-cookies";

export async function saveSessionFlask010(session: FlaskSession, headers: HeaderList, ctx: SaveContext): Promise<SaveResult> {
  if (session.kind === "weak") return { action: "none", why: "weak-interface", setCookie: null, warning: null };
  const { config } = ctx;
  if (session.size === 0) {
    if (!session.modified) return { action: "none", why: "flask010-empty", setCookie: null, warning: null };
    const header = dumpCookieFlask010(config.cookieName, "", { domain: config.domain, path: config.path, expires: 0, maxAge: 0 });
    headers.push(["Set-Cookie", header]);
    return { action: "delete", why: "flask010-deleted-empty", setCookie: header, warning: null };
  }
  const nowSeconds = Math.floor(ctx.nowMs / 1000);
  const expires = session.permanent ? nowSeconds + config.lifetime : null;
  const value = await ctx.encode(session.data, nowSeconds);
  const header = dumpCookieFlask010(config.cookieName, value, {
    domain: config.domain,
    path: config.path,
    secure: config.secure,
    httponly: config.httponly,
    expires,
  });
  headers.push(["Set-Cookie", header]);
  return {
    action: "set",
    why: session.modified ? "modified" : "flask010-non-empty",
    setCookie: header,
    // Werkzeug 0.11's dump_cookie had no size check (max_size arrived in 0.13).
    warning: null,
  };
}

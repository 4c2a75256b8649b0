/**
 * The other cookies of a Flask stack: values that are not a Flask session cookie but travel beside
 * it (Flask-Login's remember cookie, Flask-Security's CSRF cookie, a server-side session id), and
 * the deletion cookies each library sends. Recognising them lets the decoder explain a pasted
 * `curl -i` answer cookie by cookie instead of failing on base64.
 *
 * The shapes are the libraries' own (each cited below, and checked against the recorded runs in
 * other-cookies.test.ts); a value that fits none is left to the session decoder.
 */
import { b64urlDecode } from "@/lib/flask-session/base64";
import type { LibraryId } from "./types";

/** Where a cookie is set or deleted, as a run step or a source citation. */
export type CookieSource = {
  library: LibraryId;
  function: string;
  file: string;
  line: number;
  /** Fixture steps that recorded this Set-Cookie, or a citation when only read in source. */
  steps?: string[];
  citation?: string;
};

export type OtherCookie =
  /** Flask-Login's remember-me cookie: `<user id>|<HMAC-SHA512 hex of the id>`. */
  | { kind: "remember-token"; userId: string; digest: string }
  /**
   * A server-side session id (Flask-Session): the data is on the server, the cookie only names it.
   * `uuid`: Flask-Session before 0.6 (uuid4); `token`: 0.6 and later (`secrets.token_urlsafe(32)`);
   * `-signed`: SESSION_USE_SIGNER, `<id>.<signature>`.
   */
  | { kind: "server-session-id"; form: "uuid" | "uuid-signed" | "token" | "token-signed"; sid: string }
  /** Flask-WTF's signed CSRF token (`generate_csrf()`), e.g. Flask-Security's `XSRF-TOKEN`. */
  | { kind: "signed-csrf-token"; raw: string; cookieName: "xsrf" | "other" }
  /** Flask-SeaSurf's CSRF cookie (64 hex digits, the same value as in the session). */
  | { kind: "seasurf-csrf" }
  /** flask-oidc 1.x keeps the signed ID token in its own cookie. */
  | { kind: "oidc-id-token" };

export type OtherCookieKind = OtherCookie["kind"];

export const OTHER_COOKIE_SOURCES: Record<OtherCookieKind, CookieSource[]> = {
  "remember-token": [
    {
      library: "flask-login",
      function: "LoginManager._set_cookie",
      file: "flask_login/login_manager.py",
      line: 496,
      steps: ["flask-login-remember/login", "flask-login-strong/login", "flask-security-login/login"],
    },
  ],
  "server-session-id": [
    {
      library: "flask-session",
      function: "FileSystemSessionInterface.save_session",
      file: "flask_session/sessions.py",
      line: 359,
      steps: ["flask-session/first-request", "flask-session-signed/first-request", "flask-session-not-permanent/write"],
    },
    {
      library: "flask-session",
      function: "ServerSideSessionInterface._generate_sid",
      file: "src/flask_session/base.py",
      line: 197,
      citation: "pallets-eco/flask-session@0.8.0:src/flask_session/base.py:197",
    },
  ],
  "signed-csrf-token": [
    { library: "flask-security-too", function: "csrf_cookie_handler", file: "flask_security/utils.py", line: 958, steps: ["flask-security-csrf-cookie/login"] },
  ],
  "seasurf-csrf": [
    {
      library: "flask-seasurf",
      function: "SeaSurf._set_csrf_cookie",
      file: "flask_seasurf.py",
      line: 485,
      citation: "maxcountryman/flask-seasurf@2.0.0:flask_seasurf.py:485",
    },
  ],
  "oidc-id-token": [
    {
      library: "flask-oidc",
      function: "OpenIDConnect._after_request",
      file: "flask_oidc/__init__.py",
      line: 388,
      citation: "puiterwijk/flask-oidc@1.4.0:flask_oidc/__init__.py:388",
    },
  ],
};

/** Who sends a deletion (`Max-Age=0`, Expires in 1970) for a cookie of this name, and why. */
export type DeletionSource = CookieSource & { when: string };

export const DELETIONS: Record<string, DeletionSource[]> = {
  session: [
    {
      library: "flask",
      function: "SecureCookieSessionInterface.save_session",
      file: "flask/sessions.py",
      line: 394,
      when: "the session was emptied in this request (logout, `session.clear()`, the last flash read, protection tripped)",
      steps: ["flask-login-remember/logout", "flask-login-strong/other-agent", "flask-paranoid/other-agent", "flask-security-csrf-cookie/logout"],
    },
  ],
  remember_token: [
    {
      library: "flask-login",
      function: "LoginManager._clear_cookie",
      file: "flask_login/login_manager.py",
      line: 512,
      when: '`logout_user()`, or session protection "strong" tripped',
      steps: ["flask-login-remember/logout", "flask-login-strong/other-agent", "flask-security-login/logout"],
    },
    {
      library: "flask-paranoid",
      function: "Paranoid.clear_session",
      file: "flask_paranoid/paranoid.py",
      line: 113,
      when: "the session's token did not match this IP and User-Agent",
      steps: ["flask-paranoid/other-agent"],
    },
  ],
  "XSRF-TOKEN": [
    {
      library: "flask-security-too",
      function: "csrf_cookie_handler",
      file: "flask_security/utils.py",
      line: 934,
      when: "logout, with `SECURITY_CSRF_COOKIE_NAME` set",
      steps: ["flask-security-csrf-cookie/logout"],
    },
  ],
};

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const URLSAFE_32 = /^[A-Za-z0-9_-]{43}$/;
/** itsdangerous Signer, HMAC-SHA1: 20 bytes, 27 base64url characters. */
const SIGNATURE = /^[A-Za-z0-9_-]{27}$/;
const REMEMBER = /^(?<userId>[^|]+)\|(?<digest>[0-9a-f]{128})$/;

/**
 * What a cookie is, when it is not a Flask session cookie; null when it may be one (or is unknown).
 * `name` may be null for a bare pasted value.
 */
export function classifyOtherCookie(name: string | null, value: string): OtherCookie | null {
  const remember = REMEMBER.exec(value);
  if (remember?.groups) return { kind: "remember-token", userId: remember.groups.userId, digest: remember.groups.digest };

  const dot = value.indexOf(".");
  const head = dot < 0 ? value : value.slice(0, dot);
  const tail = dot < 0 ? null : value.slice(dot + 1);
  if (UUID4.test(head) && (tail === null || SIGNATURE.test(tail)))
    return { kind: "server-session-id", form: tail === null ? "uuid" : "uuid-signed", sid: head };
  // A 43-character token could be many things; without a name, only call it a session id when signed.
  if (URLSAFE_32.test(head) && (tail === null ? name === "session" : SIGNATURE.test(tail)))
    return { kind: "server-session-id", form: tail === null ? "token" : "token-signed", sid: head };

  const raw = signedJsonString(value);
  if (raw !== null && /^[0-9a-f]{40}$/.test(raw)) return { kind: "signed-csrf-token", raw, cookieName: name === "XSRF-TOKEN" ? "xsrf" : "other" };

  if (name === "_csrf_token" && /^[0-9a-f]{64}$/.test(value)) return { kind: "seasurf-csrf" };
  if (name === "oidc_id_token") return { kind: "oidc-id-token" };
  return null;
}

/** An itsdangerous `URLSafeTimedSerializer` value whose payload is a JSON string: that string. */
function signedJsonString(value: string): string | null {
  const parts = value.split(".");
  if (parts.length !== 3 || value.startsWith(".")) return null;
  const bytes = b64urlDecode(parts[0]);
  if (!bytes) return null;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  if (!text.startsWith('"')) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "string" ? parsed : null;
  } catch {
    return null;
  }
}

/** The known senders of a deletion for this cookie name (empty when none is catalogued). */
export function deletionSources(name: string): DeletionSource[] {
  return DELETIONS[name] ?? [];
}

/**
 * The English of session forensics: the decoder's presentation of the finding codes, sensitivity
 * levels and cookie kinds that lib/session-keys returns as data.
 */
import type { SessionFinding } from "@/lib/session-keys/attribute";
import type { OtherCookie } from "@/lib/session-keys/other-cookies";
import type { SecretKind, Sensitivity } from "@/lib/session-keys/types";
import { APP_NAMES } from "@/lib/live-demo/config";
import type { DemoRef } from "@/lib/session-keys/types";

export const TRACER_HREF = "/decoder#tracer";

export const sensitivityText: Record<Sensitivity, string> = {
  none: "nothing sensitive",
  identifier: "identifies the user",
  fingerprint: "a hash of the client's IP address and browser",
  "anti-forgery": "an anti-forgery value",
  secret: "a secret",
  pickle: "a pickled Python object",
};

export const secretText: Record<SecretKind, string> = {
  "oauth-access-token": "an OAuth access token: whoever holds this cookie can call the provider's API as the user",
  "oauth-refresh-token": "an OAuth refresh token: whoever holds this cookie can mint new access tokens",
  "oauth-id-token": "an OpenID Connect ID token, with the user's claims",
  "oauth1-token-secret": "an OAuth 1 token secret: with the token beside it, enough to sign requests as the app's user",
  "pkce-code-verifier": "the PKCE code verifier, which should stay on the server for PKCE to protect the code exchange",
  "totp-secret": "the two-factor (TOTP) secret, encrypted with the app's SECURITY_TOTP_SECRETS",
  pickle: "a pickled Python object that the app will unpickle: anyone who can also sign cookies (has the secret key) can run code on the server",
  password: "a password or client secret",
};

/** One sentence per combination finding. */
export function findingText(finding: SessionFinding): string {
  switch (finding.code) {
    case "fresh-without-user":
      return `“_fresh: False” without a user id: Flask-Login's session protection wrote into a session that holds other keys (${finding.otherKeys.join(", ") || "none"}), on the first request that loaded current_user. It marks the session modified, so Flask sends the cookie.`;
    case "anonymous-identity":
      return "“identity.id: None”: Flask-Principal stored an anonymous identity and re-saves it on every request, so this cookie is sent with every response. Principal(app, use_sessions=False) stops it.";
    case "identity-resent":
      return `Flask-Principal stored the identity “${finding.id}”: its before_request reloads and re-saves it on every request, so Flask re-sends this cookie with every response, even from views that never touch the session — the article's case. Principal(app, use_sessions=False) stops it.`;
    case "two-factor-pending":
      return "A Flask-Security two-factor login is half done: the password was accepted, the second factor not yet (the user is not logged in).";
    case "oauth-states-pile-up":
      return `${finding.count} Authlib states for the client “${finding.client}”: each authorize_redirect() adds one, and only a finished login removes its own. The cookie grows with every abandoned login.`;
    case "security-logout-residue":
      return "“fs_cc: clear” without a user: Flask-Security's logout left this key in the anonymous session (nothing consumes it unless SECURITY_CSRF_COOKIE_NAME is set), so the session never becomes empty.";
    case "permanent-resent":
      return "The session is permanent: with SESSION_REFRESH_EACH_REQUEST (on by default) Flask re-sends this cookie with every response, to push its expiry forward.";
    case "legacy-flask-login":
      return "“user_id” with “_fresh”/“_id”: the key names of Flask-Login before 0.5 (now “_user_id”).";
  }
}

/** What a cookie that is not a Flask session cookie is. */
export function otherCookieText(cookie: OtherCookie): { title: string; detail: string } {
  switch (cookie.kind) {
    case "remember-token":
      return {
        title: "Flask-Login's remember-me cookie",
        detail: `“<user id>|<digest>”: the user id “${cookie.userId}” in clear, then an HMAC-SHA512 of it made with the app's secret key. Set by login_user(remember=True); it logs the user back in when the session cookie is gone. Anyone holding it is logged in as that user until it expires (a year by default).`,
      };
    case "server-session-id":
      return {
        title: "A server-side session id (Flask-Session)",
        detail: {
          uuid: "A bare UUID: Flask-Session before 0.6 names the session stored on the server. The cookie holds no data; the keys are in the server's store.",
          "uuid-signed": "A UUID and a signature (SESSION_USE_SIGNER): Flask-Session before 0.6. The cookie holds no data; the keys are in the server's store.",
          token:
            "43 URL-safe characters (secrets.token_urlsafe(32)): Flask-Session 0.6 or later. The cookie holds no data; the keys are in the server's store.",
          "token-signed": "A 43-character id and a signature: Flask-Session 0.6 or later with SESSION_USE_SIGNER. The cookie holds no data.",
        }[cookie.form],
      };
    case "signed-csrf-token":
      return {
        title: cookie.cookieName === "xsrf" ? "Flask-Security's CSRF cookie (XSRF-TOKEN)" : "A Flask-WTF CSRF token",
        detail: `Flask-WTF's generate_csrf(): the session's csrf_token (${cookie.raw}) signed with the secret key (salt “wtf-csrf-token”) and a timestamp. JavaScript reads it and sends it back in a header.`,
      };
    case "seasurf-csrf":
      return { title: "Flask-SeaSurf's CSRF cookie", detail: "The same token SeaSurf keeps in the session under “_csrf_token” (from source, not run)." };
    case "oidc-id-token":
      return { title: "flask-oidc 1.x's ID token cookie", detail: "The signed OpenID Connect ID token, kept in its own cookie (from source, not run)." };
  }
}

/** A link to a live demo that writes the key, when the site has that demo. */
export function demoHref(demo: DemoRef | undefined): string | null {
  if (!demo || !(APP_NAMES as readonly string[]).includes(demo.app)) return null;
  return `/playground?app=${encodeURIComponent(demo.app)}${demo.query ? `&${demo.query}` : ""}`;
}

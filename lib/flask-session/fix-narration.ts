/**
 * The sentence the JSON view shows for an exchange of a fix app: what the fix did to this answer,
 * from what the emulation traced while running it (fixes.ts). The plain app's own sentence
 * (apps.ts `explain`) says who wrote the session; this says what became of it.
 */
import type { Fix } from "./fix-knobs";
import type { LoadedUser } from "./fix-flask-login";

export type FixTrace = {
  fix: Fix;
  app: string;
  /** The early-returning before_request answered (with the view's response). */
  early: boolean;
  error: "undecodable" | "null-session-write" | "missing-identity" | "flask-login-raised" | null;
  /** Who Flask-Login's `_load_user` found (the recipe's apps only). */
  loaded: LoadedUser;
  /** save_session stopped before a Set-Cookie it would otherwise have written. */
  skippedSave: boolean;
  /** The Set-Cookie headers the WSGI middleware dropped. */
  strippedSetCookie: string[] | null;
  /** The after_request's own deleting cookie. */
  afterRequestDeletion: string | null;
  /** Filled in once the answer is complete. */
  varied?: boolean;
  savedAction?: "set" | "delete" | "none";
};

const RUNTIME_ERROR = "RuntimeError: The session is unavailable because no secret key was set.";

/** One paragraph: the fix's effect, then (where the session was saved as usual) the plain app's reason. */
export function fixReason(trace: FixTrace, plain: string): string {
  const vary = trace.varied ? " Vary: Cookie is still sent." : "";
  switch (trace.fix) {
    case "none":
      return plain;
    case "should-set-cookie":
      if (trace.error) return errorSentence(trace);
      if (trace.savedAction === "delete")
        return `${plain} should_set_cookie is never asked: save_session deletes an emptied session's cookie before it gets that far.`;
      if (trace.skippedSave)
        return `No Set-Cookie: should_set_cookie returned False, so save_session stopped before writing the cookie it would have sent.${vary}`;
      return `${plain} (should_set_cookie returns False, but there was nothing to write anyway.)`;
    case "flask-login-recipe":
      if (trace.error) return errorSentence(trace);
      if (trace.skippedSave) {
        return `No Set-Cookie, no Vary: the request_loader logged ${trace.loaded?.id ?? "the caller"} in from the Bearer token, so user_loaded_from_request set g.login_via_request and CustomSessionInterface.save_session returned at once.`;
      }
      return `The recipe only stops requests the request_loader logged in; this one ${trace.loaded ? `was logged in from the ${trace.loaded.via === "session" ? "session" : "remember cookie"}` : "carried no token"}, so the session is saved as usual. ${plain}`;
    case "no-secret-key":
      if (trace.error === "null-session-write")
        return `A 500 and no Set-Cookie: without a secret_key Flask gives every request an empty NullSession, and writing to it raises ${RUNTIME_ERROR}`;
      if (trace.error) return errorSentence(trace);
      return "No Set-Cookie, no Vary: without a secret_key Flask never reads the cookie and never saves the session (a NullSession); reading it works, any write would be a 500.";
    case "weak-interface":
      return trace.error ? errorSentence(trace) : plain;
    case "httponly-none":
      if (trace.error) return errorSentence(trace);
      return trace.savedAction === "none"
        ? plain
        : `${plain} SESSION_COOKIE_HTTPONLY = None only drops the HttpOnly flag (and SECURE = None the Secure flag): the cookie is still sent.`;
    case "before-request-return-first":
    case "before-request-return-last": {
      if (trace.error === "missing-identity") {
        return "A 500: the early-returning before_request was registered before Flask-Principal's, so Principal never set g.identity and the view's g.identity raised AttributeError. save_session still ran on the error page.";
      }
      if (trace.error) return errorSentence(trace);
      const why = trace.fix.endsWith("first")
        ? "The early return skipped the before_request functions after it, but not save_session, which runs after every response however it was made."
        : "Registered last, the early return came after every other hook had run, and save_session runs after every response anyway.";
      return trace.early ? `${plain} ${why}` : `${plain} (The early return does not answer this URL, so nothing changed.)`;
    }
    case "after-request-delete-cookie":
      if (trace.error === "undecodable") return `${errorSentence(trace)} The after_request's deleting cookie still goes out.`;
      if (trace.error) return errorSentence(trace);
      return trace.savedAction === "none"
        ? `${plain} The after_request's deletion is for Path=/, which is not the session cookie's path, so a browser keeps its cookie.`
        : `${plain} The after_request's deletion (for Path=/) comes first: after_request runs before save_session, whose Set-Cookie follows it, so the browser ends up with the session cookie.`;
    case "after-request-remove-header":
      if (trace.error) return errorSentence(trace);
      return trace.savedAction === "none" ? plain : `${plain} The after_request removed nothing: it runs before save_session adds the Set-Cookie.`;
    case "wsgi-strip":
      if (trace.error) return `${errorSentence(trace)}`;
      return trace.strippedSetCookie?.length
        ? `No Set-Cookie: save_session wrote one and the WSGI middleware dropped it on the way out.${vary}`
        : `No Set-Cookie (the middleware had none to drop). ${plain}`;
  }
}

function errorSentence(trace: FixTrace): string {
  switch (trace.error) {
    case "undecodable":
      return "A 500: the cookie is correctly signed but its payload cannot be decoded, so Flask fails while opening the session, before any view runs.";
    case "null-session-write":
      return `A 500: ${RUNTIME_ERROR}`;
    case "missing-identity":
      return "A 500: the view read g.identity, which Flask-Principal never set.";
    case "flask-login-raised":
      return "A 500: Flask-Login raised while reading the remember_token cookie (a digest with non-ASCII characters cannot be compared, a secret key outside Latin-1 cannot be encoded). save_session still ran on the error page.";
    default:
      return "";
  }
}

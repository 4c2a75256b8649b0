/**
 * The JSON view's sentences: where the session came from, what became of it, and why the answer
 * does or does not carry a Set-Cookie. The request pipeline (./apps.ts) reports what happened as
 * data; this module is the one place that words it.
 */
import type { AppContext, AppNotes } from "./app-kit";
import type { TokenError, UndecodableError } from "./engine-error";
import { engineErrorMessage } from "./messages";
import { isTruthy } from "./py-builtins";
import { py } from "./py-value";
import type { SaveResult } from "./save-rules";
import type { FlaskSession } from "./session";

/** How open_session came by the session the request starts with. */
export type SessionOpening =
  | { how: "weak" }
  | { how: "no-cookie" }
  | { how: "undecodable"; error: UndecodableError }
  | { how: "rejected"; error: TokenError }
  /** Flask 0.10's own max_age test (itsdangerous 0.24 checks only `age > max_age`). */
  | { how: "too-old"; age: number; lifetime: number }
  | { how: "loaded" }
  /** No secret key: open_session returns None without reading the cookie (only the no-secret-key fix app). */
  | { how: "null-session" };

export function openingOutcome(opening: SessionOpening): string {
  switch (opening.how) {
    case "weak":
      return "WeakSessionInterface.open_session returns a new empty WeakSession; the cookie is never read.";
    case "no-cookie":
      return "No session cookie came with the request: a new empty session.";
    case "undecodable":
      return `The signature is valid but the payload cannot be decoded (${opening.error.code}): ${engineErrorMessage(opening.error)}`;
    case "rejected":
      return `The cookie was rejected, so Flask silently started a new empty session: ${engineErrorMessage(opening.error)}`;
    case "too-old":
      return `The cookie was rejected (signature age ${opening.age} > ${opening.lifetime} seconds), so Flask started a new empty session.`;
    case "loaded":
      return "The cookie's signature and age are valid: the session was loaded from it.";
    case "null-session":
      return "No secret_key: open_session returns None without reading the cookie, so Flask uses an empty NullSession.";
  }
}

/** Flask's 500 when a correctly signed payload cannot be opened: no view ran, nothing was saved. */
export const UNDECODABLE_REASON =
  "No Set-Cookie, and a 500: the cookie is correctly signed but its payload cannot be decoded, so Flask fails while opening the session, before any view runs (reproduced on purpose).";

/** What became of the session after save_session. */
export function savedOutcome(saved: SaveResult, session: FlaskSession): string {
  if (saved.action === "set") return "Saved into the Set-Cookie header.";
  if (saved.action === "delete") return "Empty and modified: the cookie is deleted.";
  return session.kind === "weak" ? "Discarded: WeakSessionInterface.save_session does nothing." : "Not written: the browser keeps the cookie it has, if any.";
}

/** How many session updates each step of the request made. */
export type Writes = { hooks: number; knob: number; view: number };

/** Who wrote to the session in the app's before_request hooks. */
function hookWriter(notes: AppNotes): string {
  if (notes.kind === "principal") {
    return notes.identitySource === "session"
      ? "Flask-Principal loaded the identity from the cookie and saved identity.id and identity.auth_type straight back"
      : "Flask-Principal saved identity.id and identity.auth_type";
  }
  return "the app's before_request hooks changed the session";
}

/** Why an app that extends Flask left an empty session alone, when it has its own reason. */
function emptyReason(notes: AppNotes, vary: string): string | null {
  if (notes.kind === "principal" && !notes.useSessions) return `No Set-Cookie: use_sessions=False, so Flask-Principal never touches the session${vary}.`;
  if (notes.kind === "principal" && notes.anonymous)
    return `No Set-Cookie: no identity was set, so Flask-Principal stored nothing and the session stayed empty${vary}.`;
  return null;
}

/**
 * The reason shown for the answer. `varied` is read from the answer itself: the session's
 * `accessed` flag at the end is no guide, since save_session's own `session.permanent` check
 * reads the session after Flask has decided on `Vary`.
 */
export function explainSave(ctx: AppContext, saved: SaveResult, session: FlaskSession, writes: Writes, notes: AppNotes, varied: boolean): string {
  const who: string[] = [];
  if (writes.hooks > 0) who.push(hookWriter(notes));
  if (writes.knob > 0) who.push(`the permanent=${ctx.knobs.permanent ? 1 : 0} before_request hook changed _permanent`);
  if (writes.view > 0) who.push("the view modified the session");
  const modifiers = who.length ? who.join(", and ") : "the session was marked modified";
  const vary = !varied
    ? ""
    : ctx.flask31
      ? " (the app used the session, which Flask 3.1.3 counts as access: hence Vary: Cookie)"
      : " (it was read, hence Vary: Cookie)";

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
    case "flask010-deleted-empty":
      return `A deleting Set-Cookie: ${modifiers} and it ended up empty, so Flask removes the cookie.`;
    case "empty-unmodified":
    case "flask010-empty":
      return emptyReason(notes, vary) ?? `No Set-Cookie: the session is empty and was not modified${vary}.`;
    case "unmodified":
      if (isTruthy(session.data.entries.get("_permanent") ?? py.none()) && !ctx.config.refreshEachRequest) {
        return `No Set-Cookie: the session was not modified, and SESSION_REFRESH_EACH_REQUEST is off${vary}.`;
      }
      return `No Set-Cookie: the session was not modified${vary}.`;
    case "flask010-non-empty":
      return "Set-Cookie sent although nothing changed: Flask 0.10 re-sends a non-empty session on every response.";
  }
}

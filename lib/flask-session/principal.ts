/**
 * Flask-Principal 0.4.0 (flask_principal.py) as far as the session is concerned.
 *
 * `Principal(app, use_sessions=True)` registers `session_identity_loader` and
 * `session_identity_saver`; `use_sessions=False` registers neither, so the session is never touched.
 *
 * - `_on_before_request` (runs for every request, 404s and 405s included, since Flask runs
 *   before_request functions before it raises the routing error): `g.identity = AnonymousIdentity()`,
 *   then the first loader that returns an identity goes through `set_identity`.
 * - `session_identity_loader`: `if 'identity.id' in session and 'identity.auth_type' in session:
 *   return Identity(session['identity.id'], session['identity.auth_type'])`. The `in` tests do not
 *   count as access, the two reads do.
 * - `set_identity`: sets `g.identity`, sends `identity_loaded`, then calls every saver, so an
 *   identity loaded from the cookie is saved straight back, and the cookie re-issued.
 * - `session_identity_saver`: `session['identity.id'] = identity.id;
 *   session['identity.auth_type'] = identity.auth_type; session.modified = True`.
 * - `identity_changed.send(app, identity=...)` calls `_on_identity_changed`, which calls `set_identity`.
 */
import { py, type PyValue } from "./py-value";
import type { FlaskSession } from "./session";

export type Identity = { id: PyValue; authType: PyValue };

/** `AnonymousIdentity()`: `Identity(None)`, auth_type None. */
export const ANONYMOUS: Identity = { id: py.none(), authType: py.none() };

export const IDENTITY_ID = "identity.id";
export const IDENTITY_AUTH_TYPE = "identity.auth_type";

export class Principal {
  identity: Identity = ANONYMOUS;
  /** How the current identity got there, for the JSON view's explanation. */
  source: "anonymous" | "session" | "identity_changed" = "anonymous";

  constructor(
    readonly useSessions: boolean,
    private readonly session: FlaskSession,
  ) {}

  /** `Principal._on_before_request`. */
  onBeforeRequest(): void {
    this.identity = ANONYMOUS;
    this.source = "anonymous";
    if (!this.useSessions) return;
    const loaded = this.loadFromSession();
    if (loaded) this.setIdentity(loaded, "session");
  }

  /** `identity_changed.send(app, identity=identity)`. */
  identityChanged(identity: Identity): void {
    this.setIdentity(identity, "identity_changed");
  }

  private loadFromSession(): Identity | null {
    if (!this.session.has(IDENTITY_ID) || !this.session.has(IDENTITY_AUTH_TYPE)) return null;
    return {
      id: this.session.getItem(IDENTITY_ID) as PyValue,
      authType: this.session.getItem(IDENTITY_AUTH_TYPE) as PyValue,
    };
  }

  private setIdentity(identity: Identity, source: "session" | "identity_changed"): void {
    this.identity = identity;
    this.source = source;
    if (!this.useSessions) return;
    this.session.set(IDENTITY_ID, identity.id);
    this.session.set(IDENTITY_AUTH_TYPE, identity.authType);
    this.session.modified = true;
  }
}

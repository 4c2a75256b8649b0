/**
 * The Flask-Principal apps (reference_apps.py): Principal(app, use_sessions=True or False), a
 * before_request that authenticates `Authorization: Bearer <token>` and sends identity_changed,
 * and a view that answers the current identity as JSON.
 */
import { runAction, textResponse, type AppContext, type Dispatched, type FlaskApp } from "../app-kit";
import { jsonify, jsonifyFlask010 } from "../flask-json";
import { ANONYMOUS, Principal, type Identity } from "../principal";
import { py } from "../py-value";
import type { FlaskSession } from "../session";
import { internalServerError } from "../werkzeug-pages";

/** The tokens the principal apps accept (reference_apps.TOKENS); anything else stays anonymous. */
export const TOKENS: Readonly<Record<string, string>> = { "alice-token": "alice", "bob-token": "bob" };

/** The authenticate_by_token before_request of reference_apps.py. */
function tokenIdentity(header: string | null, flask010: boolean): Identity | null {
  const text = header ?? "";
  const space = text.indexOf(" ");
  const [scheme, token] = space < 0 ? [text, ""] : [text.slice(0, space), text.slice(space + 1)];
  if (scheme !== "Bearer" || !Object.hasOwn(TOKENS, token)) return null;
  const name = TOKENS[token];
  // The name comes from a header (unicode on Python 2 too); "token" is a literal, a byte str on Python 2.
  return { id: py.str(name), authType: flask010 ? py.bytes("token") : py.str("token") };
}

function principalView(ctx: AppContext, session: FlaskSession, principal: Principal): Dispatched {
  runAction(session, ctx.knobs.action ?? "nothing", ctx.flask010);
  const identity = principal.identity ?? ANONYMOUS;
  const value = py.dict([
    [
      "identity",
      py.dict([
        ["id", identity.id],
        ["auth_type", identity.authType],
      ]),
    ],
  ]);
  const xhr = ctx.request.headers.get("x-requested-with") === "XMLHttpRequest";
  const result = ctx.flask010 ? jsonifyFlask010(value, xhr) : jsonify(value);
  if (!result.ok) {
    // jsonify raising TypeError inside the view: Flask's 500 page (and the session is still saved).
    return { ...internalServerError(), lazyLength: false };
  }
  return textResponse(result.text, "application/json");
}

function principalApp(useSessions: boolean): FlaskApp {
  return {
    sessionInterface: "secure-cookie",
    defaultAction: "nothing",
    start: (ctx, session) => {
      const principal = new Principal(useSessions, session);
      return {
        beforeRequest: () => {
          principal.onBeforeRequest();
          const identity = tokenIdentity(ctx.request.headers.get("authorization"), ctx.flask010);
          if (identity) principal.identityChanged(identity);
        },
        view: () => principalView(ctx, session, principal),
        notes: () => ({ kind: "principal", useSessions, identitySource: principal.source, anonymous: principal.identity === ANONYMOUS }),
      };
    },
  };
}

export const principalWithSessionsApp = principalApp(true);
export const principalNoSessionsApp = principalApp(false);

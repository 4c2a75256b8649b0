/**
 * The article's two apps (reference_apps.py): `persistent`, its `hello_world` view on stock
 * Flask, and `weak`, the same view under the article's WeakSessionInterface, which never reads
 * the cookie and never saves. The view prints the session and the request's cookies.
 */
import { formatSession, runAction, textResponse, type AppContext, type FlaskApp } from "../app-kit";
import { py2CookiesRepr } from "../python2-repr";
import { multiDictRepr } from "../python-repr";
import type { FlaskSession, SessionKind } from "../session";

/** The text view: with the default action the body is rendered first, then the session written. */
function articleView(ctx: AppContext, session: FlaskSession) {
  const action = ctx.knobs.action ?? "article";
  let body: string;
  if (action === "article") {
    body = articleBody(ctx, session);
    runAction(session, "article", ctx.flask010);
  } else {
    runAction(session, action, ctx.flask010);
    body = articleBody(ctx, session);
  }
  return textResponse(body, "text/html; charset=utf-8");
}

/** `'session: {}, \ncookies: {}\n'.format(session, request.cookies)`. */
function articleBody(ctx: AppContext, session: FlaskSession): string {
  session.usedByApp();
  return `session: ${formatSession(ctx, session)}, \ncookies: ${formatCookies(ctx)}\n`;
}

function formatCookies(ctx: AppContext): string {
  return ctx.flask010 ? py2CookiesRepr(ctx.cookiePairs) : multiDictRepr("ImmutableMultiDict", ctx.cookiePairs);
}

function articleApp(sessionInterface: SessionKind): FlaskApp {
  return {
    sessionInterface,
    defaultAction: "article",
    start: (ctx, session) => ({
      beforeRequest: () => {},
      view: () => articleView(ctx, session),
      notes: () => ({ kind: "plain" }),
    }),
  };
}

/** Stock Flask's SecureCookieSessionInterface. */
export const persistentApp = articleApp("secure-cookie");
/** The article's NoSessionsFlask: WeakSessionInterface. */
export const weakApp = articleApp("weak");

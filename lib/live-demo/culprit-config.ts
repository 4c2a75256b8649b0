/**
 * The live demo's knobs for the culprit apps (Flask-Login, Flask-WTF, Flask-Paranoid), kept apart
 * from ./config.ts, which calls in here for those apps: what goes into the request (query, method,
 * headers) and into a link.
 *
 * A page cannot change its User-Agent, so "another client" is told with `X-Forwarded-For`, which
 * Flask-Login and Flask-Paranoid read themselves (their `_get_remote_addr`): the address they hash
 * changes, as it does when a stolen cookie is replayed from elsewhere.
 */
import { CULPRIT_ACTIONS, CULPRIT_NAMES, isCulpritName, type CulpritName } from "@/lib/flask-session/apps/culprits";
import { PROTECTIONS, type LoginAction, type Protection } from "@/lib/flask-session/apps/flask-login";
import type { WtfAction } from "@/lib/flask-session/apps/flask-wtf";

export { CULPRIT_NAMES, isCulpritName, PROTECTIONS, type CulpritName, type Protection };
export type CulpritAction = LoginAction | WtfAction;

export const CLIENT_CHOICES = ["this", "elsewhere"] as const;
export type ClientChoice = (typeof CLIENT_CHOICES)[number];
/** The address "another client" claims (TEST-NET-3, RFC 5737: never a real host). */
export const ELSEWHERE_ADDRESS = "203.0.113.7";

/** Flask-WTF: GET the form page, or POST without a token, or POST with the token of the last form page. */
export const FORM_SENDS = ["get", "post", "post-token"] as const;
export type FormSend = (typeof FORM_SENDS)[number];

export type CulpritSettings = { protection: Protection; client: ClientChoice; send: FormSend };
export const DEFAULT_CULPRIT_SETTINGS: CulpritSettings = { protection: "basic", client: "this", send: "get" };

export function culpritActions(app: CulpritName): readonly CulpritAction[] {
  return CULPRIT_ACTIONS[app] as readonly CulpritAction[];
}

/** Whether `action` is one `app` takes (the culprit apps each have their own). */
export function isCulpritAction(app: CulpritName, action: string): action is CulpritAction {
  return culpritActions(app).includes(action as CulpritAction);
}

/**
 * The request for a culprit app. `csrfToken`: the token of the last Flask-WTF form page this page
 * saw, sent back in X-CSRFToken as a page's script would.
 */
export function culpritRequest(
  app: CulpritName,
  action: string | null,
  token: string,
  settings: CulpritSettings,
  csrfToken: string | null,
): { method: "GET" | "POST"; query: URLSearchParams; headers: Record<string, string> } {
  const query = new URLSearchParams();
  if (action !== null && isCulpritAction(app, action)) query.set("action", action);
  if (app === "flask-login" && settings.protection !== "basic") query.set("protection", settings.protection);
  const headers: Record<string, string> = {};
  if (app === "flask-login" && token !== "none") headers.Authorization = `Bearer ${token}-token`;
  if (app !== "flask-wtf" && settings.client === "elsewhere") headers["X-Forwarded-For"] = ELSEWHERE_ADDRESS;
  const post = app === "flask-wtf" && settings.send !== "get";
  if (post && settings.send === "post-token" && csrfToken) headers["X-CSRFToken"] = csrfToken;
  return { method: post ? "POST" : "GET", query, headers };
}

/** The settings as link parameters, those equal to the defaults left out. */
export function culpritSettingsToParams(settings: CulpritSettings, params: URLSearchParams): void {
  for (const key of ["protection", "client", "send"] as const) {
    if (settings[key] !== DEFAULT_CULPRIT_SETTINGS[key]) params.set(key, settings[key]);
  }
}

export function culpritSettingsFromParams(params: URLSearchParams, base: CulpritSettings): CulpritSettings {
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | undefined => allowed.find((option) => option === params.get(name));
  return {
    protection: pick("protection", PROTECTIONS) ?? base.protection,
    client: pick("client", CLIENT_CHOICES) ?? base.client,
    send: pick("send", FORM_SENDS) ?? base.send,
  };
}

/** The CSRF token a Flask-WTF page carries in its form, if any. */
export function csrfTokenIn(body: string): string | null {
  return /name="csrf_token" type="hidden" value="([^"]*)"/.exec(body)?.[1] ?? null;
}

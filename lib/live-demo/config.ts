/**
 * A live demo's configuration: which emulated app, which rule set, who is calling, and the
 * playground's extra knobs. One module turns it into the API request (so the page, the build-time
 * examples and the tests send the same thing) and into URL parameters (so it can be linked).
 */
import { ACTIONS, APP_NAMES as FLASK_APP_NAMES, DEFAULT_RULE_SET, ruleSetFrom, type Action as FlaskAction, type RuleSet } from "@/lib/flask-session/knobs";
import {
  CULPRIT_NAMES,
  culpritActions,
  culpritRequest,
  culpritSettingsFromParams,
  culpritSettingsToParams,
  DEFAULT_CULPRIT_SETTINGS,
  isCulpritAction,
  isCulpritName,
  type CulpritAction,
  type CulpritSettings,
} from "./culprit-config";

/** Every app a demo can show: the article's, and the culprits (extensions that set the cookie). */
export const APP_NAMES = [...FLASK_APP_NAMES, ...CULPRIT_NAMES] as const;
export type AppName = (typeof APP_NAMES)[number];
export type Action = FlaskAction | CulpritAction;
export type { RuleSet };
export { isCulpritName };

const TOKEN_CHOICES = ["alice", "bob", "none"] as const;
export type TokenChoice = (typeof TOKEN_CHOICES)[number];

export type DemoConfig = {
  app: AppName;
  flask: RuleSet;
  /** Who the principal apps are told the caller is (`Authorization: Bearer <name>-token`). */
  token: TokenChoice;
  /** Null: the app's own default (the article's view on the text apps, nothing on the principal apps). */
  action: Action | null;
  /** Null: the session's permanence is left alone. */
  permanent: boolean | null;
  /** SESSION_REFRESH_EACH_REQUEST, on by default as in Flask. */
  refresh: boolean;
  /** The culprit apps' own knobs (./culprit-config.ts). */
  culprit: CulpritSettings;
};

export function defaultConfig(app: AppName): DemoConfig {
  return {
    app,
    flask: DEFAULT_RULE_SET,
    token: app === "flask-login" ? "none" : "alice",
    action: null,
    permanent: null,
    refresh: true,
    culprit: DEFAULT_CULPRIT_SETTINGS,
  };
}

export function isPrincipalApp(app: AppName): boolean {
  return app === "principal" || app === "principal-no-sessions";
}

/** The action the app really runs: the explicit one, or the app's default. */
export function effectiveAction(config: DemoConfig): Action {
  if (isCulpritName(config.app)) return config.action ?? culpritActions(config.app)[0];
  return config.action ?? (isPrincipalApp(config.app) ? "nothing" : "article");
}

function appPath(app: AppName): string {
  return `/api/flask/${app}/`;
}

/** The cookie's Path, as Flask sets it from APPLICATION_ROOT. */
export function cookiePath(app: AppName): string {
  return `/api/flask/${app}`;
}

/**
 * The request the demo sends: the plain URL curl would use (the JSON view is asked for with
 * `Accept`, so the address stays the app's own) and the headers.
 */
export function demoRequest(config: DemoConfig, csrfToken: string | null = null): { method: "GET" | "POST"; path: string; headers: Record<string, string> } {
  if (isCulpritName(config.app)) {
    const { method, query, headers } = culpritRequest(config.app, config.action, config.token, config.culprit, csrfToken);
    const search = query.toString();
    return { method, path: appPath(config.app) + (search ? `?${search}` : ""), headers };
  }
  const query = new URLSearchParams();
  if (config.flask !== DEFAULT_RULE_SET) query.set("flask", config.flask);
  if (config.action !== null) query.set("action", config.action);
  if (config.permanent !== null) query.set("permanent", config.permanent ? "1" : "0");
  if (!config.refresh) query.set("refresh", "0");
  const search = query.toString();
  const headers: Record<string, string> = {};
  if (isPrincipalApp(config.app) && config.token !== "none") headers.Authorization = `Bearer ${config.token}-token`;
  return { method: "GET", path: appPath(config.app) + (search ? `?${search}` : ""), headers };
}

/** The reset endpoint for the app: a real deleting Set-Cookie for the app's path. */
export function resetPath(config: DemoConfig): string {
  return `/api/flask/${config.app}/_reset${config.flask === "0.10" && !isCulpritName(config.app) ? "?flask=0.10" : ""}`;
}

/** The same request as a curl command line, for readers who want to try it outside the page. */
export function curlCommand(config: DemoConfig, origin: string, csrfToken: string | null = null): string {
  const { method, path, headers } = demoRequest(config, csrfToken);
  const headerArgs = Object.entries(headers).map(([name, value]) => ` -H '${name}: ${value}'`);
  return `curl -i${method === "POST" ? " -X POST" : ""}${headerArgs.join("")} '${origin}${path}'`;
}

/** The configuration as URL parameters, leaving out what equals the default so links stay short. */
export function configToParams(config: DemoConfig, base: DemoConfig): URLSearchParams {
  const params = new URLSearchParams();
  if (config.app !== base.app) params.set("app", config.app);
  if (config.flask !== base.flask) params.set("flask", config.flask);
  if (config.token !== base.token) params.set("token", config.token);
  if (config.action !== base.action) params.set("action", config.action ?? "default");
  if (config.permanent !== base.permanent) params.set("permanent", config.permanent === null ? "keep" : config.permanent ? "1" : "0");
  if (config.refresh !== base.refresh) params.set("refresh", config.refresh ? "1" : "0");
  if (isCulpritName(config.app)) culpritSettingsToParams(config.culprit, params);
  return params;
}

/**
 * Reads a configuration from URL parameters. Values that are unknown, or apps this demo does not
 * offer, fall back to `base`: a stale or hand-edited link still opens a working demo.
 */
export function configFromParams(params: URLSearchParams, base: DemoConfig, apps: readonly AppName[]): DemoConfig {
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const value = params.get(name);
    return allowed.find((option) => option === value);
  };
  const action = params.get("action");
  const flask = params.get("flask");
  const permanent = params.get("permanent");
  const refresh = params.get("refresh");
  const app = pick("app", apps) ?? base.app;
  // Each app takes its own actions: an action the linked app does not have falls back to its default.
  const actions: readonly Action[] = isCulpritName(app) ? culpritActions(app) : ACTIONS;
  const baseAction =
    base.action === null || (isCulpritName(app) ? isCulpritAction(app, base.action) : (ACTIONS as readonly string[]).includes(base.action))
      ? base.action
      : null;
  return {
    app,
    // The API's names and its aliases ("2016", "today"), so links written before the rename still work.
    flask: (flask !== null ? ruleSetFrom(flask) : undefined) ?? base.flask,
    token: pick("token", TOKEN_CHOICES) ?? (app === base.app ? base.token : defaultConfig(app).token),
    action: action === "default" ? null : (pick("action", actions) ?? baseAction),
    permanent: permanent === "keep" ? null : permanent === "1" ? true : permanent === "0" ? false : base.permanent,
    refresh: refresh === "1" ? true : refresh === "0" ? false : base.refresh,
    culprit: culpritSettingsFromParams(params, base.culprit),
  };
}

/** The id an embed carries in the page (and in its deep link): one per app list. */
export function demoId(apps: readonly AppName[]): string {
  return `demo-${apps.join("-")}`;
}

/** `#<id>?<params>`: the fragment that opens the embed `id` in this configuration. */
export function fragmentFor(id: string, params: URLSearchParams): string {
  const query = params.toString();
  return `#${id}${query ? `?${query}` : ""}`;
}

/** The parameters a fragment holds for embed `id`, or null when the fragment is about something else. */
export function paramsFromFragment(hash: string, id: string): URLSearchParams | null {
  const fragment = hash.startsWith("#") ? hash.slice(1) : hash;
  if (fragment === id) return new URLSearchParams();
  if (!fragment.startsWith(`${id}?`)) return null;
  return new URLSearchParams(fragment.slice(id.length + 1));
}

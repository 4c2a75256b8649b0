/**
 * The demo API's own query parameters. The Python reference apps (scripts/fixtures/reference_apps.py)
 * read `action`, `permanent` and `refresh` the same way; `flask` and `view` exist only here.
 */
import { parseFixKnob, type FixKnob } from "./fix-knobs";

export const APP_NAMES = ["persistent", "weak", "principal", "principal-no-sessions"] as const;
export type AppName = (typeof APP_NAMES)[number];

export const ACTIONS = ["article", "write", "read", "nothing", "clear", "pop"] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * The rule sets, named by Flask version, as the `flask=` parameter spells them: "2.2" is Flask 2.2
 * as Debian ships it (with 2.2.5's Vary fix: the rules of 2.2.5 to 3.1.2), the default; "3.1" is
 * Flask 3.1.3 and later, where any use of the session counts as access; "0.10" is Flask 0.10.1 on
 * Python 2, the article's (2016).
 */
const RULE_SETS = ["0.10", "2.2", "3.1"] as const;
export type RuleSet = (typeof RULE_SETS)[number];
export const DEFAULT_RULE_SET: RuleSet = "2.2";

/** Older names still accepted in links: "2016" (the article's year) and "today" (the default). */
const RULE_SET_ALIASES: Readonly<Record<string, RuleSet>> = { "2016": "0.10", today: "2.2" };

/** The rule set a `flask=` value names, canonical or alias; undefined for anything else. */
export function ruleSetFrom(value: string): RuleSet | undefined {
  if ((RULE_SETS as readonly string[]).includes(value)) return value as RuleSet;
  // Own keys only: "constructor" or "__proto__" name no rule set.
  return Object.hasOwn(RULE_SET_ALIASES, value) ? RULE_SET_ALIASES[value] : undefined;
}

export type Knobs = {
  flask: RuleSet;
  /** Absent: the app's default (`article` on the text apps, `nothing` on the principal apps). */
  action: Action | null;
  /** Absent: the view leaves the session's permanence alone. */
  permanent: boolean | null;
  refresh: boolean;
  view: "plain" | "json";
  /** `fix=` (and `action=login`): the app with a fix applied (fix-knobs.ts); null for the plain apps. */
  fix: FixKnob | null;
};

export type KnobError = { error: "bad-parameter"; parameter: string; value: string; message: string };

export function isAppName(name: string): name is AppName {
  return (APP_NAMES as readonly string[]).includes(name);
}

function bad(parameter: string, value: string, expected: string): KnobError {
  return {
    error: "bad-parameter",
    parameter,
    value,
    message: `Query parameter "${parameter}" must be ${expected}; got ${JSON.stringify(value)}.`,
  };
}

function flag(params: URLSearchParams, name: string): boolean | null | KnobError {
  const value = params.get(name);
  if (value === null) return null;
  if (value === "1") return true;
  if (value === "0") return false;
  return bad(name, value, "0 or 1");
}

function isError(value: unknown): value is KnobError {
  return typeof value === "object" && value !== null && "error" in value;
}

/** Reads the knobs; the first invalid one is reported (the site's 400). Unknown parameters are ignored, as Flask ignores them. */
export function parseKnobs(params: URLSearchParams, accept: string | null): Knobs | KnobError {
  const flaskValue = params.get("flask");
  const flask = flaskValue === null ? DEFAULT_RULE_SET : ruleSetFrom(flaskValue);
  if (!flask) return bad("flask", flaskValue as string, `one of ${[...RULE_SETS, ...Object.keys(RULE_SET_ALIASES)].join(", ")}`);

  const fix = parseFixKnob(params);
  if (isError(fix)) return fix;
  // action=login belongs to the fix apps (fix.login); the plain apps' actions are ACTIONS.
  const actionValue = fix?.login ? null : params.get("action");
  if (actionValue !== null && !(ACTIONS as readonly string[]).includes(actionValue)) {
    return bad("action", actionValue, `one of ${ACTIONS.join(", ")}`);
  }

  const permanent = flag(params, "permanent");
  if (isError(permanent)) return permanent;
  const refresh = flag(params, "refresh");
  if (isError(refresh)) return refresh;

  const viewValue = params.get("view");
  if (viewValue !== null && viewValue !== "json" && viewValue !== "plain") return bad("view", viewValue, "json or plain");
  const wantsJson = viewValue === "json" || (viewValue === null && acceptsJson(accept));

  return {
    flask,
    action: actionValue as Action | null,
    permanent,
    refresh: refresh ?? true,
    view: wantsJson ? "json" : "plain",
    fix,
  };
}

/** `Accept: application/json` (with any parameters, q > 0) asks for the JSON view. */
function acceptsJson(accept: string | null): boolean {
  if (!accept) return false;
  return accept.split(",").some((part) => {
    const [type, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (type !== "application/json") return false;
    const q = params.find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * The demo API's own query parameters. The Python reference apps (scripts/fixtures/reference_apps.py)
 * read `action`, `permanent` and `refresh` the same way; `flask` and `view` exist only here.
 */
export const APP_NAMES = ["persistent", "weak", "principal", "principal-no-sessions"] as const;
export type AppName = (typeof APP_NAMES)[number];

export const ACTIONS = ["article", "write", "read", "nothing", "clear", "pop", "flash", "read-flashes"] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * "today" is Flask 2.2 as Debian ships it (with 2.2.5's Vary fix: the rules of 2.2.5 to 3.1.2),
 * the default; "3.1" is Flask 3.1.3 and later, where any use of the session counts as access;
 * "2016" is Flask 0.10.1 on Python 2.
 */
export type RuleSet = "today" | "3.1" | "2016";

export type Knobs = {
  flask: RuleSet;
  /** Absent: the app's default (`article` on the text apps, `nothing` on the principal apps). */
  action: Action | null;
  /** Absent: the view leaves the session's permanence alone. */
  permanent: boolean | null;
  refresh: boolean;
  view: "plain" | "json";
};

export type KnobError = { error: "bad-parameter"; parameter: string; value: string; message: string };

export function isAppName(name: string): name is AppName {
  return (APP_NAMES as readonly string[]).includes(name);
}

const FLASK_VALUES: Record<string, RuleSet> = { today: "today", "2.2": "today", "3.1": "3.1", "2016": "2016", "0.10": "2016" };

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
  // Own keys only: "constructor" or "__proto__" name no rule set.
  const flask = flaskValue === null ? "today" : Object.hasOwn(FLASK_VALUES, flaskValue) ? FLASK_VALUES[flaskValue] : undefined;
  if (!flask) return bad("flask", flaskValue as string, `one of ${Object.keys(FLASK_VALUES).join(", ")}`);

  const actionValue = params.get("action");
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

/**
 * The `fix` query parameter: the article's apps with one of the fixes people apply to stop the
 * session cookie (scripts/fixtures/reference_fixes.py is the real-Flask reference), and the
 * `action=login` that comes with them (Flask-Login's `login_user`, as a login form's view calls it).
 * What each fix does is in fixes.ts; why, in docs/fixes.md.
 */
import type { AppName, KnobError } from "./knobs";

export const FIXES = [
  "none",
  "should-set-cookie",
  "flask-login-recipe",
  "no-secret-key",
  "weak-interface",
  "httponly-none",
  "before-request-return-first",
  "before-request-return-last",
  "after-request-delete-cookie",
  "after-request-remove-header",
  "wsgi-strip",
] as const;
export type Fix = (typeof FIXES)[number];

/** The apps a fix applies to: the article's stock app and the Flask-Principal one. */
export const FIX_APPS = ["persistent", "principal"] as const satisfies readonly AppName[];

/** Present when the request asks for a fix app: `fix=` given, or `action=login` (which only they have). */
export type FixKnob = { fix: Fix; login: boolean };

function isFix(value: string): value is Fix {
  return (FIXES as readonly string[]).includes(value);
}

/** `fix` and `action=login` from the query; null when neither is there (the plain apps answer). */
export function parseFixKnob(params: URLSearchParams): FixKnob | null | KnobError {
  const value = params.get("fix");
  const login = params.get("action") === "login";
  if (value === null) return login ? { fix: "none", login } : null;
  if (!isFix(value)) {
    return {
      error: "bad-parameter",
      parameter: "fix",
      value,
      message: `Query parameter "fix" must be one of ${FIXES.join(", ")}; got ${JSON.stringify(value)}.`,
    };
  }
  return { fix: value, login };
}

/**
 * The fixes were recorded on two apps under Flask 2.2: any other app or rule set is the site's 400,
 * since there is no real answer to reproduce.
 */
export function fixKnobProblem(app: AppName, fix: FixKnob | null, flask: string): KnobError | null {
  if (fix === null) return null;
  const parameter = fix.login && fix.fix === "none" ? "action" : "fix";
  const value = parameter === "action" ? "login" : fix.fix;
  if (!(FIX_APPS as readonly string[]).includes(app)) {
    return {
      error: "bad-parameter",
      parameter,
      value,
      message: `Query parameter "${parameter}=${value}" is only answered by the apps ${FIX_APPS.join(" and ")}; this is ${app}.`,
    };
  }
  if (flask !== "2.2") {
    return {
      error: "bad-parameter",
      parameter,
      value,
      message: `Query parameter "${parameter}=${value}" is only answered with Flask 2.2's rules (flask=2.2); got flask=${flask}.`,
    };
  }
  return null;
}

/**
 * The culprit apps behind one entry point: their knobs (query parameters, read by the app itself,
 * as in reference_culprits.py) and the dispatch to each emulation.
 *
 *   /api/flask/flask-login/     action=whoami|login|login-remember|logout|protected|api,
 *                               protection=basic|strong|off
 *   /api/flask/flask-wtf/       action=form|api (GET, or POST with X-CSRFToken)
 *   /api/flask/flask-paranoid/  no knob: the view never touches the session
 *
 * They run under Flask 2.2's rules only (Debian's Flask 2.2.2 with the extensions' Debian
 * versions is what was recorded); `flask` may be given as `today` or `2.2`, nothing else.
 */
import { CULPRIT_NAMES, type CulpritExchange, type CulpritName, type CulpritOptions, type CulpritRequest } from "./culprit-runtime";
import { LOGIN_ACTIONS, PROTECTIONS, runFlaskLogin, type LoginAction, type Protection } from "./flask-login";
import { runFlaskParanoid } from "./flask-paranoid";
import { runFlaskWtf, WTF_ACTIONS, type WtfAction } from "./flask-wtf";

export { CULPRIT_NAMES, type CulpritExchange, type CulpritName, type CulpritRequest };

export type CulpritKnobs =
  { app: "flask-login"; action: LoginAction; protection: Protection } | { app: "flask-wtf"; action: WtfAction } | { app: "flask-paranoid" };

type CulpritKnobError = { error: "bad-parameter"; parameter: string; value: string; message: string };

/** Each app's actions, its default first. */
export const CULPRIT_ACTIONS: Record<CulpritName, readonly string[]> = {
  "flask-login": LOGIN_ACTIONS,
  "flask-wtf": WTF_ACTIONS,
  "flask-paranoid": [],
};

export function isCulpritName(name: string): name is CulpritName {
  return (CULPRIT_NAMES as readonly string[]).includes(name);
}

function bad(parameter: string, value: string, expected: string): CulpritKnobError {
  return { error: "bad-parameter", parameter, value, message: `Query parameter "${parameter}" must be ${expected}; got ${JSON.stringify(value)}.` };
}

function pick<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T | null | CulpritKnobError {
  const value = params.get(name);
  if (value === null) return null;
  return allowed.find((option) => option === value) ?? bad(name, value, `one of ${allowed.join(", ")}`);
}

function isError(value: unknown): value is CulpritKnobError {
  return typeof value === "object" && value !== null && "error" in value;
}

/** Reads an app's knobs; unknown parameters are ignored, as Flask ignores them. */
export function parseCulpritKnobs(app: CulpritName, params: URLSearchParams): CulpritKnobs | CulpritKnobError {
  const flask = params.get("flask");
  if (flask !== null && flask !== "today" && flask !== "2.2") {
    return bad("flask", flask, `today or 2.2 on ${app}: its extension's behaviour was recorded under Flask 2.2 only`);
  }
  if (app === "flask-paranoid") return { app };
  if (app === "flask-wtf") {
    const action = pick(params, "action", WTF_ACTIONS);
    return isError(action) ? action : { app, action: action ?? "form" };
  }
  const action = pick(params, "action", LOGIN_ACTIONS);
  if (isError(action)) return action;
  const protection = pick(params, "protection", PROTECTIONS);
  if (isError(protection)) return protection;
  return { app, action: action ?? "whoami", protection: protection ?? "basic" };
}

/** Runs one request through the culprit app. Never throws for bad input: Flask's outcomes are values. */
export function runCulprit(knobs: CulpritKnobs, request: CulpritRequest, options: CulpritOptions): Promise<CulpritExchange> {
  switch (knobs.app) {
    case "flask-login":
      return runFlaskLogin(knobs, request, options);
    case "flask-wtf":
      return runFlaskWtf(knobs, request, options);
    case "flask-paranoid":
      return runFlaskParanoid(request, options);
  }
}

/** The knobs as the JSON view echoes them. */
export function culpritKnobsView(knobs: CulpritKnobs): Record<string, string> {
  const { app: _app, ...rest } = knobs;
  void _app;
  return { flask: "today", ...rest };
}

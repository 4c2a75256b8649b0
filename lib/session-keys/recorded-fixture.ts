/**
 * Test support: the recorded extension runs (tests/fixtures/extension-cookies.json, written by
 * scripts/fixtures/gen_extension_cookies.py from real Flask and the real extensions), typed, with
 * the session of each recorded cookie loaded as Flask would load it.
 */
import { readFileSync } from "node:fs";
import type { PyDict } from "@/lib/flask-session/py-value";
import { py } from "@/lib/flask-session/py-value";
import { loadsTagged } from "@/lib/flask-session/tagged-json";

export type RecordedFrame = { file: string; line: number; function: string; library: string | null };
export type RecordedWrite = { op: "set" | "del" | "pop" | "clear"; key: string | null; writer: RecordedFrame | null; chain: RecordedFrame[] };
export type RecordedCookie = {
  header: string;
  name: string;
  value: string;
  attributes: Record<string, string | true>;
  deleted: boolean;
  session?: { payload: string; keys: string[]; repr: string };
  serverSide?: { sid: string; keys: string[]; repr: string };
};
export type RecordedStep = {
  id: string;
  trigger: string;
  request: string;
  status: number;
  location: string | null;
  vary: string | null;
  setCookies: RecordedCookie[];
  writes: RecordedWrite[];
};
export type RecordedScenario = { id: string; library: string; version: string | null; summary: string; steps: RecordedStep[] };
export type RecordedRuns = { generator: string; frozenClock: string; versions: Record<string, string | null>; scenarios: RecordedScenario[] };

export const RECORDED: RecordedRuns = JSON.parse(readFileSync(new URL("../../tests/fixtures/extension-cookies.json", import.meta.url), "utf8"));

export const ALL_STEPS: RecordedStep[] = RECORDED.scenarios.flatMap((scenario) => scenario.steps);

export function step(id: string): RecordedStep {
  const found = ALL_STEPS.find((s) => s.id === id);
  if (!found) throw new Error(`no recorded step ${id}`);
  return found;
}

/** The session a recorded signed cookie carries, loaded from its payload by the site's own loader. */
export function sessionOf(cookie: RecordedCookie): PyDict {
  if (!cookie.session) throw new Error(`${cookie.name} carries no signed session`);
  const loaded = loadsTagged(cookie.session.payload);
  if (!loaded.ok || loaded.value.type !== "dict") throw new Error(`payload did not load: ${cookie.session.payload}`);
  return loaded.value;
}

/** A server-side session's keys (their values stay on the server; None stands in for them). */
export function serverSessionOf(cookie: RecordedCookie): PyDict {
  if (!cookie.serverSide) throw new Error(`${cookie.name} is not a server-side session id`);
  return py.dict(cookie.serverSide.keys.map((key) => [key, py.none()]));
}

/** The signed session cookie a step set, if any. */
export function sessionCookieOf(stepId: string): RecordedCookie {
  const cookie = step(stepId).setCookies.find((c) => c.session);
  if (!cookie) throw new Error(`step ${stepId} set no session cookie`);
  return cookie;
}

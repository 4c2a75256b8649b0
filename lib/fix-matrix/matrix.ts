/**
 * "Which fix works?": every fix (fix-knobs.ts) against every situation, each cell the answer of the
 * demo API's own handler to that situation's request with `fix=` added. The page computes the
 * cells when the site is built, so they cannot drift from what the API answers; a unit test checks
 * each against what real Flask answered (tests/fixtures/transcripts-fixes.json, whose `situations`
 * are these, recorded by scripts/fixtures/gen_fix_transcripts.py).
 */
import { encodeSessionCookie } from "@/lib/flask-session/cookie";
import { answerFlaskRequest, type FlaskAnswer } from "@/lib/flask-session/handler";
import type { PyDict } from "@/lib/flask-session/py-value";
import { loadsTagged } from "@/lib/flask-session/tagged-json";
import { classify, FIXES, situationPath, SITUATIONS, type Cell, type CellRequest, type Fix, type Situation } from "./cells";

export * from "./cells";

/** The situation's request, its cookie (if any) signed at `nowMs` by the apps' key. */
export async function situationRequest(situation: Situation, fix: Fix, nowMs: number, secret = "SomeRandomKey"): Promise<CellRequest> {
  const headers: Record<string, string> = {};
  if (situation.token) headers.Authorization = "Bearer alice-token";
  if (situation.cookie !== null) {
    const loaded = loadsTagged(situation.cookie);
    if (!loaded.ok || loaded.value.type !== "dict") throw new Error(`situation ${situation.id}: its cookie is not a session`);
    headers.Cookie = `session=${await encodeSessionCookie(loaded.value as PyDict, secret, { timestamp: Math.floor(nowMs / 1000) })}`;
  }
  return { method: "GET", path: situationPath(situation, fix), headers };
}

/**
 * The client a cell's request comes from: the address real Flask saw when the cells were recorded
 * (gen_fix_transcripts.py). Flask-Login hashes it into `_id` at a login, so the matrix asks as that
 * client; a cell sent live comes from the reader's own address, and only `_id` differs.
 */
const RECORDED_CLIENT_ADDRESS = "127.0.0.1";

/** One cell: the handler's answer to the situation's request with the fix, at `nowMs`. */
export async function computeCell(fix: Fix, situation: Situation, nowMs: number, secret?: string): Promise<Cell> {
  const request = await situationRequest(situation, fix, nowMs, secret);
  const answer: FlaskAnswer = await answerFlaskRequest(
    { method: request.method, url: new URL(request.path, "http://localhost"), headers: new Headers(request.headers), remoteAddress: RECORDED_CLIENT_ADDRESS },
    { secret, now: () => nowMs },
  );
  return { fix, situation: situation.id, request, status: answer.status, ...classify(answer.status, answer.headers) };
}

export async function computeMatrix(nowMs: number, secret?: string): Promise<Cell[][]> {
  return Promise.all(FIXES.map((fix) => Promise.all(SITUATIONS.map((situation) => computeCell(fix, situation, nowMs, secret)))));
}

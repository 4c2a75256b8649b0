/**
 * The "Which fix works?" matrix against real Flask: each cell, computed by the site's handler as
 * the page computes it, must say what Flask answered to the same request
 * (tests/fixtures/transcripts-fixes.json). A cell that differs fails here.
 */
import { describe, expect, it } from "vitest";
import { decodeSessionCookie } from "@/lib/flask-session/cookie";
import { dumpsTagged } from "@/lib/flask-session/tagged-json";
import { readFixTranscripts } from "@/tests/support/fix-transcripts";
import { cellId, classify, computeCell, FIXES, SITUATIONS } from "./matrix";

const recorded = readFixTranscripts();
const scenarios = new Map(recorded.scenarios.map((s) => [s.id, s]));

async function sessionOf(cookieHeaderOrSetCookie: string): Promise<string> {
  const value = cookieHeaderOrSetCookie.replace(/^session=/, "").split(";")[0];
  if (value === "") return "(deleted)";
  const decoded = await decodeSessionCookie(value, recorded.secret, { now: recorded.now });
  return decoded.outcome === "ok" ? dumpsTagged(decoded.session) : `(${decoded.outcome})`;
}

describe("the matrix's situations are the recorded ones", () => {
  it("same fixes, same situations, same order", () => {
    expect([...FIXES]).toEqual(recorded.fixes.map((f) => f.id));
    expect(SITUATIONS.map((s) => s.id)).toEqual(recorded.situations.map((s) => s.id));
  });
});

describe("every cell says what real Flask answered", () => {
  for (const fix of FIXES) {
    for (const situation of SITUATIONS) {
      it(cellId(fix, situation.id), async () => {
        const scenario = scenarios.get(`matrix--${fix}--${situation.id}`);
        expect(scenario, "recorded").toBeDefined();
        const { request, response } = scenario!.exchanges[0];
        const cell = await computeCell(fix, situation, recorded.now * 1000, recorded.secret);

        // The same request: URL, token, and a cookie carrying the same session.
        expect(cell.request.path).toBe(request.url);
        const sent = Object.fromEntries(request.headers);
        expect(cell.request.headers.Authorization).toBe(sent.Authorization);
        expect(cell.request.headers.Cookie === undefined).toBe(sent.Cookie === undefined);
        if (sent.Cookie) expect(await sessionOf(cell.request.headers.Cookie)).toBe(await sessionOf(sent.Cookie));

        // The same outcome, read from Flask's own answer.
        const flask = classify(response.status, response.headers);
        expect(cell.status).toBe(response.status);
        expect(cell.verdict).toBe(flask.verdict);
        expect(cell.badges).toEqual(flask.badges);
        expect(cell.vary).toBe(flask.vary);
        expect(cell.setCookies.length).toBe(flask.setCookies.length);
        for (let i = 0; i < flask.setCookies.length; i++) {
          expect(cell.setCookies[i].split("; ").slice(1)).toEqual(flask.setCookies[i].split("; ").slice(1));
          expect(await sessionOf(cell.setCookies[i])).toBe(await sessionOf(flask.setCookies[i]));
        }
      });
    }
  }
});

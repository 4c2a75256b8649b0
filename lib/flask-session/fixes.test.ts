/**
 * Every exchange real Flask answered for the fix apps (tests/fixtures/transcripts-fixes.json, from
 * scripts/fixtures/reference_fixes.py) replayed through the site's handler: status, headers in
 * order and body, byte for byte (a compressed cookie compared by what it decodes to).
 */
import { describe, expect, it } from "vitest";
import { readFixTranscripts } from "@/tests/support/fix-transcripts";
import { expectSameHeaders } from "@/tests/support/replay-compare";
import { answerFlaskRequest } from "./handler";

const recorded = readFixTranscripts();

describe("the fix apps replay real Flask's answers", () => {
  it("recorded every fix in every situation", () => {
    const ids = new Set(recorded.scenarios.map((s) => s.id));
    for (const fix of recorded.fixes) for (const situation of recorded.situations) expect(ids).toContain(situation.scenario.replace("{fix}", fix.id));
  });
  for (const scenario of recorded.scenarios) {
    it(`${scenario.id}: ${scenario.description}`, async () => {
      for (const { request, response } of scenario.exchanges) {
        const url = new URL(request.url, "http://localhost");
        const headers = new Headers([["Host", "localhost"], ...request.headers]);
        // The recorder ran the apps with REMOTE_ADDR 127.0.0.1 (gen_fix_transcripts.py), which Flask-Login hashes into `_id`.
        const ours = await answerFlaskRequest(
          { method: request.method, url, headers, remoteAddress: "127.0.0.1" },
          { secret: recorded.secret, now: () => recorded.now * 1000 },
        );
        expect(ours.status).toBe(response.status);
        expect(ours.statusText).toBe(response.statusText);
        expect(ours.body ?? "").toBe(response.body);
        await expectSameHeaders(ours.headers, response.headers, recorded);
      }
    });
  }
});

describe("the fix parameter's bad input", () => {
  const ask = (path: string) =>
    answerFlaskRequest({ method: "GET", url: new URL(path, "http://localhost"), headers: new Headers() }, { now: () => recorded.now * 1000 });
  it.each([
    ["/api/flask/weak/?fix=wsgi-strip", "fix"],
    ["/api/flask/principal-no-sessions/?fix=none", "fix"],
    ["/api/flask/weak/?action=login", "action"],
    ["/api/flask/persistent/?fix=should-set-cookie&flask=2016", "fix"],
    ["/api/flask/persistent/?fix=should-set-cookie&flask=3.1", "fix"],
    ["/api/flask/persistent/?fix=httponly", "fix"],
    ["/api/flask/principal/?fix=", "fix"],
  ])("%s is the site's 400 naming %s", async (path, parameter) => {
    const answer = await ask(path);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body ?? "")).toMatchObject({ error: "bad-parameter", parameter });
  });

  it("the JSON view names the fix and says what it did", async () => {
    const answer = await answerFlaskRequest(
      { method: "GET", url: new URL("http://localhost/api/flask/persistent/?fix=wsgi-strip&action=write&view=json"), headers: new Headers() },
      { now: () => recorded.now * 1000 },
    );
    const view = JSON.parse(answer.body ?? "");
    expect(view.knobs).toMatchObject({ fix: "wsgi-strip", action: "write" });
    expect(view.setCookie).toBeNull();
    expect(view.reason).toMatch(/middleware dropped it/);
    expect(answer.headers.some(([name]) => name.toLowerCase() === "set-cookie")).toBe(false);
  });
});

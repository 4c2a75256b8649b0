/**
 * Live cross-check of the fix apps against real Flask (scripts/fixtures/fix_oracle.py through
 * flask_oracle.py, Debian's Flask 2.2 and Flask-Login 0.6.2): random combinations of fix, app,
 * action, permanent, refresh, token, cookie, method and path, sent to both at the same moment.
 * Fails when Flask cannot be run, unless SKIP_FLASK_CROSSCHECK=1 says to skip on purpose.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crosscheckSeed, skipLiveCrosscheck, useFlaskOracle } from "@/tests/support/live-oracle";
import { expectSameHeaders } from "@/tests/support/replay-compare";
import { FIXES, FIX_APPS } from "./fix-knobs";
import { answerFlaskRequest } from "./handler";

const skip = skipLiveCrosscheck;
const NOW = 1767225600;
const SECRET = "SomeRandomKey";
const seed = crosscheckSeed;

type Answer = { status: number; statusText: string; headers: Array<[string, string]>; body: string };

/** Session contents the cookie may carry (tagged JSON), signed by real Flask at NOW - age. */
const SESSIONS = [
  '{"key":"value"}',
  '{"_permanent":true,"key":"value"}',
  '{"identity.auth_type":"token","identity.id":"alice"}',
  '{"_fresh":false,"_user_id":"bob"}',
  '{"_fresh":true,"_id":"x","_user_id":"alice","_permanent":true}',
  "{}",
];

const request = fc.record({
  fix: fc.constantFrom(...FIXES),
  app: fc.constantFrom(...FIX_APPS),
  action: fc.constantFrom(null, "article", "write", "read", "nothing", "clear", "pop", "login"),
  permanent: fc.constantFrom(null, "0", "1"),
  refresh: fc.constantFrom(null, "0"),
  token: fc.constantFrom(null, "alice-token", "bob-token", "mallory-token"),
  session: fc.option(fc.record({ json: fc.constantFrom(...SESSIONS), age: fc.constantFrom(0, 3600) }), { nil: null }),
  method: fc.constantFrom("GET", "GET", "HEAD", "OPTIONS", "POST"),
  sub: fc.constantFrom("", "", "", "nope"),
  agent: fc.constantFrom(null, "Mozilla/5.0 (X11; Linux x86_64)", "curl/8.5.0"),
  forwarded: fc.constantFrom(null, "198.51.100.9"),
});

describe.skipIf(skip)("the fix apps against real Flask, live", () => {
  const startedOracle = useFlaskOracle();

  it("answer random requests as Flask does", { timeout: 120_000 }, async () => {
    const oracle = startedOracle();
    const samples = fc.sample(request, { numRuns: 200, seed });
    for (const r of samples) {
      const query = new URLSearchParams({ fix: r.fix });
      if (r.action) query.set("action", r.action);
      if (r.permanent) query.set("permanent", r.permanent);
      if (r.refresh) query.set("refresh", r.refresh);
      const url = `/api/flask/${r.app}/${r.sub}?${query}`;
      const headers: Array<[string, string]> = [];
      if (r.token) headers.push(["Authorization", `Bearer ${r.token}`]);
      if (r.agent) headers.push(["User-Agent", r.agent]);
      if (r.forwarded) headers.push(["X-Forwarded-For", r.forwarded]);
      if (r.session) {
        const cookie = await oracle.mint(r.session.json, SECRET, NOW - r.session.age);
        headers.push(["Cookie", `session=${cookie}`]);
      }
      const flask = await oracle.ask<Answer>({ op: "fix-exchange", method: r.method, url, headers, now: NOW });
      // fix_oracle.py runs the apps with REMOTE_ADDR 127.0.0.1, which Flask-Login hashes into `_id`.
      const ours = await answerFlaskRequest(
        { method: r.method, url: new URL(url, "http://localhost"), headers: new Headers([["Host", "localhost"], ...headers]), remoteAddress: "127.0.0.1" },
        { secret: SECRET, now: () => NOW * 1000 },
      );
      const label = `${r.method} ${url} ${JSON.stringify(headers)}`;
      expect([ours.status, ours.statusText], label).toEqual([flask.status, flask.statusText]);
      expect(ours.body ?? "", label).toBe(flask.body);
      await expectSameHeaders(ours.headers, flask.headers, { secret: SECRET, now: NOW }, label);
    }
  });
});

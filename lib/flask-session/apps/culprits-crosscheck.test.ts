/**
 * Live cross-check of the culprit apps against real Flask with the real extensions
 * (scripts/fixtures/culprit_oracle.py through flask_oracle.py: Debian's Flask 2.2.2, Flask-Login
 * 0.6.2, Flask-WTF 1.1.1, Flask-Paranoid 0.2.0). Random visits (several requests with a cookie jar
 * on each side, other user agents and addresses, tokens, logins, forms, unknown paths, HEAD, OPTIONS
 * and POST) go to both; every answer must agree as the recorded replay requires. Fails when Flask
 * cannot be run, unless SKIP_FLASK_CROSSCHECK=1 says to skip on purpose.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crosscheckSeed, skipLiveCrosscheck, useFlaskOracle } from "@/tests/support/live-oracle";
import { CookieJar, sameAnswer, type Answer } from "@/tests/support/culprit-compare";
import { parseCulpritKnobs, runCulprit, type CulpritName } from "./culprits";

const skip = skipLiveCrosscheck;
const SECRET = "SomeRandomKey"; // reference_culprits.SECRET_KEY
const NOW = 1767225600;
const seed = crosscheckSeed;

const AGENTS = ["Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "curl/8.5.0", null, "caf\u00c3\u00a9/1"] as const;
const FORWARDED = [null, null, "203.0.113.7", "198.51.100.2, 10.0.0.1", " 203.0.113.7 ,x", ""] as const;
const TOKENS = [null, null, "Bearer alice-token", "Bearer bob-token", "Bearer mallory-token", "Basic alice-token"] as const;

type Step = {
  app: CulpritName;
  suffix: string;
  query: string;
  method: string;
  agent: string | null;
  forwarded: string | null;
  authorization: string | null;
  forgetSession: boolean;
  sendCsrf: boolean;
};

const loginQuery = fc
  .tuple(
    fc.constantFrom("", "action=login", "action=login-remember", "action=logout", "action=protected", "action=api", "action=whoami"),
    fc.constantFrom("", "protection=strong", "protection=off", "protection=basic"),
  )
  .map(([a, p]) => [a, p].filter(Boolean).join("&"));

/** Each app with the knobs it takes (an unknown knob value is the site's own 400, not Flask's). */
const appAndQuery = fc.oneof(
  fc.tuple(fc.constant<CulpritName>("flask-login"), loginQuery),
  fc.tuple(
    fc.constant<CulpritName>("flask-login"),
    loginQuery.map((q) => (q ? `${q}&` : "") + "x=a%20b&y=%C3%A9&z=%2F"),
  ),
  fc.tuple(fc.constant<CulpritName>("flask-wtf"), fc.constantFrom("", "action=form", "action=api")),
  fc.tuple(fc.constant<CulpritName>("flask-paranoid"), fc.constantFrom("", "x=1")),
);

const step: fc.Arbitrary<Step> = fc
  .record({
    appQuery: appAndQuery,
    suffix: fc.constantFrom("/", "/", "/", "/", "/nope", ""),
    method: fc.constantFrom("GET", "GET", "GET", "POST", "HEAD", "OPTIONS", "PUT"),
    agent: fc.constantFrom(...AGENTS),
    forwarded: fc.constantFrom(...FORWARDED),
    authorization: fc.constantFrom(...TOKENS),
    forgetSession: fc.constantFrom(false, false, false, true),
    sendCsrf: fc.constantFrom(false, true, true),
  })
  .map(({ appQuery: [app, query], ...rest }) => ({ app, query, ...rest }));

describe.skipIf(skip)("the culprit apps against real Flask and its extensions, live", () => {
  const flask = useFlaskOracle();

  it("answer every request of random visits as Flask does", async () => {
    // One visit a reader makes on purpose (the form, then its POST with the token), then random ones.
    const form = {
      app: "flask-wtf" as const,
      suffix: "/",
      query: "",
      agent: AGENTS[0],
      forwarded: null,
      authorization: null,
      forgetSession: false,
      sendCsrf: true,
    };
    const visits = [
      [
        { ...form, method: "GET" },
        { ...form, method: "POST" },
      ],
      ...fc.sample(fc.array(step, { minLength: 2, maxLength: 6 }), { numRuns: 60, seed }),
    ];
    const seen = new Set<string>();
    for (const visit of visits) {
      const [ourJar, flaskJar] = [new CookieJar(), new CookieJar()];
      let [ourToken, flaskToken] = [null as string | null, null as string | null];
      for (const s of visit) {
        const path = `/api/flask/${s.app}${s.suffix}`;
        const url = `${path}${s.query ? `?${s.query}` : ""}`;
        const base: Array<[string, string]> = [];
        if (s.agent !== null) base.push(["User-Agent", s.agent]);
        if (s.forwarded !== null) base.push(["X-Forwarded-For", s.forwarded]);
        if (s.authorization !== null) base.push(["Authorization", s.authorization]);
        if (s.forgetSession) [ourJar, flaskJar].forEach((jar) => jar.forget("session"));
        const withJar = (jar: CookieJar, token: string | null): Array<[string, string]> => {
          const headers = [...base];
          if (s.sendCsrf && token) headers.push(["X-CSRFToken", token]);
          const cookie = jar.header(path);
          if (cookie !== null) headers.push(["Cookie", cookie]);
          return headers;
        };
        const flaskHeaders = withJar(flaskJar, flaskToken);
        const theirs = await flask().ask<Answer>({ op: "culprit-request", method: s.method, url, headers: flaskHeaders, remoteAddr: "127.0.0.1", now: NOW });

        const knobs = parseCulpritKnobs(s.app, new URL(url, "http://localhost").searchParams);
        expect("error" in knobs, url).toBe(false);
        if ("error" in knobs) return;
        const request = {
          method: s.method,
          url: new URL(url, "http://localhost"),
          headers: new Headers(withJar(ourJar, ourToken)),
          remoteAddress: "127.0.0.1",
        };
        const ours = await runCulprit(knobs, request, { secret: SECRET, nowMs: NOW * 1000 });
        const context = `${JSON.stringify(visit)} at ${s.method} ${url}`;
        try {
          const token = await sameAnswer(ours, theirs, SECRET, NOW, s.app === "flask-wtf");
          if (token !== null) [ourToken, flaskToken] = [token, /value="([^"]*)"/.exec(theirs.body)?.[1] ?? null];
        } catch (error) {
          throw new Error(`${context}: ${(error as Error).message}`);
        }
        seen.add(`${s.app} ${s.method} ${theirs.status}`);
        if (theirs.headers.some(([n, v]) => n === "Set-Cookie" && v.startsWith("remember_token=alice"))) seen.add("remember set");
        ourJar.update(ours.headers);
        flaskJar.update(theirs.headers);
      }
    }
    // The sample must reach the cases that matter, or it says little.
    for (const event of ["flask-paranoid GET 401", "flask-wtf POST 400", "flask-wtf POST 200", "flask-login GET 302", "remember set"])
      expect(seen).toContain(event);
  }, 120_000);
});

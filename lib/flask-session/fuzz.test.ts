/**
 * Fuzzing the session engine and the demo API's handler in-process: generated cookies and whole
 * requests, each checked against the class of outcome real Flask gives for that kind of input
 * (tests/fixtures/flask-cookies.json records one of each, opened by real Flask):
 * - no session cookie, or one that fails the signature or age check: a new empty session, 200;
 * - a correctly signed payload that cannot be decoded: 500 on every route of a cookie-reading app;
 * - a correctly signed, decodable payload: the session it holds.
 * Nothing may throw, and no response may carry a stack trace. FUZZ_RUNS scales every property.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pySession } from "@/tests/support/py-arbitraries";
import { APP_NAMES, type AppName } from "./knobs";
import { b64urlEncode } from "./base64";
import { decodeSessionCookie, encodeSessionCookie } from "./cookie";
import { handleFlaskRequest } from "./handler";
import { signToken } from "./signer";
import { dumpsTagged } from "./tagged-json";

const SECRET = "SomeRandomKey";
const NOW_MS = Date.UTC(2026, 0, 1);
const NOW_S = NOW_MS / 1000;
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

// A JavaScript stack frame ("    at fn (file.js:1:2)") or a Python traceback. Exception names
// alone are fine: the JSON view names Flask's (TypeError, BadPayload) on purpose.
// In all: over 10,000 generated cookies (the engine properties) and 10,000 generated requests,
// most with a generated Cookie header.
const STACK_TRACE = /\n\s*at .+:\d+:\d+|\.(ts|js|mjs):\d+:\d+|Traceback \(most recent call last\)/;
const COOKIE_APPS: AppName[] = ["persistent", "principal"];
const utf8 = new TextEncoder();

async function send(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  const request = new Request(`http://localhost${path}`, { method: init.method ?? "GET", headers: init.headers });
  const response = await handleFlaskRequest(request, { secret: SECRET, now: () => NOW_MS });
  const body = await response.text();
  expect(body).not.toMatch(STACK_TRACE);
  return { status: response.status, headers: response.headers, body };
}

/** The JSON view of one request with a `session` cookie: status and the session Flask ends up with. */
async function exchangeWithCookie(app: AppName, cookie: string) {
  const { status, body } = await send(`/api/flask/${app}/?view=json&action=read`, { headers: { Cookie: `session=${cookie}` } });
  expect(status).toBe(200);
  const view = JSON.parse(body) as { response: { status: number }; session: { before: { json: string | null } } };
  return { status: view.response.status, sessionJson: view.session.before.json };
}

// Header values reach the server as bytes: Latin-1 text without NUL, CR or LF (which the HTTP
// parser refuses before any handler runs).
const headerChar = fc
  .integer({ min: 1, max: 255 })
  .filter((c) => c !== 10 && c !== 13)
  .map((c) => String.fromCharCode(c));
const headerText = (maxLength: number) => fc.string({ unit: headerChar, maxLength });
const cookieChar = fc.constantFrom(...'ABCXYZabcxyz0189-_.=+/; "\\,!é\t');
const base64urlChar = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

/** A payload made from bytes, as itsdangerous writes it: base64url without padding. */
const encode = (bytes: Uint8Array) => b64urlEncode(bytes);

/** Payloads whose class is certain from how they were made. */
const undecodablePayload = fc.oneof(
  // Not UTF-8: itsdangerous decodes the JSON text as UTF-8 first.
  fc.uint8Array({ maxLength: 40 }).map((b) => encode(Uint8Array.from([...b.slice(0, 5), 0xff, ...b.slice(5)]))),
  // Valid UTF-8, never JSON.
  fc.string({ maxLength: 40 }).map((s) => encode(utf8.encode(`{{${s}`))),
  // The compression marker on bytes that are not a zlib stream (a zlib header is never 0x00 0x00).
  fc.uint8Array({ maxLength: 40 }).map((b) => `.${encode(Uint8Array.from([0, 0, ...b]))}`),
  // JSON that dict() refuses: a number other than 0, true, a non-empty string of length != 2 pairs.
  fc.integer({ min: 1, max: 1_000_000 }).map((n) => encode(utf8.encode(String(n)))),
  fc.constant(encode(utf8.encode("true"))),
  fc.stringMatching(/^[a-z]{3,9}$/).map((s) => encode(utf8.encode(JSON.stringify(s)))),
);

describe("fuzzing the engine with cookies", () => {
  it("a random cookie value never throws and is never accepted", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: cookieChar, maxLength: 120 }), async (value) => {
        const decoded = await decodeSessionCookie(value, SECRET, { now: NOW_S });
        // A random value cannot carry a valid HMAC: Flask's BadSignature, a new empty session.
        expect(decoded.outcome).toBe("rejected");
      }),
      { numRuns: runs(4000) },
    );
  });

  it("a session Flask could write is read back unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(pySession, async (session) => {
        let cookie: string;
        try {
          cookie = await encodeSessionCookie(session, SECRET, { timestamp: NOW_S });
        } catch {
          return; // SerializeError: Flask cannot write it either (checked in tagged-json.test.ts).
        }
        const decoded = await decodeSessionCookie(cookie, SECRET, { now: NOW_S });
        expect(decoded.outcome).toBe("ok");
        if (decoded.outcome === "ok") expect(dumpsTagged(decoded.session)).toBe(dumpsTagged(session));
      }),
      { numRuns: runs(1500) },
    );
  });

  it("one edited character of a valid cookie is rejected, or (lenient base64) still gives the same session", async () => {
    const session = { type: "dict" as const, entries: new Map([["key", { type: "str" as const, value: "value" }]]) };
    const valid = await encodeSessionCookie(session, SECRET, { timestamp: NOW_S });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: valid.length - 1 }), base64urlChar, async (at, ch) => {
        const edited = valid.slice(0, at) + ch + valid.slice(at + 1);
        const decoded = await decodeSessionCookie(edited, SECRET, { now: NOW_S });
        if (decoded.outcome === "ok") expect(dumpsTagged(decoded.session)).toBe('{"key":"value"}');
        else expect(decoded.outcome).toBe("rejected");
      }),
      { numRuns: runs(1500) },
    );
  });

  it("a correctly signed payload that cannot be decoded is undecodable, never rejected or loaded", async () => {
    await fc.assert(
      fc.asyncProperty(undecodablePayload, async (payload) => {
        const cookie = await signToken(payload, SECRET, { timestamp: NOW_S });
        const decoded = await decodeSessionCookie(cookie, SECRET, { now: NOW_S });
        expect(decoded.outcome).toBe("undecodable");
      }),
      { numRuns: runs(1500) },
    );
  });
});

describe("fuzzing the handler with cookies", () => {
  it("a signed, undecodable cookie is Flask's 500 on the cookie-reading apps and harmless on the weak one", async () => {
    await fc.assert(
      fc.asyncProperty(undecodablePayload, fc.constantFrom(...APP_NAMES), async (payload, app) => {
        const cookie = await signToken(payload, SECRET, { timestamp: NOW_S });
        const { status, sessionJson } = await exchangeWithCookie(app, cookie);
        // Flask opens the session before any view or extension runs; only the article's weak
        // interface never reads the cookie (principal-no-sessions still uses Flask's own).
        expect(status).toBe(app === "weak" ? 200 : 500);
        if (app !== "weak") expect(sessionJson).toBeNull();
      }),
      { numRuns: runs(800) },
    );
  });

  it("a session the engine wrote comes back through the handler as the same session", async () => {
    await fc.assert(
      fc.asyncProperty(pySession, fc.constantFrom(...COOKIE_APPS), async (session, app) => {
        let cookie: string;
        try {
          cookie = await encodeSessionCookie(session, SECRET, { timestamp: NOW_S });
        } catch {
          return;
        }
        const { status, sessionJson } = await exchangeWithCookie(app, cookie);
        expect(status).toBe(200);
        if (app === "persistent") expect(sessionJson).toBe(dumpsTagged(session));
      }),
      { numRuns: runs(800) },
    );
  });
});

/** Accept values that ask for the JSON view (q > 0); the generator adds some that do not. */
const JSON_ACCEPTS = ["application/json", "application/json; q=0.5", "text/html, application/json"];

type Generated = {
  app: string;
  rest: string;
  method: string;
  query: Array<[string, string]>;
  cookie: string | null;
  accept: string | null;
  authorization: string | null;
};

const KNOB_VALUES: Record<string, string[]> = {
  flask: ["today", "2.2", "2016", "0.10"],
  action: ["article", "write", "read", "nothing", "clear", "pop"],
  permanent: ["0", "1"],
  refresh: ["0", "1"],
  view: ["plain", "json"],
};

const knobPair = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...Object.entries(KNOB_VALUES).flatMap(([k, vs]) => vs.map((v): [string, string] => [k, v]))) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...Object.keys(KNOB_VALUES)), headerText(12)) },
  { weight: 1, arbitrary: fc.tuple(headerText(8), headerText(8)) },
);

const generatedRequest: fc.Arbitrary<Generated> = fc.record({
  app: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...APP_NAMES) }, { weight: 1, arbitrary: fc.stringMatching(/^[a-z-]{0,24}$/) }),
  rest: fc.oneof(
    { weight: 8, arbitrary: fc.constant("/") },
    { weight: 1, arbitrary: fc.constantFrom("", "/_reset", "//", "/x", "/index", "/%00", "/..%2f", "/../persistent/") },
    { weight: 1, arbitrary: fc.stringMatching(/^\/[A-Za-z0-9._~%-]{0,30}$/) },
  ),
  // TRACE, TRACK and CONNECT cannot be built as a fetch Request; the live pass sends them over HTTP.
  method: fc.constantFrom("GET", "GET", "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "PROPFIND", "LOCK"),
  query: fc.array(knobPair, { maxLength: 4 }),
  cookie: fc.option(
    fc.oneof(
      headerText(200),
      fc.string({ unit: cookieChar, maxLength: 200 }).map((v) => `session=${v}`),
    ),
    { nil: null },
  ),
  accept: fc.option(fc.constantFrom(...JSON_ACCEPTS, "text/html", "*/*", "application/json;q=0"), { nil: null }),
  authorization: fc.option(fc.oneof(fc.constantFrom("Bearer alice-token", "Bearer bob-token", "Bearer ", "Basic x"), headerText(30)), { nil: null }),
});

/** What the site's own parameters say about a query: the first invalid one, in the handler's order. */
function firstBadKnob(query: Array<[string, string]>): string | null {
  const params = new URLSearchParams(query);
  for (const name of Object.keys(KNOB_VALUES)) {
    const value = params.get(name);
    if (value !== null && !KNOB_VALUES[name].includes(value)) return name;
  }
  return null;
}

describe("fuzzing the handler with whole requests", () => {
  it("every generated request gets the status its class calls for, and nothing throws", async () => {
    await fc.assert(
      fc.asyncProperty(generatedRequest, async (g) => {
        const search = g.query.length ? `?${new URLSearchParams(g.query)}` : "";
        const headers: Record<string, string> = {};
        if (g.cookie !== null) headers.Cookie = g.cookie;
        if (g.accept !== null) headers.Accept = g.accept;
        if (g.authorization !== null) headers.Authorization = g.authorization;
        const path = `/api/flask/${g.app}${g.rest}${search}`;
        const url = new URL(path, "http://localhost");
        const { status, headers: sent, body } = await send(path, { method: g.method, headers });

        const appName = url.pathname.slice("/api/flask/".length).split("/")[0];
        if (!(APP_NAMES as readonly string[]).includes(appName)) {
          expect(status).toBe(404);
          expect(JSON.parse(body).error).toBe("unknown-app");
          return;
        }
        const bad = firstBadKnob([...url.searchParams]);
        if (bad !== null) {
          expect(status).toBe(400);
          expect(JSON.parse(body)).toMatchObject({ error: "bad-parameter", parameter: bad });
          return;
        }
        const isJsonView = url.searchParams.get("view") === "json" || (url.searchParams.get("view") === null && JSON_ACCEPTS.includes(g.accept ?? ""));
        if (url.pathname === `/api/flask/${appName}/_reset`) {
          expect([200, 405]).toContain(status);
          return;
        }
        // Flask's own answers: a random session cookie never verifies, so only routing decides.
        const flaskStatus = isJsonView ? (JSON.parse(body) as { response: { status: number } }).response.status : status;
        if (isJsonView) expect(status).toBe(200);
        const rest = url.pathname.slice(`/api/flask/${appName}`.length);
        // The rule "/" takes GET, HEAD and OPTIONS: only those are redirected to the slash, any other method finds no rule.
        const ruleMethod = ["GET", "HEAD", "OPTIONS"].includes(g.method);
        const expected = rest === "" ? (ruleMethod ? 308 : 404) : rest !== "/" ? 404 : ruleMethod ? 200 : 405;
        if (expected === 308)
          expect([301, 308]).toContain(flaskStatus); // Werkzeug 0.11 redirected with 301
        else expect(flaskStatus).toBe(expected);
        if (!isJsonView && expected === 405) expect(sent.get("allow")).toBe("GET, HEAD, OPTIONS");
        if (!isJsonView && g.method === "HEAD") expect(body).toBe("");
      }),
      { numRuns: runs(10_000) },
    );
  }, 300_000);
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIResponse } from "@playwright/test";
import { decodeSessionCookie } from "@/lib/flask-session/cookie";
import { signToken } from "@/lib/flask-session/signer";
import { dumpsTagged } from "@/lib/flask-session/tagged-json";
import { behindNext, varyWithoutNext } from "../helpers/deploy-path";

/**
 * Replays the real-Flask transcripts (tests/fixtures/transcripts.json, from
 * scripts/fixtures/gen_transcripts.py) against the running site over HTTP.
 *
 * The live server's clock is not frozen, so request cookies are minted again at its time from the
 * recipe each transcript carries, and cookies are compared decoded (payload, timestamp near now,
 * attributes, Expires 31 days on). Bodies are compared byte for byte once the re-minted cookie and
 * the host stand where Flask's were.
 *
 * Through `npm start` (the lean path) the plain response must carry Flask's headers in Flask's
 * order with Flask's Content-Length. Through `next start` (the route handler, as a serverless host
 * runs it), what Next.js does to a route handler's response is allowed for, and nothing else: it
 * drops Content-Length (chunked transfer), adds its own Vary values (rsc, next-router-*,
 * Accept-Encoding; see varyWithoutNext) and writes headers sorted by name. Either way Flask's order
 * is also checked on the JSON view.
 */

type CookieSpec = { kind: "previous" } | { kind: "raw"; value: string } | { kind: "signed"; payload: string; offset: number; secret: string };
type Exchange = {
  request: { method: string; url: string; headers: Array<[string, string]>; sessionCookie: CookieSpec | null; cookieTemplate: string | null };
  response: { status: number; headers: Array<[string, string]>; body: string };
};
type Transcripts = { secret: string; now: number; scenarios: Array<{ id: string; description: string; exchanges: Exchange[] }> };

const transcripts: Transcripts = JSON.parse(readFileSync(path.join(__dirname, "../fixtures/transcripts.json"), "utf8"));
const SECRET = process.env.DEMO_SECRET_KEY || transcripts.secret;
const LIFETIME = 31 * 24 * 60 * 60;

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function mint(spec: CookieSpec, previous: string | null): Promise<string> {
  if (spec.kind === "previous") {
    if (previous === null) throw new Error("the transcript asks for the previous cookie, but none was set");
    return previous;
  }
  if (spec.kind === "raw") {
    if (typeof spec.value !== "string") throw new Error("a raw cookie recipe needs its value");
    return spec.value;
  }
  // A cookie meant to be just inside the 31 days is minted a little younger, so the second the
  // request takes cannot push it over.
  const margin = spec.offset >= -LIFETIME && spec.offset <= -LIFETIME + 60 ? 5 : 0;
  return signToken(spec.payload, spec.secret === transcripts.secret ? SECRET : spec.secret, { timestamp: nowSeconds() + spec.offset + margin });
}

function sessionValue(header: string | undefined): string | null {
  if (!header) return null;
  const pair = header.split(";")[0];
  return pair.slice(pair.indexOf("=") + 1);
}

function cookieFrom(headers: Array<[string, string]>): string | undefined {
  return headers.find(([name]) => name.toLowerCase() === "cookie")?.[1];
}

function varyTokens(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((token) => token.trim())
    .filter(Boolean);
}

/** Same attributes (Expires relative to now), same session data, timestamp within a few seconds of now. */
async function expectSameCookie(live: string, flask: string): Promise<void> {
  const [livePair, ...liveAttrs] = live.split("; ");
  const [flaskPair, ...flaskAttrs] = flask.split("; ");
  expect(livePair.split("=")[0]).toBe(flaskPair.split("=")[0]);
  const strip = (attrs: string[]) => attrs.filter((a) => !a.startsWith("Expires="));
  expect(strip(liveAttrs)).toEqual(strip(flaskAttrs));
  const expires = (attrs: string[]) => attrs.find((a) => a.startsWith("Expires="))?.slice(8);
  const flaskExpires = expires(flaskAttrs);
  if (flaskExpires === undefined) expect(expires(liveAttrs)).toBeUndefined();
  else if (flaskExpires.startsWith("Thu, 01 Jan 1970")) expect(expires(liveAttrs)).toBe(flaskExpires);
  else {
    const lead = Date.parse(flaskExpires) / 1000 - transcripts.now;
    const liveLead = Date.parse(expires(liveAttrs) ?? "") / 1000 - nowSeconds();
    expect(Math.abs(liveLead - lead)).toBeLessThanOrEqual(5);
  }
  const liveValue = livePair.slice(livePair.indexOf("=") + 1);
  const flaskValue = flaskPair.slice(flaskPair.indexOf("=") + 1);
  if (flaskValue === "") {
    expect(liveValue).toBe("");
    return;
  }
  const ours = await decodeSessionCookie(liveValue, SECRET, { maxAge: null });
  const theirs = await decodeSessionCookie(flaskValue, transcripts.secret, { maxAge: null });
  expect(ours.outcome).toBe("ok");
  expect(theirs.outcome).toBe("ok");
  if (ours.outcome === "ok" && theirs.outcome === "ok") {
    expect(dumpsTagged(ours.session)).toBe(dumpsTagged(theirs.session));
    expect(Math.abs(ours.timestamp - nowSeconds())).toBeLessThanOrEqual(5);
  }
}

test.describe("the demo API answers as real Flask did (transcripts replayed over HTTP)", () => {
  for (const scenario of transcripts.scenarios) {
    test(`${scenario.id}: ${scenario.description}`, async ({ playwright, baseURL }) => {
      const origin = new URL(baseURL as string).origin;
      let previous: string | null = null;
      for (const { request, response: flask } of scenario.exchanges) {
        const headers: Record<string, string> = {};
        for (const [name, value] of request.headers) if (name.toLowerCase() !== "cookie") headers[name] = value;
        let expectedBody = flask.body.replaceAll("http://localhost", origin);
        if (request.sessionCookie && request.cookieTemplate) {
          const value = await mint(request.sessionCookie, previous);
          headers.Cookie = request.cookieTemplate.replace("{session}", value);
          // The body prints request.cookies: put the cookie we sent where Flask's was.
          const [before, after] = request.cookieTemplate.split("{session}");
          const flaskHeader = cookieFrom(request.headers) as string;
          const flaskValue = flaskHeader.slice(before.length, flaskHeader.length - after.length);
          if (flaskValue) expectedBody = expectedBody.replaceAll(flaskValue, value);
        }

        // A fresh context per request: its own cookie jar must not add cookies of its own.
        const context = await playwright.request.newContext({ baseURL });
        const live: APIResponse = await context.fetch(request.url, { method: request.method, headers, maxRedirects: 0 });
        const liveBody = await live.text();
        const liveHeaders = live.headersArray();

        expect(live.status()).toBe(flask.status);
        expect(liveBody).toBe(expectedBody);

        const liveOf = (name: string) => liveHeaders.filter((h) => h.name.toLowerCase() === name.toLowerCase()).map((h) => h.value);
        for (const [name, value] of flask.headers) {
          const lower = name.toLowerCase();
          if (lower === "content-length" || lower === "set-cookie" || lower === "vary") continue;
          expect(liveOf(name), `${name} header`).toEqual([value.replaceAll("http://localhost", origin)]);
        }
        const flaskCookies = flask.headers.filter(([n]) => n === "Set-Cookie").map(([, v]) => v);
        const liveCookies = liveOf("set-cookie");
        expect(liveCookies).toHaveLength(flaskCookies.length);
        for (let i = 0; i < flaskCookies.length; i++) await expectSameCookie(liveCookies[i], flaskCookies[i]);
        expect(varyWithoutNext(liveOf("vary").join(", "))).toEqual(varyTokens(flask.headers.find(([n]) => n === "Vary")?.[1]));
        if (!behindNext()) {
          // `npm start` writes Flask's headers raw, in Flask's order, Content-Length included.
          const flaskNames = flask.headers.map(([n]) => n.toLowerCase());
          expect(liveHeaders.map((h) => h.name.toLowerCase()).filter((n) => flaskNames.includes(n))).toEqual(flaskNames);
          // The body may differ from Flask's only by the cookie and host put in it: so may its length.
          const delta = Buffer.byteLength(expectedBody) - Buffer.byteLength(flask.body);
          expect(liveOf("content-length")).toEqual(flask.headers.filter(([n]) => n === "Content-Length").map(([, v]) => String(Number(v) + delta)));
        }

        // The JSON view (Accept: application/json) of the same request lists Flask's headers in Flask's order.
        await context.dispose();
        if (request.method !== "HEAD") {
          const viewContext = await playwright.request.newContext({ baseURL });
          const view = await viewContext.fetch(request.url, { method: request.method, headers: { ...headers, Accept: "application/json" }, maxRedirects: 0 });
          const json = await view.json();
          expect(json.response.status).toBe(flask.status);
          expect(json.response.headers.map(([n]: [string, string]) => n)).toEqual(flask.headers.map(([n]) => n));
          expect(json.response.body).toBe(expectedBody);
          expect(json.setCookie === null).toBe(flaskCookies.length === 0);
          await viewContext.dispose();
        }
        previous = sessionValue(liveCookies[0]) ?? previous;
      }
    });
  }
});

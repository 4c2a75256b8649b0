import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runFlaskExchange } from "../apps";
import { decodeSessionCookie } from "../cookie";
import { isAppName, parseKnobs } from "../knobs";
import { dumpsTagged } from "../tagged-json";
import { isCulpritName, parseCulpritKnobs, runCulprit } from "./culprits";
import { loadCsrfToken, signCsrfToken } from "./flask-wtf";
import { py } from "../py-value";

/**
 * Replays tests/fixtures/transcripts-culprits.json (scripts/fixtures/gen_culprit_transcripts.py:
 * real Flask 2.2.2 with Flask-Login 0.6.2, Flask-WTF 1.1.1 and Flask-Paranoid 0.2.0). Each scenario
 * is a browser's visit: the Cookie header comes from a jar that follows the emulation's own
 * Set-Cookie headers, as the recording's jar followed Flask's. Everything is compared byte for
 * byte except Flask-WTF's random token (and the session cookie holding it), compared by shape and
 * by what it decodes to; compressed cookies are compared decoded (zlib builds may differ in bytes).
 */
type Exchange = {
  request: { method: string; url: string; headers: Array<[string, string]>; remoteAddr: string; forget: string[]; csrf: string | null };
  response: { status: number; statusText: string; headers: Array<[string, string]>; body: string };
};
type Transcript = { secret: string; now: number; scenarios: Array<{ id: string; description: string; exchanges: Exchange[] }> };

const recorded: Transcript = JSON.parse(readFileSync(new URL("../../../tests/fixtures/transcripts-culprits.json", import.meta.url), "utf8"));
const { secret, now } = recorded;
const CSRF_FIELD = /name="csrf_token" type="hidden" value="([^"]*)"/;

function splitCookie(header: string) {
  const [pair, ...attributes] = header.split("; ");
  const at = pair.indexOf("=");
  return { name: pair.slice(0, at), value: pair.slice(at + 1), attributes };
}

async function sessionOf(value: string) {
  const decoded = await decodeSessionCookie(value, secret, { now });
  expect(decoded.outcome).toBe("ok");
  return decoded.outcome === "ok" ? decoded.session : null;
}

/** Flask-WTF's session value and page token: a fresh sha1 hex, signed as Flask-WTF signs it. */
async function sameCsrfShape(ours: { cookie?: string; body: string }, flask: { cookie?: string; body: string }): Promise<string | null> {
  const ourToken = CSRF_FIELD.exec(ours.body)?.[1];
  const flaskToken = CSRF_FIELD.exec(flask.body)?.[1];
  expect(ourToken === undefined).toBe(flaskToken === undefined);
  if (ourToken && flaskToken) expect(ours.body.replace(ourToken, "TOKEN")).toBe(flask.body.replace(flaskToken, "TOKEN"));
  else expect(ours.body).toBe(flask.body);
  if (ours.cookie && flask.cookie) {
    const [a, b] = [splitCookie(ours.cookie), splitCookie(flask.cookie)];
    expect(a.attributes).toEqual(b.attributes);
    const [sa, sb] = await Promise.all([sessionOf(a.value), sessionOf(b.value)]);
    const [va, vb] = [sa?.entries.get("csrf_token"), sb?.entries.get("csrf_token")];
    expect(va?.type === "str" && /^[0-9a-f]{40}$/.test(va.value)).toBe(true);
    expect(vb?.type === "str" && /^[0-9a-f]{40}$/.test(vb.value)).toBe(true);
    expect([...(sa?.entries.keys() ?? [])]).toEqual([...(sb?.entries.keys() ?? [])]);
    // Flask's own token, re-signed by the emulation from the value Flask stored: the same bytes.
    if (flaskToken && vb) expect(await signCsrfToken(vb, secret, now)).toBe(flaskToken);
    if (ourToken && va?.type === "str") expect(await loadCsrfToken(ourToken, secret, now)).toEqual({ ok: true, value: va.value });
  }
  return ourToken ?? null;
}

async function sameSetCookie(ours: string, flask: string): Promise<void> {
  const [a, b] = [splitCookie(ours), splitCookie(flask)];
  expect(a.name).toBe(b.name);
  expect(a.attributes).toEqual(b.attributes);
  if (a.name !== "session" || (!a.value.startsWith(".") && !b.value.startsWith("."))) {
    expect(a.value).toBe(b.value);
    return;
  }
  const [sa, sb] = await Promise.all([sessionOf(a.value), sessionOf(b.value)]);
  expect(sa && dumpsTagged(sa)).toBe(sb && dumpsTagged(sb));
}

async function sameCookieHeader(ours: string | null, flask: string | null): Promise<void> {
  const pairs = (header: string | null) => (header ? header.split("; ").map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]) : []);
  const [a, b] = [pairs(ours), pairs(flask)];
  expect(a.map(([n]) => n)).toEqual(b.map(([n]) => n));
  for (let i = 0; i < a.length; i++) {
    if (a[i][1] === b[i][1]) continue;
    expect(a[i][0]).toBe("session");
    const [sa, sb] = await Promise.all([sessionOf(a[i][1]), sessionOf(b[i][1])]);
    expect(sa && dumpsTagged(sa)).toBe(sb && dumpsTagged(sb));
  }
}

async function answer(url: URL, method: string, headers: Headers, remoteAddress: string) {
  const name = url.pathname.split("/")[3];
  if (isCulpritName(name)) {
    const knobs = parseCulpritKnobs(name, url.searchParams);
    if ("error" in knobs) throw new Error(knobs.message);
    return runCulprit(knobs, { method, url, headers, remoteAddress }, { secret, nowMs: now * 1000 });
  }
  if (!isAppName(name)) throw new Error(`no app ${name}`);
  const knobs = parseKnobs(url.searchParams, null);
  if ("error" in knobs) throw new Error(knobs.message);
  return runFlaskExchange(name, knobs, { method, url, headers }, { secret, nowMs: now * 1000 });
}

describe("the culprit apps replay real Flask's transcripts", () => {
  for (const scenario of recorded.scenarios) {
    it(`${scenario.id}: ${scenario.description}`, async () => {
      const jar = new Map<string, string>();
      let previousToken: string | null = null;
      for (const { request, response } of scenario.exchanges) {
        for (const name of request.forget) jar.delete(name);
        const headers = new Headers();
        for (const [name, value] of request.headers) {
          if (name === "Cookie") continue;
          headers.set(name, name === "X-CSRFToken" && previousToken ? previousToken : value);
        }
        const names = [...jar.keys()].sort((a, b) => (a === "session" ? 0 : 1) - (b === "session" ? 0 : 1));
        if (names.length) headers.set("Cookie", names.map((n) => `${n}=${jar.get(n)}`).join("; "));
        const url = new URL(request.url, "http://localhost");
        const random = url.pathname.startsWith("/api/flask/flask-wtf/");
        if (!random) {
          // The jar holds what the emulation set; Flask's jar what Flask set. Equal, or (zlib bytes
          // aside) decoding to the same session; then the recorded header is sent, so that a body
          // echoing the cookies can be compared byte for byte.
          const sent = request.headers.find(([n]) => n === "Cookie")?.[1] ?? null;
          await sameCookieHeader(headers.get("cookie"), sent);
          if (sent === null) headers.delete("cookie");
          else headers.set("Cookie", sent);
        }

        const ours = await answer(url, request.method, headers, request.remoteAddr);
        expect([ours.status, ours.statusText]).toEqual([response.status, response.statusText]);
        expect(ours.headers.map(([n]) => n)).toEqual(response.headers.map(([n]) => n));
        const cookiesOf = (list: Array<[string, string]>) => list.filter(([n]) => n === "Set-Cookie").map(([, v]) => v);
        const [ourCookies, flaskCookies] = [cookiesOf(ours.headers), cookiesOf(response.headers)];
        expect(ourCookies.length).toBe(flaskCookies.length);
        if (random) {
          previousToken = await sameCsrfShape({ cookie: ourCookies[0], body: ours.body }, { cookie: flaskCookies[0], body: response.body });
        } else {
          for (let i = 0; i < ourCookies.length; i++) await sameSetCookie(ourCookies[i], flaskCookies[i]);
          expect(ours.body).toBe(response.body);
        }
        const others = (list: Array<[string, string]>) => list.filter(([n]) => n !== "Set-Cookie");
        expect(others(ours.headers)).toEqual(others(response.headers));
        for (const header of ourCookies) {
          const { name, value, attributes } = splitCookie(header);
          if (attributes.includes("Max-Age=0")) jar.delete(name);
          else jar.set(name, value);
        }
      }
    });
  }
});

describe("the culprits' knobs", () => {
  it("refuse an unknown action or protection, and rule sets other than Flask 2.2", () => {
    expect(parseCulpritKnobs("flask-login", new URLSearchParams("action=nope"))).toMatchObject({ error: "bad-parameter", parameter: "action" });
    expect(parseCulpritKnobs("flask-login", new URLSearchParams("protection=paranoid"))).toMatchObject({ parameter: "protection" });
    expect(parseCulpritKnobs("flask-wtf", new URLSearchParams("flask=3.1"))).toMatchObject({ parameter: "flask" });
    expect(parseCulpritKnobs("flask-login", new URLSearchParams("flask=2.2"))).toEqual({ app: "flask-login", action: "whoami", protection: "basic" });
  });
});

describe("Flask-WTF's token", () => {
  it("is refused once older than WTF_CSRF_TIME_LIMIT (3600 s), and when tampered with", async () => {
    const token = await signCsrfToken(py.str("ab".repeat(20)), secret, now);
    expect(await loadCsrfToken(token, secret, now + 3600)).toEqual({ ok: true, value: "ab".repeat(20) });
    expect(await loadCsrfToken(token, secret, now + 3601)).toEqual({ ok: false, expired: true });
    expect(await loadCsrfToken(`${token.slice(0, -2)}xx`, secret, now)).toEqual({ ok: false, expired: false });
    expect(await loadCsrfToken(token, "AnotherKey", now)).toEqual({ ok: false, expired: false });
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runFlaskExchange } from "../apps";
import { CookieJar, sameAnswer, sameSessionValue } from "@/tests/support/culprit-compare";
import { isAppName, parseKnobs } from "../knobs";
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

async function sameCookieHeader(ours: string | null, flask: string | null): Promise<void> {
  const pairs = (header: string | null) =>
    header ? header.split("; ").map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]) : [];
  const [a, b] = [pairs(ours), pairs(flask)];
  expect(a.map(([n]) => n)).toEqual(b.map(([n]) => n));
  for (let i = 0; i < a.length; i++) {
    if (a[i][1] === b[i][1]) continue;
    expect(a[i][0]).toBe("session");
    await sameSessionValue(a[i][1], b[i][1], secret, now);
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
      const jar = new CookieJar();
      let previousToken: string | null = null;
      for (const { request, response } of scenario.exchanges) {
        for (const name of request.forget) jar.forget(name);
        const url = new URL(request.url, "http://localhost");
        const headers = new Headers();
        for (const [name, value] of request.headers) {
          if (name !== "Cookie") headers.set(name, name === "X-CSRFToken" && previousToken ? previousToken : value);
        }
        const random = url.pathname.startsWith("/api/flask/flask-wtf/");
        const held = jar.header(url.pathname);
        const sent = request.headers.find(([n]) => n === "Cookie")?.[1] ?? null;
        // The jar holds what the emulation set, the recording's what Flask set: equal, or (zlib bytes
        // aside) decoding to the same session. Then the recorded header is sent, so that a body
        // echoing the cookies compares byte for byte; Flask-WTF's random cookie is the jar's own.
        if (!random) await sameCookieHeader(held, sent);
        const cookie = random ? held : sent;
        if (cookie !== null) headers.set("Cookie", cookie);

        const ours = await answer(url, request.method, headers, request.remoteAddr);
        previousToken = await sameAnswer(ours, response, secret, now, random);
        jar.update(ours.headers);
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

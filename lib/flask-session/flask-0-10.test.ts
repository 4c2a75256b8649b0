import { describe, expect, it } from "vitest";
import { runFlaskExchange, type FlaskExchange } from "./apps";
import { decodeSessionCookie, encodeSessionCookie } from "./cookie";
import { parseKnobs, type AppName } from "./knobs";
import { py } from "./py-value";
import { EPOCH_2011 } from "./signer";

// The article's Set-Cookie (2016-04-06): {'key': b'value'}, timestamp Ceb-lQ = 166133397 s after 2011-01-01.
const ARTICLE_COOKIE = "eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ.Ceb-lQ.oy7fSZf9sPcDli8mGHAisRn15Dc";
const ARTICLE_TIME = EPOCH_2011 + 166133397;
const SECRET = "SomeRandomKey";

async function exchange(app: AppName, query: string, init: { cookie?: string; auth?: string; method?: string; now?: number } = {}): Promise<FlaskExchange> {
  const url = new URL(`http://localhost/api/flask/${app}/${query}`);
  const knobs = parseKnobs(url.searchParams, null);
  if ("error" in knobs) throw new Error(knobs.message);
  const headers = new Headers({ Host: "localhost" });
  if (init.cookie) headers.set("Cookie", `session=${init.cookie}`);
  if (init.auth) headers.set("Authorization", init.auth);
  return runFlaskExchange(app, knobs, { method: init.method ?? "GET", url, headers }, { secret: SECRET, nowMs: (init.now ?? ARTICLE_TIME) * 1000 });
}

const setCookieValue = (e: FlaskExchange) => e.setCookie?.split(";")[0].slice("session=".length) ?? null;
const names = (e: FlaskExchange) => e.headers.map(([name]) => name);

describe("the 2016 rule set reproduces the article's cookie", () => {
  it("writes session['key'] = 'value' as the article's payload and timestamp, byte for byte", async () => {
    const first = await exchange("persistent", "?flask=0.10");
    const [payload, timestamp] = (setCookieValue(first) ?? "").split(".");
    expect(`${payload}.${timestamp}`).toBe(ARTICLE_COOKIE.split(".").slice(0, 2).join("."));
    // The article's header is `Set-Cookie:session=…; HttpOnly; Path=/`; here the app's root is the path.
    expect(first.setCookie).toMatch(/^session=[^;]+; HttpOnly; Path=\/api\/flask\/persistent$/);
  });

  it("reads the article's cookie as {'key': b'value'} dated 2016-04-06 20:09:57 UTC (it was signed with another key)", async () => {
    const decoded = await decodeSessionCookie(ARTICLE_COOKIE, "AnotherKey", { maxAge: null, epoch: "2011" });
    expect(decoded.outcome).toBe("rejected");
    const ours = await encodeSessionCookie(py.dict([["key", py.bytes("value")]]), SECRET, { timestamp: ARTICLE_TIME, epoch: "2011" });
    const loaded = await decodeSessionCookie(ours, SECRET, { maxAge: null, epoch: "2011" });
    expect(loaded.outcome === "ok" && new Date(loaded.timestamp * 1000).toISOString()).toBe("2016-04-06T20:09:57.000Z");
  });

  it("prints Python 2's reprs: unicode keys from JSON, a byte str value, a plain dict of cookies", async () => {
    const first = await exchange("persistent", "?flask=0.10");
    const cookie = setCookieValue(first) as string;
    const second = await exchange("persistent", "?flask=0.10&action=nothing", { cookie });
    expect(second.body).toBe(`session: <SecureCookieSession {u'key': 'value'}>, \ncookies: {u'session': u'${cookie}'}\n`);
  });
});

describe("Python 2's dict keeps the key it already holds", () => {
  it("prints a loaded unicode key as u'key' after the view assigns to it, and a key it inserts as a byte str", async () => {
    const cookie = setCookieValue(await exchange("persistent", "?flask=0.10")) as string;
    const again = await exchange("persistent", "?flask=0.10", { cookie });
    // d[k] = v on an equal key replaces the value only: the loaded u'key' stays unicode.
    expect(again.session.after?.repr).toContain("{u'key': 'value'}");
    const fresh = await exchange("persistent", "?flask=0.10");
    expect(fresh.session.after?.repr).toContain("{'key': 'value'}");
  });
});

describe("Flask 0.10.1 re-sends a non-empty session on every response and never adds Vary", () => {
  it("re-issues the cookie on a request whose view does not touch the session", async () => {
    const cookie = setCookieValue(await exchange("persistent", "?flask=0.10")) as string;
    const then = await exchange("persistent", "?flask=0.10&action=nothing", { cookie, now: ARTICLE_TIME + 5 });
    expect(then.setCookie).not.toBeNull();
    expect(then.reason).toMatch(/Flask 0\.10 re-sends a non-empty session on every response/);
    expect(names(then)).not.toContain("Vary");
  });

  it("where today's rules send nothing for the same request", async () => {
    const now = 1767225600;
    const cookie = await encodeSessionCookie(py.dict([["key", py.str("value")]]), SECRET, { timestamp: now });
    const today = await exchange("persistent", "?action=nothing", { cookie, now });
    expect(today.setCookie).toBeNull();
  });

  it("adds no Vary for a read either", async () => {
    const read = await exchange("persistent", "?flask=0.10&action=read");
    expect(names(read)).toEqual(["Content-Type", "Content-Length"]);
  });
});

describe("itsdangerous 0.24's clock", () => {
  it("accepts a timestamp in the future, which itsdangerous 2 rejects", async () => {
    const future = await encodeSessionCookie(py.dict([["key", py.bytes("value")]]), SECRET, { timestamp: ARTICLE_TIME + 3600, epoch: "2011" });
    const then = await exchange("persistent", "?flask=0.10&action=read", { cookie: future });
    expect(then.body).toContain("{u'key': 'value'}");
    const futureNow = await encodeSessionCookie(py.dict([["key", py.str("value")]]), SECRET, { timestamp: ARTICLE_TIME + 3600 });
    const today = await exchange("persistent", "?action=read", { cookie: futureNow });
    expect(today.body).toContain("<SecureCookieSession {}>");
  });

  it("still rejects a cookie older than 31 days", async () => {
    const old = await encodeSessionCookie(py.dict([["key", py.bytes("value")]]), SECRET, { timestamp: ARTICLE_TIME - 31 * 86400 - 1, epoch: "2011" });
    const then = await exchange("persistent", "?flask=0.10&action=read", { cookie: old });
    expect(then.body).toContain("<SecureCookieSession {}>");
    expect(then.session.before?.outcome).toMatch(/rejected/);
    expect(then.session.before?.opening).toBe("too-old");
  });

  it("counts from 2011, so today's Flask reads a 2016 cookie as dated 1975 and drops it", async () => {
    const cookie = setCookieValue(await exchange("persistent", "?flask=0.10")) as string;
    const decoded = await decodeSessionCookie(cookie, SECRET, { now: ARTICLE_TIME });
    expect(decoded.outcome === "rejected" && decoded.error.code).toBe("expired");
  });
});

describe("Flask-Principal on Flask 0.10.1", () => {
  it("stores the 'token' literal as bytes and pretty-prints jsonify with Python 2's trailing spaces", async () => {
    const result = await exchange("principal", "?flask=0.10", { auth: "Bearer alice-token" });
    expect(result.body).toBe('{\n  "identity": {\n    "auth_type": "token", \n    "id": "alice"\n  }\n}');
    expect(result.session.after?.json).toBe('{"identity.auth_type":{" b":"dG9rZW4="},"identity.id":"alice"}');
  });

  it("answers X-Requested-With: XMLHttpRequest compactly, with Python 2's default separators", async () => {
    const url = new URL("http://localhost/api/flask/principal/?flask=0.10");
    const knobs = parseKnobs(url.searchParams, null);
    if ("error" in knobs) throw new Error(knobs.message);
    const headers = new Headers({ Authorization: "Bearer bob-token", "X-Requested-With": "XMLHttpRequest" });
    const result = await runFlaskExchange("principal", knobs, { method: "GET", url, headers }, { secret: SECRET, nowMs: ARTICLE_TIME * 1000 });
    expect(result.body).toBe('{"identity": {"auth_type": "token", "id": "bob"}}');
  });
});

describe("Python 2's dict order in the 2016 reprs (the orders of tests/fixtures/python2-dicts.json)", () => {
  it("prints a session loaded from an identity cookie in hash order, and request.cookies too", async () => {
    const cookie = await encodeSessionCookie(
      py.dict([
        ["identity.auth_type", py.bytes("token")],
        ["identity.id", py.str("alice")],
      ]),
      SECRET,
      { timestamp: ARTICLE_TIME, epoch: "2011" },
    );
    const url = new URL("http://localhost/api/flask/persistent/?flask=0.10&action=nothing");
    const knobs = parseKnobs(url.searchParams, null);
    if ("error" in knobs) throw new Error(knobs.message);
    const headers = new Headers({ Cookie: `theme=dark; session=${cookie}; lang=en` });
    const result = await runFlaskExchange("persistent", knobs, { method: "GET", url, headers }, { secret: SECRET, nowMs: ARTICLE_TIME * 1000 });
    expect(result.body).toBe(
      `session: <SecureCookieSession {u'identity.id': u'alice', u'identity.auth_type': 'token'}>, \n` +
        `cookies: {u'lang': u'en', u'theme': u'dark', u'session': u'${cookie}'}\n`,
    );
  });
});

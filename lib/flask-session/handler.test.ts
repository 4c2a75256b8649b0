import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerFlaskRequest, handleFlaskRequest, type FlaskAnswer } from "./handler";

const NOW = 1767225600000;
const handle = (path: string, init: RequestInit = {}) => handleFlaskRequest(new Request(`http://localhost${path}`, init), { now: () => NOW });

describe("handleFlaskRequest serves the plain exchange and its JSON view", () => {
  it("answers curl with Flask's status, body and Set-Cookie", async () => {
    const response = await handle("/api/flask/persistent/");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("session: <SecureCookieSession {}>, \ncookies: ImmutableMultiDict([])\n");
    expect(response.headers.getSetCookie()).toEqual(["session=eyJrZXkiOiJ2YWx1ZSJ9.aVW5AA.4Yz27ex90RZ77gEmYQxi5PDXmHE; HttpOnly; Path=/api/flask/persistent"]);
    expect(response.headers.get("vary")).toBe("Cookie");
  });

  it("renders the JSON view from the same exchange: same headers, same body, the real Set-Cookie on the response too", async () => {
    const plain = await handle("/api/flask/persistent/?action=write");
    const view = await handle("/api/flask/persistent/?action=write&view=json");
    const json = await view.json();
    expect(json.response.status).toBe(plain.status);
    expect(json.response.body).toBe(await plain.text());
    expect(json.response.headers).toEqual([
      ["Content-Type", "text/html; charset=utf-8"],
      ["Content-Length", "82"],
      ["Vary", "Cookie"],
      ["Set-Cookie", "session=eyJrZXkiOiJ2YWx1ZSJ9.aVW5AA.4Yz27ex90RZ77gEmYQxi5PDXmHE; HttpOnly; Path=/api/flask/persistent"],
    ]);
    for (const [name, value] of json.response.headers) expect(plain.headers.get(name)).toBe(value);
    expect(json.setCookie).toBe(plain.headers.getSetCookie()[0]);
    expect(view.headers.getSetCookie()).toEqual(plain.headers.getSetCookie());
    expect(json.reason).toBe("Set-Cookie sent: the view modified the session.");
    expect(json.session.after).toEqual({
      repr: "<SecureCookieSession {'key': 'value'}>",
      json: '{"key":"value"}',
      outcome: "Saved into the Set-Cookie header.",
    });
  });

  it("gives the JSON view for Accept: application/json", async () => {
    const view = await handle("/api/flask/weak/", { headers: { Accept: "application/json" } });
    const json = await view.json();
    expect(json.app).toBe("weak");
    expect(json.setCookie).toBeNull();
    expect(json.reason).toBe("No Set-Cookie: the view wrote to the session, but WeakSessionInterface.save_session does nothing.");
  });

  it("explains what Flask-Principal stored", async () => {
    const view = await handle("/api/flask/principal/?view=json", { headers: { Authorization: "Bearer alice-token" } });
    const json = await view.json();
    expect(json.reason).toBe("Set-Cookie sent: Flask-Principal saved identity.id and identity.auth_type.");
    expect(json.session.after.repr).toBe("<SecureCookieSession {'identity.id': 'alice', 'identity.auth_type': 'token'}>");
  });

  it("models a signed but undecodable cookie as Flask's 500, and says why", async () => {
    const view = await handle("/api/flask/persistent/?view=json", { headers: { Cookie: "session=bm90IGpzb24.aVW5AA.avtNTPvKxCUcSaLxbek8uDwLfOg" } });
    const json = await view.json();
    expect(json.response.status).toBe(500);
    expect(json.session.after).toBeNull();
    expect(json.reason).toMatch(/correctly signed but its payload cannot be decoded/);
  });

  it("says how open_session came by the session as a code beside the sentence, the same on the article's, the culprit and the fix apps", async () => {
    const before = async (path: string, cookie?: string) =>
      (await (await handle(path, { headers: { Accept: "application/json", ...(cookie ? { Cookie: cookie } : {}) } })).json()).session.before;
    const cookie = "session=eyJrZXkiOiJ2YWx1ZSJ9.aVW5AA.4Yz27ex90RZ77gEmYQxi5PDXmHE";
    const tampered = "session=eyJrZXkiOiJ2YWx1ZSK9.aVW5AA.4Yz27ex90RZ77gEmYQxi5PDXmHE";
    const undecodable = "session=bm90IGpzb24.aVW5AA.avtNTPvKxCUcSaLxbek8uDwLfOg";
    expect(await before("/api/flask/persistent/?action=read")).toMatchObject({ opening: "no-cookie", outcome: expect.stringMatching(/^No session cookie/) });
    expect(await before("/api/flask/persistent/?action=read", cookie)).toMatchObject({ opening: "loaded", outcome: expect.stringMatching(/loaded from it/) });
    expect(await before("/api/flask/persistent/?action=read", tampered)).toMatchObject({ opening: "rejected", outcome: expect.stringMatching(/rejected/) });
    expect(await before("/api/flask/persistent/?action=read", undecodable)).toMatchObject({ opening: "undecodable", repr: "" });
    expect(await before("/api/flask/weak/", cookie)).toMatchObject({ opening: "weak" });
    expect(await before("/api/flask/flask-paranoid/", cookie)).toMatchObject({ opening: "loaded", outcome: expect.stringMatching(/loaded from it/) });
    expect(await before("/api/flask/flask-wtf/", tampered)).toMatchObject({ opening: "rejected" });
    expect(await before("/api/flask/flask-login/", undecodable)).toMatchObject({ opening: "undecodable", repr: "" });
    expect(await before("/api/flask/persistent/?fix=no-secret-key", cookie)).toMatchObject({
      opening: "null-session",
      outcome: expect.stringMatching(/NullSession/),
    });
    expect(await before("/api/flask/persistent/?fix=weak-interface", cookie)).toMatchObject({ opening: "weak" });
    expect(await before("/api/flask/persistent/?fix=httponly-none", undecodable)).toMatchObject({ opening: "undecodable" });
  });

  it("sends no body for HEAD but keeps the headers", async () => {
    const response = await handle("/api/flask/persistent/", { method: "HEAD" });
    expect(response.body).toBeNull();
    expect(response.headers.get("content-length")).toBe("68");
  });
});

describe("the site's own answers", () => {
  it("404s an unknown app with JSON naming the apps", async () => {
    const response = await handle("/api/flask/nope/");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: "unknown-app",
      apps: ["persistent", "weak", "principal", "principal-no-sessions", "flask-login", "flask-wtf", "flask-paranoid"],
    });
  });

  it("400s an invalid knob, naming it", async () => {
    const response = await handle("/api/flask/persistent/?permanent=yes");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "bad-parameter",
      parameter: "permanent",
      value: "yes",
      message: 'Query parameter "permanent" must be 0 or 1; got "yes".',
    });
  });

  it("resets an app's cookie with Flask's own deleting Set-Cookie for that path", async () => {
    const response = await handle("/api/flask/principal/_reset", { method: "POST" });
    expect(response.headers.getSetCookie()).toEqual(["session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/api/flask/principal"]);
    expect(await response.json()).toMatchObject({ app: "principal", reset: true });
  });

  it("refuses other methods on the reset path", async () => {
    const response = await handle("/api/flask/principal/_reset", { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, POST");
  });
});

describe("answerFlaskRequest, the core both adapters share", () => {
  // One of each kind of answer: Flask's pages, views and methods, the JSON view, the site's own.
  const cases: Array<[string, RequestInit]> = [
    ["/api/flask/persistent/", {}],
    ["/api/flask/persistent/", { method: "HEAD" }],
    ["/api/flask/persistent/", { method: "OPTIONS" }],
    ["/api/flask/persistent/", { method: "POST", body: "a=b" }],
    ["/api/flask/persistent", {}],
    ["/api/flask/persistent/x", {}],
    ["/api/flask/persistent/?action=read", { headers: { Cookie: "session=eyJrZXkiOiJ2YWx1ZSJ9.aVW5AA.4Yz27ex90RZ77gEmYQxi5PDXmHE" } }],
    ["/api/flask/persistent/?view=json", { headers: { Cookie: "session=bm90IGpzb24.aVW5AA.avtNTPvKxCUcSaLxbek8uDwLfOg" } }],
    ["/api/flask/persistent/", { headers: { Cookie: "session=bm90IGpzb24.aVW5AA.avtNTPvKxCUcSaLxbek8uDwLfOg" } }],
    ["/api/flask/persistent/?flask=0.10&action=nothing", { headers: { Cookie: "session=a; session=b" } }],
    ["/api/flask/weak/", { headers: { Accept: "application/json" } }],
    ["/api/flask/principal/", { headers: { Authorization: "Bearer alice-token" } }],
    ["/api/flask/principal-no-sessions/?action=write", {}],
    ["/api/flask/principal/_reset", { method: "POST" }],
    ["/api/flask/principal/_reset", { method: "HEAD" }],
    ["/api/flask/principal/_reset", { method: "DELETE" }],
    ["/api/flask/nope/", {}],
    ["/api/flask/persistent/?permanent=yes", {}],
    ["/elsewhere", {}],
  ];
  const answer = (path: string, init: RequestInit) => {
    const request = new Request(`http://localhost${path}`, init);
    return answerFlaskRequest({ method: request.method, url: new URL(request.url), headers: request.headers }, { now: () => NOW });
  };

  it("answers with exactly what handleFlaskRequest's Response carries", async () => {
    for (const [path, init] of cases) {
      const ours = await answer(path, init);
      const response = await handle(path, init);
      const label = `${init.method ?? "GET"} ${path}`;
      expect(ours.status, label).toBe(response.status);
      expect(ours.statusText, label).toBe(response.statusText);
      expect([...new Headers(ours.headers)], label).toEqual([...response.headers]);
      expect(ours.body === null, label).toBe(response.body === null);
      expect(ours.body ?? "", label).toBe(await response.text());
    }
  });

  it("keeps Flask's header order and names, which a Headers object sorts and lower-cases", async () => {
    const cookie = "session=eyJrZXkiOiJ2YWx1ZSJ9.aVW5AA.4Yz27ex90RZ77gEmYQxi5PDXmHE";
    const ours = await answer("/api/flask/persistent/?flask=0.10", { headers: { Cookie: cookie } });
    expect(ours.headers.map(([name]) => name)).toEqual(["Content-Type", "Content-Length", "Set-Cookie"]);
    const today = await answer("/api/flask/persistent/", { headers: { Cookie: cookie } });
    expect(today.headers.map(([name]) => name)).toEqual(["Content-Type", "Content-Length", "Vary", "Set-Cookie"]);
  });

  it("needs of the headers nothing but a case-insensitive get", async () => {
    const plain = new Map([["authorization", "Bearer bob-token"]]);
    const headers = { get: (name: string) => plain.get(name.toLowerCase()) ?? null };
    const ours: FlaskAnswer = await answerFlaskRequest(
      { method: "GET", url: new URL("http://localhost/api/flask/principal/?view=json"), headers },
      { now: () => NOW },
    );
    expect(JSON.parse(ours.body ?? "").session.after.repr).toBe("<SecureCookieSession {'identity.id': 'bob', 'identity.auth_type': 'token'}>");
  });

  it("answers methods a Request cannot carry, such as TRACE, like any other method the route lacks", async () => {
    const ours = await answerFlaskRequest({ method: "TRACE", url: new URL("http://localhost/api/flask/weak/"), headers: new Headers() }, { now: () => NOW });
    expect([ours.status, ours.statusText]).toEqual([405, "METHOD NOT ALLOWED"]);
    expect(ours.headers).toContainEqual(["Allow", "GET, HEAD, OPTIONS"]);
  });
});

describe("handleFlaskRequest under arbitrary input", () => {
  // Header values a client can send: Latin-1 text without CR, LF or NUL.
  const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 120 });
  const cookieValue = fc.oneof(
    headerText,
    fc.constantFrom("eyJrZXkiOiJ2YWx1ZSJ9.aVW5AA.4Yz27ex90RZ77gEmYQxi5PDXmHE", "bm90IGpzb24.aVW5AA.avtNTPvKxCUcSaLxbek8uDwLfOg", ".eJyrVg", "a.b.c", "..", ""),
  );
  const path = fc.tuple(
    fc.constantFrom("persistent", "weak", "principal", "principal-no-sessions", "nope", ""),
    fc.constantFrom("", "/", "/x", "/_reset", "//", "/%00"),
    fc.constantFrom("", "?flask=0.10", "?action=clear&permanent=1", "?refresh=0&view=json", "?action=%ff", "?flask=0.10&action=pop&view=json"),
  );

  it("always answers with one of Flask's or the site's statuses, and never throws", async () => {
    await fc.assert(
      fc.asyncProperty(
        path,
        fc.constantFrom("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"),
        cookieValue,
        headerText,
        async ([app, rest, query], method, cookie, auth) => {
          const request = new Request(`http://localhost/api/flask/${app}${rest}${query}`, {
            method,
            headers: { Cookie: `session=${cookie}`, Authorization: auth },
          });
          const response = await handleFlaskRequest(request, { now: () => NOW });
          expect([200, 308, 400, 404, 405, 500]).toContain(response.status);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("the rule sets' names", () => {
  const plain = async (query: string) => {
    const response = await handle(`/api/flask/persistent/${query}`, { headers: { Cookie: "session=eyJrZXkiOiJ2YWx1ZSJ9.aVW5AA.4Yz27ex90RZ77gEmYQxi5PDXmHE" } });
    return { status: response.status, headers: [...response.headers], body: await response.text() };
  };

  it("still answers links with the old names: 2016 is Flask 0.10, today is Flask 2.2", async () => {
    expect(await plain("?flask=2016&action=write")).toEqual(await plain("?flask=0.10&action=write"));
    expect(await plain("?flask=today&action=write")).toEqual(await plain("?flask=2.2&action=write"));
    expect(await plain("?flask=2.2&action=write")).toEqual(await plain("?action=write"));
    // and the two rule sets do differ on this request, so the comparisons above can fail
    expect(await plain("?flask=0.10&action=write")).not.toEqual(await plain("?action=write"));
  });

  it("reports the canonical name in the JSON view", async () => {
    const view = await (await handle("/api/flask/persistent/?flask=2016&view=json")).json();
    expect(view.knobs.flask).toBe("0.10");
    expect(view.flaskVersion).toBe("0.10.1");
  });
});

import { describe, expect, it } from "vitest";
import { saveSessionFlask010 } from "./save-rules-0-10";
import { py, type PyDict } from "./py-value";
import type { HeaderList } from "./response-headers";
import { defaultSessionConfig, saveSession, type SaveContext } from "./save-rules";
import { FlaskSession } from "./session";

const NOW = 1767225600;
const PATH = "/api/flask/persistent";

/** A stand-in for the signing codec: the rules only decide whether and where the value goes. */
function context(overrides: Partial<SaveContext["config"]> = {}): SaveContext {
  return {
    config: { ...defaultSessionConfig(PATH), ...overrides },
    nowMs: NOW * 1000 + 999,
    encode: async (data: PyDict, timestamp: number) => `${[...data.entries.keys()].join("+")}@${timestamp}`,
  };
}

function withKey(extra: Array<[string, ReturnType<typeof py.str>]> = []): FlaskSession {
  return new FlaskSession("secure-cookie", py.dict([["key", py.str("value")], ...extra]));
}

const base = (): HeaderList => [
  ["Content-Type", "text/html; charset=utf-8"],
  ["Content-Length", "1"],
];

describe("saveSession (Flask 2.2) decides Set-Cookie and Vary", () => {
  it("puts Vary before Set-Cookie when the view read the session before writing it", async () => {
    const session = withKey();
    session.get("key");
    session.set("key", py.str("other"));
    const headers = base();
    const result = await saveSession(session, headers, context());
    expect(result.action).toBe("set");
    expect(headers.slice(2)).toEqual([
      ["Vary", "Cookie"],
      ["Set-Cookie", `session=key@${NOW}; HttpOnly; Path=${PATH}`],
    ]);
  });

  it("sends nothing for an untouched session", async () => {
    const headers = base();
    expect((await saveSession(withKey(), headers, context())).why).toBe("unmodified");
    expect(headers).toEqual(base());
  });

  it("adds Vary alone for a read", async () => {
    const session = withKey();
    session.get("key");
    const headers = base();
    await saveSession(session, headers, context());
    expect(headers.slice(2)).toEqual([["Vary", "Cookie"]]);
  });

  it("re-sends a permanent session with refresh on, Set-Cookie first, with Expires 31 days on", async () => {
    const session = new FlaskSession("secure-cookie", py.dict([["_permanent", py.bool(true)]]));
    const headers = base();
    const result = await saveSession(session, headers, context());
    expect(result.why).toBe("permanent-refresh");
    expect(headers.slice(2)).toEqual([
      ["Set-Cookie", `session=_permanent@${NOW}; Expires=Sun, 01 Feb 2026 00:00:00 GMT; HttpOnly; Path=${PATH}`],
      ["Vary", "Cookie"],
    ]);
  });

  it("leaves a permanent session alone with refresh off", async () => {
    const session = new FlaskSession("secure-cookie", py.dict([["_permanent", py.bool(true)]]));
    const headers = base();
    expect((await saveSession(session, headers, context({ refreshEachRequest: false }))).action).toBe("none");
    expect(headers).toEqual(base());
  });

  it("deletes the cookie when a modification leaves the session empty, even with no cookie to delete", async () => {
    const session = new FlaskSession("secure-cookie");
    session.clear();
    const headers = base();
    const result = await saveSession(session, headers, context());
    expect(result.action).toBe("delete");
    expect(headers.slice(2)).toEqual([
      ["Vary", "Cookie"],
      ["Set-Cookie", `session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=${PATH}`],
    ]);
  });

  it("extends a Vary the view set, in place", async () => {
    const session = withKey();
    session.set("key", py.str("v2"));
    const headers: HeaderList = [["Vary", "Accept-Encoding"], ...base()];
    await saveSession(session, headers, context());
    expect(headers[0]).toEqual(["Vary", "Accept-Encoding, Cookie"]);
    expect(headers.filter(([name]) => name === "Vary")).toHaveLength(1);
  });

  it("writes the configured cookie settings in Werkzeug's order", async () => {
    const session = withKey();
    session.set("key", py.str("v2"));
    const headers = base();
    await saveSession(session, headers, context({ domain: "example.com", secure: true, samesite: "Lax" }));
    expect(headers[3][1]).toBe(`session=key@${NOW}; Domain=example.com; Secure; HttpOnly; Path=${PATH}; SameSite=Lax`);
  });

  it("never saves the article's WeakSession", async () => {
    const session = new FlaskSession("weak");
    session.set("key", py.str("value"));
    const headers = base();
    expect(await saveSession(session, headers, context())).toMatchObject({ action: "none", why: "weak-interface" });
    expect(headers).toEqual(base());
  });
});

// Derived from Flask 0.10.1's save_session (flask/sessions.py:319-333, quoted in save-rules-0-10.ts).
describe("saveSessionFlask010 (Flask 0.10.1) re-sends a non-empty session on every response", () => {
  it("sets the cookie for an untouched, non-permanent session, and never adds Vary", async () => {
    const session = withKey();
    session.get("key");
    const headers = base();
    const result = await saveSessionFlask010(session, headers, context());
    expect(result.why).toBe("flask010-non-empty");
    expect(headers.slice(2)).toEqual([["Set-Cookie", `session=key@${NOW}; HttpOnly; Path=${PATH}`]]);
  });

  it("deletes with Werkzeug 0.11's delete_cookie: dashes in the date, no HttpOnly", async () => {
    const session = withKey();
    session.clear();
    const headers = base();
    await saveSessionFlask010(session, headers, context());
    expect(headers.slice(2)).toEqual([["Set-Cookie", `session=; Expires=Thu, 01-Jan-1970 00:00:00 GMT; Max-Age=0; Path=${PATH}`]]);
  });

  it("sends nothing for an empty, unmodified session", async () => {
    const headers = base();
    expect((await saveSessionFlask010(new FlaskSession("secure-cookie"), headers, context())).action).toBe("none");
    expect(headers).toEqual(base());
  });

  it("dates a permanent session's Expires with cookie_date", async () => {
    const session = new FlaskSession("secure-cookie", py.dict([["_permanent", py.bool(true)]]));
    const headers = base();
    await saveSessionFlask010(session, headers, context());
    expect(headers[2][1]).toBe(`session=_permanent@${NOW}; Expires=Sun, 01-Feb-2026 00:00:00 GMT; HttpOnly; Path=${PATH}`);
  });
});

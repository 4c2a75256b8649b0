import { describe, expect, it } from "vitest";
import { cookieSizeWarning, dumpCookie, dumpCookieFlask010, firstCookie, parseCookieHeader } from "./werkzeug-cookies";

// Expected values below were printed by Debian's Werkzeug 2.2.2 (werkzeug.http.parse_cookie / dump_cookie).
describe("parseCookieHeader reads a Cookie header as Werkzeug 2.2 does", () => {
  it("keeps every pair in order, duplicates included, and unquotes octal and backslash escapes", () => {
    expect(parseCookieHeader('a=1; b="x\\073y"; Session=S; session=first; session=second')).toEqual([
      ["a", "1"],
      ["b", "x;y"],
      ["Session", "S"],
      ["session", "first"],
      ["session", "second"],
    ]);
  });

  it("trims whitespace around names and values and accepts a name without a value", () => {
    expect(parseCookieHeader(" k = v ;x")).toEqual([
      ["k", "v"],
      ["x", ""],
    ]);
    expect(parseCookieHeader("noeq; c=3")).toEqual([
      ["noeq", ""],
      ["c", "3"],
    ]);
  });

  it("leaves quotes in names and strips them from values", () => {
    expect(parseCookieHeader('"q"=1; d="\\"quoted\\""')).toEqual([
      ['"q"', "1"],
      ["d", '"quoted"'],
    ]);
  });

  it("decodes the header's bytes as UTF-8, replacing what is not", () => {
    expect(parseCookieHeader("e=caf\u00c3\u00a9")).toEqual([["e", "café"]]);
    expect(parseCookieHeader("f=\u00ff")).toEqual([["f", "\ufffd"]]);
  });

  it("gives nothing for a missing or empty header", () => {
    expect(parseCookieHeader(null)).toEqual([]);
    expect(parseCookieHeader("")).toEqual([]);
  });

  it("finds the first of duplicate cookies, as MultiDict.get does, and names are case-sensitive", () => {
    const pairs = parseCookieHeader("Session=upper; session=first; session=second");
    expect(firstCookie(pairs, "session")).toBe("first");
    expect(firstCookie(pairs, "SESSION")).toBeUndefined();
  });
});

describe("dumpCookie writes Set-Cookie as Werkzeug 2.2 does", () => {
  it("orders the attributes Domain, Expires, Max-Age, Secure, HttpOnly, Path, SameSite", () => {
    expect(
      dumpCookie("session", "v", { domain: "example.com", expires: 0, maxAge: 0, secure: true, httponly: true, path: "/p", samesite: "Lax" }),
    ).toBe("session=v; Domain=example.com; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Secure; HttpOnly; Path=/p; SameSite=Lax");
  });

  it("leaves out what is not set", () => {
    expect(dumpCookie("session", "v", { httponly: true, path: "/api/flask/persistent" })).toBe("session=v; HttpOnly; Path=/api/flask/persistent");
  });
});

describe("dumpCookieFlask010 writes Set-Cookie as Werkzeug 0.11 did", () => {
  it("dates Expires with dashes (cookie_date) and has no SameSite", () => {
    expect(dumpCookieFlask010("session", "", { path: "/", expires: 0, maxAge: 0, samesite: "Lax" })).toBe(
      "session=; Expires=Thu, 01-Jan-1970 00:00:00 GMT; Max-Age=0; Path=/",
    );
    expect(dumpCookieFlask010("session", "v", { httponly: true, path: "/", expires: 1462496997 })).toBe(
      "session=v; Expires=Fri, 06-May-2016 01:09:57 GMT; HttpOnly; Path=/",
    );
  });
});

describe("cookieSizeWarning", () => {
  const path = "/api/flask/persistent";
  const overhead = "session=; HttpOnly; Path=/api/flask/persistent".length;

  it("is silent up to 4093 bytes", () => {
    const value = "a".repeat(4093 - overhead);
    const header = dumpCookie("session", value, { httponly: true, path });
    expect(header.length).toBe(4093);
    expect(cookieSizeWarning("session", value, header)).toBeNull();
  });

  it("warns at 4094 bytes in Werkzeug's words", () => {
    const value = "a".repeat(4094 - overhead);
    const header = dumpCookie("session", value, { httponly: true, path });
    expect(cookieSizeWarning("session", value, header)).toBe(
      "The 'session' cookie is too large: the value was 4048 bytes but the header required 46 extra bytes. The final size was 4094 bytes but the limit is 4093 bytes. Browsers may silently ignore cookies larger than this.",
    );
  });
});

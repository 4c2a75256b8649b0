import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cookieSizeWarning, dumpCookie, dumpCookieFlask010, firstCookie, parseCookieHeader, type CookieOptions } from "./werkzeug-cookies";

/** What Debian's Werkzeug read and wrote for these inputs: scripts/fixtures/gen_werkzeug_cookies.py. */
type Recorded = {
  versions: { werkzeug: string };
  parse: Array<{ header: string; pairs: Array<[string, string]> }>;
  dump: Array<{
    options: {
      key: string;
      value: string;
      domain?: string;
      expires?: number;
      max_age?: number;
      secure?: boolean;
      httponly?: boolean;
      path?: string;
      samesite?: CookieOptions["samesite"];
    };
    header: string;
  }>;
  sizeWarning: { path: string; valueLength: number; headerLength: number; warning: string };
};
const recorded: Recorded = JSON.parse(readFileSync(new URL("../../tests/fixtures/werkzeug-cookies.json", import.meta.url), "utf8"));

describe(`parseCookieHeader reads a Cookie header as Werkzeug ${recorded.versions.werkzeug} does`, () => {
  // Duplicates kept in order, octal and backslash escapes unquoted, whitespace trimmed, a name
  // without a value, quotes kept in names, the header's bytes decoded as UTF-8 (errors replaced).
  for (const { header, pairs } of recorded.parse) {
    it(JSON.stringify(header), () => {
      expect(parseCookieHeader(header)).toEqual(pairs);
    });
  }

  it("gives nothing for a missing header", () => {
    expect(parseCookieHeader(null)).toEqual([]);
  });

  it("finds the first of duplicate cookies, as MultiDict.get does, and names are case-sensitive", () => {
    const pairs = parseCookieHeader("Session=upper; session=first; session=second");
    expect(firstCookie(pairs, "session")).toBe("first");
    expect(firstCookie(pairs, "SESSION")).toBeUndefined();
  });
});

describe(`dumpCookie writes Set-Cookie as Werkzeug ${recorded.versions.werkzeug} does`, () => {
  // Attributes in Werkzeug's order (Domain, Expires, Max-Age, Secure, HttpOnly, Path, SameSite); what is not set left out.
  for (const { options, header } of recorded.dump) {
    it(header, () => {
      const { key, value, max_age, ...rest } = options;
      expect(dumpCookie(key, value, { ...rest, maxAge: max_age })).toBe(header);
    });
  }
});

// Werkzeug 0.11 cannot be run here: these follow its source (cookie_date, dump_cookie), cited in save-rules-0-10.ts.
describe("dumpCookieFlask010 writes Set-Cookie as Werkzeug 0.11's source does", () => {
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
  const { path, valueLength, headerLength, warning } = recorded.sizeWarning;

  it("is silent up to 4093 bytes", () => {
    const value = "a".repeat(valueLength - 1);
    const header = dumpCookie("session", value, { httponly: true, path });
    expect(header.length).toBe(4093);
    expect(cookieSizeWarning("session", value, header)).toBeNull();
  });

  it("warns one byte over, in Werkzeug's words", () => {
    const value = "a".repeat(valueLength);
    const header = dumpCookie("session", value, { httponly: true, path });
    expect(header.length).toBe(headerLength);
    expect(cookieSizeWarning("session", value, header)).toBe(warning);
  });
});

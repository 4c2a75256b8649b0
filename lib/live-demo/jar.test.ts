import { describe, expect, it } from "vitest";
import { encodeSessionCookie } from "@/lib/flask-session/cookie";
import { py } from "@/lib/flask-session/py-value";
import { deletesCookie, heldAfter, parseSetCookie, readHeldSession, sentSessionCookie } from "./jar";

const now = Date.UTC(2026, 0, 1);
const set = "session=eyJrZXkiOiJ2YWx1ZSJ9.VwVtFQ.1fVwkuqlFAoYjNgpHDkxH-Li4As; HttpOnly; Path=/api/flask/persistent";
const deleting = "session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/api/flask/persistent";
const deleting2016 = "session=; Expires=Thu, 01-Jan-1970 00:00:00 GMT; Max-Age=0; Path=/api/flask/persistent";

describe("reading a Set-Cookie header", () => {
  it("splits the pair from its attributes, flags included", () => {
    expect(parseSetCookie(set)).toEqual({
      name: "session",
      value: "eyJrZXkiOiJ2YWx1ZSJ9.VwVtFQ.1fVwkuqlFAoYjNgpHDkxH-Li4As",
      attributes: [
        ["HttpOnly", null],
        ["Path", "/api/flask/persistent"],
      ],
    });
  });

  it("rejects a header without a name", () => {
    expect(parseSetCookie("no-equals-sign")).toBeNull();
    expect(parseSetCookie("=value")).toBeNull();
  });

  it("knows Werkzeug's deleting cookies, today's and 2016's", () => {
    expect(deletesCookie(parseSetCookie(deleting)!, now)).toBe(true);
    expect(deletesCookie(parseSetCookie(deleting2016)!, now)).toBe(true);
    expect(deletesCookie(parseSetCookie(set)!, now)).toBe(false);
  });

  it("lets Max-Age win over Expires, as browsers do", () => {
    expect(deletesCookie(parseSetCookie("session=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60")!, now)).toBe(false);
    expect(deletesCookie(parseSetCookie("session=x; Expires=Fri, 01 Jan 2100 00:00:00 GMT")!, now)).toBe(false);
  });
});

describe("the cookie the browser holds after an exchange", () => {
  it("is the one a Set-Cookie sets", () => {
    expect(heldAfter({ setCookie: set, request: { cookieHeader: null } }, null, now)).toEqual({
      value: "eyJrZXkiOiJ2YWx1ZSJ9.VwVtFQ.1fVwkuqlFAoYjNgpHDkxH-Li4As",
      expires: null,
    });
  });

  it("keeps the Expires of a permanent session", () => {
    const permanent = "session=abc.def.ghi; Expires=Sat, 06 Feb 2100 20:09:57 GMT; HttpOnly; Path=/api/flask/persistent";
    expect(heldAfter({ setCookie: permanent, request: { cookieHeader: null } }, null, now)).toEqual({
      value: "abc.def.ghi",
      expires: "Sat, 06 Feb 2100 20:09:57 GMT",
    });
  });

  it("is none after a deleting Set-Cookie, whatever was sent", () => {
    expect(heldAfter({ setCookie: deleting, request: { cookieHeader: "session=abc" } }, { value: "abc", expires: null }, now)).toBeNull();
  });

  it("is the cookie that was sent when no Set-Cookie came back, with the expiry known for it", () => {
    const previous = { value: "abc.def.ghi", expires: "Fri, 06 May 2016 20:09:57 GMT" };
    expect(heldAfter({ setCookie: null, request: { cookieHeader: "other=1; session=abc.def.ghi" } }, previous, now)).toEqual(previous);
    expect(heldAfter({ setCookie: null, request: { cookieHeader: "session=xyz" } }, previous, now)).toEqual({ value: "xyz", expires: null });
  });

  it("is none when nothing was sent and nothing set", () => {
    expect(heldAfter({ setCookie: null, request: { cookieHeader: null } }, { value: "stale", expires: null }, now)).toBeNull();
  });

  it("reads the session cookie from the Cookie header as Flask does: the first of duplicates", () => {
    expect(sentSessionCookie("session=first; session=second")).toBe("first");
    expect(sentSessionCookie("Session=other")).toBeNull();
  });
});

describe("reading the held session without the key", () => {
  it("prints the session as Python would, compressed or not", async () => {
    const small = await encodeSessionCookie(py.dict([["key", py.str("value")]]), "any key", { timestamp: 1 });
    expect(await readHeldSession(small)).toBe("{'key': 'value'}");
    const big = await encodeSessionCookie(py.dict([["key", py.str("value ".repeat(40))]]), "any key", { timestamp: 1 });
    expect(big.startsWith(".")).toBe(true);
    expect(await readHeldSession(big)).toBe(`{'key': '${"value ".repeat(40)}'}`);
  });

  it("gives null for a value whose payload is not a session", async () => {
    expect(await readHeldSession("not base64!.x.y")).toBeNull();
  });
});

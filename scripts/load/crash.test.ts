import { describe, expect, it } from "vitest";
import { issuedSession, loadedFromCookie, readBack } from "./crash";

describe("issuedSession", () => {
  it("reads the session value a Set-Cookie sets, and nothing from a deletion or another cookie", () => {
    expect(issuedSession("session=eyJrIjoidiJ9.aw8qSg.sig; HttpOnly; Path=/api/flask/persistent")).toBe("eyJrIjoidiJ9.aw8qSg.sig");
    expect(issuedSession("session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/api/flask/persistent")).toBeNull();
    expect(issuedSession("remember_token=abc; Path=/")).toBeNull();
    expect(issuedSession("xsession=abc")).toBeNull();
  });
});

describe("readBack", () => {
  it("keeps the issuing request's app and rule set, asks for the JSON view and drops the action", () => {
    const issuer = { name: "p", method: "GET", path: "/api/flask/persistent/?flask=0.10&action=write", headers: { cookie: "session=old" }, expected: 200 };
    expect(readBack(issuer, "new")).toMatchObject({
      method: "GET",
      path: "/api/flask/persistent/?flask=0.10&view=json",
      headers: { cookie: "session=new" },
      expected: 200,
    });
  });
});

describe("loadedFromCookie", () => {
  it("is true only for a JSON view whose session before the view was not empty", () => {
    expect(loadedFromCookie(JSON.stringify({ session: { before: { json: '{"key":"value"}' } } }))).toBe(true);
    expect(loadedFromCookie(JSON.stringify({ session: { before: { json: "{}" } } }))).toBe(false);
    expect(loadedFromCookie(JSON.stringify({ session: { before: { json: null } } }))).toBe(false);
    expect(loadedFromCookie(JSON.stringify({ session: { before: null } }))).toBe(false);
    expect(loadedFromCookie("<html>")).toBe(false);
    expect(loadedFromCookie(null)).toBe(false);
  });
});

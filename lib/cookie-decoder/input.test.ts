import { describe, expect, it } from "vitest";
import { parseCookieInput } from "./input";

const ARTICLE = "eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ.Ceb-lQ.oy7fSZf9sPcDli8mGHAisRn15Dc";

function value(text: string) {
  const read = parseCookieInput(text);
  if (!read.ok) throw new Error(read.error.message);
  return read;
}

describe("the forms a reader may paste", () => {
  it("takes a bare value as it is, trimmed", () => {
    expect(value(`  ${ARTICLE}\n`)).toMatchObject({ value: ARTICLE, form: "bare", name: null });
  });

  it("takes a session=value pair", () => {
    expect(value(`session=${ARTICLE}`)).toMatchObject({ value: ARTICLE, form: "pair", name: "session" });
  });

  it("takes a whole Set-Cookie line and keeps its attributes in order", () => {
    const read = value(`Set-Cookie: session=${ARTICLE}; HttpOnly; Path=/`);
    expect(read).toMatchObject({ value: ARTICLE, form: "set-cookie", attributes: [["HttpOnly", null], ["Path", "/"]] });
  });

  it("takes a Set-Cookie value without the header name", () => {
    expect(value(`session=${ARTICLE}; Expires=Thu, 07 May 2016 20:09:57 GMT; HttpOnly; Path=/`)).toMatchObject({ value: ARTICLE, form: "set-cookie" });
  });

  it("reads header names case-insensitively", () => {
    expect(value(`set-cookie: session=${ARTICLE}; Path=/`).value).toBe(ARTICLE);
    expect(value(`COOKIE: session=${ARTICLE}`).value).toBe(ARTICLE);
  });

  it("takes the first session cookie of a Cookie header, as Werkzeug's request.cookies.get does", () => {
    const read = value(`Cookie: theme=dark; session=${ARTICLE}; session=other.x.y`);
    expect(read).toMatchObject({ value: ARTICLE, form: "cookie-header", name: "session" });
    expect(read.notes.join(" ")).toMatch(/2 cookies named “session”/);
  });

  it("takes a lone cookie with another name, and says so", () => {
    const read = value(`Cookie: my_session=${ARTICLE}`);
    expect(read).toMatchObject({ value: ARTICLE, name: "my_session" });
    expect(read.notes[0]).toMatch(/not “session”/);
  });

  it("finds the Set-Cookie line among several pasted lines, as curl -i prints them", () => {
    const pasted = ["HTTP/1.1 200 OK", "Content-Type: text/html", "Vary: Cookie", `Set-Cookie: session=${ARTICLE}; HttpOnly; Path=/`, ""].join("\r\n");
    expect(value(pasted)).toMatchObject({ value: ARTICLE, form: "set-cookie" });
  });

  it("unquotes a quoted value as Werkzeug does", () => {
    const read = value(`session="${ARTICLE}"`);
    expect(read.value).toBe(ARTICLE);
    expect(read.notes.join(" ")).toMatch(/quoted/);
  });

  it("removes whitespace inside a wrapped value and says how much", () => {
    const read = value(`${ARTICLE.slice(0, 20)}\n${ARTICLE.slice(20)}`);
    expect(read.value).toBe(ARTICLE);
    expect(read.notes.join(" ")).toMatch(/Removed 1 whitespace character/);
  });
});

describe("inputs with nothing to decode", () => {
  it("an empty box asks for a cookie", () => {
    expect(parseCookieInput("   ")).toMatchObject({ ok: false, error: { code: "empty" } });
  });

  it("a Cookie header without a session cookie names the cookies it has", () => {
    const read = parseCookieInput("Cookie: a=1; b=2");
    expect(read).toMatchObject({ ok: false, error: { code: "no-session-cookie" } });
    if (!read.ok) expect(read.error.message).toContain("a, b");
  });

  it("a deleting Set-Cookie is recognised as such", () => {
    const read = parseCookieInput("Set-Cookie: session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/");
    expect(read).toMatchObject({ ok: false, error: { code: "deleting-cookie" } });
  });

  it("a session cookie with an empty value in a Cookie header is reported empty", () => {
    expect(parseCookieInput("Cookie: session=; a=b")).toMatchObject({ ok: false, error: { code: "empty" } });
  });
});

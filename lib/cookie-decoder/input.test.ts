import { describe, expect, it } from "vitest";
import { parseCookieInput } from "./input";
import { inputErrorMessage } from "./messages-input";

const ARTICLE = "eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ.Ceb-lQ.oy7fSZf9sPcDli8mGHAisRn15Dc";

function value(text: string) {
  const read = parseCookieInput(text);
  if (!read.ok) throw new Error(read.error.code);
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
    expect(read).toMatchObject({
      value: ARTICLE,
      form: "set-cookie",
      attributes: [
        ["HttpOnly", null],
        ["Path", "/"],
      ],
    });
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
    expect(read.notes).toEqual([
      { code: "duplicate-session", count: 2 },
      { code: "other-cookies", names: ["theme"] },
    ]);
  });

  it("takes a lone cookie with another name, and says so", () => {
    const read = value(`Cookie: my_session=${ARTICLE}`);
    expect(read).toMatchObject({ value: ARTICLE, name: "my_session" });
    expect(read.notes).toEqual([{ code: "other-name", name: "my_session" }]);
  });

  it("finds the Set-Cookie line among several pasted lines, as curl -i prints them", () => {
    const pasted = ["HTTP/1.1 200 OK", "Content-Type: text/html", "Vary: Cookie", `Set-Cookie: session=${ARTICLE}; HttpOnly; Path=/`, ""].join("\r\n");
    expect(value(pasted)).toMatchObject({
      value: ARTICLE,
      form: "set-cookie",
      notes: [{ code: "read-from-line", line: `Set-Cookie: session=${ARTICLE}; HttpOnly; Path=/`, lineCount: 4 }],
    });
  });

  it("unquotes a quoted value as Werkzeug does", () => {
    const read = value(`session="${ARTICLE}"`);
    expect(read.value).toBe(ARTICLE);
    expect(read.notes).toEqual([{ code: "quoted" }]);
  });

  it("removes whitespace inside a wrapped value and says how much", () => {
    const read = value(`${ARTICLE.slice(0, 20)}\n${ARTICLE.slice(20)}`);
    expect(read.value).toBe(ARTICLE);
    expect(read.notes).toEqual([{ code: "whitespace-removed", count: 1 }]);
  });
});

describe("inputs with nothing to decode", () => {
  it("an empty box asks for a cookie", () => {
    expect(parseCookieInput("   ")).toEqual({ ok: false, error: { code: "empty", detail: { of: "input" } } });
  });

  it("a Cookie header without a session cookie names the cookies it has", () => {
    const read = parseCookieInput("Cookie: a=1; b=2");
    expect(read).toEqual({ ok: false, error: { code: "no-session-cookie", detail: { in: "cookie-header", names: ["a", "b"] } } });
  });

  it("a deleting Set-Cookie is recognised as such", () => {
    const read = parseCookieInput("Set-Cookie: session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/");
    expect(read).toEqual({ ok: false, error: { code: "deleting-cookie", detail: { name: "session", maxAgeZero: true } } });
  });

  it("a session cookie with an empty value in a Cookie header is reported empty", () => {
    expect(parseCookieInput("Cookie: session=; a=b")).toEqual({ ok: false, error: { code: "empty", detail: { of: "cookie", name: "session" } } });
  });

  it("a “;” inside a value is reported with its position", () => {
    expect(parseCookieInput('Cookie: session="ab;cd"')).toEqual({ ok: false, error: { code: "bad-characters", detail: { character: ";", position: 3 } } });
  });
});

describe("forms copied from tools", () => {
  it("takes a bare value with base64 padding left on, which itsdangerous ignores", () => {
    for (const text of [`${ARTICLE}=`, `${ARTICLE}==`, "eyJhIjoxfQ==.aVW5AA.WV0sw3l1WLoG-Rs0E7I-YKqNtvg", ".eJyrVspOrVSyUkoEAA==.aVW5AA.sig"]) {
      const read = value(text);
      expect(read, text).toMatchObject({ value: text, form: "bare", name: null });
      expect(read.notes, text).toEqual([{ code: "base64-padding" }]);
    }
  });

  it("takes a bare value in quotes", () => {
    expect(value(`"${ARTICLE}"`)).toMatchObject({ value: ARTICLE, form: "bare" });
    expect(value(`'${ARTICLE}'`).notes).toEqual([{ code: "quotes-removed" }]);
  });

  it("takes the cookie of a curl command, from -b, --cookie or a Cookie header", () => {
    for (const text of [
      `curl -i -b 'session=${ARTICLE}' http://localhost:3000/`,
      `curl --cookie "theme=dark; session=${ARTICLE}" http://localhost:3000/`,
      `curl --cookie=session=${ARTICLE} http://localhost:3000/`,
      `curl -s -H 'Accept: text/html' -H 'Cookie: session=${ARTICLE}' http://localhost:3000/`,
      `curl http://localhost:3000/ --header "cookie: session=${ARTICLE}"`,
    ]) {
      const read = value(text);
      expect(read.value, text).toBe(ARTICLE);
      expect(read.notes[0].code, text).toBe(/-H|--header/.test(text) ? "curl-header-option" : "curl-cookie-option");
    }
    expect(parseCookieInput("curl -i http://localhost:3000/")).toEqual({ ok: false, error: { code: "no-session-cookie", detail: { in: "curl" } } });
  });

  it("takes a row of the browser's cookie table, the session one of several", () => {
    const read = value(`session\t${ARTICLE}\tlocalhost\t/\tSession\t71\t✓\t\t\tMedium`);
    expect(read).toMatchObject({ value: ARTICLE, name: "session" });
    expect(read.notes).toEqual([{ code: "cookie-table", table: "browser-table", rows: 1, name: "session" }]);
    const rows = value(`_ga\tGA1.1.123\t.example.org\t/\t2027-01-01\t30\n session\t${ARTICLE}\tlocalhost\t/\tSession\t71`);
    expect(rows).toMatchObject({ value: ARTICLE, name: "session" });
    expect(rows.notes[0]).toEqual({ code: "cookie-table", table: "browser-table", rows: 2, name: "session" });
  });

  it("takes the session line of a curl cookie jar", () => {
    for (const prefix of ["", "#HttpOnly_"]) {
      const jar = [
        `# Netscape HTTP Cookie File`,
        `${prefix}localhost\tFALSE\t/\tFALSE\t0\ttheme\tdark`,
        `${prefix}localhost\tFALSE\t/\tFALSE\t0\tsession\t${ARTICLE}`,
      ].join("\n");
      const read = value(jar);
      expect(read, prefix).toMatchObject({ value: ARTICLE, name: "session" });
      expect(read.notes[0]).toEqual({ code: "cookie-table", table: "curl-jar", rows: 2, name: "session" });
    }
  });

  it("still reads a value broken by a stray tab as one value", () => {
    const [head, tail] = [ARTICLE.slice(0, 30), ARTICLE.slice(30)];
    expect(value(`${head}\t${tail}`)).toMatchObject({ value: ARTICLE, form: "bare" });
    expect(parseCookieInput(`Set-Cookie\tsession=${ARTICLE}; HttpOnly`).ok).toBe(false);
  });

  it("takes session: value and a URL-encoded pair", () => {
    expect(value(`session: ${ARTICLE}`)).toMatchObject({ value: ARTICLE, name: "session", notes: [{ code: "listed", name: "session" }] });
    expect(value(`session:"${ARTICLE}"`)).toMatchObject({ value: ARTICLE, name: "session" });
    const encoded = value(`session%3D${ARTICLE}`);
    expect(encoded).toMatchObject({ value: ARTICLE, name: "session" });
    expect(encoded.notes).toEqual([{ code: "url-encoded" }]);
  });

  it("still reads a name=value pair whose name has no dots as a pair", () => {
    expect(value(`my_session=${ARTICLE}`)).toMatchObject({ value: ARTICLE, name: "my_session", form: "pair" });
  });

  it("decodes a Set-Cookie with a value and Max-Age=0, saying the browser would delete it", () => {
    const read = value(`Set-Cookie: session=${ARTICLE}; Max-Age=0; Path=/`);
    expect(read.value).toBe(ARTICLE);
    expect(read.notes).toEqual([{ code: "max-age-zero" }]);
  });

  it("keeps a message about a huge Cookie header short", () => {
    const read = parseCookieInput(`Cookie: ${"a=b; ".repeat(100_000)}`);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(inputErrorMessage(read.error).length).toBeLessThan(300);
  });
});

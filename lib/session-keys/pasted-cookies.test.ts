/** Reading every cookie of a pasted `curl -i` answer, built from the headers real Flask sent. */
import { describe, expect, it } from "vitest";
import { readPastedCookies } from "./pasted-cookies";
import { curlAnswer as curlAnswerOf } from "@/tests/support/curl-answer";
import { ALL_STEPS, step } from "./recorded-fixture";

const curlAnswer = (stepId: string, prefix = "") => curlAnswerOf(step(stepId), { prefix, lineEnd: "\r\n" });

describe("a curl -i answer", () => {
  for (const st of ALL_STEPS.filter((s) => s.setCookies.length > 0)) {
    it(`${st.id}: every Set-Cookie, deletions flagged as recorded`, () => {
      const read = readPastedCookies(curlAnswer(st.id));
      expect(read.map((c) => [c.name, c.value, c.deleted])).toEqual(st.setCookies.map((c) => [c.name, c.value, c.deleted]));
      expect(read.every((c) => c.from === "set-cookie")).toBe(true);
    });
  }

  it("curl -v's '< ' prefix and a Cookie: request header", () => {
    const text = `> GET / HTTP/1.1\n> Cookie: session=abc; remember_token=42|x\n${curlAnswer("flask-login-strong/other-agent", "< ")}`;
    const read = readPastedCookies(text);
    expect(read.map((c) => [c.from, c.name, c.deleted, c.line])).toEqual([
      ["cookie-header", "session", false, 2],
      ["cookie-header", "remember_token", false, 2],
      ["set-cookie", "remember_token", true, 6],
      ["set-cookie", "session", true, 7],
    ]);
  });

  it("keeps attributes in order, flags without a value", () => {
    const [cookie] = readPastedCookies("Set-Cookie: XSRF-TOKEN=v; Path=/; SameSite=Strict; HttpOnly");
    expect(cookie.attributes).toEqual([
      ["Path", "/"],
      ["SameSite", "Strict"],
      ["HttpOnly", null],
    ]);
  });

  it("reads nothing from text without header lines, and skips a Set-Cookie without a name", () => {
    expect(readPastedCookies("eyJrZXkiOiJ2YWx1ZSJ9.Ceb-lQ.sig")).toEqual([]);
    expect(readPastedCookies("Set-Cookie: =x; Path=/\nSet-Cookie: novalue")).toEqual([]);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeSessionCookie } from "@/lib/flask-session/cookie";
import { dumpsTagged } from "@/lib/flask-session/tagged-json";
import { prettyJson } from "./pretty-json";
import { changeOneCharacter, parseSessionJson, signRawPayload, signSessionJson, undecodablePayload } from "./sign";
import { verifyCookie } from "./verify";

type Mint = { name: string; secret: string; timestamp: number; epoch: "unix" | "2011"; tagged: string; retagged: string; cookie: string; compressed: boolean };
const fixtures: { mint: Mint[] } = JSON.parse(readFileSync(new URL("../../tests/fixtures/flask-cookies.json", import.meta.url), "utf8"));

describe("signing an edited session gives the cookie real Flask wrote", () => {
  for (const m of fixtures.mint) {
    it(`${m.name}${m.compressed ? " (compressed: zlib bytes differ, compared decoded)" : ""}`, async () => {
      // The reader edits the indented form; the cookie must not depend on the indentation.
      const signed = await signSessionJson(prettyJson(m.tagged), m.secret, { timestamp: m.timestamp, epoch: m.epoch });
      if (!signed.ok) throw new Error(signed.error.code);
      if (!m.compressed && !signed.compressed) {
        expect(signed.cookie).toBe(m.cookie);
      } else {
        const mine = await decodeSessionCookie(signed.cookie, m.secret, { now: m.timestamp, epoch: m.epoch });
        const theirs = await decodeSessionCookie(m.cookie, m.secret, { now: m.timestamp, epoch: m.epoch });
        if (mine.outcome !== "ok" || theirs.outcome !== "ok") throw new Error("did not decode");
        expect(dumpsTagged(mine.session)).toBe(dumpsTagged(theirs.session));
      }
    });
  }
});

describe("sessions that cannot be signed get a reason", () => {
  it("text that is not JSON", () => {
    expect(parseSessionJson("{'a': 1}")).toMatchObject({
      ok: false,
      error: { code: "bad-json", detail: { error: { code: "not-json", detail: { reason: expect.any(String), position: 1 } } } },
    });
  });

  it("empty text", () => {
    expect(parseSessionJson("  \n")).toEqual({ ok: false, error: { code: "empty-text", detail: {} } });
  });

  it("JSON that is not an object, with its kind", () => {
    expect(parseSessionJson("[1, 2]")).toEqual({ ok: false, error: { code: "not-a-dict", detail: { kind: "list" } } });
    expect(parseSessionJson('{" t": [1]}')).toEqual({ ok: false, error: { code: "not-a-dict", detail: { kind: "tuple" } } });
    expect(parseSessionJson("null")).toEqual({ ok: false, error: { code: "not-a-dict", detail: { kind: "none" } } });
  });

  it("a malformed tag", () => {
    expect(parseSessionJson('{"a": {" u": "xyz"}}')).toMatchObject({ ok: false, error: { code: "bad-json", detail: { error: { code: "bad-tag" } } } });
  });

  it("an empty key", async () => {
    expect(await signSessionJson("{}", "", { timestamp: 0, epoch: "unix" })).toEqual({ ok: false, error: { code: "no-secret", detail: {} } });
  });

  it("a timestamp before the chosen epoch, with the seconds it would store", async () => {
    expect(await signSessionJson("{}", "k", { timestamp: 1_000_000_000, epoch: "2011" })).toEqual({
      ok: false,
      error: { code: "timestamp-out-of-range", detail: { seconds: 1_000_000_000 - 1293840000 } },
    });
  });
});

describe("the tamper lab's cookies", () => {
  const opts = { now: 1459973397, maxAge: 2678400, epoch: "unix" as const };

  it("a forged session signed with the app's key is loaded", async () => {
    const signed = await signSessionJson('{"user": "admin"}', "SomeRandomKey", { timestamp: opts.now, epoch: "unix" });
    if (!signed.ok) throw new Error(signed.error.code);
    expect(await verifyCookie(signed.cookie, "SomeRandomKey", opts)).toMatchObject({ verdict: "loaded" });
  });

  it("one changed character makes Flask start a new empty session", async () => {
    const signed = await signSessionJson('{"user": "admin"}', "SomeRandomKey", { timestamp: opts.now, epoch: "unix" });
    if (!signed.ok) throw new Error(signed.error.code);
    const tampered = changeOneCharacter(signed.cookie);
    expect(tampered).not.toBe(signed.cookie);
    expect(tampered.length).toBe(signed.cookie.length);
    expect(await verifyCookie(tampered, "SomeRandomKey", opts)).toMatchObject({ verdict: "new-empty-session", signatureValid: false });
  });

  it("a correctly signed payload that is not JSON makes Flask fail with a 500", async () => {
    const cookie = await signRawPayload(undecodablePayload(), "SomeRandomKey", { timestamp: opts.now, epoch: "unix" });
    expect(await verifyCookie(cookie, "SomeRandomKey", opts)).toMatchObject({ verdict: "error-500", signatureValid: true });
  });
});

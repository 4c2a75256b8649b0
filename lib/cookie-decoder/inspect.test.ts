import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { b64urlEncode } from "@/lib/flask-session/base64";
import { signToken } from "@/lib/flask-session/signer";
import { duration, durationBetween } from "./duration";
import { checkAge, inspectCookie, piecesOf, sizeOf } from "./inspect";
import { decodeErrorMessage } from "./messages";

type FlaskOpen =
  { outcome: "ok"; session: { repr: string }; sessionRepr: string } | { outcome: "rejected" | "undecodable"; exception: string; message: string };
type Fixtures = {
  mint: Array<{ name: string; cookie: string; timestamp: number; epoch: "unix" | "2011"; compressed: boolean; reopened: FlaskOpen }>;
  open: Array<{ name: string; secret: string; cookie: string; flask: FlaskOpen; status: number }>;
};
const fixtures: Fixtures = JSON.parse(readFileSync(new URL("../../tests/fixtures/flask-cookies.json", import.meta.url), "utf8"));

const ARTICLE = "eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ.Ceb-lQ.oy7fSZf9sPcDli8mGHAisRn15Dc";
const NOW = Date.UTC(2026, 10, 25) / 1000;

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("the article's cookie, read without the key", () => {
  it("holds {'key': b'value'} as tagged JSON and as the Python value Flask loads", async () => {
    const seen = await inspectCookie(ARTICLE, { now: NOW });
    expect(seen.errors).toEqual([]);
    expect(seen.payload).toMatchObject({
      compressed: false,
      json: '{"key":{" b":"dmFsdWU="}}',
      repr: "{'key': b'value'}",
      sessionRepr: "<SecureCookieSession {'key': b'value'}>",
    });
  });

  it("is cut into payload, timestamp and signature that join back into the value", async () => {
    const pieces = piecesOf(ARTICLE);
    expect(pieces.map((p) => p.kind)).toEqual(["payload", "dot", "timestamp", "dot", "signature"]);
    expect(pieces.map((p) => p.text).join("")).toBe(ARTICLE);
  });

  it("dates from 2016-04-06 under the 2011 epoch, chosen because the Unix reading is 1975", async () => {
    const seen = await inspectCookie(ARTICLE, { now: NOW });
    expect(seen.timestamp).toMatchObject({ raw: 166133397, epoch2011: 1459973397, guess: { epoch: "2011" } });
  });
});

describe("cookies minted by real Flask", () => {
  for (const m of fixtures.mint) {
    it(`${m.name}: decodes to the session Flask reopened`, async () => {
      const seen = await inspectCookie(m.cookie, { now: m.timestamp + 1 });
      expect(seen.errors).toEqual([]);
      if (m.reopened.outcome !== "ok") throw new Error("fixture not ok");
      expect(seen.payload?.repr).toBe(m.reopened.session.repr);
      expect(seen.payload?.sessionRepr).toBe(m.reopened.sessionRepr);
      expect(seen.payload?.compressed).toBe(m.compressed);
      expect(seen.pieces.map((p) => p.text).join("")).toBe(m.cookie);
    });
  }
});

describe("cookies Flask could not load (500), read without the key", () => {
  const undecodable = fixtures.open.filter((o) => o.secret === "SomeRandomKey" && o.flask.outcome === "undecodable");

  it("cover several stages", () => {
    expect(undecodable.length).toBeGreaterThan(10);
  });

  for (const o of undecodable) {
    it(`${o.name}: gets a precise error naming the part`, async () => {
      const seen = await inspectCookie(o.cookie, { now: NOW });
      expect(seen.errors.length).toBeGreaterThan(0);
      const error = seen.errors.at(-1)!;
      expect(["payload", "timestamp"]).toContain(error.part);
      expect(decodeErrorMessage(error).length).toBeGreaterThan(30);
    });
  }
});

describe("each stage's message says what is wrong", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["no dot at all", "eyJhIjoxfQ", /has no “\.”/],
    ["one dot", "eyJhIjoxfQ.F4DDM_IRcqgsJQGrAsImi9erKhc", /only one “\.”/],
    ["a payload one character past a quad", "abcde.VwVtFQ.sig", /payload is not valid base64.*one more than a multiple of 4/],
    ["a compressed marker on data that is not zlib", ".e30.VwVtFQ.sig", /starts with “\.”.*do not inflate/],
    ["bytes that are not UTF-8", "eyJhIjoi_yJ9.VwVtFQ.sig", /not UTF-8/],
    ["text that is not JSON", `${b64urlEncode(utf8("{not json"))}.VwVtFQ.sig`, /not JSON: .*char 1/],
    ["a malformed bytes tag", `${b64urlEncode(utf8('{"a":{" b":1}}'))}.VwVtFQ.sig`, /tagged value is malformed: The " b" tag holds a int/],
    ["JSON that is no session", `${b64urlEncode(utf8("5"))}.VwVtFQ.sig`, /not into a session dict/],
    ["a timestamp of nine bytes", "eyJhIjoxfQ.AQEBAQEBAQEB.sig", /timestamp “AQEBAQEBAQEB” is not base64 of at most 8 bytes/],
    ["an empty signature", "eyJhIjoxfQ.VwVtFQ.", /signature is empty/],
  ];
  for (const [what, cookie, message] of cases) {
    it(`${what}`, async () => {
      const seen = await inspectCookie(cookie, { now: NOW });
      expect(seen.errors.map(decodeErrorMessage).join(" | ")).toMatch(message);
    });
  }

  it("shows the decoded text even when it is not JSON", async () => {
    const seen = await inspectCookie(`${b64urlEncode(utf8("<b>hi</b>"))}.VwVtFQ.sig`, { now: NOW });
    expect(seen.payload?.json).toBe("<b>hi</b>");
  });
});

describe("untrusted content comes back as text", () => {
  it("keeps markup and script in a payload as characters of the repr", async () => {
    const evil = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    const cookie = await signToken(b64urlEncode(utf8(JSON.stringify({ evil }))), "k", { timestamp: NOW });
    const seen = await inspectCookie(cookie, { now: NOW });
    expect(seen.payload?.repr).toBe(`{'evil': '${evil}'}`);
  });
});

describe("age and size", () => {
  it("accepts a cookie exactly max_age old and rejects one a second older, as itsdangerous does", () => {
    expect(checkAge(1000, 1000 + 2678400, 2678400).accepted).toBe(true);
    expect(checkAge(1000, 1000 + 2678401, 2678400)).toMatchObject({ accepted: false, code: "expired", age: 2678401 });
  });

  it("rejects a cookie dated in the future", () => {
    expect(checkAge(1001, 1000, 2678400)).toMatchObject({ accepted: false, code: "future", age: -1 });
  });

  it("accepts any age without max_age", () => {
    expect(checkAge(0, NOW, null).accepted).toBe(true);
  });

  it("writes durations in their two largest units", () => {
    expect(duration(2678400)).toBe("31 days");
    expect(duration(90061)).toBe("1 day 1 hour");
    expect(duration(59)).toBe("59 seconds");
    expect(duration(0.5)).toBe("0 seconds");
    expect(duration(3600 + 5)).toBe("1 hour");
    expect(duration(400 * 86400)).toBe("400 days");
  });

  it("counts an age's years on the calendar, leap days included", () => {
    const at = (iso: string) => Date.parse(iso) / 1000;
    // The article's cookie, signed 6 April 2016 20:09:57 UTC; 365-day years would give 236 days.
    expect(durationBetween(at("2016-04-06T20:09:57Z"), at("2026-11-26T20:09:57Z"))).toBe("10 years 234 days");
    expect(durationBetween(at("2016-04-06T20:09:57Z"), at("2026-11-26T02:00:00Z"))).toBe("10 years 233 days");
    expect(durationBetween(at("2020-01-01T00:00:00Z"), at("2021-01-01T00:00:00Z"))).toBe("1 year");
    expect(durationBetween(at("2020-01-01T00:00:00Z"), at("2020-12-31T23:00:00Z"))).toBe("365 days 23 hours");
    expect(durationBetween(at("2020-02-29T12:00:00Z"), at("2021-02-28T12:00:00Z"))).toBe("1 year");
    expect(durationBetween(at("2020-02-29T12:00:00Z"), at("2021-02-28T11:00:00Z"))).toBe("364 days 23 hours");
    expect(durationBetween(at("2024-05-01T00:00:00Z"), at("2024-05-01T00:00:30Z"))).toBe("30 seconds");
  });

  it("reads an age against max_age as a code with its facts", () => {
    const at = (iso: string) => Date.parse(iso) / 1000;
    const signed = at("2016-04-06T20:09:57Z");
    expect(checkAge(signed, at("2026-11-26T20:09:57Z"), 2678400)).toEqual({
      code: "expired",
      timestamp: signed,
      now: at("2026-11-26T20:09:57Z"),
      age: at("2026-11-26T20:09:57Z") - signed,
      maxAge: 2678400,
      accepted: false,
    });
    expect(checkAge(signed, signed + 2678400, 2678400)).toMatchObject({ code: "within", age: 2678400, accepted: true });
    expect(checkAge(signed, signed + 1, null)).toMatchObject({ code: "no-max-age", accepted: true });
    expect(checkAge(signed, signed - 1, null)).toMatchObject({ code: "future", age: -1, accepted: false });
    expect(checkAge(signed, signed - 1, 2678400)).toMatchObject({ code: "future", accepted: false });
  });

  it("measures the Set-Cookie header Flask would send against Werkzeug's 4093 bytes", () => {
    expect(sizeOf(ARTICLE)).toMatchObject({
      header: `session=${ARTICLE}; HttpOnly; Path=/`,
      bytes: ARTICLE.length + "session=; HttpOnly; Path=/".length,
      limit: 4093,
      over: false,
    });
    const big = "x".repeat(4093 - "session=; HttpOnly; Path=/".length);
    expect(sizeOf(big).over).toBe(false);
    expect(sizeOf(big + "x").over).toBe(true);
  });
});

describe("the size check of a permanent session", () => {
  it("counts the Expires attribute Flask adds, as in real Flask's Set-Cookie", async () => {
    const transcripts = JSON.parse(readFileSync(new URL("../../tests/fixtures/transcripts.json", import.meta.url), "utf8")) as {
      scenarios: Array<{ id: string; exchanges: Array<{ response: { headers: Array<[string, string]> } }> }>;
    };
    const header = transcripts.scenarios.find((s) => s.id === "permanent-first")!.exchanges[0].response.headers.find(([n]) => n === "Set-Cookie")![1];
    expect(header).toMatch(/; Expires=/);
    const value = header.slice("session=".length, header.indexOf(";"));
    // The same header with Flask's default Path, which the decoder assumes.
    const expected = new TextEncoder().encode(header.replace(/Path=\/api\/flask\/persistent$/, "Path=/")).length;
    const inspection = await inspectCookie(value, { now: 1_767_225_600 });
    expect(inspection.size.bytes).toBe(expected);
  });
});

import { readFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { b64urlEncode } from "@/lib/flask-session/base64";
import { MAX_INFLATED_BYTES } from "@/lib/flask-session/payload";
import { signToken } from "@/lib/flask-session/signer";
import { verifyCookie } from "./verify";

type Open = {
  name: string;
  secret: string;
  cookie: string;
  now: number;
  epoch: "unix" | "2011";
  flask: { outcome: string; sessionRepr?: string };
  status: number;
};
const fixtures: { open: Open[] } = JSON.parse(readFileSync(new URL("../../tests/fixtures/flask-cookies.json", import.meta.url), "utf8"));

const VERDICT: Record<string, string> = { ok: "loaded", rejected: "new-empty-session", undecodable: "error-500" };
/** The findings each of Flask's outcomes may come with. */
const FINDINGS: Record<string, string[]> = {
  ok: ["loaded", "loaded-2011", "loaded-non-str-keys"],
  rejected: ["bad-signature", "rejected-valid-signature"],
  undecodable: ["error-500"],
};

describe("verifying with a key gives Flask's own verdict on cookies real Flask opened", () => {
  // Sessions with non-str keys included: the engine's dict model cannot hold them (lib/flask-session/cookie.ts), but the verdict is still Flask's.
  const cases = fixtures.open;
  it("includes sessions whose keys are not strings", () => {
    expect(cases.some((o) => /^<SecureCookieSession \{\d/.test(o.flask.sessionRepr ?? ""))).toBe(true);
  });
  it("covers all three verdicts", () => {
    expect(new Set(cases.map((o) => o.flask.outcome))).toEqual(new Set(["ok", "rejected", "undecodable"]));
  });
  for (const o of cases) {
    it(`${o.name} (${o.secret}): ${o.flask.outcome}, HTTP ${o.status}`, async () => {
      const result = await verifyCookie(o.cookie, o.secret, { now: o.now, maxAge: 2678400, epoch: o.epoch });
      expect(result.verdict).toBe(VERDICT[o.flask.outcome]);
      expect(FINDINGS[o.flask.outcome]).toContain(result.finding.code);
      if (o.epoch === "2011" && result.verdict === "loaded") expect(result.finding.code).toBe("loaded-2011");
      if (/^<SecureCookieSession \{\d/.test(o.flask.sessionRepr ?? "")) expect(result.finding.code).toBe("loaded-non-str-keys");
    });
  }
});

describe("payloads Flask reads that the decoder stops short of", () => {
  it("a compressed payload past the decoder's inflate limit is one Flask would load, not a 500", async () => {
    const payload = "." + b64urlEncode(new Uint8Array(deflateSync(JSON.stringify({ a: "A".repeat(70_000) }))));
    const cookie = await signToken(payload, "k", { timestamp: 1_767_225_600 });
    const result = await verifyCookie(cookie, "k", { now: 1_767_225_600, maxAge: 2678400, epoch: "unix" });
    expect(result).toMatchObject({ signatureValid: true, verdict: "loaded", finding: { code: "loaded-too-large", limit: MAX_INFLATED_BYTES }, session: null });
  });
});

describe("the signature check on its own", () => {
  const ARTICLE = "eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ.Ceb-lQ.oy7fSZf9sPcDli8mGHAisRn15Dc";

  it("says the article's cookie does not verify with SomeRandomKey", async () => {
    const result = await verifyCookie(ARTICLE, "SomeRandomKey", { now: 1459973397, maxAge: 2678400, epoch: "2011" });
    expect(result).toMatchObject({
      signatureValid: false,
      verdict: "new-empty-session",
      finding: { code: "bad-signature", error: { code: "bad-signature", detail: { signature: "oy7fSZf9sPcDli8mGHAisRn15Dc" } } },
    });
  });

  it("tells a valid signature on an expired cookie from a bad one", async () => {
    const expired = fixtures.open.find((o) => o.name === "expired by one second")!;
    const result = await verifyCookie(expired.cookie, expired.secret, { now: expired.now, maxAge: 2678400, epoch: "unix" });
    expect(result).toMatchObject({
      signatureValid: true,
      verdict: "new-empty-session",
      finding: { code: "rejected-valid-signature", error: { code: "expired", detail: { maxAge: 2678400 } } },
    });
  });
});

describe("a cookie read with the 2011 epoch", () => {
  it("says what Flask with itsdangerous < 1.0 does and what a current Flask does", async () => {
    const now = 1_767_225_600;
    const cookie = await signToken(b64urlEncode(new TextEncoder().encode('{"a":1}')), "k", { timestamp: now, epoch: "2011" });
    const result = await verifyCookie(cookie, "k", { now, maxAge: 2678400, epoch: "2011" });
    expect(result.verdict).toBe("loaded");
    // From 1970 the stored seconds are a 1985 date: older than max_age.
    expect(result.finding).toMatchObject({ code: "loaded-2011", current: { outcome: "rejected", error: { code: "expired" } } });
  });

  it("says when a current Flask would load it too", async () => {
    // Stored 0 seconds: 2011-01-01 from 2011, 1970 from Unix time; with no max_age both load.
    const cookie = await signToken(b64urlEncode(new TextEncoder().encode('{"a":1}')), "k", { timestamp: 1293840000, epoch: "2011" });
    const result = await verifyCookie(cookie, "k", { now: 1_767_225_600, maxAge: null, epoch: "2011" });
    expect(result.finding).toEqual({ code: "loaded-2011", current: { outcome: "loaded" } });
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeSessionCookie, encodeSessionCookie, inspectSessionCookie } from "./cookie";
import { decodePayload } from "./payload";
import type { PyDict } from "./py-value";
import { pyRepr, sessionRepr } from "./python-repr";
import type { Epoch, TokenErrorCode } from "./signer";
import { dumpsTagged, loadsTagged } from "./tagged-json";
import { engineErrorMessage } from "./messages";

/** Cookies minted and opened by real Flask 2.2.2 (scripts/fixtures/gen_cookies.py, frozen clock). */
type Described = { repr: string; tagged?: string; taggedError?: string };
type FlaskOpen =
  { outcome: "ok"; timestamp: number; session: Described; sessionRepr: string } | { outcome: "rejected" | "undecodable"; exception: string; message: string };
type Fixtures = {
  versions: Record<string, string>;
  mint: Array<{
    name: string;
    secret: string;
    timestamp: number;
    epoch: Epoch;
    tagged: string;
    retagged: string;
    cookie: string;
    compressed: boolean;
    reopened: FlaskOpen;
  }>;
  open: Array<{ name: string; secret: string; cookie: string; now: number; epoch: Epoch; flask: FlaskOpen; status: number }>;
};

const fixtures: Fixtures = JSON.parse(readFileSync(new URL("../../tests/fixtures/flask-cookies.json", import.meta.url), "utf8"));

function asDict(text: string): PyDict {
  const loaded = loadsTagged(text);
  if (!loaded.ok || loaded.value.type !== "dict") throw new Error(`fixture session is not a dict: ${text}`);
  return loaded.value;
}

/** Which of our error codes each itsdangerous rejection corresponds to. */
function expectedCode(flask: { exception: string; message: string }): TokenErrorCode {
  if (flask.message.startsWith("No b'.' found")) return "no-separator";
  if (flask.message === "timestamp missing") return "no-timestamp";
  if (flask.message === "Malformed timestamp") return "bad-timestamp";
  if (flask.exception === "SignatureExpired") return flask.message.includes(" < 0 ") ? "future" : "expired";
  return "bad-signature";
}

describe("cookies minted by Flask", () => {
  it("cover every session shape the generator wrote", () => {
    expect(fixtures.mint.length).toBeGreaterThan(30);
    expect(fixtures.mint.some((m) => m.compressed)).toBe(true);
    expect(fixtures.mint.some((m) => m.epoch === "2011")).toBe(true);
  });

  for (const m of fixtures.mint) {
    it(`${m.name}: our engine writes the same cookie (${m.compressed ? "compared decoded" : "byte for byte"})`, async () => {
      const session = asDict(m.tagged);
      expect(dumpsTagged(session)).toBe(m.retagged);
      const ours = await encodeSessionCookie(session, m.secret, { timestamp: m.timestamp, epoch: m.epoch });
      const theirs = await decodeSessionCookie(m.cookie, m.secret, { now: m.timestamp, epoch: m.epoch });
      if (m.tagged === m.retagged && !m.compressed && !ours.startsWith(".")) {
        expect(ours).toBe(m.cookie);
      } else {
        // zlib builds differ; what must agree is what the cookie holds, and the signature must verify.
        const mine = await decodeSessionCookie(ours, m.secret, { now: m.timestamp, epoch: m.epoch });
        expect(mine.outcome).toBe("ok");
        expect(theirs.outcome).toBe("ok");
        if (mine.outcome === "ok" && theirs.outcome === "ok") expect(dumpsTagged(mine.session)).toBe(dumpsTagged(theirs.session));
      }
    });

    it(`${m.name}: our engine opens Flask's cookie as Flask does`, async () => {
      const theirs = await decodeSessionCookie(m.cookie, m.secret, { now: Math.max(m.timestamp, 1), epoch: m.epoch });
      expect(m.reopened.outcome).toBe("ok");
      if (theirs.outcome !== "ok" || m.reopened.outcome !== "ok") throw new Error(`not ok: ${JSON.stringify(theirs)}`);
      expect(theirs.timestamp).toBe(m.reopened.timestamp);
      expect(sessionRepr("SecureCookieSession", theirs.session)).toBe(m.reopened.sessionRepr);
      expect(dumpsTagged(theirs.session)).toBe(m.reopened.session.tagged);
    });
  }
});

describe("cookies opened by Flask (good, bad and undecodable)", () => {
  it("cover every outcome", () => {
    const outcomes = new Set(fixtures.open.map((o) => o.flask.outcome));
    expect([...outcomes].sort()).toEqual(["ok", "rejected", "undecodable"]);
  });

  for (const o of fixtures.open) {
    it(`${o.name} (${o.secret}): Flask says ${o.flask.outcome}, HTTP ${o.status}`, async () => {
      const ours = await decodeSessionCookie(o.cookie, o.secret, { now: o.now, epoch: o.epoch });
      const flask = o.flask;
      if (flask.outcome === "ok" && flask.session.taggedError === undefined && /^<SecureCookieSession \{\d/.test(flask.sessionRepr)) {
        // A list of pairs with non-str keys: Flask loads it; PyDict cannot hold it (documented in cookie.ts).
        expect(ours).toMatchObject({ outcome: "undecodable", error: { code: "non-str-key" } });
        return;
      }
      expect(ours.outcome).toBe(flask.outcome);
      if (ours.outcome === "ok" && flask.outcome === "ok") {
        expect(ours.timestamp).toBe(flask.timestamp);
        expect(sessionRepr("SecureCookieSession", ours.session)).toBe(flask.sessionRepr);
        expect(pyRepr(ours.session)).toBe(flask.session.repr);
        if (flask.session.tagged !== undefined) expect(dumpsTagged(ours.session)).toBe(flask.session.tagged);
      } else if (ours.outcome === "rejected" && flask.outcome === "rejected") {
        expect(ours.error.code).toBe(expectedCode(flask));
        expect(engineErrorMessage(ours.error).length).toBeGreaterThan(10);
      } else if (ours.outcome === "undecodable") {
        expect(engineErrorMessage(ours.error).length).toBeGreaterThan(10);
      }
    });
  }
});

describe("the article's own cookie", () => {
  const ARTICLE = "eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ.Ceb-lQ.oy7fSZf9sPcDli8mGHAisRn15Dc";

  it("holds {'key': b'value'} and dates from 2016-04-06 20:09:57 UTC under the 2011 epoch", async () => {
    const seen = await inspectSessionCookie(ARTICLE);
    expect(seen.timestamp).toEqual({ raw: 166133397, unix: 166133397, epoch2011: 1459973397 });
    expect(new Date(seen.timestamp!.epoch2011 * 1000).toISOString()).toBe("2016-04-06T20:09:57.000Z");
    expect(new Date(seen.timestamp!.unix * 1000).getUTCFullYear()).toBe(1975);
    expect(seen.payload?.ok && pyRepr(seen.payload.value)).toBe("{'key': b'value'}");
  });

  it("does not verify with the article's SomeRandomKey: it came from another key", async () => {
    const result = await decodeSessionCookie(ARTICLE, "SomeRandomKey", { now: 1459973397, epoch: "2011" });
    expect(result).toMatchObject({ outcome: "rejected", error: { code: "bad-signature" } });
  });
});

describe("payload compression", () => {
  it("compresses only when it saves more than one byte", async () => {
    const small = await encodeSessionCookie(asDict('{"a":1}'), "k", { timestamp: 0 });
    expect(small.startsWith(".")).toBe(false);
    const big = await encodeSessionCookie(asDict(`{"a":"${"x".repeat(300)}"}`), "k", { timestamp: 0 });
    expect(big.startsWith(".")).toBe(true);
    const decoded = await decodePayload(big.split(".").slice(0, 2).join("."));
    expect(decoded).toMatchObject({ ok: true, compressed: true, json: `{"a":"${"x".repeat(300)}"}` });
  });
});

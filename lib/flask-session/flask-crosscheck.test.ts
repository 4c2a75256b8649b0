/**
 * Live cross-check against real Flask (scripts/fixtures/flask_oracle.py, Debian's Flask 2.2):
 * cookies our engine mints load in Flask with the same key, cookies Flask mints now load in ours,
 * and both agree on what every mutated cookie, odd base64 string, float and ` d` date means.
 * Fails when Flask cannot be run, unless SKIP_FLASK_CROSSCHECK=1 says to skip on purpose.
 */
import { deflateRawSync, deflateSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SKIP_ENV } from "@/scripts/fixtures/flask-oracle";
import { crosscheckSeed, skipLiveCrosscheck, useFlaskOracle } from "@/tests/support/live-oracle";
import { cookieEdit, mutate, pySession, pyText } from "@/tests/support/py-arbitraries";
import { b64urlDecode } from "./base64";
import { decodeSessionCookie, encodeSessionCookie } from "./cookie";
import { floatRepr, pyRepr, sessionRepr } from "./python-repr";
import { dumpsTagged, loadsTagged } from "./tagged-json";

const skip = skipLiveCrosscheck;
if (skip) console.warn(`SKIPPED: the live cross-check against real Flask (${SKIP_ENV}=1).`);

const NOW = 1459973397;
const SECRETS = ["SomeRandomKey", "clé 🔑", "x".repeat(64)];
const seed = crosscheckSeed;

describe.skipIf(skip)("cross-check against real Flask", () => {
  const flask = useFlaskOracle();

  it("runs the Flask the fixtures came from", async () => {
    expect(await flask().versions()).toMatchObject({ flask: "2.2.2", itsdangerous: "2.1.2" });
  });

  it("on the real clock: our cookie minted now opens in Flask now, and Flask's opens in ours", async () => {
    const session = fc.sample(pySession, { numRuns: 1, seed })[0];
    const ours = await encodeSessionCookie(session, "now-key");
    const now = Math.floor(Date.now() / 1000);
    expect(await flask().open(ours, "now-key", now)).toMatchObject({ outcome: "ok", session: { tagged: dumpsTagged(session) } });
    const theirs = await flask().mint(dumpsTagged(session), "now-key", now);
    const opened = await decodeSessionCookie(theirs, "now-key");
    expect(opened.outcome === "ok" && dumpsTagged(opened.session)).toBe(dumpsTagged(session));
  });

  it("cookies our engine mints load in Flask with the same key, as the same session", async () => {
    const sessions = fc.sample(pySession, { numRuns: 150, seed });
    await Promise.all(
      sessions.map(async (session, i) => {
        const secret = SECRETS[i % SECRETS.length];
        const cookie = await encodeSessionCookie(session, secret, { timestamp: NOW });
        const opened = await flask().open(cookie, secret, NOW);
        expect(opened.outcome, cookie).toBe("ok");
        if (opened.outcome !== "ok") return;
        expect(opened.timestamp).toBe(NOW);
        expect(opened.session.tagged).toBe(dumpsTagged(session));
      }),
    );
  });

  it("cookies Flask mints load in our engine, byte-identical unless compressed", async () => {
    const sessions = fc.sample(pySession, { numRuns: 150, seed: seed + 1 });
    await Promise.all(
      sessions.map(async (session, i) => {
        const secret = SECRETS[i % SECRETS.length];
        const flaskCookie = await flask().mint(dumpsTagged(session), secret, NOW);
        const ours = await decodeSessionCookie(flaskCookie, secret, { now: NOW });
        expect(ours.outcome, flaskCookie).toBe("ok");
        if (ours.outcome !== "ok") return;
        expect(dumpsTagged(ours.session)).toBe(dumpsTagged(session));
        const opened = await flask().open(flaskCookie, secret, NOW);
        if (opened.outcome === "ok") expect(sessionRepr("SecureCookieSession", ours.session)).toBe(opened.sessionRepr);
        const mine = await encodeSessionCookie(session, secret, { timestamp: NOW });
        if (!flaskCookie.startsWith(".") && !mine.startsWith(".")) expect(mine).toBe(flaskCookie);
      }),
    );
  });

  it("agrees with Flask on every mutated cookie: same outcome, same session", async () => {
    const cases = fc.sample(fc.tuple(pySession, fc.array(cookieEdit, { minLength: 1, maxLength: 3 })), { numRuns: 300, seed: seed + 2 });
    const outcomes = await Promise.all(
      cases.map(async ([session, edits], i) => {
        const secret = SECRETS[i % SECRETS.length];
        const cookie = edits.reduce(mutate, await encodeSessionCookie(session, secret, { timestamp: NOW }));
        const [ours, theirs] = await Promise.all([decodeSessionCookie(cookie, secret, { now: NOW }), flask().open(cookie, secret, NOW)]);
        expect(ours.outcome, cookie).toBe(theirs.outcome);
        if (ours.outcome === "ok" && theirs.outcome === "ok") expect(sessionRepr("SecureCookieSession", ours.session)).toBe(theirs.sessionRepr);
        return ours.outcome;
      }),
    );
    // Both kinds must occur, or the sample says nothing about leniency.
    expect(new Set(outcomes)).toEqual(new Set(["ok", "rejected"]));
  });

  it("agrees on signed payloads of arbitrary tagged JSON (loaded, rejected as a 500, or made a session)", async () => {
    const texts = fc.sample(
      fc.oneof(
        pySession.map((s) => dumpsTagged(s)),
        fc.json(),
        fc.constantFrom('{"a":{" t":"xy"}}', '{" di":{"ab":1}}', '[["a",1]]', "null", '"ab"', '{"a":{" d":"Sat, 01 Jan 2000 00:00:00 +0100"}}'),
      ),
      { numRuns: 200, seed: seed + 3 },
    );
    await Promise.all(
      texts.map(async (text) => {
        const [ours, theirs] = [loadsTagged(text), await flask().load(text)];
        expect(ours.ok, text).toBe(theirs.ok);
        if (ours.ok && theirs.ok) expect(pyRepr(ours.value), text).toBe(theirs.repr);
      }),
    );
  });

  it("agrees on signed compressed payloads, damaged or not (zlib as Python reads it)", async () => {
    const cases = fc.sample(
      fc.tuple(
        pySession,
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom("none", "flip", "truncate", "append", "raw"),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
      ),
      { numRuns: 250, seed: seed + 7 },
    );
    const outcomes = await Promise.all(
      cases.map(async ([session, level, damage, at, value]) => {
        const json = Buffer.from(dumpsTagged(session));
        let bytes = damage === "raw" ? deflateRawSync(json, { level }) : deflateSync(json, { level });
        const i = at % bytes.length;
        if (damage === "flip") bytes[i] ^= value;
        if (damage === "truncate") bytes = bytes.subarray(0, i);
        if (damage === "append") bytes = Buffer.concat([bytes, Buffer.from([value, 0, value])]);
        const cookie = await flask().sign("." + bytes.toString("base64url"), "k", NOW);
        const [ours, theirs] = await Promise.all([decodeSessionCookie(cookie, "k", { now: NOW }), flask().open(cookie, "k", NOW)]);
        const oursSeen = ours.outcome === "undecodable" && ours.error.code === "non-str-key" ? "ok" : ours.outcome;
        expect(oursSeen, `${damage} ${cookie}`).toBe(theirs.outcome);
        if (ours.outcome === "ok" && theirs.outcome === "ok") expect(sessionRepr("SecureCookieSession", ours.session)).toBe(theirs.sessionRepr);
        return ours.outcome;
      }),
    );
    expect(new Set(outcomes)).toEqual(new Set(["ok", "undecodable"]));
  });

  it("reads ` d` dates exactly as Werkzeug's parse_date does", async () => {
    const dayNames = fc.constantFrom("Wed,", "wed", "Sun,", "", "Foo,");
    const months = fc.constantFrom("Apr", "april", "APR", "Sept", "xyz");
    const zones = fc.constantFrom("GMT", "+0200", "-0530", "-0000", "EST", "z", "+99", "+2400", "", "UT");
    const dates = fc.sample(
      fc.oneof(
        fc
          .tuple(
            dayNames,
            fc.integer({ min: -1, max: 32 }),
            months,
            fc.integer({ min: -5, max: 10000 }),
            fc.integer({ min: 0, max: 25 }),
            fc.integer({ min: 0, max: 61 }),
            zones,
          )
          .map(([d, day, m, y, h, s, z]) => `${d} ${day} ${m} ${y} ${h}:0${s % 10}:${s} ${z}`),
        pyText,
        // int() and str.isdigit() corners: Unicode digits, underscores, signs, odd separators.
        fc.constantFrom(
          "06 Apr \u2474 01:02:03 2016",
          "\u0660\u0666 Apr \u0662\u0660\u0661\u0666 01:02:03 GMT",
          "06 Apr 2_016 01:02:03 GMT",
          "06 Apr +2016 01:02:03",
          "Wed,06 Apr 2016 01.02.03 +0100",
          "06-Apr-16 01:02:03 GMT",
          "Apr 06 2016 01:02",
          "06 Apr 2016, 01:02:03, GMT",
        ),
      ),
      { numRuns: 300, seed: seed + 4 },
    );
    const reprs = await Promise.all(
      dates.map(async (date) => {
        const text = JSON.stringify({ a: { " d": date } });
        const [ours, theirs] = [loadsTagged(text), await flask().load(text)];
        expect(ours.ok, date).toBe(theirs.ok);
        if (ours.ok && theirs.ok) expect(pyRepr(ours.value), date).toBe(theirs.repr);
        return ours.ok ? pyRepr(ours.value) : "error";
      }),
    );
    expect(reprs.filter((r) => r.includes("datetime.datetime(")).length).toBeGreaterThan(30);
    expect(reprs.filter((r) => r.includes("None")).length).toBeGreaterThan(30);
  });

  it("decodes odd base64 exactly as itsdangerous does", async () => {
    const texts = fc.sample(fc.string({ unit: fc.constantFrom(..."AQab09-_+/=.!é"), maxLength: 14 }), { numRuns: 300, seed: seed + 5 });
    await Promise.all(
      texts.map(async (text) => {
        const theirs = await flask().b64url(text);
        const ours = b64urlDecode(text);
        expect(ours === null ? null : Buffer.from(ours).toString("hex"), text).toBe(theirs.ok ? theirs.hex : null);
      }),
    );
  });

  it("prints floats as Python does", async () => {
    const doubles = fc.sample(fc.double(), { numRuns: 2000, seed: seed + 6 });
    const bits = doubles.map((x) => {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, x);
      return Buffer.from(view.buffer).toString("hex");
    });
    const theirs = await flask().floats(bits);
    expect(doubles.map(floatRepr)).toEqual(theirs.repr);
  });
});

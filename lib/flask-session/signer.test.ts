import { describe, expect, it } from "vitest";
import { decodeTimestamp, encodeTimestamp, FLASK_MAX_AGE, signToken, splitToken, verifyToken } from "./signer";

// Cookies minted by Flask 2.2.2 / itsdangerous 2.1.2 with a frozen clock (see tests/fixtures for many more).
const FLASK_EMPTY_AT_0 = "e30..dpprIqk38xIPbHzbJzVAITn7QnU"; // {} with key "k" at t=0
const FLASK_A1_AT_1 = "eyJhIjoxfQ.AQ.Q9AawFh_SF_hxq-LUJp3vWdLpJU"; // {"a": 1} with key "secret" at t=1
const ARTICLE_APP = "eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ.VwVtFQ.X9H3p1MiWshJdAz-Dhx-700xFXY"; // key "SomeRandomKey" at 1459973397

describe("timestamps", () => {
  it("are minimal big-endian bytes, so 0 is an empty segment", () => {
    expect(encodeTimestamp(0)).toBe("");
    expect(encodeTimestamp(1)).toBe("AQ");
    expect(encodeTimestamp(1459973397)).toBe("VwVtFQ");
  });

  it("read back, and more than 8 bytes is malformed", () => {
    expect(decodeTimestamp("")).toBe(0n);
    expect(decodeTimestamp("VwVtFQ")).toBe(1459973397n);
    expect(decodeTimestamp("AAAAAAAAAAAA")).toBeNull();
  });
});

describe("signToken", () => {
  it("signs exactly as Flask does", async () => {
    expect(await signToken("e30", "k", { timestamp: 0 })).toBe(FLASK_EMPTY_AT_0);
    expect(await signToken("eyJhIjoxfQ", "secret", { timestamp: 1 })).toBe(FLASK_A1_AT_1);
    expect(await signToken("eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ", "SomeRandomKey", { timestamp: 1459973397 })).toBe(ARTICLE_APP);
  });

  it("writes 2011-epoch timestamps for the old rule set", async () => {
    const token = await signToken("e30", "k", { timestamp: 1459973397, epoch: "2011" });
    expect(splitToken(token)).toMatchObject({ ok: true, timestamp: "Ceb-lQ" });
  });
});

describe("verifyToken", () => {
  const now = 1459973397;

  it("accepts Flask's cookie and returns its payload and Unix timestamp", async () => {
    expect(await verifyToken(ARTICLE_APP, "SomeRandomKey", { now, maxAge: FLASK_MAX_AGE })).toEqual({
      ok: true,
      payload: "eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ",
      timestamp: now,
    });
  });

  it("rejects another key as a bad signature", async () => {
    const result = await verifyToken(ARTICLE_APP, "OtherKey", { now });
    expect(result.ok === false && result.error.code).toBe("bad-signature");
  });

  it("rejects a value without a dot", async () => {
    const result = await verifyToken("abc", "k", { now });
    expect(result.ok === false && result.error.code).toBe("no-separator");
  });

  it("rejects a cookie older than max_age and one from the future", async () => {
    const old = await verifyToken(ARTICLE_APP, "SomeRandomKey", { now: now + FLASK_MAX_AGE + 1, maxAge: FLASK_MAX_AGE });
    expect(old.ok === false && old.error).toEqual({ stage: "timestamp", code: "expired", detail: { age: FLASK_MAX_AGE + 1, maxAge: FLASK_MAX_AGE } });
    const future = await verifyToken(ARTICLE_APP, "SomeRandomKey", { now: now - 1, maxAge: FLASK_MAX_AGE });
    expect(future.ok === false && future.error.code).toBe("future");
  });

  it("still accepts a cookie exactly max_age old", async () => {
    const result = await verifyToken(ARTICLE_APP, "SomeRandomKey", { now: now + FLASK_MAX_AGE, maxAge: FLASK_MAX_AGE });
    expect(result.ok).toBe(true);
  });

  it("accepts a signature whose last character differs only in unused low bits", async () => {
    // The 27th character of a SHA-1 signature carries 4 bits: "Y" (24) and "Z" (25) decode alike.
    const sig = ARTICLE_APP.slice(ARTICLE_APP.lastIndexOf(".") + 1);
    const last = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(sig.at(-1)!);
    const twin = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[last ^ 1];
    const result = await verifyToken(ARTICLE_APP.slice(0, -1) + twin, "SomeRandomKey", { now });
    expect(result.ok).toBe(true);
  });

  it("reads 2011-epoch timestamps as Unix time when asked", async () => {
    const token = await signToken("e30", "k", { timestamp: now, epoch: "2011" });
    expect(await verifyToken(token, "k", { now, epoch: "2011", maxAge: FLASK_MAX_AGE })).toMatchObject({ ok: true, timestamp: now });
    const unix = await verifyToken(token, "k", { now, maxAge: FLASK_MAX_AGE });
    expect(unix.ok === false && unix.error.code).toBe("expired");
  });
});

import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { setPlatformHmac, signToken, splitToken, verifyToken } from "@/lib/flask-session/signer";

type Minted = { name: string; secret: string; cookie: string; timestamp: number; epoch: "unix" | "2011" };
type Opened = { name: string; secret: string; cookie: string; now: number; epoch: "unix" | "2011" };
const fixtures: { maxAge: number; mint: Minted[]; open: Opened[] } = JSON.parse(
  readFileSync(new URL("../../tests/fixtures/flask-cookies.json", import.meta.url), "utf8"),
);
const nodeHmac = (key: Uint8Array, data: Uint8Array) => new Uint8Array(createHmac("sha1", key).update(data).digest());

// npm start (scripts/server/main.ts) hands the signer's HMAC to node:crypto; tokens and verdicts must not change.
describe("node:crypto's HMAC as the signer's", () => {
  afterEach(() => setPlatformHmac(null));

  it("signs every cookie Flask minted to the same bytes as Web Crypto does", async () => {
    for (const mint of fixtures.mint) {
      const parts = splitToken(mint.cookie);
      if (!parts.ok) throw new Error(`fixture ${mint.name} is not a token`);
      const opts = { timestamp: mint.timestamp, epoch: mint.epoch };
      setPlatformHmac(null);
      const fromWebCrypto = await signToken(parts.payload, mint.secret, opts);
      setPlatformHmac(nodeHmac);
      const fromNode = await signToken(parts.payload, mint.secret, opts);
      expect(fromNode, mint.name).toBe(fromWebCrypto);
      expect(fromNode, mint.name).toBe(mint.cookie);
    }
  });

  it("gives the same verdict as Web Crypto on every cookie Flask opened, good or bad", async () => {
    for (const open of fixtures.open) {
      const opts = { now: open.now, epoch: open.epoch, maxAge: fixtures.maxAge };
      setPlatformHmac(null);
      const fromWebCrypto = await verifyToken(open.cookie, open.secret, opts);
      setPlatformHmac(nodeHmac);
      const fromNode = await verifyToken(open.cookie, open.secret, opts);
      expect(fromNode, open.name).toEqual(fromWebCrypto);
    }
  });

  it("rejects a signature one byte off, and one of another length", async () => {
    setPlatformHmac(nodeHmac);
    const token = await signToken("e30", "k", { timestamp: 1 });
    const last = token.at(-1) === "A" ? "B" : "A";
    expect((await verifyToken(token.slice(0, -1) + last, "k", { now: 1 })).ok).toBe(false);
    expect((await verifyToken(token + "AAAA", "k", { now: 1 })).ok).toBe(false);
  });
});

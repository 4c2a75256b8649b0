import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cookieEdit, mutate, pySession } from "@/tests/support/py-arbitraries";
import { decodeSessionCookie, encodeSessionCookie } from "./cookie";
import { dumpsTagged, loadsTagged } from "./tagged-json";

const NOW = 1459973397;
const secret = fc.string({ minLength: 1, maxLength: 20 });

describe("properties of the codec", () => {
  it("any serialisable session survives sign, verify and load", async () => {
    await fc.assert(
      fc.asyncProperty(pySession, secret, async (session, key) => {
        const cookie = await encodeSessionCookie(session, key, { timestamp: NOW });
        const back = await decodeSessionCookie(cookie, key, { now: NOW });
        expect(back.outcome).toBe("ok");
        if (back.outcome !== "ok") return;
        expect(back.timestamp).toBe(NOW);
        // Key order is not kept (Flask writes keys sorted); the canonical tagged JSON tells every type apart.
        expect(dumpsTagged(back.session)).toBe(dumpsTagged(session));
      }),
      { numRuns: 300 },
    );
  });

  it("tagged JSON reads back to the same value", () => {
    fc.assert(
      fc.property(pySession, (session) => {
        const text = dumpsTagged(session);
        const loaded = loadsTagged(text);
        expect(loaded.ok && dumpsTagged(loaded.value)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it("any mutated cookie is rejected, or decodes to exactly what was signed", async () => {
    await fc.assert(
      fc.asyncProperty(pySession, secret, fc.array(cookieEdit, { minLength: 1, maxLength: 3 }), async (session, key, edits) => {
        const cookie = await encodeSessionCookie(session, key, { timestamp: NOW });
        const changed = edits.reduce(mutate, cookie);
        const back = await decodeSessionCookie(changed, key, { now: NOW });
        if (back.outcome === "ok") {
          expect(dumpsTagged(back.session)).toBe(dumpsTagged(session));
        } else {
          // A forged payload cannot carry a valid signature, so a mutation never reaches the payload decoder.
          expect(back.outcome).toBe("rejected");
        }
      }),
      { numRuns: 400 },
    );
  });

  it("never throws on arbitrary input, whatever the key", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), secret, async (value, key) => {
        const back = await decodeSessionCookie(value, key, { now: NOW });
        expect(["ok", "rejected", "undecodable"]).toContain(back.outcome);
      }),
      { numRuns: 300 },
    );
  });
});

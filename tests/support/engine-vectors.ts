/**
 * One run of the session engine over a list of vectors, written so the very same code runs in
 * Node and, bundled, inside a Chromium page: the browser test compares the two result lists.
 */
import { decodeSessionCookie, encodeSessionCookie, inspectSessionCookie } from "@/lib/flask-session/cookie";
import type { Epoch } from "@/lib/flask-session/signer";
import { pyRepr, sessionRepr } from "@/lib/flask-session/python-repr";
import { dumpsTagged, loadsTagged } from "@/lib/flask-session/tagged-json";

export type Vector =
  | { kind: "mint"; tagged: string; secret: string; timestamp: number; epoch: Epoch }
  | { kind: "open"; cookie: string; secret: string; now: number; epoch: Epoch }
  | { kind: "inspect"; cookie: string };

export type VectorResult = {
  kind: string;
  cookie?: string;
  compressed?: boolean;
  outcome?: string;
  code?: string;
  session?: string;
  repr?: string;
  timestamp?: number;
};

export async function runVectors(vectors: Vector[]): Promise<VectorResult[]> {
  const results: VectorResult[] = [];
  for (const v of vectors) {
    if (v.kind === "mint") {
      const loaded = loadsTagged(v.tagged);
      if (!loaded.ok || loaded.value.type !== "dict") {
        results.push({ kind: v.kind, outcome: "not-a-session" });
        continue;
      }
      const cookie = await encodeSessionCookie(loaded.value, v.secret, { timestamp: v.timestamp, epoch: v.epoch });
      const back = await decodeSessionCookie(cookie, v.secret, { now: v.timestamp, epoch: v.epoch });
      // Compressed cookies depend on the platform's zlib: keep what they decode to instead.
      results.push({
        kind: v.kind,
        compressed: cookie.startsWith("."),
        cookie: cookie.startsWith(".") ? undefined : cookie,
        outcome: back.outcome,
        session: back.outcome === "ok" ? dumpsTagged(back.session) : undefined,
      });
    } else if (v.kind === "open") {
      const back = await decodeSessionCookie(v.cookie, v.secret, { now: v.now, epoch: v.epoch });
      results.push(
        back.outcome === "ok"
          ? {
              kind: v.kind,
              outcome: back.outcome,
              session: dumpsTagged(back.session),
              repr: sessionRepr("SecureCookieSession", back.session),
              timestamp: back.timestamp,
            }
          : { kind: v.kind, outcome: back.outcome, code: back.error.code },
      );
    } else {
      const seen = await inspectSessionCookie(v.cookie);
      results.push({
        kind: v.kind,
        outcome: seen.payload?.ok ? "ok" : (seen.payload?.error.code ?? "none"),
        repr: seen.payload?.ok ? pyRepr(seen.payload.value) : undefined,
        timestamp: seen.timestamp?.epoch2011,
      });
    }
  }
  return results;
}

/**
 * Checking a cookie with a secret key, in the page: the HMAC runs in Web Crypto, so the key never
 * leaves the reader's browser. Two answers: does the signature match (whatever the cookie's age),
 * and what would Flask do with the cookie (load it, silently start a new empty session, or fail
 * with a 500 because a correctly signed payload cannot be decoded).
 */
import { decodeSessionCookie, type DecodedCookie } from "@/lib/flask-session/cookie";
import type { UndecodableError } from "@/lib/flask-session/engine-error";
import type { PyDict } from "@/lib/flask-session/py-value";
import { verifyToken, type Epoch } from "@/lib/flask-session/signer";

type FlaskVerdict = "loaded" | "new-empty-session" | "error-500";

type Rejection = Extract<DecodedCookie, { outcome: "rejected" }>["error"];

/**
 * What the check found, as a code with its facts (./messages.ts words it):
 * - `loaded`: signature and age valid, Flask loads the session;
 * - `loaded-2011`: so for a Flask counting from 2011 (itsdangerous < 1.0), and `current` says what
 *   a current Flask, counting from 1970, does with the same cookie;
 * - `rejected-valid-signature`: the signature verifies but Flask still rejects the cookie (its age);
 * - `bad-signature`: the signature does not verify with this key;
 * - `loaded-non-str-keys`, `loaded-too-large`: Flask loads payloads this engine cannot show;
 * - `error-500`: correctly signed, but the payload cannot be decoded.
 */
export type VerifyFinding =
  | { code: "loaded" }
  | { code: "loaded-2011"; current: { outcome: "loaded" } | { outcome: "rejected"; error: Rejection } | { outcome: "undecodable" } }
  | { code: "rejected-valid-signature"; error: Rejection }
  | { code: "bad-signature"; error: Rejection }
  | { code: "loaded-non-str-keys"; detail: { index: number; type: string } }
  | { code: "loaded-too-large"; limit: number }
  | { code: "error-500"; error: UndecodableError };

export type Verification = {
  signatureValid: boolean;
  verdict: FlaskVerdict;
  finding: VerifyFinding;
  session: PyDict | null;
};

export async function verifyCookie(value: string, secret: string, opts: { now: number; maxAge: number | null; epoch: Epoch }): Promise<Verification> {
  const signature = await verifyToken(value, secret, { maxAge: null, epoch: opts.epoch });
  const signatureValid = signature.ok || (signature.error.code !== "bad-signature" && signature.error.code !== "no-separator");
  const flask = await decodeSessionCookie(value, secret, { maxAge: opts.maxAge, now: opts.now, epoch: opts.epoch });
  switch (flask.outcome) {
    case "ok": {
      let finding: VerifyFinding = { code: "loaded" };
      if (opts.epoch === "2011") {
        // The verdict above is for a Flask whose itsdangerous counts from 2011 (before 1.0); say what a current one does.
        const current = await decodeSessionCookie(value, secret, { maxAge: opts.maxAge, now: opts.now, epoch: "unix" });
        finding = {
          code: "loaded-2011",
          current:
            current.outcome === "ok"
              ? { outcome: "loaded" }
              : current.outcome === "rejected"
                ? { outcome: "rejected", error: current.error }
                : { outcome: "undecodable" },
        };
      }
      return { signatureValid: true, verdict: "loaded", finding, session: flask.session };
    }
    case "rejected":
      return {
        signatureValid,
        verdict: "new-empty-session",
        finding: { code: signatureValid ? "rejected-valid-signature" : "bad-signature", error: flask.error },
        session: null,
      };
    case "undecodable":
      // Two payloads Flask reads that this engine cannot: it would load them, not fail.
      if (flask.error.code === "non-str-key") {
        return { signatureValid: true, verdict: "loaded", finding: { code: "loaded-non-str-keys", detail: flask.error.detail }, session: null };
      }
      if (flask.error.code === "too-large") {
        return { signatureValid: true, verdict: "loaded", finding: { code: "loaded-too-large", limit: flask.error.detail.limit }, session: null };
      }
      return { signatureValid: true, verdict: "error-500", finding: { code: "error-500", error: flask.error }, session: null };
  }
}

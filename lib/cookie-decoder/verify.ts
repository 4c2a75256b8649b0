/**
 * Checking a cookie with a secret key, in the page: the HMAC runs in Web Crypto, so the key never
 * leaves the reader's browser. Two answers: does the signature match (whatever the cookie's age),
 * and what would Flask do with the cookie (load it, silently start a new empty session, or fail
 * with a 500 because a correctly signed payload cannot be decoded).
 */
import { decodeSessionCookie } from "@/lib/flask-session/cookie";
import { engineErrorMessage, nonStrKeyFact } from "@/lib/flask-session/messages";
import { MAX_INFLATED_BYTES } from "@/lib/flask-session/payload";
import type { PyDict } from "@/lib/flask-session/py-value";
import { verifyToken, type Epoch } from "@/lib/flask-session/signer";

type FlaskVerdict = "loaded" | "new-empty-session" | "error-500";

export type Verification = {
  signatureValid: boolean;
  verdict: FlaskVerdict;
  /** One or two sentences for the reader. */
  message: string;
  session: PyDict | null;
};

export async function verifyCookie(value: string, secret: string, opts: { now: number; maxAge: number | null; epoch: Epoch }): Promise<Verification> {
  const signature = await verifyToken(value, secret, { maxAge: null, epoch: opts.epoch });
  const signatureValid = signature.ok || (signature.error.code !== "bad-signature" && signature.error.code !== "no-separator");
  const flask = await decodeSessionCookie(value, secret, { maxAge: opts.maxAge, now: opts.now, epoch: opts.epoch });
  switch (flask.outcome) {
    case "ok": {
      let message = "The signature verifies with this key and the cookie's age is within max_age: Flask would load this session.";
      if (opts.epoch === "2011") {
        // The verdict above is for a Flask whose itsdangerous counts from 2011 (before 1.0); say what a current one does.
        const current = await decodeSessionCookie(value, secret, { maxAge: opts.maxAge, now: opts.now, epoch: "unix" });
        message = `The signature verifies with this key, and Flask with itsdangerous < 1.0 (the 2011 epoch chosen above) would load this session. ${
          current.outcome === "ok"
            ? "A current Flask, counting from 1970, would load it too."
            : `A current Flask, counting from 1970, would not: ${current.outcome === "rejected" ? engineErrorMessage(current.error) : "its payload cannot be decoded"}.`
        }`;
      }
      return { signatureValid: true, verdict: "loaded", message, session: flask.session };
    }
    case "rejected":
      return {
        signatureValid,
        verdict: "new-empty-session",
        message: signatureValid
          ? `The signature verifies with this key, but Flask would still reject the cookie and silently start a new empty session: ${engineErrorMessage(flask.error)}`
          : `The signature does not verify with this key: Flask would silently start a new empty session. ${engineErrorMessage(flask.error)}`,
        session: null,
      };
    case "undecodable":
      // Two payloads Flask reads that this engine cannot: it would load them, not fail.
      if (flask.error.code === "non-str-key") {
        return {
          signatureValid: true,
          verdict: "loaded",
          message: `The signature verifies with this key, and Flask would load this session, a dict whose keys are not all strings (${nonStrKeyFact(flask.error.detail)}). This decoder does not model such sessions, so it cannot show it; Flask fails with a 500 only on a response that writes it back.`,
          session: null,
        };
      }
      if (flask.error.code === "too-large") {
        return {
          signatureValid: true,
          verdict: "loaded",
          message: `The signature verifies with this key. The payload is compressed and unpacks to more than ${MAX_INFLATED_BYTES} bytes, where this decoder stops; Flask has no limit and would unpack it, then load the session if the JSON inside is a valid session.`,
          session: null,
        };
      }
      return {
        signatureValid: true,
        verdict: "error-500",
        message: `The signature verifies with this key, but the payload cannot be decoded, so Flask fails while opening the session and answers 500 on every route: ${engineErrorMessage(flask.error)}`,
        session: null,
      };
  }
}

/**
 * The engine's failures as data: which stage of Flask's reading of a cookie failed (in Flask's
 * order), a stable code, and the facts a message needs. The engine writes no English about them;
 * ./messages.ts words them for the JSON view, and the decoder words them its own way.
 *
 * A `reason` in a detail is the text Python (or zlib, or binascii) itself gives for the failure,
 * quoted as it would appear in Flask's traceback.
 */
import type { TagProblem } from "./untag";

/**
 * Each error names its stage: where the failure happened, in the order Flask reads a session
 * cookie ("split", "signature", "timestamp", "base64", "decompress", "utf8", "json", "tag",
 * "session"), then writing one ("serialize").
 */

type NoDetail = Record<string, never>;

/** `Signer.unsign` / `TimestampSigner.unsign` (itsdangerous): all BadSignature except the last. */
export type TokenError =
  | { stage: "split"; code: "no-separator" | "no-timestamp"; detail: NoDetail }
  | { stage: "signature"; code: "bad-signature"; detail: { signature: string } }
  | { stage: "timestamp"; code: "bad-timestamp"; detail: { timestamp: string } }
  | { stage: "timestamp"; code: "expired" | "future"; detail: { age: number; maxAge: number } }
  /** Not a BadSignature: Python raises building a datetime past the year 9999, so Flask answers 500. */
  | { stage: "timestamp"; code: "timestamp-out-of-range"; detail: { seconds: string } };

export type TokenErrorCode = TokenError["code"];

export type JsonError = { stage: "json"; code: "not-json"; detail: { reason: string; position: number | null } };
export type TagFailure = { stage: "tag"; code: "bad-tag"; detail: TagProblem };

/** itsdangerous `load_payload` (BadPayload, a 500 in Flask). */
export type PayloadError =
  | { stage: "base64"; code: "bad-base64"; detail: { reason: string } }
  | { stage: "decompress"; code: "bad-zlib"; detail: { reason: string } }
  /** Compressed data past the engine's inflate limit, which Python (no limit) would inflate. */
  | { stage: "decompress"; code: "too-large"; detail: { limit: number } }
  | { stage: "utf8"; code: "not-utf8"; detail: NoDetail }
  | JsonError
  | TagFailure;

/** `dict(value)` for the session (Werkzeug's CallbackDict): what Python objects to, element by element. */
export type SessionProblem =
  | { problem: "not-iterable"; type: string }
  | { problem: "not-a-pair"; index: number; type: string }
  | { problem: "pair-length"; index: number; length: number }
  | { problem: "unhashable-key"; index: number; type: string };

export type SessionError =
  | { stage: "session"; code: "bad-session"; detail: SessionProblem }
  /** Loads in Flask as a dict with non-str keys, which this engine does not model. */
  | { stage: "session"; code: "non-str-key"; detail: { index: number; type: string } };

/** Why a correctly signed cookie cannot be opened (Flask answers 500). */
export type UndecodableError = PayloadError | SessionError | Extract<TokenError, { code: "timestamp-out-of-range" }>;

/** A session Flask's serializer cannot write: Python raises, and Flask answers 500. */
export type SerializeFailure =
  | { stage: "serialize"; code: "bad-uuid"; detail: { hex: string } }
  | { stage: "serialize"; code: "datetime-out-of-range"; detail: { epochMs: number } }
  | { stage: "serialize"; code: "circular"; detail: NoDetail };

export type EngineError = TokenError | PayloadError | SessionError | SerializeFailure;

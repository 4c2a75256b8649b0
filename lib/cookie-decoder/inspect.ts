/**
 * Reads a session cookie stage by stage without the secret key — what anyone holding the cookie
 * can see, since Flask's session is signed, not encrypted. Each stage reports what it produced or,
 * for the first one that fails, which part of the cookie is wrong and why.
 *
 * The stages are Flask's own, in its order (itsdangerous `URLSafeSerializerMixin.load_payload`,
 * then `SecureCookieSessionInterface.open_session`): split on the last two dots, base64-decode the
 * payload, inflate it when it starts with ".", decode UTF-8, load tagged JSON, build the session
 * dict. The codec primitives are lib/flask-session's; this module only runs them one at a time.
 */
import { sessionFromValue } from "@/lib/flask-session/cookie";
import type { PayloadError, SessionError } from "@/lib/flask-session/engine-error";
import { decodePayload } from "@/lib/flask-session/payload";
import { isTruthy } from "@/lib/flask-session/py-builtins";
import type { PyDict, PyValue } from "@/lib/flask-session/py-value";
import { pyRepr, sessionRepr } from "@/lib/flask-session/python-repr";
import { decodeTimestamp, EPOCH_2011, MAX_PY_TIMESTAMP, splitToken, type Epoch } from "@/lib/flask-session/signer";
import { dumpsTagged } from "@/lib/flask-session/tagged-json";
import { dumpCookie, MAX_COOKIE_SIZE } from "@/lib/flask-session/werkzeug-cookies";
import { guessEpoch, type EpochGuess } from "./epoch";
import { prettyJson } from "./pretty-json";

type PartKind = "payload" | "timestamp" | "signature";

/** The cookie cut into its coloured parts, dots included, so the pieces join back into the value. */
export type Piece = { kind: PartKind | "dot" | "marker"; text: string };

/** What the decoder knows about a payload besides its error: its length and its bytes after base64. */
export type PayloadFacts = { payloadLength: number; bytes: number };

/**
 * One problem the decoder found, as data: the part of the cookie, Flask's stage and a code, and
 * the facts a sentence needs. ./messages.ts words it.
 */
export type DecodeError = { part: PartKind | "cookie" } & (
  | { stage: "split"; code: "no-separator" | "no-timestamp" | "empty-signature"; detail: Record<string, never> }
  | { stage: "timestamp"; code: "bad-timestamp"; detail: { segment: string } }
  /** `past`: "integer" when the seconds are beyond a safe integer, "year-9999" when the date is. */
  | { stage: "timestamp"; code: "timestamp-out-of-range"; detail: { seconds: string; past: "integer" | "year-9999" } }
  | (PayloadError & { facts: PayloadFacts })
  | SessionError
);

export type TimestampReading = {
  segment: string;
  /** Seconds as stored, before any epoch is added. */
  raw: number;
  unix: number;
  epoch2011: number;
  guess: EpochGuess;
};

type PayloadReading = {
  segment: string;
  compressed: boolean;
  /** Bytes after base64 (the zlib stream when compressed). */
  base64Bytes: number | null;
  /** Bytes after inflating, when compressed. */
  inflatedBytes: number | null;
  /** The JSON text as stored in the cookie, when the bytes are UTF-8. */
  json: string | null;
  /** Parsed and untagged, when the JSON loads. */
  value: PyValue | null;
  /** The dict Flask's session would hold. */
  session: PyDict | null;
  /** `repr()` of that dict, and of the session object as the article's view prints it. */
  repr: string | null;
  sessionRepr: string | null;
  /** The session as Flask would write it back, indented for reading and editing. */
  taggedPretty: string | null;
};

export type SizeReading = { header: string; bytes: number; limit: number; over: boolean };

export type Inspection = {
  value: string;
  pieces: Piece[];
  parts: { payload: string; timestamp: string; signature: string } | null;
  timestamp: TimestampReading | null;
  payload: PayloadReading | null;
  /** Every problem found, in Flask's order; the first one is what Flask would trip on. */
  errors: DecodeError[];
  size: SizeReading;
};

/** The parts of a value, for colouring; a value without two dots is shown as one payload piece. */
export function piecesOf(value: string): Piece[] {
  const split = splitToken(value);
  if (!split.ok) {
    const dot = value.lastIndexOf(".");
    if (dot < 0) return [{ kind: "payload", text: value }];
    return [...payloadPieces(value.slice(0, dot)), { kind: "dot", text: "." }, { kind: "signature", text: value.slice(dot + 1) }];
  }
  return [
    ...payloadPieces(split.payload),
    { kind: "dot", text: "." },
    { kind: "timestamp", text: split.timestamp },
    { kind: "dot", text: "." },
    { kind: "signature", text: split.signature },
  ];
}

function payloadPieces(payload: string): Piece[] {
  if (!payload.startsWith(".")) return [{ kind: "payload", text: payload }];
  return [
    { kind: "marker", text: "." },
    { kind: "payload", text: payload.slice(1) },
  ];
}

/**
 * Werkzeug warns when the whole Set-Cookie value passes 4093 bytes. Measured on the header Flask
 * would send for this value with its default settings, unless the reader pasted a Set-Cookie line.
 */
export function sizeOf(value: string, setCookie?: string, permanent = false): SizeReading {
  // A permanent session's cookie also carries Expires (a date of fixed length, so any date measures it).
  const header = setCookie ?? dumpCookie("session", value, { httponly: true, path: "/", expires: permanent ? 0 : null });
  const bytes = new TextEncoder().encode(header).length;
  return { header, bytes, limit: MAX_COOKIE_SIZE, over: bytes > MAX_COOKIE_SIZE };
}

function readTimestamp(segment: string, now: number): TimestampReading | DecodeError {
  const raw = decodeTimestamp(segment);
  if (raw === null) {
    return { part: "timestamp", stage: "timestamp", code: "bad-timestamp", detail: { segment } };
  }
  if (raw > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { part: "timestamp", stage: "timestamp", code: "timestamp-out-of-range", detail: { seconds: String(raw), past: "integer" } };
  }
  const n = Number(raw);
  const reading = { segment, raw: n, unix: n, epoch2011: n + EPOCH_2011, guess: guessEpoch(n, now) };
  if (timestampUnder(reading, reading.guess.epoch) > MAX_PY_TIMESTAMP) {
    // itsdangerous builds a datetime from it after checking the signature; Python raises past 9999.
    return { part: "timestamp", stage: "timestamp", code: "timestamp-out-of-range", detail: { seconds: String(n), past: "year-9999" } };
  }
  return reading;
}

/** The payload stages, decoded once by the engine; stops at the first failure and says which stage and why. */
async function readPayload(segment: string): Promise<{ reading: PayloadReading; error: DecodeError | null }> {
  const loaded = await decodePayload(segment);
  const reading: PayloadReading = {
    segment,
    compressed: loaded.compressed,
    base64Bytes: loaded.bytes?.length ?? null,
    inflatedBytes: null,
    // A compressed payload that fails shows no JSON: the reader sees the stage that failed.
    json: loaded.ok || !loaded.compressed ? loaded.json : null,
    value: null,
    session: null,
    repr: null,
    sessionRepr: null,
    taggedPretty: null,
  };
  if (!loaded.ok) {
    const facts = { payloadLength: segment.length - (loaded.compressed ? 1 : 0), bytes: reading.base64Bytes ?? 0 };
    return { reading, error: { part: "payload", ...loaded.error, facts } };
  }
  reading.inflatedBytes = loaded.inflatedBytes;
  reading.value = loaded.value;
  const session = sessionFromValue(loaded.value);
  if (!session.ok) return { reading, error: { part: "payload", ...session.error } };
  reading.session = session.session;
  reading.repr = pyRepr(session.session);
  reading.sessionRepr = sessionRepr("SecureCookieSession", session.session);
  try {
    reading.taggedPretty = prettyJson(dumpsTagged(session.session));
  } catch {
    reading.taggedPretty = null;
  }
  return { reading, error: null };
}

/**
 * Inspect a cookie value (as `parseCookieInput` returns it). `now` is Unix seconds, used only to
 * guess the timestamp's epoch. Never throws.
 */
export async function inspectCookie(value: string, opts: { now: number; setCookie?: string }): Promise<Inspection> {
  const errors: DecodeError[] = [];
  const size = sizeOf(value, opts.setCookie);
  const pieces = piecesOf(value);
  const split = splitToken(value);
  if (!split.ok) {
    errors.push({ part: "cookie", stage: "split", code: split.error.code === "no-separator" ? "no-separator" : "no-timestamp", detail: {} });
    // With one dot there is still a payload Flask would try to read after a valid signature.
    const dot = value.lastIndexOf(".");
    if (dot <= 0) return { value, pieces, parts: null, timestamp: null, payload: null, errors, size };
    const { reading, error } = await readPayload(value.slice(0, dot));
    if (error) errors.push(error);
    return { value, pieces, parts: null, timestamp: null, payload: reading, errors, size };
  }
  const parts = { payload: split.payload, timestamp: split.timestamp, signature: split.signature };
  if (parts.signature === "") {
    errors.push({ part: "signature", stage: "split", code: "empty-signature", detail: {} });
  }
  const ts = readTimestamp(parts.timestamp, opts.now);
  let timestamp: TimestampReading | null = null;
  if ("part" in ts) errors.push(ts);
  else timestamp = ts;
  const { reading, error } = await readPayload(parts.payload);
  if (error) errors.push(error);
  // Flask writes a permanent session (`_permanent` true) with an Expires attribute: count it.
  const permanent = reading.session?.entries.get("_permanent");
  const measured = opts.setCookie === undefined && permanent !== undefined && isTruthy(permanent) ? sizeOf(value, undefined, true) : size;
  return { value, pieces, parts, timestamp, payload: reading, errors, size: measured };
}

/**
 * What Flask's `max_age` check makes of the cookie's age: `future` (dated after `now`: rejected),
 * `no-max-age` (any age passes), `expired` (older than `maxAge`) or `within`. `timestamp` and
 * `now` are Unix seconds, kept so the sentence can count years on the calendar (./messages.ts).
 */
export type AgeReading = {
  timestamp: number;
  now: number;
  /** `now - timestamp`, in seconds. */
  age: number;
  accepted: boolean;
} & ({ code: "future"; maxAge: number | null } | { code: "no-max-age"; maxAge: null } | { code: "expired" | "within"; maxAge: number });

/** Whether Flask's `max_age` check (itsdangerous `TimestampSigner.unsign`) would pass at `now`. */
export function checkAge(timestampUnix: number, now: number, maxAge: number | null): AgeReading {
  const age = now - timestampUnix;
  const facts = { timestamp: timestampUnix, now, age };
  if (age < 0) return { ...facts, code: "future", maxAge, accepted: false };
  if (maxAge === null) return { ...facts, code: "no-max-age", maxAge, accepted: true };
  return age > maxAge ? { ...facts, code: "expired", maxAge, accepted: false } : { ...facts, code: "within", maxAge, accepted: true };
}

/** The timestamp of a reading in Unix seconds under the chosen epoch. */
export function timestampUnder(reading: TimestampReading, epoch: Epoch): number {
  return epoch === "2011" ? reading.epoch2011 : reading.unix;
}

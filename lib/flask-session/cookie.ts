/**
 * The session cookie as Flask 2.2's `SecureCookieSessionInterface` reads and writes it:
 * `get_signing_serializer(app).dumps(dict(session))` to write, and to read
 * `session_class(s.loads(value, max_age=PERMANENT_SESSION_LIFETIME))` where only `BadSignature`
 * is caught (a new empty session); anything else raised while loading becomes a 500.
 *
 * Deviation from the contract, documented here: a signed payload that is a JSON list of pairs
 * with non-string keys (`[[1, 2]]`) loads in Flask as a dict with non-str keys, which `PyDict`
 * cannot hold. It comes back as `undecodable` with code `non-str-key` and a message saying so;
 * Flask itself would answer 200 on such a request unless the session is written.
 */
import type { SessionError, TokenError, UndecodableError } from "./engine-error";
import { decodePayload, encodePayload } from "./payload";
import { isTruthy, pyIterate } from "./py-builtins";
import type { PyDict, PyValue } from "./py-value";
import { decodeTimestamp, EPOCH_2011, FLASK_MAX_AGE, signToken, splitToken, verifyToken, type Epoch } from "./signer";

export type DecodedCookie =
  | { outcome: "ok"; session: PyDict; timestamp: number }
  | { outcome: "rejected"; error: Exclude<TokenError, { code: "timestamp-out-of-range" }> }
  | { outcome: "undecodable"; error: UndecodableError };

/** The cookie value Flask's save_session writes for `session` (Unix seconds; default now). */
export async function encodeSessionCookie(session: PyDict, secret: string, opts: { timestamp?: number; epoch?: Epoch } = {}): Promise<string> {
  return signToken(await encodePayload(session), secret, opts);
}

type SessionResult = { ok: true; session: PyDict } | { ok: false; error: SessionError };

function typeLabel(value: PyValue): string {
  return value.type === "none" ? "None" : value.type;
}

/** One element of `dict(sequence)`: it must iterate to exactly two items, the first a str here. */
function pairOf(item: PyValue, index: number): { ok: true; key: string; value: PyValue } | { ok: false; error: SessionError } {
  const pair = pyIterate(item);
  if (pair === null) return { ok: false, error: { stage: "session", code: "bad-session", detail: { problem: "not-a-pair", index, type: typeLabel(item) } } };
  if (pair.length !== 2) return { ok: false, error: { stage: "session", code: "bad-session", detail: { problem: "pair-length", index, length: pair.length } } };
  const [key, value] = pair;
  if (key.type === "list" || key.type === "dict") {
    return { ok: false, error: { stage: "session", code: "bad-session", detail: { problem: "unhashable-key", index, type: key.type } } };
  }
  if (key.type !== "str") return { ok: false, error: { stage: "session", code: "non-str-key", detail: { index, type: typeLabel(key) } } };
  return { ok: true, key: key.value, value };
}

/** Werkzeug's `CallbackDict.__init__`: `dict.__init__(self, initial or ())`. */
export function sessionFromValue(value: PyValue): SessionResult {
  if (!isTruthy(value)) return { ok: true, session: { type: "dict", entries: new Map() } };
  if (value.type === "dict") return { ok: true, session: value };
  // dict() of a dict-like is handled above; a str, bytes, list or tuple must hold pairs.
  const items = pyIterate(value);
  if (items === null) return { ok: false, error: { stage: "session", code: "bad-session", detail: { problem: "not-iterable", type: typeLabel(value) } } };
  const entries = new Map<string, PyValue>();
  for (let i = 0; i < items.length; i++) {
    const pair = pairOf(items[i], i);
    if (!pair.ok) return pair;
    entries.set(pair.key, pair.value);
  }
  return { ok: true, session: { type: "dict", entries } };
}

/**
 * What Flask's open_session makes of a `session` cookie value: the loaded session, a rejection
 * (Flask silently starts a new empty session) or an undecodable payload (Flask answers 500).
 * `maxAge` defaults to Flask's 31 days; `now` is Unix seconds.
 */
export async function decodeSessionCookie(
  value: string,
  secret: string,
  opts: { maxAge?: number | null; now?: number; epoch?: Epoch } = {},
): Promise<DecodedCookie> {
  const verified = await verifyToken(value, secret, { maxAge: opts.maxAge === undefined ? FLASK_MAX_AGE : opts.maxAge, now: opts.now, epoch: opts.epoch });
  if (!verified.ok) {
    if (verified.error.code === "timestamp-out-of-range") return { outcome: "undecodable", error: verified.error };
    return { outcome: "rejected", error: verified.error };
  }
  const payload = await decodePayload(verified.payload);
  if (!payload.ok) return { outcome: "undecodable", error: payload.error };
  const session = sessionFromValue(payload.value);
  if (!session.ok) return { outcome: "undecodable", error: session.error };
  return { outcome: "ok", session: session.session, timestamp: verified.timestamp };
}

export type InspectedCookie = {
  /** The three segments, or why the value cannot be split. */
  parts: ReturnType<typeof splitToken>;
  /** The timestamp as stored, and read from the Unix epoch and from itsdangerous' old 2011 epoch. */
  timestamp: { raw: number; unix: number; epoch2011: number } | null;
  payload: Awaited<ReturnType<typeof decodePayload>> | null;
};

/**
 * Read a cookie without the secret key: what anyone holding the cookie can see. The payload is
 * only signed, not encrypted, which is the point the decoder makes.
 */
export async function inspectSessionCookie(value: string): Promise<InspectedCookie> {
  const parts = splitToken(value);
  if (!parts.ok) {
    // A value with one dot still has a payload Flask would try to read after a valid signature.
    const dot = value.lastIndexOf(".");
    return { parts, timestamp: null, payload: dot > 0 ? await decodePayload(value.slice(0, dot)) : null };
  }
  const raw = decodeTimestamp(parts.timestamp);
  const timestamp = raw === null || raw > BigInt(Number.MAX_SAFE_INTEGER) ? null : { raw: Number(raw), unix: Number(raw), epoch2011: Number(raw) + EPOCH_2011 };
  return { parts, timestamp, payload: await decodePayload(parts.payload) };
}

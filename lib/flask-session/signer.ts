/**
 * itsdangerous 2.1.2 `TimestampSigner` as Flask's `SecureCookieSessionInterface` configures it:
 * salt "cookie-session", key derivation "hmac" (key = HMAC-SHA1(secret, salt)), HMAC-SHA1
 * signatures, "." as separator. A token is `<payload>.<timestamp>.<signature>`; the signature
 * covers `<payload>.<timestamp>`.
 *
 * Order of checks follows `TimestampSigner.unsign` (itsdangerous/timed.py): signature first, then
 * the timestamp, then `max_age` (too old, or in the future).
 */
import { b64urlDecode, b64urlEncode } from "./base64";
import type { TokenError } from "./engine-error";

export type { TokenError, TokenErrorCode } from "./engine-error";

export type Epoch = "unix" | "2011";

/** itsdangerous < 1.0 counted timestamps from 2011-01-01T00:00:00Z (0.24 `EPOCH = 1293840000`). */
export const EPOCH_2011 = 1293840000;

/** Flask's default `PERMANENT_SESSION_LIFETIME` (31 days), applied as `max_age` to every cookie. */
export const FLASK_MAX_AGE = 31 * 24 * 60 * 60;

/** The largest Unix time Python's `datetime.fromtimestamp` accepts (9999-12-31T23:59:59Z). */
export const MAX_PY_TIMESTAMP = 253402300799;

const DEFAULT_SALT = "cookie-session";

export type SplitToken = { ok: true; payload: string; timestamp: string; signature: string } | { ok: false; error: TokenError };

const utf8 = new TextEncoder();

const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(raw: Uint8Array<ArrayBuffer>, usages: KeyUsage[]): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-1" }, false, usages);
}

/** `Signer.derive_key` with key_derivation "hmac": HMAC-SHA1(secret, salt). Cached per secret and salt. */
function signingKey(secret: string, salt: string): Promise<CryptoKey> {
  const cacheKey = JSON.stringify([secret, salt]);
  let key = keyCache.get(cacheKey);
  if (!key) {
    key = (async () => {
      const outer = await hmacKey(utf8.encode(secret), ["sign"]);
      const derived = new Uint8Array(await crypto.subtle.sign("HMAC", outer, utf8.encode(salt)));
      return hmacKey(derived, ["sign", "verify"]);
    })();
    if (keyCache.size > 64) keyCache.clear();
    keyCache.set(cacheKey, key);
  }
  return key;
}

export type HmacSha1 = (key: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>;
let platformHmac: HmacSha1 | null = null;
const platformKeyCache = new Map<string, Uint8Array<ArrayBuffer>>();

/**
 * Lets a server hand HMAC-SHA1 to its platform, keeping this module Web-standard: `npm start`
 * (scripts/server/main.ts) passes node:crypto's synchronous `createHmac`. Web Crypto's sign and verify
 * are asynchronous and, in Node 20, each call goes through the thread pool, which made them the
 * largest cost of a demo request on the lean path. The result is the same bytes (the unit test
 * checks both paths against Flask's tokens). null restores Web Crypto.
 */
export function setPlatformHmac(hmac: HmacSha1 | null): void {
  platformHmac = hmac;
  platformKeyCache.clear();
}

/** `Signer.derive_key` through the platform HMAC, cached per secret and salt. */
function platformSigningKey(secret: string, salt: string): Uint8Array<ArrayBuffer> {
  const cacheKey = JSON.stringify([secret, salt]);
  let key = platformKeyCache.get(cacheKey);
  if (!key) {
    key = platformHmac!(utf8.encode(secret), utf8.encode(salt));
    if (platformKeyCache.size > 64) platformKeyCache.clear();
    platformKeyCache.set(cacheKey, key);
  }
  return key;
}

/** Compares without an early exit, as `hmac.compare_digest` does, so timing does not leak the signature. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** `int_to_bytes`: minimal big-endian bytes, so 0 becomes the empty string. */
export function encodeTimestamp(seconds: number): string {
  if (!Number.isSafeInteger(seconds) || seconds < 0) throw new RangeError(`timestamp must be a non-negative integer, got ${seconds}`);
  const bytes: number[] = [];
  for (let v = BigInt(seconds); v > 0n; v >>= 8n) bytes.unshift(Number(v & 0xffn));
  return b64urlEncode(new Uint8Array(bytes));
}

/** `bytes_to_int(base64_decode(ts))`: null where itsdangerous finds the timestamp malformed (bad base64, more than 8 bytes). */
export function decodeTimestamp(segment: string): bigint | null {
  const bytes = b64urlDecode(segment);
  if (!bytes || bytes.length > 8) return null;
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function epochOffset(epoch: Epoch | undefined): number {
  return epoch === "2011" ? EPOCH_2011 : 0;
}

/** Sign `payload` as `TimestampSigner.sign` does. `timestamp` is Unix seconds (default: now). */
export async function signToken(payload: string, secret: string, opts: { timestamp?: number; salt?: string; epoch?: Epoch } = {}): Promise<string> {
  const stamp = (opts.timestamp ?? nowSeconds()) - epochOffset(opts.epoch);
  const value = `${payload}.${encodeTimestamp(stamp)}`;
  const salt = opts.salt ?? DEFAULT_SALT;
  const signature = platformHmac
    ? platformHmac(platformSigningKey(secret, salt), utf8.encode(value))
    : new Uint8Array(await crypto.subtle.sign("HMAC", await signingKey(secret, salt), utf8.encode(value)));
  return `${value}.${b64urlEncode(signature)}`;
}

/** Split on the last two dots, as `Signer.unsign` and `TimestampSigner.unsign` do (`rsplit(".", 1)` twice). */
export function splitToken(token: string): SplitToken {
  const sigDot = token.lastIndexOf(".");
  if (sigDot < 0) {
    return { ok: false, error: { stage: "split", code: "no-separator", detail: {} } };
  }
  const signed = token.slice(0, sigDot);
  const tsDot = signed.lastIndexOf(".");
  if (tsDot < 0) {
    return { ok: false, error: { stage: "split", code: "no-timestamp", detail: {} } };
  }
  return { ok: true, payload: signed.slice(0, tsDot), timestamp: signed.slice(tsDot + 1), signature: token.slice(sigDot + 1) };
}

/** Constant-time check of `signature` (decoded leniently, as itsdangerous does) over `value`. */
async function signatureMatches(value: string, signature: string, secret: string, salt: string): Promise<boolean> {
  const sig = b64urlDecode(signature);
  if (!sig) return false;
  if (platformHmac) return constantTimeEqual(platformHmac(platformSigningKey(secret, salt), utf8.encode(value)), sig);
  const key = await signingKey(secret, salt);
  // crypto.subtle.verify compares in constant time, like hmac.compare_digest.
  return crypto.subtle.verify("HMAC", key, sig, utf8.encode(value));
}

/**
 * `TimestampSigner.unsign(token, max_age, return_timestamp=True)`. `now` and the returned timestamp
 * are Unix seconds whatever the epoch; `epoch: "2011"` reads tokens of itsdangerous < 1.0.
 */
export async function verifyToken(
  token: string,
  secret: string,
  opts: { salt?: string; maxAge?: number | null; now?: number; epoch?: Epoch } = {},
): Promise<{ ok: true; payload: string; timestamp: number } | { ok: false; error: TokenError }> {
  const salt = opts.salt ?? DEFAULT_SALT;
  const sigDot = token.lastIndexOf(".");
  if (sigDot < 0) return splitToken(token) as { ok: false; error: TokenError };
  const signed = token.slice(0, sigDot);
  const signature = token.slice(sigDot + 1);
  if (!(await signatureMatches(signed, signature, secret, salt))) {
    return { ok: false, error: { stage: "signature", code: "bad-signature", detail: { signature } } };
  }
  const parts = splitToken(token);
  if (!parts.ok) return parts;
  const raw = decodeTimestamp(parts.timestamp);
  if (raw === null) {
    return { ok: false, error: { stage: "timestamp", code: "bad-timestamp", detail: { timestamp: parts.timestamp } } };
  }
  const unixRaw = raw + BigInt(epochOffset(opts.epoch));
  // Python builds a datetime from the timestamp (for the result or the expiry message); past year
  // 9999 that raises ValueError/OverflowError, which is not a BadSignature: Flask answers 500.
  if (unixRaw > BigInt(MAX_PY_TIMESTAMP)) {
    return { ok: false, error: { stage: "timestamp", code: "timestamp-out-of-range", detail: { seconds: String(unixRaw) } } };
  }
  const timestamp = Number(unixRaw);
  const maxAge = opts.maxAge === undefined ? null : opts.maxAge;
  if (maxAge !== null) {
    const age = (opts.now ?? nowSeconds()) - timestamp;
    if (age > maxAge) {
      return { ok: false, error: { stage: "timestamp", code: "expired", detail: { age, maxAge } } };
    }
    if (age < 0) {
      return { ok: false, error: { stage: "timestamp", code: "future", detail: { age, maxAge } } };
    }
  }
  return { ok: true, payload: parts.payload, timestamp };
}

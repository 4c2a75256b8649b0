/**
 * Base64 exactly as the Python side reads and writes it.
 *
 * Writing is plain RFC 4648. Reading is where Python is lenient, and that leniency is visible to
 * anyone who edits a cookie: `binascii.a2b_base64` (non-strict mode, CPython 3.11
 * Modules/binascii.c) skips every byte outside the alphabet, ignores a lone `=` in the middle,
 * stops at the first complete pad sequence and ignores what follows it. itsdangerous
 * (encoding.py `base64_decode`) first appends `=` up to a multiple of four, counted on the raw
 * bytes, then `base64.urlsafe_b64decode` maps `-_` to `+/`, so both alphabets are accepted.
 */

const STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

const DECODE_TABLE: Int8Array = (() => {
  const table = new Int8Array(256).fill(-1);
  for (let i = 0; i < 64; i++) table[STD.charCodeAt(i)] = i;
  return table;
})();

const PAD = 0x3d; // "="

export type Base64Error = { code: "bad-length" | "bad-padding" | "not-ascii"; message: string };

/** CPython 3.11 `binascii.a2b_base64(data, strict_mode=False)` over the standard alphabet. */
export function a2bBase64(data: Uint8Array): { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; error: Base64Error } {
  const out = new Uint8Array(Math.floor((data.length * 3) / 4) + 3);
  let n = 0;
  let quadPos = 0;
  let leftChar = 0;
  let pads = 0;
  for (let i = 0; i < data.length; i++) {
    const ch = data[i];
    if (ch === PAD) {
      // A pad ends the data only once it completes a quad that already holds two characters.
      if (quadPos >= 2 && quadPos + ++pads >= 4) return { ok: true, bytes: out.slice(0, n) };
      continue;
    }
    const v = DECODE_TABLE[ch];
    if (v < 0) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        quadPos = 1;
        leftChar = v;
        break;
      case 1:
        quadPos = 2;
        out[n++] = (leftChar << 2) | (v >> 4);
        leftChar = v & 0x0f;
        break;
      case 2:
        quadPos = 3;
        out[n++] = ((leftChar << 4) | (v >> 2)) & 0xff;
        leftChar = v & 0x03;
        break;
      default:
        quadPos = 0;
        out[n++] = ((leftChar << 6) | v) & 0xff;
        leftChar = 0;
    }
  }
  if (quadPos === 1) {
    const chars = Math.floor(n / 3) * 4 + 1;
    return {
      ok: false,
      error: {
        code: "bad-length",
        message: `Invalid base64-encoded string: number of data characters (${chars}) cannot be 1 more than a multiple of 4`,
      },
    };
  }
  if (quadPos !== 0) return { ok: false, error: { code: "bad-padding", message: "Incorrect padding" } };
  return { ok: true, bytes: out.slice(0, n) };
}

function encodeWith(alphabet: string, bytes: Uint8Array, pad: boolean): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += alphabet[v >> 18] + alphabet[(v >> 12) & 63] + alphabet[(v >> 6) & 63] + alphabet[v & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const v = bytes[i] << 16;
    out += alphabet[v >> 18] + alphabet[(v >> 12) & 63] + (pad ? "==" : "");
  } else if (rest === 2) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += alphabet[v >> 18] + alphabet[(v >> 12) & 63] + alphabet[(v >> 6) & 63] + (pad ? "=" : "");
  }
  return out;
}

const utf8 = new TextEncoder();

/** itsdangerous `base64_encode`: URL-safe alphabet, padding stripped. */
export function b64urlEncode(bytes: Uint8Array): string {
  return encodeWith(URL, bytes, false);
}

/**
 * itsdangerous `base64_decode` as it runs on a cookie: the token arrives as UTF-8 bytes, so a
 * string is encoded first and the `=` padding is counted on bytes. Returns null where Python
 * raises (`b64urlDecodeDetailed` says why).
 */
export function b64urlDecode(text: string | Uint8Array): Uint8Array<ArrayBuffer> | null {
  const result = b64urlDecodeDetailed(text);
  return result.ok ? result.bytes : null;
}

export function b64urlDecodeDetailed(text: string | Uint8Array): { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; error: Base64Error } {
  const raw = typeof text === "string" ? utf8.encode(text) : text;
  const padded = new Uint8Array(raw.length + ((4 - (raw.length % 4)) % 4)).fill(PAD);
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    padded[i] = ch === 0x2d ? 0x2b : ch === 0x5f ? 0x2f : ch; // "-" -> "+", "_" -> "/"
  }
  return a2bBase64(padded);
}

/** `base64.b64encode(...).decode("ascii")`, used by Flask's ` b` tag. */
export function b64Encode(bytes: Uint8Array): string {
  return encodeWith(STD, bytes, true);
}

/**
 * `base64.b64decode(text)` as Flask's ` b` tag calls it: no padding is added, `-` and `_` are
 * skipped like any other stray character, and a non-ASCII str raises before decoding.
 */
export function b64DecodeDetailed(text: string | Uint8Array): { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; error: Base64Error } {
  if (typeof text === "string") {
    // base64._bytes_from_decode_data: str.encode("ascii") raises on anything else.
    if (!/^[\x00-\x7f]*$/.test(text)) {
      return { ok: false, error: { code: "not-ascii", message: "string argument should contain only ASCII characters" } };
    }
    return a2bBase64(utf8.encode(text));
  }
  return a2bBase64(text);
}

export function b64Decode(text: string | Uint8Array): Uint8Array<ArrayBuffer> | null {
  const result = b64DecodeDetailed(text);
  return result.ok ? result.bytes : null;
}

/**
 * The `next` parameter of Flask-Login's redirect to the login view, byte for byte. Written by hand
 * because no library reproduces Werkzeug 2.2's own quoting rules, which the value goes through
 * three times:
 * 1. `request.url` (werkzeug/sansio/utils.py `get_current_url`): the query string quoted with
 *    `url_quote(query, safe=":&%=+$!*'(),")`, then the whole URL turned into an IRI by
 *    `uri_to_iri`, which decodes only the escapes of always-safe ASCII and of UTF-8 text;
 * 2. `make_next_param` (flask_login/utils.py:66-83): scheme and host dropped, path and query kept;
 * 3. `url_encode(..., sort=True)` (flask_login/utils.py:126-131): `url_quote_plus` of the value.
 */

/** werkzeug/urls.py `_always_safe`. */
const ALWAYS_SAFE = new Set(Array.from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~$!'()*+,;", (c) => c.charCodeAt(0)));
const QUERY_SAFE = new Set([...ALWAYS_SAFE, ...Array.from(":&%=+$!*'(),", (c) => c.charCodeAt(0))]);
const utf8 = new TextEncoder();

function hex2(byte: number): string {
  return `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}

/** `url_quote`: bytes in `safe` kept, every other byte `%XX`. */
function quote(bytes: Uint8Array, safe: ReadonlySet<number>): string {
  let out = "";
  for (const b of bytes) out += safe.has(b) ? String.fromCharCode(b) : hex2(b);
  return out;
}

/**
 * `url_unquote(text, "utf-8", "werkzeug.url_quote", unsafe=_to_iri_unsafe)`: an escape is decoded
 * unless it stands for ASCII outside `_always_safe`; bytes that are not UTF-8 are quoted again.
 */
function unquoteToIri(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = text.slice(i + 1, i + 3);
    if (c === 0x25 && /^[0-9A-Fa-f]{2}$/.test(pair)) {
      const b = parseInt(pair, 16);
      if (b >= 0x80 || ALWAYS_SAFE.has(b)) {
        bytes.push(b);
        i += 2;
        continue;
      }
    }
    bytes.push(c);
  }
  return decodeRequoting(bytes);
}

/** UTF-8 decoding where each byte of an invalid sequence becomes `%XX` (Werkzeug's error handler). */
function decodeRequoting(bytes: number[]): string {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      out += hex2(bytes[i]);
      i += 1;
    } else {
      out += new TextDecoder().decode(Uint8Array.from(bytes.slice(i, i + length)));
      i += length;
    }
  }
  return out;
}

/** The length of the valid UTF-8 sequence starting at `i`, or 0 (RFC 3629's table of well-formed sequences). */
function sequenceLength(bytes: number[], i: number): number {
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => bytes[i + k] !== undefined && bytes[i + k] >= lo && bytes[i + k] <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/**
 * The quoted `next` value for a request to the app's root, `url` as the server received it (its
 * query string, as a browser or curl sends it, is ASCII).
 */
export function loginNextUrl(url: URL): string {
  const raw = url.search.startsWith("?") ? url.search.slice(1) : url.search;
  // request.url's path is always the app root here: only the index view calls login_required.
  const path = url.pathname;
  const query = raw ? unquoteToIri(quote(utf8.encode(raw), QUERY_SAFE)) : "";
  const next = query ? `${path}?${query}` : path;
  return quote(utf8.encode(next), ALWAYS_SAFE);
}

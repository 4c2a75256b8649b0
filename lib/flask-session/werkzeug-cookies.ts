/**
 * The cookie handling of Werkzeug that Flask's session relies on: reading the `Cookie` request
 * header (`request.cookies`) and writing `Set-Cookie` (`dump_cookie`), in Werkzeug 2.2 and, for the
 * Flask 0.10.1 rule set, in the Werkzeug 0.11 of 2016.
 */
import { httpDate } from "./http-date";

/**
 * werkzeug/_internal.py (2.2.2) `_cookie_re`, applied from position i with `re.match`:
 * `(?P<key>[^=;]*)(?:\s*=\s*(?P<val>"(?:[^\\"]|\\.)*"|(?:.*?)))?\s*;`. Python's bytes `\s` is
 * [ \t\n\r\x0b\x0c] and its `.` excludes only "\n", which JavaScript's `\s` and `.` do not match
 * exactly, so the classes are spelled out.
 */
const COOKIE_RE = /([^=;]*)(?:[ \t\n\r\x0b\x0c]*=[ \t\n\r\x0b\x0c]*("(?:[^\\"]|\\[^\n])*"|(?:[^\n]*?)))?[ \t\n\r\x0b\x0c]*;/y;
const PY_WHITESPACE = /^[ \t\n\r\x0b\x0c]+|[ \t\n\r\x0b\x0c]+$/g;

/** `_cookie_unquote`: strips the quotes and undoes `\ooo` octal escapes and `\x` backslash escapes. */
function cookieUnquote(value: string): string {
  if (value.length < 2 || value[0] !== '"' || value[value.length - 1] !== '"') return value;
  const inner = value.slice(1, -1);
  return inner.replace(/\\([0-3][0-7][0-7])|\\([^\n])/g, (_m, octal: string | undefined, char: string | undefined) =>
    octal !== undefined ? String.fromCharCode(parseInt(octal, 8)) : (char as string),
  );
}

/** Latin-1 text (one char per byte, as HTTP header values arrive) decoded as UTF-8 with errors="replace". */
function latin1ToUtf8(text: string): string {
  if (!/[\x80-\xff]/.test(text)) return text;
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
  return new TextDecoder("utf-8").decode(bytes);
}

/**
 * `werkzeug.sansio.http.parse_cookie`: every (name, value) pair in header order, duplicates kept
 * (`request.cookies` is an `ImmutableMultiDict`; `.get()` returns the first).
 */
export function parseCookieHeader(header: string | null): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (!header) return pairs;
  const text = `${header};`;
  const n = header.length;
  let i = 0;
  while (i < n) {
    COOKIE_RE.lastIndex = i;
    const match = COOKIE_RE.exec(text);
    if (!match) break;
    i = COOKIE_RE.lastIndex;
    const key = match[1].replace(PY_WHITESPACE, "");
    if (!key) continue;
    pairs.push([latin1ToUtf8(key), latin1ToUtf8(cookieUnquote(match[2] ?? ""))]);
  }
  return pairs;
}

/** `MultiDict.get(name)`: the first value. */
export function firstCookie(pairs: Array<[string, string]>, name: string): string | undefined {
  return pairs.find(([key]) => key === name)?.[1];
}

/** Werkzeug's `Response.max_cookie_size`: larger `Set-Cookie` values only draw a warning. */
export const MAX_COOKIE_SIZE = 4093;

export type CookieOptions = {
  /** Unix seconds, formatted as Werkzeug's `http_date` (2.2) or `cookie_date` (0.11). */
  expires?: number | null;
  maxAge?: number | null;
  path?: string | null;
  domain?: string | null;
  secure?: boolean;
  httponly?: boolean;
  samesite?: "Strict" | "Lax" | "None" | null;
};

/**
 * werkzeug/http.py (2.2.2) `dump_cookie`: attributes in the fixed order Domain, Expires, Max-Age,
 * Secure, HttpOnly, Path, SameSite. The session value is base64url and dots, which `_cookie_quote`
 * leaves unquoted, and the demo paths are ASCII, which `iri_to_uri` leaves alone.
 */
export function dumpCookie(name: string, value: string, options: CookieOptions): string {
  return joinCookie(name, value, options, httpDate, true);
}

/**
 * The same in Werkzeug 0.11 (current in April 2016), werkzeug/http.py `dump_cookie`: the loop over
 * `(b'Domain', domain, True), (b'Expires', expires, False), (b'Max-Age', max_age, False),
 * (b'Secure', secure, None), (b'HttpOnly', httponly, None), (b'Path', path, False)`, no SameSite,
 * and `Expires` written by `cookie_date`, which is `_dump_date(expires, '-')`: "Thu, 01-Jan-1970 00:00:00 GMT".
 */
export function dumpCookieFlask010(name: string, value: string, options: CookieOptions): string {
  return joinCookie(name, value, options, cookieDate, false);
}

function cookieDate(epochMs: number): string {
  // http_date writes "Wdy, DD Mon YYYY HH:MM:SS GMT"; cookie_date only swaps the two date spaces for "-".
  const text = httpDate(epochMs);
  return `${text.slice(0, 7)}-${text.slice(8, 11)}-${text.slice(12)}`;
}

function joinCookie(name: string, value: string, options: CookieOptions, formatDate: (epochMs: number) => string, withSameSite: boolean): string {
  const parts = [`${name}=${value}`];
  if (options.domain != null) parts.push(`Domain=${options.domain}`);
  if (options.expires != null) parts.push(`Expires=${formatDate(options.expires * 1000)}`);
  if (options.maxAge != null) parts.push(`Max-Age=${options.maxAge}`);
  if (options.secure) parts.push("Secure");
  if (options.httponly) parts.push("HttpOnly");
  if (options.path != null) parts.push(`Path=${options.path}`);
  if (withSameSite && options.samesite != null) parts.push(`SameSite=${options.samesite}`);
  return parts.join("; ");
}

/**
 * Werkzeug's size check (werkzeug/http.py 2.2.2 `dump_cookie`, lines 1275-1286): past 4093 bytes it
 * warns, in these words, and sends the cookie anyway.
 */
export function cookieSizeWarning(name: string, value: string, header: string): string | null {
  const size = new TextEncoder().encode(header).length;
  if (size <= MAX_COOKIE_SIZE) return null;
  const valueSize = new TextEncoder().encode(value).length;
  return (
    `The '${name}' cookie is too large: the value was ${valueSize} bytes but the header required ` +
    `${size - valueSize} extra bytes. The final size was ${size} bytes but the limit is ${MAX_COOKIE_SIZE} bytes. ` +
    "Browsers may silently ignore cookies larger than this."
  );
}

/**
 * The other direction of dumpCookie: a Set-Cookie header split, as a browser splits it (RFC 6265
 * section 5.2), into its `name=value` text and its attributes in the order written, names as sent
 * and a flag such as `HttpOnly` with a null value. The one parser of Set-Cookie attributes, for the
 * live demo's cookie jar and the decoder's pasted Set-Cookie lines.
 */
export function splitSetCookie(header: string): { pair: string; attributes: Array<[string, string | null]> } {
  const [pair, ...rest] = header.split(";");
  const attributes = rest
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part): [string, string | null] => {
      const at = part.indexOf("=");
      return at < 0 ? [part, null] : [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    });
  return { pair, attributes };
}

/**
 * Flask-Login 0.6.2's own rules for who the client is and what `login_user` writes: the one place
 * both the Flask-Login culprit app (apps/flask-login.ts) and the fix apps' Flask-Login recipe
 * (fix-flask-login.ts) take them from. Written by hand because they are Flask-Login's formats, read
 * from flask_login/utils.py of the Debian package 0.6.2 (line numbers below); the recorded
 * transcripts and the live cross-checks against that package check them.
 *
 * The client address is `_get_remote_addr` (utils.py:385-391):
 * `request.headers.get("X-Forwarded-For", request.remote_addr)`. Flask-Login reads the header
 * itself, whatever proxy setup the app has; Werkzeug's `headers.get` gives the first such header,
 * and the first comma-separated entry of it is kept, so a Web `Headers.get` (which joins repeated
 * headers with ", ") yields the same address. When the server does not tell the handler the peer
 * address (`remoteAddress` null) and there is no X-Forwarded-For, the address is Python's `None`,
 * exactly as Flask-Login hashes a request whose `remote_addr` is None; no address is made up.
 * Flask-Paranoid 0.2.0 copies this rule (paranoid.py:56-61) and takes it from here too.
 *
 * The remember cookie is `payload|hmac-sha512(SECRET_KEY as Latin-1, payload)` (`_cookie_digest`,
 * `decode_cookie`); where Flask-Login raises on it, so does this module (RaisedInApp), since Flask
 * answers that with its 500.
 */
import { RaisedInApp } from "./app-kit";
import { py, type PyValue } from "./py-value";
import { bytesRepr } from "./python-repr";

/** What Flask-Login reads of a request to tell clients apart. */
export type LoginClient = {
  headers: { get(name: string): string | null };
  /** `request.remote_addr` (WSGI's REMOTE_ADDR), or null when the server cannot tell. */
  remoteAddress: string | null;
};

/** Python's `bytes.strip()`: ASCII whitespace at both ends. */
function stripBytes(bytes: Uint8Array): Uint8Array {
  const ws = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d);
  let start = 0;
  let end = bytes.length;
  while (start < end && ws(bytes[start])) start++;
  while (end > start && ws(bytes[end - 1])) end--;
  return bytes.slice(start, end);
}

/**
 * `_get_remote_addr` (utils.py:385-391): X-Forwarded-For, else `remote_addr`, encoded as UTF-8
 * (header values arrive one char per byte, as in WSGI), cut at the first comma and stripped.
 * Null (Python's None) when there is no address at all.
 */
export function remoteAddrBytes(client: LoginClient): Uint8Array | null {
  const address = client.headers.get("x-forwarded-for") ?? client.remoteAddress;
  if (address === null) return null;
  const bytes = utf8.encode(address);
  const comma = bytes.indexOf(0x2c);
  return stripBytes(comma < 0 ? bytes : bytes.slice(0, comma));
}

/** `request.headers.get("User-Agent").encode("utf-8")`, or null without the header. */
export function userAgentBytes(client: LoginClient): Uint8Array | null {
  const agent = client.headers.get("user-agent");
  return agent === null ? null : utf8.encode(agent);
}

/**
 * `_create_identifier` (utils.py:394-403): sha512 hex of `f"{address}|{user_agent}"`, where both
 * are bytes or None, so their Python reprs (`b'127.0.0.1'|b'curl/8.5.0'`, `None`) are hashed.
 */
export async function createIdentifier(client: LoginClient): Promise<string> {
  const address = remoteAddrBytes(client);
  const agent = userAgentBytes(client);
  const base = `${address === null ? "None" : bytesRepr(address)}|${agent === null ? "None" : bytesRepr(agent)}`;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-512", utf8.encode(base)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** One session write and why it happens (what the culprit app narrates). */
export type LoginWrite = { key: string; value: PyValue; why: string };

/**
 * `login_user(user, remember)` (utils.py:156-204) with the default `fresh=True` and no duration:
 * `_user_id`, `_fresh`, `_id`, then `_remember = "set"` when asked to remember; in that order.
 */
export async function loginUserWrites(userId: string, client: LoginClient, remember = false): Promise<LoginWrite[]> {
  const writes: LoginWrite[] = [
    { key: "_user_id", value: py.str(userId), why: "login_user" },
    { key: "_fresh", value: py.bool(true), why: "login_user: a fresh login" },
    { key: "_id", value: py.str(await createIdentifier(client)), why: "login_user: the hash of the client's address and user agent, for session protection" },
  ];
  if (remember) writes.push({ key: "_remember", value: py.str("set"), why: "login_user(remember=True): the after_request hook is to set remember_token" });
  return writes;
}

const utf8 = new TextEncoder();

/** `_secret_key` (utils.py:410-417): the key encoded as latin-1, which raises for anything else. */
function latin1(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new RaisedInApp("UnicodeEncodeError");
    bytes[i] = code;
  }
  return bytes;
}

/** `_cookie_digest` (utils.py:379-382): HMAC-SHA512 of the payload with the app's secret key, in hex. */
export async function cookieDigest(payload: string, secret: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", latin1(secret) as Uint8Array<ArrayBuffer>, { name: "HMAC", hash: "SHA-512" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, utf8.encode(payload)));
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** `decode_cookie` (utils.py:43-63): the user id, or null. `hmac.compare_digest` raises on non-ASCII str. */
export async function decodeRememberCookie(cookie: string, secret: string): Promise<string | null> {
  const bar = cookie.lastIndexOf("|");
  if (bar < 0) return null;
  const payload = cookie.slice(0, bar);
  const digest = cookie.slice(bar + 1);
  if (/[^\x00-\x7f]/.test(digest)) throw new RaisedInApp("TypeError");
  return (await cookieDigest(payload, secret)) === digest ? payload : null;
}

/**
 * What the browser holds for an app after an exchange. Page scripts cannot read an HttpOnly
 * cookie, but the JSON view echoes both sides of the exchange: the `Cookie` header the browser sent
 * (what it held before) and the `Set-Cookie` it got (what it does next), which is enough to follow
 * the jar exactly as RFC 6265 has the browser update it.
 */
import { firstCookie, parseCookieHeader, splitSetCookie } from "@/lib/flask-session/werkzeug-cookies";

export type HeldCookie = {
  /** The cookie value (the signed session token). */
  value: string;
  /** The `Expires` attribute as sent, or null for a cookie that lasts until the browser closes. */
  expires: string | null;
};

export type ParsedSetCookie = {
  name: string;
  value: string;
  /** Attribute names as sent (case kept), with their values (null for flags such as HttpOnly). */
  attributes: Array<[string, string | null]>;
};

/** Splits a `Set-Cookie` header into the pair and its attributes (RFC 6265 section 5.2, simplified to what Werkzeug writes). */
export function parseSetCookie(header: string): ParsedSetCookie | null {
  const { pair, attributes } = splitSetCookie(header);
  const equals = pair.indexOf("=");
  if (equals < 0) return null;
  const name = pair.slice(0, equals).trim();
  if (!name) return null;
  return { name, value: pair.slice(equals + 1).trim(), attributes };
}

function attribute(cookie: ParsedSetCookie, name: string): string | undefined {
  return cookie.attributes.find(([key]) => key.toLowerCase() === name)?.[1] ?? undefined;
}

/**
 * True when the browser drops the cookie on receipt: `Max-Age` of zero or less (which wins over
 * `Expires`), or an `Expires` in the past. Werkzeug's deleting cookie sends both.
 */
export function deletesCookie(cookie: ParsedSetCookie, nowMs: number): boolean {
  const maxAge = attribute(cookie, "max-age");
  if (maxAge !== undefined && /^-?\d+$/.test(maxAge)) return Number(maxAge) <= 0;
  const expires = attribute(cookie, "expires");
  if (expires === undefined) return false;
  // Werkzeug 0.11 wrote `Thu, 01-Jan-1970 00:00:00 GMT`; Date.parse reads both forms once the dashes are spaces.
  const at = Date.parse(expires.replace(/-/g, " "));
  return Number.isFinite(at) && at <= nowMs;
}

/** The session cookie the browser sent, read from the echoed `Cookie` header as Flask reads it. */
export function sentSessionCookie(cookieHeader: string | null, name = "session"): string | null {
  return firstCookie(parseCookieHeader(cookieHeader), name) ?? null;
}

/**
 * The browser's session cookie after the exchange: the `Set-Cookie` decides when there is one;
 * otherwise the browser keeps what it sent. `previous` only supplies the expiry of a cookie that
 * was sent again unchanged (the `Cookie` header does not carry attributes).
 */
export function heldAfter(
  exchange: { setCookie: string | null; request: { cookieHeader: string | null } },
  previous: HeldCookie | null,
  nowMs: number,
): HeldCookie | null {
  if (exchange.setCookie) {
    const cookie = parseSetCookie(exchange.setCookie);
    if (cookie && cookie.name === "session") {
      if (deletesCookie(cookie, nowMs)) return null;
      return { value: cookie.value, expires: attribute(cookie, "expires") ?? null };
    }
  }
  const sent = sentSessionCookie(exchange.request.cookieHeader);
  if (sent === null) return null;
  return { value: sent, expires: previous?.value === sent ? previous.expires : null };
}

/**
 * What anyone holding the cookie can read in it, without the key: the session as Python would
 * print it. Null when the payload cannot be decoded (the demo apps never write such a cookie).
 * The decoder (inflater, tagged JSON, Python repr) is loaded on the first call, after the reader's
 * first request, so the article does not download it for readers who never press a demo button.
 */
export async function readHeldSession(value: string): Promise<string | null> {
  const [{ inspectSessionCookie }, { pyRepr }] = await Promise.all([import("@/lib/flask-session/cookie"), import("@/lib/flask-session/python-repr")]);
  const inspected = await inspectSessionCookie(value);
  if (!inspected.payload?.ok) return null;
  return pyRepr(inspected.payload.value);
}

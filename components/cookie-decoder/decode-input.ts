import { parseCookieInput, setCookieValue } from "@/lib/cookie-decoder/input";
import { inspectCookie, type Inspection } from "@/lib/cookie-decoder/inspect";
import { classifyOtherCookie } from "@/lib/session-keys/other-cookies";
import { readForensics } from "@/lib/session-keys/forensics";
import { readPastedCookies } from "@/lib/session-keys/pasted-cookies";
import type { Decoded } from "./use-inspection";

/**
 * What the decoder reads from one input (a cookie value, a `Cookie` or a `Set-Cookie` header, or a
 * whole `curl -i` answer): the cookie's parts and session, who wrote each key, and every other
 * cookie pasted with it. A cookie of a Flask stack that is not a session cookie (a remember token,
 * a server-side session id) is explained instead of decoded. `now` defaults to the clock.
 */
export async function decodeInput(input: string, now = Math.floor(Date.now() / 1000)): Promise<Decoded> {
  const read = parseCookieInput(sessionLine(input) ?? input);
  let inspection: Inspection | null = null;
  const other = read.ok ? classifyOtherCookie(read.name, read.value) : null;
  if (read.ok && !other) {
    const setCookie = read.form === "set-cookie" ? setCookieValue(read) : undefined;
    inspection = await inspectCookie(read.value, { now, setCookie });
  }
  const forensics = await readForensics(
    input,
    read.ok ? read : null,
    inspection?.payload?.session ?? null,
    async (value) => (await inspectCookie(value, { now })).payload?.session ?? null,
  );
  return { input, read, inspection, now, forensics };
}

/** Flask's default SESSION_COOKIE_NAME. */
const SESSION_COOKIE_NAME = "session";

/**
 * In a pasted answer with several cookies, the header line of the one to decode in full: the
 * session cookie (by name, else the first live cookie that is no other known kind), not merely the
 * first Set-Cookie line, which is often Flask-Login's remember_token. Null: read the input whole.
 */
function sessionLine(input: string): string | null {
  const pasted = readPastedCookies(input).filter((cookie) => !cookie.deleted);
  if (pasted.length < 2) return null;
  const target =
    pasted.find((cookie) => cookie.name === SESSION_COOKIE_NAME) ?? pasted.find((cookie) => classifyOtherCookie(cookie.name, cookie.value) === null);
  // A Cookie header is already searched by name; the first Set-Cookie line needs no redirect.
  if (!target || target.from === "cookie-header" || target === pasted.find((cookie) => cookie.from === "set-cookie")) return null;
  // curl -v marks response lines with "< ".
  return input.split(/\r?\n/)[target.line - 1].replace(/^\s*[<>]\s*/, "");
}

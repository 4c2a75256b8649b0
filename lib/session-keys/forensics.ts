/**
 * What the decoder adds to a decode: who wrote each key of the session, the other cookies of the
 * pasted text (a `curl -i` answer with several Set-Cookie lines, deletions included), and what a
 * lone non-session cookie is. The session decoding itself is the decoder's, passed in as
 * `decodeSession`, so this module stays free of the decoder's internals.
 */
import type { PyDict } from "@/lib/flask-session/py-value";
import { attributeSession, type SessionAttribution } from "./attribute";
import { classifyOtherCookie, deletionSources, type DeletionSource, type OtherCookie } from "./other-cookies";
import { readPastedCookies, type PastedCookie } from "./pasted-cookies";

export type CookieReport =
  /** A Flask session cookie; `shownAbove` when it is the one the decoder reads in full. */
  | { kind: "session"; cookie: PastedCookie; attribution: SessionAttribution | null; shownAbove: boolean }
  | { kind: "other"; cookie: PastedCookie; other: OtherCookie }
  | { kind: "deletion"; cookie: PastedCookie; sources: DeletionSource[] }
  /** Neither a session cookie nor one the catalogue knows. */
  | { kind: "unknown"; cookie: PastedCookie };

export type Forensics = {
  /** The decoded session's keys and findings; null when no session was decoded. */
  attribution: SessionAttribution | null;
  /** The cookie the decoder read, when it is not a Flask session cookie (then there is nothing to decode). */
  other: OtherCookie | null;
  /** Every cookie of the pasted header lines; empty for a single value. */
  cookies: CookieReport[];
};

/** payload.timestamp.signature (a leading "." for compressed payloads): the shape of a Flask session cookie. */
const SESSION_SHAPE = /^\.?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export type SessionDecoder = (value: string) => Promise<PyDict | null>;

/**
 * `read`: the decoder's reading of the input (the cookie it decodes, and its name), or null when
 * the input did not give one; `session`: what it decoded from that cookie.
 */
export async function readForensics(
  input: string,
  read: { name: string | null; value: string } | null,
  session: PyDict | null,
  decodeSession: SessionDecoder,
): Promise<Forensics> {
  const other = read ? classifyOtherCookie(read.name, read.value) : null;
  const attribution = session && !other ? attributeSession(session) : null;
  const cookies: CookieReport[] = [];
  const pasted = readPastedCookies(input);
  // One cookie that is the one decoded above needs no list of its own.
  const listed = pasted.length === 1 && read && !pasted[0].deleted && pasted[0].value === read.value ? [] : pasted;
  for (const cookie of listed) cookies.push(await reportOn(cookie, read, attribution, decodeSession));
  return { attribution, other, cookies };
}

async function reportOn(
  cookie: PastedCookie,
  read: { value: string } | null,
  mainAttribution: SessionAttribution | null,
  decodeSession: SessionDecoder,
): Promise<CookieReport> {
  if (cookie.deleted) return { kind: "deletion", cookie, sources: deletionSources(cookie.name) };
  const other = classifyOtherCookie(cookie.name, cookie.value);
  if (other) return { kind: "other", cookie, other };
  if (cookie.name === "session" || SESSION_SHAPE.test(cookie.value)) {
    const shownAbove = read !== null && cookie.value === read.value;
    if (shownAbove) return { kind: "session", cookie, attribution: mainAttribution, shownAbove };
    const session = await decodeSession(cookie.value);
    return { kind: "session", cookie, attribution: session ? attributeSession(session) : null, shownAbove };
  }
  return { kind: "unknown", cookie };
}

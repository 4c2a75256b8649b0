/**
 * Signing in the page: the reader edits the session as tagged JSON and gets the cookie Flask
 * would write for it (`SecureCookieSessionInterface.save_session`: the dict serialised with sorted
 * keys and compact separators, compressed when that saves space, then signed). Also the raw
 * signer, for payloads Flask would never write, to show what it does when it reads one.
 */
import { b64urlEncode } from "@/lib/flask-session/base64";
import { encodeSessionCookie } from "@/lib/flask-session/cookie";
import type { PyDict } from "@/lib/flask-session/py-value";
import { signToken, type Epoch } from "@/lib/flask-session/signer";
import { engineErrorMessage } from "@/lib/flask-session/messages";
import { SerializeError, loadsTagged } from "@/lib/flask-session/tagged-json";

export type SignResult = { ok: true; cookie: string; session: PyDict; compressed: boolean } | { ok: false; message: string };

const KIND: Record<string, string> = {
  none: "null",
  bool: "a boolean",
  int: "an integer",
  float: "a float",
  str: "a string",
  bytes: "bytes (a top-level “ b” tag)",
  list: "a list",
  tuple: "a tuple (a top-level “ t” tag)",
  datetime: "a datetime (a top-level “ d” tag)",
  markup: "Markup (a top-level “ m” tag)",
  uuid: "a UUID (a top-level “ u” tag)",
};

/** Parse the edited tagged JSON into the session dict Flask would hold. */
export function parseSessionJson(text: string): { ok: true; session: PyDict } | { ok: false; message: string } {
  if (text.trim() === "") return { ok: false, message: "The session is empty text: write a JSON object, {} for an empty session." };
  const loaded = loadsTagged(text);
  if (!loaded.ok) return { ok: false, message: engineErrorMessage(loaded.error) };
  if (loaded.value.type !== "dict") {
    return { ok: false, message: `The session must be a JSON object (Flask's session is a dict); this JSON is ${KIND[loaded.value.type]}.` };
  }
  return { ok: true, session: loaded.value };
}

/** The cookie Flask would write for the edited session, signed with `secret` at `timestamp` (Unix seconds). */
export async function signSessionJson(text: string, secret: string, opts: { timestamp: number; epoch: Epoch }): Promise<SignResult> {
  const parsed = parseSessionJson(text);
  if (!parsed.ok) return parsed;
  if (secret === "") return { ok: false, message: "Enter a secret key to sign with." };
  try {
    const cookie = await encodeSessionCookie(parsed.session, secret, opts);
    return { ok: true, cookie, session: parsed.session, compressed: cookie.startsWith(".") };
  } catch (e) {
    if (e instanceof SerializeError) return { ok: false, message: `Flask could not serialise this session: ${engineErrorMessage(e.failure)}` };
    if (e instanceof RangeError) return { ok: false, message: `The timestamp cannot be signed: ${e.message}` };
    throw e;
  }
}

/** A correctly signed cookie around a payload segment of the reader's choice, valid or not. */
export async function signRawPayload(payload: string, secret: string, opts: { timestamp: number; epoch: Epoch }): Promise<string> {
  return signToken(payload, secret, opts);
}

/** A payload segment Flask cannot load: base64 of text that is not JSON. */
export function undecodablePayload(text = "{not json"): string {
  return b64urlEncode(new TextEncoder().encode(text));
}

/**
 * The cookie with one character of its payload changed to another base64url character that
 * changes the decoded bytes (not just unused low bits), so the signature no longer matches.
 */
export function changeOneCharacter(cookie: string): string {
  const index = cookie.startsWith(".") ? 1 : 0;
  const ch = cookie[index];
  if (ch === undefined) return "x";
  const swap = ch === "A" ? "B" : "A";
  return cookie.slice(0, index) + swap + cookie.slice(index + 1);
}

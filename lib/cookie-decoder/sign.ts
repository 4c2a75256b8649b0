/**
 * Signing in the page: the reader edits the session as tagged JSON and gets the cookie Flask
 * would write for it (`SecureCookieSessionInterface.save_session`: the dict serialised with sorted
 * keys and compact separators, compressed when that saves space, then signed). Also the raw
 * signer, for payloads Flask would never write, to show what it does when it reads one.
 */
import { b64urlEncode } from "@/lib/flask-session/base64";
import { encodeSessionCookie } from "@/lib/flask-session/cookie";
import type { JsonError, SerializeFailure, TagFailure } from "@/lib/flask-session/engine-error";
import type { PyDict, PyValue } from "@/lib/flask-session/py-value";
import { EPOCH_2011, signToken, type Epoch } from "@/lib/flask-session/signer";
import { SerializeError, loadsTagged } from "@/lib/flask-session/tagged-json";

/** Why a session cannot be signed, with the facts; ./messages.ts words it. */
export type SignError =
  | { code: "empty-text"; detail: Record<string, never> }
  /** The JSON loads, but into a `kind` of value, not an object. */
  | { code: "not-a-dict"; detail: { kind: Exclude<PyValue["type"], "dict"> } }
  /** The text is not JSON, or a tag in it is malformed: the engine's error. */
  | { code: "bad-json"; detail: { error: JsonError | TagFailure } }
  | { code: "no-secret"; detail: Record<string, never> }
  /** Flask's serializer would raise on this session: the engine's failure. */
  | { code: "not-serialisable"; detail: { failure: SerializeFailure } }
  /** The timestamp to store (`seconds` after the chosen epoch) is negative or not a safe integer. */
  | { code: "timestamp-out-of-range"; detail: { seconds: number } };

export type SignResult = { ok: true; cookie: string; session: PyDict; compressed: boolean } | { ok: false; error: SignError };

/** Parse the edited tagged JSON into the session dict Flask would hold. */
export function parseSessionJson(text: string): { ok: true; session: PyDict } | { ok: false; error: SignError } {
  if (text.trim() === "") return { ok: false, error: { code: "empty-text", detail: {} } };
  const loaded = loadsTagged(text);
  if (!loaded.ok) return { ok: false, error: { code: "bad-json", detail: { error: loaded.error } } };
  if (loaded.value.type !== "dict") return { ok: false, error: { code: "not-a-dict", detail: { kind: loaded.value.type } } };
  return { ok: true, session: loaded.value };
}

/** The cookie Flask would write for the edited session, signed with `secret` at `timestamp` (Unix seconds). */
export async function signSessionJson(text: string, secret: string, opts: { timestamp: number; epoch: Epoch }): Promise<SignResult> {
  const parsed = parseSessionJson(text);
  if (!parsed.ok) return parsed;
  if (secret === "") return { ok: false, error: { code: "no-secret", detail: {} } };
  try {
    const cookie = await encodeSessionCookie(parsed.session, secret, opts);
    return { ok: true, cookie, session: parsed.session, compressed: cookie.startsWith(".") };
  } catch (e) {
    if (e instanceof SerializeError) return { ok: false, error: { code: "not-serialisable", detail: { failure: e.failure } } };
    // The signer's RangeError: the seconds it was asked to store, counted from the chosen epoch.
    if (e instanceof RangeError)
      return { ok: false, error: { code: "timestamp-out-of-range", detail: { seconds: opts.timestamp - (opts.epoch === "2011" ? EPOCH_2011 : 0) } } };
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

/**
 * The decoder's wording of what it found: the same facts as the demo API's messages
 * (lib/flask-session/messages.ts), phrased for a reader looking at the cookie's parts. The logic
 * modules (./inspect.ts, ./epoch.ts, ./verify.ts, ./sign.ts) return codes and facts; this is where
 * they become sentences. How the input box was read is worded in ./messages-input.ts.
 */
import type { PayloadError, SessionError } from "@/lib/flask-session/engine-error";
import { engineErrorMessage, jsonReason, nonStrKeyFact, tagProblemMessage } from "@/lib/flask-session/messages";
import { duration, durationBetween } from "./duration";
import { formatUtc, type EpochGuess } from "./epoch";
import type { AgeReading, DecodeError, PayloadFacts } from "./inspect";
import type { SignError } from "./sign";
import type { VerifyFinding } from "./verify";

function payloadErrorMessage(error: PayloadError, facts: PayloadFacts): string {
  switch (error.code) {
    case "bad-base64":
      return `The payload is not valid base64: ${error.detail.reason}${facts.payloadLength % 4 === 1 ? " (its length is one more than a multiple of 4)" : ""}.`;
    case "bad-zlib":
      return `The payload starts with “.”, which marks zlib-compressed data, but its ${facts.bytes} bytes do not inflate: ${error.detail.reason}.`;
    case "too-large":
      return `The payload starts with “.”, which marks zlib-compressed data, and its ${facts.bytes} bytes inflate to more than ${error.detail.limit} bytes: this decoder stops there (a small cookie can unpack to gigabytes). Flask has no such limit and would go on reading it.`;
    case "not-utf8":
      return "The payload's decoded bytes are not UTF-8 text, so they cannot be JSON.";
    case "bad-tag":
      return `A tagged value is malformed: ${tagProblemMessage(error.detail)}`;
    case "not-json":
      return `The payload is not JSON: ${jsonReason(error.detail)}.`;
  }
}

function sessionErrorMessage(error: SessionError): string {
  if (error.code === "non-str-key")
    return `The JSON loads, and Flask would make a session dict of it, but not every key is a string: ${engineErrorMessage(error)}`;
  return `The JSON loads, but not into a session dict: ${engineErrorMessage(error)}`;
}

/** One sentence on a problem the decoder found, for the reader. */
export function decodeErrorMessage(error: DecodeError): string {
  switch (error.code) {
    case "no-separator":
      return "The value has no “.”: a Flask session cookie is payload.timestamp.signature. Flask would reject it and start a new empty session.";
    case "no-timestamp":
      return "The value has only one “.”: it needs two, between payload, timestamp and signature. Flask would reject it (timestamp missing) and start a new empty session.";
    case "empty-signature":
      return "The signature is empty: Flask would reject the cookie and start a new empty session.";
    case "bad-timestamp":
      return `The timestamp “${error.detail.segment}” is not base64 of at most 8 bytes, so itsdangerous finds it malformed: Flask would start a new empty session.`;
    case "timestamp-out-of-range":
      return error.detail.past === "integer"
        ? `The timestamp is ${error.detail.seconds} seconds, past the year 9999: Python cannot turn it into a datetime (a 500 if the signature is valid).`
        : `The timestamp ${error.detail.seconds} lies past the year 9999: Python cannot turn it into a datetime, so with a valid signature Flask answers 500.`;
    case "bad-session":
    case "non-str-key":
      return sessionErrorMessage(error);
    default:
      return payloadErrorMessage(error, error.facts);
  }
}

function day(seconds: number): string {
  return formatUtc(seconds).slice(0, 10);
}

/** Why the decoder reads the timestamp from the epoch it picked, with both readings' dates. */
export function epochGuessMessage(guess: EpochGuess): string {
  const { asUnix, as2011 } = guess;
  switch (guess.basis) {
    case "zero":
      return "The timestamp is 0 (an empty segment): a clock frozen at the epoch, as in tests; read as 1970-01-01 Unix time.";
    case "unix-both-plausible":
      return `Read as Unix time it is ${day(asUnix)}, a date itsdangerous ≥ 1.0 could have written; from the 2011 epoch it would be ${day(as2011)}, also possible but less likely.`;
    case "unix-only":
      return `Read as Unix time it is ${day(asUnix)}; from the 2011 epoch it would be ${day(as2011)}, in the future.`;
    case "2011":
      return `Read as Unix time it would be ${day(asUnix)}, before itsdangerous existed; counted from 2011-01-01, as itsdangerous < 1.0 (before October 2018) did, it is ${day(as2011)}.`;
    case "neither":
      return `Neither reading is plausible: ${day(asUnix)} as Unix time, ${day(as2011)} from the 2011 epoch (future dates). Shown as Unix time, which current Flask uses; Flask would reject it as dated in the future.`;
  }
}

/** What Flask's max_age check makes of the cookie's age, with the age on the calendar. */
export function ageMessage(reading: AgeReading): string {
  const old = durationBetween(reading.timestamp, reading.now);
  switch (reading.code) {
    case "future":
      return `Dated ${durationBetween(reading.now, reading.timestamp)} in the future: Flask rejects it (signature age < 0) and starts a new empty session.`;
    case "no-max-age":
      return `${old} old; with no max_age, any age is accepted.`;
    case "expired":
      return `${old} old, more than max_age (${duration(reading.maxAge)}): even if the signature verifies, Flask rejects it as expired and starts a new empty session.`;
    case "within":
      return `${old} old, within max_age (${duration(reading.maxAge)}): Flask would still accept it, if the signature verifies.`;
  }
}

/** One or two sentences on what checking the cookie with the reader's key found. */
export function verifyMessage(finding: VerifyFinding): string {
  switch (finding.code) {
    case "loaded":
      return "The signature verifies with this key and the cookie's age is within max_age: Flask would load this session.";
    case "loaded-2011": {
      const { current } = finding;
      const now =
        current.outcome === "loaded"
          ? "A current Flask, counting from 1970, would load it too."
          : `A current Flask, counting from 1970, would not: ${current.outcome === "rejected" ? engineErrorMessage(current.error) : "its payload cannot be decoded"}.`;
      return `The signature verifies with this key, and Flask with itsdangerous < 1.0 (the 2011 epoch chosen above) would load this session. ${now}`;
    }
    case "rejected-valid-signature":
      return `The signature verifies with this key, but Flask would still reject the cookie and silently start a new empty session: ${engineErrorMessage(finding.error)}`;
    case "bad-signature":
      return `The signature does not verify with this key: Flask would silently start a new empty session. ${engineErrorMessage(finding.error)}`;
    case "loaded-non-str-keys":
      return `The signature verifies with this key, and Flask would load this session, a dict whose keys are not all strings (${nonStrKeyFact(finding.detail)}). This decoder does not model such sessions, so it cannot show it; Flask fails with a 500 only on a response that writes it back.`;
    case "loaded-too-large":
      return `The signature verifies with this key. The payload is compressed and unpacks to more than ${finding.limit} bytes, where this decoder stops; Flask has no limit and would unpack it, then load the session if the JSON inside is a valid session.`;
    case "error-500":
      return `The signature verifies with this key, but the payload cannot be decoded, so Flask fails while opening the session and answers 500 on every route: ${engineErrorMessage(finding.error)}`;
  }
}

/** What a top-level JSON value other than an object is, in Flask's terms. */
const JSON_KIND: Record<Extract<SignError, { code: "not-a-dict" }>["detail"]["kind"], string> = {
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

/** Why the edited session cannot be signed. */
export function signErrorMessage(error: SignError): string {
  switch (error.code) {
    case "empty-text":
      return "The session is empty text: write a JSON object, {} for an empty session.";
    case "not-a-dict":
      return `The session must be a JSON object (Flask's session is a dict); this JSON is ${JSON_KIND[error.detail.kind]}.`;
    case "bad-json":
      return engineErrorMessage(error.detail.error);
    case "no-secret":
      return "Enter a secret key to sign with.";
    case "not-serialisable":
      return `Flask could not serialise this session: ${engineErrorMessage(error.detail.failure)}`;
    case "timestamp-out-of-range":
      return `The timestamp cannot be signed: timestamp must be a non-negative integer, got ${error.detail.seconds}`;
  }
}

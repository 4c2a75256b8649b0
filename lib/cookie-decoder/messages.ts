/**
 * The decoder's wording of what it found: the same facts as the demo API's messages
 * (lib/flask-session/messages.ts), phrased for a reader looking at the cookie's parts.
 */
import type { PayloadError, SessionError } from "@/lib/flask-session/engine-error";
import { engineErrorMessage, jsonReason, tagProblemMessage } from "@/lib/flask-session/messages";
import type { DecodeError, PayloadFacts } from "./inspect";

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

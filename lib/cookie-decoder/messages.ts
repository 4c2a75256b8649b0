/**
 * The decoder's wording of the engine's failures: the same facts as the demo API's messages
 * (lib/flask-session/messages.ts), phrased for a reader looking at the cookie's parts.
 */
import type { PayloadError, SessionError } from "@/lib/flask-session/engine-error";
import { engineErrorMessage, jsonReason, tagProblemMessage } from "@/lib/flask-session/messages";

/** What the decoder knows about the payload besides the error: its length and its bytes after base64. */
type PayloadFacts = { payloadLength: number; bytes: number };

export function payloadErrorMessage(error: PayloadError, facts: PayloadFacts): string {
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

export function sessionErrorMessage(error: SessionError): string {
  if (error.code === "non-str-key") return `The JSON loads, and Flask would make a session dict of it, but not every key is a string: ${engineErrorMessage(error)}`;
  return `The JSON loads, but not into a session dict: ${engineErrorMessage(error)}`;
}

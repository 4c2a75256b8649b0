/**
 * The engine's failures in English, as the demo API's JSON view and the decoder's tooltips give
 * them. The engine reports data (./engine-error.ts); this is the one place that words it.
 */
import type { EngineError, SessionProblem, UndecodableError } from "./engine-error";
import type { TagProblem } from "./untag";

function anArticle(word: string): string {
  return /^[aeiou]/.test(word) ? "an" : "a";
}

/** The tag problem in Python's terms, e.g. `The " u" tag is not a UUID: …`. */
export function tagProblemMessage(p: TagProblem): string {
  switch (p.problem) {
    case "not-iterable":
      return `The "${p.tag}" tag holds a ${p.type}, and Python cannot iterate over it (TypeError).`;
    case "bad-base64":
      return `The " b" tag is not valid base64: ${p.reason}.`;
    case "uuid-length":
      return `The " u" tag is not a UUID: badly formed hexadecimal UUID string.`;
    case "uuid-hex":
      return `The " u" tag is not a UUID: invalid literal for int() with base 16.`;
    case "uuid-range":
      return `The " u" tag is not a UUID: int is out of range (need a 128-bit value).`;
    case "no-split":
      return `The " d" tag holds a ${p.type}, which has no .split() (AttributeError).`;
    case "empty":
      return `The " di" tag holds an empty object (StopIteration).`;
    case "wrong-type":
      if (p.tag === " b") return `The " b" tag holds a ${p.type}; base64.b64decode needs a str or bytes (TypeError).`;
      if (p.tag === " u") return `The " u" tag holds a ${p.type}; uuid.UUID needs a str.`;
      return `The " di" tag holds a ${p.type}, not an object (TypeError).`;
  }
}

/** What `dict()` objected to when building the session. */
function sessionProblemMessage(p: SessionProblem): string {
  switch (p.problem) {
    case "not-iterable":
      return `The signed payload is a ${p.type}; dict() cannot build a session from it (TypeError).`;
    case "not-a-pair":
      return `Element #${p.index} of the session sequence is a ${p.type}, not a pair (TypeError).`;
    case "pair-length":
      return `Element #${p.index} of the session sequence has length ${p.length}; 2 is required (ValueError).`;
    case "unhashable-key":
      return `Element #${p.index} of the session sequence has an unhashable ${p.type} as key (TypeError).`;
  }
}

/** `Element #0 has an int key`: which element of the session's pairs has a key that is not a str. */
export function nonStrKeyFact(detail: { index: number; type: string }): string {
  return `Element #${detail.index} has ${anArticle(detail.type)} ${detail.type} key`;
}

/** Python's JSONDecodeError text: the reason, and the position when Python names one. */
export function jsonReason(detail: { reason: string; position: number | null }): string {
  return detail.position === null ? detail.reason : `${detail.reason}: char ${detail.position}`;
}

/** One sentence for any engine failure, as the JSON view's session outcome quotes it. */
export function engineErrorMessage(error: EngineError | UndecodableError): string {
  switch (error.code) {
    case "no-separator":
      return 'The token has no ".", so there is no signature to check.';
    case "no-timestamp":
      return 'The token has only one ".": a payload and a signature but no timestamp.';
    case "bad-signature":
      return `The signature ${JSON.stringify(error.detail.signature)} does not match the payload and timestamp: they were changed, or signed with another secret key.`;
    case "bad-timestamp":
      return `The timestamp ${JSON.stringify(error.detail.timestamp)} is not base64 of at most 8 bytes.`;
    case "expired":
      return `Signature age ${error.detail.age} > ${error.detail.maxAge} seconds: the cookie has expired.`;
    case "future":
      return `Signature age ${error.detail.age} < 0 seconds: the cookie is dated in the future.`;
    case "timestamp-out-of-range":
      return `The timestamp ${error.detail.seconds} is past the year 9999: Python cannot turn it into a datetime and raises.`;
    case "bad-base64":
      return `The payload is not base64: ${error.detail.reason}.`;
    case "bad-zlib":
      return `The payload starts with "." (compressed) but does not inflate: ${error.detail.reason}.`;
    case "too-large":
      return `The payload starts with "." (compressed) and inflates to more than ${error.detail.limit} bytes, past this engine's limit of ${error.detail.limit} bytes; Python has no such limit.`;
    case "not-utf8":
      return "The payload's bytes are not UTF-8.";
    case "not-json":
      return `Not valid JSON: ${jsonReason(error.detail)}.`;
    case "bad-tag":
      return tagProblemMessage(error.detail);
    case "bad-session":
      return sessionProblemMessage(error.detail);
    case "non-str-key":
      return `${nonStrKeyFact(error.detail)}: Flask would load a session with non-string keys, which this engine does not model.`;
  }
}

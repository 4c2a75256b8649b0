/**
 * Reading Flask's tags: `TaggedJSONSerializer.untag` (flask/json/tag.py) and each tag's
 * `to_python`, applied to an object the JSON reader has already untagged inside. A tag's
 * `to_python` is whatever Python does with the value it gets (`tuple("ab")` is `('a', 'b')`,
 * `Markup(1)` is `Markup('1')`, an unparseable " d" date is `None`); where Python raises, a
 * TagError says which tag and what Python objected to, as data.
 */
import { b64DecodeDetailed } from "./base64";
import { parseHttpDate } from "./email-date";
import { isTruthy, pyHexInt, pyIterate, pyTypeName } from "./py-builtins";
import type { PyDict, PyValue } from "./py-value";
import { pyStr } from "./python-repr";

export const TAG_KEYS: ReadonlySet<string> = new Set([" di", " t", " b", " m", " u", " d"]);

/**
 * What a tag's `to_python` raised on, as data. `type` is the Python type name of the value the
 * tag held; `reason` the base64 decoder's own (Python's) words.
 */
export type TagProblem =
  | { tag: " t"; problem: "not-iterable"; type: string }
  | { tag: " b"; problem: "wrong-type"; type: string }
  | { tag: " b"; problem: "bad-base64"; reason: string }
  | { tag: " u"; problem: "wrong-type"; type: string }
  | { tag: " u"; problem: "uuid-length" | "uuid-hex" | "uuid-range" }
  | { tag: " d"; problem: "no-split"; type: string }
  | { tag: " di"; problem: "wrong-type"; type: string }
  | { tag: " di"; problem: "empty" };

export class TagError extends Error {
  constructor(readonly detail: TagProblem) {
    super(`${detail.tag}: ${detail.problem}`);
    this.name = "TagError";
  }
}

/** The object hook: a one-key dict whose key is a tag becomes the tagged value. Throws TagError. */
export function untag(value: PyDict): PyValue {
  if (value.entries.size !== 1) return value;
  const [[key, inner]] = [...value.entries];
  switch (key) {
    case " t":
      return toTuple(inner);
    case " b":
      return toBytes(inner);
    case " m":
      return inner.type === "markup" ? inner : { type: "markup", value: pyStr(inner) };
    case " u":
      return toUuid(inner);
    case " d":
      return toDatetime(inner);
    case " di":
      return toTaggedDict(inner);
    default:
      return value;
  }
}

function toTuple(value: PyValue): PyValue {
  const items = pyIterate(value);
  if (items === null) throw new TagError({ tag: " t", problem: "not-iterable", type: pyTypeName(value) });
  return { type: "tuple", items };
}

function toBytes(value: PyValue): PyValue {
  if (value.type !== "str" && value.type !== "markup" && value.type !== "bytes") {
    throw new TagError({ tag: " b", problem: "wrong-type", type: pyTypeName(value) });
  }
  const decoded = b64DecodeDetailed(value.value);
  if (!decoded.ok) throw new TagError({ tag: " b", problem: "bad-base64", reason: decoded.error.message });
  return { type: "bytes", value: decoded.bytes };
}

function toUuid(value: PyValue): PyValue {
  if (value.type !== "str" && value.type !== "markup") {
    throw new TagError({ tag: " u", problem: "wrong-type", type: pyTypeName(value) });
  }
  // uuid.UUID.__init__: drop "urn:" and "uuid:", braces at the ends, and every hyphen.
  const hex = value.value
    .replaceAll("urn:", "")
    .replaceAll("uuid:", "")
    .replace(/^[{}]+|[{}]+$/g, "")
    .replaceAll("-", "");
  if ([...hex].length !== 32) throw new TagError({ tag: " u", problem: "uuid-length" });
  const n = pyHexInt(hex);
  if (n === null) throw new TagError({ tag: " u", problem: "uuid-hex" });
  if (n < 0n || n >= 1n << 128n) throw new TagError({ tag: " u", problem: "uuid-range" });
  return { type: "uuid", hex: n.toString(16).padStart(32, "0") };
}

/** Werkzeug 2.2 `parse_date`: None when the date does not parse, a 500 when the value has no `.split()`. */
function toDatetime(value: PyValue): PyValue {
  if (!isTruthy(value)) return { type: "none" };
  // bytes.split() works, then bytes.endswith(",") raises TypeError, which parse_date swallows.
  if (value.type === "bytes") return { type: "none" };
  if (value.type !== "str" && value.type !== "markup") {
    throw new TagError({ tag: " d", problem: "no-split", type: pyTypeName(value) });
  }
  return parseHttpDate(value.value) ?? { type: "none" };
}

/** TagDict.to_python: `key = next(iter(value)); return {key[:-2]: value[key]}`. */
function toTaggedDict(value: PyValue): PyValue {
  if (value.type !== "dict") throw new TagError({ tag: " di", problem: "wrong-type", type: pyTypeName(value) });
  const first = value.entries.entries().next();
  if (first.done) throw new TagError({ tag: " di", problem: "empty" });
  const [key, inner] = first.value;
  const chars = [...key];
  return { type: "dict", entries: new Map([[chars.slice(0, Math.max(0, chars.length - 2)).join(""), inner]]) };
}

/**
 * The string and number writers of Python's `json` module as Flask calls it (`ensure_ascii=True`,
 * `allow_nan=True`, `sort_keys=True`): shared by the tagged-JSON serializer, `jsonify` and
 * itsdangerous's compact JSON.
 */
import type { PyValue } from "./py-value";
import { floatRepr } from "./python-repr";

/** Python sorts str keys by code point; a UTF-16 sort would put U+FFFF after an emoji. */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx - cy;
  }
}

/** `json.encoder.py_encode_basestring_ascii`: everything outside space..tilde as `\uXXXX` (lowercase). */
export function jsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c >= 0x20 && c <= 0x7e) out += text[i];
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c === 0x08) out += "\\b";
    else if (c === 0x0c) out += "\\f";
    // UTF-16 code units are exactly the surrogate pairs Python writes for astral characters.
    else out += "\\u" + c.toString(16).padStart(4, "0");
  }
  return out + '"';
}

/** Python's JSON number for a float: float.__repr__, with NaN/Infinity/-Infinity (allow_nan=True). */
export function jsonFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  return floatRepr(x);
}

/**
 * `None`, a bool, an int, a float or a str as every JSON writer here writes it; null for any other
 * value, whose form depends on the writer (tagged, `jsonify`'s extras, or a TypeError).
 */
export function jsonScalar(value: PyValue): string | null {
  switch (value.type) {
    case "none":
      return "null";
    case "bool":
      return value.value ? "true" : "false";
    case "int":
      return value.value.toString();
    case "float":
      return jsonFloat(value.value);
    case "str":
      return jsonString(value.value);
    default:
      return null;
  }
}

/**
 * The few Python builtins the engine needs on PyValue, with Python's exact rules: truthiness,
 * `iter()`, `type().__name__`, `int()` of a string, and `str.split()` / `str.strip()` whitespace.
 */
import type { PyValue } from "./py-value";

// Python's `str.split()` / `str.strip()` whitespace.
const PY_WS = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
/** A run of the whitespace Python's `str.split()` splits on. */
export const PY_WS_RE = new RegExp(`[${PY_WS}]+`, "u");
const PY_STRIP_RE = new RegExp(`^[${PY_WS}]+|[${PY_WS}]+$`, "gu");

/** Python truthiness: `bool(value)`. Every datetime, Markup("x") and UUID is true. */
export function isTruthy(value: PyValue): boolean {
  switch (value.type) {
    case "none":
      return false;
    case "bool":
      return value.value;
    case "int":
      return value.value !== 0n;
    case "float":
      return value.value !== 0;
    case "str":
    case "markup":
      return value.value.length > 0;
    case "bytes":
      return value.value.length > 0;
    case "list":
    case "tuple":
      return value.items.length > 0;
    case "dict":
      return value.entries.size > 0;
    default:
      return true;
  }
}

/** `type(value).__name__` as Python's error messages name it. */
export function pyTypeName(value: PyValue): string {
  const names: Record<PyValue["type"], string> = {
    none: "NoneType",
    bool: "bool",
    int: "int",
    float: "float",
    str: "str",
    bytes: "bytes",
    list: "list",
    tuple: "tuple",
    dict: "dict",
    datetime: "datetime.datetime",
    markup: "Markup",
    uuid: "UUID",
  };
  return names[value.type];
}

/** The items Python's `iter(value)` yields, or null for a value that is not iterable. */
export function pyIterate(value: PyValue): PyValue[] | null {
  switch (value.type) {
    case "list":
    case "tuple":
      return value.items;
    case "str":
    case "markup":
      // Iterating a Markup yields plain str characters.
      return [...value.value].map((ch) => ({ type: "str", value: ch }));
    case "bytes":
      return [...value.value].map((b) => ({ type: "int", value: BigInt(b) }));
    case "dict":
      return [...value.entries.keys()].map((k) => ({ type: "str", value: k }));
    default:
      return null;
  }
}

/** Python `int(text)` in base 10, or null where it raises ValueError. */
export function pyInt(text: string): number | null {
  const m = /^([+-]?)(.*)$/su.exec(text.replace(PY_STRIP_RE, ""))!;
  const body = m[2];
  if (!body || body.startsWith("_") || body.endsWith("_") || body.includes("__")) return null;
  let v = 0;
  for (const ch of body.replace(/_/g, "")) {
    const d = digitValue(ch, 10);
    if (d === null) return null;
    v = v * 10 + d;
  }
  return m[1] === "-" ? -v : v;
}

/** Python `int(text, 16)`: surrounding whitespace, a sign, single underscores between digits, Unicode digits. */
export function pyHexInt(text: string): bigint | null {
  const m = /^([+-]?)(.*)$/su.exec(text.replace(PY_STRIP_RE, ""))!;
  // Base 16 takes an optional 0x prefix, and an underscore may follow it (PEP 515): int("0x_1f", 16) is 31.
  const prefixed = /^0[xX]_?/.exec(m[2]);
  const body = prefixed ? m[2].slice(prefixed[0].length) : m[2];
  if (!body || body.startsWith("_") || body.endsWith("_") || body.includes("__")) return null;
  let v = 0n;
  for (const ch of body.replace(/_/g, "")) {
    const d = digitValue(ch, 16);
    if (d === null) return null;
    v = v * 16n + BigInt(d);
  }
  return m[1] === "-" ? -v : v;
}

/** Value of one digit as Python's int() reads it: ASCII letters for bases above 10, any Unicode decimal digit. */
function digitValue(ch: string, base: number): number | null {
  const c = ch.toLowerCase();
  if (/^[0-9a-z]$/.test(c)) {
    const d = parseInt(c, 36);
    return d < base ? d : null;
  }
  if (!/^\p{Nd}$/u.test(ch)) return null;
  // Unicode decimal digits come in runs of ten starting at zero; walk back to the run's start.
  let cp = ch.codePointAt(0)!;
  let start = cp;
  while (/^\p{Nd}$/u.test(String.fromCodePoint(start - 1))) start--;
  cp -= start;
  return cp % 10;
}

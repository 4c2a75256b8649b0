/**
 * Python 2.7's `repr()`, for the 2016 rule set: the article's view printed its session and cookies
 * on Flask 0.10.1 under Python 2, where JSON strings load as `unicode` (`u'...'`), a `" b"` value
 * loads as a byte `str` (`'...'`, no prefix), longs beyond 2**63 - 1 end in `L`, and Werkzeug
 * 0.11's `parse_date` gives naive datetimes.
 *
 * Python 2 dicts print in hash-table order (python2-dict-order.ts): nested dicts as json.loads
 * built them, the session and request.cookies as the caller says.
 */
import type { PyDict, PyValue } from "./py-value";
import { py2Order } from "./python2-dict-order";
import { bytesRepr, floatRepr, uuidText } from "./python-repr";

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/** `repr(unicode)` on a wide (UCS-4) build: every non-ASCII code point escaped. */
export function unicodeRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = `u${quote}`;
  for (const char of text) {
    const cp = char.codePointAt(0) as number;
    if (char === quote || char === "\\") out += `\\${char}`;
    else if (char === "\t") out += "\\t";
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0x100)) out += `\\x${cp.toString(16).padStart(2, "0")}`;
    else if (cp >= 0x100 && cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, "0")}`;
    else if (cp >= 0x10000) out += `\\U${cp.toString(16).padStart(8, "0")}`;
    else out += char;
  }
  return out + quote;
}

function datetimeRepr2(epochMs: number): string {
  const d = new Date(Math.floor(epochMs / 1000) * 1000);
  const fields = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  // datetime.__repr__ drops trailing zero fields (seconds, then minutes) but keeps hours.
  while (fields.length > 5 && fields[fields.length - 1] === 0) fields.pop();
  return `datetime.datetime(${fields.join(", ")})`;
}

export function py2Repr(value: PyValue): string {
  switch (value.type) {
    case "none":
      return "None";
    case "bool":
      return value.value ? "True" : "False";
    case "int":
      return value.value > INT64_MAX || value.value < INT64_MIN ? `${value.value}L` : value.value.toString();
    case "float":
      return floatRepr(value.value);
    case "str":
      return unicodeRepr(value.value);
    case "bytes":
      return bytesRepr(value.value).slice(1);
    case "list":
      return `[${value.items.map(py2Repr).join(", ")}]`;
    case "tuple":
      return value.items.length === 1 ? `(${py2Repr(value.items[0])},)` : `(${value.items.map(py2Repr).join(", ")})`;
    case "dict":
      return py2DictRepr(value);
    case "datetime":
      return datetimeRepr2(value.epochMs);
    case "markup":
      return `Markup(${unicodeRepr(value.value)})`;
    case "uuid":
      return `UUID('${uuidText(value.hex)}')`;
  }
}

/**
 * `byteKeys`: keys the app's own code wrote as string literals, which Python 2 keeps as byte `str`
 * (`'key'`); keys that came out of JSON are `unicode` (`u'key'`).
 */
export function py2DictRepr(data: PyDict, byteKeys: ReadonlySet<string> = new Set(), order: readonly string[] = py2Order(data.entries.keys())): string {
  const items: string[] = [];
  for (const key of order) {
    const value = data.entries.get(key) as PyValue;
    const keyRepr = byteKeys.has(key) && /^[\x00-\x7f]*$/.test(key) ? unicodeRepr(key).slice(1) : unicodeRepr(key);
    items.push(`${keyRepr}: ${py2Repr(value)}`);
  }
  return `{${items.join(", ")}}`;
}

/** Werkzeug 0.11's `request.cookies` is an `ImmutableTypeConversionDict`, a dict subclass printed as a dict. */
export function py2CookiesRepr(pairs: Array<[string, string]>): string {
  const values = new Map(pairs);
  const items = py2Order(values.keys()).map((key) => `${unicodeRepr(key)}: ${unicodeRepr(values.get(key) as string)}`);
  return `{${items.join(", ")}}`;
}

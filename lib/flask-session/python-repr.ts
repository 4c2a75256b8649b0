/**
 * Python 3.11's `repr()` and `str()` of session values, byte for byte, because the article's view
 * prints `session` and `request.cookies` and the demos must print the same text.
 *
 * Sources: Objects/unicodeobject.c `unicode_repr` (quote choice, escapes, `str.isprintable`),
 * Objects/bytesobject.c `PyBytes_Repr`, Python/pystrtod.c `format_float_short` (repr of float:
 * shortest round-trip digits, exponent form when the decimal point falls before -4 or after 16),
 * Lib/datetime.py `datetime.__repr__`, markupsafe `Markup.__repr__`, uuid `UUID.__repr__`,
 * Werkzeug 2.2 `CallbackDict.__repr__` and `MultiDict.__repr__`.
 */
import type { PyDict, PyValue } from "./py-value";
import { NON_PRINTABLE_RANGES } from "./python-printable";

const nonPrintable: Array<[number, number]> = (() => {
  const numbers = NON_PRINTABLE_RANGES.split(",").map((n) => parseInt(n, 36));
  const ranges: Array<[number, number]> = [];
  let prev = 0;
  for (let i = 0; i < numbers.length; i += 2) {
    const start = prev + numbers[i];
    const end = start + numbers[i + 1];
    ranges.push([start, end]);
    prev = end;
  }
  return ranges;
})();

/** `str.isprintable()` for one code point, from the Unicode database of Python 3.11. */
function isPrintable(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  let lo = 0;
  let hi = nonPrintable.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = nonPrintable[mid];
    if (cp < start) hi = mid - 1;
    else if (cp > end) lo = mid + 1;
    else return false;
  }
  return true;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** `repr(str)`: single quotes unless the text has a single quote and no double quote. */
export function strRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + hex(cp, 2);
    else if (cp < 0x7f || isPrintable(cp)) out += ch;
    else if (cp <= 0xff) out += "\\x" + hex(cp, 2);
    else if (cp <= 0xffff) out += "\\u" + hex(cp, 4);
    else out += "\\U" + hex(cp, 8);
  }
  return out + quote;
}

/** `repr(bytes)`: `b'...'`, printable ASCII kept, everything else `\xNN`. */
export function bytesRepr(bytes: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const b of bytes) {
    if (b === 0x27) hasSingle = true;
    else if (b === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? 0x22 : 0x27;
  let out = "b" + String.fromCharCode(quote);
  for (const b of bytes) {
    if (b === quote || b === 0x5c) out += "\\" + String.fromCharCode(b);
    else if (b === 0x09) out += "\\t";
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b < 0x20 || b >= 0x7f) out += "\\x" + hex(b, 2);
    else out += String.fromCharCode(b);
  }
  return out + String.fromCharCode(quote);
}

/**
 * `repr(float)`. JavaScript finds the same shortest round-trip digits (`toExponential()` with no
 * argument); only the layout differs: Python writes `1.0`, `1e+16`, `1e-05`, `inf`, `nan`.
 */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const [mantissa, exponent] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const decpt = Number(exponent) + 1; // position of the decimal point relative to the digits
  if (decpt <= -4 || decpt > 16) {
    const exp = decpt - 1;
    const expText = (exp < 0 ? "-" : "+") + String(Math.abs(exp)).padStart(2, "0");
    return `${sign}${digits[0]}${digits.length > 1 ? "." + digits.slice(1) : ""}e${expText}`;
  }
  if (decpt <= 0) return `${sign}0.${"0".repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${sign}${digits}${"0".repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

/** `repr(datetime.timedelta(seconds=s))` for a UTC offset, as `datetime.timezone.__repr__` nests it. */
function timedeltaRepr(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const rest = seconds - days * 86400;
  const parts: string[] = [];
  if (days) parts.push(`days=${days}`);
  if (rest) parts.push(`seconds=${rest}`);
  return `datetime.timedelta(${parts.length ? parts.join(", ") : "0"})`;
}

/** Wall-clock fields of a datetime value: the instant shifted by its UTC offset. */
function datetimeFields(value: Extract<PyValue, { type: "datetime" }>) {
  const offset = value.tzAware ? (value.utcOffset ?? 0) : 0;
  const wallMs = value.epochMs + offset * 1000;
  const d = new Date(Math.floor(wallMs));
  const micro = Math.round((((wallMs % 1000) + 1000) % 1000) * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    microsecond: micro,
    offset,
  };
}

function datetimeRepr(value: Extract<PyValue, { type: "datetime" }>): string {
  const f = datetimeFields(value);
  const fields = [f.year, f.month, f.day, f.hour, f.minute, f.second, f.microsecond];
  // datetime.__repr__ drops a zero microsecond, then a zero second (never hour or minute).
  if (fields[6] === 0) {
    fields.pop();
    if (fields[5] === 0) fields.pop();
  }
  let tz = "";
  if (value.tzAware) {
    tz = f.offset === 0 ? ", tzinfo=datetime.timezone.utc" : `, tzinfo=datetime.timezone(${timedeltaRepr(f.offset)})`;
  }
  return `datetime.datetime(${fields.join(", ")}${tz})`;
}

/** `str(datetime)`: ISO format with a space, `+HH:MM` offset when aware. */
function datetimeStr(value: Extract<PyValue, { type: "datetime" }>): string {
  const f = datetimeFields(value);
  const p2 = (n: number) => String(n).padStart(2, "0");
  let text = `${String(f.year).padStart(4, "0")}-${p2(f.month)}-${p2(f.day)} ${p2(f.hour)}:${p2(f.minute)}:${p2(f.second)}`;
  if (f.microsecond) text += "." + String(f.microsecond).padStart(6, "0");
  if (value.tzAware) {
    const sign = f.offset < 0 ? "-" : "+";
    const abs = Math.abs(f.offset);
    text += `${sign}${p2(Math.floor(abs / 3600))}:${p2(Math.floor((abs % 3600) / 60))}`;
    if (abs % 60) text += `:${p2(abs % 60)}`;
  }
  return text;
}

/** The canonical hyphenated form `str(uuid.UUID)` prints. */
export function uuidText(hexDigits: string): string {
  const h = hexDigits;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function dictRepr(data: PyDict): string {
  const items: string[] = [];
  for (const [key, value] of data.entries) items.push(`${strRepr(key)}: ${pyRepr(value)}`);
  return `{${items.join(", ")}}`;
}

/** Python 3.11 `repr(value)`. */
export function pyRepr(value: PyValue): string {
  switch (value.type) {
    case "none":
      return "None";
    case "bool":
      return value.value ? "True" : "False";
    case "int":
      return value.value.toString();
    case "float":
      return floatRepr(value.value);
    case "str":
      return strRepr(value.value);
    case "bytes":
      return bytesRepr(value.value);
    case "list":
      return `[${value.items.map(pyRepr).join(", ")}]`;
    case "tuple":
      return value.items.length === 1 ? `(${pyRepr(value.items[0])},)` : `(${value.items.map(pyRepr).join(", ")})`;
    case "dict":
      return dictRepr(value);
    case "datetime":
      return datetimeRepr(value);
    case "markup":
      return `Markup(${strRepr(value.value)})`;
    case "uuid":
      return `UUID('${uuidText(value.hex)}')`;
  }
}

/** Python `str(value)`: the text itself for str and Markup, ISO text for datetime, else repr. */
export function pyStr(value: PyValue): string {
  switch (value.type) {
    case "str":
    case "markup":
      return value.value;
    case "datetime":
      return datetimeStr(value);
    case "uuid":
      return uuidText(value.hex);
    default:
      return pyRepr(value);
  }
}

/** Werkzeug's `CallbackDict.__repr__`: `<SecureCookieSession {'key': 'value'}>`. */
export function sessionRepr(className: string, data: PyDict): string {
  return `<${className} ${dictRepr(data)}>`;
}

/** Werkzeug's `MultiDict.__repr__`: `ImmutableMultiDict([('session', '...')])`. */
export function multiDictRepr(className: string, pairs: Array<[string, string]>): string {
  return `${className}([${pairs.map(([k, v]) => `(${strRepr(k)}, ${strRepr(v)})`).join(", ")}])`;
}

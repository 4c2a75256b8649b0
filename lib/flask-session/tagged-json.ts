/**
 * Flask 2.2's `TaggedJSONSerializer` (flask/json/tag.py) over Python's `json` module as Flask's
 * `DefaultJSONProvider` calls it: `separators=(",", ":")`, `sort_keys=True`, `ensure_ascii=True`,
 * NaN and the infinities written bare.
 *
 * Writing tags values in the order Flask tries its tags: one-key dict whose key is a tag (` di`),
 * dict, tuple (` t`), list, bytes (` b`), Markup (` m`), UUID (` u`), datetime (` d`).
 *
 * Reading is `json.loads(text, object_hook=untag)`: the hook runs on every JSON object, innermost
 * first, and a tag's `to_python` is whatever Python does with the value it gets (`tuple("ab")` is
 * `('a', 'b')`, `Markup(1)` is `Markup('1')`, an unparseable ` d` date is `None`). Where Python
 * raises, reading fails with `bad-tag`: Flask then answers 500.
 */
import { b64DecodeDetailed, b64Encode } from "./base64";
import type { PyDict, PyValue } from "./py-value";
import { floatRepr, pyStr } from "./python-repr";
import { httpDate } from "./http-date";

export { httpDate };

export class SerializeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SerializeError";
  }
}

export type LoadErrorCode = "not-utf8" | "not-json" | "bad-tag";
export type LoadError = { code: LoadErrorCode; message: string };
export type LoadResult = { ok: true; value: PyValue } | { ok: false; error: LoadError };

const TAG_KEYS = new Set([" di", " t", " b", " m", " u", " d"]);

// ---------------------------------------------------------------------------------------------
// Writing

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

// Python's datetime covers years 1 to 9999.
const MIN_MS = (() => {
  const d = new Date(0);
  d.setUTCFullYear(1, 0, 1);
  d.setUTCHours(0, 0, 0, 0);
  return d.getTime();
})();
const MAX_MS = (() => {
  const d = new Date(0);
  d.setUTCFullYear(9999, 11, 31);
  d.setUTCHours(23, 59, 59, 999);
  return d.getTime();
})();

function writeValue(value: PyValue, seen: Set<object>): string {
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
    case "bytes":
      return `{" b":${jsonString(b64Encode(value.value))}}`;
    case "markup":
      return `{" m":${jsonString(value.value)}}`;
    case "uuid":
      if (!/^[0-9a-f]{32}$/.test(value.hex)) throw new SerializeError(`A UUID needs 32 hex digits, got ${JSON.stringify(value.hex)}.`);
      return `{" u":${jsonString(value.hex)}}`;
    case "datetime":
      if (!(value.epochMs >= MIN_MS && value.epochMs <= MAX_MS)) {
        throw new SerializeError(`A Python datetime lies between the years 1 and 9999; ${value.epochMs} ms is outside.`);
      }
      return `{" d":${jsonString(httpDate(value.epochMs))}}`;
    case "list":
    case "tuple": {
      if (seen.has(value)) throw new SerializeError("Circular reference detected");
      seen.add(value);
      const body = `[${value.items.map((item) => writeValue(item, seen)).join(",")}]`;
      seen.delete(value);
      return value.type === "tuple" ? `{" t":${body}}` : body;
    }
    case "dict": {
      if (seen.has(value)) throw new SerializeError("Circular reference detected");
      seen.add(value);
      let body: string;
      if (value.entries.size === 1 && TAG_KEYS.has([...value.entries.keys()][0])) {
        // TagDict: {" t": 1} would read back as a tuple, so Flask writes {" di": {" t__": 1}}.
        const [[key, inner]] = [...value.entries];
        body = `{" di":{${jsonString(key + "__")}:${writeValue(inner, seen)}}}`;
      } else {
        const keys = [...value.entries.keys()].sort(compareCodePoints);
        body = `{${keys.map((k) => `${jsonString(k)}:${writeValue(value.entries.get(k)!, seen)}`).join(",")}}`;
      }
      seen.delete(value);
      return body;
    }
  }
}

/** `session_json_serializer.dumps(value)` as Flask writes a session. Throws SerializeError. */
export function dumpsTagged(value: PyValue): string {
  return writeValue(value, new Set());
}

// ---------------------------------------------------------------------------------------------
// Reading: Python's json scanner (Modules/_json.c), strict mode.

class JsonSyntaxError extends Error {}
class TagError extends Error {}

// Python 3.11 `sys.int_info.default_max_str_digits`: longer integers raise ValueError.
const MAX_INT_DIGITS = 4300;

// Python's `str.split()` / `str.strip()` whitespace.
const PY_WS = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const PY_WS_RE = new RegExp(`[${PY_WS}]+`, "u");
const PY_STRIP_RE = new RegExp(`^[${PY_WS}]+|[${PY_WS}]+$`, "gu");

// A JSON number (json.scanner's NUMBER_RE), matched where the parser stands.
const NUMBER_RE = /(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;

class Parser {
  pos = 0;
  depth = 0;
  constructor(private readonly text: string) {}

  fail(message: string): never {
    throw new JsonSyntaxError(`${message}: char ${this.pos}`);
  }

  ws() {
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
      else return;
    }
  }

  parseDocument(): PyValue {
    this.ws();
    const value = this.value();
    this.ws();
    if (this.pos !== this.text.length) this.fail("Extra data");
    return value;
  }

  value(): PyValue {
    const t = this.text;
    const c = t[this.pos];
    if (c === '"') return { type: "str", value: this.string() };
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (t.startsWith("null", this.pos)) return (this.pos += 4), { type: "none" };
    if (t.startsWith("true", this.pos)) return (this.pos += 4), { type: "bool", value: true };
    if (t.startsWith("false", this.pos)) return (this.pos += 5), { type: "bool", value: false };
    if (t.startsWith("NaN", this.pos)) return (this.pos += 3), { type: "float", value: NaN };
    if (t.startsWith("Infinity", this.pos)) return (this.pos += 8), { type: "float", value: Infinity };
    if (t.startsWith("-Infinity", this.pos)) return (this.pos += 9), { type: "float", value: -Infinity };
    // Sticky, on the whole text: a number has no length limit in JSON (Python reads a float of any length).
    NUMBER_RE.lastIndex = this.pos;
    const m = NUMBER_RE.exec(t);
    if (!m) this.fail("Expecting value");
    this.pos += m[0].length;
    if (m[2] || m[3]) return { type: "float", value: Number(m[0]) };
    if (m[1].replace("-", "").length > MAX_INT_DIGITS) {
      throw new JsonSyntaxError(`Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion`);
    }
    return { type: "int", value: BigInt(m[1]) };
  }

  string(): string {
    const t = this.text;
    this.pos++; // opening quote
    let out = "";
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (Number.isNaN(c)) this.fail("Unterminated string starting at");
      if (c === 0x22) {
        this.pos++;
        return out;
      }
      if (c < 0x20) this.fail("Invalid control character at");
      if (c !== 0x5c) {
        out += t[this.pos++];
        continue;
      }
      const e = t[this.pos + 1];
      const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (e !== undefined && e in simple) {
        out += simple[e];
        this.pos += 2;
      } else if (e === "u") {
        const h = t.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(h)) this.fail("Invalid \\uXXXX escape");
        // A \uD83D\uDE00 pair is one character in Python; as UTF-16 units it is the same string here.
        out += String.fromCharCode(parseInt(h, 16));
        this.pos += 6;
      } else {
        this.fail("Invalid \\escape");
      }
    }
  }

  enter() {
    // Python's C scanner recurses per nesting level and raises RecursionError near its limit.
    if (++this.depth > MAX_DEPTH) throw new JsonSyntaxError("maximum recursion depth exceeded while decoding a JSON document");
  }

  array(): PyValue {
    this.enter();
    this.pos++;
    const items: PyValue[] = [];
    this.ws();
    if (this.text[this.pos] === "]") {
      this.pos++;
      this.depth--;
      return { type: "list", items };
    }
    for (;;) {
      this.ws();
      items.push(this.value());
      this.ws();
      const c = this.text[this.pos++];
      if (c === "]") break;
      if (c !== ",") {
        this.pos--;
        this.fail("Expecting ',' delimiter");
      }
    }
    this.depth--;
    return { type: "list", items };
  }

  object(): PyValue {
    this.enter();
    this.pos++;
    const entries = new Map<string, PyValue>();
    this.ws();
    if (this.text[this.pos] === "}") {
      this.pos++;
    } else {
      for (;;) {
        this.ws();
        if (this.text[this.pos] !== '"') this.fail("Expecting property name enclosed in double quotes");
        const key = this.string();
        this.ws();
        if (this.text[this.pos] !== ":") this.fail("Expecting ':' delimiter");
        this.pos++;
        this.ws();
        // A repeated key keeps its first position and takes the last value, as a dict does.
        entries.set(key, this.value());
        this.ws();
        const c = this.text[this.pos++];
        if (c === "}") break;
        if (c !== ",") {
        this.pos--;
        this.fail("Expecting ',' delimiter");
      }
      }
    }
    this.depth--;
    return untag({ type: "dict", entries });
  }
}

/**
 * Nesting at which Python's decoder gives up (RecursionError, so a 500). It depends on how deep the
 * server's stack already is when the session opens: recorded by scripts/fixtures/gen_max_depth.py
 * (tests/fixtures/max-depth.json) with Debian's Flask 2.2, a cookie
 * nesting 971 levels loads under gunicorn 20.1 (sync worker) and 972 does not; through Flask's test
 * client the limit is 977. We follow gunicorn; the last few levels are approximate by nature.
 */
export const MAX_DEPTH = 971;

// ---------------------------------------------------------------------------------------------
// Tags: TaggedJSONSerializer.untag and each tag's to_python, on already untagged values.

function typeName(value: PyValue): string {
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

function untag(value: PyDict): PyValue {
  if (value.entries.size !== 1) return value;
  const [[key, inner]] = [...value.entries];
  switch (key) {
    case " t":
      return { type: "tuple", items: iterate(inner, " t") };
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

function iterate(value: PyValue, tag: string): PyValue[] {
  const items = pyIterate(value);
  if (items === null) throw new TagError(`The "${tag}" tag holds a ${typeName(value)}, and Python cannot iterate over it (TypeError).`);
  return items;
}

function toBytes(value: PyValue): PyValue {
  if (value.type !== "str" && value.type !== "markup" && value.type !== "bytes") {
    throw new TagError(`The " b" tag holds a ${typeName(value)}; base64.b64decode needs a str or bytes (TypeError).`);
  }
  const decoded = b64DecodeDetailed(value.value);
  if (!decoded.ok) throw new TagError(`The " b" tag is not valid base64: ${decoded.error.message}.`);
  return { type: "bytes", value: decoded.bytes };
}

/** Python `int(text, 16)`: surrounding whitespace, a sign, single underscores between digits, Unicode digits. */
function pyHexInt(text: string): bigint | null {
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

function toUuid(value: PyValue): PyValue {
  if (value.type !== "str" && value.type !== "markup") {
    throw new TagError(`The " u" tag holds a ${typeName(value)}; uuid.UUID needs a str.`);
  }
  // uuid.UUID.__init__: drop "urn:" and "uuid:", braces at the ends, and every hyphen.
  const hex = value.value.replaceAll("urn:", "").replaceAll("uuid:", "").replace(/^[{}]+|[{}]+$/g, "").replaceAll("-", "");
  if ([...hex].length !== 32) throw new TagError(`The " u" tag is not a UUID: badly formed hexadecimal UUID string.`);
  const n = pyHexInt(hex);
  if (n === null) throw new TagError(`The " u" tag is not a UUID: invalid literal for int() with base 16.`);
  if (n < 0n || n >= 1n << 128n) throw new TagError(`The " u" tag is not a UUID: int is out of range (need a 128-bit value).`);
  return { type: "uuid", hex: n.toString(16).padStart(32, "0") };
}

/** Python truthiness (`bool(value)` is False). */
export function isFalsy(value: PyValue): boolean {
  switch (value.type) {
    case "none":
      return true;
    case "bool":
      return !value.value;
    case "int":
      return value.value === 0n;
    case "float":
      return value.value === 0;
    case "str":
    case "markup":
      return value.value === "";
    case "bytes":
      return value.value.length === 0;
    case "list":
    case "tuple":
      return value.items.length === 0;
    case "dict":
      return value.entries.size === 0;
    default:
      return false;
  }
}

/** Werkzeug 2.2 `parse_date`: None when the date does not parse, a 500 when the value has no `.split()`. */
function toDatetime(value: PyValue): PyValue {
  if (isFalsy(value)) return { type: "none" };
  // bytes.split() works, then bytes.endswith(",") raises TypeError, which parse_date swallows.
  if (value.type === "bytes") return { type: "none" };
  if (value.type !== "str" && value.type !== "markup") {
    throw new TagError(`The " d" tag holds a ${typeName(value)}, which has no .split() (AttributeError).`);
  }
  return parseHttpDate(value.value) ?? { type: "none" };
}

const MONTH_NAMES = [
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
];
const DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, AST: -400, ADT: -300, EST: -500, EDT: -400, CST: -600, CDT: -500, MST: -700, MDT: -600, PST: -800, PDT: -700,
};

/** Python 3.11 `str.isdigit()` of a first character: decimal digits plus the 128 other "digit" characters. */
const PY_ISDIGIT_START =
  /^[\p{Nd}\u{b2}-\u{b3}\u{b9}\u{1369}-\u{1371}\u{19da}\u{2070}\u{2074}-\u{2079}\u{2080}-\u{2089}\u{2460}-\u{2468}\u{2474}-\u{247c}\u{2488}-\u{2490}\u{24ea}\u{24f5}-\u{24fd}\u{24ff}\u{2776}-\u{277e}\u{2780}-\u{2788}\u{278a}-\u{2792}\u{10a40}-\u{10a43}\u{10e60}-\u{10e68}\u{11052}-\u{1105a}\u{1f100}-\u{1f10a}]/u;

/** Python `int(text)` in base 10, or null where it raises ValueError. */
function pyInt(text: string): number | null {
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

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * `email.utils.parsedate_to_datetime` (CPython 3.11 Lib/email/_parseaddr.py `_parsedate_tz`), then
 * Werkzeug's rule that a date without a zone is UTC. Null where parse_date returns None.
 */
export function parseHttpDate(input: string): PyValue | null {
  let data = input.split(PY_WS_RE).filter((s) => s !== "");
  if (data.length === 0) return null;
  if (data[0].endsWith(",") || DAY_NAMES.includes(data[0].toLowerCase())) {
    data.shift();
  } else {
    const i = data[0].lastIndexOf(",");
    if (i >= 0) data[0] = data[0].slice(i + 1);
  }
  if (data.length === 3) {
    const stuff = data[0].split("-");
    if (stuff.length === 3) data = [...stuff, ...data.slice(1)];
  }
  if (data.length === 4) {
    const s = data[3];
    let i = s.indexOf("+");
    if (i === -1) i = s.indexOf("-");
    if (i > 0) data.splice(3, 1, s.slice(0, i), s.slice(i));
    else data.push("");
  }
  if (data.length < 5) return null;
  let [dd, mm, yy, tm, tz] = data.slice(0, 5);
  if (!(dd && mm && yy)) return null;
  mm = mm.toLowerCase();
  if (!MONTH_NAMES.includes(mm)) {
    [dd, mm] = [mm, dd.toLowerCase()];
    if (!MONTH_NAMES.includes(mm)) return null;
  }
  let month = MONTH_NAMES.indexOf(mm) + 1;
  if (month > 12) month -= 12;
  if (dd.endsWith(",")) dd = dd.slice(0, -1);
  if (yy.indexOf(":") > 0) [yy, tm] = [tm, yy];
  if (yy.endsWith(",")) {
    yy = yy.slice(0, -1);
    if (!yy) return null;
  }
  if (!PY_ISDIGIT_START.test(yy)) [yy, tz] = [tz, yy];
  if (tm.endsWith(",")) tm = tm.slice(0, -1);
  let parts = tm.split(":");
  let thh: string, tmm: string, tss: string;
  if (parts.length === 2) [thh, tmm, tss] = [parts[0], parts[1], "0"];
  else if (parts.length === 3) [thh, tmm, tss] = parts as [string, string, string];
  else if (parts.length === 1 && parts[0].includes(".")) {
    parts = parts[0].split(".");
    if (parts.length === 2) [thh, tmm, tss] = [parts[0], parts[1], "0"];
    else if (parts.length === 3) [thh, tmm, tss] = parts as [string, string, string];
    else return null;
  } else return null;
  const nums = [yy, dd, thh, tmm, tss].map(pyInt);
  if (nums.some((n) => n === null)) return null;
  let [year] = nums as number[];
  const [, day, hour, minute, second] = nums as number[];
  if (year < 100) year += year > 68 ? 1900 : 2000;
  let offset: number | null = null;
  const zone = tz.toUpperCase();
  if (zone in ZONES) offset = ZONES[zone];
  else {
    offset = pyInt(zone);
    if (offset === 0 && zone.startsWith("-")) offset = null;
  }
  if (offset) {
    const sign = offset < 0 ? -1 : 1;
    const abs = Math.abs(offset);
    offset = sign * (Math.floor(abs / 100) * 3600 + (abs % 100) * 60);
  }
  // datetime(...) and timezone(timedelta(...)) raise ValueError on out-of-range fields: parse_date returns None.
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  const utcOffset = offset ?? 0;
  if (Math.abs(utcOffset) >= 86400) return null;
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, 0);
  return { type: "datetime", epochMs: wall.getTime() - utcOffset * 1000, tzAware: true, utcOffset };
}

/** TagDict.to_python: `key = next(iter(value)); return {key[:-2]: value[key]}`. */
function toTaggedDict(value: PyValue): PyValue {
  if (value.type !== "dict") {
    throw new TagError(`The " di" tag holds a ${typeName(value)}, not an object (TypeError).`);
  }
  const first = value.entries.entries().next();
  if (first.done) throw new TagError(`The " di" tag holds an empty object (StopIteration).`);
  const [key, inner] = first.value;
  const chars = [...key];
  return { type: "dict", entries: new Map([[chars.slice(0, Math.max(0, chars.length - 2)).join(""), inner]]) };
}

/** `TaggedJSONSerializer.loads(text)`: Python's JSON reading plus Flask's untagging. */
export function loadsTagged(text: string): LoadResult {
  try {
    return { ok: true, value: new Parser(text).parseDocument() };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, error: { code: "not-json", message: `Not valid JSON: ${e.message}.` } };
    if (e instanceof TagError) return { ok: false, error: { code: "bad-tag", message: e.message } };
    throw e;
  }
}

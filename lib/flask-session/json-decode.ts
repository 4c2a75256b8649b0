/**
 * Python's JSON reader (`json.loads`, the C scanner of Modules/_json.c, strict mode) with an
 * `object_hook`, over PyValue: integers of any size (up to Python's digit limit), NaN and the
 * infinities, a repeated key keeping its first place and its last value, Python's messages.
 */
import type { PyDict, PyValue } from "./py-value";

/**
 * Python's `JSONDecodeError` (or the ValueError/RecursionError the scanner raises): its reason,
 * worded as Python words it, and the character position it names, when it names one.
 */
export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number | null,
  ) {
    super(position === null ? reason : `${reason}: char ${position}`);
    this.name = "JsonSyntaxError";
  }
}

// Python 3.11 `sys.int_info.default_max_str_digits`: longer integers raise ValueError.
const MAX_INT_DIGITS = 4300;

// A JSON number (json.scanner's NUMBER_RE), matched where the parser stands.
const NUMBER_RE = /(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;

/**
 * Nesting at which Python's decoder gives up (RecursionError, so a 500). It depends on how deep the
 * server's stack already is when the session opens: recorded by scripts/fixtures/gen_max_depth.py
 * (tests/fixtures/max-depth.json) with Debian's Flask 2.2, a cookie
 * nesting 971 levels loads under gunicorn 20.1 (sync worker) and 972 does not; through Flask's test
 * client the limit is 977. We follow gunicorn; the last few levels are approximate by nature.
 */
export const MAX_DEPTH = 971;

class Parser {
  pos = 0;
  depth = 0;
  constructor(
    private readonly text: string,
    private readonly objectHook: (value: PyDict) => PyValue,
  ) {}

  fail(reason: string): never {
    throw new JsonSyntaxError(reason, this.pos);
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
    if (t.startsWith("null", this.pos)) return ((this.pos += 4), { type: "none" });
    if (t.startsWith("true", this.pos)) return ((this.pos += 4), { type: "bool", value: true });
    if (t.startsWith("false", this.pos)) return ((this.pos += 5), { type: "bool", value: false });
    if (t.startsWith("NaN", this.pos)) return ((this.pos += 3), { type: "float", value: NaN });
    if (t.startsWith("Infinity", this.pos)) return ((this.pos += 8), { type: "float", value: Infinity });
    if (t.startsWith("-Infinity", this.pos)) return ((this.pos += 9), { type: "float", value: -Infinity });
    // Sticky, on the whole text: a number has no length limit in JSON (Python reads a float of any length).
    NUMBER_RE.lastIndex = this.pos;
    const m = NUMBER_RE.exec(t);
    if (!m) this.fail("Expecting value");
    this.pos += m[0].length;
    if (m[2] || m[3]) return { type: "float", value: Number(m[0]) };
    if (m[1].replace("-", "").length > MAX_INT_DIGITS) {
      throw new JsonSyntaxError(`Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion`, null);
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
    if (++this.depth > MAX_DEPTH) throw new JsonSyntaxError("maximum recursion depth exceeded while decoding a JSON document", null);
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
    return this.objectHook({ type: "dict", entries });
  }
}

/**
 * `json.loads(text, object_hook=hook)`: the hook runs on every object, innermost first, and what
 * it returns takes the object's place. Throws JsonSyntaxError, and whatever the hook throws.
 */
export function parsePythonJson(text: string, objectHook: (value: PyDict) => PyValue): PyValue {
  return new Parser(text, objectHook).parseDocument();
}

/**
 * `flask.jsonify` for the principal apps' response body, built on the codec's Python-exact pieces
 * (string escaping, float repr, code-point key order).
 *
 * - Flask 2.2 (`DefaultJSONProvider.response`): `json.dumps(obj, default=_default,
 *   ensure_ascii=True, sort_keys=True, separators=(",", ":"))` when not in debug mode, plus "\n".
 *   `_default` turns dates into HTTP dates, UUIDs into str and anything with `__html__` into str;
 *   bytes raise TypeError (a 500).
 * - Flask 0.10.1 (flask/json.py `jsonify`): `indent=2` unless the request says
 *   `X-Requested-With: XMLHttpRequest`, through Python 2's `json.dumps`, whose default item separator
 *   ", " leaves a trailing space at the end of every wrapped line; no final newline. Byte strings are
 *   plain strings to Python 2's json.
 */
import type { PyValue } from "./py-value";
import { uuidText } from "./python-repr";
import { httpDate } from "./http-date";
import { compareCodePoints, jsonScalar, jsonString } from "./json-encode";

export type JsonifyResult = { ok: true; text: string } | { ok: false; message: string };

class JsonifyError extends Error {}

type Style = { python2: boolean; indent: number | null };

function scalar(value: PyValue, style: Style): string | null {
  const plain = jsonScalar(value);
  if (plain !== null) return plain;
  switch (value.type) {
    case "markup":
      return jsonString(value.value);
    case "datetime":
      return jsonString(httpDate(value.epochMs));
    case "uuid":
      return jsonString(uuidText(value.hex));
    case "bytes": {
      if (!style.python2) throw new JsonifyError("Object of type bytes is not JSON serializable");
      try {
        return jsonString(new TextDecoder("utf-8", { fatal: true }).decode(value.value));
      } catch {
        throw new JsonifyError("'utf8' codec can't decode the byte string");
      }
    }
    default:
      return null;
  }
}

function write(value: PyValue, style: Style, depth: number): string {
  const simple = scalar(value, style);
  if (simple !== null) return simple;
  let open: string;
  let close: string;
  let items: string[];
  if (value.type === "list" || value.type === "tuple") {
    [open, close] = ["[", "]"];
    items = value.items.map((item) => write(item, style, depth + 1));
  } else if (value.type === "dict") {
    [open, close] = ["{", "}"];
    const keys = [...value.entries.keys()].sort(compareCodePoints);
    const colon = style.python2 ? ": " : ":";
    items = keys.map((key) => `${jsonString(key)}${colon}${write(value.entries.get(key) as PyValue, style, depth + 1)}`);
  } else {
    throw new JsonifyError(`Object of type ${value.type} is not JSON serializable`);
  }
  if (items.length === 0) return open + close;
  if (style.indent === null) return open + items.join(style.python2 ? ", " : ",") + close;
  const inner = "\n" + " ".repeat(style.indent * (depth + 1));
  const outer = "\n" + " ".repeat(style.indent * depth);
  // Python 2's json puts the item separator (", ") before the newline, hence the trailing spaces.
  return open + inner + items.join((style.python2 ? ", " : ",") + inner) + outer + close;
}

/** Flask 2.2's `jsonify(value)` body. */
export function jsonify(value: PyValue): JsonifyResult {
  return run(value, { python2: false, indent: null }, "\n");
}

/** Flask 0.10.1's `jsonify(value)` body on Python 2. */
export function jsonifyFlask010(value: PyValue, xhr: boolean): JsonifyResult {
  return run(value, { python2: true, indent: xhr ? null : 2 }, "");
}

function run(value: PyValue, style: Style, end: string): JsonifyResult {
  try {
    return { ok: true, text: write(value, style, 0) + end };
  } catch (error) {
    if (error instanceof JsonifyError) return { ok: false, message: error.message };
    throw error;
  }
}

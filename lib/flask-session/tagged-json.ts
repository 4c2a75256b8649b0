/**
 * Flask 2.2's `TaggedJSONSerializer` (flask/json/tag.py) over Python's `json` module as Flask's
 * `DefaultJSONProvider` calls it: `separators=(",", ":")`, `sort_keys=True`, `ensure_ascii=True`,
 * NaN and the infinities written bare.
 *
 * Writing tags values in the order Flask tries its tags: one-key dict whose key is a tag (` di`),
 * dict, tuple (` t`), list, bytes (` b`), Markup (` m`), UUID (` u`), datetime (` d`).
 *
 * Reading is `json.loads(text, object_hook=untag)` (./json-decode.ts, ./untag.ts). Where Python
 * raises, reading fails with `bad-tag`: Flask then answers 500.
 */
import { b64Encode } from "./base64";
import type { JsonError, SerializeFailure, TagFailure } from "./engine-error";
import { httpDate } from "./http-date";
import { compareCodePoints, jsonScalar, jsonString } from "./json-encode";
import { JsonSyntaxError, parsePythonJson } from "./json-decode";
import type { PyValue } from "./py-value";
import { TAG_KEYS, TagError, untag } from "./untag";

/**
 * A value Flask's serializer cannot write (Python raises TypeError or ValueError), as data:
 * ./messages.ts words it.
 */
export class SerializeError extends Error {
  constructor(readonly failure: SerializeFailure) {
    super(failure.code);
    this.name = "SerializeError";
  }
}

type LoadError = JsonError | TagFailure;
export type LoadResult = { ok: true; value: PyValue } | { ok: false; error: LoadError };

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
    case "bool":
    case "int":
    case "float":
    case "str":
      return jsonScalar(value)!;
    case "bytes":
      return `{" b":${jsonString(b64Encode(value.value))}}`;
    case "markup":
      return `{" m":${jsonString(value.value)}}`;
    case "uuid":
      if (!/^[0-9a-f]{32}$/.test(value.hex)) throw new SerializeError({ stage: "serialize", code: "bad-uuid", detail: { hex: value.hex } });
      return `{" u":${jsonString(value.hex)}}`;
    case "datetime":
      if (!(value.epochMs >= MIN_MS && value.epochMs <= MAX_MS)) {
        throw new SerializeError({ stage: "serialize", code: "datetime-out-of-range", detail: { epochMs: value.epochMs } });
      }
      return `{" d":${jsonString(httpDate(value.epochMs))}}`;
    case "list":
    case "tuple": {
      if (seen.has(value)) throw new SerializeError({ stage: "serialize", code: "circular", detail: {} });
      seen.add(value);
      const body = `[${value.items.map((item) => writeValue(item, seen)).join(",")}]`;
      seen.delete(value);
      return value.type === "tuple" ? `{" t":${body}}` : body;
    }
    case "dict": {
      if (seen.has(value)) throw new SerializeError({ stage: "serialize", code: "circular", detail: {} });
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

/** `TaggedJSONSerializer.loads(text)`: Python's JSON reading plus Flask's untagging. */
export function loadsTagged(text: string): LoadResult {
  try {
    return { ok: true, value: parsePythonJson(text, untag) };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, error: { stage: "json", code: "not-json", detail: { reason: e.reason, position: e.position } } };
    if (e instanceof TagError) return { ok: false, error: { stage: "tag", code: "bad-tag", detail: e.detail } };
    throw e;
  }
}

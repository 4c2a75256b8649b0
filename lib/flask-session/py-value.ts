/**
 * Python's view of session data. Flask's session holds Python objects, and the distinctions that
 * JavaScript values blur (tuple vs list, bytes vs str, int vs float, big integers, ordered dicts)
 * all show in the cookie bytes and in the `repr()` the article's view prints, so they are kept.
 */
export type PyValue =
  | { type: "none" }
  | { type: "bool"; value: boolean }
  /** Python int: arbitrary precision, so bigint. */
  | { type: "int"; value: bigint }
  /** Python float: IEEE double, NaN and the infinities included. */
  | { type: "float"; value: number }
  | { type: "str"; value: string }
  | { type: "bytes"; value: Uint8Array }
  | { type: "list"; items: PyValue[] }
  | { type: "tuple"; items: PyValue[] }
  | PyDict
  /**
   * datetime.datetime. `epochMs` is the instant (a naive datetime is read as UTC, as Werkzeug's
   * http_date does). After a round trip it is always aware; Werkzeug's parse_date keeps the offset a
   * hand-edited " d" date names (`utcOffset`, seconds east of UTC; absent or 0 means timezone.utc).
   */
  | { type: "datetime"; epochMs: number; tzAware: boolean; utcOffset?: number }
  /** markupsafe.Markup: a str subclass that Flask tags with " m". */
  | { type: "markup"; value: string }
  /** uuid.UUID, kept as 32 lowercase hex digits. */
  | { type: "uuid"; hex: string };

/** A Python dict with str keys. A Map keeps insertion order, as Python's dict does. */
export type PyDict = { type: "dict"; entries: Map<string, PyValue> };

export const py = {
  none: (): PyValue => ({ type: "none" }),
  bool: (value: boolean): PyValue => ({ type: "bool", value }),
  int: (value: bigint | number): PyValue => ({ type: "int", value: BigInt(value) }),
  float: (value: number): PyValue => ({ type: "float", value }),
  str: (value: string): PyValue => ({ type: "str", value }),
  bytes: (value: Uint8Array | string): PyValue => ({
    type: "bytes",
    value: typeof value === "string" ? new TextEncoder().encode(value) : value,
  }),
  list: (items: PyValue[]): PyValue => ({ type: "list", items }),
  tuple: (items: PyValue[]): PyValue => ({ type: "tuple", items }),
  dict: (entries: Iterable<[string, PyValue]> = []): PyDict => ({ type: "dict", entries: new Map(entries) }),
  datetime: (epochMs: number, tzAware = true): PyValue => ({ type: "datetime", epochMs, tzAware }),
  markup: (value: string): PyValue => ({ type: "markup", value }),
  uuid: (hex: string): PyValue => ({ type: "uuid", hex: hex.replace(/-/g, "").toLowerCase() }),
};

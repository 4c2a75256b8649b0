/**
 * fast-check generators for session values Flask can store and read back unchanged: every PyValue
 * kind, nested, with the awkward corners (lone surrogates, astral characters, tag-like keys,
 * big integers, NaN, -0.0, 2-digit-year-free datetimes in whole seconds).
 */
import fc from "fast-check";
import type { PyDict, PyValue } from "@/lib/flask-session/py-value";

/** One code point: mostly ASCII, sometimes any code point, a lone surrogate, or a tag's letters. */
const codePoint: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom("\uffff", "😀", "é", "'", '"', "\\", "\u007f", "\u0085", "\u00a0") },
);

export const pyText = fc.string({ unit: codePoint, maxLength: 12 });

const dictKey = fc.oneof({ weight: 4, arbitrary: pyText }, { weight: 1, arbitrary: fc.constantFrom(" t", " b", " d", " m", " u", " di", " x", "x__", "") });

// Python's datetime range, years 100 to 9999 (a year below 100 is written "0099" and read back as 1999).
const MIN_S = Date.UTC(100, 0, 1) / 1000;
const MAX_S = Date.UTC(9999, 11, 31, 23, 59, 59) / 1000;

const leaf: fc.Arbitrary<PyValue> = fc.oneof(
  fc.constant<PyValue>({ type: "none" }),
  fc.boolean().map((value): PyValue => ({ type: "bool", value })),
  fc.oneof(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), fc.bigInt({ min: -1000n, max: 1000n })).map((value): PyValue => ({ type: "int", value })),
  fc.double().map((value): PyValue => ({ type: "float", value })),
  pyText.map((value): PyValue => ({ type: "str", value })),
  fc.uint8Array({ maxLength: 16 }).map((value): PyValue => ({ type: "bytes", value })),
  fc.integer({ min: MIN_S, max: MAX_S }).map((s): PyValue => ({ type: "datetime", epochMs: s * 1000, tzAware: true })),
  pyText.map((value): PyValue => ({ type: "markup", value })),
  fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b): PyValue => ({ type: "uuid", hex: Buffer.from(b).toString("hex") })),
);

export const pyValue: fc.Arbitrary<PyValue> = fc.letrec<{ value: PyValue }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 3, depthIdentifier: "py" },
    { weight: 5, arbitrary: leaf },
    fc.array(tie("value"), { maxLength: 4 }).map((items): PyValue => ({ type: "list", items })),
    fc.array(tie("value"), { maxLength: 4 }).map((items): PyValue => ({ type: "tuple", items })),
    fc.array(fc.tuple(dictKey, tie("value")), { maxLength: 4 }).map((pairs): PyValue => ({ type: "dict", entries: new Map(pairs) })),
  ),
})).value;

export const pySession: fc.Arbitrary<PyDict> = fc
  .array(fc.tuple(dictKey, pyValue), { maxLength: 5 })
  .map((pairs): PyDict => ({ type: "dict", entries: new Map(pairs) }));

/** A cookie with one random edit: replace, insert or delete a character, or cut it short. */
export const cookieEdit = fc.oneof(
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), ch: fc.constantFrom(..."AZaz09-_.=+/!é") }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), ch: fc.constantFrom(..."AZaz09-_.=+/!é") }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);

export type CookieEdit = { kind: "replace" | "insert"; at: number; ch: string } | { kind: "delete" | "truncate"; at: number };

export function mutate(cookie: string, m: CookieEdit): string {
  const at = m.at % (cookie.length + 1);
  switch (m.kind) {
    case "replace":
      return cookie.slice(0, at) + m.ch + cookie.slice(at + 1);
    case "insert":
      return cookie.slice(0, at) + m.ch + cookie.slice(at);
    case "delete":
      return cookie.slice(0, at) + cookie.slice(at + 1);
    case "truncate":
      return cookie.slice(0, at);
  }
}

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { py } from "./py-value";
import { pyRepr } from "./python-repr";
import { parseHttpDate } from "./email-date";
import { MAX_DEPTH } from "./json-decode";
import { compareCodePoints, jsonString } from "./json-encode";
import { engineErrorMessage } from "./messages";
import { dumpsTagged, loadsTagged, SerializeError } from "./tagged-json";

type Fixtures = { tagged: Array<{ name: string; text: string; flask: { ok: true; repr: string; tagged?: string } | { ok: false; exception: string } }> };
const fixtures: Fixtures = JSON.parse(readFileSync(new URL("../../tests/fixtures/flask-cookies.json", import.meta.url), "utf8"));

describe("reading tagged JSON as Flask does (fixtures from Flask's TaggedJSONSerializer)", () => {
  it("has fixtures for successes and failures", () => {
    expect(fixtures.tagged.filter((t) => t.flask.ok).length).toBeGreaterThan(20);
    expect(fixtures.tagged.filter((t) => !t.flask.ok).length).toBeGreaterThan(10);
  });

  for (const t of fixtures.tagged) {
    it(`${t.name}: ${t.flask.ok ? "loads" : `fails (${t.flask.exception})`}`, () => {
      const ours = loadsTagged(t.text);
      if (!t.flask.ok) {
        expect(ours.ok).toBe(false);
        if (!ours.ok) expect(engineErrorMessage(ours.error).length).toBeGreaterThan(5);
        return;
      }
      if (!ours.ok) throw new Error(engineErrorMessage(ours.error));
      expect(pyRepr(ours.value)).toBe(t.flask.repr);
      if (t.flask.tagged !== undefined) expect(dumpsTagged(ours.value)).toBe(t.flask.tagged);
    });
  }

  it("classifies failures: JSON syntax as not-json, a bad tag value as bad-tag", () => {
    expect(loadsTagged("{").ok === false && (loadsTagged("{") as { error: { code: string } }).error.code).toBe("not-json");
    const bad = loadsTagged('{"a": {" b": 5}}');
    expect(bad.ok === false && bad.error.code).toBe("bad-tag");
  });
});

describe("nesting limit", () => {
  const nested = (levels: number) => '{"a":' + "[".repeat(levels - 1) + "]".repeat(levels - 1) + "}";
  /** The deepest session real Flask loaded, under gunicorn and its test client: scripts/fixtures/gen_max_depth.py. */
  const recorded: { deepestLoaded: { gunicornSync: number; testClient: number } } = JSON.parse(
    readFileSync(new URL("../../tests/fixtures/max-depth.json", import.meta.url), "utf8"),
  );

  it("is the depth real Flask loads under gunicorn's sync worker", () => {
    expect(MAX_DEPTH).toBe(recorded.deepestLoaded.gunicornSync);
  });

  it(`loads ${MAX_DEPTH} levels and refuses one more, like Python's decoder under gunicorn`, () => {
    expect(loadsTagged(nested(MAX_DEPTH)).ok).toBe(true);
    const deeper = loadsTagged(nested(MAX_DEPTH + 1));
    expect(deeper.ok === false && engineErrorMessage(deeper.error)).toMatch(/recursion/);
  });
});

describe("writing tagged JSON", () => {
  it("sorts keys by code point, so U+FFFF comes before an emoji", () => {
    expect(compareCodePoints("\uffff", "😀")).toBeLessThan(0);
    expect(
      dumpsTagged(
        py.dict([
          ["😀", py.int(1)],
          ["\uffff", py.int(2)],
        ]),
      ),
    ).toBe('{"\\uffff":2,"\\ud83d\\ude00":1}');
  });

  it("escapes everything outside printable ASCII as lowercase \\uXXXX", () => {
    expect(jsonString('é\u007f\u0000"\\/\n')).toBe('"\\u00e9\\u007f\\u0000\\"\\\\/\\n"');
  });

  it("wraps a one-key dict whose key is a tag, at the top level too", () => {
    expect(dumpsTagged(py.dict([[" t", py.int(1)]]))).toBe('{" di":{" t__":1}}');
    expect(dumpsTagged(py.dict([[" x", py.int(1)]]))).toBe('{" x":1}');
  });

  it("writes datetimes as HTTP dates in UTC, dropping microseconds", () => {
    const value = py.dict([["d", py.datetime(Date.UTC(2016, 3, 6, 1, 2, 3, 456), false)]]);
    expect(dumpsTagged(value)).toBe('{"d":{" d":"Wed, 06 Apr 2016 01:02:03 GMT"}}');
  });

  it("refuses values Python cannot hold, with a clear error", () => {
    expect(() => dumpsTagged(py.dict([["d", py.datetime(Date.UTC(10000, 0, 1))]]))).toThrow(SerializeError);
    const failure = (value: Parameters<typeof dumpsTagged>[0]) => {
      try {
        dumpsTagged(value);
      } catch (e) {
        if (e instanceof SerializeError) return engineErrorMessage(e.failure);
        throw e;
      }
      throw new Error("serialised");
    };
    expect(failure(py.dict([["u", { type: "uuid", hex: "xyz" }]]))).toMatch(/32 hex digits/);
    const list = py.list([]);
    if (list.type === "list") list.items.push(list);
    expect(failure(py.dict([["l", list]]))).toMatch(/Circular reference/);
  });
});

describe("parseHttpDate follows email.utils.parsedate_to_datetime", () => {
  it("keeps a named offset", () => {
    expect(parseHttpDate("Wed, 06 Apr 2016 01:02:03 +0200")).toEqual({
      type: "datetime",
      epochMs: Date.UTC(2016, 3, 5, 23, 2, 3),
      tzAware: true,
      utcOffset: 7200,
    });
  });

  it("returns null for impossible dates", () => {
    expect(parseHttpDate("31 Apr 2016 01:02:03 GMT")).toBeNull();
    expect(parseHttpDate("garbage")).toBeNull();
  });
});

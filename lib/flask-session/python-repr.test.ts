import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { py } from "./py-value";
import { bytesRepr, floatRepr, multiDictRepr, pyRepr, sessionRepr, strRepr } from "./python-repr";
import { dumpsTagged } from "./tagged-json";

type Fixtures = {
  floats: Array<{ bits: string; repr: string; json: string }>;
  strings: Array<{ text: string; repr: string; json: string }>;
  bytes: Array<{ hex: string; repr: string }>;
};
const fixtures: Fixtures = JSON.parse(readFileSync(new URL("../../tests/fixtures/flask-cookies.json", import.meta.url), "utf8"));

function fromBits(bits: string): number {
  return new DataView(Uint8Array.from(Buffer.from(bits, "hex")).buffer).getFloat64(0);
}

describe("float repr and JSON (fixtures from Python 3.11)", () => {
  it(`matches Python for all ${fixtures.floats.length} floats`, () => {
    expect(fixtures.floats.length).toBeGreaterThan(1000);
    const mismatches = fixtures.floats.filter((f) => {
      const x = fromBits(f.bits);
      return floatRepr(x) !== f.repr || dumpsTagged(py.float(x)) !== f.json;
    });
    expect(mismatches).toEqual([]);
  });

  it("writes Python's layout, not JavaScript's", () => {
    expect([1, -0, 1e16, 1e-7, 1e100, 0.0001, 123.5].map(floatRepr)).toEqual(["1.0", "-0.0", "1e+16", "1e-07", "1e+100", "0.0001", "123.5"]);
    expect([NaN, Infinity, -Infinity].map(floatRepr)).toEqual(["nan", "inf", "-inf"]);
    expect([NaN, Infinity, -Infinity].map((x) => dumpsTagged(py.float(x)))).toEqual(["NaN", "Infinity", "-Infinity"]);
  });
});

describe("str repr (fixtures from Python 3.11)", () => {
  it(`matches Python for all ${fixtures.strings.length} strings`, () => {
    const mismatches = fixtures.strings.filter((s) => strRepr(s.text) !== s.repr || dumpsTagged(py.str(s.text)) !== s.json);
    expect(mismatches.map((s) => [s.repr, strRepr(s.text)])).toEqual([]);
  });

  it("picks double quotes only for text with a single quote and no double quote", () => {
    expect(strRepr("it's")).toBe(`"it's"`);
    expect(strRepr(`it's "x"`)).toBe(`'it\\'s "x"'`);
  });
});

describe("bytes repr (fixtures from Python 3.11)", () => {
  for (const b of fixtures.bytes.slice(0, 5)) {
    it(`renders ${b.repr.slice(0, 40)}`, () => {
      expect(bytesRepr(Uint8Array.from(Buffer.from(b.hex, "hex")))).toBe(b.repr);
    });
  }
  it("matches Python for the random samples", () => {
    expect(fixtures.bytes.filter((b) => bytesRepr(Uint8Array.from(Buffer.from(b.hex, "hex"))) !== b.repr)).toEqual([]);
  });
});

describe("container reprs as the article's view prints them", () => {
  it("prints the session and the cookies like Flask 2.2", () => {
    expect(sessionRepr("SecureCookieSession", py.dict([["key", py.str("value")]]))).toBe("<SecureCookieSession {'key': 'value'}>");
    expect(sessionRepr("SecureCookieSession", py.dict())).toBe("<SecureCookieSession {}>");
    expect(multiDictRepr("ImmutableMultiDict", [["session", "abc.def"]])).toBe("ImmutableMultiDict([('session', 'abc.def')])");
    expect(multiDictRepr("ImmutableMultiDict", [])).toBe("ImmutableMultiDict([])");
  });

  it("prints tuples, datetimes, Markup and UUID like Python", () => {
    expect(pyRepr(py.tuple([py.int(1)]))).toBe("(1,)");
    expect(pyRepr(py.tuple([]))).toBe("()");
    expect(pyRepr(py.datetime(Date.UTC(2016, 3, 6, 1, 2, 3)))).toBe("datetime.datetime(2016, 4, 6, 1, 2, 3, tzinfo=datetime.timezone.utc)");
    expect(pyRepr(py.datetime(Date.UTC(2016, 3, 6, 1, 2, 0)))).toBe("datetime.datetime(2016, 4, 6, 1, 2, tzinfo=datetime.timezone.utc)");
    expect(pyRepr(py.markup("<b>"))).toBe("Markup('<b>')");
    expect(pyRepr(py.uuid("12345678123456781234567812345678"))).toBe("UUID('12345678-1234-5678-1234-567812345678')");
  });
});

import { describe, expect, it } from "vitest";
import { py } from "./py-value";
import { py2CookiesRepr, py2DictRepr, py2Repr, unicodeRepr } from "./python2-repr";

describe("Python 2.7 reprs", () => {
  it("prefixes unicode with u and escapes every non-ASCII code point", () => {
    expect(unicodeRepr("value")).toBe("u'value'");
    expect(unicodeRepr("café 🍪")).toBe("u'caf\\xe9 \\U0001f36a'");
    expect(unicodeRepr("it's")).toBe('u"it\'s"');
    expect(unicodeRepr("\u20ac\n")).toBe("u'\\u20ac\\n'");
  });

  it("prints byte strings without a prefix and longs with an L", () => {
    expect(py2Repr(py.bytes("value"))).toBe("'value'");
    expect(py2Repr(py.int(2n ** 63n))).toBe("9223372036854775808L");
    expect(py2Repr(py.int(2n ** 63n - 1n))).toBe("9223372036854775807");
  });

  it("prints naive datetimes, Markup and tuples", () => {
    expect(py2Repr(py.datetime(Date.UTC(2016, 3, 6, 1, 2, 3)))).toBe("datetime.datetime(2016, 4, 6, 1, 2, 3)");
    expect(py2Repr(py.datetime(Date.UTC(2016, 3, 6, 1, 0, 0)))).toBe("datetime.datetime(2016, 4, 6, 1, 0)");
    expect(py2Repr(py.markup("<b>"))).toBe("Markup(u'<b>')");
    expect(py2Repr(py.tuple([py.int(1)]))).toBe("(1,)");
  });

  it("prints keys the app wrote as byte strings and keys from JSON as unicode", () => {
    const data = py.dict([
      ["loaded", py.int(1)],
      ["written", py.bytes("v")],
    ]);
    expect(py2DictRepr(data, new Set(["written"]))).toBe("{u'loaded': 1, 'written': 'v'}");
  });

  it("prints request.cookies as a plain dict of unicode", () => {
    expect(py2CookiesRepr([["session", "abc"]])).toBe("{u'session': u'abc'}");
  });
});

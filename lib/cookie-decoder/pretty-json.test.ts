import { describe, expect, it } from "vitest";
import { dumpsTagged, loadsTagged } from "@/lib/flask-session/tagged-json";
import { prettyJson } from "./pretty-json";
import { engineErrorMessage } from "@/lib/flask-session/messages";

function reload(text: string): string {
  const loaded = loadsTagged(text);
  if (!loaded.ok) throw new Error(engineErrorMessage(loaded.error));
  return dumpsTagged(loaded.value);
}

describe("indenting Flask's JSON", () => {
  it("indents objects and arrays and keeps empty ones on one line", () => {
    expect(prettyJson('{"a":[1,{}],"b":[]}')).toBe('{\n  "a": [\n    1,\n    {}\n  ],\n  "b": []\n}');
  });

  it("leaves strings alone, escaped quotes, braces and commas included", () => {
    const text = '{"k":"a \\"{x},[y]:\\\\"}';
    expect(reload(prettyJson(text))).toBe(reload(text));
    expect(prettyJson(text)).toContain('"a \\"{x},[y]:\\\\"');
  });

  it("keeps big integers, Python float spellings and NaN exactly", () => {
    const text = '{"a":123456789012345678901234567890,"b":1e+100,"c":-0.0,"d":NaN,"e":{" b":"dmFsdWU="}}';
    expect(reload(prettyJson(text))).toBe(reload(text));
    expect(prettyJson(text)).toContain("123456789012345678901234567890");
  });
});

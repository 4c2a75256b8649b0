import { describe, expect, it } from "vitest";
import { jsonify, jsonifyFlask010 } from "./flask-json";
import { py } from "./py-value";

const identity = py.dict([
  [
    "identity",
    py.dict([
      ["id", py.str("alice")],
      ["auth_type", py.str("token")],
    ]),
  ],
]);

describe("jsonify as Flask 2.2 writes it", () => {
  it("is compact, key-sorted, ASCII-only and ends with a newline", () => {
    expect(jsonify(identity)).toEqual({ ok: true, text: '{"identity":{"auth_type":"token","id":"alice"}}\n' });
    expect(jsonify(py.dict([["é", py.list([py.float(1), py.none(), py.bool(true)])]]))).toEqual({ ok: true, text: '{"\\u00e9":[1.0,null,true]}\n' });
  });

  it("refuses bytes, as json.dumps raises TypeError", () => {
    expect(jsonify(py.dict([["id", py.bytes("x")]]))).toEqual({ ok: false, message: "Object of type bytes is not JSON serializable" });
  });
});

describe("jsonify as Flask 0.10.1 wrote it on Python 2", () => {
  it("indents by 2 with a trailing space after each comma and no final newline", () => {
    expect(jsonifyFlask010(identity, false)).toEqual({ ok: true, text: '{\n  "identity": {\n    "auth_type": "token", \n    "id": "alice"\n  }\n}' });
  });

  it("writes byte strings as strings and empty containers inline", () => {
    expect(
      jsonifyFlask010(
        py.dict([
          ["a", py.bytes("token")],
          ["b", py.list([])],
        ]),
        true,
      ),
    ).toEqual({ ok: true, text: '{"a": "token", "b": []}' });
  });
});

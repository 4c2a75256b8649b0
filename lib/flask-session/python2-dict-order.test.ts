import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { py2Order, py2SessionOrder, type DictOp } from "./python2-dict-order";

/** Orders Python 2.7 printed (list(d.keys())) after the same operations: scripts/fixtures/gen_python2_dicts.py. */
type Python2Dicts = {
  python: string;
  cases: Array<{ name: string; loaded: string[]; ops: Array<["set" | "delete", string] | ["clear"]> | null; keys: string[] }>;
};
const recorded: Python2Dicts = JSON.parse(readFileSync(new URL("../../tests/fixtures/python2-dicts.json", import.meta.url), "utf8"));

const toOp = (step: ["set" | "delete", string] | ["clear"]): DictOp => (step[0] === "clear" ? { op: "clear" } : { op: step[0], key: step[1] as string });

describe(`Python ${recorded.python} dict iteration order`, () => {
  it("has the recorded cases", () => {
    expect(recorded.cases.length).toBeGreaterThanOrEqual(9);
  });
  for (const { name, loaded, ops, keys } of recorded.cases) {
    it(name, () => {
      // No ops: a dict built by inserts (json.loads). Ops: a session copied from one, then the request's writes.
      expect(ops === null ? py2Order(loaded) : py2SessionOrder(loaded, ops.map(toOp))).toEqual(keys);
    });
  }
});

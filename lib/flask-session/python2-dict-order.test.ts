import { describe, expect, it } from "vitest";
import { py2Order, py2SessionOrder, Py2Dict } from "./python2-dict-order";

// Expected orders printed by Python 2.7.18 (list(d.keys()) after the same operations).
describe("Python 2.7 dict iteration order", () => {
  it("puts Flask-Principal's keys as Python 2 printed them", () => {
    expect(py2Order(["identity.auth_type", "identity.id"])).toEqual(["identity.id", "identity.auth_type"]);
    expect(py2SessionOrder(["identity.auth_type", "identity.id"], [])).toEqual(["identity.id", "identity.auth_type"]);
  });

  it("hashes code points, as a wide (UCS-4) build does, and the empty string as 0", () => {
    expect(py2Order(["café", "🍪", "f", "n", ""])).toEqual(["", "n", "🍪", "f", "café"]);
  });

  it("orders request.cookies by hash, not by header order", () => {
    expect(py2Order(["theme", "session", "lang"])).toEqual(["lang", "theme", "session"]);
  });

  it("reuses a dummy slot left by a deletion", () => {
    const ops = [
      { op: "delete", key: "key" },
      { op: "set", key: "key" },
      { op: "set", key: "a" },
    ] as const;
    expect(py2SessionOrder(["_permanent", "key"], ops)).toEqual(["a", "_permanent", "key"]);
  });

  it("resizes as CPython does, and a merge copies in slot order", () => {
    const keys = Array.from({ length: 12 }, (_, i) => `k${i}`);
    expect(py2Order(keys)).toEqual(["k11", "k10", "k3", "k2", "k1", "k0", "k7", "k6", "k5", "k4", "k9", "k8"]);
    const dict = new Py2Dict();
    for (const key of keys) dict.set(key);
    const merged = new Py2Dict();
    merged.merge(dict);
    merged.set("zz");
    merged.delete("k3");
    expect(merged.keys()).toEqual(["k11", "k10", "zz", "k2", "k1", "k0", "k7", "k6", "k5", "k4", "k9", "k8"]);
  });
});

import { describe, expect, it } from "vitest";
import { py } from "./py-value";
import { FlaskSession } from "./session";

function loaded(): FlaskSession {
  return new FlaskSession("secure-cookie", py.dict([["key", py.str("value")]]));
}

describe("FlaskSession tracks access and modification as SecureCookieSession does", () => {
  it("starts neither accessed nor modified, even when loaded from a cookie", () => {
    const session = loaded();
    expect([session.accessed, session.modified]).toEqual([false, false]);
  });

  it("counts get, [] and setdefault as access but not as modification", () => {
    for (const read of [(s: FlaskSession) => s.get("key"), (s: FlaskSession) => s.getItem("missing"), (s: FlaskSession) => s.setdefault("key", py.str("x"))]) {
      const session = loaded();
      read(session);
      expect([session.accessed, session.modified]).toEqual([true, false]);
    }
  });

  it("does not count `in` at all", () => {
    const session = loaded();
    expect(session.has("key")).toBe(true);
    expect([session.accessed, session.modified]).toEqual([false, false]);
  });

  it("counts any write as a modification, even of the same value", () => {
    const session = loaded();
    session.set("key", py.str("value"));
    expect([session.accessed, session.modified]).toEqual([true, true]);
  });

  it("counts setdefault that inserts, clear on an empty session and pop of a present key as modifications", () => {
    const inserting = new FlaskSession("secure-cookie");
    inserting.setdefault("k", py.int(1));
    expect(inserting.modified).toBe(true);
    const cleared = new FlaskSession("secure-cookie");
    cleared.clear();
    expect(cleared.modified).toBe(true);
    const popped = loaded();
    expect(popped.pop("key")).toEqual(py.str("value"));
    expect(popped.modified).toBe(true);
  });

  it("ignores pop of a missing key entirely", () => {
    const session = new FlaskSession("secure-cookie");
    expect(session.pop("key")).toBeUndefined();
    expect([session.accessed, session.modified]).toEqual([false, false]);
  });

  it("does not see a nested value changed in place", () => {
    const session = new FlaskSession("secure-cookie", py.dict([["items", py.list([])]]));
    const items = session.data.entries.get("items");
    if (items?.type === "list") items.items.push(py.int(1));
    expect(session.modified).toBe(false);
  });

  it("reads permanent through get (an access) and writes it as _permanent", () => {
    const session = new FlaskSession("secure-cookie");
    expect(session.permanent).toBe(false);
    expect([session.accessed, session.modified]).toEqual([true, false]);
    session.permanent = true;
    expect(session.data.entries.get("_permanent")).toEqual(py.bool(true));
    expect(session.modified).toBe(true);
  });

  it("tracks nothing on the article's WeakSession", () => {
    const session = new FlaskSession("weak");
    session.set("key", py.str("value"));
    session.get("key");
    expect([session.accessed, session.modified, session.className]).toEqual([false, false, "WeakSession"]);
  });
});

import { describe, expect, it } from "vitest";
import { parseKnobs } from "./knobs";

const parse = (query: string, accept: string | null = null) => parseKnobs(new URLSearchParams(query), accept);

describe("parseKnobs", () => {
  it("defaults to Flask 2.2, the app's own action, permanence untouched, refresh on, plain view", () => {
    expect(parse("")).toEqual({ flask: "2.2", action: null, permanent: null, refresh: true, view: "plain", fix: null });
  });

  it("names a rule set only by its own values, not by the names every object has", () => {
    expect(parse("flask=3.1")).toMatchObject({ flask: "3.1" });
    for (const value of ["constructor", "toString", "hasOwnProperty", "__proto__"]) {
      expect(parse(`flask=${value}`), value).toMatchObject({ error: "bad-parameter", parameter: "flask" });
    }
  });

  it("names the rule sets by Flask version, and still accepts the old names 2016 and today", () => {
    expect(parse("flask=0.10")).toMatchObject({ flask: "0.10" });
    expect(parse("flask=2.2")).toMatchObject({ flask: "2.2" });
    expect(parse("flask=2016")).toMatchObject({ flask: "0.10" });
    expect(parse("flask=today")).toMatchObject({ flask: "2.2" });
    expect(parse("flask=2015")).toMatchObject({ message: 'Query parameter "flask" must be one of 0.10, 2.2, 3.1, 2016, today; got "2015".' });
  });

  it("reads every knob", () => {
    expect(parse("flask=0.10&action=clear&permanent=1&refresh=0&view=json")).toEqual({
      flask: "0.10",
      action: "clear",
      permanent: true,
      refresh: false,
      view: "json",
      fix: null,
    });
  });

  it("reads fix, and action=login (the fix apps' own) as a fix app's login", () => {
    expect(parse("fix=wsgi-strip&action=write")).toMatchObject({ action: "write", fix: { fix: "wsgi-strip", login: false } });
    expect(parse("action=login")).toMatchObject({ action: null, fix: { fix: "none", login: true } });
    expect(parse("fix=nope")).toMatchObject({ error: "bad-parameter", parameter: "fix", value: "nope" });
    expect(parse("fix=constructor")).toMatchObject({ error: "bad-parameter", parameter: "fix" });
  });

  it("names the first bad value", () => {
    expect(parse("action=delete")).toMatchObject({ error: "bad-parameter", parameter: "action", value: "delete" });
    expect(parse("flask=2015")).toMatchObject({ parameter: "flask" });
    expect(parse("refresh=true")).toMatchObject({ parameter: "refresh" });
    expect(parse("view=xml")).toMatchObject({ parameter: "view" });
  });

  it("ignores parameters it does not know, as Flask does", () => {
    expect(parse("utm_source=x")).toMatchObject({ flask: "2.2" });
  });

  it("turns on the JSON view for Accept: application/json unless q=0 or view=plain", () => {
    expect(parse("", "text/html, application/json;q=0.9")).toMatchObject({ view: "json" });
    expect(parse("", "application/json;q=0")).toMatchObject({ view: "plain" });
    expect(parse("", "*/*")).toMatchObject({ view: "plain" });
    expect(parse("view=plain", "application/json")).toMatchObject({ view: "plain" });
  });
});

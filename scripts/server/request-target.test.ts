import { describe, expect, it } from "vitest";
import { isDemoApiPath, normalizedPagePath, originForm } from "./request-target";

describe("which requests the server answers itself", () => {
  it("takes every path under an app of the demo API, with or without a query", () => {
    expect(isDemoApiPath("/api/flask/persistent/")).toBe(true);
    expect(isDemoApiPath("/api/flask/persistent?view=json")).toBe(true);
    expect(isDemoApiPath("/api/flask/no-such-app/x")).toBe(true);
  });

  it("leaves to Next what Next answers before any route: no app segment, // and backslashes", () => {
    expect(isDemoApiPath("/api/flask/")).toBe(false);
    expect(isDemoApiPath("/api/flask//persistent/")).toBe(false);
    expect(isDemoApiPath("/api/flask/persistent//x")).toBe(false);
    expect(isDemoApiPath("/api/flask/persistent\\x")).toBe(false);
    expect(isDemoApiPath("/api/flasky/")).toBe(false);
    expect(isDemoApiPath("/disabling-cookies-in-flask")).toBe(false);
  });

  it("keeps // inside the query string on the lean path", () => {
    expect(isDemoApiPath("/api/flask/persistent/?next=http://x")).toBe(true);
  });
});

describe("request targets in origin form", () => {
  it("keeps origin form as it is and takes the path and query of absolute form", () => {
    expect(originForm("/api/flask/weak/?a=1")).toBe("/api/flask/weak/?a=1");
    expect(originForm("http://other.test/api/flask/weak/?a=1")).toBe("/api/flask/weak/?a=1");
    expect(originForm("HTTPS://other.test:8443/decoder")).toBe("/decoder");
    expect(originForm("http://other.test")).toBe("/");
    expect(originForm("http://other.test?x=1")).toBe("/?x=1");
    expect(originForm("http://other.test//weak")).toBe("//weak");
  });

  it("finds no path in asterisk or authority form, or in a relative target", () => {
    for (const target of ["*", "example.test:443", "api/flask/weak/", ""]) expect(originForm(target), target).toBeNull();
  });
});

describe("page paths with percent-encoded unreserved characters (Next answers them 500)", () => {
  it("are normalised to the decoded form, query kept", () => {
    expect(normalizedPagePath("/%64ecoder")).toBe("/decoder");
    expect(normalizedPagePath("/%64isabling-cookies-in-flask?x=%41")).toBe("/disabling-cookies-in-flask?x=%41");
    expect(normalizedPagePath("/a%7Eb%2D")).toBe("/a~b-");
  });

  it("keep reserved and non-ASCII escapes, and leave clean paths alone", () => {
    expect(normalizedPagePath("/decoder")).toBeNull();
    expect(normalizedPagePath("/a%2Fb")).toBeNull();
    expect(normalizedPagePath("/caf%C3%A9")).toBeNull();
  });

  it("never produce a path a browser reads as another host", () => {
    expect(normalizedPagePath("//%65vil.example")).toBeNull();
    expect(normalizedPagePath("%2F%2Fevil")).toBeNull();
  });
});

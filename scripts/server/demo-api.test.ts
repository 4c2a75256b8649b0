import { describe, expect, it } from "vitest";
import { apiSecurityHeaders } from "@/lib/security-headers";
import { headerReader, rawHeaders } from "./demo-api";

describe("the request headers the core reads", () => {
  it("are Node's parsed headers, looked up case-insensitively, null when absent", () => {
    const reader = headerReader({ cookie: "a=1; b=2", authorization: "Bearer x" });
    expect(reader.get("Cookie")).toBe("a=1; b=2");
    expect(reader.get("authorization")).toBe("Bearer x");
    expect(reader.get("accept")).toBeNull();
  });

  it('join a header Node keeps as an array with ", ", as the Headers object this path used to build did', () => {
    const values = ["a", "b"];
    const headers = new Headers();
    for (const value of values) headers.append("x-list", value);
    expect(headerReader({ "x-list": values }).get("x-list")).toBe(headers.get("x-list"));
  });
});

describe("the raw headers of an answer", () => {
  const security = apiSecurityHeaders.map(({ key }) => key.toLowerCase());

  it("are the answer's own in its order and names, then the security headers it lacks", () => {
    const raw = rawHeaders({
      status: 200,
      statusText: "OK",
      headers: [
        ["Vary", "Cookie"],
        ["Content-Length", "0"],
        ["Set-Cookie", "a=1"],
        ["Set-Cookie", "b=2"],
      ],
      body: null,
    });
    expect(raw.slice(0, 8)).toEqual(["Vary", "Cookie", "Content-Length", "0", "Set-Cookie", "a=1", "Set-Cookie", "b=2"]);
    expect(raw.filter((_, i) => i % 2 === 0 && i >= 8)).toEqual([...security].sort());
  });

  it("never repeat a security header the answer sets itself, whatever its case", () => {
    const raw = rawHeaders({ status: 200, statusText: "", headers: [["X-FRAME-OPTIONS", "SAMEORIGIN"]], body: null });
    expect(raw.filter((name, i) => i % 2 === 0 && name.toLowerCase() === "x-frame-options")).toEqual(["X-FRAME-OPTIONS"]);
  });

  it("count a body that has no Content-Length of its own, in UTF-8 bytes", () => {
    const raw = rawHeaders({ status: 404, statusText: "", headers: [["Content-Type", "application/json"]], body: "é\n" });
    expect(raw.slice(-2)).toEqual(["content-length", "3"]);
    expect(rawHeaders({ status: 200, statusText: "", headers: [], body: null })).not.toContain("content-length");
  });
});

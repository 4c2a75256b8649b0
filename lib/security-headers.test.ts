import { describe, expect, it } from "vitest";
import { apiSecurityHeaders, applySecurityHeaders, cspDirective, securityHeaders, withSecurityHeaders } from "./security-headers";

const header = (key: string) => securityHeaders.find((h) => h.key === key)?.value;

describe("the Content-Security-Policy", () => {
  it("names no origin but the site's own: every source is a keyword or data: for images", () => {
    const csp = header("Content-Security-Policy") ?? "";
    for (const part of csp.split(";")) {
      const [, ...sources] = part.trim().split(/\s+/);
      for (const source of sources) expect(source).toMatch(/^('self'|'none'|'unsafe-inline'|data:)$/);
    }
  });

  it("never allows eval", () => {
    expect(header("Content-Security-Policy")).not.toContain("unsafe-eval");
    expect(header("Content-Security-Policy")).not.toContain("wasm-unsafe-eval");
  });

  it("forbids framing, plugins and <base> rewriting", () => {
    expect(cspDirective("frame-ancestors")).toEqual(["'none'"]);
    expect(cspDirective("object-src")).toEqual(["'none'"]);
    expect(cspDirective("base-uri")).toEqual(["'none'"]);
  });

  it("falls back to the site's own origin and sends forms only there", () => {
    expect(cspDirective("default-src")).toEqual(["'self'"]);
    expect(cspDirective("form-action")).toEqual(["'self'"]);
    expect(cspDirective("connect-src")).toEqual(["'self'"]);
  });
});

describe("the demo API's Content-Security-Policy", () => {
  it("allows nothing at all: no script, no style, no framing, and a sandbox", () => {
    expect(cspDirective("default-src", apiSecurityHeaders)).toEqual(["'none'"]);
    expect(cspDirective("frame-ancestors", apiSecurityHeaders)).toEqual(["'none'"]);
    expect(cspDirective("sandbox", apiSecurityHeaders)).toEqual([]);
    expect(cspDirective("script-src", apiSecurityHeaders)).toBeNull();
  });

  it("is the only header that differs from the pages' list", () => {
    const differs = apiSecurityHeaders.filter((h, i) => h.value !== securityHeaders[i].value).map((h) => h.key);
    expect(differs).toEqual(["Content-Security-Policy"]);
    expect(apiSecurityHeaders.map((h) => h.key)).toEqual(securityHeaders.map((h) => h.key));
  });
});

describe("the other headers", () => {
  it("turn off MIME sniffing and framing in older browsers", () => {
    expect(header("X-Content-Type-Options")).toBe("nosniff");
    expect(header("X-Frame-Options")).toBe("DENY");
  });

  it("keep the path out of cross-origin referrers", () => {
    expect(header("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
  });

  it("switch off every powerful browser feature", () => {
    const features = (header("Permissions-Policy") ?? "").split(", ");
    expect(features.length).toBeGreaterThan(10);
    for (const feature of features) expect(feature).toMatch(/^[a-z-]+=\(\)$/);
  });

  it("ask for HTTPS for at least six months, as Observatory requires", () => {
    const maxAge = Number(/max-age=(\d+)/.exec(header("Strict-Transport-Security") ?? "")?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(15_768_000);
  });

  it("are each named once", () => {
    const keys = securityHeaders.map((h) => h.key.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("applying them", () => {
  it("adds every header a response lacks and keeps a value the response set itself", () => {
    const headers = applySecurityHeaders(new Headers({ "Referrer-Policy": "no-referrer" }));
    expect(headers.get("Referrer-Policy")).toBe("no-referrer");
    for (const { key, value } of securityHeaders) if (key !== "Referrer-Policy") expect(headers.get(key)).toBe(value);
  });

  it("applies the API's policy when asked", () => {
    expect(applySecurityHeaders(new Headers(), { api: true }).get("Content-Security-Policy")).toMatch(/^default-src 'none'/);
  });

  it("copies a response whose headers are immutable", async () => {
    const immutable = Response.redirect("http://localhost/elsewhere", 302);
    const response = withSecurityHeaders(immutable);
    expect(response.status).toBe(302);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});

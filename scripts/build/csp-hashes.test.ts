import { webcrypto } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildManifest, hashSource, inlineScripts, loadManifest, MANIFEST_FILE, policyForResponse, policyWithHashes } from "./csp-hashes";

const POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

describe("which scripts are hashed", () => {
  it("takes every inline script the browser runs: no type, a JavaScript type, a module", () => {
    const html = `<script>a()</script><script type="text/javascript">b()</script><SCRIPT type='module'>c()</SCRIPT ><script id="_R_" async>d()</script>`;
    expect(inlineScripts(html)).toEqual(["a()", "b()", "c()", "d()"]);
  });

  it("leaves out scripts with src, data blocks such as JSON-LD, and empty scripts", () => {
    const html = `<script src="/x.js"></script><script src="/y.js">ignored()</script><script type="application/ld+json">{"@context":"https://schema.org"}</script><script type="application/json">{}</script><script></script>`;
    expect(inlineScripts(html)).toEqual([]);
  });

  it("still hashes import maps and speculation rules, which Chromium checks against script-src", () => {
    expect(inlineScripts(`<script type="importmap">{"imports":{}}</script><script type="speculationrules">{}</script>`)).toEqual(['{"imports":{}}', "{}"]);
  });

  it("reads a start tag whose attribute holds a '>' and ends a script only at a real </script>", () => {
    const html = `<script data-x="a>b">if (1 > 0) x("</scripts>")</script><script>y()</script\t>`;
    expect(inlineScripts(html)).toEqual([`if (1 > 0) x("</scripts>")`, "y()"]);
  });

  it("hashes the text as the parser hands it over: CRLF and CR become LF, no character references decoded", () => {
    expect(inlineScripts('<script>a();\r\nb();\rc("&amp;")</script>')).toEqual(['a();\nb();\nc("&amp;")']);
  });
});

describe("hash sources", () => {
  it("match the CSP specification's form, 'sha256-' and the base64 SHA-256 of the UTF-8 text (MDN's example)", () => {
    expect(hashSource("alert('Hello, world.');")).toBe("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
  });

  it("agree with Web Crypto on non-ASCII text", async () => {
    const text = 'self.__next_f.push([1,"é — ☃ 𝄞"])';
    const digest = await webcrypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    expect(hashSource(text)).toBe(`'sha256-${Buffer.from(digest).toString("base64")}'`);
  });
});

describe("the page policy", () => {
  it("replaces 'unsafe-inline' in script-src with the hashes, once each, and keeps every other directive", () => {
    expect(policyWithHashes(POLICY, ["'sha256-A'", "'sha256-B'", "'sha256-A'"])).toBe(
      "default-src 'self'; script-src 'self' 'sha256-A' 'sha256-B'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    );
  });

  it("allows only 'self' when a page has no inline script", () => {
    expect(policyWithHashes(POLICY, [])).toContain("script-src 'self';");
  });
});

describe("choosing the policy for a response", () => {
  const policies = { "/": "home", "/decoder": "decoder", "/_not-found": "not-found" };
  const headers = (h: Record<string, string>) => (name: string) => h[name];
  const prerenderedHtml = headers({ "x-nextjs-prerender": "1", "content-type": "text/html; charset=utf-8" });

  it("gives a prerendered page its own policy, with or without a query or a trailing slash", () => {
    expect(policyForResponse(policies, "/", 200, prerenderedHtml)).toBe("home");
    expect(policyForResponse(policies, "/decoder?x=1", 200, prerenderedHtml)).toBe("decoder");
    expect(policyForResponse(policies, "/decoder/", 200, prerenderedHtml)).toBe("decoder");
  });

  it("gives a 304 the page's policy, since the browser keeps the headers it carries", () => {
    expect(policyForResponse(policies, "/decoder", 304, headers({ "x-nextjs-prerender": "1" }))).toBe("decoder");
  });

  it("gives the prerendered not-found page, served for any unknown path, its policy", () => {
    expect(policyForResponse(policies, "/no-such-page", 404, prerenderedHtml)).toBe("not-found");
  });

  it("keeps the generic policy for what was rendered on demand, for routes it does not know, and for non-HTML answers", () => {
    expect(policyForResponse(policies, "/index", 404, headers({ "content-type": "text/html" }))).toBeNull();
    expect(policyForResponse(policies, "/elsewhere", 200, prerenderedHtml)).toBeNull();
    expect(policyForResponse(policies, "/decoder", 200, headers({ "x-nextjs-prerender": "1", "content-type": "text/x-component" }))).toBeNull();
    expect(policyForResponse(policies, "/__proto__", 200, prerenderedHtml)).toBeNull();
  });
});

describe("the manifest of a build folder", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function fakeBuild(): string {
    dir = mkdtempSync(join(tmpdir(), "csp-manifest-"));
    mkdirSync(join(dir, "server", "app"), { recursive: true });
    writeFileSync(join(dir, "BUILD_ID"), "build-1\n");
    const routes = { "/": {}, "/_not-found": {}, "/robots.txt": {}, "/docs/page": {} };
    writeFileSync(join(dir, "prerender-manifest.json"), JSON.stringify({ routes }));
    writeFileSync(join(dir, "server", "app", "index.html"), "<script>home()</script>");
    writeFileSync(join(dir, "server", "app", "_not-found.html"), "<script>missing()</script>");
    mkdirSync(join(dir, "server", "app", "docs"));
    writeFileSync(join(dir, "server", "app", "docs", "page.html"), "<p>no script</p>");
    writeFileSync(join(dir, "server", "app", "robots.txt.body"), "User-agent: *");
    return dir;
  }

  it("hashes each prerendered HTML page, leaves out routes without one, and records the build", () => {
    const manifest = buildManifest(fakeBuild(), POLICY);
    expect(manifest.buildId).toBe("build-1");
    expect(Object.keys(manifest.policies)).toEqual(["/", "/_not-found", "/docs/page"]);
    expect(manifest.policies["/"]).toContain(`script-src 'self' ${hashSource("home()")};`);
    expect(manifest.policies["/_not-found"]).toContain(hashSource("missing()"));
    expect(manifest.policies["/docs/page"]).toContain("script-src 'self';");
  });

  it("is refused when it is missing or belongs to another build", () => {
    const build = fakeBuild();
    expect(loadManifest(build)).toHaveProperty("error");
    writeFileSync(join(build, MANIFEST_FILE), JSON.stringify(buildManifest(build, POLICY)));
    expect(loadManifest(build)).toHaveProperty("policies");
    writeFileSync(join(build, "BUILD_ID"), "build-2\n");
    expect((loadManifest(build) as { error: string }).error).toMatch(/build-1, not build-2/);
  });
});

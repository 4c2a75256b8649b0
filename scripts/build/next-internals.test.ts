import { describe, expect, it } from "vitest";
import {
  CHECKED_ON_OUTPUT,
  CHECKED_WHEN_SERVED,
  checkBuildOutput,
  checkServedBuild,
  describeBroken,
  NEXT_ASSUMPTIONS,
  nextNormalisesPath,
  requestOrigin,
  unknownVaryHeaders,
  type AssumptionId,
  type Answer,
  type Broken,
  type ServedBuild,
} from "./next-internals";

// A build folder as Next.js 16 leaves it (abridged): the prerender manifest, BUILD_ID, each
// prerendered page's HTML under server/app, the runtime scripts under static/.
const page = `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>
<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/w.js"/>
<script src="/_next/static/chunks/r.js" async=""></script>
<script>(function(){document.documentElement.dataset.theme="light"})()</script>
<script src="/_next/static/chunks/polyfills.js" noModule=""></script></head>
<body><main><p>The article.</p></main>
<script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/r.js"]});</script>
<script src="/_next/static/chunks/w.js" async=""></script>
<script>(self.__next_f=self.__next_f||[]).push([0])</script><script>self.__next_f.push([1,"0:{\\"P\\":null}\\n"])</script></body></html>`;

const manifest = {
  version: 4,
  routes: {
    "/": { srcRoute: "/", dataRoute: "/index.rsc" },
    "/_not-found": { srcRoute: "/_not-found" },
    "/_global-error": { srcRoute: "/_global-error" },
    "/disabling-cookies-in-flask": { srcRoute: "/[slug]" },
    "/robots.txt": { srcRoute: "/robots.txt", dataRoute: null },
  },
};

function build(change: (files: Record<string, string>) => void = () => {}) {
  const files: Record<string, string> = {
    "prerender-manifest.json": JSON.stringify(manifest),
    BUILD_ID: "build-1\n",
    "server/app/index.html": page,
    "server/app/_not-found.html": page,
    "server/app/_global-error.html": page,
    "server/app/disabling-cookies-in-flask.html": page,
    "static/chunks/r.js": "r()",
    "static/chunks/w.js": "w()",
  };
  change(files);
  return { read: (path: string) => (Object.hasOwn(files, path) ? files[path] : null) };
}

const withManifest = (edit: (routes: Record<string, unknown>) => void) => (files: Record<string, string>) => {
  const changed = structuredClone(manifest) as { routes: Record<string, unknown> };
  edit(changed.routes);
  files["prerender-manifest.json"] = JSON.stringify(changed);
};
const withPages = (edit: (html: string) => string) => (files: Record<string, string>) => {
  for (const name of Object.keys(files)) if (name.endsWith(".html")) files[name] = edit(files[name]);
};

const named = (broken: Broken[]) => [...new Set(broken.map((b) => b.assumption))];
const failed = new Set<AssumptionId>();
function expectBroken(broken: Broken[], assumption: AssumptionId): void {
  expect(named(broken)).toEqual([assumption]);
  for (const one of broken) expect(describeBroken(one)).toContain(`"${assumption}"`);
  failed.add(assumption);
}

describe("Next's output, checked before the post-steps rewrite it", () => {
  it("holds for a build as Next 16 writes it", () => {
    expect(checkBuildOutput(build())).toEqual([]);
  });

  it("names prerender-manifest when the manifest is missing, is not JSON, has no routes or no articles", () => {
    expectBroken(checkBuildOutput(build((f) => delete f["prerender-manifest.json"])), "prerender-manifest");
    expectBroken(checkBuildOutput(build((f) => (f["prerender-manifest.json"] = "{"))), "prerender-manifest");
    expectBroken(checkBuildOutput(build((f) => (f["prerender-manifest.json"] = JSON.stringify({ version: 5, pages: manifest.routes })))), "prerender-manifest");
    expectBroken(checkBuildOutput(build(withManifest((r) => (r["/disabling-cookies-in-flask"] = { source: "/[slug]" })))), "prerender-manifest");
    expectBroken(checkBuildOutput(build(withManifest((r) => (r["/"] = { srcRoute: 1 })))), "prerender-manifest");
  });

  it("names build-id when BUILD_ID is gone", () => {
    expectBroken(checkBuildOutput(build((f) => delete f.BUILD_ID)), "build-id");
  });

  it("names prerendered-html when a page's HTML is elsewhere", () => {
    expectBroken(
      checkBuildOutput(
        build((f) => {
          f["server/app/index/page.html"] = f["server/app/index.html"];
          delete f["server/app/index.html"];
        }),
      ),
      "prerendered-html",
    );
  });

  it("names not-found-route and global-error-route when those routes are renamed", () => {
    expectBroken(checkBuildOutput(build(withManifest((r) => ((r["/_not_found"] = r["/_not-found"]), delete r["/_not-found"])))), "not-found-route");
    expectBroken(checkBuildOutput(build(withManifest((r) => ((r["/_error"] = r["/_global-error"]), delete r["/_global-error"])))), "global-error-route");
  });

  it("names runtime-scripts when Next loads its runtime another way, or from outside static/", () => {
    expectBroken(checkBuildOutput(build(withPages((html) => html.replaceAll(' async=""', ' type="module"')))), "runtime-scripts");
    expectBroken(
      checkBuildOutput(build(withPages((html) => html.replace("<body>", '<body><script src="/_next/static/chunks/x.js" defer=""></script>')))),
      "runtime-scripts",
    );
    expectBroken(checkBuildOutput(build((f) => delete f["static/chunks/w.js"])), "runtime-scripts");
  });

  it("names inline-payload when the RSC payload is no longer in self.__next_f scripts of that shape", () => {
    expectBroken(checkBuildOutput(build(withPages((html) => html.replaceAll("__next_f", "__next_rsc")))), "inline-payload");
    expectBroken(checkBuildOutput(build(withPages((html) => html.replace("<script>self.__next_f", '<script nonce="n">self.__next_f')))), "inline-payload");
  });
});

const answer = (status: number, headers: Record<string, string | undefined>, body: string): Answer => ({ status, headers, body: Buffer.from(body) });
const homeHeaders = {
  "x-nextjs-prerender": "1",
  "x-nextjs-cache": "HIT",
  "cache-control": "s-maxage=31536000",
  vary: "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding",
  "content-security-policy": "script-src 'self' 'unsafe-inline'",
};
const url = "http://localhost:4000/api/flask/persistent/?view=json";

function served(change: (s: ServedBuild) => void = () => {}): ServedBuild {
  const good: ServedBuild = {
    home: answer(200, homeHeaders, "<html>home</html>"),
    homeAgain: answer(200, homeHeaders, "<html>home</html>"),
    homeFile: Buffer.from("<html>home</html>"),
    homeWithPolicy: answer(200, { ...homeHeaders, "content-security-policy": "script-src 'self' 'sha256-x'" }, "<html>home</html>"),
    homePolicy: "script-src 'self' 'sha256-x'",
    unknown: answer(404, { "x-nextjs-prerender": "1" }, "<html>not found</html>"),
    notFoundFile: Buffer.from("<html>not found</html>"),
    addedStatic: answer(200, {}, "payload()"),
    addedStaticFile: Buffer.from("payload()"),
    routeHandler: answer(200, { "content-type": "application/json" }, JSON.stringify({ request: { url } })),
    routeHandlerUrl: url,
    doubleSlash: answer(308, { location: "/api/flask/persistent/" }, ""),
  };
  change(good);
  return good;
}

describe("what a Next server sends from the finished build", () => {
  it("holds for what Next 16 sends", () => {
    expect(checkServedBuild(served())).toEqual([]);
  });

  it("names served-from-file when Next sends other bytes than the rewritten file", () => {
    expectBroken(checkServedBuild(served((s) => (s.home = answer(200, homeHeaders, "<html>home, as built</html>")))), "served-from-file");
  });

  it("names prerender-header when a page lacks x-nextjs-prerender or a route handler's answer has it", () => {
    expectBroken(
      checkServedBuild(served((s) => (s.home = answer(200, { ...homeHeaders, "x-nextjs-prerender": undefined }, "<html>home</html>")))),
      "prerender-header",
    );
    expectBroken(
      checkServedBuild(served((s) => (s.routeHandler = answer(200, { "x-nextjs-prerender": "1" }, JSON.stringify({ request: { url } }))))),
      "prerender-header",
    );
  });

  it("names config-headers-first when the page's policy could not be swapped in", () => {
    expectBroken(checkServedBuild(served((s) => (s.homeWithPolicy = s.home))), "config-headers-first");
  });

  it("names not-found-route when an unknown path is not the prerendered 404 page", () => {
    expectBroken(checkServedBuild(served((s) => (s.unknown = answer(404, {}, "<html>not found</html>")))), "not-found-route");
    expectBroken(checkServedBuild(served((s) => (s.unknown = answer(200, { "x-nextjs-prerender": "1" }, "<html>not found</html>")))), "not-found-route");
  });

  it("names static-files when a file added under static/ is not served", () => {
    expectBroken(checkServedBuild(served((s) => (s.addedStatic = answer(404, {}, "")))), "static-files");
  });

  it("names request-url when a route handler's URL follows the Host header", () => {
    expectBroken(
      checkServedBuild(
        served((s) => (s.routeHandler = answer(200, {}, JSON.stringify({ request: { url: "http://other.test/api/flask/persistent/?view=json" } })))),
      ),
      "request-url",
    );
    expectBroken(checkServedBuild(served((s) => (s.routeHandler = answer(500, {}, "Internal Server Error")))), "request-url");
  });

  it("names normalised-paths when Next routes a path with // instead of redirecting it", () => {
    expectBroken(checkServedBuild(served((s) => (s.doubleSlash = answer(404, {}, "")))), "normalised-paths");
  });

  it("names built-once-cache when a page built once is not marked so", () => {
    expectBroken(checkServedBuild(served((s) => (s.homeAgain = answer(200, { ...homeHeaders, "x-nextjs-cache": "STALE" }, "")))), "built-once-cache");
    expectBroken(
      checkServedBuild(served((s) => (s.homeAgain = answer(200, { ...homeHeaders, "cache-control": "s-maxage=31536000, stale-while-revalidate" }, "")))),
      "built-once-cache",
    );
  });

  it("names router-request-headers when a page varies on a request header the memo does not know", () => {
    expectBroken(
      checkServedBuild(served((s) => (s.home = answer(200, { ...homeHeaders, vary: `${homeHeaders.vary}, next-router-new` }, "<html>home</html>")))),
      "router-request-headers",
    );
  });
});

describe("every assumption", () => {
  it("has a failing case above that names it", () => {
    expect([...failed].sort()).toEqual(Object.keys(NEXT_ASSUMPTIONS).sort());
  });

  it("is checked by the build, on Next's output or on what a Next server sends", () => {
    expect([...new Set([...CHECKED_ON_OUTPUT, ...CHECKED_WHEN_SERVED])].sort()).toEqual(Object.keys(NEXT_ASSUMPTIONS).sort());
  });
});

describe("the origin a route handler sees", () => {
  it("is the server's own address, with loopback names written localhost as NextURL does", () => {
    expect(requestOrigin("http", "127.0.0.1", 3306)).toBe("http://localhost:3306");
    expect(requestOrigin("http", "::1", 80)).toBe("http://localhost:80");
    expect(requestOrigin("http", undefined, 3000)).toBe("http://localhost:3000");
  });

  it("keeps other hostnames, bracketing IPv6 addresses", () => {
    expect(requestOrigin("https", "example.org", 443)).toBe("https://example.org:443");
    expect(requestOrigin("http", "0.0.0.0", 3000)).toBe("http://0.0.0.0:3000");
    expect(requestOrigin("http", "fe80::1", 3000)).toBe("http://[fe80::1]:3000");
  });
});

describe("small rules", () => {
  it("paths Next normalises before any route: // and backslashes", () => {
    expect(nextNormalisesPath("/api/flask//weak/")).toBe(true);
    expect(nextNormalisesPath("/api/flask/weak\\x")).toBe(true);
    expect(nextNormalisesPath("/api/flask/weak/")).toBe(false);
  });

  it("Vary names beyond Accept-Encoding and the App Router's", () => {
    expect(unknownVaryHeaders(homeHeaders.vary)).toEqual([]);
    expect(unknownVaryHeaders("Accept-Encoding, Cookie")).toEqual(["cookie"]);
    expect(unknownVaryHeaders(undefined)).toEqual([]);
  });
});

import { createServer, request as httpRequest, STATUS_CODES, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { handleFlaskRequest } from "@/lib/flask-session/handler";
import { apiSecurityHeaders, applySecurityHeaders } from "@/lib/security-headers";
import { gzipSync } from "node:zlib";
import { exchange, rawRequest } from "@/tests/helpers/raw-http";
import { MAX_BODY_BYTES, headerReader, isDemoApiPath, leanListener, normalizedPagePath, originForm, pageMemo, parseArgs, rawHeaders, requestOrigin } from "./lean-server";

describe("command line, as next start reads it", () => {
  it("takes the port from -p, then PORT, then 3000", () => {
    expect(parseArgs(["-p", "4000"], { PORT: "5000" })).toEqual({ hostname: undefined, port: 4000 });
    expect(parseArgs([], { PORT: "5000" })).toEqual({ hostname: undefined, port: 5000 });
    expect(parseArgs([], {})).toEqual({ hostname: undefined, port: 3000 });
  });

  it("takes the hostname from -H or --hostname, with a space or an equals sign", () => {
    expect(parseArgs(["-H", "127.0.0.1", "--port=3001"], {})).toEqual({ hostname: "127.0.0.1", port: 3001 });
    expect(parseArgs(["--hostname=::1"], {})).toEqual({ hostname: "::1", port: 3000 });
  });

  it("refuses unknown flags, missing values and bad ports", () => {
    expect(parseArgs(["--turbo"], {})).toHaveProperty("error");
    expect(parseArgs(["-p"], {})).toHaveProperty("error");
    expect(parseArgs(["-p", "http"], {})).toHaveProperty("error");
    expect(parseArgs([], { PORT: "70000" })).toHaveProperty("error");
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

describe("which requests take the lean path", () => {
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

describe("the request headers the core reads", () => {
  it("are Node's parsed headers, looked up case-insensitively, null when absent", () => {
    const reader = headerReader({ cookie: "a=1; b=2", authorization: "Bearer x" });
    expect(reader.get("Cookie")).toBe("a=1; b=2");
    expect(reader.get("authorization")).toBe("Bearer x");
    expect(reader.get("accept")).toBeNull();
  });

  it("join a header Node keeps as an array with \", \", as the Headers object this path used to build did", () => {
    const values = ["a", "b"];
    const headers = new Headers();
    for (const value of values) headers.append("x-list", value);
    expect(headerReader({ "x-list": values }).get("x-list")).toBe(headers.get("x-list"));
  });
});

describe("the raw headers of an answer", () => {
  const security = apiSecurityHeaders.map(({ key }) => key.toLowerCase());

  it("are the answer's own in its order and names, then the security headers it lacks", () => {
    const raw = rawHeaders({ status: 200, statusText: "OK", headers: [["Vary", "Cookie"], ["Content-Length", "0"], ["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"]], body: null });
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

/** One exchange over a socket, as sent: status line, raw header pairs in order, body as UTF-8. */
async function rawExchange(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const answer = await exchange(`${base}${path}`, { method, headers, body });
  return { ...answer, body: answer.body.toString("utf8") };
}

describe("the listener", () => {
  let server: Server;
  let base: string;
  const port = 0;

  beforeAll(async () => {
    const fallback = async (_req: unknown, res: import("node:http").ServerResponse) => {
      res.writeHead(299, { "x-answered-by": "fallback" }).end("fallback");
    };
    server = createServer(leanListener(fallback, { hostname: "127.0.0.1", port }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answers the demo API with the handler's status, reason phrase, headers, cookies and body", async () => {
    const direct = await handleFlaskRequest(new Request("http://localhost/api/flask/persistent/", { method: "POST" }));
    const response = await fetch(`${base}/api/flask/persistent/`, { method: "POST", body: "a=b" });
    expect(response.status).toBe(direct.status);
    expect(response.statusText).toBe(direct.statusText);
    expect(await response.text()).toBe(await direct.text());
    expect(response.headers.get("allow")).toBe(direct.headers.get("allow"));
  });

  it("sends every Set-Cookie header apart and a Content-Length", async () => {
    const response = await fetch(`${base}/api/flask/persistent/`);
    expect(response.headers.getSetCookie()).toHaveLength(1);
    expect(response.headers.getSetCookie()[0]).toMatch(/^session=[\w-]+\.[\w-]+\.[\w-]+; HttpOnly; Path=\/api\/flask\/persistent$/);
    expect(Number(response.headers.get("content-length"))).toBe(new TextEncoder().encode(await response.text()).length);
  });

  it("adds the site's security headers for the API, as Next adds them to everything under /api/", async () => {
    const response = await fetch(`${base}/api/flask/weak/`);
    for (const { key, value } of apiSecurityHeaders) expect(response.headers.get(key)).toBe(value);
  });

  it("gives the handler the URL Next would give it", async () => {
    const view = await (await fetch(`${base}/api/flask/weak/?view=json`)).json();
    expect(view.request.url).toBe(`http://localhost:${port}/api/flask/weak/?view=json`);
  });

  it("says http in the URL, and so in the trailing-slash redirect, whatever X-Forwarded-Proto claims, unless told to trust a proxy", async () => {
    for (const claim of ["https", "HTTPS", "http, https", "https, http", "xhttps"]) {
      const view = await (await fetch(`${base}/api/flask/weak/?view=json`, { headers: { "X-Forwarded-Proto": claim } })).json();
      expect(view.request.url, claim).toBe(`http://localhost:${port}/api/flask/weak/?view=json`);
      const redirect = await rawExchange(base, "GET", "/api/flask/weak", { "X-Forwarded-Proto": claim });
      expect(redirect.headers.find(([name]) => name.toLowerCase() === "location")?.[1], claim).toMatch(/^http:\/\//);
    }
  });

  it("behind a trusted proxy, says https when the right-most X-Forwarded-Proto does, as ProxyFix(x_proto=1)", async () => {
    const trusting = createServer(leanListener(async () => undefined, { hostname: "127.0.0.1", port, trustProxy: true }));
    await new Promise<void>((resolve) => trusting.listen(0, "127.0.0.1", resolve));
    try {
      const at = `http://127.0.0.1:${(trusting.address() as AddressInfo).port}`;
      for (const [claim, scheme] of [["https", "https"], ["http, https", "https"], ["https, http", "http"], ["", "http"]]) {
        const redirect = await rawExchange(at, "GET", "/api/flask/weak", claim ? { "X-Forwarded-Proto": claim } : {});
        expect(redirect.headers.find(([name]) => name.toLowerCase() === "location")?.[1], claim).toMatch(new RegExp(`^${scheme}://`));
      }
    } finally {
      await new Promise<void>((resolve) => trusting.close(() => resolve()));
    }
  });

  it("hands every other request to the fallback", async () => {
    for (const path of ["/", "/api/flask/", "/api/flask//weak/", "/disabling-cookies-in-flask"]) {
      const response = await fetch(`${base}${path}`, { redirect: "manual" });
      expect(response.headers.get("x-answered-by"), path).toBe("fallback");
    }
  });

  it("sends on the wire what handleFlaskRequest answers, Flask's headers first in Flask's order, then the site's", async () => {
    // Node's own connection headers, which every node:http answer carries.
    const nodes = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);
    const cookie = "session=eyJrZXkiOiJ2YWx1ZSJ9.aVW5AA.4Yz27ex90RZ77gEmYQxi5PDXmHE";
    const cases: Array<[string, string, Record<string, string>]> = [
      ["GET", "/api/flask/persistent/", { Cookie: cookie }],
      ["GET", "/api/flask/persistent/?flask=2016", { Cookie: cookie }],
      ["HEAD", "/api/flask/persistent/", {}],
      ["OPTIONS", "/api/flask/weak/", {}],
      ["POST", "/api/flask/weak/", {}],
      ["GET", "/api/flask/weak", {}],
      ["GET", "/api/flask/weak/x", {}],
      ["GET", "/api/flask/principal/", { Authorization: "Bearer alice-token" }],
      ["GET", "/api/flask/persistent/?action=write", { Accept: "application/json" }],
      ["HEAD", "/api/flask/persistent/?view=json", {}],
      ["POST", "/api/flask/persistent/_reset", {}],
      ["HEAD", "/api/flask/persistent/_reset", {}],
      ["GET", "/api/flask/nope/", {}],
      ["GET", "/api/flask/weak/?refresh=2", {}],
    ];
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2026, 0, 1) });
    try {
      for (const [method, path, headers] of cases) {
        const label = `${method} ${path}`;
        const wire = await rawExchange(base, method, path, headers);
        // The Host header Node's client sent, which Werkzeug's redirect reads.
        const direct = await handleFlaskRequest(new Request(`http://localhost:${port}${path}`, { method, headers: { ...headers, Host: new URL(base).host } }));
        expect(wire.status, label).toBe(direct.status);
        expect(wire.statusText, label).toBe(direct.statusText || STATUS_CODES[direct.status]);
        const text = await direct.text();
        expect(wire.body, label).toBe(method === "HEAD" ? "" : text);

        const sent = wire.headers.filter(([name]) => !nodes.has(name.toLowerCase()));
        const expected = applySecurityHeaders(new Headers(direct.headers), { api: true });
        if (direct.body !== null && !expected.has("content-length")) expected.set("content-length", String(Buffer.byteLength(text)));
        expect([...new Headers(sent)], label).toEqual([...expected]);
        expect(new Headers(sent).getSetCookie(), label).toEqual(expected.getSetCookie());
      }
      // Flask's order, which the JSON view shows, is the order on the wire.
      const view = await (await fetch(`${base}/api/flask/persistent/?view=json`, { headers: { Cookie: cookie } })).json();
      const wire = await rawExchange(base, "GET", "/api/flask/persistent/", { Cookie: cookie });
      expect(wire.headers.slice(0, view.response.headers.length).map(([name]: [string, string]) => name)).toEqual(view.response.headers.map(([name]: [string, string]) => name));
    } finally {
      vi.useRealTimers();
    }
  });

  it("answers TRACE as Flask does, 405 with Allow (a method Fetch's Request refuses)", async () => {
    const wire = await rawExchange(base, "TRACE", "/api/flask/weak/");
    expect([wire.status, wire.statusText]).toEqual([405, "METHOD NOT ALLOWED"]);
    expect(wire.headers).toContainEqual(["Allow", "GET, HEAD, OPTIONS"]);
  });

  it("reads two Cookie headers as one, as Node merges them", async () => {
    const request = httpRequest(`${base}/api/flask/persistent/?view=json`, { headers: ["Host", new URL(base).host, "Cookie", "a=1", "Cookie", "b=2"] });
    const body = await new Promise<string>((resolve, reject) => {
      request.on("response", (response) => {
        let text = "";
        response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk)).on("end", () => resolve(text));
      });
      request.on("error", reject);
      request.end();
    });
    expect(JSON.parse(body).request.cookieHeader).toBe("a=1; b=2");
  });

  it("reads an absolute-form target as its path and query, for the demo API and for the rest", async () => {
    const { port: serverPort, host } = new URL(base);
    const demo = await rawRequest(Number(serverPort), `GET http://other.test/api/flask/weak/?view=json HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(demo.status).toBe(200);
    expect(JSON.parse(demo.body).request.url).toBe(`http://localhost:${port}/api/flask/weak/?view=json`);
    const page = await rawRequest(Number(serverPort), `GET http://other.test HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(page.head).toMatch(/\r\nx-answered-by: fallback/i);
  });

  it("answers OPTIONS * itself with a 204, and a target with no path with a 400", async () => {
    const serverPort = Number(new URL(base).port);
    const star = await rawRequest(serverPort, "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(star.status).toBe(204);
    expect(star.head).not.toMatch(/x-answered-by/i);
    for (const target of ["*", "example.test:443"]) {
      const odd = await rawRequest(serverPort, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect([target, odd.status]).toEqual([target, 400]);
    }
    expect((await fetch(`${base}/api/flask/weak/`)).status).toBe(200);
  });

  it("refuses a body over the limit with 413 and keeps serving", async () => {
    const response = await fetch(`${base}/api/flask/weak/`, { method: "POST", body: new Uint8Array(MAX_BODY_BYTES + 1) });
    expect(response.status).toBe(413);
    expect((await fetch(`${base}/api/flask/weak/`)).status).toBe(200);
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

describe("prerendered pages sent again from memory", () => {
  let server: Server;
  let base: string;
  const memo = pageMemo(3);
  const seen: string[] = [];

  /** Answers as Next answers a page it built once: headers set one by one, a gzip body in two writes when asked. */
  async function nextLike(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse): Promise<void> {
    const url = req.url ?? "/";
    seen.push(url);
    const html = `<!DOCTYPE html><p>${url}</p>`;
    res.statusCode = url.startsWith("/missing") ? 404 : 200;
    res.setHeader("Content-Security-Policy", "default-src 'self'");
    res.setHeader("Vary", "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding");
    res.setHeader("x-nextjs-cache", url.startsWith("/fresh") ? "MISS" : "HIT");
    res.setHeader("x-nextjs-prerender", ["1", "1"]);
    res.setHeader("Cache-Control", url.startsWith("/isr") ? "s-maxage=60, stale-while-revalidate=31535940" : "s-maxage=31536000");
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    if (url.startsWith("/cookie")) res.setHeader("Set-Cookie", "a=b");
    if (/\bgzip\b/.test(String(req.headers["accept-encoding"]))) {
      const body = gzipSync(html);
      res.setHeader("Content-Encoding", "gzip");
      res.write(body.subarray(0, 5));
      res.end(body.subarray(5));
    } else {
      res.end(html);
    }
  }

  beforeAll(async () => {
    server = createServer(leanListener(nextLike, { hostname: "127.0.0.1", port: 0, pages: memo }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const withoutDelivery = (headers: Array<[string, string]>) =>
    headers.filter(([name]) => !["date", "connection", "keep-alive", "transfer-encoding", "content-length"].includes(name.toLowerCase()));

  it("sends the second plain GET of a page from memory: the same status, headers in order and body, with a Content-Length", async () => {
    seen.length = 0;
    const first = await rawExchange(base, "GET", "/article");
    const second = await rawExchange(base, "GET", "/article");
    expect(seen).toEqual(["/article"]);
    expect(second.status).toBe(first.status);
    expect(withoutDelivery(second.headers)).toEqual(withoutDelivery(first.headers));
    expect(second.headers.filter(([name]) => name === "x-nextjs-prerender")).toHaveLength(2);
    expect(second.body).toBe(first.body);
    expect(second.headers.find(([name]) => name === "Content-Length")?.[1]).toBe(String(Buffer.byteLength(first.body)));
    expect(second.headers.some(([name]) => name.toLowerCase() === "date")).toBe(true);
  });

  it("keeps one answer per Accept-Encoding, so a client that asked for none never gets gzip", async () => {
    seen.length = 0;
    const gzip = await rawExchange(base, "GET", "/gz", { "accept-encoding": "gzip" });
    const plain = await rawExchange(base, "GET", "/gz");
    const gzipAgain = await fetch(`${base}/gz`, { headers: { "accept-encoding": "gzip" } });
    const plainAgain = await rawExchange(base, "GET", "/gz");
    expect(seen).toEqual(["/gz", "/gz"]);
    expect(gzip.headers.some(([name, value]) => name === "Content-Encoding" && value === "gzip")).toBe(true);
    expect(plain.headers.some(([name]) => name === "Content-Encoding")).toBe(false);
    expect(await gzipAgain.text()).toBe("<!DOCTYPE html><p>/gz</p>");
    expect(plainAgain.body).toBe("<!DOCTYPE html><p>/gz</p>");
    expect(plainAgain.headers.some(([name]) => name === "Content-Encoding")).toBe(false);
  });

  it("sends to Next every time a request that could be answered differently", async () => {
    const variants: Array<[string, string, Record<string, string>]> = [
      ["HEAD", "/article", {}],
      ["GET", "/article?x=1", {}],
      ["GET", "/article", { cookie: "a=b" }],
      ["GET", "/article", { rsc: "1" }],
      ["GET", "/article", { "next-router-prefetch": "1" }],
      ["GET", "/article", { "if-none-match": '"abc"' }],
      ["GET", "/article", { range: "bytes=0-1" }],
    ];
    await rawExchange(base, "GET", "/article");
    for (const [method, path, headers] of variants) {
      seen.length = 0;
      await rawExchange(base, method, path, headers);
      await rawExchange(base, method, path, headers);
      expect(seen, `${method} ${path} ${JSON.stringify(headers)}`).toHaveLength(2);
    }
  });

  it("keeps only pages built once: not a 404, a page Next did not serve from its cache, one that revalidates, or one with a cookie", async () => {
    for (const path of ["/missing", "/fresh", "/isr", "/cookie"]) {
      seen.length = 0;
      await rawExchange(base, "GET", path);
      await rawExchange(base, "GET", path);
      expect(seen, path).toHaveLength(2);
    }
  });

  it("keeps at most its limit, dropping the oldest", async () => {
    for (const path of ["/a", "/b", "/c", "/d"]) await rawExchange(base, "GET", path);
    expect(memo.size).toBe(3);
    seen.length = 0;
    await rawExchange(base, "GET", "/d");
    await rawExchange(base, "GET", "/a");
    expect(seen).toEqual(["/a"]);
  });
});

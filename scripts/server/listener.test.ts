import { createServer, request as httpRequest, STATUS_CODES, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { handleFlaskRequest } from "@/lib/flask-session/handler";
import { apiSecurityHeaders, applySecurityHeaders } from "@/lib/security-headers";
import { exchange, rawRequest } from "@/tests/helpers/raw-http";
import { MAX_BODY_BYTES } from "./demo-api";
import { leanListener } from "./listener";

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
      for (const [claim, scheme] of [
        ["https", "https"],
        ["http, https", "https"],
        ["https, http", "http"],
        ["", "http"],
      ]) {
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
      ["GET", "/api/flask/persistent/?flask=0.10", { Cookie: cookie }],
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
      expect(wire.headers.slice(0, view.response.headers.length).map(([name]: [string, string]) => name)).toEqual(
        view.response.headers.map(([name]: [string, string]) => name),
      );
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
        response
          .setEncoding("utf8")
          .on("data", (chunk: string) => (text += chunk))
          .on("end", () => resolve(text));
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

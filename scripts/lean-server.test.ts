import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleFlaskRequest } from "@/lib/flask-session/handler";
import { apiSecurityHeaders } from "@/lib/security-headers";
import { MAX_BODY_BYTES, isDemoApiPath, leanListener, normalizedPagePath, parseArgs, requestOrigin } from "./lean-server";

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

  it("hands every other request to the fallback", async () => {
    for (const path of ["/", "/api/flask/", "/api/flask//weak/", "/disabling-cookies-in-flask"]) {
      const response = await fetch(`${base}${path}`, { redirect: "manual" });
      expect(response.headers.get("x-answered-by"), path).toBe("fallback");
    }
  });

  it("refuses a body over the limit with 413 and keeps serving", async () => {
    const response = await fetch(`${base}/api/flask/weak/`, { method: "POST", body: new Uint8Array(MAX_BODY_BYTES + 1) });
    expect(response.status).toBe(413);
    expect((await fetch(`${base}/api/flask/weak/`)).status).toBe(200);
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

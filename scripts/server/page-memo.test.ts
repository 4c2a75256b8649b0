import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchange } from "@/tests/helpers/raw-http";
import { leanListener } from "./listener";
import { pageMemo } from "./page-memo";

/** One exchange over a socket, as sent: status line, raw header pairs in order, body as UTF-8. */
async function rawExchange(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const answer = await exchange(`${base}${path}`, { method, headers, body });
  return { ...answer, body: answer.body.toString("utf8") };
}

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

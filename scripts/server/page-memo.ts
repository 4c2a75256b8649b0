/**
 * Prerendered pages answered from memory after Next has answered them once. Next serves a page it
 * prerendered from its own cache, but each request still goes through its router and request
 * handling, which costs far more than sending kept bytes (docs/server.md, "The page memo"). This
 * keeps the bytes Next sent (status, headers in their order, body as encoded for that
 * Accept-Encoding) and sends them again, with a fresh Date; the head goes out with a
 * Content-Length instead of chunks. Only what cannot differ from one request to the next is kept:
 * - the request: a plain GET of a path with no query, no cookie, no credentials, no conditional or
 *   range header, none of the App Router's headers (next-internals.ts, "router-request-headers");
 * - the answer: 200, HTML, no Set-Cookie, a page Next built once and sends from its cache
 *   (next-internals.ts, "built-once-cache").
 * Everything else goes to Next every time. At most `maxEntries` answers are kept, oldest dropped.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isBuiltOncePage, ROUTER_REQUEST_HEADERS } from "../build/next-internals";

export type PageMemo = {
  /** Answers from memory and returns true, or starts recording what Next sends and returns false. */
  serveOrRecord(req: IncomingMessage, res: ServerResponse): boolean;
  readonly size: number;
};

type KeptPage = { status: number; headers: string[]; body: Buffer };

/** Request headers whose presence sends a page request to Next every time. */
const UNCACHEABLE_REQUEST_HEADERS = [
  "cookie",
  "authorization",
  "range",
  "if-none-match",
  "if-modified-since",
  "if-match",
  "if-unmodified-since",
  "if-range",
  ...ROUTER_REQUEST_HEADERS,
];

/** Response headers that belong to one delivery, not to the page: Node writes its own. */
const PER_DELIVERY_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);

function memoKey(req: IncomingMessage): string | null {
  const url = req.url ?? "";
  if (req.method !== "GET" || url.includes("?") || !url.startsWith("/") || url.startsWith("//")) return null;
  for (const name of UNCACHEABLE_REQUEST_HEADERS) if (req.headers[name] !== undefined) return null;
  // Next compresses per request after Accept-Encoding, so each distinct value is its own answer.
  return `${url}\n${req.headers["accept-encoding"] ?? ""}`;
}

/** Whether the answer Next is about to send is a page built once, the same for every request. */
function isKeptForever(res: ServerResponse): boolean {
  const header = (name: string) => {
    const value = res.getHeader(name);
    return value === undefined ? undefined : String(value);
  };
  return (
    res.statusCode === 200 && isBuiltOncePage(header) && String(res.getHeader("content-type") ?? "").startsWith("text/html") && !res.hasHeader("set-cookie")
  );
}

function headersOf(res: ServerResponse): string[] {
  const raw: string[] = [];
  // Names as set (Node has this on every outgoing message; its types put it on ClientRequest only).
  for (const name of (res as ServerResponse & { getRawHeaderNames(): string[] }).getRawHeaderNames()) {
    if (PER_DELIVERY_HEADERS.has(name.toLowerCase())) continue;
    const value = res.getHeader(name);
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) raw.push(name, String(one));
  }
  return raw;
}

export function pageMemo(maxEntries = 64): PageMemo {
  const kept = new Map<string, KeptPage>();

  function record(key: string, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let keep = true;
    const toBuffer = (chunk: unknown, encoding: unknown): Buffer | null =>
      Buffer.isBuffer(chunk)
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk)
          : typeof chunk === "string"
            ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
            : null;
    const write = res.write;
    const end = res.end;
    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      const bytes = keep ? toBuffer(chunk, rest[0]) : null;
      if (bytes) chunks.push(bytes);
      else keep = false;
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as ServerResponse["write"];
    res.end = function (this: ServerResponse, ...args: unknown[]) {
      if (keep && args.length > 0 && typeof args[0] !== "function") {
        const bytes = toBuffer(args[0], args[1]);
        if (bytes) chunks.push(bytes);
        else if (args[0] !== undefined && args[0] !== null) keep = false;
      }
      const result = (end as (...args: unknown[]) => ServerResponse).apply(this, args);
      // After the head went out, so what is kept is what was sent (the page's own policy included).
      if (keep && isKeptForever(this)) {
        if (kept.size >= maxEntries) kept.delete(kept.keys().next().value as string);
        kept.set(key, { status: this.statusCode, headers: headersOf(this), body: Buffer.concat(chunks) });
      }
      return result;
    } as ServerResponse["end"];
  }

  return {
    serveOrRecord(req, res) {
      const key = memoKey(req);
      if (key === null) return false;
      const page = kept.get(key);
      if (!page) {
        record(key, res);
        return false;
      }
      res.writeHead(page.status, [...page.headers, "Content-Length", String(page.body.length)]);
      res.end(page.body);
      return true;
    },
    get size() {
      return kept.size;
    },
  };
}

/**
 * The lean path of `npm start` (scripts/server.ts): a node:http request listener that answers the
 * demo API itself, with the same core the route handler in app/api/ serves through its
 * Web-standard adapter, and passes every other request to Next.js. The core takes and returns
 * plain data, so this path builds no Request, Response or Headers: it reads Node's parsed headers
 * and writes Flask's raw. Next's router and app-route runtime cost about 2 ms of CPU per request,
 * the Web objects about a tenth of a millisecond (README, "Performance").
 */
import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { MOUNT, type HeaderReader } from "../lib/flask-session/apps";
import { answerFlaskRequest, type FlaskAnswer } from "../lib/flask-session/handler";
import { apiSecurityHeaders, applySecurityHeaders } from "../lib/security-headers";
import { policyForResponse } from "./csp-hashes";

/** Larger request bodies get 413: the demo apps never read a body, and buffering must stay bounded. */
export const MAX_BODY_BYTES = 1 << 20;

export type ServerOptions = { hostname: string | undefined; port: number };

/** `next start`'s flags: `-p/--port` (default env PORT, then 3000) and `-H/--hostname` (default: every interface). */
export function parseArgs(argv: readonly string[], env: Record<string, string | undefined>): ServerOptions | { error: string } {
  let hostname: string | undefined;
  let port = env.PORT ? Number(env.PORT) : 3000;
  for (let i = 0; i < argv.length; i++) {
    const eq = argv[i].indexOf("=");
    const flag = eq < 0 ? argv[i] : argv[i].slice(0, eq);
    if (flag !== "-p" && flag !== "--port" && flag !== "-H" && flag !== "--hostname") {
      return { error: `unknown argument ${JSON.stringify(argv[i])} (flags: -p/--port, -H/--hostname)` };
    }
    const value = eq < 0 ? argv[++i] : argv[i].slice(eq + 1);
    if (value === undefined || value === "") return { error: `${flag} needs a value` };
    if (flag === "-p" || flag === "--port") port = Number(value);
    else hostname = value;
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { error: "the port must be an integer from 0 to 65535" };
  return { hostname, port };
}

/**
 * The origin Next gives a route handler's `request.url`: the server's own hostname and port, not
 * the Host header (next/dist/server/lib/router-utils/resolve-routes.js, `initURL`), with a
 * loopback name written `localhost` (next/dist/server/web/next-url.js, REGEX_LOCALHOST_HOSTNAME).
 * Matching it keeps the JSON view, which shows the URL, identical on both paths.
 */
export function requestOrigin(protocol: "http" | "https", hostname: string | undefined, port: number): string {
  let host = hostname || "localhost";
  if (/^(?:127(?:\.(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)){3}|::1|\[::1\]|localhost)$/.test(host)) host = "localhost";
  else if (host.includes(":") && !host.startsWith("[")) host = `[${host}]`;
  return `${protocol}://${host}:${port}`;
}

/**
 * The requests the lean path answers: the demo API with a non-empty app segment, on a path Next
 * would not answer first (Next 308s a path with `//` or `\` to its normalised form).
 */
export function isDemoApiPath(url: string): boolean {
  if (!url.startsWith(MOUNT)) return false;
  const next = url[MOUNT.length];
  if (next === undefined || next === "/" || next === "?" || next === "#") return false;
  const query = url.indexOf("?");
  const path = query < 0 ? url : url.slice(0, query);
  return !path.includes("//") && !path.includes("\\");
}

/**
 * Reads the request body to its end and drops it (the apps never read one). False when it grows
 * past MAX_BODY_BYTES; the rest is then drained unread.
 */
function drainBody(req: IncomingMessage): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return;
      req.off("data", onData);
      req.resume();
      resolve(false);
    };
    req.on("data", onData);
    req.on("end", () => resolve(true));
    req.on("error", reject);
  });
}

/**
 * Node's parsed headers read as the `Headers` object this path used to copy them into: names
 * lower-cased, and a header Node keeps as an array joined with ", " as `Headers.append` joins it.
 * Node itself already merged repeated headers (two Cookie headers into one, with "; ", as Next
 * passes them to a route handler).
 */
export function headerReader(headers: IncomingHttpHeaders): HeaderReader {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return typeof value === "string" ? value : value.join(", ");
    },
  };
}

/**
 * The site's security headers for the API, as raw pairs in the order (and lower-case names) a
 * `Headers` object gave them, so the bytes on the wire stay what they were when this path used one.
 */
const API_SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = apiSecurityHeaders
  .map(({ key, value }) => [key.toLowerCase(), value] as const)
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * An answer's headers as node:http's raw array: the answer's own in its order (Flask's order and
 * names: Vary before or after Set-Cookie as Flask puts it, each Set-Cookie apart), then every
 * security header it does not set itself (as next.config.mjs adds them to everything Next serves),
 * then a Content-Length when it has a body and none of its own (Flask's answers always have one).
 */
export function rawHeaders(answer: FlaskAnswer): string[] {
  const raw: string[] = [];
  const own = new Set<string>();
  for (const [name, value] of answer.headers) {
    raw.push(name, value);
    own.add(name.toLowerCase());
  }
  for (const [name, value] of API_SECURITY_HEADERS) if (!own.has(name)) raw.push(name, value);
  if (answer.body !== null && !own.has("content-length")) raw.push("content-length", String(Buffer.byteLength(answer.body)));
  return raw;
}

/** Status and reason phrase (Werkzeug's, e.g. `308 PERMANENT REDIRECT`, or Node's default), headers, body. */
export function sendAnswer(answer: FlaskAnswer, res: ServerResponse): void {
  res.writeHead(answer.status, answer.statusText || undefined, rawHeaders(answer));
  res.end(answer.body ?? undefined);
}

function sendPlain(res: ServerResponse, status: number, text: string): void {
  const headers = applySecurityHeaders(new Headers({ "content-type": "text/plain; charset=utf-8" }), { api: true });
  res.writeHead(status, [...headers].flat());
  res.end(text);
}

/**
 * Swaps the generic Content-Security-Policy Next sets (next.config.mjs headers()) for the page's
 * hashed one just before the head goes out (an implicit head goes through writeHead too), when
 * the response is a prerendered page the manifest hashed (scripts/csp-hashes.ts).
 */
export function applyPagePolicies(req: IncomingMessage, res: ServerResponse, policies: Readonly<Record<string, string>>): void {
  if (req.method !== "GET" && req.method !== "HEAD") return;
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    const header = (name: string) => {
      const value = this.getHeader(name);
      return value === undefined ? undefined : String(value);
    };
    const policy = policyForResponse(policies, req.url ?? "/", typeof args[0] === "number" ? args[0] : this.statusCode, header);
    if (policy !== null && this.hasHeader("content-security-policy")) this.setHeader("Content-Security-Policy", policy);
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
}

/**
 * Next.js 16 answers a page path holding a percent-encoded unreserved character (`/%64ecoder`)
 * with a 500 ("Attempted to handle request too many times"), plain `next start` too. Such a path
 * names the same resource as its decoded form (RFC 3986 §6.2.2.2), so the reader is sent there.
 * Returns the normalised URL, or null when there is nothing to normalise (or when the result would
 * start with "//", which a browser reads as another host).
 */
export function normalizedPagePath(url: string): string | null {
  const queryAt = url.indexOf("?");
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const normal = path.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /^[A-Za-z0-9\-._~]$/.test(char) ? char : escape;
  });
  if (normal === path || !normal.startsWith("/") || normal.startsWith("//")) return null;
  return normal + (queryAt < 0 ? "" : url.slice(queryAt));
}

/**
 * The request target in origin form (`/path?query`), as every handler here and Next expect it.
 * Clients talking to a proxy send absolute form (`GET http://host/path`), which a server must
 * accept (RFC 9112 §3.2.2): its path and query are kept. The Host header is left as sent, as
 * gunicorn leaves it for Flask (Werkzeug's own server and RFC 9112 use the target's authority
 * instead; README, "Known differences"). Null for asterisk form (`OPTIONS *`) and
 * anything else that names no path: Next answers those with a 500 of its own.
 */
export function originForm(target: string): string | null {
  if (target.startsWith("/")) return target;
  const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*([^#]*)/.exec(target);
  if (absolute === null) return null;
  const rest = absolute[1];
  return rest.startsWith("/") ? rest : `/${rest}`;
}

/** `OPTIONS *` asks about the server as a whole: nothing to add beyond a 204. Any other such target is a 400. */
function answerNoPathTarget(req: IncomingMessage, res: ServerResponse): void {
  if (req.method === "OPTIONS" && req.url === "*") {
    const headers = applySecurityHeaders(new Headers(), { api: true });
    res.writeHead(204, [...headers].flat());
    res.end();
    return;
  }
  sendPlain(res, 400, "The request target names no path.\n");
}

function redirectTo(res: ServerResponse, location: string): void {
  const headers = applySecurityHeaders(new Headers({ location, "content-type": "text/plain; charset=utf-8" }), { api: true });
  res.writeHead(308, [...headers].flat());
  res.end(`Redirecting to ${location}\n`);
}

/**
 * Prerendered pages answered from memory after Next has answered them once. Next serves a page it
 * prerendered from its own cache, but each request still goes through its router and request
 * handling: about 7 ms to the first byte here, where this takes about 1 (README, "Performance"). This keeps the
 * bytes Next sent (status, headers in their order, body as encoded for that Accept-Encoding) and
 * sends them again, with a fresh Date; the head goes out with a Content-Length instead of chunks.
 * Only what cannot differ from one request to the next is kept:
 * - the request: a plain GET of a path with no query, no cookie, no conditional or range header,
 *   none of the headers Next's App Router varies on (RSC, router state, prefetch);
 * - the answer: 200, HTML, no Set-Cookie, a prerendered page from Next's cache (`x-nextjs-cache:
 *   HIT`) that never revalidates (`Cache-Control: s-maxage=31536000`, what Next sends for a page
 *   built once).
 * Everything else goes to Next every time. At most `maxEntries` answers are kept, oldest dropped.
 */
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
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-action",
  "next-url",
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
function isBuiltOncePage(res: ServerResponse): boolean {
  return (
    res.statusCode === 200 &&
    res.getHeader("x-nextjs-cache") === "HIT" &&
    res.getHeader("cache-control") === "s-maxage=31536000" &&
    String(res.getHeader("content-type") ?? "").startsWith("text/html") &&
    !res.hasHeader("set-cookie")
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
      Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk) : typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : null;
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
      if (keep && isBuiltOncePage(this)) {
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

/**
 * The listener: the demo API here, the rest to `fallback` (Next's request handler). `secret` is the
 * apps' secret_key (DEMO_SECRET_KEY), as the route handler passes it; `pagePolicies` the hashed
 * page policies of the build (route → Content-Security-Policy), when it has them.
 */
export function leanListener(
  fallback: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  options: ServerOptions & { secret?: string; trustProxy?: boolean; pagePolicies?: Readonly<Record<string, string>>; pages?: PageMemo },
): RequestListener {
  const origins = { http: requestOrigin("http", options.hostname, options.port), https: requestOrigin("https", options.hostname, options.port) };

  const handlerOptions = { secret: options.secret, trustProxy: options.trustProxy };

  async function demoApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // TRACE included: Flask answers it like any method its route lacks (405 with Allow), and its
    // body, like GET's and HEAD's, is left unread (Node discards it once the answer is sent).
    const method = req.method ?? "GET";
    if (method !== "GET" && method !== "HEAD" && method !== "TRACE" && !(await drainBody(req))) {
      return sendPlain(res, 413, "Request body too large.\n");
    }
    const https = String(req.headers["x-forwarded-proto"] ?? "").includes("https");
    const url = new URL((https ? origins.https : origins.http) + req.url);
    sendAnswer(await answerFlaskRequest({ method, url, headers: headerReader(req.headers), remoteAddress: req.socket.remoteAddress ?? null }, handlerOptions), res);
  }

  return (req, res) => {
    const target = originForm(req.url ?? "");
    if (target === null) return answerNoPathTarget(req, res);
    req.url = target;
    const demo = isDemoApiPath(req.url);
    const normalized = demo ? null : normalizedPagePath(req.url);
    if (normalized !== null) return redirectTo(res, normalized);
    // A page kept earlier already carries its own policy: the policy hook installed below wraps the
    // head, which goes out before the memo's end() keeps what was sent.
    if (!demo && options.pages?.serveOrRecord(req, res)) return;
    if (!demo && options.pagePolicies) applyPagePolicies(req, res, options.pagePolicies);
    const done = demo ? demoApi(req, res) : fallback(req, res);
    done.catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) sendPlain(res, 500, "Internal Server Error\n");
      else res.destroy();
    });
  };
}

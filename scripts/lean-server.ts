/**
 * The lean path of `npm start` (scripts/server.ts): a node:http request listener that answers the
 * demo API itself, with the same Web-standard handler the route handler in app/api/ serves, and
 * passes every other request to Next.js. Converting IncomingMessage → Request and Response →
 * ServerResponse directly costs microseconds; Next's router and app-route runtime cost about 2 ms
 * of CPU per request (README, "Performance").
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { MOUNT } from "../lib/flask-session/apps";
import { flaskHeaderOrder, handleFlaskRequest } from "../lib/flask-session/handler";
import { applySecurityHeaders } from "../lib/security-headers";
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

/** The whole body, or null when it is larger than MAX_BODY_BYTES (the rest is drained, unread). */
function readBody(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      req.off("data", onData);
      req.resume();
      resolve(null);
    };
    req.on("data", onData);
    req.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}

/** IncomingMessage → Request, with the headers as Node merged them (two Cookie headers become one, as Next passes them). */
export async function toRequest(req: IncomingMessage, origin: string): Promise<Request | null> {
  const headers = new Headers();
  for (const name in req.headers) {
    const value = req.headers[name];
    if (typeof value === "string") headers.set(name, value);
    else if (value) for (const item of value) headers.append(name, item);
  }
  const method = req.method ?? "GET";
  if (method === "TRACE") {
    // Fetch's Request refuses TRACE (a forbidden method), yet Flask answers it like any method its
    // route lacks: 405 with Allow. The handler reads only the method, the URL and the headers.
    const request = new Request(origin + req.url, { headers });
    Object.defineProperty(request, "method", { value: method });
    return request;
  }
  if (method === "GET" || method === "HEAD") return new Request(origin + req.url, { method, headers });
  const body = await readBody(req);
  if (body === null) return null;
  return new Request(origin + req.url, { method, headers, body: body.length > 0 ? body : null });
}

/**
 * Response → ServerResponse: status and reason phrase (Werkzeug's, e.g. `308 PERMANENT REDIRECT`),
 * every header with each Set-Cookie apart, the site's security headers where the response has none
 * of its own (as next.config.mjs adds them to everything Next serves), and the body.
 */
export async function sendResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers = applySecurityHeaders(new Headers(response.headers), { api: true });
  const body = response.body === null ? null : Buffer.from(await response.arrayBuffer());
  const raw: string[] = [];
  const flask = flaskHeaderOrder(response);
  if (flask) {
    // An emulated Flask response: Flask's headers in Flask's order (Vary before or after
    // Set-Cookie as Flask puts it, Content-Length as Flask counts it, HEAD included), then the site's.
    for (const [name, value] of flask) raw.push(name, value);
    for (const [name, value] of headers) if (!flask.some(([n]) => n.toLowerCase() === name)) raw.push(name, value);
    res.writeHead(response.status, response.statusText || undefined, raw);
    res.end(body);
    return;
  }
  for (const [name, value] of headers) if (name !== "set-cookie") raw.push(name, value);
  for (const cookie of headers.getSetCookie()) raw.push("set-cookie", cookie);
  if (body !== null && !headers.has("content-length")) raw.push("content-length", String(body.length));
  res.writeHead(response.status, response.statusText || undefined, raw);
  res.end(body);
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
 * The listener: the demo API here, the rest to `fallback` (Next's request handler). `secret` is the
 * apps' secret_key (DEMO_SECRET_KEY), as the route handler passes it; `pagePolicies` the hashed
 * page policies of the build (route → Content-Security-Policy), when it has them.
 */
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

function redirectTo(res: ServerResponse, location: string): void {
  const headers = applySecurityHeaders(new Headers({ location, "content-type": "text/plain; charset=utf-8" }), { api: true });
  res.writeHead(308, [...headers].flat());
  res.end(`Redirecting to ${location}\n`);
}

export function leanListener(
  fallback: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  options: ServerOptions & { secret?: string; trustProxy?: boolean; pagePolicies?: Readonly<Record<string, string>> },
): RequestListener {
  const origins = { http: requestOrigin("http", options.hostname, options.port), https: requestOrigin("https", options.hostname, options.port) };

  async function demoApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const https = String(req.headers["x-forwarded-proto"] ?? "").includes("https");
    const request = await toRequest(req, https ? origins.https : origins.http);
    if (request === null) return sendPlain(res, 413, "Request body too large.\n");
    await sendResponse(await handleFlaskRequest(request, { secret: options.secret, trustProxy: options.trustProxy }), res);
  }

  return (req, res) => {
    const demo = isDemoApiPath(req.url ?? "");
    const normalized = demo ? null : normalizedPagePath(req.url ?? "");
    if (normalized !== null) return redirectTo(res, normalized);
    if (!demo && options.pagePolicies) applyPagePolicies(req, res, options.pagePolicies);
    const done = demo ? demoApi(req, res) : fallback(req, res);
    done.catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) sendPlain(res, 500, "Internal Server Error\n");
      else res.destroy();
    });
  };
}

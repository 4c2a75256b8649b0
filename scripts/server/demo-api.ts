/**
 * The demo API on node:http: the same core the route handler in app/api/ serves through its
 * Web-standard adapter (lib/flask-session/handler.ts), fed from Node's parsed request and written
 * back as Flask's raw headers. The core takes and returns plain data, so this path builds no
 * Request, Response or Headers: Next's router and app-route runtime cost far more per request than
 * the demo's own work (docs/server.md).
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { HeaderReader } from "../../lib/flask-session/apps";
import { answerFlaskRequest, isForwardedHttps, type FlaskAnswer, type HandlerOptions } from "../../lib/flask-session/handler";
import { apiSecurityHeaders } from "../../lib/security-headers";
import { requestOrigin } from "../build/next-internals";
import type { ServerOptions } from "./args";
import { sendPlain } from "./own-answers";

/** Larger request bodies get 413: the demo apps never read a body, and buffering must stay bounded. */
export const MAX_BODY_BYTES = 1 << 20;

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
function sendAnswer(answer: FlaskAnswer, res: ServerResponse): void {
  res.writeHead(answer.status, answer.statusText || undefined, rawHeaders(answer));
  res.end(answer.body ?? undefined);
}

type DemoApiOptions = ServerOptions & Pick<HandlerOptions, "secret" | "trustProxy">;

/**
 * The demo API's request handler. `secret` is the apps' secret_key (DEMO_SECRET_KEY), as the route
 * handler passes it; `trustProxy` (TRUST_PROXY=1) whether X-Forwarded-Proto is believed.
 */
export function demoApi(options: DemoApiOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  // The URL a route handler would see (next-internals.ts, "request-url").
  const origins = { http: requestOrigin("http", options.hostname, options.port), https: requestOrigin("https", options.hostname, options.port) };
  const handlerOptions = { secret: options.secret, trustProxy: options.trustProxy };

  return async (req, res) => {
    // TRACE included: Flask answers it like any method its route lacks (405 with Allow), and its
    // body, like GET's and HEAD's, is left unread (Node discards it once the answer is sent).
    const method = req.method ?? "GET";
    if (method !== "GET" && method !== "HEAD" && method !== "TRACE" && !(await drainBody(req))) {
      return sendPlain(res, 413, "Request body too large.\n");
    }
    // The scheme Flask sees: plain HTTP, the server's own, unless a trusted proxy says otherwise
    // (ProxyFix's rule: the right-most X-Forwarded-Proto). Any client can send the header.
    const headers = headerReader(req.headers);
    const url = new URL((isForwardedHttps(headers, options.trustProxy) ? origins.https : origins.http) + req.url);
    sendAnswer(await answerFlaskRequest({ method, url, headers, remoteAddress: req.socket.remoteAddress ?? null }, handlerOptions), res);
  };
}

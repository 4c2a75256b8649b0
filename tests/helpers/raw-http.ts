import { connect } from "node:net";
import { request as nodeRequest } from "node:http";

export type RawResponse = { status: number; head: string; body: string };

/**
 * Sends bytes as they are (a request fetch would refuse to build: TRACE, 20 KB headers, a broken
 * request line) and reads the answer until the server closes or `Connection: close` ends it.
 */
export function rawRequest(port: number, request: string | Buffer, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${timeoutMs} ms: ${Buffer.concat(chunks).toString("latin1").slice(0, 200)}`));
    }, timeoutMs);
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", (error) => {
      // A server may answer and reset at once; keep what arrived.
      if (chunks.length === 0) {
        clearTimeout(timer);
        reject(error);
      }
    });
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      const head = split < 0 ? text : text.slice(0, split);
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: split < 0 ? "" : text.slice(split + 4) });
    });
    socket.write(request);
  });
}

/** A GET (or another method) with Connection: close and extra header lines. */
export function httpRequest(method: string, target: string, headers: Record<string, string> = {}): string {
  const lines = [`${method} ${target} HTTP/1.1`, "Host: 127.0.0.1", "Connection: close", ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join("\r\n")}\r\n\r\n`;
}

export type Exchange = { status: number; statusText: string; headers: Array<[string, string]>; body: Buffer };

/** One exchange through node:http, as it came: status line, raw header pairs in order, body bytes (unchunked, not decoded). */
export function exchange(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const request = nodeRequest(url, { method: options.method ?? "GET", headers: options.headers ?? {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const pairs: Array<[string, string]> = [];
        for (let i = 0; i < response.rawHeaders.length; i += 2) pairs.push([response.rawHeaders[i], response.rawHeaders[i + 1]]);
        resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? "", headers: pairs, body: Buffer.concat(chunks) });
      });
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

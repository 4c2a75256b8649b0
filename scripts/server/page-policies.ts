/**
 * Each prerendered page's own Content-Security-Policy, whose script-src lists the hashes of the
 * page's inline scripts instead of 'unsafe-inline' (scripts/build/csp-hashes.ts). Next sends the
 * generic policy of next.config.mjs with every page; the server swaps it as the head goes out.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { policyForResponse } from "../build/csp-hashes";

/**
 * Swaps the generic Content-Security-Policy Next set (next-internals.ts, "config-headers-first")
 * for the page's hashed one just before the head goes out (an implicit head goes through
 * writeHead too), when the response is a prerendered page the manifest hashed.
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

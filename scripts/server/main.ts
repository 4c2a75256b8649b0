/**
 * `npm start`: the production server for self-hosting (docs/server.md). One node:http server: the
 * demo API (`/api/flask/<app>/...`) is answered directly by the same core the route handler serves
 * (demo-api.ts); every other request goes to Next.js through the request handler `next start`
 * itself uses, so pages, static files, redirects, the headers config and 404s behave exactly as
 * under `next start`; a page Next built once is sent again from memory once Next has answered it
 * (page-memo.ts). The route handler in app/api/ stays the deployable form for serverless hosts.
 *
 * Compiled by `npm run build` (esbuild) to `<distDir>/server.mjs`. Flags as `next start`:
 * `-p/--port` (default env PORT, then 3000), `-H/--hostname` (default every interface).
 */
import { createHmac } from "node:crypto";
import { deflateSync } from "node:zlib";
import { setPlatformDeflate } from "../../lib/flask-session/payload";
import { setPlatformHmac } from "../../lib/flask-session/signer";
import { loadManifest } from "../build/csp-hashes";
import { parseArgs } from "./args";
import { createLimitedServer } from "./limits";
import { leanListener } from "./listener";
import { pageMemo } from "./page-memo";

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2), process.env);
  if ("error" in options) {
    console.error(`server: ${options.error}`);
    process.exit(2);
  }
  // As `next start` does, before Next and React load: they choose their production builds from it.
  (process.env as Record<string, string | undefined>).NODE_ENV ||= "production";
  const { default: next } = await import("next");
  const app = next({ dev: false, hostname: options.hostname, port: options.port });
  await app.prepare();

  // The session engine's zlib step through node:zlib instead of a CompressionStream: same bytes, a fraction of the cost.
  setPlatformDeflate((bytes) => new Uint8Array(deflateSync(bytes)));
  // And its HMAC-SHA1 through node:crypto, synchronously: same tokens, no thread-pool round trip.
  setPlatformHmac((key, data) => new Uint8Array(createHmac("sha1", key).update(data).digest()));
  // Each prerendered page's Content-Security-Policy with its inline scripts' hashes (npm run build
  // writes them); without them the pages keep the generic policy, 'unsafe-inline' included.
  const manifest = loadManifest(process.env.NEXT_DIST_DIR || ".next");
  if ("error" in manifest) console.warn(`server: pages keep the generic Content-Security-Policy: ${manifest.error}`);
  const pagePolicies = "error" in manifest ? undefined : manifest.policies;
  const listener = leanListener(app.getRequestHandler(), {
    ...options,
    secret: process.env.DEMO_SECRET_KEY,
    trustProxy: process.env.TRUST_PROXY === "1",
    pagePolicies,
    // PAGE_MEMO=0 turns the memo off, to compare with and without it on the same build (docs/server.md).
    pages: process.env.PAGE_MEMO === "0" ? undefined : pageMemo(),
  });
  const server = createLimitedServer(listener);
  server.listen(options.port, options.hostname, () => {
    const host = !options.hostname || options.hostname === "0.0.0.0" || options.hostname === "::" ? "localhost" : options.hostname;
    console.log(`Ready on http://${host.includes(":") ? `[${host}]` : host}:${options.port} (demo API on node:http, the rest through Next.js)`);
  });

  const stop = () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();

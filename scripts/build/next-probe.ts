/**
 * Starts Next.js on a finished build, in this process, on a free loopback port, and asks it what
 * the build check needs (ServedBuild in next-internals.ts): the home page twice, an unknown path,
 * a file a post-step added, the demo API's JSON view and a path with `//`. Next is started the way
 * the production server starts it (scripts/server/main.ts), and the home page is asked once more
 * through the server's page-policy hook.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { applyPagePolicies } from "../server/page-policies";
import { loadManifest } from "./csp-hashes";
import { NOT_FOUND_ROUTE, prerenderedHtmlFile, requestOrigin, STATIC_DIR, STATIC_URL, type Answer, type ServedBuild } from "./next-internals";

/** The request header that asks the probe server to apply the page-policy hook. */
const WITH_POLICY = "x-build-check-policy";

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
        resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks) });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** A file a post-step added under <distDir>/static/ (the first boot-on-intent payload), as its URL and bytes. */
function addedStaticFile(distDir: string): { url: string; bytes: Buffer } | null {
  const dir = join(distDir, STATIC_DIR, "deferred");
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return null;
  }
  return names.length === 0 ? null : { url: `${STATIC_URL}deferred/${names[0]}`, bytes: readFileSync(join(dir, names[0])) };
}

export async function probeServedBuild(distDir: string): Promise<ServedBuild> {
  const manifest = loadManifest(distDir);
  if ("error" in manifest) throw new Error(`the build check needs the page policies: ${manifest.error}`);
  const added = addedStaticFile(distDir);
  if (added === null) throw new Error(`the build check needs a file under ${join(distDir, STATIC_DIR, "deferred")} (run the post-steps first)`);

  (process.env as Record<string, string | undefined>).NODE_ENV ||= "production";
  const { default: next } = await import("next");
  let handle: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null = null;
  const server = createServer((req, res) => {
    if (req.headers[WITH_POLICY]) applyPagePolicies(req, res, manifest.policies);
    void handle?.(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const app = next({ dev: false, hostname: "127.0.0.1", port });
  try {
    await app.prepare();
    handle = app.getRequestHandler();
    const home = await get(port, "/");
    const homeAgain = await get(port, "/");
    return {
      home,
      homeAgain,
      homeFile: readFileSync(join(distDir, prerenderedHtmlFile("/"))),
      homeWithPolicy: await get(port, "/", { [WITH_POLICY]: "1" }),
      homePolicy: manifest.policies["/"],
      unknown: await get(port, "/no-such-page-for-the-build-check"),
      notFoundFile: readFileSync(join(distDir, prerenderedHtmlFile(NOT_FOUND_ROUTE))),
      addedStatic: await get(port, added.url),
      addedStaticFile: added.bytes,
      routeHandler: await get(port, "/api/flask/persistent/?view=json", { host: "other.test" }),
      routeHandlerUrl: `${requestOrigin("http", "127.0.0.1", port)}/api/flask/persistent/?view=json`,
      doubleSlash: await get(port, "/api/flask//persistent/"),
    };
  } finally {
    server.close();
    await app.close();
  }
}

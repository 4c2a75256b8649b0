import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

/** A port nothing listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export type ServerInstance = { url: string; port: number; process: ChildProcess; stop(signal?: NodeJS.Signals): Promise<void> };

/**
 * One more production server from the build the test run uses (NEXT_DIST_DIR): `npm start`'s
 * server when it was built, `next start` otherwise. Resolves once the demo API answers.
 */
export async function startServer(options: { port?: number; env?: Record<string, string> } = {}): Promise<ServerInstance> {
  const port = options.port ?? (await freePort());
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const lean = path.join(distDir, "server.mjs");
  const [command, args] = existsSync(lean)
    ? ["node", [lean, "-H", "127.0.0.1", "-p", String(port)]]
    : ["node", [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-H", "127.0.0.1", "-p", String(port)]];
  const child = spawn(command, args, { env: { ...process.env, ...options.env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server on port ${port} exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/api/flask/persistent/?action=nothing`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the server on port ${port} did not answer within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    port,
    process: child,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

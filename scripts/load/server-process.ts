/**
 * The server under test, started as a deploy runs it: `npm start`'s bundle (`<distDir>/server.mjs`)
 * or `next start`, with `node` itself as the process (not npm or a shell), in its own process group,
 * so its memory can be read from /proc and the crash test can kill exactly it.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer, stopServer, waitForUrl, type Server } from "../bench/proc";

export type DeployPath = "lean" | "next";
export const PATH_LABELS: Record<DeployPath, string> = { lean: "npm start", next: "next start" };

export type Target = { path: DeployPath; host: string; port: number; server: Server; pid: number };

function distDir(): string {
  return process.env.NEXT_DIST_DIR || ".next";
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/** Starts the server on `port` (loopback only) and waits until the demo API answers. */
export async function startTarget(deploy: DeployPath, port: number, secret: string): Promise<Target> {
  const dist = distDir();
  const bundle = path.join(dist, "server.mjs");
  if (!existsSync(dist)) throw new Error(`no build in ${dist}: run npm run build first (NEXT_DIST_DIR picks the folder)`);
  if (deploy === "lean" && !existsSync(bundle)) throw new Error(`no ${bundle}: npm run build makes it`);
  const host = "127.0.0.1";
  const args =
    deploy === "lean"
      ? [bundle, "-H", host, "-p", String(port)]
      : [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-H", host, "-p", String(port)];
  const log = path.join(tmpdir(), `load-${deploy}-${port}.log`);
  const server = startServer(PATH_LABELS[deploy], `http://${host}:${port}/api/flask/persistent/?action=nothing`, [process.execPath, ...args], log, {
    PORT: String(port),
    DEMO_SECRET_KEY: secret,
    NEXT_TELEMETRY_DISABLED: "1",
  });
  await waitForUrl(server, 120_000);
  return { path: deploy, host, port, server, pid: server.child.pid as number };
}

export async function stopTarget(target: Target): Promise<void> {
  await stopServer(target.server);
}

/** SIGKILL to the server's process group: a crash, no shutdown handler runs. Resolves once it is gone. */
export async function killTarget(target: Target): Promise<void> {
  const { child } = target.server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(-target.pid, "SIGKILL");
  await exited;
}

/** The process and every descendant (`next start` may run its server in a child). */
function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pids[i]}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${pids[i]}/task/${task}/children`, "utf8").trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      } catch {
        // The task ended while being read.
      }
    }
  }
  return pids;
}

/** Resident set size of the server's process tree in MB, from the kernel's own accounting (VmRSS). */
export function rssMb(pid: number): number {
  let kb = 0;
  for (const one of processTree(pid)) {
    try {
      const line = readFileSync(`/proc/${one}/status`, "utf8")
        .split("\n")
        .find((l) => l.startsWith("VmRSS:"));
      if (line) kb += Number(line.split(/\s+/)[1]);
    } catch {
      // Gone between listing and reading.
    }
  }
  if (kb === 0) throw new Error(`no VmRSS for pid ${pid}`);
  return kb / 1024;
}

/** CPU time (user + system) the server's process tree has used, in seconds (/proc/<pid>/stat, clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const one of processTree(pid)) {
    try {
      // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
      const stat = readFileSync(`/proc/${one}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone between listing and reading.
    }
  }
  return ticks / 100;
}

/** The highest RSS seen, read every `everyMs` until `stop()`; a reading that fails (the server gone) is skipped. */
export function rssPeakSampler(pid: number, start: number, everyMs = 500): { peak: () => number; stop: () => void } {
  let peak = start;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMb(pid));
    } catch {
      // The server exited; the caller notices on its own.
    }
  }, everyMs);
  return { peak: () => peak, stop: () => clearInterval(timer) };
}

/** The load averages over 1, 5 and 15 minutes, as /proc/loadavg gives them. */
export function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}

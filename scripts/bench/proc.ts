/**
 * Child processes for `npm run bench`: servers pinned to CPUs with `taskset`, stopped by their own
 * process group (never by name), and commands run to completion with their output captured.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";

export type Server = { name: string; url: string; child: ChildProcess; log: string };

/** `taskset -c <cpus> <command...>` when taskset exists and cpus are given; the command alone otherwise. */
export function pinned(cpus: string | null, command: string[]): string[] {
  return cpus !== null && hasTaskset() ? ["taskset", "-c", cpus, ...command] : command;
}

let tasksetKnown: boolean | undefined;
function hasTaskset(): boolean {
  tasksetKnown ??= spawnSync("taskset", ["--version"], { stdio: "ignore" }).status === 0;
  return tasksetKnown;
}

/** Starts a long-running command in its own process group, its output appended to `log`. */
export function startServer(name: string, url: string, command: string[], log: string, env: Record<string, string> = {}): Server {
  const out = createWriteStream(log, { flags: "a" });
  const child = spawn(command[0], command.slice(1), { env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return { name, url, child, log };
}

/** Waits until `url` answers (any status), or fails after `timeoutMs`. */
export async function waitForUrl(server: Server, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`${server.name} exited with ${server.child.exitCode}; see ${server.log}`);
    try {
      await fetch(server.url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${server.name} did not answer ${server.url} within ${timeoutMs / 1000} s; see ${server.log}`);
}

/** SIGTERM to the server's process group, SIGKILL if it is still there after `graceMs`. */
export async function stopServer(server: Server, graceMs = 10_000): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalGroup(child.pid, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child.pid as number, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export type RunResult = { status: number | null; stdout: string; stderr: string; seconds: number };

/** Runs a command to completion (bounded by `timeoutMs`), capturing its output. */
export function run(command: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(command[0], command.slice(1), {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = options.timeoutMs ? setTimeout(() => child.pid && signalGroup(child.pid, "SIGKILL"), options.timeoutMs) : undefined;
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    });
  });
}

/** The first line of a command's output, or null when it cannot run. */
export function firstLine(command: string[]): string | null {
  if (command[0].startsWith("/") && !existsSync(command[0])) return null;
  const result = spawnSync(command[0], command.slice(1), { encoding: "utf8" });
  if (result.status !== 0) return null;
  return `${result.stdout}${result.stderr}`.trim().split("\n")[0] ?? null;
}

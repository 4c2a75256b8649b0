/**
 * `npm run load`: a bounded load test of the demo API on loopback. Starts the production server
 * (`npm start`'s, from NEXT_DIST_DIR, default .next; `--next` for `next start`), records its RSS
 * from /proc/<pid>/status, runs autocannon at 64 connections for 60 s over a mix of demo requests
 * across every app (cookies minted with the server's key, tokens, both rule sets, the JSON view),
 * then waits for the memory to settle. Fails (exit 1) on any error, timeout or status other than
 * the expected 200, or when RSS ends more than 50 MB above where it started.
 *
 *   npm run build && npm run load -- [--duration 60] [--connections 64] [--settle 30] [--next]
 *
 * Prints one JSON summary line at the end (requests, rate, latency, statuses, RSS in MB).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import autocannon from "autocannon";
import { encodeSessionCookie } from "../lib/flask-session/cookie";
import { py } from "../lib/flask-session/py-value";

type Options = { duration: number; connections: number; settle: number; next: boolean; rssBudgetMb: number };

function parseOptions(argv: string[]): Options {
  const options: Options = { duration: 60, connections: 64, settle: 30, next: false, rssBudgetMb: 50 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--next") options.next = true;
    else if (flag === "--duration") options.duration = Number(argv[++i]);
    else if (flag === "--connections") options.connections = Number(argv[++i]);
    else if (flag === "--settle") options.settle = Number(argv[++i]);
    else throw new Error(`unknown argument ${flag} (--duration S, --connections N, --settle S, --next)`);
  }
  return options;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Resident set size of a process in MB, from the kernel's own accounting. */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  if (!line) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(line.split(/\s+/)[1]) / 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The mix: each connection cycles through it, so every app and rule set is hit all the time. */
async function requestMix(secret: string) {
  const now = Math.floor(Date.now() / 1000);
  const session = await encodeSessionCookie(py.dict([["key", py.str("value")]]), secret, { timestamp: now });
  const permanent = await encodeSessionCookie(py.dict([["_permanent", py.bool(true)], ["key", py.str("value")]]), secret, { timestamp: now });
  const identity = await encodeSessionCookie(py.dict([["identity.auth_type", py.str("token")], ["identity.id", py.str("alice")]]), secret, { timestamp: now });
  const legacy = await encodeSessionCookie(py.dict([["key", py.bytes("value")]]), secret, { timestamp: now, epoch: "2011" });
  const get = (p: string, headers: Record<string, string> = {}) => ({ method: "GET" as const, path: p, headers });
  return [
    get("/api/flask/persistent/"),
    get("/api/flask/persistent/", { cookie: `session=${session}` }),
    get("/api/flask/persistent/?action=read&permanent=1", { cookie: `session=${permanent}` }),
    get("/api/flask/persistent/?view=json&action=clear", { cookie: `session=${session}` }),
    get("/api/flask/persistent/?flask=2016", { cookie: `session=${legacy}` }),
    get("/api/flask/persistent/", { cookie: "session=tampered.cookie.value" }),
    get("/api/flask/weak/?action=write", { cookie: `session=${session}` }),
    get("/api/flask/principal/", { authorization: "Bearer alice-token" }),
    get("/api/flask/principal/", { cookie: `session=${identity}` }),
    get("/api/flask/principal/?view=json", { cookie: `session=${identity}`, authorization: "Bearer bob-token" }),
    get("/api/flask/principal-no-sessions/", { authorization: "Bearer bob-token" }),
    { method: "HEAD" as const, path: "/api/flask/persistent/", headers: {} },
  ];
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const port = await freePort();
  const secret = process.env.DEMO_SECRET_KEY || "SomeRandomKey";
  const lean = path.join(distDir, "server.mjs");
  const useNext = options.next || !existsSync(lean);
  if (!existsSync(distDir)) throw new Error(`no build in ${distDir}: run npm run build first (NEXT_DIST_DIR picks the folder)`);
  const args = useNext ? [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-H", "127.0.0.1", "-p", String(port)] : [lean, "-H", "127.0.0.1", "-p", String(port)];
  // `node` itself, not a wrapper, so the pid is the server's and /proc shows its memory.
  const server = spawn(process.execPath, args, { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "ignore", "inherit"] });
  const pid = server.pid as number;
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let waited = 0; ; waited += 200) {
      if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
      const ok = await fetch(`${url}/api/flask/persistent/?action=nothing`).then((r) => r.ok, () => false);
      if (ok) break;
      if (waited > 60_000) throw new Error("the server did not answer within 60 s");
      await sleep(200);
    }
    await sleep(1000);
    const rssStart = rssMb(pid);
    console.log(`${useNext ? "next start" : "npm start"} (pid ${pid}) on ${url}, RSS ${rssStart.toFixed(1)} MB; ${options.connections} connections for ${options.duration} s`);

    let rssPeak = rssStart;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(pid))), 500);
    const result = await autocannon({ url, connections: options.connections, duration: options.duration, requests: await requestMix(secret), timeout: 10 });
    clearInterval(sampler);
    const rssAfterLoad = rssMb(pid);

    // Let the server go idle; V8 returns memory to the system as it collects.
    let rssSettled = rssAfterLoad;
    for (let s = 0; s < options.settle && rssSettled - rssStart > options.rssBudgetMb; s++) {
      await sleep(1000);
      rssSettled = rssMb(pid);
    }

    const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stat]) => [code, (stat as { count: number }).count]));
    const unexpected = Object.entries(statuses).filter(([code]) => code !== "200").reduce((n, [, count]) => n + count, 0);
    const summary = {
      requests: result.requests.total,
      perSecond: Math.round(result.requests.average),
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      statuses,
      errors: result.errors,
      timeouts: result.timeouts,
      rssMb: { start: +rssStart.toFixed(1), peak: +rssPeak.toFixed(1), afterLoad: +rssAfterLoad.toFixed(1), settled: +rssSettled.toFixed(1) },
    };
    console.log(JSON.stringify(summary));
    const problems: string[] = [];
    if (result.errors > 0 || result.timeouts > 0) problems.push(`${result.errors} errors, ${result.timeouts} timeouts`);
    if (unexpected > 0) problems.push(`${unexpected} responses with a status other than 200`);
    if (rssSettled - rssStart > options.rssBudgetMb) problems.push(`RSS ended ${(rssSettled - rssStart).toFixed(1)} MB above its start (budget ${options.rssBudgetMb} MB)`);
    if (result.requests.total === 0) problems.push("no request completed");
    if (problems.length > 0) {
      console.error(`load: FAILED: ${problems.join("; ")}`);
      process.exitCode = 1;
    } else {
      console.log(`load: passed: ${summary.requests} requests, no error, every status 200, RSS ${summary.rssMb.settled} MB (started at ${summary.rssMb.start} MB)`);
    }
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(`load: ${(error as Error).message}`);
  process.exit(1);
});

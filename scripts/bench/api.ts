/**
 * The demo API under load, for `npm run bench`: each emulated app on every server side by side in
 * one run, every server pinned to the same CPUs, wrk pinned to others, the same requests, rounds
 * interleaved so that noise from the machine falls on every side alike.
 *
 * Sides: real Flask under Debian's gunicorn (the reference apps, and the article's hello_world
 * verbatim), a bare node:http server with the engine (the limit of our stack), `npm start` (the
 * lean path) and `next start` (the route handler).
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeSessionCookie } from "../../lib/flask-session/cookie";
import { py } from "../../lib/flask-session/py-value";
import { summarizeProfile, type ProfileSummary } from "./cpu-profile";
import { pinned, startServer, stopServer, waitForUrl, type Server } from "./proc";
import { runWrk, type LoadResult } from "./wrk";

export type ApiOptions = {
  distDir: string;
  serverCpus: string | null;
  loadCpus: string | null;
  /** gunicorn workers: one per server CPU. */
  workers: number;
  seconds: number;
  warmupSeconds: number;
  rounds: number;
  connections: number;
  logDir: string;
  gunicorn: string;
};

export type SideId = "flask-gthread" | "flask-sync" | "flask-verbatim" | "bare" | "lean" | "next";
export const SIDE_LABELS: Record<SideId, string> = {
  "flask-gthread": "Flask 2.2 / gunicorn gthread",
  "flask-sync": "Flask 2.2 / gunicorn sync",
  "flask-verbatim": "Flask 2.2 / gunicorn gthread, article's hello_world verbatim",
  bare: "bare node:http + engine",
  lean: "npm start (lean path)",
  next: "next start (route handler)",
};

export const APPS = ["persistent", "weak", "principal", "principal-no-sessions"] as const;
export type BenchApp = (typeof APPS)[number];

type Target = { side: SideId; app: BenchApp; url: string; headers: Record<string, string> };
export type Cell = { side: SideId; app: BenchApp; rps: number; p50Ms: number; p99Ms: number; bad: number; runs: LoadResult[] };
export type ApiResult = { cells: Cell[]; checks: string[]; profiles: { side: "next" | "lean"; summary: ProfileSummary; requests: number }[] };

const PORTS: Record<SideId, number> = { "flask-gthread": 3312, bare: 3313, "flask-verbatim": 3314, lean: 3315, next: 3316, "flask-sync": 3317 };
const PROFILE_PORTS = { next: 3318, lean: 3319 } as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The requests: a valid session cookie on the text apps, a bearer token (and its identity cookie) on the principal apps. */
async function requestsFor(): Promise<Record<BenchApp, { path: string; headers: Record<string, string> }>> {
  const now = Math.floor(Date.now() / 1000);
  const secret = process.env.DEMO_SECRET_KEY || "SomeRandomKey";
  const article = await encodeSessionCookie(py.dict([["key", py.str("value")]]), secret, { timestamp: now });
  const identity = await encodeSessionCookie(
    py.dict([
      ["identity.auth_type", py.str("token")],
      ["identity.id", py.str("alice")],
    ]),
    secret,
    { timestamp: now },
  );
  return {
    persistent: { path: "/api/flask/persistent/", headers: { Cookie: `session=${article}` } },
    weak: { path: "/api/flask/weak/", headers: { Cookie: `session=${article}` } },
    principal: { path: "/api/flask/principal/", headers: { Authorization: "Bearer alice-token", Cookie: `session=${identity}` } },
    "principal-no-sessions": { path: "/api/flask/principal-no-sessions/", headers: { Authorization: "Bearer alice-token" } },
  };
}

function startSides(options: ApiOptions): Record<SideId, Server> {
  const url = (side: SideId, path = "/") => `http://127.0.0.1:${PORTS[side]}${path}`;
  const log = (side: SideId) => join(options.logDir, `${side}.log`);
  const gunicorn = (side: SideId, worker: "gthread" | "sync", chdir: string, app: string) =>
    startServer(
      side,
      url(side, side === "flask-verbatim" ? "/" : "/api/flask/weak/"),
      pinned(options.serverCpus, [
        options.gunicorn,
        "--workers",
        String(options.workers),
        "--worker-class",
        worker,
        ...(worker === "gthread" ? ["--threads", "4"] : []),
        "--bind",
        `127.0.0.1:${PORTS[side]}`,
        "--chdir",
        chdir,
        "--log-level",
        "warning",
        app,
      ]),
      log(side),
    );
  return {
    "flask-gthread": gunicorn("flask-gthread", "gthread", "scripts/fixtures", "reference_apps:create_site()"),
    "flask-sync": gunicorn("flask-sync", "sync", "scripts/fixtures", "reference_apps:create_site()"),
    "flask-verbatim": gunicorn("flask-verbatim", "gthread", "scripts/bench", "flask_hello:app"),
    bare: startServer(
      "bare",
      url("bare"),
      pinned(options.serverCpus, ["node", "--import", "tsx", "scripts/bench/bare-server.ts", String(PORTS.bare)]),
      log("bare"),
    ),
    lean: startServer(
      "lean",
      url("lean", "/api/flask/weak/"),
      pinned(options.serverCpus, ["node", join(options.distDir, "server.mjs"), "-H", "127.0.0.1", "-p", String(PORTS.lean)]),
      log("lean"),
      { NEXT_DIST_DIR: options.distDir },
    ),
    next: startServer(
      "next",
      url("next", "/api/flask/weak/"),
      pinned(options.serverCpus, ["node", "node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(PORTS.next)]),
      log("next"),
      { NEXT_DIST_DIR: options.distDir },
    ),
  };
}

function targetsFor(requests: Awaited<ReturnType<typeof requestsFor>>): Target[] {
  const at = (side: SideId, app: BenchApp, path = requests[app].path): Target => ({
    side,
    app,
    url: `http://127.0.0.1:${PORTS[side]}${path}`,
    headers: requests[app].headers,
  });
  const targets: Target[] = [at("flask-sync", "persistent"), at("flask-verbatim", "persistent", "/"), at("bare", "persistent", "/")];
  for (const app of APPS) targets.push(at("flask-gthread", app), at("lean", app), at("next", app));
  return targets;
}

/** One request to every target before timing: each must answer 200, and every side must give each app the same body. */
async function checkSameJob(targets: Target[]): Promise<string[]> {
  const checks: string[] = [];
  const bodies = new Map<BenchApp, { side: SideId; body: string; cookie: boolean }>();
  for (const target of targets) {
    const response = await fetch(target.url, { headers: target.headers });
    const body = await response.text();
    const cookie = response.headers.getSetCookie().length > 0;
    if (response.status !== 200) throw new Error(`${target.side} ${target.app}: HTTP ${response.status}\n${body}`);
    const first = bodies.get(target.app);
    if (!first) bodies.set(target.app, { side: target.side, body, cookie });
    else if (first.body !== body || first.cookie !== cookie) {
      throw new Error(`${target.side} and ${first.side} answer ${target.app} differently:\n${body}\n---\n${first.body}`);
    }
  }
  for (const [app, { body, cookie }] of bodies)
    checks.push(`${app}: every side answers 200 with the same ${body.length}-byte body${cookie ? " and a Set-Cookie" : ", no Set-Cookie"}`);
  return checks;
}

/** Profiles a server under the persistent app's load: `node --cpu-prof`, written when the server exits. */
async function profileSide(side: "next" | "lean", options: ApiOptions, path: string, headers: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), `cpuprof-${side}-`));
  const port = PROFILE_PORTS[side];
  const script = side === "next" ? ["node_modules/next/dist/bin/next", "start"] : [join(options.distDir, "server.mjs")];
  const server = startServer(
    `${side} (profiled)`,
    `http://127.0.0.1:${port}/api/flask/weak/`,
    pinned(options.serverCpus, ["node", "--cpu-prof", `--cpu-prof-dir=${dir}`, ...script, "-H", "127.0.0.1", "-p", String(port)]),
    join(options.logDir, `${side}-profiled.log`),
    { NEXT_DIST_DIR: options.distDir },
  );
  try {
    await waitForUrl(server);
    await runWrk({ url: `http://127.0.0.1:${port}${path}`, headers, connections: options.connections, seconds: 2, cpus: options.loadCpus });
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    const load = await runWrk({
      url: `http://127.0.0.1:${port}${path}`,
      headers,
      connections: options.connections,
      seconds: options.seconds * 2,
      cpus: options.loadCpus,
    });
    const toUs = Number(process.hrtime.bigint() / 1000n);
    await stopServer(server);
    const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
    if (!file) throw new Error(`${side}: no .cpuprofile written in ${dir}`);
    const summary = summarizeProfile(join(dir, file), options.distDir.replace(/^\.\//, ""), 8, { fromUs, toUs });
    return { side, summary, requests: load.requests };
  } finally {
    await stopServer(server);
  }
}

export async function benchApi(options: ApiOptions, progress: (line: string) => void): Promise<ApiResult> {
  const requests = await requestsFor();
  const targets = targetsFor(requests);
  const servers = startSides(options);
  try {
    await Promise.all(Object.values(servers).map((server) => waitForUrl(server)));
    const checks = await checkSameJob(targets);
    checks.forEach(progress);

    const runs = new Map<Target, LoadResult[]>(targets.map((t) => [t, []]));
    for (const target of targets) {
      await runWrk({ url: target.url, headers: target.headers, connections: options.connections, seconds: options.warmupSeconds, cpus: options.loadCpus });
    }
    for (let round = 0; round < options.rounds; round++) {
      // Rotate the order every round, so that no side always runs right after the same neighbour.
      const order = targets.map((_, i) => targets[(i + round * 5) % targets.length]);
      for (const target of order) {
        const result = await runWrk({
          url: target.url,
          headers: target.headers,
          connections: options.connections,
          seconds: options.seconds,
          cpus: options.loadCpus,
        });
        runs.get(target)?.push(result);
        progress(
          `round ${round + 1}/${options.rounds} ${target.side} ${target.app}: ${Math.round(result.rps)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms`,
        );
      }
    }
    const cells = targets.map((target): Cell => {
      const list = runs.get(target) ?? [];
      return {
        side: target.side,
        app: target.app,
        rps: median(list.map((r) => r.rps)),
        p50Ms: median(list.map((r) => r.p50Ms)),
        p99Ms: median(list.map((r) => r.p99Ms)),
        bad: list.reduce((n, r) => n + r.bad, 0),
        runs: list,
      };
    });
    await Promise.all(Object.values(servers).map((server) => stopServer(server)));

    const persistent = requests.persistent;
    const profiles = [];
    for (const side of ["next", "lean"] as const) {
      progress(`profiling ${side} under the persistent app's load`);
      profiles.push(await profileSide(side, options, persistent.path, persistent.headers));
    }
    return { cells, checks, profiles };
  } finally {
    await Promise.all(Object.values(servers).map((server) => stopServer(server)));
  }
}

/**
 * `npm run bench`: measures, side by side in one run on this machine, what readers and hosts feel
 * against what they would otherwise use, prints the tables and writes them to BENCHMARKS.md.
 *
 *   1. build: a clean `next build` (and, with --ci, the whole `.ci/run` in a fresh clone)
 *   2. engine micro-benchmarks (scripts/bench/engine.ts)
 *   3. the demo API under load against Flask/gunicorn and a bare node:http server (api.ts)
 *   4. the article page: bytes and Lighthouse against the original Jekyll rendering (page.ts)
 *
 * Options: --only=build,engine,api,page  --ci  --seconds=N (per load run)  --rounds=N
 *          --lighthouse-runs=N  --no-write  --write (a run of some sections only prints its
 *          tables unless --write is given: BENCHMARKS.md holds one whole run)
 * Environment: NEXT_DIST_DIR (build folder, default .next), BENCH_SERVER_CPUS / BENCH_LOAD_CPUS
 * (taskset lists; default 1 and 0 on a machine with 2 or more CPUs), CHROME_PATH, GUNICORN,
 * FLASK_PYTHON. Everything runs on 127.0.0.1, ports 3310-3319, and stops by itself.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { benchApi, type ApiResult } from "./api";
import type { EngineRow } from "./engine";
import type { HostileRow } from "./hostile-input";
import { benchPage, type PageResult } from "./page";
import { firstLine, pinned, run, startServer, stopServer, waitForUrl } from "./proc";
import { renderReport, type BuildResult, type Machine } from "./report";

type Section = "build" | "engine" | "api" | "page";

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

const only = new Set((option("only") ?? "build,engine,api,page").split(",") as Section[]);
const withCi = process.argv.includes("--ci");
const ALL_SECTIONS: Section[] = ["build", "engine", "api", "page"];
const partial = ALL_SECTIONS.some((section) => !only.has(section));
// BENCHMARKS.md is one whole run: a partial run would replace every other section with nothing.
const write = !process.argv.includes("--no-write") && (!partial || process.argv.includes("--write"));
const distDir = process.env.NEXT_DIST_DIR || ".next";
const cpus = availableParallelism();
const serverCpus = process.env.BENCH_SERVER_CPUS ?? (cpus >= 2 ? "1" : null);
const loadCpus = process.env.BENCH_LOAD_CPUS ?? (cpus >= 2 ? "0" : null);
const chrome = process.env.CHROME_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : null);
const logDir = mkdtempSync(join(tmpdir(), "bench-logs-"));

function progress(line: string): void {
  console.error(`[bench] ${line}`);
}

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join("node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

function machine(): Machine {
  const cpuModel = firstLine(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"]) ?? "unknown";
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    cpu: `${cpuModel.trim()}, ${cpus} CPUs`,
    memory: firstLine(["sh", "-c", "free -h | awk '/Mem:/ {print $2}'"]) ?? "unknown",
    os: firstLine(["sh", "-c", '. /etc/os-release && echo "$PRETTY_NAME"']) ?? process.platform,
    loadAverage: firstLine(["cat", "/proc/loadavg"])?.split(" ").slice(0, 3).join(" ") ?? "unknown",
    versions: {
      node: process.version,
      next: packageVersion("next"),
      python: firstLine([process.env.FLASK_PYTHON || "/usr/bin/python3", "--version"]) ?? "absent",
      flask:
        firstLine([process.env.FLASK_PYTHON || "/usr/bin/python3", "-c", "import flask, werkzeug; print(flask.__version__, werkzeug.__version__)"]) ?? "absent",
      gunicorn: firstLine([process.env.GUNICORN || "/usr/bin/gunicorn", "--version"]) ?? "absent",
      wrk: firstLine(["sh", "-c", "wrk --version 2>&1 | head -1"]) ?? "absent",
      chromium: chrome ? (firstLine([chrome, "--version"]) ?? "unknown") : "absent",
      lighthouse: packageVersion("lighthouse"),
      jekyll: firstLine(["jekyll", "--version"]) ?? "absent",
    },
    serverCpus,
    loadCpus,
  };
}

async function benchBuild(): Promise<BuildResult> {
  progress(`clean next build into ${distDir}`);
  rmSync(distDir, { recursive: true, force: true });
  const next = await run(["node", "node_modules/next/dist/bin/next", "build"], {
    env: { NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
    timeoutMs: 1_200_000,
  });
  if (next.status !== 0) throw new Error(`next build failed:\n${next.stdout}\n${next.stderr}`);
  // The rest of `npm run build`: the check of Next's output, the article's boot on intent, the CSP
  // hashes, the npm start bundle, the check of what Next serves.
  let steps = 0;
  for (const step of ["build:check-output", "build:defer", "build:csp", "build:server", "build:check-served"]) {
    const result = await run(["npm", "run", "--silent", step], { env: { NEXT_DIST_DIR: distDir }, timeoutMs: 120_000 });
    if (result.status !== 0) throw new Error(`${step} failed:\n${result.stdout}\n${result.stderr}`);
    steps += result.seconds;
  }
  const server = { seconds: steps };
  let ci: BuildResult["ci"] = null;
  if (withCi) {
    const clone = mkdtempSync(join(tmpdir(), "bench-ci-"));
    progress(`.ci/run in a fresh clone (${clone}); this takes a while`);
    const cloned = await run(["git", "clone", "-q", process.cwd(), clone]);
    if (cloned.status !== 0) throw new Error(`git clone failed: ${cloned.stderr}`);
    const result = await run(["bash", ".ci/run"], { cwd: clone, env: { CI: "true" }, timeoutMs: 3_600_000 });
    writeFileSync(join(logDir, "ci-run.log"), `${result.stdout}\n${result.stderr}`);
    ci = { seconds: result.seconds, status: result.status, log: join(logDir, "ci-run.log") };
    rmSync(clone, { recursive: true, force: true });
  }
  return { nextBuildSeconds: next.seconds, serverBuildSeconds: server.seconds, ci };
}

async function benchEngine(): Promise<EngineRow[]> {
  progress("engine micro-benchmarks");
  const result = await run(pinned(serverCpus, ["node", "--import", "tsx", "scripts/bench/engine.ts", "--json"]), { timeoutMs: 300_000 });
  if (result.status !== 0) throw new Error(`engine bench failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").pop() ?? "[]") as EngineRow[];
}

async function benchHostileInput(): Promise<HostileRow[]> {
  progress("hostile input through the demo handler");
  const result = await run(pinned(serverCpus, ["node", "--import", "tsx", "scripts/bench/hostile-input.ts", "--json"]), { timeoutMs: 300_000 });
  if (result.status !== 0) throw new Error(`hostile-input bench failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").pop() ?? "[]") as HostileRow[];
}

async function benchPageSection(): Promise<PageResult> {
  const port = 3310;
  const server = startServer(
    "lean (page)",
    `http://127.0.0.1:${port}/`,
    ["node", join(distDir, "server.mjs"), "-H", "127.0.0.1", "-p", String(port)],
    join(logDir, "page-server.log"),
    {
      NEXT_DIST_DIR: distDir,
    },
  );
  try {
    await waitForUrl(server);
    return await benchPage(
      { oursBase: `http://127.0.0.1:${port}`, jekyllPort: 3311, proxyPorts: [3312, 3313], chrome, lighthouseRuns: Number(option("lighthouse-runs") ?? 5) },
      progress,
    );
  } finally {
    await stopServer(server);
  }
}

async function main(): Promise<void> {
  mkdirSync(logDir, { recursive: true });
  progress(`logs in ${logDir}`);
  const info = machine();
  const build = only.has("build") ? await benchBuild() : null;
  if (!existsSync(join(distDir, "server.mjs")) && (only.has("api") || only.has("page"))) {
    throw new Error(`no build in ${distDir}: run with the build section, or NEXT_DIST_DIR=${distDir} npm run build first`);
  }
  const engine = only.has("engine") ? await benchEngine() : null;
  const hostile = only.has("engine") ? await benchHostileInput() : null;
  let api: ApiResult | null = null;
  if (only.has("api")) {
    progress("demo API under load");
    api = await benchApi(
      {
        distDir,
        serverCpus,
        loadCpus,
        workers: serverCpus ? serverCpus.split(",").length : cpus,
        seconds: Number(option("seconds") ?? 5),
        warmupSeconds: 2,
        rounds: Number(option("rounds") ?? 3),
        connections: 16,
        logDir,
        gunicorn: process.env.GUNICORN || "/usr/bin/gunicorn",
      },
      progress,
    );
  }
  const page = only.has("page") ? await benchPageSection() : null;
  const report = renderReport({ machine: info, build, engine, hostile, api, page, command: ["npm run bench", ...process.argv.slice(2)].join(" ") });
  console.log(report);
  if (write) writeFileSync("BENCHMARKS.md", report);
  progress(write ? "wrote BENCHMARKS.md" : partial ? "not written: a partial run (--only) writes BENCHMARKS.md only with --write" : "not written (--no-write)");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

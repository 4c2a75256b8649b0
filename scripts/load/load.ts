/**
 * `npm run load`: the demo API under load, on loopback, after `npm run build`.
 *
 *   npm run load -- [--only throughput,clients,crash] [--paths lean,next] [--duration 60] ...
 *
 * - throughput, on each deploy path (`npm start`, `next start`), each against its own capacity
 *   (scripts/load/throughput.ts);
 * - clients: 1,000 connections held open, idle or sending headers slowly, while another client's
 *   requests must still be answered within the p99 budget (scripts/load/many-clients.ts);
 * - crash: the server killed under load and restarted (scripts/load/crash.ts).
 * Prints each run's figures, writes them to LOAD.md (scripts/load/report.ts; --no-write leaves it),
 * and exits 1 when any check failed. What each check means: docs/load.md.
 */
import { SERVER_LIMITS } from "../server/limits";
import { parseFlags } from "./options";
import { runContext, writeSection, type RunContext } from "./report";
import { clientsSection, crashSection, throughputSection } from "./sections";
import { PATH_LABELS, freePort, loadAverage, type DeployPath } from "./server-process";
import { crash, type CrashResult } from "./crash";
import { manyClients, type ManyClientsResult } from "./many-clients";
import { throughput, type ThroughputResult } from "./throughput";

const FLAGS = {
  only: { default: "throughput,clients,crash", help: "comma-separated: throughput, clients, crash" },
  paths: { default: "lean,next", help: "deploy paths for the throughput run: lean (npm start), next (next start)" },
  port: { default: 0, help: "port for the server (0: a free one)" },
  duration: { default: 60, help: "seconds of the paced run" },
  connections: { default: 64, help: "connections of the load client" },
  warmup: { default: 3, help: "seconds of warm-up before the capacity run" },
  "capacity-seconds": { default: 10, help: "seconds of the capacity run" },
  target: { default: 0.85, help: "share of the capacity offered in the paced run" },
  "min-share": { default: 0.8, help: "least share of the capacity the paced run must achieve" },
  "p99-factor": { default: 2, help: "p99 budget as a multiple of the capacity run's p99" },
  "rss-budget": { default: 50, help: "MB the RSS may end above where it was when the paced run started" },
  settle: { default: 30, help: "seconds to wait for the RSS to settle" },
  // What the clients test expects: npm start's own limits (scripts/server/limits.ts) unless told otherwise.
  "headers-timeout": { default: SERVER_LIMITS.headersTimeout, help: "the server's headersTimeout in ms" },
  "keep-alive-timeout": { default: SERVER_LIMITS.keepAliveTimeout, help: "the server's keepAliveTimeout in ms" },
  "request-timeout": { default: SERVER_LIMITS.requestTimeout, help: "the server's requestTimeout in ms" },
  "checking-interval": { default: SERVER_LIMITS.connectionsCheckingInterval, help: "the server's connectionsCheckingInterval in ms" },
  "probe-rate": { default: 50, help: "requests per second of the probe client in the clients test (at most a quarter of the capacity)" },
  "crash-rate": { default: 100, help: "requests per second during the crash test" },
  "no-write": { default: false, help: "do not update LOAD.md" },
} as const;

const fmt = (n: number, digits = 1) => n.toFixed(digits);

function printThroughput(r: ThroughputResult): void {
  const { run, capacity, rss } = r;
  const line = {
    path: PATH_LABELS[r.spec.deploy],
    capacityRps: Math.round(capacity.rate),
    offeredRps: Math.round(r.offeredRate),
    achievedRps: Math.round(run.rate),
    requests: run.answered,
    latencyMs: { p50: +fmt(run.latencyMs.p50, 2), p99: +fmt(run.latencyMs.p99, 2), max: +fmt(run.latencyMs.max, 2), p99Budget: +fmt(r.p99BudgetMs, 2) },
    errors: run.errors,
    unexpected: run.unexpected,
    connectionsOpened: run.connectionsOpened,
    cpu: r.cpu,
    rssMb: { fresh: +fmt(rss.fresh), start: +fmt(rss.start), peak: +fmt(rss.peak), afterLoad: +fmt(rss.afterLoad), end: +fmt(rss.end) },
    loadAverage: loadAverage(),
  };
  console.log(JSON.stringify(line));
}

function printClients(r: ManyClientsResult): void {
  const line = {
    path: PATH_LABELS[r.spec.deploy],
    windowS: r.windowSeconds,
    capacityRps: Math.round(r.capacityRate),
    probe: {
      answered: r.probe.answered,
      p50: +fmt(r.probe.latencyMs.p50, 2),
      p99: +fmt(r.probe.latencyMs.p99, 2),
      max: +fmt(r.probe.latencyMs.max, 2),
      budget: +fmt(r.p99BudgetMs, 2),
      errors: r.probe.errors,
      unexpected: r.probe.unexpected,
    },
    active: r.active,
    held: Object.fromEntries(
      Object.entries(r.held).map(([k, f]) => [
        k,
        { count: f.count, closed: f.closed, got408: f.got408, closedAfterS: { p50: +fmt(f.closedAfterS.p50), max: +fmt(f.closedAfterS.max) } },
      ]),
    ),
    rssMb: { before: +fmt(r.rss.before), peak: +fmt(r.rss.peak), after: +fmt(r.rss.after) },
  };
  console.log(JSON.stringify(line));
}

function printCrash(r: CrashResult): void {
  const line = {
    path: PATH_LABELS[r.spec.deploy],
    rate: r.spec.rate,
    answered: r.run.answered,
    killedAtS: +fmt(r.killedAt),
    backAtS: +fmt(r.backAt),
    firstAnswerAfterS: +fmt(r.firstAnswerAfter),
    failedWhileDown: r.failedWhileDown,
    failedAfterBack: r.failedAfterBack,
    errors: r.run.errors,
    unexpected: r.run.unexpected,
    cookies: { issued: r.cookiesIssued, loaded: r.cookiesLoaded },
  };
  console.log(JSON.stringify(line));
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  if ("help" in flags) {
    console.log(`npm run load -- [flags]\n${flags.help}`);
    return;
  }
  if ("error" in flags) {
    console.error(`load: ${flags.error}`);
    process.exit(2);
  }
  const only = new Set(flags.only.split(","));
  for (const part of only)
    if (!["throughput", "clients", "crash"].includes(part)) throw new Error(`--only: unknown part ${JSON.stringify(part)} (throughput, clients, crash)`);
  const paths = flags.paths.split(",") as DeployPath[];
  for (const p of paths) if (p !== "lean" && p !== "next") throw new Error(`--paths: unknown deploy path ${JSON.stringify(p)} (lean, next)`);
  const secret = process.env.DEMO_SECRET_KEY || "SomeRandomKey";
  const log = (line: string) => console.error(`[load] ${line}`);
  const problems: string[] = [];
  let context: RunContext = runContext("load");
  const write = (id: Parameters<typeof writeSection>[0], body: (c: RunContext) => string) => {
    if (!flags["no-write"]) writeSection(id, body(context));
    context = runContext("load");
  };

  if (only.has("throughput")) {
    for (const deploy of paths) {
      log(`${PATH_LABELS[deploy]}: load average ${loadAverage()}`);
      const result = await throughput(
        {
          deploy,
          port: flags.port || (await freePort()),
          secret,
          connections: flags.connections,
          warmupSeconds: flags.warmup,
          capacitySeconds: flags["capacity-seconds"],
          durationSeconds: flags.duration,
          target: flags.target,
          minShare: flags["min-share"],
          p99Factor: flags["p99-factor"],
          rssBudgetMb: flags["rss-budget"],
          settleSeconds: flags.settle,
        },
        log,
      );
      printThroughput(result);
      write(deploy === "lean" ? "throughput-lean" : "throughput-next", (c) => throughputSection(result, c));
      problems.push(...result.problems.map((p) => `${PATH_LABELS[deploy]}: ${p}`));
    }
  }

  if (only.has("clients")) {
    log(`clients: load average ${loadAverage()}`);
    const result = await manyClients(
      {
        deploy: "lean",
        port: flags.port || (await freePort()),
        secret,
        counts: { active: 200, idle: 350, slow: 200, silent: 150, "slow-body": 100 },
        probeRate: flags["probe-rate"],
        probeConnections: 4,
        p99Factor: flags["p99-factor"],
        timeouts: {
          headersMs: flags["headers-timeout"],
          requestMs: flags["request-timeout"],
          keepAliveMs: flags["keep-alive-timeout"],
          checkingIntervalMs: flags["checking-interval"],
        },
      },
      log,
    );
    printClients(result);
    write("clients", (c) => clientsSection(result, c));
    problems.push(...result.problems.map((p) => `clients: ${p}`));
  }

  if (only.has("crash")) {
    log(`crash: load average ${loadAverage()}`);
    const result = await crash(
      {
        deploy: "lean",
        port: flags.port || (await freePort()),
        secret,
        rate: flags["crash-rate"],
        connections: 8,
        durationSeconds: 20,
        killAtSeconds: 6,
        downSeconds: 3,
      },
      log,
    );
    printCrash(result);
    write("crash", (c) => crashSection(result, c));
    problems.push(...result.problems.map((p) => `crash: ${p}`));
  }

  if (problems.length > 0) {
    console.error(`load: FAILED:\n- ${problems.join("\n- ")}`);
    process.exitCode = 1;
  } else console.log("load: passed");
}

main().catch((error: unknown) => {
  console.error(`load: ${(error as Error).stack ?? error}`);
  process.exit(1);
});

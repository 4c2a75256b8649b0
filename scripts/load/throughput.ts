/**
 * The throughput run of `npm run load`, for one deploy path: measure the server's capacity for the
 * mix (closed loop, every connection busy), then offer it a fixed share of that capacity for the
 * run's duration (open loop) and check that it held: the rate, every status, no error, the p99
 * within the budget the capacity run sets, and the memory back near where it started.
 */
import { closedLoop, KeepAliveClient, paced, type RunStats } from "./client";
import { buildMix } from "./mix";
import { cpuSeconds, rssMb, rssPeakSampler, startTarget, stopTarget, type DeployPath } from "./server-process";

export type ThroughputSpec = {
  deploy: DeployPath;
  port: number;
  secret: string;
  connections: number;
  warmupSeconds: number;
  capacitySeconds: number;
  durationSeconds: number;
  /** The share of the capacity offered in the paced run. */
  target: number;
  /** The least share of the capacity the paced run must achieve. */
  minShare: number;
  /** The p99 budget: this many times the p99 of the capacity run. */
  p99Factor: number;
  rssBudgetMb: number;
  settleSeconds: number;
};

export type ThroughputResult = {
  spec: ThroughputSpec;
  capacity: RunStats;
  run: RunStats;
  offeredRate: number;
  p99BudgetMs: number;
  /**
   * RSS in MB: of the fresh process, at the start of the paced run (after the warm-up and the
   * capacity run have grown the heap to its working size), its peak, right after the load, and
   * after settling. The budget is on `end - start`: what the load left behind.
   */
  rss: { fresh: number; start: number; peak: number; afterLoad: number; end: number };
  /** CPU per answered request in µs, and the server's CPU in cores (CPU seconds per second), in each run. */
  cpu: { capacity: CpuFigures; run: CpuFigures };
  problems: string[];
};

export type CpuFigures = { serverUs: number; clientUs: number; serverCores: number };

/** Runs `fn` and says what CPU the server and this process (the client) spent on each answer. */
async function measured<T extends RunStats>(pid: number, fn: () => Promise<T>): Promise<[T, CpuFigures]> {
  const server0 = cpuSeconds(pid);
  const client0 = process.cpuUsage();
  const result = await fn();
  const client = process.cpuUsage(client0);
  const server = cpuSeconds(pid) - server0;
  const n = Math.max(1, result.answered);
  return [result, { serverUs: (server * 1e6) / n, clientUs: (client.user + client.system) / n, serverCores: server / result.seconds }];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every way a run can go wrong, in words, from its figures. Empty when it passed. */
export function runProblems(label: string, stats: RunStats): string[] {
  const problems: string[] = [];
  const errors = Object.entries(stats.errors);
  if (errors.length > 0) problems.push(`${label}: ${errors.map(([code, n]) => `${n} × ${code}`).join(", ")}`);
  const unexpected = Object.entries(stats.unexpected);
  if (unexpected.length > 0) problems.push(`${label}: unexpected status: ${unexpected.map(([what, n]) => `${n} × ${what}`).join("; ")}`);
  if (stats.answered === 0) problems.push(`${label}: no request was answered`);
  return problems;
}

export async function throughput(spec: ThroughputSpec, log: (line: string) => void): Promise<ThroughputResult> {
  const target = await startTarget(spec.deploy, spec.port, spec.secret);
  try {
    const mix = await buildMix(spec.secret);
    await sleep(1000);
    const rssFresh = rssMb(target.pid);
    const sampler = rssPeakSampler(target.pid, rssFresh);
    const client = new KeepAliveClient(target.host, target.port, spec.connections);

    // Warm-up (JIT, Next's lazy route loading) at full pressure, not counted.
    await closedLoop(client, spec.connections, { mix, durationMs: spec.warmupSeconds * 1000 });
    const [capacity, capacityCpu] = await measured(target.pid, () => closedLoop(client, spec.connections, { mix, durationMs: spec.capacitySeconds * 1000 }));
    const offeredRate = capacity.rate * spec.target;
    const p99BudgetMs = capacity.latencyMs.p99 * spec.p99Factor;
    const rssStart = rssMb(target.pid);
    log(
      `capacity: ${Math.round(capacity.rate)} req/s at ${spec.connections} connections (p99 ${capacity.latencyMs.p99.toFixed(1)} ms); offering ${Math.round(offeredRate)} req/s for ${spec.durationSeconds} s`,
    );

    const [run, runCpu] = await measured(target.pid, () => paced(client, spec.connections, offeredRate, { mix, durationMs: spec.durationSeconds * 1000 }));
    client.close();
    sampler.stop();
    const rssAfterLoad = rssMb(target.pid);
    // Let the server go idle: V8 gives memory back as it collects.
    let rssEnd = rssAfterLoad;
    for (let s = 0; s < spec.settleSeconds && rssEnd - rssStart > spec.rssBudgetMb; s++) {
      await sleep(1000);
      rssEnd = rssMb(target.pid);
    }

    const problems = [...runProblems("capacity run", capacity), ...runProblems("paced run", run)];
    if (run.rate < spec.minShare * capacity.rate) {
      problems.push(`achieved ${Math.round(run.rate)} req/s, below ${Math.round(spec.minShare * 100)}% of the capacity ${Math.round(capacity.rate)} req/s`);
    }
    if (!(run.latencyMs.p99 <= p99BudgetMs)) problems.push(`p99 ${run.latencyMs.p99.toFixed(1)} ms over the budget ${p99BudgetMs.toFixed(1)} ms`);
    if (rssEnd - rssStart > spec.rssBudgetMb)
      problems.push(`RSS ended ${(rssEnd - rssStart).toFixed(1)} MB above where it was when the paced run started (budget ${spec.rssBudgetMb} MB)`);
    return {
      spec,
      capacity,
      run,
      offeredRate,
      p99BudgetMs,
      rss: { fresh: rssFresh, start: rssStart, peak: sampler.peak(), afterLoad: rssAfterLoad, end: rssEnd },
      cpu: { capacity: capacityCpu, run: runCpu },
      problems,
    };
  } finally {
    await stopTarget(target);
  }
}

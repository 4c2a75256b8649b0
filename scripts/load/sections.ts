/** The LOAD.md section of each run: its figures as tables, and each check with "held" or "NOT held". */
import type { RunStats } from "./client";
import type { CrashResult } from "./crash";
import type { LeakVerdict, RssSample } from "./leak";
import type { ManyClientsResult } from "./many-clients";
import { contextLine, counts, fixed, int, table, verdict, type RunContext } from "./report";
import { PATH_LABELS } from "./server-process";
import type { CpuFigures, ThroughputResult } from "./throughput";

const signedMb = (mb: number) => `${mb >= 0 ? "+" : ""}${fixed(mb)}`;

const RUN_HEAD = [
  "run",
  "connections",
  "s",
  "requests",
  "req/s",
  "p50 ms",
  "p99 ms",
  "max ms",
  "errors",
  "unexpected status",
  "server CPU µs/request",
  "server CPU cores",
  "client CPU µs/request",
];

function runRow(label: string, connections: number, stats: RunStats, cpu: CpuFigures | null): (string | number)[] {
  const errors = Object.values(stats.errors).reduce((a, b) => a + b, 0);
  const unexpected = Object.values(stats.unexpected).reduce((a, b) => a + b, 0);
  return [
    label,
    connections,
    fixed(stats.seconds, 0),
    int(stats.answered),
    int(stats.rate),
    fixed(stats.latencyMs.p50, 2),
    fixed(stats.latencyMs.p99, 2),
    fixed(stats.latencyMs.max, 2),
    int(errors),
    int(unexpected),
    cpu ? int(cpu.serverUs) : "–",
    cpu ? fixed(cpu.serverCores, 2) : "–",
    cpu ? int(cpu.clientUs) : "–",
  ];
}

export function throughputSection(r: ThroughputResult, context: RunContext): string {
  const { spec, capacity, run, rss } = r;
  const share = run.rate / capacity.rate;
  const rssRise = rss.end - rss.start;
  return [
    contextLine(context),
    "",
    `The mix of scripts/load/mix.ts (${PATH_LABELS[spec.deploy]}, loopback): after ${spec.warmupSeconds} s of warm-up, a closed-loop run measures the capacity ` +
      `(every connection sends its next request when the last is answered), then a paced run offers ${Math.round(spec.target * 100)}% of it for ${spec.durationSeconds} s ` +
      "(open loop: latency counts from when each request was due). Latency percentiles are exact (every request kept).",
    "",
    table(RUN_HEAD, [
      runRow("capacity (closed loop)", spec.connections, capacity, r.cpu.capacity),
      runRow(`paced at ${Math.round(spec.target * 100)}%`, spec.connections, run, r.cpu.run),
    ]),
    "",
    `- **Rate**: ${int(run.rate)} req/s answered in time, ${Math.round(share * 100)}% of the capacity ${int(capacity.rate)} req/s (at least ${Math.round(spec.minShare * 100)}%: ${verdict(share >= spec.minShare)}).`,
    `- **Statuses and errors**: ${counts(run.errors) === "none" && counts(run.unexpected) === "none" ? "every answer had its expected status, no error or timeout" : `errors: ${counts(run.errors)}; unexpected: ${counts(run.unexpected)}`} ` +
      `(${verdict(Object.keys(run.errors).length + Object.keys(run.unexpected).length + Object.keys(capacity.errors).length + Object.keys(capacity.unexpected).length === 0)}); connections opened: ${int(run.connectionsOpened)}.`,
    `- **p99**: ${fixed(run.latencyMs.p99, 2)} ms against a budget of ${fixed(r.p99BudgetMs, 2)} ms (${spec.p99Factor} × the capacity run's p99): ${verdict(run.latencyMs.p99 <= r.p99BudgetMs)}.`,
    `- **Memory (RSS)**: ${fixed(rss.fresh)} MB in the fresh process, ${fixed(rss.start)} MB when the paced run started, ${fixed(rss.peak)} MB at the peak, ${fixed(rss.afterLoad)} MB after the load, ${fixed(rss.end)} MB after settling: ` +
      `${signedMb(rssRise)} MB over the paced run (at most +${spec.rssBudgetMb} MB: ${verdict(rssRise <= spec.rssBudgetMb)}), ${signedMb(rss.end - rss.fresh)} MB over the fresh process.`,
  ].join("\n");
}

export function clientsSection(r: ManyClientsResult, context: RunContext): string {
  const t = r.spec.timeouts;
  const expected = {
    idle: `${fixed(t.keepAliveMs / 1000)} s idle (+ Node's 1 s)`,
    slow: `${fixed(t.headersMs / 1000)} s for the head (checked every ${fixed(t.checkingIntervalMs / 1000)} s)`,
    silent: `${fixed(t.headersMs / 1000)} s for the head (checked every ${fixed(t.checkingIntervalMs / 1000)} s)`,
    "slow-body": `${fixed(t.requestMs / 1000)} s for the request (checked every ${fixed(t.checkingIntervalMs / 1000)} s)`,
  };
  const held = Object.entries(r.held) as [keyof typeof expected, ManyClientsResult["held"]["idle"]][];
  const total = held.reduce((n, [, f]) => n + f.count, 0) + r.spec.counts.active;
  return [
    contextLine(context),
    "",
    `${int(total)} connections at once: ${r.spec.counts.active} active keep-alive connections, each sending a request of the mix about every ${fixed(r.activeEveryS)} s, and ` +
      `${held.map(([kind, f]) => `${f.count} ${kind}`).join(", ")} (idle: one request, then silence; slow: a header line a second, never the end of the head; silent: nothing sent; slow-body: a POST announcing 1,000 bytes, sending one a second). ` +
      `Meanwhile a probe client sends the mix at ${fixed(r.probeRate)} req/s over ${r.spec.probeConnections} connections for ${fixed(r.windowSeconds, 0)} s. ` +
      `Server timeouts expected: headers ${t.headersMs} ms, request ${t.requestMs} ms, keep-alive ${t.keepAliveMs} ms, checked every ${t.checkingIntervalMs} ms.`,
    "",
    table(
      ["connections", "count", "closed by the server", "of them with a 408", "closed after p50 s", "closed after max s", "server's limit"],
      held.map(([kind, f]) => [kind, f.count, f.closed, f.got408, fixed(f.closedAfterS.p50), fixed(f.closedAfterS.max), expected[kind]]),
    ),
    "",
    table(RUN_HEAD, [runRow("probe (paced)", r.spec.probeConnections, r.probe, null)]),
    "",
    `- **Probe p99**: ${fixed(r.probe.latencyMs.p99, 2)} ms against a budget of ${fixed(r.p99BudgetMs, 2)} ms (${r.spec.p99Factor} × the p99 of a 5 s capacity run at 64 connections, ${int(r.capacityRate)} req/s): ${verdict(r.probe.latencyMs.p99 <= r.p99BudgetMs)}; ` +
      `errors: ${counts(r.probe.errors)}; unexpected: ${counts(r.probe.unexpected)}.`,
    `- **Active connections**: ${int(r.active.answered)} answered as expected, ${r.active.failed} failed, ${r.active.unexpected} unexpected, ${r.active.reconnected} closed under them (${verdict(r.active.failed + r.active.unexpected + r.active.reconnected === 0)}).`,
    `- **Held connections closed by the server's timeouts**: ${verdict(held.every(([, f]) => f.closed === f.count))}.`,
    `- **Memory (RSS)**: ${fixed(r.rss.before)} MB before, ${fixed(r.rss.peak)} MB at the peak, ${fixed(r.rss.after)} MB at the end.`,
  ].join("\n");
}

export function crashSection(r: CrashResult, context: RunContext): string {
  return [
    contextLine(context),
    "",
    `The mix paced at ${r.spec.rate} req/s over ${r.spec.connections} connections for ${r.spec.durationSeconds} s (5 s per-request timeout); the server killed with SIGKILL at ${r.spec.killAtSeconds} s ` +
      `and started again on the same port ${r.spec.downSeconds} s later. Then every session cookie it issued before the crash (the weak app's apart: it never reads its cookie) is sent back to the new process's JSON view.`,
    "",
    table(
      [
        "killed at s",
        "answering again at s",
        "first answer after the crash at s",
        "failed while down",
        "failed after",
        "unexpected status",
        "cookies issued before",
        "loaded after",
      ],
      [
        [
          fixed(r.killedAt),
          fixed(r.backAt),
          fixed(r.firstAnswerAfter),
          `${int(r.failedWhileDown)} (${counts(r.run.errors)})`,
          int(r.failedAfterBack),
          counts(r.run.unexpected),
          int(r.cookiesIssued),
          int(r.cookiesLoaded),
        ],
      ],
      0,
    ),
    "",
    `- **Clients saw the gap**: ${verdict(r.failedWhileDown > 0)}; **normal answers after it**: ${verdict(r.failedAfterBack === 0 && Object.keys(r.run.unexpected).length === 0 && Number.isFinite(r.firstAnswerAfter))}; ` +
      `**every cookie issued before the crash loads after it**: ${verdict(r.cookiesIssued > 0 && r.cookiesLoaded === r.cookiesIssued)}.`,
  ].join("\n");
}

export type SoakFigures = {
  deploy: "lean" | "next";
  capacity: number;
  share: number;
  minutes: number;
  run: RunStats;
  series: RssSample[];
  leak: LeakVerdict;
  limits: { maxMbPerHour: number; minR2: number; minRiseMb: number };
};

export function soakSection(s: SoakFigures, context: RunContext): string {
  const byMinute = s.series.filter((p, i) => i === 0 || Math.floor(p.seconds / 60) > Math.floor(s.series[i - 1].seconds / 60));
  return [
    contextLine(context),
    "",
    `${PATH_LABELS[s.deploy]} offered ${Math.round(s.share * 100)}% of its measured capacity (${int(s.capacity)} req/s, closed loop, 64 connections) for ${s.minutes} min, paced over 64 connections; ` +
      `RSS read every ${s.series.length > 1 ? fixed(s.series[1].seconds - s.series[0].seconds, 0) : "–"} s. Leak test: a line fitted to the second half's RSS; a leak is a slope ≥ ${s.limits.maxMbPerHour} MB/hour with R² ≥ ${s.limits.minR2} and a fitted rise ≥ ${s.limits.minRiseMb} MB.`,
    "",
    table(RUN_HEAD, [runRow("paced", 64, s.run, null)]),
    "",
    table(
      ["RSS MB at the start", "at the end", "fitted from s", "to s", "samples", "slope MB/hour", "R²", "fitted rise MB", "leak"],
      [
        [
          fixed(s.series[0]?.mb ?? NaN),
          fixed(s.series[s.series.length - 1]?.mb ?? NaN),
          fixed(s.leak.from, 0),
          fixed(s.leak.to, 0),
          s.leak.samples,
          fixed(s.leak.slopeMbPerHour),
          fixed(s.leak.r2, 2),
          fixed(s.leak.riseMb),
          s.leak.leak ? "yes" : "no",
        ],
      ],
      0,
    ),
    "",
    `RSS at each minute (MB): ${byMinute.map((p) => fixed(p.mb)).join(", ")}.`,
    "",
    `- **No leak**: ${verdict(!s.leak.leak)}; **statuses and errors**: ${verdict(Object.keys(s.run.errors).length + Object.keys(s.run.unexpected).length === 0)} (errors: ${counts(s.run.errors)}; unexpected: ${counts(s.run.unexpected)}).`,
  ].join("\n");
}

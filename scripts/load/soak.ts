/**
 * `npm run soak`: the mix at half the server's measured capacity for 10 minutes (a script, not a
 * test in CI), the server's RSS read every few seconds, failing on a leak (scripts/load/leak.ts:
 * a steady climb over the second half, not the garbage collector's noise) or on any error or
 * unexpected status. Writes its section of LOAD.md.
 *
 *   npm run build && npm run soak -- [--minutes 10] [--every 5] [--share 0.5] [--next] [--port N]
 */
import { closedLoop, KeepAliveClient, paced } from "./client";
import { DEFAULT_LEAK_LIMITS, detectLeak, type RssSample } from "./leak";
import { buildMix } from "./mix";
import { parseFlags } from "./options";
import { runContext, writeSection } from "./report";
import { soakSection } from "./sections";
import { freePort, loadAverage, PATH_LABELS, rssMb, startTarget, stopTarget } from "./server-process";
import { runProblems } from "./throughput";

const FLAGS = {
  minutes: { default: 10, help: "minutes of load" },
  every: { default: 5, help: "seconds between RSS readings" },
  share: { default: 0.5, help: "share of the measured capacity offered" },
  connections: { default: 64, help: "connections of the load client" },
  next: { default: false, help: "soak next start instead of npm start" },
  port: { default: 0, help: "port for the server (0: a free one)" },
  "max-mb-per-hour": { default: DEFAULT_LEAK_LIMITS.maxMbPerHour, help: "slope from which a steady climb is a leak" },
  "min-r2": { default: DEFAULT_LEAK_LIMITS.minR2, help: "R² from which a climb is steady" },
  "min-rise": { default: DEFAULT_LEAK_LIMITS.minRiseMb, help: "MB the fitted line must rise over the window" },
  "no-write": { default: false, help: "do not update LOAD.md" },
} as const;

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  if ("help" in flags) {
    console.log(`npm run soak -- [flags]\n${flags.help}`);
    return;
  }
  if ("error" in flags) {
    console.error(`soak: ${flags.error}`);
    process.exit(2);
  }
  const context = runContext("soak");
  const log = (line: string) => console.error(`[soak] ${line}`);
  const deploy = flags.next ? "next" : "lean";
  const secret = process.env.DEMO_SECRET_KEY || "SomeRandomKey";
  const target = await startTarget(deploy, flags.port || (await freePort()), secret);
  try {
    const mix = await buildMix(secret);
    const client = new KeepAliveClient(target.host, target.port, flags.connections);
    await closedLoop(client, flags.connections, { mix, durationMs: 3000 });
    const capacity = await closedLoop(client, flags.connections, { mix, durationMs: 10_000 });
    const rate = capacity.rate * flags.share;
    log(
      `${PATH_LABELS[deploy]}: capacity ${Math.round(capacity.rate)} req/s; offering ${Math.round(rate)} req/s for ${flags.minutes} min (load average ${loadAverage()})`,
    );

    const series: RssSample[] = [];
    const started = performance.now();
    const sample = () => series.push({ seconds: (performance.now() - started) / 1000, mb: rssMb(target.pid) });
    sample();
    const sampler = setInterval(sample, flags.every * 1000);
    const progress = setInterval(
      () => log(`${((performance.now() - started) / 60_000).toFixed(1)} min, RSS ${series[series.length - 1].mb.toFixed(1)} MB`),
      60_000,
    );
    const run = await paced(client, flags.connections, rate, { mix, durationMs: flags.minutes * 60_000 });
    clearInterval(sampler);
    clearInterval(progress);
    sample();
    client.close();

    const limits = { maxMbPerHour: flags["max-mb-per-hour"], minR2: flags["min-r2"], minRiseMb: flags["min-rise"] };
    const leak = detectLeak(series, limits);
    const figures = { deploy, capacity: capacity.rate, share: flags.share, minutes: flags.minutes, run, series, leak, limits } as const;
    console.log(
      JSON.stringify({
        path: PATH_LABELS[deploy],
        capacityRps: Math.round(capacity.rate),
        offeredRps: Math.round(rate),
        achievedRps: Math.round(run.rate),
        requests: run.answered,
        latencyMs: { p50: +run.latencyMs.p50.toFixed(2), p99: +run.latencyMs.p99.toFixed(2), max: +run.latencyMs.max.toFixed(2) },
        errors: run.errors,
        unexpected: run.unexpected,
        rssMb: { start: +series[0].mb.toFixed(1), end: +series[series.length - 1].mb.toFixed(1), samples: series.length },
        leak: { slopeMbPerHour: +leak.slopeMbPerHour.toFixed(1), r2: +leak.r2.toFixed(3), riseMb: +leak.riseMb.toFixed(1), leak: leak.leak },
        loadAverage: loadAverage(),
      }),
    );
    if (!flags["no-write"]) writeSection("soak", soakSection(figures, context));

    const problems = [...runProblems("soak", run), ...runProblems("capacity run", capacity)];
    if (leak.leak)
      problems.push(
        `RSS climbs ${leak.slopeMbPerHour.toFixed(1)} MB/hour over the second half (R² ${leak.r2.toFixed(2)}, +${leak.riseMb.toFixed(1)} MB): a leak`,
      );
    if (problems.length > 0) {
      console.error(`soak: FAILED:\n- ${problems.join("\n- ")}`);
      process.exitCode = 1;
    } else console.log("soak: passed");
  } finally {
    await stopTarget(target);
  }
}

main().catch((error: unknown) => {
  console.error(`soak: ${(error as Error).stack ?? error}`);
  process.exit(1);
});

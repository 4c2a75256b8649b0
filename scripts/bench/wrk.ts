/**
 * One load run with wrk (C, one thread, keep-alive): fixed concurrency for a fixed time, pinned to
 * the load generator's CPUs. wrk reports latency percentiles to the microsecond (autocannon rounds
 * to whole milliseconds, too coarse for sub-millisecond medians).
 */
import { pinned, run } from "./proc";

export type LoadSpec = { url: string; headers: Record<string, string>; connections: number; seconds: number; cpus: string | null };
export type LoadResult = { rps: number; p50Ms: number; p99Ms: number; requests: number; bad: number };

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function durationMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) throw new Error(`wrk: cannot read the duration ${JSON.stringify(text)}`);
  return Number(match[1]) * UNIT_MS[match[2]];
}

/** Reads wrk's `--latency` report. Exported for its unit test. */
export function parseWrk(output: string): LoadResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const p50 = /^\s+50%\s+(\S+)/m.exec(output);
  const p99 = /^\s+99%\s+(\S+)/m.exec(output);
  const total = /(\d+) requests in/.exec(output);
  if (!rps || !p50 || !p99 || !total) throw new Error(`wrk: unexpected output:\n${output}`);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  // A connection the server closes after its response (gunicorn's sync worker) counts as a read error in wrk; it is not a failure.
  const failures = (non2xx ? Number(non2xx[1]) : 0) + (socket ? Number(socket[1]) + Number(socket[3]) + Number(socket[4]) : 0);
  return { rps: Number(rps[1]), p50Ms: durationMs(p50[1]), p99Ms: durationMs(p99[1]), requests: Number(total[1]), bad: failures };
}

export async function runWrk(spec: LoadSpec): Promise<LoadResult> {
  const headerArgs = Object.entries(spec.headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  const command = pinned(spec.cpus, ["wrk", "-t1", `-c${spec.connections}`, `-d${spec.seconds}s`, "--latency", "--timeout", "10s", ...headerArgs, spec.url]);
  const result = await run(command, { timeoutMs: (spec.seconds + 30) * 1000 });
  if (result.status !== 0) throw new Error(`wrk failed (${result.status}): ${result.stderr || result.stdout}`);
  return parseWrk(result.stdout);
}

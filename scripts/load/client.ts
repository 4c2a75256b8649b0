/**
 * The load client: keep-alive HTTP/1.1 on node:http's own client (which knows a HEAD answer has no
 * body whatever its Content-Length says), over a fixed pool of connections used in turn (FIFO, so
 * none sits idle long enough for the server's keep-alive timeout to close it under a client still
 * sending). Two ways to drive it:
 * - `closedLoop`: every connection sends its next request as soon as the last is answered: the
 *   most the server answers at that concurrency (its capacity for the mix);
 * - `paced`: requests are due at a fixed rate whatever the server does (open loop); a request that
 *   finds every connection busy waits in the client, and its latency counts from when it was due,
 *   so a server that falls behind shows it in the percentiles (no coordinated omission).
 */
import { Agent, request } from "node:http";
import type { Socket } from "node:net";
import type { MixRequest } from "./mix";
import { summarize, type LatencySummary } from "./stats";

type Answer = { status: number; setCookie: string[]; body: string | null };
export type Failure = { error: string };
export type Result = Answer | Failure;

export const isFailure = (r: Result): r is Failure => "error" in r;

export class KeepAliveClient {
  private readonly agent: Agent;
  private readonly seen = new WeakSet<Socket>();
  /** Connections opened so far: the pool's size when the server never closed one. */
  opened = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    connections: number,
    private readonly timeoutMs = 10_000,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections, scheduling: "fifo" });
  }

  /** One request; never rejects: a connection error or a timeout comes back as a Failure with its code. */
  send(r: MixRequest, keepBody = false): Promise<Result> {
    return new Promise((resolve) => {
      const bodyless = r.method === "POST" || r.method === "DELETE" ? { ...r.headers, "content-length": "0" } : r.headers;
      const req = request({ agent: this.agent, host: this.host, port: this.port, method: r.method, path: r.path, headers: bodyless }, (res) => {
        const chunks: Buffer[] | null = keepBody ? [] : null;
        if (chunks) res.on("data", (chunk: Buffer) => chunks.push(chunk));
        else res.resume();
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, setCookie: res.headers["set-cookie"] ?? [], body: chunks ? Buffer.concat(chunks).toString() : null }),
        );
        res.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      });
      req.on("socket", (socket: Socket) => {
        if (this.seen.has(socket)) return;
        this.seen.add(socket);
        this.opened++;
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
      req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** What one run saw. `unexpected` and `errors` are counts by what happened. */
export type RunStats = {
  seconds: number;
  /** Requests answered (any status). */
  answered: number;
  /** Answers per second over the run. */
  rate: number;
  errors: Record<string, number>;
  /** "case: got S, expected E" → count. */
  unexpected: Record<string, number>;
  latencyMs: LatencySummary;
  connectionsOpened: number;
  /** Per second of the run: answers as expected, failures, answers with another status. */
  timeline: { ok: number; failed: number; unexpected: number }[];
};

/** Called for every request that finished, with the ms since the run started when it was due and when it ended. */
type OnResult = (request: MixRequest, result: Result, dueMs: number, doneMs: number) => void;

class Recorder {
  private readonly latencies: number[] = [];
  readonly errors: Record<string, number> = {};
  readonly unexpected: Record<string, number> = {};
  readonly timeline: RunStats["timeline"] = [];
  answered = 0;
  readonly start = performance.now();

  record(r: MixRequest, result: Result, dueMs: number, doneMs: number): void {
    const second = Math.floor(doneMs / 1000);
    while (this.timeline.length <= second) this.timeline.push({ ok: 0, failed: 0, unexpected: 0 });
    const slot = this.timeline[second];
    if (isFailure(result)) {
      this.errors[result.error] = (this.errors[result.error] ?? 0) + 1;
      slot.failed++;
      return;
    }
    this.answered++;
    this.latencies.push(doneMs - dueMs);
    if (result.status === r.expected) slot.ok++;
    else {
      const key = `${r.name}: got ${result.status}, expected ${r.expected}`;
      this.unexpected[key] = (this.unexpected[key] ?? 0) + 1;
      slot.unexpected++;
    }
  }

  now(): number {
    return performance.now() - this.start;
  }

  finish(client: KeepAliveClient, seconds: number): RunStats {
    return {
      seconds,
      answered: this.answered,
      rate: this.answered / seconds,
      errors: this.errors,
      unexpected: this.unexpected,
      latencyMs: summarize(this.latencies),
      connectionsOpened: client.opened,
      timeline: this.timeline,
    };
  }
}

export type RunSpec = { mix: readonly MixRequest[]; durationMs: number; keepBody?: boolean; onResult?: OnResult };

/** `connections` requests in flight at all times for `durationMs`; the rate is what the server gave. */
export async function closedLoop(client: KeepAliveClient, connections: number, spec: RunSpec): Promise<RunStats> {
  const rec = new Recorder();
  let next = 0;
  const worker = async () => {
    while (rec.now() < spec.durationMs) {
      const r = spec.mix[next++ % spec.mix.length];
      const due = rec.now();
      const result = await client.send(r, spec.keepBody);
      const done = rec.now();
      rec.record(r, result, due, done);
      spec.onResult?.(r, result, due, done);
      // A refused connection fails at once: pause rather than spin while the server is away.
      if (isFailure(result)) await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return rec.finish(client, rec.now() / 1000);
}

/**
 * Requests due at `rate` per second for `durationMs`, at most `connections` in flight; the run ends
 * when the last one due has been answered. The rate achieved counts the answers within the run's
 * scheduled time only, so a server that falls behind cannot make up for it after the end.
 */
export async function paced(client: KeepAliveClient, connections: number, rate: number, spec: RunSpec): Promise<RunStats & { onTime: number }> {
  const rec = new Recorder();
  const interval = 1000 / rate;
  const total = Math.floor((spec.durationMs / 1000) * rate);
  const backlog: number[] = [];
  let backlogHead = 0;
  let issued = 0;
  let inFlight = 0;
  let finished = 0;
  let onTime = 0;
  return new Promise((resolve) => {
    const dispatch = (index: number) => {
      inFlight++;
      const r = spec.mix[index % spec.mix.length];
      const due = index * interval;
      void client.send(r, spec.keepBody).then((result) => {
        const done = rec.now();
        rec.record(r, result, due, done);
        spec.onResult?.(r, result, due, done);
        if (done <= spec.durationMs && !isFailure(result)) onTime++;
        inFlight--;
        finished++;
        if (backlogHead < backlog.length) dispatch(backlog[backlogHead++]);
        else if (finished === total) {
          const seconds = spec.durationMs / 1000;
          resolve({ ...rec.finish(client, seconds), rate: onTime / seconds, onTime });
        }
      });
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(rec.now() / interval) + 1);
      while (issued < due) {
        if (inFlight < connections) dispatch(issued);
        else backlog.push(issued);
        issued++;
      }
      if (issued < total) setTimeout(tick, 1);
    };
    if (total === 0) resolve({ ...rec.finish(client, spec.durationMs / 1000), onTime: 0 });
    else tick();
  });
}

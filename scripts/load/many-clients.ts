/**
 * Many clients at once: 1,000 connections held open against the server, of four kinds, while
 * another client (the probe) sends the mix at a steady rate and must be answered within the p99
 * budget (as in the throughput run: the capacity run's p99 times the factor):
 * - active: keep-alive connections that each send a request every couple of seconds, and must stay
 *   open and be answered correctly throughout;
 * - idle: one request answered, then silence: the server's keep-alive timeout must close them;
 * - slow headers (slowloris): a request line, then one header line every second, never the blank
 *   line that ends the head: the server's headers timeout must close them;
 * - silent: connected, nothing sent: the headers timeout covers them too (Node starts it at
 *   the connection);
 * - slow body: a whole head announcing a 1,000-byte body, then one byte a second: the server's
 *   request timeout must close them (the demo API reads a POST's body before it answers).
 * Raw sockets (node:net) for the last three, since what they send is not a well-formed request.
 */
import { Agent, request } from "node:http";
import { connect, type Socket } from "node:net";
import { closedLoop, KeepAliveClient, paced, type RunStats } from "./client";
import { buildMix, type MixRequest } from "./mix";
import { rssMb, rssPeakSampler, startTarget, stopTarget, type DeployPath } from "./server-process";
import { summarize, type LatencySummary } from "./stats";
import { runProblems } from "./throughput";

export type ServerTimeouts = { headersMs: number; requestMs: number; keepAliveMs: number; checkingIntervalMs: number };
type HeldKind = "idle" | "slow" | "silent" | "slow-body";
export type ManyClientsSpec = {
  deploy: DeployPath;
  port: number;
  secret: string;
  counts: { active: number } & Record<HeldKind, number>;
  probeRate: number;
  probeConnections: number;
  p99Factor: number;
  /** What the server is configured with: the window the closes are awaited in is derived from them. */
  timeouts: ServerTimeouts;
};

type Held = { kind: HeldKind; openedAt: number; connected: boolean; closedAt: number | null; got408: boolean };
type KindFigures = { count: number; closed: number; got408: number; closedAfterS: LatencySummary };
export type ManyClientsResult = {
  spec: ManyClientsSpec;
  windowSeconds: number;
  capacityRate: number;
  p99BudgetMs: number;
  probe: RunStats;
  probeRate: number;
  activeEveryS: number;
  active: { answered: number; failed: number; unexpected: number; reconnected: number };
  held: Record<HeldKind, KindFigures>;
  rss: { before: number; peak: number; after: number };
  problems: string[];
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The load the active connections and the probe add, each at most a quarter of the measured
 * capacity, so that together they stay under half of it: the test is about what the held
 * connections cost the server, not an overload. The active connections send no less often than
 * every 2 s, and always within half the keep-alive timeout (they must never be idle long enough to
 * be closed). Returns the interval of each active connection and the probe's rate.
 */
export function backgroundLoad(capacity: number, active: number, probeRate: number, keepAliveMs: number): { everyMs: number; probeRate: number } {
  const quarter = capacity / 4;
  const everyMs = Math.min(keepAliveMs / 2, Math.max(2000, (1000 * active) / quarter));
  return { everyMs, probeRate: Math.min(probeRate, quarter) };
}

/**
 * How long to wait for the server to close every held connection: Node checks the headers and
 * request timeouts every `checkingIntervalMs`, so a slow head is closed between `headersMs` and
 * `headersMs + checkingIntervalMs` after it connected; an idle keep-alive connection within a
 * second past `keepAliveMs` (Node adds that second so the client's own timer, read from the
 * Keep-Alive header, fires first); a slow body within `requestMs + checkingIntervalMs`. Plus
 * `slackMs` for a busy machine.
 */
export function closeWindowMs(t: ServerTimeouts, slackMs = 10_000): number {
  return Math.max(t.headersMs + t.checkingIntervalMs, t.requestMs + t.checkingIntervalMs, t.keepAliveMs + 1000) + slackMs;
}

/** Every held socket, destroyed at the end of the test whatever happened. */
const holders: Socket[] = [];

function hold(kind: HeldKind, host: string, port: number, t0: number, firstRequest: string): Held {
  const held: Held = { kind, openedAt: performance.now() - t0, connected: false, closedAt: null, got408: false };
  const socket: Socket = connect(port, host);
  let timer: NodeJS.Timeout | undefined;
  socket.on("connect", () => {
    held.connected = true;
    if (kind === "idle") socket.write(firstRequest);
    if (kind === "slow") {
      socket.write("GET /api/flask/persistent/ HTTP/1.1\r\nHost: localhost\r\n");
      let n = 0;
      timer = setInterval(() => socket.write(`X-Slow-${n++}: still sending\r\n`), 1000);
    }
    if (kind === "slow-body") {
      socket.write("POST /api/flask/persistent/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n");
      timer = setInterval(() => socket.write("x"), 1000);
    }
  });
  let head = "";
  socket.on("data", (chunk: Buffer) => {
    if (head.length < 64) head += chunk.toString("latin1");
    if (head.startsWith("HTTP/1.1 408")) held.got408 = true;
  });
  // A slow client writing after the server closed gets EPIPE or ECONNRESET: the close is what counts.
  socket.on("error", () => undefined);
  socket.on("close", () => {
    clearInterval(timer);
    held.closedAt = performance.now() - t0;
  });
  holders.push(socket);
  return held;
}

/** One keep-alive connection (its own agent, one socket) sending a request every `everyMs`. */
async function activeConnection(
  host: string,
  port: number,
  mix: readonly MixRequest[],
  offset: number,
  everyMs: number,
  until: () => boolean,
  tally: ManyClientsResult["active"],
) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let sockets = 0;
  const seen = new WeakSet<object>();
  for (let i = offset; !until(); i++) {
    const r = mix[i % mix.length];
    const status = await new Promise<number | string>((resolve) => {
      const headers = r.method === "POST" || r.method === "DELETE" ? { ...r.headers, "content-length": "0" } : r.headers;
      const req = request({ agent, host, port, method: r.method, path: r.path, headers }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("socket", (s) => {
        if (!seen.has(s)) sockets++;
        seen.add(s);
      });
      req.setTimeout(10_000, () => req.destroy(new Error("TIMEOUT")));
      req.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      req.end();
    });
    if (typeof status === "string") tally.failed++;
    else if (status !== r.expected) tally.unexpected++;
    else tally.answered++;
    await sleep(everyMs * (0.75 + Math.random() / 2));
  }
  tally.reconnected += Math.max(0, sockets - 1);
  agent.destroy();
}

export async function manyClients(spec: ManyClientsSpec, log: (line: string) => void): Promise<ManyClientsResult> {
  const target = await startTarget(spec.deploy, spec.port, spec.secret);
  const t0 = performance.now();
  try {
    const mix = await buildMix(spec.secret);
    // The budget, measured as the throughput run measures it.
    const load = new KeepAliveClient(target.host, target.port, 64);
    await closedLoop(load, 64, { mix, durationMs: 2000 });
    const capacity = await closedLoop(load, 64, { mix, durationMs: 5000 });
    load.close();
    const p99BudgetMs = capacity.latencyMs.p99 * spec.p99Factor;
    await sleep(1000);
    const rssBefore = rssMb(target.pid);
    const sampler = rssPeakSampler(target.pid, rssBefore);

    const windowMs = closeWindowMs(spec.timeouts);
    const held: Held[] = [];
    const idleRequest = "GET /api/flask/weak/ HTTP/1.1\r\nHost: localhost\r\n\r\n";
    const kinds: HeldKind[] = ["idle", "slow", "silent", "slow-body"];
    // Interleaved and in batches, so the listen backlog never overflows and each kind spans the ramp.
    const order: HeldKind[] = [];
    for (let i = 0; order.length < kinds.reduce((n, k) => n + spec.counts[k], 0); i++) for (const kind of kinds) if (i < spec.counts[kind]) order.push(kind);
    for (let i = 0; i < order.length; i += 100) {
      for (const kind of order.slice(i, i + 100)) held.push(hold(kind, target.host, target.port, t0, idleRequest));
      await sleep(50);
    }
    const rampEnd = performance.now();
    log(
      `holding ${held.length} connections (${kinds.map((k) => `${spec.counts[k]} ${k}`).join(", ")}) and ${spec.counts.active} active ones; watching for ${(windowMs / 1000).toFixed(0)} s`,
    );

    const tally = { answered: 0, failed: 0, unexpected: 0, reconnected: 0 };
    const stopActive = () => performance.now() - rampEnd > windowMs;
    const { everyMs, probeRate } = backgroundLoad(capacity.rate, spec.counts.active, spec.probeRate, spec.timeouts.keepAliveMs);
    const actives = Array.from({ length: spec.counts.active }, (_, i) => activeConnection(target.host, target.port, mix, i, everyMs, stopActive, tally));
    const probeClient = new KeepAliveClient(target.host, target.port, spec.probeConnections);
    const probe = await paced(probeClient, spec.probeConnections, probeRate, { mix, durationMs: windowMs });
    probeClient.close();
    await Promise.all(actives);
    sampler.stop();
    const rssAfter = rssMb(target.pid);

    const figures = Object.fromEntries(
      kinds.map((kind) => {
        const mine = held.filter((h) => h.kind === kind);
        const closed = mine.filter((h) => h.closedAt !== null);
        return [
          kind,
          {
            count: mine.length,
            closed: closed.length,
            got408: mine.filter((h) => h.got408).length,
            closedAfterS: summarize(closed.map((h) => ((h.closedAt as number) - h.openedAt) / 1000)),
          },
        ];
      }),
    ) as Record<HeldKind, KindFigures>;
    for (const socket of holders.splice(0)) socket.destroy();

    const problems = runProblems("probe", probe);
    if (!(probe.latencyMs.p99 <= p99BudgetMs)) problems.push(`probe p99 ${probe.latencyMs.p99.toFixed(1)} ms over the budget ${p99BudgetMs.toFixed(1)} ms`);
    if (tally.failed + tally.unexpected > 0) problems.push(`active connections: ${tally.failed} failed, ${tally.unexpected} unexpected statuses`);
    if (tally.reconnected > 0) problems.push(`active connections: ${tally.reconnected} were closed under a client still sending`);
    for (const kind of kinds) {
      const f = figures[kind];
      if (f.closed < f.count) problems.push(`${f.count - f.closed} of ${f.count} ${kind} connections were still open after ${(windowMs / 1000).toFixed(0)} s`);
    }
    const refused = held.filter((h) => !h.connected).length;
    if (refused > 0) problems.push(`${refused} of ${held.length} connections could not be opened`);
    return {
      spec,
      windowSeconds: windowMs / 1000,
      capacityRate: capacity.rate,
      p99BudgetMs,
      probe,
      probeRate,
      activeEveryS: everyMs / 1000,
      active: tally,
      held: figures,
      rss: { before: rssBefore, peak: sampler.peak(), after: rssAfter },
      problems,
    };
  } finally {
    for (const socket of holders.splice(0)) socket.destroy();
    await stopTarget(target);
  }
}

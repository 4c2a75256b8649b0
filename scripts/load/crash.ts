/**
 * A crash under load: the mix at a steady rate, the server killed with SIGKILL partway (no shutdown
 * handler runs), started again on the same port after a pause, the load never stopping. Passes when
 * clients saw connection errors while it was down (the crash was real), normal answers once it was
 * back (no error after the first good answer, every status as expected), and every session cookie
 * the server issued before the crash loads after it: the server keeps no state, so a restart (or
 * another instance) reads any cookie signed with the same key.
 */
import { isFailure, KeepAliveClient, paced, type Result, type RunStats } from "./client";
import { buildMix, type MixRequest } from "./mix";
import { runProblems } from "./throughput";
import { killTarget, startTarget, stopTarget, type DeployPath, type Target } from "./server-process";

export type CrashSpec = {
  deploy: DeployPath;
  port: number;
  secret: string;
  rate: number;
  connections: number;
  durationSeconds: number;
  killAtSeconds: number;
  downSeconds: number;
};

export type CrashResult = {
  spec: CrashSpec;
  run: RunStats;
  /** Seconds from the start of the run. */
  killedAt: number;
  backAt: number;
  firstAnswerAfter: number;
  failedWhileDown: number;
  failedAfterBack: number;
  cookiesIssued: number;
  cookiesLoaded: number;
  problems: string[];
};

/** The `session` value a Set-Cookie sets, or null for a deletion (empty value) or another cookie. */
export function issuedSession(setCookie: string): string | null {
  const match = /^session=([^;]*)/.exec(setCookie);
  return match && match[1] !== "" ? match[1] : null;
}

/** The request that reads `cookie` back on the issuing request's app and rule set, as the JSON view. */
export function readBack(issuer: MixRequest, cookie: string): MixRequest {
  const url = new URL(issuer.path, "http://load.invalid");
  url.searchParams.set("view", "json");
  url.searchParams.delete("action");
  return { name: `read back (${issuer.name})`, method: "GET", path: url.pathname + url.search, headers: { cookie: `session=${cookie}` }, expected: 200 };
}

/** Whether the JSON view says the session was loaded from the cookie: a non-empty session before the view ran. */
export function loadedFromCookie(body: string | null): boolean {
  try {
    const view = JSON.parse(body ?? "") as { session?: { before?: { json?: string | null } | null } };
    const json = view.session?.before?.json;
    return typeof json === "string" && json !== "{}";
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function crash(spec: CrashSpec, log: (line: string) => void): Promise<CrashResult> {
  const mix = await buildMix(spec.secret);
  let target: Target = await startTarget(spec.deploy, spec.port, spec.secret);
  const client = new KeepAliveClient(target.host, target.port, spec.connections, 5_000);
  const issued = new Map<string, MixRequest>();
  const times = { killedAt: NaN, backAt: NaN, firstAnswerAfter: NaN };
  let failedWhileDown = 0;
  let failedAfterBack = 0;
  const started = performance.now();
  const now = () => (performance.now() - started) / 1000;
  try {
    const onResult = (request: MixRequest, result: Result, _due: number, doneMs: number) => {
      const done = doneMs / 1000;
      if (isFailure(result)) {
        if (Number.isNaN(times.firstAnswerAfter)) failedWhileDown++;
        else failedAfterBack++;
        return;
      }
      if (Number.isNaN(times.killedAt)) {
        // The weak app never reads its cookie (by design), so only the others' cookies can load.
        if (request.path.startsWith("/api/flask/weak/")) return;
        for (const header of result.setCookie) {
          const value = issuedSession(header);
          if (value !== null && !issued.has(value)) issued.set(value, request);
        }
      } else if (done > times.killedAt && Number.isNaN(times.firstAnswerAfter)) {
        // SIGKILL has been seen to end the old process before killedAt was set: this answer is the new one's.
        times.firstAnswerAfter = done;
      }
    };
    const load = paced(client, spec.connections, spec.rate, { mix, durationMs: spec.durationSeconds * 1000, onResult });
    await sleep(spec.killAtSeconds * 1000);
    await killTarget(target);
    times.killedAt = now();
    log(`killed the server (SIGKILL) at ${times.killedAt.toFixed(1)} s; ${issued.size} session cookies issued before`);
    await sleep(spec.downSeconds * 1000);
    target = await startTarget(spec.deploy, spec.port, spec.secret);
    times.backAt = now();
    log(`started again, answering at ${times.backAt.toFixed(1)} s`);
    const run = await load;
    client.close();

    // Every cookie issued before the crash, read back from the new process.
    const reader = new KeepAliveClient(target.host, target.port, 4, 10_000);
    let loaded = 0;
    const notLoaded: string[] = [];
    for (const [cookie, issuer] of issued) {
      const answer = await reader.send(readBack(issuer, cookie), true);
      if (!isFailure(answer) && answer.status === 200 && loadedFromCookie(answer.body)) loaded++;
      else if (notLoaded.length < 5) notLoaded.push(`${issuer.name}: ${isFailure(answer) ? answer.error : answer.status}`);
    }
    reader.close();

    // Connection errors are the crash's; any other problem (an unexpected status) is not.
    const problems = runProblems("crash run", { ...run, errors: {} });
    if (failedWhileDown === 0) problems.push("no client saw the server go away: the crash did not happen under load");
    if (Number.isNaN(times.firstAnswerAfter)) problems.push("no request was answered after the restart");
    if (failedAfterBack > 0) problems.push(`${failedAfterBack} requests failed after the server answered again`);
    if (issued.size === 0) problems.push("no session cookie was issued before the crash");
    if (loaded < issued.size)
      problems.push(`${issued.size - loaded} of ${issued.size} cookies issued before the crash did not load after it (${notLoaded.join("; ")})`);
    return { spec, run, ...times, failedWhileDown, failedAfterBack, cookiesIssued: issued.size, cookiesLoaded: loaded, problems };
  } finally {
    await stopTarget(target);
  }
}

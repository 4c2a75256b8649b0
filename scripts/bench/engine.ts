/**
 * Engine micro-benchmarks for `npm run bench`: the session cookie's sign (tagged JSON, zlib when it
 * pays, HMAC-SHA1) and verify+load (HMAC check, base64, inflate, tagged JSON) for sessions of about
 * 100 B, 1 KB and 4 KB of JSON, and the HMAC steps alone, to show where the cost grows with size.
 * Twice: on the Web-standard path (Web Crypto, CompressionStream: the browser, the Edge runtime and
 * the route handlers) and on the platform path `npm start` switches to (node:crypto, node:zlib).
 *
 *   tsx scripts/bench/engine.ts [--json]
 */
import { decodeSessionCookie, encodeSessionCookie } from "../../lib/flask-session/cookie";
import { py, type PyDict } from "../../lib/flask-session/py-value";
import { setPlatformDeflate } from "../../lib/flask-session/payload";
import { setPlatformHmac, signToken, verifyToken } from "../../lib/flask-session/signer";
import { createHmac } from "node:crypto";
import { deflateSync } from "node:zlib";
import { dumpsTagged } from "../../lib/flask-session/tagged-json";

const SECRET = "SomeRandomKey";
const TIMESTAMP = 1_700_000_000;
export const SIZES = [100, 1024, 4096] as const;

export type EnginePath = "web" | "node";

export type EngineRow = {
  path: EnginePath;
  targetBytes: number;
  jsonBytes: number;
  cookieBytes: number;
  compressed: boolean;
  signUs: number;
  verifyLoadUs: number;
  hmacSignUs: number;
  hmacVerifyUs: number;
};

/** A deterministic pseudo-random text over the base64url alphabet (6 bits a character: zlib saves about a quarter). */
function text(length: number, seed: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let state = seed >>> 0;
  let out = "";
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out += alphabet[state >>> 26];
  }
  return out;
}

/** A session shaped like a web app's (ids, a flag, a list, a blob of data) whose tagged JSON is `target` bytes. */
export function sessionOfSize(target: number): PyDict {
  const make = (n: number): PyDict =>
    py.dict([
      ["_fresh", py.bool(true)],
      ["user_id", py.int(42)],
      ["csrf_token", py.str(text(16, 1))],
      ["data", py.str(text(n, 2))],
    ]);
  const base = dumpsTagged(make(0)).length;
  return make(Math.max(0, target - base));
}

/** Microseconds per call of `fn`, run back to back (each awaited) for about `ms` after a warm-up; median of 3. */
async function timeIt(fn: () => Promise<unknown>, ms = 400): Promise<number> {
  const deadline = performance.now() + ms / 2;
  while (performance.now() < deadline) await fn();
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    let count = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < ms) {
      for (let i = 0; i < 50; i++) await fn();
      count += 50;
      elapsed = performance.now() - start;
    }
    runs.push((elapsed * 1000) / count);
  }
  return runs.sort((a, b) => a - b)[1];
}

/** The same hooks scripts/server/main.ts installs for `npm start`; "web" removes them. */
function selectPath(path: EnginePath): void {
  setPlatformDeflate(path === "node" ? (bytes) => new Uint8Array(deflateSync(bytes)) : null);
  setPlatformHmac(path === "node" ? (key, data) => new Uint8Array(createHmac("sha1", key).update(data).digest()) : null);
}

type Case = { target: number; session: PyDict; cookie: string; payload: string };

function operations(c: Case): (() => Promise<unknown>)[] {
  return [
    () => encodeSessionCookie(c.session, SECRET, { timestamp: TIMESTAMP }),
    () => decodeSessionCookie(c.cookie, SECRET, { now: TIMESTAMP }),
    () => signToken(c.payload, SECRET, { timestamp: TIMESTAMP }),
    () => verifyToken(c.cookie, SECRET, { now: TIMESTAMP }),
  ];
}

export async function runEngineBench(): Promise<EngineRow[]> {
  const cases: Case[] = [];
  for (const target of SIZES) {
    const session = sessionOfSize(target);
    const cookie = await encodeSessionCookie(session, SECRET, { timestamp: TIMESTAMP });
    const decoded = await decodeSessionCookie(cookie, SECRET, { now: TIMESTAMP });
    if (decoded.outcome !== "ok") throw new Error(`engine bench: the ${target} B cookie does not load back (${decoded.outcome})`);
    const payload = cookie.slice(0, cookie.lastIndexOf(".", cookie.lastIndexOf(".") - 1));
    cases.push({ target, session, cookie, payload });
  }
  const rows: EngineRow[] = [];
  for (const path of ["web", "node"] as const) {
    selectPath(path);
    // Every operation on every size first: without this, whichever ran first paid for the JIT and
    // the thread pool's start, and the smallest session could measure slower than a larger one.
    for (const c of cases) for (const op of operations(c)) await timeIt(op, 200);
    for (const c of cases) {
      const [sign, verifyLoad, hmacSign, hmacVerify] = operations(c);
      rows.push({
        path,
        targetBytes: c.target,
        jsonBytes: dumpsTagged(c.session).length,
        cookieBytes: c.cookie.length,
        compressed: c.cookie.startsWith("."),
        signUs: await timeIt(sign),
        verifyLoadUs: await timeIt(verifyLoad),
        hmacSignUs: await timeIt(hmacSign),
        hmacVerifyUs: await timeIt(hmacVerify),
      });
    }
  }
  selectPath("web");
  return rows;
}

if (process.argv[1]?.endsWith("engine.ts")) {
  runEngineBench().then(
    (rows) => console.log(process.argv.includes("--json") ? JSON.stringify(rows) : rows),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

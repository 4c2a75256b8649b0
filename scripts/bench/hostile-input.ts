/**
 * What hostile input costs the demo API, for `npm run bench` and on its own: the requests
 * lib/flask-session/bad-input.test.ts proves are answered correctly (a signed zlib bomb refused at
 * the inflate limit, Cookie headers as large as a server accepts), timed here because a test must
 * not assert on time. Through the Web-standard handler (what the route handlers run), median of
 * several runs each.
 *
 *   tsx scripts/bench/hostile-input.ts [--json]
 */
import { deflateSync } from "node:zlib";
import { b64urlEncode } from "../../lib/flask-session/base64";
import { handleFlaskRequest } from "../../lib/flask-session/handler";
import { signToken } from "../../lib/flask-session/signer";

const SECRET = "SomeRandomKey";
const NOW_MS = Date.UTC(2026, 0, 1);
const RUNS = 5;

export type HostileRow = { input: string; headerBytes: number; status: number; medianMs: number };

async function send(path: string, cookie: string): Promise<number> {
  const response = await handleFlaskRequest(new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }), { secret: SECRET, now: () => NOW_MS });
  await response.text();
  return response.status;
}

export async function runHostileInputBench(): Promise<HostileRow[]> {
  const bombPayload = `.${b64urlEncode(deflateSync(Buffer.from(JSON.stringify({ a: "x".repeat(10_000_000) })), { level: 9 }))}`;
  const bomb = await signToken(bombPayload, SECRET, { timestamp: NOW_MS / 1000 });
  const cases: Array<[string, string, string]> = [
    ["signed zlib bomb (10 MB inflated), JSON view", "/api/flask/persistent/?view=json", `session=${bomb}`],
    ["16 KB session value", "/api/flask/persistent/?action=read", `session=${"A".repeat(16_000)}`],
    ["16 KB of spaces in a value", "/api/flask/persistent/?action=read", `a=${" ".repeat(16_000)}x`],
    ["16 KB of separators", "/api/flask/persistent/?action=read", ";".repeat(16_000)],
    ["8,000 escaped quotes", "/api/flask/persistent/?action=read", `session="${'\\"'.repeat(8000)}`],
    ["3,200 cookies", "/api/flask/persistent/?action=read", "x=y; ".repeat(3200)],
  ];
  const rows: HostileRow[] = [];
  for (const [input, path, cookie] of cases) {
    let status = 0;
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      status = await send(path, cookie);
      times.push(performance.now() - start);
    }
    rows.push({ input, headerBytes: cookie.length, status, medianMs: times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] });
  }
  return rows;
}

if (process.argv[1]?.endsWith("hostile-input.ts")) {
  runHostileInputBench().then(
    (rows) => (process.argv.includes("--json") ? console.log(JSON.stringify(rows)) : console.table(rows)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

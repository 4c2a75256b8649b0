/**
 * The session-write tracer the article offers (content/snippets/session_write_tracer.py), run in
 * real Flask with the article's Flask-Principal app (scripts/fixtures/reference_apps.py): the log
 * must name Flask-Principal's `session_identity_saver` as the writer of `identity.id`, on the login
 * request and again on a later request that never touches the session. Fails when Flask cannot be
 * run, unless SKIP_FLASK_CROSSCHECK=1 says to skip on purpose.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FLASK_PYTHON, SKIP_ENV } from "@/scripts/fixtures/flask-oracle";

const skip = process.env[SKIP_ENV] === "1";
if (skip) console.warn(`SKIPPED: the session-write tracer in real Flask (${SKIP_ENV}=1).`);

const snippet = fileURLToPath(new URL("../../content/snippets/session_write_tracer.py", import.meta.url));
const fixtures = fileURLToPath(new URL("../../scripts/fixtures/", import.meta.url));

// Loads the snippet as a reader would paste it, wraps the article's app, and makes two requests.
const DRIVER = `
import logging, runpy, sys
sys.path.insert(0, sys.argv[2])
logging.basicConfig(stream=sys.stdout, level=logging.WARNING, format="%(name)s: %(message)s")
from reference_apps import create_app
trace_session_writes = runpy.run_path(sys.argv[1])["trace_session_writes"]
app = trace_session_writes(create_app("principal"))
client = app.test_client()
print("== login", flush=True)
assert client.get("/", headers={"Authorization": "Bearer alice-token"}).status_code == 200
print("== later", flush=True)
assert client.get("/").status_code == 200
print("== permanent", flush=True)
assert client.get("/?permanent=1").status_code == 200
`;

let memo: { status: number | null; stdout: string; stderr: string } | null = null;

/** One Python run serves both tests. */
function run(): { status: number | null; stdout: string; stderr: string } {
  if (memo) return memo;
  const result = spawnSync(FLASK_PYTHON, ["-c", DRIVER, snippet, fixtures], { encoding: "utf8", env: { ...process.env, PYTHONHASHSEED: "0" } });
  if (result.error) throw new Error(`cannot run ${FLASK_PYTHON}: ${result.error.message}`);
  memo = { status: result.status, stdout: result.stdout, stderr: result.stderr };
  return memo;
}

describe.skipIf(skip)("the session-write tracer in real Flask", () => {
  it("names Flask-Principal's session_identity_saver as the writer of identity.id, at login and after", () => {
    const { status, stdout, stderr } = run();
    expect(status, stderr).toBe(0);
    const [, login, later] = stdout.split(/^== \w+$/m);
    for (const part of [login, later]) {
      expect(part).toMatch(/session_writes: session set 'identity\.id' = 'alice'\n {2}by \S*flask_principal\.py:\d+ in session_identity_saver\(\)/);
      expect(part).toMatch(/session set 'identity\.auth_type' = 'token'\n {2}by \S*flask_principal\.py:\d+ in session_identity_saver\(\)/);
    }
    // The stack shows how it got there: at login from the app's identity_changed, later from Principal's before_request.
    expect(login).toMatch(/in authenticate_by_token/);
    expect(later).toMatch(/in _on_before_request/);
    expect(later).not.toMatch(/in authenticate_by_token/);
  });

  it("skips Flask's own frames: `session.permanent = True` is blamed on the app line, not Flask's setter", () => {
    const { stdout } = run();
    const permanent = stdout.split(/^== \w+$/m)[3];
    expect(permanent).toMatch(/session set '_permanent' = True\n {2}by \S*reference_apps\.py:\d+ in apply_permanent_knob\(\)/);
    expect(permanent).toMatch(/flask\/sessions\.py", line \d+, in permanent/);
  });
});

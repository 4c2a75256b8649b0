/**
 * Three demo exchanges run through the demo API's own handler with synthetic requests (a Flask-
 * Principal login: HMAC-SHA1 signing and tagged JSON; the same cookie sent back: verification; a
 * tampered cookie: rejected, as Flask rejects it), and a session large enough for Flask to
 * compress (zlib through CompressionStream where the runtime has it, our own inflater to read).
 * Any runtime with the Web platform APIs passes; the Edge route runs it to show the engine needs
 * nothing from Node.
 */
import { DEFAULT_SECRET } from "./flask-session/apps";
import { decodeSessionCookie, encodeSessionCookie } from "./flask-session/cookie";
import { handleFlaskRequest, type HandlerOptions } from "./flask-session/handler";
import { newDeflateStream } from "./flask-session/payload";
import { py } from "./flask-session/py-value";
import { dumpsTagged } from "./flask-session/tagged-json";

export type SelfTestCheck = { name: string; ok: boolean; detail: string };

const ORIGIN = "http://self-test.invalid";

async function exchange(path: string, headers: Record<string, string>, options: HandlerOptions) {
  const response = await handleFlaskRequest(new Request(ORIGIN + path, { headers }), options);
  const setCookie = response.headers.get("set-cookie");
  const value = setCookie ? setCookie.slice(setCookie.indexOf("=") + 1, setCookie.indexOf(";")) : null;
  return { status: response.status, value, body: await response.text() };
}

/** Whether this runtime can compress (a stub that throws counts as missing). */
export function hasCompressionStream(): boolean {
  try {
    newDeflateStream();
    return true;
  } catch {
    return false;
  }
}

export async function runEngineSelfTest(options: HandlerOptions = {}): Promise<{ ok: boolean; checks: SelfTestCheck[] }> {
  const checks: SelfTestCheck[] = [];
  const login = await exchange("/api/flask/principal/", { Authorization: "Bearer alice-token" }, options);
  checks.push({
    name: "a token login sets a signed identity cookie",
    ok: login.status === 200 && login.value?.split(".").length === 3,
    detail: `status ${login.status}, cookie ${login.value ?? "none"}`,
  });

  const back = await exchange("/api/flask/principal/", { Cookie: `session=${login.value ?? ""}` }, options);
  checks.push({
    name: "the cookie alone logs the next request in",
    ok: back.status === 200 && back.body.includes('"id":"alice"'),
    detail: `status ${back.status}, body ${back.body.trim()}`,
  });

  // The signature's first character: its last one also carries two padding bits, and changing only
  // those ("A" to "B") decodes to the same bytes, which Python (and this engine) accept, as Flask does.
  const cookie = login.value ?? "";
  const at = cookie.lastIndexOf(".") + 1;
  const forged = cookie.slice(0, at) + (cookie[at] === "A" ? "B" : "A") + cookie.slice(at + 1);
  const tampered = await exchange("/api/flask/principal/", { Cookie: `session=${forged}` }, options);
  checks.push({
    name: "a tampered cookie is ignored: anonymous, as in Flask",
    ok: tampered.status === 200 && tampered.body.includes('"id":null'),
    detail: `status ${tampered.status}, body ${tampered.body.trim()}`,
  });

  // Flask compresses a payload when zlib saves space: a repetitive session value does, where the
  // platform has CompressionStream (Next's Edge runtime does not: the payload is then written
  // uncompressed, which Flask reads the same).
  const secret = options.secret || DEFAULT_SECRET;
  const session = py.dict([["note", py.str("cookie ".repeat(40))]]);
  const written = await encodeSessionCookie(session, secret);
  const decoded = await decodeSessionCookie(written, secret);
  const compressed = written.startsWith(".");
  checks.push({
    name: "a large session is written and read back",
    ok: decoded.outcome === "ok" && dumpsTagged(decoded.session) === dumpsTagged(session) && compressed === hasCompressionStream(),
    detail: `cookie of ${written.length} characters, ${compressed ? "compressed" : "not compressed"}, outcome ${decoded.outcome}`,
  });
  return { ok: checks.every((c) => c.ok), checks };
}

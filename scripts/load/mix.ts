/**
 * The request mix of the load scripts: every demo app, every rule set (Flask 2.2, the default;
 * 3.1.3; 0.10.1, the article's of 2016, also under its older name "2016"), both views, good
 * and bad cookies, HEAD, and the error answers (308, 400, 404, 405, 500).
 * Each case is described by what it asks for (app, path, method, query, cookie kind), and its
 * expected status is computed from that description by `expectedStatus`, a model of Flask's and
 * the site's routing written apart from the engine; mix.test.ts checks the model against the
 * engine in-process for every case, and the load run checks the server against the model for
 * every request, so a status the server gives under load that it does not give at rest is caught.
 */
import { TOKENS } from "../../lib/flask-session/app-views/principal";
import { b64urlEncode } from "../../lib/flask-session/base64";
import { encodeSessionCookie } from "../../lib/flask-session/cookie";
import { ACTIONS, APP_NAMES } from "../../lib/flask-session/knobs";
import { py } from "../../lib/flask-session/py-value";
import { signToken } from "../../lib/flask-session/signer";

/** What a case sends as its `session` cookie. */
type CookieKind =
  | "none"
  /** `{'key': 'value'}`, signed now with the server's key. */
  | "valid"
  /** `{'_permanent': True, 'key': 'value'}`. */
  | "permanent"
  /** Flask-Principal's identity for alice. */
  | "identity"
  /** `{'key': b'value'}` signed with the 2011 epoch of itsdangerous 0.24 (Flask 0.10's rules). */
  | "legacy"
  /** Not a signed value at all: Flask starts a new session. */
  | "tampered"
  /** Signed with another key: the signature fails, a new session. */
  | "wrong-key"
  /** Correctly signed, but the payload is not JSON: Flask fails while opening the session (500). */
  | "undecodable";

export type MixCase = {
  /** A short name for reports: which case answered unexpectedly. */
  name: string;
  method: "GET" | "HEAD" | "OPTIONS" | "POST" | "DELETE";
  app: string;
  /** What follows `/api/flask/<app>`: "/" is the app's one route. */
  rest: string;
  query: Record<string, string>;
  cookie: CookieKind;
  authorization?: string;
};

export type MixRequest = { name: string; method: string; path: string; headers: Record<string, string>; expected: number };

/** The `flask=` values the site takes: the three rule sets and two older names for them. */
const RULE_SETS: Record<string, true> = { "0.10": true, "2.2": true, "3.1": true, "2016": true, today: true };

/**
 * The status the server must answer a case with, from Flask 2.2's request handling and the site's
 * own checks, in the order they happen:
 * 1. an app name the site does not have: the site's 404;
 * 2. a query knob out of range: the site's 400 (before any Flask code runs);
 * 3. the JSON view: 200, whatever Flask's status (the view describes the exchange);
 * 4. opening the session: a correctly signed cookie that does not decode is Flask's 500, before
 *    routing (the weak app never reads its cookie);
 * 5. routing (strict slashes): the app root without its slash redirects (308) for a method the rule
 *    takes and is a 404 for any other; any other path is a 404;
 * 6. the route: GET and HEAD run the view (200), OPTIONS is Flask's automatic 200, the rest 405.
 */
export function expectedStatus(c: MixCase): number {
  if (!(APP_NAMES as readonly string[]).includes(c.app)) return 404;
  const { flask, action, permanent, refresh, view } = c.query;
  if (flask !== undefined && !Object.hasOwn(RULE_SETS, flask)) return 400;
  if (action !== undefined && !(ACTIONS as readonly string[]).includes(action)) return 400;
  for (const flag of [permanent, refresh]) if (flag !== undefined && flag !== "0" && flag !== "1") return 400;
  if (view !== undefined && view !== "json" && view !== "plain") return 400;
  if (view === "json") return 200;
  if (c.cookie === "undecodable" && c.app !== "weak") return 500;
  const routeMethod = c.method === "GET" || c.method === "HEAD" || c.method === "OPTIONS";
  if (c.rest === "") return routeMethod ? 308 : 404;
  if (c.rest !== "/") return 404;
  return routeMethod ? 200 : 405;
}

const get = (name: string, app: string, query: Record<string, string> = {}, cookie: CookieKind = "none", authorization?: string): MixCase => ({
  name,
  method: "GET",
  app,
  rest: "/",
  query,
  cookie,
  authorization,
});

/** The mix, in the order each connection walks it. */
export const MIX: readonly MixCase[] = [
  get("persistent, no cookie", "persistent"),
  get("persistent, valid cookie", "persistent", {}, "valid"),
  get("persistent, read permanent", "persistent", { action: "read", permanent: "1" }, "permanent"),
  get("persistent, JSON view, clear", "persistent", { view: "json", action: "clear" }, "valid"),
  get("persistent, 3.1 rules, read", "persistent", { flask: "3.1", action: "read" }, "valid"),
  get("persistent, 0.10 rules", "persistent", { flask: "0.10" }, "legacy"),
  get("persistent, 0.10 rules by its old name, JSON view, refresh", "persistent", { flask: "2016", view: "json", refresh: "1" }, "legacy"),
  get("persistent, tampered cookie", "persistent", {}, "tampered"),
  get("persistent, wrong-key cookie", "persistent", { action: "write" }, "wrong-key"),
  get("persistent, undecodable cookie", "persistent", {}, "undecodable"),
  get("persistent, undecodable cookie, JSON view", "persistent", { view: "json" }, "undecodable"),
  { ...get("persistent, HEAD", "persistent", {}, "valid"), method: "HEAD" },
  { ...get("persistent, HEAD, no cookie", "persistent"), method: "HEAD" },
  { ...get("persistent, OPTIONS", "persistent"), method: "OPTIONS" },
  { ...get("persistent, POST", "persistent", {}, "valid"), method: "POST" },
  { ...get("persistent, no slash", "persistent"), rest: "" },
  { ...get("persistent, unknown path", "persistent"), rest: "/nope" },
  get("persistent, bad knob", "persistent", { flask: "constructor" }),
  get("weak, write", "weak", { action: "write" }, "valid"),
  get("weak, 3.1 rules, undecodable cookie", "weak", { flask: "3.1" }, "undecodable"),
  { ...get("weak, HEAD", "weak"), method: "HEAD" },
  { ...get("weak, DELETE", "weak"), method: "DELETE" },
  get("principal, token", "principal", {}, "none", "Bearer alice-token"),
  get("principal, identity cookie", "principal", {}, "identity"),
  get("principal, JSON view, cookie and token", "principal", { view: "json" }, "identity", "Bearer bob-token"),
  get("principal, 0.10 rules, token", "principal", { flask: "0.10" }, "none", "Bearer alice-token"),
  get("principal, 3.1 rules, unknown token", "principal", { flask: "3.1" }, "none", "Bearer mallory-token"),
  { ...get("principal, HEAD", "principal", {}, "identity"), method: "HEAD" },
  get("principal-no-sessions, token", "principal-no-sessions", {}, "none", "Bearer bob-token"),
  get("principal-no-sessions, 2.2 rules named", "principal-no-sessions", { flask: "2.2", action: "write" }, "valid", "Bearer alice-token"),
  get("unknown app", "nosuchapp"),
];

/** The cookie values, minted once per run with the server's key at `nowSeconds`. */
async function mintCookies(secret: string, nowSeconds: number): Promise<Record<Exclude<CookieKind, "none">, string>> {
  const kv = py.dict([["key", py.str("value")]]);
  return {
    valid: await encodeSessionCookie(kv, secret, { timestamp: nowSeconds }),
    permanent: await encodeSessionCookie(
      py.dict([
        ["_permanent", py.bool(true)],
        ["key", py.str("value")],
      ]),
      secret,
      { timestamp: nowSeconds },
    ),
    identity: await encodeSessionCookie(
      py.dict([
        ["identity.auth_type", py.str("token")],
        ["identity.id", py.str(TOKENS["alice-token"])],
      ]),
      secret,
      { timestamp: nowSeconds },
    ),
    legacy: await encodeSessionCookie(py.dict([["key", py.bytes("value")]]), secret, { timestamp: nowSeconds, epoch: "2011" }),
    tampered: "tampered.cookie.value",
    "wrong-key": await encodeSessionCookie(kv, `${secret}-not`, { timestamp: nowSeconds }),
    undecodable: await signToken(b64urlEncode(new TextEncoder().encode("not json")), secret, { timestamp: nowSeconds }),
  };
}

/** A case as the wire request it is, with its expected status. */
function toRequest(c: MixCase, cookies: Record<Exclude<CookieKind, "none">, string>): MixRequest {
  const search = new URLSearchParams(c.query).toString();
  const headers: Record<string, string> = {};
  if (c.cookie !== "none") headers.cookie = `session=${cookies[c.cookie]}`;
  if (c.authorization) headers.authorization = c.authorization;
  return { name: c.name, method: c.method, path: `/api/flask/${c.app}${c.rest}${search ? `?${search}` : ""}`, headers, expected: expectedStatus(c) };
}

export async function buildMix(secret: string, nowSeconds = Math.floor(Date.now() / 1000)): Promise<MixRequest[]> {
  const cookies = await mintCookies(secret, nowSeconds);
  return MIX.map((c) => toRequest(c, cookies));
}

/**
 * Flask-Paranoid 0.2.0 (flask_paranoid/paranoid.py) on Flask 2.2.2, as reference_culprits.py runs
 * it: `Paranoid(app)` and one view that never touches the session.
 *
 * Paranoid's before_request hook (paranoid.py:17-35) runs on every request, routing errors and
 * Flask's own OPTIONS answers included: it hashes the client (`create_token`, paranoid.py:63-78:
 * SHA-256 of the first X-Forwarded-For address, or the peer address, "|" and the User-Agent) and
 * writes the hash as `_paranoid_token` into a session that has none, so every first request of a
 * client gets a cookie. A session whose token differs is refused: the default handler's 401
 * (paranoid.py:41-46), `session.clear()`, and, because Flask-Login is imported in the same process
 * (`'flask_login' in sys.modules`, paranoid.py:110-113), a deleting `remember_token` cookie too.
 */
import { remoteAddrBytes, userAgentBytes } from "../flask-login-rules";
import { py } from "../py-value";
import { dumpCookie } from "../werkzeug-cookies";
import { errorPage } from "../werkzeug-pages";
import {
  concatBytes,
  finishRun,
  fromPage,
  hexDigest,
  matchIndex,
  openRun,
  optionsAnswer,
  saveSentence,
  textAnswer,
  undecodableExchange,
  type CulpritExchange,
  type CulpritOptions,
  type CulpritRequest,
  type CulpritRun,
  type Dispatched,
} from "./culprit-runtime";

const BY = "Flask-Paranoid";
const ALLOW = "GET, HEAD, OPTIONS";
const utf8 = new TextEncoder();

/** werkzeug.exceptions.Unauthorized's page, its description as Werkzeug escapes it. */
const UNAUTHORIZED_DESCRIPTION =
  "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn&#39;t understand how to supply the credentials required.";

/** `Paranoid.create_token`: sha256(address + b"|" + user_agent), with the package's fallbacks. */
async function paranoidToken(request: CulpritRequest): Promise<string> {
  const address = remoteAddrBytes(request) ?? utf8.encode("x.x.x.x");
  const agent = userAgentBytes(request) ?? utf8.encode("no user agent");
  return hexDigest("SHA-256", concatBytes(address, utf8.encode("|"), agent));
}

export async function runFlaskParanoid(request: CulpritRequest, options: CulpritOptions): Promise<CulpritExchange> {
  const opened = await openRun("flask-paranoid", request, options);
  if (!opened.ok) return undecodableExchange("flask-paranoid", request, opened.outcome);
  const { run, before } = opened;
  const route = matchIndex("flask-paranoid", request, ["GET"], ALLOW);

  // Paranoid's before_request, registered by init_app: it runs before routing errors are raised.
  const refused = await beforeRequest(run);
  let dispatched: Dispatched;
  if (refused) dispatched = refused;
  else if (route.kind === "page") dispatched = fromPage(route.page);
  else if (route.kind === "options") dispatched = optionsAnswer(ALLOW);
  else dispatched = textAnswer("This view never touches the session.\n", "text/html; charset=utf-8");

  return finishRun(run, before, dispatched, (saved) => {
    if (refused) {
      return `401: the session's _paranoid_token is not this client's (another address or user agent), so Flask-Paranoid refused the request, cleared the session and asked for Flask-Login's remember_token to be deleted. ${saveSentence(saved, run.writes)}`;
    }
    const view = route.kind === "index" ? "The view never touched the session. " : "";
    return view + saveSentence(saved, run.writes);
  });
}

/** paranoid.py:17-35. Returns the refusal, or null to let the request through. */
async function beforeRequest(run: CulpritRun): Promise<Dispatched | null> {
  const token = await paranoidToken(run.request);
  const existing = run.session.get("_paranoid_token");
  if (existing.type === "none") {
    run.set(BY, "_paranoid_token", py.str(token), "a new session: the hash of this client's address and user agent");
    return null;
  }
  if (existing.type === "str" && existing.value === token) return null;
  const page = fromPage(errorPage(401, "Unauthorized", UNAUTHORIZED_DESCRIPTION));
  // clear_session: session.clear(), then response.set_cookie(remember_cookie, '', expires=0, max_age=0).
  run.clear(BY, "the token belongs to another client");
  page.headers.push(["Set-Cookie", dumpCookie("remember_token", "", { expires: 0, maxAge: 0, path: "/" })]);
  return page;
}

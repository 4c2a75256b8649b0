/**
 * Flask-Login 0.6.2 on Flask 2.2.2, as reference_culprits.py runs it: a LoginManager with a
 * user_loader (alice, bob), a request_loader (`Authorization: Bearer <name>-token`), a login view
 * given as a URL, and one rule `/` whose `action` picks what the view does.
 *
 * Line numbers are flask_login/login_manager.py and utils.py of the Debian package 0.6.2.
 * - `login_user` (utils.py:156-204) writes `_user_id`, `_fresh` and `_id`, and `_remember = "set"`
 *   when asked to remember; the after_request hook `_update_remember_cookie`
 *   (login_manager.py:448-463) pops `_remember` and sets or deletes the `remember_token` cookie.
 * - Reading `current_user` runs `_load_user` (login_manager.py:343-383): session protection
 *   (`_session_protection_failed`, 385-411), the session's `_user_id`, then the remember cookie
 *   (which writes `_user_id` and `_fresh`, 413-425) or the request_loader.
 * - `logout_user` (utils.py:207-233) pops the keys and, with a remember cookie, asks for its deletion.
 * - `login_required` (utils.py:246-293) calls `unauthorized` (login_manager.py:142-198), which
 *   flashes its message (a session write) and redirects to the login view.
 * - `_id` is `_create_identifier`; it, the client address it hashes and `login_user`'s writes come
 *   from ../flask-login-rules.ts, which the fix apps' Flask-Login recipe shares.
 */
import { jsonify } from "../flask-json";
import { py, type PyValue } from "../py-value";
import { pyStr } from "../python-repr";
import { RaisedInApp } from "../app-kit";
import { cookieDigest, createIdentifier, decodeRememberCookie, loginUserWrites } from "../flask-login-rules";
import { dumpCookie } from "../werkzeug-cookies";
import { redirectPage } from "../werkzeug-pages";
import {
  finishRun,
  fromPage,
  matchIndex,
  openRun,
  optionsAnswer,
  saveSentence,
  serverError,
  textAnswer,
  undecodableExchange,
  type CulpritExchange,
  type CulpritOptions,
  type CulpritRequest,
  type CulpritRun,
  type Dispatched,
} from "./culprit-runtime";
import { loginNextUrl } from "./login-url";

export const LOGIN_ACTIONS = ["whoami", "login", "login-remember", "logout", "protected", "api"] as const;
export type LoginAction = (typeof LOGIN_ACTIONS)[number];
export const PROTECTIONS = ["basic", "strong", "off"] as const;
export type Protection = (typeof PROTECTIONS)[number];
type LoginKnobs = { action: LoginAction; protection: Protection };

const BY = "Flask-Login";
const ALLOW = "GET, HEAD, OPTIONS";
const USERS = new Set(["alice", "bob"]);
const TOKENS: Readonly<Record<string, string>> = { "alice-token": "alice", "bob-token": "bob" };
const LOGIN_VIEW = "/api/flask/flask-login/?action=login";
const LOGIN_MESSAGE = "Please log in to access this page.";
const REMEMBER_COOKIE = "remember_token";
/** REMEMBER_COOKIE_DURATION's default, timedelta(days=365) (config.py:7). */
const REMEMBER_SECONDS = 365 * 24 * 60 * 60;
/** config.py SESSION_KEYS (a set: the pop order does not show in the result). */
const SESSION_KEYS = ["_user_id", "_remember", "_remember_seconds", "_id", "_fresh", "next"];

type User = { id: string; from: "session" | "remember-cookie" | "request-loader" | "login" };

class LoginRun {
  /** `g._login_user`: undefined until loaded, null for the anonymous user. */
  user: User | null | undefined = undefined;
  constructor(
    readonly run: CulpritRun,
    readonly knobs: LoginKnobs,
  ) {}

  get session() {
    return this.run.session;
  }

  /** `_get_user()`: loads once per request. */
  async currentUser(): Promise<User | null> {
    if (this.user === undefined) this.user = await this.loadUser();
    return this.user;
  }

  /** `_load_user` (login_manager.py:343-383). */
  private async loadUser(): Promise<User | null> {
    if (await this.protectionFailed()) return null;
    const userId = this.session.get("_user_id");
    if (userId.type !== "none" && userId.type === "str" && USERS.has(userId.value)) return { id: userId.value, from: "session" };
    const cookie = this.run.cookie(REMEMBER_COOKIE);
    const hasCookie = cookie !== undefined && !isStr(this.session.get("_remember"), "clear");
    if (hasCookie) return this.loadFromRememberCookie(cookie);
    const [scheme, token] = splitOnce(this.run.header("authorization") ?? "", " ");
    const name = scheme === "Bearer" && Object.hasOwn(TOKENS, token) ? TOKENS[token] : null;
    return name === null ? null : { id: name, from: "request-loader" };
  }

  /** `_session_protection_failed` (login_manager.py:385-411). */
  private async protectionFailed(): Promise<boolean> {
    const ident = await createIdentifier(this.run.request);
    if (this.knobs.protection === "off") return false;
    const session = this.session;
    if (session.size === 0 || isStr(session.get("_id"), ident)) return false;
    if (this.knobs.protection === "basic" || session.permanent) {
      const fresh = session.get("_fresh");
      if (!(fresh.type === "bool" && fresh.value === false)) {
        this.run.set(
          BY,
          "_fresh",
          py.bool(false),
          `session protection ${this.knobs.protection}: _id is not this client's (another address or user agent), so the login is no longer fresh`,
        );
      }
      return false;
    }
    for (const key of SESSION_KEYS) this.run.pop(BY, key, "session protection strong: _id is not this client's");
    this.run.set(BY, "_remember", py.str("clear"), "session protection strong: the remember cookie is to go too");
    return true;
  }

  /** `_load_user_from_remember_cookie` (login_manager.py:413-425). */
  private async loadFromRememberCookie(cookie: string): Promise<User | null> {
    const userId = await decodeRememberCookie(cookie, this.run.options.secret);
    if (userId === null) return null;
    this.run.set(BY, "_user_id", py.str(userId), "restored from the remember_token cookie");
    this.run.set(BY, "_fresh", py.bool(false), "a login restored from the remember cookie is not fresh");
    return USERS.has(userId) ? { id: userId, from: "remember-cookie" } : null;
  }

  /** `login_user(User("alice"), remember)` (utils.py:156-204). */
  async login(remember: boolean): Promise<void> {
    for (const write of await loginUserWrites("alice", this.run.request, remember)) this.run.set(BY, write.key, write.value, write.why);
    this.user = { id: "alice", from: "login" };
  }

  /** `logout_user` (utils.py:207-233). */
  async logout(): Promise<void> {
    await this.currentUser();
    for (const key of ["_user_id", "_fresh", "_id"]) if (this.session.has(key)) this.run.pop(BY, key, "logout_user");
    if (this.run.cookie(REMEMBER_COOKIE) !== undefined) {
      this.run.set(BY, "_remember", py.str("clear"), "logout_user: the request carries remember_token, which is to be deleted");
      if (this.session.has("_remember_seconds")) this.run.pop(BY, "_remember_seconds", "logout_user");
    }
    this.user = null;
  }

  /** `LoginManager.unauthorized` (login_manager.py:142-198): flash, then redirect to the login view. */
  unauthorized(): Dispatched {
    const flashes = this.session.get("_flashes", py.list([]));
    const items = flashes.type === "list" ? flashes.items : [];
    this.run.set(
      BY,
      "_flashes",
      py.list([...items, py.tuple([py.str("message"), py.str(LOGIN_MESSAGE)])]),
      "unauthorized(): flash(login_message) before the redirect to the login view",
    );
    return fromPage(redirectPage(`${LOGIN_VIEW}&next=${loginNextUrl(this.run.request.url)}`, 302, "FOUND"));
  }

  /** `_update_remember_cookie` (login_manager.py:448-463), then `_set_cookie` / `_clear_cookie`. */
  async afterRequest(response: Dispatched): Promise<void> {
    if (!this.session.has("_remember")) return;
    const operation = this.run.pop(BY, "_remember", "the after_request hook consumes it") ?? py.none();
    if (isStr(operation, "set") && this.session.has("_user_id")) {
      const userId = pyStr(this.session.getItem("_user_id") ?? py.none());
      const seconds = this.session.has("_remember_seconds") ? this.session.getItem("_remember_seconds") : undefined;
      const duration = seconds === undefined ? REMEMBER_SECONDS : numberOf(seconds);
      const value = `${userId}|${await cookieDigest(userId, this.run.options.secret)}`;
      const expires = Math.floor(this.run.options.nowMs / 1000 + duration);
      response.headers.push(["Set-Cookie", dumpCookie(REMEMBER_COOKIE, value, { expires, path: "/", httponly: true })]);
    } else if (isStr(operation, "clear")) {
      response.headers.push(["Set-Cookie", dumpCookie(REMEMBER_COOKIE, "", { expires: 0, maxAge: 0, path: "/" })]);
    }
  }
}

function isStr(value: PyValue, text: string): boolean {
  return value.type === "str" && value.value === text;
}

/** `timedelta(seconds=session["_remember_seconds"])`: a number, or the TypeError Flask answers with a 500. */
function numberOf(value: PyValue): number {
  if (value.type === "int" && value.value < 10n ** 12n && value.value > -(10n ** 12n)) return Number(value.value);
  if (value.type === "float" && Number.isFinite(value.value) && Math.abs(value.value) < 1e12) return value.value;
  throw new RaisedInApp("TypeError");
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at + separator.length)];
}

export async function runFlaskLogin(knobs: LoginKnobs, request: CulpritRequest, options: CulpritOptions): Promise<CulpritExchange> {
  const opened = await openRun("flask-login", request, options);
  if (!opened.ok) return undecodableExchange("flask-login", request, opened.outcome);
  const { run, before } = opened;
  const login = new LoginRun(run, knobs);
  const route = matchIndex("flask-login", request, ["GET"], ALLOW);

  let dispatched: Dispatched;
  try {
    if (route.kind === "page") dispatched = fromPage(route.page);
    else if (route.kind === "options") dispatched = optionsAnswer(ALLOW);
    else dispatched = await view(login);
  } catch (error) {
    if (!(error instanceof RaisedInApp)) throw error;
    dispatched = serverError();
  }
  try {
    await login.afterRequest(dispatched);
  } catch (error) {
    if (!(error instanceof RaisedInApp)) throw error;
    dispatched = serverError();
  }
  return finishRun(run, before, dispatched, (saved) => {
    const user = login.user;
    const who = user ? `The user is ${user.id} (${USER_SOURCE[user.from]}). ` : user === null ? "No user is logged in. " : "";
    const remember = dispatched.headers.find(([name, value]) => name === "Set-Cookie" && value.startsWith(`${REMEMBER_COOKIE}=`));
    const rememberText = remember
      ? remember[1].startsWith(`${REMEMBER_COOKIE}=;`)
        ? " Flask-Login also deleted remember_token (Path=/)."
        : " Flask-Login also set remember_token (Path=/, a year), its own signed cookie."
      : "";
    return `${who}${saveSentence(saved, run.writes)}${rememberText}`;
  });
}

const USER_SOURCE: Record<User["from"], string> = {
  session: "from the session's _user_id",
  "remember-cookie": "restored from remember_token",
  "request-loader": "from the request_loader: the Authorization header",
  login: "just logged in",
};

async function view(login: LoginRun): Promise<Dispatched> {
  const { action } = login.knobs;
  if (action === "login" || action === "login-remember") await login.login(action === "login-remember");
  else if (action === "logout") await login.logout();
  else if (action === "protected" || action === "api") {
    const user = await login.currentUser();
    if (!user) return login.unauthorized();
    if (action === "protected") return textAnswer(`Hello, ${user.id}: this page is login_required.\n`, "text/html; charset=utf-8");
    return userJson(user);
  }
  return userJson(await login.currentUser());
}

function userJson(user: User | null): Dispatched {
  const result = jsonify(py.dict([["user", user ? py.str(user.id) : py.none()]]));
  return result.ok ? textAnswer(result.text, "application/json") : serverError();
}

/**
 * Flask-WTF 1.1.1 (WTForms 3.0.1) on Flask 2.2.2, as reference_culprits.py runs it: `CSRFProtect`
 * on the app, one rule `/` (GET and POST) that builds a `FlaskForm` (action=form) or answers JSON
 * without one (action=api). Line numbers are flask_wtf/csrf.py of the Debian package.
 *
 * - Building the form renders its CSRF field, which calls `generate_csrf` (csrf.py:23-63): the
 *   first time, `session["csrf_token"] = hashlib.sha1(os.urandom(64)).hexdigest()` (random, as
 *   in Flask), and the page carries that value signed with
 *   `URLSafeTimedSerializer(secret, salt="wtf-csrf-token")` (itsdangerous's default key
 *   derivation, django-concat, unlike Flask's session signer).
 * - CSRFProtect's before_request hook (csrf.py:206-229) checks POST, PUT, PATCH and DELETE to a
 *   matched rule: `validate_csrf` (csrf.py:66-115) with the token of the X-CSRFToken or
 *   X-CSRF-Token header, else Flask-WTF's 400 with its reason. Known difference: the emulation
 *   reads no request body, so a token sent as a form field is not seen (send the header).
 */
import { b64urlDecode, b64urlEncode } from "../base64";
import { jsonify } from "../flask-json";
import { zlibCompress } from "../payload";
import { py, type PyValue } from "../py-value";
import { decodeTimestamp, encodeTimestamp } from "../signer";
import { RaisedInApp } from "../app-kit";
import { jsonScalar, jsonString } from "../json-encode";
import { errorPage } from "../werkzeug-pages";
import { inflateZlib } from "../inflate";
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

export const WTF_ACTIONS = ["form", "api"] as const;
export type WtfAction = (typeof WTF_ACTIONS)[number];
type WtfKnobs = { action: WtfAction };

const BY = "Flask-WTF";
/** The rule's methods as Werkzeug lists them in Allow (PYTHONHASHSEED=0, as recorded). */
const ALLOW = "GET, HEAD, POST, OPTIONS";
const CSRF_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const SALT = "wtf-csrf-token";
const TIME_LIMIT = 3600;
const utf8 = new TextEncoder();

function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** itsdangerous `Signer` with key_derivation "django-concat": HMAC-SHA1 keyed by sha1(salt + b"signer" + secret). */
async function csrfKey(secret: string): Promise<CryptoKey> {
  const derived = await crypto.subtle.digest("SHA-1", utf8.encode(`${SALT}signer${secret}`));
  return crypto.subtle.importKey("raw", derived, { name: "HMAC", hash: "SHA-1" }, false, ["sign", "verify"]);
}

/** `json.dumps(value, separators=(",", ":"))` (itsdangerous's _CompactJSON), or TypeError for what JSON cannot hold. */
function compactJson(value: PyValue): string {
  const scalar = jsonScalar(value);
  if (scalar !== null) return scalar;
  switch (value.type) {
    case "markup":
      return jsonString(value.value);
    case "list":
    case "tuple":
      return `[${value.items.map(compactJson).join(",")}]`;
    case "dict":
      return `{${[...value.entries].map(([k, v]) => `${jsonString(k)}:${compactJson(v)}`).join(",")}}`;
    default:
      throw new RaisedInApp("TypeError");
  }
}

/** `URLSafeTimedSerializer(secret, salt="wtf-csrf-token").dumps(value)` at `timestamp`. */
export async function signCsrfToken(value: PyValue, secret: string, timestamp: number): Promise<string> {
  const json = utf8.encode(compactJson(value));
  const compressed = await zlibCompress(json).catch(() => null);
  const payload = compressed !== null && compressed.length < json.length - 1 ? `.${b64urlEncode(compressed)}` : b64urlEncode(json);
  const signed = `${payload}.${encodeTimestamp(timestamp)}`;
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await csrfKey(secret), utf8.encode(signed)));
  return `${signed}.${b64urlEncode(mac)}`;
}

type Loaded = { ok: true; value: unknown } | { ok: false; expired: boolean };

/** `s.loads(data, max_age=3600)`: the payload, or which BadData it raises. */
export async function loadCsrfToken(token: string, secret: string, nowSeconds: number): Promise<Loaded> {
  const sigDot = token.lastIndexOf(".");
  if (sigDot < 0) return { ok: false, expired: false };
  const signed = token.slice(0, sigDot);
  const signature = b64urlDecode(token.slice(sigDot + 1));
  if (!signature || !(await crypto.subtle.verify("HMAC", await csrfKey(secret), signature, utf8.encode(signed)))) return { ok: false, expired: false };
  const tsDot = signed.lastIndexOf(".");
  if (tsDot < 0) return { ok: false, expired: false };
  const stamp = decodeTimestamp(signed.slice(tsDot + 1));
  if (stamp === null) return { ok: false, expired: false };
  const age = BigInt(nowSeconds) - stamp;
  if (age > BigInt(TIME_LIMIT) || age < 0n) return { ok: false, expired: true };
  const payload = signed.slice(0, tsDot);
  const compressed = payload.startsWith(".");
  let bytes: Uint8Array | null = b64urlDecode(compressed ? payload.slice(1) : payload);
  try {
    if (bytes && compressed) bytes = inflateZlib(bytes as Uint8Array<ArrayBuffer>, 64 * 1024);
    if (!bytes) return { ok: false, expired: false };
    return { ok: true, value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false, expired: false };
  }
}

/** `hashlib.sha1(os.urandom(64)).hexdigest()`. */
async function randomToken(): Promise<string> {
  const seed = crypto.getRandomValues(new Uint8Array(64));
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-1", seed)));
}

/** `generate_csrf` (csrf.py:23-63), once per request as `g.csrf_token` caches it. */
async function generateCsrf(run: CulpritRun): Promise<string> {
  const now = Math.floor(run.options.nowMs / 1000);
  if (!run.session.has("csrf_token")) {
    run.set(
      BY,
      "csrf_token",
      py.str(await randomToken()),
      "building the FlaskForm rendered its CSRF field, and generate_csrf stores a random token in the session the first time",
    );
  }
  try {
    return await signCsrfToken(run.session.getItem("csrf_token")!, run.options.secret, now);
  } catch (error) {
    if (!(error instanceof RaisedInApp)) throw error;
    run.set(BY, "csrf_token", py.str(await randomToken()), "the session's csrf_token could not be serialised, so generate_csrf replaced it");
    return signCsrfToken(run.session.getItem("csrf_token")!, run.options.secret, now);
  }
}

/** `hmac.compare_digest(session[field], token)`: str against str, ASCII only, or a TypeError. */
function sameToken(stored: PyValue, sent: unknown): boolean {
  if (stored.type !== "str" || typeof sent !== "string") throw new RaisedInApp("TypeError");
  if (/[^\x00-\x7f]/.test(stored.value) || /[^\x00-\x7f]/.test(sent)) throw new RaisedInApp("TypeError");
  return stored.value === sent;
}

/** `validate_csrf` plus `protect`'s SSL check: null when valid, else the reason of Flask-WTF's 400. */
async function protect(run: CulpritRun): Promise<string | null> {
  const data = run.header("x-csrftoken") || run.header("x-csrf-token") || "";
  if (!data) return "The CSRF token is missing.";
  if (!run.session.has("csrf_token")) return "The CSRF session token is missing.";
  const loaded = await loadCsrfToken(data, run.options.secret, Math.floor(run.options.nowMs / 1000));
  if (!loaded.ok) return loaded.expired ? "The CSRF token has expired." : "The CSRF token is invalid.";
  if (!sameToken(run.session.getItem("csrf_token")!, loaded.value)) return "The CSRF tokens do not match.";
  if (run.options.secureCookies === true) {
    // request.is_secure with WTF_CSRF_SSL_STRICT: the Referer must be https://<host>/'s origin.
    const referrer = run.header("referer");
    if (!referrer) return "The referrer header is missing.";
    if (!sameOrigin(referrer, `https://${run.header("host") ?? run.request.url.host}/`)) return "The referrer does not match the host.";
  }
  return null;
}

/** csrf.py `same_origin`: urlparse's scheme, hostname and port compared. */
function sameOrigin(current: string, compare: string): boolean {
  const parts = (url: string) => {
    const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/.exec(url);
    if (!match) return null;
    const host = match[2].slice(match[2].lastIndexOf("@") + 1);
    const port = /:(\d*)$/.exec(host);
    return {
      scheme: match[1].toLowerCase(),
      hostname: (port ? host.slice(0, port.index) : host).toLowerCase(),
      port: port && port[1] ? Number(port[1]) : null,
    };
  };
  const a = parts(current);
  const b = parts(compare);
  return a !== null && b !== null && a.scheme === b.scheme && a.hostname === b.hostname && a.port === b.port;
}

export async function runFlaskWtf(knobs: WtfKnobs, request: CulpritRequest, options: CulpritOptions): Promise<CulpritExchange> {
  const opened = await openRun("flask-wtf", request, options);
  if (!opened.ok) return undecodableExchange("flask-wtf", request, opened.outcome);
  const { run, before } = opened;
  const route = matchIndex("flask-wtf", request, ["GET", "POST"], ALLOW);

  let refusal: string | null = null;
  let dispatched: Dispatched;
  try {
    // CSRFProtect's before_request: only for a checked method on a matched rule (request.endpoint).
    if (route.kind === "index" && CSRF_METHODS.has(request.method)) refusal = await protect(run);
    if (refusal !== null) dispatched = fromPage(errorPage(400, "Bad Request", refusal));
    else if (route.kind === "page") dispatched = fromPage(route.page);
    else if (route.kind === "options") dispatched = optionsAnswer(ALLOW);
    else dispatched = await view(run, knobs, request.method);
  } catch (error) {
    if (!(error instanceof RaisedInApp)) throw error;
    dispatched = serverError();
  }
  return finishRun(run, before, dispatched, (saved) => {
    const csrf = refusal ? `400: CSRFProtect refused the ${request.method} before the view ran (${refusal}). ` : "";
    const api = route.kind === "index" && knobs.action === "api" && !refusal ? "The JSON view builds no form, so Flask-WTF never touches the session. " : "";
    return csrf + api + saveSentence(saved, run.writes);
  });
}

async function view(run: CulpritRun, knobs: WtfKnobs, method: string): Promise<Dispatched> {
  if (knobs.action === "api") {
    const result = jsonify(py.dict([["ok", py.bool(true)]]));
    return result.ok ? textAnswer(result.text, "application/json") : serverError();
  }
  const token = await generateCsrf(run);
  // validate_on_submit: a POST got here only through CSRFProtect, which marked it valid.
  if (method === "POST") return textAnswer("Form accepted: the CSRF token matched.\n", "text/html; charset=utf-8");
  return textAnswer(
    `<form method="post"><input id="csrf_token" name="csrf_token" type="hidden" value="${token}"><input id="name" name="name" type="text" value=""></form>\n`,
    "text/html; charset=utf-8",
  );
}

/**
 * What an emulated app is made of, for ./apps.ts to run: the session interface it installs, and,
 * per request, its before_request hooks and its view. Each app lives in ./app-views/ and is
 * registered in ./apps.ts; the request pipeline (open the session, route, hooks, dispatch, save)
 * is the same for all of them, as it is in Flask's `wsgi_app`.
 */
import type { ExchangeOptions, ExchangeRequest } from "./exchange-types";
import type { Action, AppName, Knobs, RuleSet } from "./knobs";
import { py } from "./py-value";
import { py2SessionOrder } from "./python2-dict-order";
import { py2DictRepr } from "./python2-repr";
import { dictRepr, sessionRepr } from "./python-repr";
import type { HeaderList } from "./response-headers";
import type { SessionConfig } from "./save-rules";
import type { FlaskSession, SessionKind } from "./session";
import { byteLength } from "./werkzeug-pages";

/** One request as the app sees it. */
export type AppContext = {
  app: AppName;
  knobs: Knobs;
  rules: RuleSet;
  /** Flask 0.10.1 on Python 2: byte-str literals, Python 2 reprs, Werkzeug 0.11's cookie dict. */
  flask010: boolean;
  /** Flask 3.1.3's rules: any use of the session marks it accessed, and Werkzeug 3.1.8 checks the Host. */
  flask31: boolean;
  config: SessionConfig;
  cookiePairs: Array<[string, string]>;
  request: ExchangeRequest;
  options: ExchangeOptions;
};

/** A response before the server's part (HEAD bodies dropped, a lazy Content-Length added last). */
export type Dispatched = { status: number; statusText: string; headers: HeaderList; body: string; lazyLength: boolean };

/**
 * What the app did, as data for the narration (./exchange-narration.ts): which extension, and
 * what it decided. Add a variant for a new extension and its sentences there.
 */
export type AppNotes =
  | { kind: "plain" }
  | {
      kind: "principal";
      useSessions: boolean;
      /** Where Flask-Principal's identity came from on this request. */
      identitySource: "anonymous" | "session" | "identity_changed";
      anonymous: boolean;
    };

/** One request's run of an app, once its session is open. */
type RunningApp = {
  /** The app's before_request functions, in registration order (they run even when routing failed). */
  beforeRequest(): void;
  /** The view for `/` (GET or HEAD). */
  view(): Dispatched;
  notes(): AppNotes;
};

export type FlaskApp = {
  /** SecureCookieSessionInterface ("secure-cookie") or the article's WeakSessionInterface ("weak"). */
  sessionInterface: SessionKind;
  /** What the view does when the request names no `action`. */
  defaultAction: Action;
  start(ctx: AppContext, session: FlaskSession): RunningApp;
};

/** The view's session step for `action` (reference_apps.run_action). */
export function runAction(session: FlaskSession, action: Action, flask010: boolean): void {
  switch (action) {
    case "article":
    case "write":
      // A str literal; on Python 2 a byte str, which Flask 0.10 tags " b".
      session.set("key", flask010 ? py.bytes("value") : py.str("value"));
      break;
    case "read":
      session.get("key");
      break;
    case "clear":
      session.clear();
      break;
    case "pop":
      session.pop("key");
      break;
    case "flash": {
      // flask/helpers.py flash(): `flashes = session.get("_flashes", []); flashes.append((category,
      // message)); session["_flashes"] = flashes` (a write even when the list was already there).
      const text = (value: string) => (flask010 ? py.bytes(value) : py.str(value));
      const flashes = session.get("_flashes", py.list([]));
      const items = flashes.type === "list" ? flashes.items : [];
      session.set("_flashes", py.list([...items, py.tuple([text("message"), text(FLASH_MESSAGE)])]));
      break;
    }
    case "read-flashes":
      // get_flashed_messages(): `session.pop("_flashes") if "_flashes" in session else []`.
      if (session.has("_flashes")) session.pop("_flashes");
      break;
    case "nothing":
      break;
  }
}

/** The message `action=flash` flashes (reference_apps.FLASH_MESSAGE). */
export const FLASH_MESSAGE = "Hello from flash()";

/** `repr(session)` as the view prints it, in the rule set's Python. */
export function formatSession(ctx: AppContext, session: FlaskSession): string {
  if (ctx.flask010) {
    const data = py2DictRepr(session.data, session.writtenKeys, py2SessionOrder(session.loadedKeys, session.ops));
    return session.kind === "weak" ? data : `<${session.className} ${data}>`;
  }
  // WeakSession(dict, SessionMixin) keeps dict's repr; SecureCookieSession is a CallbackDict.
  return session.kind === "weak" ? dictRepr(session.data) : sessionRepr(session.className, session.data);
}

/** A 200 with the body's own Content-Length, as Flask's Response sets it. */
export function textResponse(body: string, contentType: string): Dispatched {
  return {
    status: 200,
    statusText: "OK",
    headers: [
      ["Content-Type", contentType],
      ["Content-Length", String(byteLength(body))],
    ],
    body,
    lazyLength: false,
  };
}

/**
 * An exception the app's code or an extension raises (a TypeError, a UnicodeEncodeError): Flask
 * answers it with its 500 page, and the session is still saved on that answer.
 */
export class RaisedInApp extends Error {}

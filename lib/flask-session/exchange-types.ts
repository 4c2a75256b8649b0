/** The shapes of one demo exchange: the request an app reads, and the exchange it produces. */
import type { SessionOpening } from "./exchange-narration";
import type { AppName } from "./knobs";
import type { HeaderList } from "./response-headers";

export type SessionSnapshot = {
  /** What the view would print: Python 3's repr (Flask 2.2 and 3.1) or Python 2's (Flask 0.10). */
  repr: string;
  /** Flask's tagged JSON of the session data, or null when it cannot be serialised. */
  json: string | null;
  /** One sentence on where this session came from or what became of it. */
  outcome: string;
};

/**
 * The session the request starts with, and how open_session came by it as a code (the sentence in
 * `outcome` words the same fact): a page tells a loaded session from a new one by `opening`.
 */
export type OpenedSnapshot = SessionSnapshot & { opening: SessionOpening["how"] };

export type FlaskExchange = {
  app: AppName;
  flaskVersion: "2.2.2" | "3.1.3" | "0.10.1";
  request: { method: string; url: string; cookieHeader: string | null };
  status: number;
  statusText: string;
  /** Every header in the order Flask sends it. */
  headers: HeaderList;
  /** The body as sent: empty for HEAD, whose Content-Length still counts the GET body. */
  body: string;
  session: { before: OpenedSnapshot | null; after: SessionSnapshot | null };
  setCookie: string | null;
  reason: string;
  warnings: string[];
};

/**
 * What the apps read of a request's headers: a case-insensitive lookup with `Headers.get`'s
 * contract (null when absent). A `Headers` object is one; a Node server can pass a view of its own
 * parsed headers instead of copying them into a `Headers` on every request.
 */
export type HeaderReader = { get(name: string): string | null };

export type ExchangeRequest = { method: string; url: URL; headers: HeaderReader };
export type ExchangeOptions = {
  secret: string;
  nowMs: number;
  /** The request came over HTTPS: run with SESSION_COOKIE_SECURE = True, as a Flask app served over HTTPS should. */
  secureCookies?: boolean;
};

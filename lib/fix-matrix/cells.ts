/**
 * The "Which fix works?" matrix as data: its situations (the requests of
 * scripts/fixtures/gen_fix_transcripts.py's SITUATIONS), the fixes' names, and how an answer reads
 * as a cell (verdict, badges, sentence). Pure, so the page's live button can use it too; matrix.ts
 * computes the cells with the API's handler.
 */
import { FIXES, type Fix } from "@/lib/flask-session/fix-knobs";
import { deletesCookie, parseSetCookie } from "@/lib/live-demo/jar";

export { FIXES, type Fix };

export type SituationId = "view-writes" | "permanent-refresh" | "principal-identity" | "principal-next" | "session-cleared" | "flask-login-login";

export type Situation = {
  id: SituationId;
  title: string;
  /** What the request does, in a sentence. */
  detail: string;
  app: "persistent" | "principal";
  /** The app's own query (the fix is added to it). */
  query: string;
  /** Every situation but the login is an API call with alice's token; the login is a browser's. */
  token: boolean;
  /** The session the request's cookie carries (Flask's tagged JSON), signed when the request is made. */
  cookie: string | null;
  /** How the live run gets that cookie into the browser first: a request to the plain app (no fix). */
  setup: string | null;
};

export const SITUATIONS: readonly Situation[] = [
  {
    id: "view-writes",
    title: "The view writes the session",
    detail: "An API call whose view sets session['key'] = 'value'.",
    app: "persistent",
    query: "action=write",
    token: true,
    cookie: null,
    setup: null,
  },
  {
    id: "permanent-refresh",
    title: "A permanent session is refreshed",
    detail: "An API call with a permanent session cookie; the view leaves the session alone (SESSION_REFRESH_EACH_REQUEST on).",
    app: "persistent",
    query: "action=nothing",
    token: true,
    cookie: '{"_permanent":true,"key":"value"}',
    setup: "action=write&permanent=1",
  },
  {
    id: "principal-identity",
    title: "Flask-Principal records an identity",
    detail: "An API call with a token, no cookie: Principal's identity_changed saves identity.id and identity.auth_type.",
    app: "principal",
    query: "",
    token: true,
    cookie: null,
    setup: null,
  },
  {
    id: "principal-next",
    title: "The next request carries the identity",
    detail: "The same API call with the identity cookie: Principal loads it and saves it again, on every request.",
    app: "principal",
    query: "",
    token: true,
    cookie: '{"identity.auth_type":"token","identity.id":"alice"}',
    setup: "",
  },
  {
    id: "session-cleared",
    title: "The session is cleared",
    detail: "An API call with a session cookie whose view calls session.clear().",
    app: "persistent",
    query: "action=clear",
    token: true,
    cookie: '{"key":"value"}',
    setup: "action=write",
  },
  {
    id: "flask-login-login",
    title: "A Flask-Login login",
    detail: "A browser's login form (no token): the view calls login_user(alice).",
    app: "persistent",
    query: "action=login",
    token: false,
    cookie: null,
    setup: null,
  },
];

export const FIX_TITLES: Record<Fix, string> = {
  none: "No fix",
  "should-set-cookie": "should_set_cookie returns False",
  "flask-login-recipe": "Flask-Login’s “Disabling Session Cookie for APIs”",
  "no-secret-key": "No secret_key",
  "weak-interface": "The article’s WeakSessionInterface",
  "httponly-none": "SESSION_COOKIE_HTTPONLY = None",
  "before-request-return-first": "before_request returns early, registered first",
  "before-request-return-last": "before_request returns early, registered last",
  "after-request-delete-cookie": "after_request deletes the cookie",
  "after-request-remove-header": "after_request removes Set-Cookie",
  "wsgi-strip": "WSGI middleware strips Set-Cookie",
};

/** What a reader sees first in a cell: does the session cookie reach the client? */
export type Verdict = "no-cookie" | "cookie-set" | "cookie-deleted" | "server-error";

export type Badge = "Set-Cookie" | "deletion" | "Vary: Cookie" | "500" | "no HttpOnly" | "Path=/ deletion";

export type CellRequest = { method: "GET"; path: string; headers: Record<string, string> };

export type Cell = {
  fix: Fix;
  situation: SituationId;
  request: CellRequest;
  status: number;
  verdict: Verdict;
  badges: Badge[];
  /** The session Set-Cookie headers, in order. */
  setCookies: string[];
  vary: string | null;
};

export function cellId(fix: Fix, situation: SituationId): string {
  return `fix-${fix}-situation-${situation}`;
}

export function situationPath(situation: Situation, fix: Fix): string {
  return `/api/flask/${situation.app}/?${situation.query ? `${situation.query}&` : ""}fix=${fix}`;
}

/** The verdict and badges of an answer, read from its status and headers as a client would. */
export function classify(status: number, headers: Array<[string, string]>): Pick<Cell, "verdict" | "badges" | "setCookies" | "vary"> {
  const setCookies = headers.filter(([name, value]) => name.toLowerCase() === "set-cookie" && value.startsWith("session=")).map(([, value]) => value);
  const vary = headers.find(([name]) => name.toLowerCase() === "vary")?.[1] ?? null;
  const badges: Badge[] = [];
  let last: "set" | "delete" | null = null;
  for (const header of setCookies) {
    const parsed = parseSetCookie(header);
    if (!parsed) continue;
    const deletion = deletesCookie(parsed, 0);
    const path = parsed.attributes.find(([key]) => key.toLowerCase() === "path")?.[1];
    if (deletion && path === "/") badges.push("Path=/ deletion");
    else if (deletion) badges.push("deletion");
    else {
      badges.push("Set-Cookie");
      if (!parsed.attributes.some(([key]) => key.toLowerCase() === "httponly")) badges.push("no HttpOnly");
    }
    // A Path=/ deletion does not touch the cookie the app set for its own path.
    if (!(deletion && path === "/")) last = deletion ? "delete" : "set";
  }
  if (vary && vary.split(",").some((v) => v.trim().toLowerCase() === "cookie")) badges.push("Vary: Cookie");
  if (status >= 500) badges.push("500");
  const verdict: Verdict = status >= 500 ? "server-error" : last === "set" ? "cookie-set" : last === "delete" ? "cookie-deleted" : "no-cookie";
  return { verdict, badges, setCookies, vary };
}

/** The verdict in words, for the cell and for screen readers. */
export const VERDICT_WORDS: Record<Verdict, string> = {
  "no-cookie": "No session cookie",
  "cookie-set": "Cookie sent",
  "cookie-deleted": "Cookie deleted",
  "server-error": "500 error",
};

/** One sentence per cell, from what the answer carries. */
export function cellSentence(cell: Cell): string {
  const vary = cell.badges.includes("Vary: Cookie");
  switch (cell.verdict) {
    case "server-error":
      return "Flask answers 500: the request fails.";
    case "cookie-set": {
      const extra = cell.badges.includes("Path=/ deletion") ? " after a useless deletion for Path=/" : "";
      return `The session cookie is set${cell.badges.includes("no HttpOnly") ? ", without HttpOnly" : ""}${extra}.`;
    }
    case "cookie-deleted":
      return "A deleting Set-Cookie is sent: the client loses its cookie.";
    case "no-cookie": {
      // A login whose cookie never comes is a login the browser forgets.
      const lost = cell.situation === "flask-login-login" ? " The browser is not kept logged in." : "";
      if (cell.badges.includes("Path=/ deletion")) return `Only a deletion for Path=/, which misses the session cookie's path.${lost}`;
      return `${vary ? "No Set-Cookie, but Vary: Cookie still is." : "No Set-Cookie and no Vary: nothing about the session."}${lost}`;
    }
  }
}

/**
 * Where the demo apps live and how Werkzeug routes a request to their one rule, `/` (GET, and so
 * HEAD and OPTIONS): the trailing-slash redirect, 404, 405 and the automatic OPTIONS answer.
 */
import type { AppName } from "./knobs";
import type { HeaderList } from "./response-headers";
import { methodNotAllowed, notFound, strictSlashRedirect, type PageResponse } from "./werkzeug-pages";

export const MOUNT = "/api/flask/";

export function appRoot(app: AppName): string {
  return MOUNT + app;
}

/**
 * Werkzeug fills `Allow` from a set, so real Flask's order depends on the process's hash seed;
 * this is the order it has with PYTHONHASHSEED=0, as the transcripts are recorded.
 */
const ALLOW = "GET, HEAD, OPTIONS";

export type Route = { kind: "index" } | { kind: "options" } | { kind: "page"; page: PageResponse };

/**
 * Werkzeug's URL map for an app with one rule, `/`. `validateHost`: Werkzeug 3.1.7 and later
 * (Flask 3.1.3's) check the Host's characters (see werkzeugHost).
 */
export function matchRoute(app: AppName, method: string, url: URL, hostHeader: string | null, validateHost: boolean): Route {
  const rest = url.pathname.slice(appRoot(app).length);
  if (rest === "") {
    // strict_slashes: the rule "/" matches the root with its slash, and without it Werkzeug
    // redirects, but only for a method the rule takes: for any other, no rule matches at all
    // (werkzeug/routing/matcher.py raises SlashRequired only when the method is allowed), a 404.
    if (method !== "GET" && method !== "HEAD" && method !== "OPTIONS") return { kind: "page", page: notFound() };
    const scheme = url.protocol.slice(0, -1);
    const host = werkzeugHost(scheme, hostHeader ?? url.host, validateHost);
    return { kind: "page", page: strictSlashRedirect(`${scheme}://${host}${appRoot(app)}/${url.search}`) };
  }
  if (rest !== "/") return { kind: "page", page: notFound() };
  if (method === "GET" || method === "HEAD") return { kind: "index" };
  if (method === "OPTIONS") return { kind: "options" };
  return { kind: "page", page: methodNotAllowed(ALLOW) };
}

/** make_default_options_response: an empty Response whose Content-Length the server adds last. */
export function optionsHeaders(): HeaderList {
  return [
    ["Content-Type", "text/html; charset=utf-8"],
    ["Allow", ALLOW],
  ];
}

/**
 * The host a Werkzeug redirect names: `sansio.utils.get_host` drops the scheme's default port,
 * and `Map.bind_to_environ` lower-cases the result. Werkzeug 3.1.7 and later (Flask 3.1.3's)
 * also check its characters (`_host_re`: a name or IPv4 address, or a bracketed IPv6 one, and an
 * optional port) and use the empty string for anything else. (Werkzeug then IDNA-encodes the name;
 * that is left out: docs/fidelity.md, "Known differences".)
 */
function werkzeugHost(scheme: string, hostHeader: string, validated = false): string {
  let host = hostHeader;
  if ((scheme === "http" || scheme === "ws") && host.endsWith(":80")) host = host.slice(0, -3);
  else if ((scheme === "https" || scheme === "wss") && host.endsWith(":443")) host = host.slice(0, -4);
  if (validated && !WERKZEUG_HOST_RE.test(host)) return "";
  return host.toLowerCase();
}

/** werkzeug/sansio/utils.py `_host_re` (3.1.8), matched in full, ASCII, ignoring case. */
const WERKZEUG_HOST_RE = /^(?:[a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::[0-9]+)?$/i;

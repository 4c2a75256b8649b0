/**
 * Whether the site's demo apps sign with the key the article publishes. The tamper lab forges
 * cookies with that key; a server run with its own DEMO_SECRET_KEY signs with a key the page does
 * not (and must not) know, and would reject every forged cookie as a bad signature, so the lab
 * checks first. It asks an app to write a session and verifies the cookie in the answer's JSON
 * view against the published key. The request carries no cookie and stores none
 * (`credentials: "omit"`), so the check leaves the reader's browser as it was.
 */
import { DEFAULT_SECRET } from "@/lib/flask-session/demo-secret";
import { verifyToken } from "@/lib/flask-session/signer";
import { splitSetCookie } from "@/lib/flask-session/werkzeug-cookies";

/** The key the article publishes, which the demo apps use unless the server has its own. */
export const PUBLISHED_KEY = DEFAULT_SECRET;

/**
 * `published`: the apps sign with PUBLISHED_KEY. `other-key`: they sign with another one.
 * `unreachable`: the demo API did not answer with a signed cookie (`status` when it answered).
 */
export type DemoKeyCheck = { key: "published" } | { key: "other-key" } | { key: "unreachable"; status: number | null };

type Fetcher = (input: string, init: RequestInit) => Promise<Response>;

/** The session value of a Set-Cookie header, or null when there is none. */
function sessionValue(setCookie: unknown): string | null {
  if (typeof setCookie !== "string") return null;
  const { pair } = splitSetCookie(setCookie);
  const equals = pair.indexOf("=");
  const value = equals < 0 ? "" : pair.slice(equals + 1).trim();
  return value === "" ? null : value;
}

export async function checkDemoKey(fetcher: Fetcher = (input, init) => fetch(input, init)): Promise<DemoKeyCheck> {
  let response: Response;
  try {
    response = await fetcher("/api/flask/persistent/?action=write&view=json", {
      cache: "no-store",
      credentials: "omit",
      headers: { Accept: "application/json" },
    });
  } catch {
    return { key: "unreachable", status: null };
  }
  if (!response.ok) return { key: "unreachable", status: response.status };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { key: "unreachable", status: response.status };
  }
  const cookie = sessionValue(typeof body === "object" && body !== null ? (body as { setCookie?: unknown }).setCookie : null);
  if (cookie === null) return { key: "unreachable", status: response.status };
  // The signature alone: the cookie was signed just now, and its age is not the question.
  const verified = await verifyToken(cookie, PUBLISHED_KEY, { maxAge: null });
  return verified.ok ? { key: "published" } : { key: "other-key" };
}

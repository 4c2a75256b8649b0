/**
 * How an emulated culprit answer is compared with real Flask's (the replay of the recorded
 * transcripts and the live cross-check): byte for byte, except Flask-WTF's random token and the
 * session cookie holding it (compared by shape and by what they decode to), and compressed session
 * cookies (compared decoded: zlib builds may differ in their bytes).
 */
import { expect } from "vitest";
import { signCsrfToken, loadCsrfToken } from "@/lib/flask-session/apps/flask-wtf";
import { decodeSessionCookie } from "@/lib/flask-session/cookie";
import { dumpsTagged } from "@/lib/flask-session/tagged-json";

export type Answer = { status: number; statusText: string; headers: Array<[string, string]>; body: string };

const CSRF_FIELD = /name="csrf_token" type="hidden" value="([^"]*)"/;

export function splitCookie(header: string) {
  const [pair, ...attributes] = header.split("; ");
  const at = pair.indexOf("=");
  return { name: pair.slice(0, at), value: pair.slice(at + 1), attributes };
}

async function sessionOf(value: string, secret: string, now: number) {
  const decoded = await decodeSessionCookie(value, secret, { now });
  expect(decoded.outcome, value).toBe("ok");
  return decoded.outcome === "ok" ? decoded.session : null;
}

/** Two session cookie values that hold the same session (equal bytes, or both decoding alike). */
export async function sameSessionValue(ours: string, flask: string, secret: string, now: number): Promise<void> {
  if (ours === flask) return;
  const [a, b] = await Promise.all([sessionOf(ours, secret, now), sessionOf(flask, secret, now)]);
  expect(a && dumpsTagged(a)).toBe(b && dumpsTagged(b));
}

/**
 * Compares one answer; returns the CSRF token the emulated page carries (to send back), if any.
 * `random`: the answer is Flask-WTF's, whose token is random on both sides.
 */
export async function sameAnswer(ours: Answer, flask: Answer, secret: string, now: number, random: boolean): Promise<string | null> {
  expect([ours.status, ours.statusText]).toEqual([flask.status, flask.statusText]);
  expect(ours.headers.map(([n]) => n)).toEqual(flask.headers.map(([n]) => n));
  const others = (list: Array<[string, string]>) => list.filter(([n]) => n !== "Set-Cookie");
  expect(others(ours.headers)).toEqual(others(flask.headers));
  const cookiesOf = (list: Array<[string, string]>) => list.filter(([n]) => n === "Set-Cookie").map(([, v]) => splitCookie(v));
  const [a, b] = [cookiesOf(ours.headers), cookiesOf(flask.headers)];
  for (let i = 0; i < a.length; i++) {
    expect([a[i].name, a[i].attributes]).toEqual([b[i].name, b[i].attributes]);
    if (a[i].name !== "session" || a[i].value === "" || b[i].value === "") expect(a[i].value).toBe(b[i].value);
    else if (!random) await sameSessionValue(a[i].value, b[i].value, secret, now);
  }
  const ourToken = CSRF_FIELD.exec(ours.body)?.[1];
  const flaskToken = CSRF_FIELD.exec(flask.body)?.[1];
  if (!random || !ourToken || !flaskToken) {
    expect(ours.body).toBe(flask.body);
    return ourToken ?? null;
  }
  expect(ours.body.replace(ourToken, "TOKEN")).toBe(flask.body.replace(flaskToken, "TOKEN"));
  // The token is the session's csrf_token signed: Flask's re-signed by the emulation is the same bytes,
  // and the emulation's loads back as the value it stored.
  const loaded = await loadCsrfToken(flaskToken, secret, now);
  expect(loaded.ok && typeof loaded.value === "string" && /^[0-9a-f]{40}$/.test(loaded.value)).toBe(true);
  if (loaded.ok && typeof loaded.value === "string") expect(await signCsrfToken({ type: "str", value: loaded.value }, secret, now)).toBe(flaskToken);
  const ourLoaded = await loadCsrfToken(ourToken, secret, now);
  expect(ourLoaded.ok && typeof ourLoaded.value === "string" && /^[0-9a-f]{40}$/.test(ourLoaded.value)).toBe(true);
  if (a[0]?.name === "session" && ourLoaded.ok) {
    const session = await sessionOf(a[0].value, secret, now);
    expect(session?.entries.get("csrf_token")).toEqual({ type: "str", value: ourLoaded.value });
  }
  return ourToken;
}

/** A browser's cookie jar, as far as the demo apps need it: by name and path, longer paths sent first. */
export class CookieJar {
  private readonly cookies = new Map<string, { name: string; path: string; value: string }>();

  update(headers: Array<[string, string]>): void {
    for (const [name, header] of headers) {
      if (name !== "Set-Cookie") continue;
      const cookie = splitCookie(header);
      const path = cookie.attributes.find((a) => a.startsWith("Path="))?.slice(5) ?? "/";
      const key = `${cookie.name}@${path}`;
      if (cookie.attributes.includes("Max-Age=0")) this.cookies.delete(key);
      else this.cookies.set(key, { name: cookie.name, path, value: cookie.value });
    }
  }

  forget(name: string): void {
    for (const [key, cookie] of this.cookies) if (cookie.name === name) this.cookies.delete(key);
  }

  /** The Cookie header for a request to `path`, or null. */
  header(path: string): string | null {
    const sent = [...this.cookies.values()].filter((c) => c.path === "/" || path === c.path || path.startsWith(`${c.path}/`));
    sent.sort((x, y) => y.path.length - x.path.length);
    return sent.length ? sent.map((c) => `${c.name}=${c.value}`).join("; ") : null;
  }
}

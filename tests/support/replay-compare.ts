/**
 * How the replays and the live cross-checks compare an answer of ours with real Flask's: headers in
 * Flask's order, each value byte for byte, except a Set-Cookie whose value is compressed, which is
 * compared by what it decodes to (zlib builds differ in their bytes, not in what they inflate to).
 */
import { expect } from "vitest";
import { decodeSessionCookie } from "@/lib/flask-session/cookie";
import { dumpsTagged } from "@/lib/flask-session/tagged-json";

/** The key and clock the cookies were signed with. */
export type SigningContext = { secret: string; now: number };

/** Two Set-Cookie headers agree: same name and attributes, and the same value or the same decoded session and timestamp. */
export async function expectSameSetCookie(ours: string, flask: string, signing: SigningContext, label?: string): Promise<void> {
  const split = (header: string) => {
    const [pair, ...attributes] = header.split("; ");
    return { name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), attributes };
  };
  const a = split(ours);
  const b = split(flask);
  expect([a.name, a.attributes], label).toEqual([b.name, b.attributes]);
  if (!a.value.startsWith(".") && !b.value.startsWith(".")) {
    expect(a.value, label).toBe(b.value);
    return;
  }
  const opts = { now: signing.now };
  const [da, db] = await Promise.all([decodeSessionCookie(a.value, signing.secret, opts), decodeSessionCookie(b.value, signing.secret, opts)]);
  expect([da.outcome, db.outcome], label).toEqual(["ok", "ok"]);
  if (da.outcome === "ok" && db.outcome === "ok") {
    expect(dumpsTagged(da.session), label).toBe(dumpsTagged(db.session));
    expect(da.timestamp, label).toBe(db.timestamp);
  }
}

type Headers = Array<[string, string]>;

/** Our headers are Flask's: the same names in the same order, and the same values (Set-Cookie as above). */
export async function expectSameHeaders(ours: Headers, flask: Headers, signing: SigningContext, label?: string): Promise<void> {
  expect(
    ours.map(([n]) => n),
    label,
  ).toEqual(flask.map(([n]) => n));
  for (let i = 0; i < flask.length; i++) {
    const [name, value] = flask[i];
    if (name === "Set-Cookie") await expectSameSetCookie(ours[i][1], value, signing, label);
    else expect([name, ours[i][1]], label).toEqual([name, value]);
  }
}

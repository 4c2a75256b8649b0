import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { decodeTimestamp, signToken, splitToken } from "@/lib/flask-session/signer";

/**
 * Every cookie real Flask opened for tests/fixtures/flask-cookies.json ("open": bad signatures,
 * expiry, malformed timestamps, undecodable payloads, lenient decodes), replayed against the
 * running server's demo apps, expecting Flask's outcome for each: the session it loaded (by its
 * repr), a new empty session, or the 500.
 *
 * Flask opened them at a frozen 2016 clock with two keys; the server runs on today's clock with
 * its own key. So a cookie whose signature Flask accepted (an "ok" or an "undecodable" outcome) is
 * signed again, same payload, with the server's key and today's time, keeping a timestamp that
 * lies in the future (its own failure). A rejected cookie is sent as it is: it fails today too.
 * The leniency of the signature's own base64 is checked in-process (cookie.test.ts), since
 * re-signing replaces the signature.
 */

type Opened = {
  name: string;
  secret: string;
  cookie: string;
  now: number;
  flask: { outcome: "ok" | "rejected" | "undecodable"; sessionRepr?: string; exception?: string };
  status: number;
};

// Playwright runs from the repository root.
const fixtures: { open: Opened[] } = JSON.parse(readFileSync("tests/fixtures/flask-cookies.json", "utf8"));
const SERVER_SECRET = process.env.DEMO_SECRET_KEY || "SomeRandomKey";

/**
 * Flask loads `[[1, 2]]` as a session with a non-str key; the engine's PyDict holds str keys only
 * and answers 500 instead (documented in lib/flask-session/cookie.ts).
 */
const KNOWN_DEVIATIONS = new Set(["signed list with a non-str key"]);

async function replayable(fixture: Opened): Promise<string> {
  if (fixture.flask.outcome === "rejected") return fixture.cookie;
  const parts = splitToken(fixture.cookie);
  if (!parts.ok) throw new Error(`${fixture.name}: Flask verified a cookie the engine cannot split`);
  const now = Math.floor(Date.now() / 1000);
  const stamp = decodeTimestamp(parts.timestamp);
  const timestamp = stamp !== null && stamp > BigInt(now) ? Number(stamp) : now;
  return signToken(parts.payload, SERVER_SECRET, { timestamp });
}

test.describe("bad cookies recorded from real Flask, replayed against the live demo apps", () => {
  test(`all ${fixtures.open.length} get Flask's outcome on the persistent, principal and weak apps`, async ({ request }) => {
    expect(fixtures.open.length).toBeGreaterThan(100);
    const failures: string[] = [];
    for (const fixture of fixtures.open) {
      const cookie = await replayable(fixture);
      const headers = { Cookie: `session=${cookie}` };
      const persistent = await request.get("/api/flask/persistent/?action=nothing", { headers });
      const principal = await request.get("/api/flask/principal/", { headers });
      const weak = await request.get("/api/flask/weak/", { headers });
      const body = await persistent.text();
      const got = `${persistent.status()}/${principal.status()}/${weak.status()}`;

      let expected: string;
      let bodyOk: boolean;
      if (KNOWN_DEVIATIONS.has(fixture.name) || fixture.flask.outcome === "undecodable") {
        expected = "500/500/200";
        bodyOk = body.includes("<title>500 Internal Server Error</title>");
      } else {
        expected = "200/200/200";
        const repr = fixture.flask.outcome === "ok" ? fixture.flask.sessionRepr : "<SecureCookieSession {}>";
        bodyOk = body.startsWith(`session: ${repr}, \n`);
      }
      if (got !== expected || !bodyOk)
        failures.push(
          `${fixture.name} (${fixture.secret}): Flask ${fixture.flask.outcome}, expected ${expected}, got ${got}${bodyOk ? "" : `, body ${body.slice(0, 120)}`}`,
        );
    }
    expect(failures).toEqual([]);
  });
});

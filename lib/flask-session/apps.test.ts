import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectSameHeaders } from "@/tests/support/replay-compare";
import { runFlaskExchange } from "./apps";
import { isAppName, parseKnobs } from "./knobs";

type Transcript = {
  secret: string;
  now: number;
  scenarios: Array<{
    id: string;
    description: string;
    exchanges: Array<{
      request: { method: string; url: string; headers: Array<[string, string]> };
      response: { status: number; headers: Array<[string, string]>; body: string };
    }>;
  }>;
};

const transcripts: Transcript = JSON.parse(readFileSync(new URL("../../tests/fixtures/transcripts.json", import.meta.url), "utf8"));
// The same scenarios answered by Flask 3.1.3 (scripts/fixtures/generate.sh with FLASK31_PYTHON), replayed with flask=3.1.
const transcripts31: Transcript = JSON.parse(readFileSync(new URL("../../tests/fixtures/transcripts-flask-3.1.json", import.meta.url), "utf8"));

describe.each([
  { rules: "Flask 2.2", flask: null, recorded: transcripts },
  { rules: "Flask 3.1.3", flask: "3.1", recorded: transcripts31 },
])("the emulated apps replay real $rules's transcripts", ({ flask, recorded }) => {
  it("were recorded from the same scenarios", () => {
    expect(recorded.scenarios.map((s) => s.id)).toEqual(transcripts.scenarios.map((s) => s.id));
  });
  for (const scenario of recorded.scenarios) {
    it(`${scenario.id}: ${scenario.description}`, async () => {
      for (const { request, response } of scenario.exchanges) {
        const url = new URL(request.url, "http://localhost");
        const name = url.pathname.split("/")[3];
        expect(isAppName(name)).toBe(true);
        if (!isAppName(name)) return;
        const parsed = parseKnobs(url.searchParams, null);
        if ("error" in parsed) throw new Error(parsed.message);
        // The reference apps ignore `flask`: the rule set is chosen here, the URL left as recorded.
        const knobs = flask === null ? parsed : { ...parsed, flask: flask as "3.1" };
        const headers = new Headers([["Host", "localhost"], ...request.headers]);
        const ours = await runFlaskExchange(
          name,
          knobs,
          { method: request.method, url, headers },
          { secret: transcripts.secret, nowMs: transcripts.now * 1000 },
        );

        expect(ours.status).toBe(response.status);
        expect(ours.body).toBe(response.body);
        await expectSameHeaders(ours.headers, response.headers, transcripts);
        const flaskSetCookie = response.headers.find(([n]) => n === "Set-Cookie")?.[1] ?? null;
        expect(ours.setCookie === null).toBe(flaskSetCookie === null);
        // The reason shown to the reader names Vary only when Flask sent it.
        if (/Vary: Cookie/.test(ours.reason)) expect(response.headers).toContainEqual(["Vary", "Cookie"]);
      }
    });
  }
});

/** Real Flask's strict-slash redirects for Host headers of every kind (scripts/fixtures/gen_host_redirects.py). */
type HostRedirects = {
  versions: { flask: string; werkzeug: string };
  url: string;
  cases: Array<{ scheme: string; host: string; status: number; location: string | null }>;
};
const hostRedirects = (file: string): HostRedirects => JSON.parse(readFileSync(new URL(`../../tests/fixtures/${file}`, import.meta.url), "utf8"));

describe.each([
  { rules: "2.2", flask: null, recorded: hostRedirects("host-redirects.json") },
  { rules: "3.1", flask: "3.1", recorded: hostRedirects("host-redirects-flask-3.1.json") },
])("the strict-slash redirect names the host as real Flask $recorded.versions.flask (Werkzeug $recorded.versions.werkzeug) does", ({ flask, recorded }) => {
  // Werkzeug 2.2 drops the scheme's default port and lower-cases the rest; Werkzeug 3.1 also turns
  // a Host with characters outside a name, an address and a port into the empty string.
  for (const { scheme, host, status, location } of recorded.cases) {
    it(`${scheme} with Host: ${host}`, async () => {
      const url = new URL(`${scheme}://localhost${recorded.url}`);
      const knobs = parseKnobs(new URLSearchParams(flask ? `flask=${flask}` : ""), null);
      if ("error" in knobs) throw new Error(knobs.message);
      const ours = await runFlaskExchange(
        "persistent",
        knobs,
        { method: "GET", url, headers: new Headers({ Host: host }) },
        { secret: transcripts.secret, nowMs: transcripts.now * 1000 },
      );
      expect(ours.status).toBe(status);
      expect(ours.headers.find(([name]) => name === "Location")?.[1] ?? null).toBe(location);
    });
  }
});

import { describe, expect, it } from "vitest";
import { answerFlaskRequest } from "../../lib/flask-session/handler";
import { APP_NAMES } from "../../lib/flask-session/knobs";
import { buildMix, expectedStatus, MIX, type MixCase } from "./mix";

const base: MixCase = { name: "t", method: "GET", app: "persistent", rest: "/", query: {}, cookie: "none" };

describe("expectedStatus", () => {
  it("follows the order of the checks: app, knobs, JSON view, session, routing, method", () => {
    expect(expectedStatus(base)).toBe(200);
    expect(expectedStatus({ ...base, app: "flask" })).toBe(404);
    expect(expectedStatus({ ...base, app: "flask", query: { flask: "1999" } })).toBe(404);
    expect(expectedStatus({ ...base, query: { flask: "1999" }, cookie: "undecodable" })).toBe(400);
    expect(expectedStatus({ ...base, query: { action: "explode" } })).toBe(400);
    expect(expectedStatus({ ...base, query: { permanent: "yes" } })).toBe(400);
    expect(expectedStatus({ ...base, query: { view: "xml" } })).toBe(400);
    expect(expectedStatus({ ...base, query: { view: "json" }, cookie: "undecodable", method: "POST" })).toBe(200);
    expect(expectedStatus({ ...base, cookie: "undecodable", rest: "/nope" })).toBe(500);
    expect(expectedStatus({ ...base, app: "weak", cookie: "undecodable" })).toBe(200);
    expect(expectedStatus({ ...base, rest: "" })).toBe(308);
    expect(expectedStatus({ ...base, rest: "", method: "OPTIONS" })).toBe(308);
    expect(expectedStatus({ ...base, rest: "", method: "POST" })).toBe(404);
    expect(expectedStatus({ ...base, rest: "/x/" })).toBe(404);
    expect(expectedStatus({ ...base, method: "HEAD" })).toBe(200);
    expect(expectedStatus({ ...base, method: "OPTIONS" })).toBe(200);
    expect(expectedStatus({ ...base, method: "DELETE" })).toBe(405);
  });

  it("takes the rule sets' names and their older ones, own keys only", () => {
    expect(expectedStatus({ ...base, query: { flask: "2.2" } })).toBe(200);
    expect(expectedStatus({ ...base, query: { flask: "0.10" } })).toBe(200);
    expect(expectedStatus({ ...base, query: { flask: "2016" } })).toBe(200);
    expect(expectedStatus({ ...base, query: { flask: "today" } })).toBe(200);
    expect(expectedStatus({ ...base, query: { flask: "__proto__" } })).toBe(400);
    expect(expectedStatus({ ...base, query: { flask: "toString" } })).toBe(400);
  });
});

describe("the mix", () => {
  it("covers every app, every rule set, both views, HEAD and each error status", () => {
    for (const app of APP_NAMES) expect(MIX.some((c) => c.app === app)).toBe(true);
    for (const flask of [undefined, "2.2", "3.1", "0.10"]) expect(MIX.some((c) => c.query.flask === flask)).toBe(true);
    expect(MIX.some((c) => c.query.view === "json")).toBe(true);
    expect(MIX.some((c) => c.method === "HEAD")).toBe(true);
    expect(new Set(MIX.map(expectedStatus))).toEqual(new Set([200, 308, 400, 404, 405, 500]));
    expect(new Set(MIX.map((c) => c.name)).size).toBe(MIX.length);
  });

  it("gets from the engine exactly the status the model expects, case by case", async () => {
    const secret = "load-test-key";
    const now = Date.UTC(2026, 0, 1) / 1000;
    const requests = await buildMix(secret, now);
    for (const request of requests) {
      const answer = await answerFlaskRequest(
        { method: request.method, url: new URL(`http://localhost:3000${request.path}`), headers: new Headers({ host: "localhost:3000", ...request.headers }) },
        { secret, now: () => now * 1000 },
      );
      expect({ name: request.name, status: answer.status }).toEqual({ name: request.name, status: request.expected });
    }
  });

  it("signs its good cookies with the key it is given: another key gets new sessions", async () => {
    const now = Date.UTC(2026, 0, 1) / 1000;
    const [request] = (await buildMix("one-key", now)).filter((r) => r.name === "persistent, 3.1 rules, read");
    const read = async (secret: string) =>
      (
        await answerFlaskRequest(
          { method: "GET", url: new URL(`http://localhost${request.path}`), headers: new Headers(request.headers) },
          { secret, now: () => now * 1000 },
        )
      ).body;
    expect(await read("one-key")).toContain("value");
    expect(await read("other-key")).not.toContain("value");
  });
});

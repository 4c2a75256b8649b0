import { describe, expect, it } from "vitest";
import { handleFlaskRequest } from "@/lib/flask-session/handler";
import { checkDemoKey, PUBLISHED_KEY } from "./demo-key";

/** The demo API itself, in process, run with `secret` (undefined: the server's default). */
function demoApi(secret: string | undefined, seen: RequestInit[] = []) {
  return (input: string, init: RequestInit) => {
    seen.push(init);
    return handleFlaskRequest(new Request(new URL(input, "http://localhost"), init), { secret });
  };
}

describe("checking which key the demo apps sign with", () => {
  it("knows the published key when the server runs with its default", async () => {
    expect(PUBLISHED_KEY).toBe("SomeRandomKey");
    expect(await checkDemoKey(demoApi(undefined))).toEqual({ key: "published" });
    expect(await checkDemoKey(demoApi("SomeRandomKey"))).toEqual({ key: "published" });
  });

  it("sees that a server run with DEMO_SECRET_KEY signs with another key", async () => {
    expect(await checkDemoKey(demoApi("an operator's own key"))).toEqual({ key: "other-key" });
  });

  it("sends no cookie and keeps none", async () => {
    const seen: RequestInit[] = [];
    await checkDemoKey(demoApi(undefined, seen));
    expect(seen).toHaveLength(1);
    expect(seen[0].credentials).toBe("omit");
  });

  it("says the API is unreachable rather than guessing", async () => {
    expect(await checkDemoKey(() => Promise.reject(new TypeError("Failed to fetch")))).toEqual({ key: "unreachable", status: null });
    expect(await checkDemoKey(() => Promise.resolve(new Response("Bad gateway", { status: 502 })))).toEqual({ key: "unreachable", status: 502 });
    expect(await checkDemoKey(() => Promise.resolve(new Response("<html>proxy page</html>", { status: 200 })))).toEqual({ key: "unreachable", status: 200 });
    expect(await checkDemoKey(() => Promise.resolve(Response.json({ setCookie: null })))).toEqual({ key: "unreachable", status: 200 });
  });
});

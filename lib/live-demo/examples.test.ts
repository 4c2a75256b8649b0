import { describe, expect, it } from "vitest";
import { decodeSessionCookie } from "@/lib/flask-session/cookie";
import { defaultConfig } from "./config";
import { headerValues } from "./exchange";
import { buildExample, EXAMPLE_TIME_MS } from "./examples";

describe("the build-time examples", () => {
  it("show the article's view setting the cookie, then receiving it back", async () => {
    const example = await buildExample(defaultConfig("persistent"));
    const [first, second] = example.exchanges;
    expect(first.request.cookieHeader).toBeNull();
    expect(first.response.body).toBe("session: <SecureCookieSession {}>, \ncookies: ImmutableMultiDict([])\n");
    expect(headerValues(first, "set-cookie")).toEqual([first.setCookie]);
    const value = first.setCookie!.split(";")[0].slice("session=".length);
    expect(second.request.cookieHeader).toBe(`session=${value}`);
    expect(second.response.body).toBe(`session: <SecureCookieSession {'key': 'value'}>, \ncookies: ImmutableMultiDict([('session', '${value}')])\n`);
    const decoded = await decodeSessionCookie(value, "SomeRandomKey", { now: EXAMPLE_TIME_MS / 1000 });
    expect(decoded.outcome).toBe("ok");
  });

  it("show the weak app never setting a cookie, so the second request carries none", async () => {
    const example = await buildExample(defaultConfig("weak"));
    expect(example.exchanges.map((exchange) => exchange.setCookie)).toEqual([null, null]);
    expect(example.exchanges[1].request.cookieHeader).toBeNull();
    expect(example.held).toBeNull();
  });

  it("send the principal apps the token and follow their cookie", async () => {
    const withSessions = await buildExample(defaultConfig("principal"));
    expect(withSessions.exchanges[0].session.after?.repr).toContain("'identity.id': 'alice'");
    expect(withSessions.held).not.toBeNull();
    const without = await buildExample(defaultConfig("principal-no-sessions"));
    expect(without.exchanges.every((exchange) => exchange.setCookie === null)).toBe(true);
    expect(JSON.parse(without.exchanges[0].response.body)).toEqual({ identity: { auth_type: "token", id: "alice" } });
  });

  it("are the same on every build: the clock is fixed", async () => {
    const [a, b] = await Promise.all([buildExample(defaultConfig("persistent")), buildExample(defaultConfig("persistent"))]);
    expect(a).toEqual(b);
  });

  it("sign with the key they are given", async () => {
    const example = await buildExample(defaultConfig("persistent"), { secret: "another key", count: 1 });
    const value = example.held!.value;
    expect((await decodeSessionCookie(value, "SomeRandomKey", { now: EXAMPLE_TIME_MS / 1000 })).outcome).toBe("rejected");
    expect((await decodeSessionCookie(value, "another key", { now: EXAMPLE_TIME_MS / 1000 })).outcome).toBe("ok");
  });
});

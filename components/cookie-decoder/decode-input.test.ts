/**
 * The decoder's whole reading of an input, forensics included, on what real Flask and the real
 * extensions sent (tests/fixtures/extension-cookies.json): a `curl -i` answer gets every cookie
 * explained, a lone remember token or server-side id is explained instead of failing as base64.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ARTICLE_COOKIE } from "@/lib/cookie-decoder/examples";
import { step } from "@/lib/session-keys/recorded-fixture";
import { curlAnswer as curlAnswerOf } from "@/tests/support/curl-answer";
import { decodeInput } from "./decode-input";

const NOW = 1459973397;

const curlAnswer = (stepId: string) => curlAnswerOf(step(stepId));

describe("decodeInput with forensics", () => {
  it("a curl -i answer with a session cookie and a remember_token: both explained, the session's keys attributed", async () => {
    const decoded = await decodeInput(curlAnswer("flask-login-remember/login"), NOW);
    expect(decoded.forensics.cookies.map((r) => [r.cookie.name, r.kind])).toEqual([
      ["remember_token", "other"],
      ["session", "session"],
    ]);
    expect(decoded.forensics.cookies[1]).toMatchObject({ shownAbove: true });
    expect(decoded.inspection?.errors).toEqual([]);
    expect(decoded.forensics.attribution?.keys.map((k) => [k.key, k.origins[0]?.entry.library])).toEqual([
      ["_fresh", "flask-login"],
      ["_id", "flask-login"],
      ["_remember_seconds", "flask-login"],
      ["_user_id", "flask-login"],
    ]);
  });

  it("a logout answer: two deletions, each with who sends it", async () => {
    const decoded = await decodeInput(curlAnswer("flask-login-remember/logout"), NOW);
    expect(decoded.read.ok).toBe(false);
    expect(decoded.forensics.cookies.map((r) => [r.cookie.name, r.kind, r.kind === "deletion" ? r.sources.map((s) => s.library) : []])).toEqual([
      ["remember_token", "deletion", ["flask-login", "flask-paranoid"]],
      ["session", "deletion", ["flask"]],
    ]);
  });

  it("a lone remember token is explained, not decoded", async () => {
    const token = step("flask-login-remember/login").setCookies.find((c) => c.name === "remember_token")!.value;
    for (const input of [token, `remember_token=${token}`]) {
      const decoded = await decodeInput(input, NOW);
      expect(decoded.inspection).toBeNull();
      expect(decoded.forensics.other).toMatchObject({ kind: "remember-token", userId: "42" });
    }
  });

  it("a Flask-Session id and Flask-Security's XSRF-TOKEN are explained", async () => {
    const sid = step("flask-session-signed/first-request").setCookies[0].value;
    expect((await decodeInput(`session=${sid}`, NOW)).forensics.other).toMatchObject({ kind: "server-session-id", form: "uuid-signed" });
    const xsrf = step("flask-security-csrf-cookie/login").setCookies.find((c) => c.name === "XSRF-TOKEN")!.header;
    expect((await decodeInput(`Set-Cookie: ${xsrf}`, NOW)).forensics.other).toMatchObject({ kind: "signed-csrf-token", cookieName: "xsrf" });
  });

  it("the article's cookie: one key, written by no catalogued library", async () => {
    const decoded = await decodeInput(ARTICLE_COOKIE, NOW);
    expect(decoded.forensics).toMatchObject({ other: null, cookies: [] });
    expect(decoded.forensics.attribution?.keys).toEqual([{ key: "key", origins: [], secrets: [] }]);
  });

  it("the article's Flask-Principal embed holds a cookie real Flask-Principal wrote, and names session_identity_saver", async () => {
    const cookie = step("flask-principal/token-request").setCookies[0].value;
    expect(readFileSync("content/disabling-cookies-in-flask.md", "utf8")).toContain(`::cookie-decoder{cookie="${cookie}"`);
    const keys = (await decodeInput(cookie, NOW)).forensics.attribution?.keys ?? [];
    expect(keys.map((k) => [k.key, k.origins[0]?.entry.writers[0].function])).toEqual([
      ["identity.auth_type", "session_identity_saver"],
      ["identity.id", "session_identity_saver"],
    ]);
  });
});

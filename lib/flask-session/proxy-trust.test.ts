import { describe, expect, it } from "vitest";
import { handleFlaskRequest, isForwardedHttps } from "./handler";

const NOW = Date.UTC(2026, 0, 1);

async function setCookie(path: string, headers: Record<string, string>, trustProxy?: boolean): Promise<string> {
  const response = await handleFlaskRequest(new Request(`http://localhost${path}`, { headers }), { now: () => NOW, trustProxy });
  return response.headers.getSetCookie()[0] ?? "";
}

describe("X-Forwarded-Proto", () => {
  it("is ignored unless the proxy is trusted: any client can send it", async () => {
    const cookie = await setCookie("/api/flask/persistent/", { "X-Forwarded-Proto": "https" });
    expect(cookie).toMatch(/^session=[^;]+; HttpOnly; Path=\/api\/flask\/persistent$/);
  });

  it("from a trusted proxy that received HTTPS adds Secure where Werkzeug writes it", async () => {
    const cookie = await setCookie("/api/flask/persistent/", { "X-Forwarded-Proto": "https" }, true);
    expect(cookie).toMatch(/^session=[^;]+; Secure; HttpOnly; Path=\/api\/flask\/persistent$/);
    const permanent = await setCookie("/api/flask/persistent/?permanent=1", { "X-Forwarded-Proto": "https" }, true);
    expect(permanent).toMatch(/^session=[^;]+; Expires=[^;]+; Secure; HttpOnly; Path=\/api\/flask\/persistent$/);
  });

  it("from a trusted proxy over plain HTTP leaves the cookie as the reference apps send it", async () => {
    expect(await setCookie("/api/flask/persistent/", { "X-Forwarded-Proto": "http" }, true)).not.toContain("Secure");
    expect(await setCookie("/api/flask/persistent/", {}, true)).not.toContain("Secure");
  });

  it("is read as ProxyFix(x_proto=1) reads it: the right-most value, the one the trusted proxy appended", () => {
    const headers = (value: string) => new Headers({ "X-Forwarded-Proto": value });
    expect(isForwardedHttps(headers("http, https"), true)).toBe(true);
    expect(isForwardedHttps(headers("https, http"), true)).toBe(false);
    expect(isForwardedHttps(headers(" HTTPS "), true)).toBe(true);
    expect(isForwardedHttps(headers("https"), false)).toBe(false);
  });

  it("marks the site's reset cookie and the deleting cookie Secure too, as delete_cookie passes SESSION_COOKIE_SECURE", async () => {
    const reset = await setCookie("/api/flask/persistent/_reset", { "X-Forwarded-Proto": "https" }, true);
    expect(reset).toBe("session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Secure; HttpOnly; Path=/api/flask/persistent");
    const cleared = await setCookie("/api/flask/persistent/?action=clear", { "X-Forwarded-Proto": "https" }, true);
    expect(cleared).toBe("session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Secure; HttpOnly; Path=/api/flask/persistent");
  });

  it("gives the 2016 rules' cookie Secure in Werkzeug 0.11's order", async () => {
    const cookie = await setCookie("/api/flask/persistent/?flask=0.10", { "X-Forwarded-Proto": "https" }, true);
    expect(cookie).toMatch(/^session=[^;]+; Secure; HttpOnly; Path=\/api\/flask\/persistent$/);
  });
});

import { expect, test } from "@playwright/test";
import { startServer, type ServerInstance } from "../helpers/server-instance";
import { behindNext } from "../helpers/deploy-path";

/** X-Forwarded-Proto counts only when the server is told a proxy it trusts sets it (TRUST_PROXY=1). */
test.describe("X-Forwarded-Proto over HTTP", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });
  let trusting: ServerInstance;
  test.beforeAll(async () => {
    trusting = await startServer({ env: { TRUST_PROXY: "1" } });
  });
  test.afterAll(async () => {
    await trusting.stop();
  });

  const setCookie = async (response: { headersArray(): Array<{ name: string; value: string }> }) =>
    response.headersArray().find((h) => h.name.toLowerCase() === "set-cookie")?.value ?? "";

  test("is ignored by a server that was not told to trust a proxy: no Secure from a client's claim", async ({ request }) => {
    const response = await request.get("/api/flask/persistent/", { headers: { "X-Forwarded-Proto": "https" } });
    expect(await setCookie(response)).toMatch(/^session=[^;]+; HttpOnly; Path=\/api\/flask\/persistent$/);
  });

  test("is ignored in the trailing-slash redirect too: http://, as Flask without ProxyFix says", async ({ request }) => {
    // Under plain next start, Next builds request.url with https from any X-Forwarded-Proto that
    // contains it (docs/server.md), so the route handler's redirect says https:// there.
    test.skip(behindNext(), "Next's own request.url follows X-Forwarded-Proto");
    const response = await request.get("/api/flask/persistent", { headers: { "X-Forwarded-Proto": "https" }, maxRedirects: 0 });
    expect(response.status()).toBe(308);
    expect(response.headers()["location"]).toMatch(/^http:\/\//);
  });

  test("behind a trusted proxy, HTTPS requests get Secure demo cookies and plain HTTP ones do not", async ({ request }) => {
    const https = await request.get(`${trusting.url}/api/flask/persistent/`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(await setCookie(https)).toMatch(/^session=[^;]+; Secure; HttpOnly; Path=\/api\/flask\/persistent$/);
    const http = await request.get(`${trusting.url}/api/flask/persistent/`, { headers: { "X-Forwarded-Proto": "http" } });
    expect(await setCookie(http)).not.toContain("Secure");
  });
});

/**
 * Hostile and malformed requests to the demo API's handler, in-process: what each gets, and that
 * none of them costs the server more than a normal request.
 */
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { b64urlEncode } from "./base64";
import { handleFlaskRequest } from "./handler";
import { inflateZlib } from "./inflate";
import { MAX_INFLATED_BYTES } from "./payload";
import { signToken } from "./signer";

const SECRET = "SomeRandomKey";
const NOW_MS = Date.UTC(2026, 0, 1);

async function send(path: string, init: RequestInit = {}) {
  const response = await handleFlaskRequest(new Request(`http://localhost${path}`, init), { secret: SECRET, now: () => NOW_MS });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** A correctly signed compressed payload: the demo key is public, so anyone can make one. */
async function signedCompressed(json: string): Promise<string> {
  const payload = `.${b64urlEncode(deflateSync(Buffer.from(json), { level: 9 }))}`;
  return signToken(payload, SECRET, { timestamp: NOW_MS / 1000 });
}

describe("the site's own parameters", () => {
  it("name the first bad one in a 400, whatever its value holds", async () => {
    for (const [query, parameter] of [
      ["action=", "action"],
      ["action=WRITE", "action"],
      ["permanent=true", "permanent"],
      ["refresh=%00", "refresh"],
      ["flask=3.0", "flask"],
      ["view=%F0%9F%98%80", "view"],
      ["action=read&permanent=2", "permanent"],
    ] as const) {
      const { status, headers, body } = await send(`/api/flask/persistent/?${query}`);
      expect([query, status]).toEqual([query, 400]);
      expect(headers.get("content-type")).toBe("application/json");
      expect(JSON.parse(body)).toMatchObject({ error: "bad-parameter", parameter });
    }
  });

  it("read the first of repeated values, as Flask's request.args.get does", async () => {
    expect((await send("/api/flask/persistent/?action=read&action=bogus")).status).toBe(200);
    expect((await send("/api/flask/persistent/?action=bogus&action=read")).status).toBe(400);
  });

  it("leave unknown parameters alone, as Flask does", async () => {
    expect((await send("/api/flask/persistent/?utm_source=x&__proto__=1&constructor=2")).status).toBe(200);
  });
});

describe("methods", () => {
  it("Flask refuses every method but GET, HEAD and OPTIONS with 405 and Allow, on each app", async () => {
    for (const app of ["persistent", "weak", "principal", "principal-no-sessions"]) {
      for (const method of ["POST", "PUT", "PATCH", "DELETE", "PROPFIND", "BREW"]) {
        const { status, headers, body } = await send(`/api/flask/${app}/`, { method });
        expect([app, method, status]).toEqual([app, method, 405]);
        expect(headers.get("allow")).toBe("GET, HEAD, OPTIONS");
        expect(body).toContain("<title>405 Method Not Allowed</title>");
      }
    }
  });
});

describe("cookies", () => {
  it("a compressed payload that inflates past the limit is refused before it takes the memory", async () => {
    const bomb = await signedCompressed(JSON.stringify({ a: "x".repeat(10_000_000) }));
    expect(bomb.length).toBeLessThan(16_384); // fits in one request header
    const { status, body } = await send("/api/flask/persistent/?view=json", { headers: { Cookie: `session=${bomb}` } });
    expect(status).toBe(200);
    const view = JSON.parse(body);
    expect(view.response.status).toBe(500);
    expect(view.session.before.outcome).toContain(`inflates to more than ${MAX_INFLATED_BYTES} bytes`);
  });

  it("a compressed session under the limit still loads", async () => {
    const cookie = await signedCompressed(JSON.stringify({ a: "x".repeat(MAX_INFLATED_BYTES - 100) }));
    const { status, body } = await send("/api/flask/persistent/?view=json&action=read", { headers: { Cookie: `session=${cookie}` } });
    expect(status).toBe(200);
    expect(JSON.parse(body).response.status).toBe(200);
  });

  it("the inflater stops at its limit and reports it", () => {
    const data = deflateSync(Buffer.alloc(1000, 120));
    expect(inflateZlib(data, 1000)).toHaveLength(1000);
    expect(() => inflateZlib(data, 999)).toThrow("inflates to more than 999 bytes");
  });

  // How long these take is measured by the benchmark (scripts/bench/hostile-input.ts), not asserted here.
  it("a Cookie header as large as a server accepts (16 KB) is parsed and gives a new empty session", async () => {
    for (const header of [
      `session=${"A".repeat(16_000)}`,
      `a=${" ".repeat(16_000)}x`,
      ";".repeat(16_000),
      `session="${'\\"'.repeat(8000)}`,
      "x=y; ".repeat(3200),
    ]) {
      const { status, body } = await send("/api/flask/persistent/?action=read", { headers: { Cookie: header } });
      expect(status).toBe(200);
      expect(body.startsWith("session: <SecureCookieSession {}>")).toBe(true);
    }
  });

  it("Latin-1 bytes in a cookie are read as Werkzeug reads them (UTF-8, errors replaced), never thrown on", async () => {
    const { status, body } = await send("/api/flask/persistent/?action=nothing", { headers: { Cookie: "n=\xe9\xff\x80; session=\xc3\xa9" } });
    expect(status).toBe(200);
    expect(body).toContain("('n', '\ufffd\ufffd\ufffd')");
  });
});

describe("URLs", () => {
  it("a very long path under an app is Flask's 404 page, and under no app the site's JSON 404", async () => {
    const long = "a".repeat(12_000);
    const underApp = await send(`/api/flask/persistent/${long}`);
    expect(underApp.status).toBe(404);
    expect(underApp.body).toContain("<title>404 Not Found</title>");
    const noApp = await send(`/api/flask/${long}/`);
    expect(noApp.status).toBe(404);
    expect(JSON.parse(noApp.body).error).toBe("unknown-app");
    // The message names the app it was given; it must not echo 12 KB back.
    expect(noApp.body.length).toBeLessThan(13_000);
  });

  it("a very long query string of unknown parameters is ignored, as Flask ignores it", async () => {
    const { status } = await send(`/api/flask/persistent/?${"x=1&".repeat(3000)}`);
    expect(status).toBe(200);
  });
});

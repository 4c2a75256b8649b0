import { deflateSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { setPlatformDeflate, zlibCompress } from "@/lib/flask-session/payload";

// npm start (scripts/server/main.ts) hands the engine's compression to node:zlib; cookies must not change.
describe("node:zlib's deflateSync as the engine's compression", () => {
  afterEach(() => setPlatformDeflate(null));

  it("writes exactly the bytes CompressionStream('deflate') writes", async () => {
    const inputs = ["", '{"key":"value"}', '{"identity.auth_type":"token","identity.id":"alice"}', "ab".repeat(3000), String(Math.PI).repeat(200)];
    for (const text of inputs) {
      const bytes = new TextEncoder().encode(text);
      setPlatformDeflate(null);
      const fromStream = await zlibCompress(bytes);
      setPlatformDeflate((b) => new Uint8Array(deflateSync(b)));
      const fromNode = await zlibCompress(bytes);
      expect(Buffer.from(fromNode).toString("hex"), text.slice(0, 20)).toBe(Buffer.from(fromStream).toString("hex"));
    }
  });
});

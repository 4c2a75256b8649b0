import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createLimitedServer, SERVER_LIMITS } from "./limits";

describe("the production server's limits", () => {
  it("are set on the server it creates", async () => {
    const server = createLimitedServer((_req, res) => res.end("ok"));
    try {
      expect(server.headersTimeout).toBe(SERVER_LIMITS.headersTimeout);
      expect(server.requestTimeout).toBe(SERVER_LIMITS.requestTimeout);
      expect(server.keepAliveTimeout).toBe(SERVER_LIMITS.keepAliveTimeout);
    } finally {
      server.close();
    }
  });

  it("are consistent: a request may take at least as long as its headers, and both are checked more often than they expire", () => {
    expect(SERVER_LIMITS.requestTimeout).toBeGreaterThanOrEqual(SERVER_LIMITS.headersTimeout);
    expect(SERVER_LIMITS.connectionsCheckingInterval).toBeLessThan(SERVER_LIMITS.headersTimeout);
  });

  it("end a connection whose headers never finish with a 408, while a complete request is answered", async () => {
    // Short limits, so the test does not wait for the real ones; the same code path applies them.
    const server = createLimitedServer((_req, res) => res.end("ok"), {
      headersTimeout: 300,
      requestTimeout: 600,
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: 50,
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, "127.0.0.1", () => socket.write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: "));
        let text = "";
        socket.on("data", (chunk) => (text += chunk.toString("latin1")));
        socket.on("close", () => resolve(text));
        socket.on("error", reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      const ok = await fetch(`http://127.0.0.1:${port}/`);
      expect(await ok.text()).toBe("ok");
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

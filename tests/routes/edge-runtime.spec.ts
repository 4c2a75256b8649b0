import { expect, test } from "@playwright/test";

test.describe("the session engine on the Edge runtime", () => {
  test("the Edge route signs, verifies and rejects cookies as the Node handler does", async ({ request }) => {
    const response = await request.get("/api/edge/self-test");
    const body = (await response.json()) as { runtime: string; compressionStream: boolean; ok: boolean; checks: Array<{ name: string; ok: boolean; detail: string }> };
    expect(body.runtime).toBe("edge");
    // Next's Edge runtime replaces CompressionStream with a stub that throws; sessions are then
    // written uncompressed (docs/server.md).
    expect(body.compressionStream).toBe(false);
    expect(body.checks.filter((c) => !c.ok)).toEqual([]);
    expect(body.checks).toHaveLength(4);
    expect(response.status()).toBe(200);
  });
});

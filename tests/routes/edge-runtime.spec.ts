import { expect, test } from "@playwright/test";

test.describe("the session engine on the Edge runtime", () => {
  test("the Edge route signs, verifies, rejects and compresses cookies as the Node handler does", async ({ request }) => {
    const response = await request.get("/api/edge/self-test");
    const body = (await response.json()) as { runtime: string; ok: boolean; checks: Array<{ name: string; ok: boolean; detail: string }> };
    expect(body.runtime).toBe("edge");
    expect(body.checks.filter((c) => !c.ok)).toEqual([]);
    expect(body.checks).toHaveLength(4);
    expect(response.status()).toBe(200);
  });
});

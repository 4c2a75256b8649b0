import { afterEach, describe, expect, it, vi } from "vitest";
import { runEngineSelfTest } from "./engine-self-test";

describe("the engine self-test", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("passes on Node with the article's key", async () => {
    const result = await runEngineSelfTest();
    expect(result.checks.map((c) => [c.name, c.ok, c.detail])).toEqual(result.checks.map((c) => [c.name, true, c.detail]));
    expect(result.ok).toBe(true);
  });

  it("passes where CompressionStream is a stub that throws, as in Next's Edge runtime: sessions are written uncompressed", async () => {
    vi.stubGlobal(
      "CompressionStream",
      class {
        constructor() {
          throw new Error("A Node.js API is used (CompressionStream) which is not supported in the Edge Runtime.");
        }
      },
    );
    const result = await runEngineSelfTest();
    expect(result.ok).toBe(true);
    expect(result.checks[3].detail).toContain("not compressed");
  });

  it("fails when the clock makes every cookie expire at once, so it can fail", async () => {
    let calls = 0;
    // The login is signed in 2016; the second request is read 40 days later, past Flask's 31 days.
    const now = () => (calls++ === 0 ? Date.UTC(2016, 3, 6) : Date.UTC(2016, 4, 16));
    const result = await runEngineSelfTest({ now });
    expect(result.checks[1].ok).toBe(false);
    expect(result.ok).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { closeWindowMs } from "./many-clients";

describe("closeWindowMs", () => {
  it("waits for the latest timeout the server enforces, its checking interval and the slack", () => {
    expect(closeWindowMs({ headersMs: 10_000, requestMs: 30_000, keepAliveMs: 65_000, checkingIntervalMs: 1_000 }, 0)).toBe(66_000);
    expect(closeWindowMs({ headersMs: 60_000, requestMs: 300_000, keepAliveMs: 5_000, checkingIntervalMs: 30_000 }, 5_000)).toBe(335_000);
  });
});

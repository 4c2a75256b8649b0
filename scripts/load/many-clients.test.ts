import { describe, expect, it } from "vitest";
import { backgroundLoad, closeWindowMs } from "./many-clients";

describe("closeWindowMs", () => {
  it("waits for the latest timeout the server enforces, its checking interval and the slack", () => {
    expect(closeWindowMs({ headersMs: 10_000, requestMs: 30_000, keepAliveMs: 65_000, checkingIntervalMs: 1_000 }, 0)).toBe(66_000);
    expect(closeWindowMs({ headersMs: 60_000, requestMs: 300_000, keepAliveMs: 5_000, checkingIntervalMs: 30_000 }, 5_000)).toBe(335_000);
  });
});

describe("backgroundLoad", () => {
  it("keeps the active connections and the probe each within a quarter of the capacity", () => {
    expect(backgroundLoad(4000, 200, 50, 65_000)).toEqual({ everyMs: 2000, probeRate: 50 });
    expect(backgroundLoad(100, 200, 50, 65_000)).toEqual({ everyMs: 8000, probeRate: 25 });
  });

  it("never lets an active connection idle past half the keep-alive timeout", () => {
    expect(backgroundLoad(10, 200, 50, 5_000).everyMs).toBe(2500);
  });
});

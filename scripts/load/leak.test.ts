import { describe, expect, it } from "vitest";
import { detectLeak, type RssSample } from "./leak";

/** A deterministic pseudo-random source (mulberry32), so each synthetic series is the same every run. */
function noise(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

/** Ten minutes sampled every 5 s: mb(t) for t in seconds. */
function series(mb: (t: number) => number, minutes = 10, every = 5): RssSample[] {
  return Array.from({ length: (minutes * 60) / every + 1 }, (_, i) => ({ seconds: i * every, mb: mb(i * every) }));
}

describe("detectLeak", () => {
  it("flags a steady climb of 120 MB/hour under ±2 MB of noise", () => {
    const r = noise(1);
    const verdict = detectLeak(series((t) => 90 + (120 / 3600) * t + 4 * r()));
    expect(verdict.leak).toBe(true);
    expect(verdict.slopeMbPerHour).toBeGreaterThan(100);
    expect(verdict.slopeMbPerHour).toBeLessThan(140);
    expect(verdict.r2).toBeGreaterThan(0.6);
  });

  it("does not flag a flat series with ±2 MB of noise", () => {
    const r = noise(2);
    expect(detectLeak(series(() => 120 + 4 * r())).leak).toBe(false);
  });

  it("does not flag the GC's sawtooth (climb 8 MB, collect, again, every 40 s)", () => {
    expect(detectLeak(series((t) => 110 + 8 * ((t % 40) / 40))).leak).toBe(false);
  });

  it("does not flag a heap that grows in the first half and then holds", () => {
    const r = noise(3);
    expect(detectLeak(series((t) => 90 + 40 * Math.min(1, t / 240) + 2 * r())).leak).toBe(false);
  });

  it("does not flag one spike, nor a slope below the limit however straight", () => {
    expect(detectLeak(series((t) => (t === 500 ? 180 : 100))).leak).toBe(false);
    const gentle = detectLeak(series((t) => 100 + (10 / 3600) * t));
    expect(gentle.r2).toBeCloseTo(1, 6);
    expect(gentle.leak).toBe(false);
  });

  it("does not flag a steep but noisy climb the line does not explain", () => {
    const r = noise(4);
    const verdict = detectLeak(series((t) => 100 + (40 / 3600) * t + 60 * r()));
    expect(verdict.r2).toBeLessThan(0.6);
    expect(verdict.leak).toBe(false);
  });

  it("needs the rise to exceed the floor: a steep line over one minute is not enough", () => {
    expect(detectLeak(series((t) => 100 + (100 / 3600) * t, 2)).leak).toBe(false);
    expect(detectLeak(series((t) => 100 + (100 / 3600) * t, 6)).leak).toBe(true);
  });

  it("fits the second half only, and says which window and how many samples", () => {
    const verdict = detectLeak(series(() => 100));
    expect(verdict).toMatchObject({ from: 300, to: 600, samples: 61, leak: false });
    expect(detectLeak([]).leak).toBe(false);
  });
});

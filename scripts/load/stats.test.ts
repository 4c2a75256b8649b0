import { describe, expect, it } from "vitest";
import { linearFit, percentile, summarize } from "./stats";

describe("percentile (nearest rank)", () => {
  const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);

  it("picks a sample, never an interpolation", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0.5)).toBe(1);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 51)).toBe(30);
  });

  it("sees a tail of 1 in 100 at p99 but not at p98", () => {
    const samples = [...Array.from({ length: 99 }, () => 1), 1000];
    expect(percentile(samples, 99)).toBe(1);
    expect(percentile(samples, 99.5)).toBe(1000);
    const two = [...Array.from({ length: 98 }, () => 1), 1000, 1000];
    expect(percentile(two, 99)).toBe(1000);
    expect(percentile(two, 98)).toBe(1);
  });

  it("is NaN for no samples and rejects p outside (0, 100]", () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe("summarize", () => {
  it("sorts numerically (not as strings) and reports the max", () => {
    expect(summarize([9, 10, 100, 2, 1])).toEqual({ count: 5, p50: 9, p90: 100, p99: 100, max: 100 });
    expect(summarize([]).count).toBe(0);
  });
});

describe("linearFit", () => {
  it("recovers a line exactly, with R² 1", () => {
    const xs = [0, 1, 2, 3, 4];
    const fit = linearFit(
      xs,
      xs.map((x) => 3 * x + 7),
    );
    expect(fit.slope).toBeCloseTo(3, 12);
    expect(fit.intercept).toBeCloseTo(7, 12);
    expect(fit.r2).toBeCloseTo(1, 12);
  });

  it("gives R² 0 on a flat series and NaN without two distinct x", () => {
    expect(linearFit([0, 1, 2], [5, 5, 5])).toMatchObject({ slope: 0, r2: 0 });
    expect(linearFit([1], [1]).slope).toBeNaN();
    expect(linearFit([2, 2], [1, 3]).slope).toBeNaN();
  });
});

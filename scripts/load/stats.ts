/**
 * Latency figures for the load scripts: percentiles by nearest rank over every sample (no
 * histogram buckets, so a p99 is a latency some request really had), and a per-second timeline.
 */

/**
 * The p-th percentile (0 < p ≤ 100) of `sorted` (ascending) by nearest rank: the smallest sample
 * with at least p% of the samples at or below it. NaN for no samples.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile: p must be in (0, 100], got ${p}`);
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export type LatencySummary = { count: number; p50: number; p90: number; p99: number; max: number };

/** p50, p90, p99 and max of the samples (in whatever unit they are in). */
export function summarize(samples: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length === 0 ? NaN : sorted[sorted.length - 1],
  };
}

/** Linear least squares of y on x, with the share of y's variance the line explains (R²). */
export type Fit = { slope: number; intercept: number; r2: number; n: number };

export function linearFit(xs: readonly number[], ys: readonly number[]): Fit {
  if (xs.length !== ys.length) throw new RangeError("linearFit: xs and ys differ in length");
  const n = xs.length;
  if (n < 2) return { slope: NaN, intercept: NaN, r2: NaN, n };
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
    syy += (ys[i] - my) ** 2;
  }
  if (sxx === 0) return { slope: NaN, intercept: NaN, r2: NaN, n };
  const slope = sxy / sxx;
  // A flat series has nothing to explain: R² 0, so it never reads as a trend.
  const r2 = syy === 0 ? 0 : (sxy * sxy) / (sxx * syy);
  return { slope, intercept: my - slope * mx, r2, n };
}

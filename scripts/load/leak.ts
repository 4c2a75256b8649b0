/**
 * The soak's leak detector: a straight line fitted to the server's RSS over the second half of the
 * run (the first half is the heap growing to its working size), read as a leak only when it climbs
 * steeply enough, steadily enough and far enough to be more than the garbage collector's sawtooth:
 * - slope at or above `maxMbPerHour` (a leak that would grow the process by that much each hour);
 * - R² at or above `minR2` (the line explains most of the variance: a steady climb, not noise);
 * - a fitted rise across the window of at least `minRiseMb` (more than the few MB a heap's size
 *   moves by between collections, so a short window cannot turn jitter into a trend).
 */
import { linearFit } from "./stats";

export type RssSample = { seconds: number; mb: number };
export type LeakLimits = { maxMbPerHour: number; minR2: number; minRiseMb: number };
export type LeakVerdict = {
  leak: boolean;
  slopeMbPerHour: number;
  r2: number;
  riseMb: number;
  /** The window fitted, in seconds from the start of the run, and how many samples it held. */
  from: number;
  to: number;
  samples: number;
};

export const DEFAULT_LEAK_LIMITS: LeakLimits = { maxMbPerHour: 30, minR2: 0.6, minRiseMb: 3 };

/** Fits the samples of the second half of the run (by time) and says whether they climb like a leak. */
export function detectLeak(series: readonly RssSample[], limits: LeakLimits = DEFAULT_LEAK_LIMITS): LeakVerdict {
  if (series.length === 0) return { leak: false, slopeMbPerHour: NaN, r2: NaN, riseMb: NaN, from: NaN, to: NaN, samples: 0 };
  const start = series[0].seconds;
  const end = series[series.length - 1].seconds;
  const middle = start + (end - start) / 2;
  const window = series.filter((s) => s.seconds >= middle);
  const fit = linearFit(
    window.map((s) => s.seconds),
    window.map((s) => s.mb),
  );
  const from = window[0].seconds;
  const to = window[window.length - 1].seconds;
  const slopeMbPerHour = fit.slope * 3600;
  const riseMb = fit.slope * (to - from);
  const leak = window.length >= 3 && slopeMbPerHour >= limits.maxMbPerHour && fit.r2 >= limits.minR2 && riseMb >= limits.minRiseMb;
  return { leak, slopeMbPerHour, r2: fit.r2, riseMb, from, to, samples: window.length };
}

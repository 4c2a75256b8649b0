/**
 * Lengths of time as the decoder writes them: the two largest units, days of 86,400 seconds, and
 * years counted on the calendar when the two instants are known.
 */

const DAY = 86400;

/** A length of time given only in seconds (max_age): the two largest units, a day being 86,400 s. */
export function duration(seconds: number): string {
  return twoLargest([
    ["day", Math.floor(seconds / DAY)],
    ["hour", Math.floor((seconds % DAY) / 3600)],
    ["minute", Math.floor((seconds % 3600) / 60)],
    ["second", Math.floor(seconds % 60)],
  ]);
}

/**
 * The time from one Unix instant to a later one, in its two largest units, counting years on the
 * calendar (UTC): 6 April 2016 to 26 November 2026 is 10 years 234 days, where 365-day years would
 * say 236 days (two leap days in between).
 */
export function durationBetween(fromUnix: number, toUnix: number): string {
  const from = new Date(Math.floor(fromUnix) * 1000);
  let years = new Date(Math.floor(toUnix) * 1000).getUTCFullYear() - from.getUTCFullYear();
  const plusYears = (n: number) => {
    const d = new Date(from);
    d.setUTCFullYear(from.getUTCFullYear() + n);
    // 29 February plus a year that has none: 28 February, not 1 March.
    if (d.getUTCMonth() !== from.getUTCMonth()) d.setUTCDate(0);
    return d.getTime() / 1000;
  };
  while (years > 0 && plusYears(years) > toUnix) years--;
  if (years < 1) return duration(toUnix - fromUnix);
  const rest = Math.floor(toUnix - plusYears(years));
  return twoLargest([
    ["year", years],
    ["day", Math.floor(rest / DAY)],
    ["hour", Math.floor((rest % DAY) / 3600)],
  ]);
}

/** "n unit" for the largest non-zero unit and the one right after it (left out when zero). */
function twoLargest(counts: Array<[string, number]>): string {
  const first = counts.findIndex(([, n]) => n > 0);
  if (first === -1) return "0 seconds";
  return counts
    .slice(first, first + 2)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${n} ${name}${n === 1 ? "" : "s"}`)
    .join(" ");
}

/**
 * A session cookie's timestamp is a bare number of seconds; which epoch it counts from depends on
 * the itsdangerous version that signed it. Before 1.0 it was 2011-01-01T00:00:00Z (`EPOCH =
 * 1293840000` in itsdangerous 0.24 `timed.py`); 1.0.0 (2018-10-18, "use the full timestamp rather
 * than an offset") moved to the Unix epoch, and 1.1.0 (2018-10-26), which most upgrades went to
 * since 1.0.0 was withdrawn, kept it.
 * Nothing in the cookie says which, so the decoder shows both and picks the plausible one.
 */
import { EPOCH_2011, type Epoch } from "@/lib/flask-session/signer";

/** Slack for clocks that disagree: a cookie a few minutes "in the future" is still plausible. */
const CLOCK_SKEW = 300;

/**
 * Why the guess is what it is: `zero` (an empty segment, a frozen clock), `unix-both-plausible`
 * (Unix time is plausible, the 2011 reading too but less likely), `unix-only` (the 2011 reading
 * is in the future), `2011` (Unix time would be before itsdangerous existed) or `neither` (both
 * readings are future dates; shown as Unix time).
 */
export type EpochBasis = "zero" | "unix-both-plausible" | "unix-only" | "2011" | "neither";

/** The epoch picked, why, and the timestamp read both ways (Unix seconds). ./messages.ts words it. */
export type EpochGuess = { epoch: Epoch; basis: EpochBasis; asUnix: number; as2011: number };

/**
 * Guess the epoch of a raw timestamp (`raw` seconds) read at `now` (Unix seconds). A date before
 * 2011 cannot come from itsdangerous counting from Unix time (the library did not exist), and a date
 * in the future cannot come from a signer at all.
 */
export function guessEpoch(raw: number, now: number): EpochGuess {
  const asUnix = raw;
  const as2011 = raw + EPOCH_2011;
  const unixPlausible = asUnix >= EPOCH_2011 && asUnix <= now + CLOCK_SKEW;
  const oldPlausible = as2011 <= now + CLOCK_SKEW;
  const guess = (epoch: Epoch, basis: EpochBasis): EpochGuess => ({ epoch, basis, asUnix, as2011 });

  if (raw === 0) return guess("unix", "zero");
  if (unixPlausible) return guess("unix", oldPlausible ? "unix-both-plausible" : "unix-only");
  if (oldPlausible) return guess("2011", "2011");
  return guess("unix", "neither");
}

/** Unix seconds of a raw timestamp under `epoch`. */
export function toUnix(raw: number, epoch: Epoch): number {
  return epoch === "2011" ? raw + EPOCH_2011 : raw;
}

/** `2016-04-06 20:09:57 UTC`; years past 9999 or before 1 are written out as such. */
export function formatUtc(seconds: number): string {
  const ms = seconds * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return `${seconds} s after 1970 (out of the calendar's range)`;
  const iso = new Date(ms).toISOString();
  if (iso.startsWith("+") || iso.startsWith("-")) return `${iso.replace("T", " ").replace(/\.\d+Z$/, "")} UTC`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** The clock in Unix seconds. For a statically built page this is the build time. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

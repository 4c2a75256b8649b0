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

export type EpochGuess = { epoch: Epoch; reason: string };

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

  if (raw === 0) {
    return {
      epoch: "unix",
      reason: "The timestamp is 0 (an empty segment): a clock frozen at the epoch, as in tests; read as 1970-01-01 Unix time.",
    };
  }
  if (unixPlausible) {
    return {
      epoch: "unix",
      reason: oldPlausible
        ? `Read as Unix time it is ${day(asUnix)}, a date itsdangerous ≥ 1.0 could have written; from the 2011 epoch it would be ${day(as2011)}, also possible but less likely.`
        : `Read as Unix time it is ${day(asUnix)}; from the 2011 epoch it would be ${day(as2011)}, in the future.`,
    };
  }
  if (oldPlausible) {
    return {
      epoch: "2011",
      reason: `Read as Unix time it would be ${day(asUnix)}, before itsdangerous existed; counted from 2011-01-01, as itsdangerous < 1.0 (before October 2018) did, it is ${day(as2011)}.`,
    };
  }
  return {
    epoch: "unix",
    reason: `Neither reading is plausible: ${day(asUnix)} as Unix time, ${day(as2011)} from the 2011 epoch (future dates). Shown as Unix time, which current Flask uses; Flask would reject it as dated in the future.`,
  };
}

/** Unix seconds of a raw timestamp under `epoch`. */
export function toUnix(raw: number, epoch: Epoch): number {
  return epoch === "2011" ? raw + EPOCH_2011 : raw;
}

function day(seconds: number): string {
  return formatUtc(seconds).slice(0, 10);
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

import { describe, expect, it } from "vitest";
import { formatUtc, guessEpoch, toUnix } from "./epoch";

const NOW = Date.UTC(2026, 10, 25) / 1000;

describe("guessing the timestamp's epoch", () => {
  it("reads the article's 166133397 from 2011, because as Unix time it would be 1975", () => {
    const guess = guessEpoch(166133397, NOW);
    expect(guess).toEqual({ epoch: "2011", basis: "2011", asUnix: 166133397, as2011: 166133397 + 1293840000 });
    expect(formatUtc(guess.asUnix)).toMatch(/^1975-04-07/);
    expect(formatUtc(toUnix(166133397, "2011"))).toBe("2016-04-06 20:09:57 UTC");
  });

  it("reads a recent Unix timestamp as Unix time, noting the 2011 reading would be in the future", () => {
    expect(guessEpoch(NOW - 3600, NOW)).toMatchObject({ epoch: "unix", basis: "unix-only", asUnix: NOW - 3600 });
  });

  it("reads a Unix timestamp whose 2011 reading is also in the past as Unix time, both plausible", () => {
    // Possible only once the clock is past 2052: 2016-04-06 as Unix time, 2057 from 2011.
    const later = Date.UTC(2060, 0, 1) / 1000;
    expect(guessEpoch(1459973397, later)).toEqual({ epoch: "unix", basis: "unix-both-plausible", asUnix: 1459973397, as2011: 1459973397 + 1293840000 });
  });

  it("calls timestamp 0 a frozen clock", () => {
    expect(guessEpoch(0, NOW)).toMatchObject({ epoch: "unix", basis: "zero" });
  });

  it("says when neither reading is plausible", () => {
    expect(guessEpoch(4_000_000_000, NOW)).toMatchObject({ epoch: "unix", basis: "neither", asUnix: 4_000_000_000 });
  });
});

describe("formatting dates", () => {
  it("writes UTC dates to the second", () => {
    expect(formatUtc(1459973397)).toBe("2016-04-06 20:09:57 UTC");
  });

  it("does not throw past the calendar's range", () => {
    expect(formatUtc(1e20)).toMatch(/out of the calendar's range/);
  });
});

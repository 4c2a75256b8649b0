import { describe, expect, it } from "vitest";
import { formatUtc, guessEpoch, toUnix } from "./epoch";

const NOW = Date.UTC(2026, 10, 25) / 1000;

describe("guessing the timestamp's epoch", () => {
  it("reads the article's 166133397 from 2011, because as Unix time it would be 1975", () => {
    const guess = guessEpoch(166133397, NOW);
    expect(guess.epoch).toBe("2011");
    expect(guess.reason).toContain("1975-04-07");
    expect(guess.reason).toContain("2016-04-06");
    expect(formatUtc(toUnix(166133397, "2011"))).toBe("2016-04-06 20:09:57 UTC");
  });

  it("reads a recent Unix timestamp as Unix time, noting the 2011 reading would be in the future", () => {
    const guess = guessEpoch(NOW - 3600, NOW);
    expect(guess.epoch).toBe("unix");
    expect(guess.reason).toMatch(/in the future/);
  });

  it("calls timestamp 0 a frozen clock", () => {
    expect(guessEpoch(0, NOW)).toMatchObject({ epoch: "unix", reason: expect.stringMatching(/timestamp is 0/) });
  });

  it("says when neither reading is plausible", () => {
    expect(guessEpoch(4_000_000_000, NOW).reason).toMatch(/Neither reading is plausible/);
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

import { describe, expect, it } from "vitest";

import {
  blocksDuration,
  checkTiers,
  draftsOf,
  farmLockLimits,
  formatBlocks,
  formatBoost,
  type LockTier,
  parseBoostBps,
  parseDurationBlocks,
  type TierDraft,
} from "../../src/lib/lock-tiers";

/** A farm of 30-block epochs (the local world's): tiers up to 365 × 30 = 10,950 blocks. */
const LIMITS = farmLockLimits(30n);
const CURRENT: LockTier[] = [
  { durationBlocks: 1_500n, boostBps: 12_500n },
  { durationBlocks: 9_000n, boostBps: 20_000n },
];
const rows = (...pairs: [string, string][]): TierDraft[] => pairs.map(([duration, boost]) => ({ duration, boost }));
const problems = (drafts: TierDraft[], current: LockTier[] = CURRENT) => {
  const result = checkTiers(drafts, current, LIMITS);
  return result.ok ? [] : result.problems;
};

describe("formatting", () => {
  it("says a boost as a multiplier, to its last basis point", () => {
    expect(formatBoost(10_000n)).toBe("1×");
    expect(formatBoost(15_000n)).toBe("1.5×");
    expect(formatBoost(12_345n)).toBe("1.2345×");
    expect(formatBoost(30_000n)).toBe("3×");
    expect(formatBoost(10_001n)).toBe("1.0001×");
  });

  it("says blocks grouped, singular for one, and their time at the block time, rounded down", () => {
    expect(formatBlocks(1n)).toBe("1 block");
    expect(formatBlocks(43_200n)).toBe("43,200 blocks");
    expect(blocksDuration(43_200n, 2)).toBe("1 day");
    expect(blocksDuration(43_199n, 2)).toBe("23 h 59 min");
    expect(blocksDuration(7_200n, 12)).toBe("1 day");
    expect(blocksDuration(4_294_967_295n, 2)).toBe("272 years 140 days");
  });

  it("writes the current tiers back as the editor's rows", () => {
    expect(draftsOf([...CURRENT, { durationBlocks: 1_000_000n, boostBps: 12_345n }])).toEqual(rows(["1500", "1.25"], ["9000", "2"], ["1000000", "1.2345"]));
  });
});

describe("parsing one field", () => {
  it("reads whole block counts, with or without thousands commas", () => {
    expect(parseDurationBlocks(" 43200 ", 0)).toEqual({ ok: true, blocks: 43_200n });
    expect(parseDurationBlocks("43,200", 0)).toEqual({ ok: true, blocks: 43_200n });
    expect(parseDurationBlocks("1,000,000", 0)).toEqual({ ok: true, blocks: 1_000_000n });
  });

  it("refuses a duration that is not a whole number of blocks, naming the tier", () => {
    expect(parseDurationBlocks("", 1)).toEqual({ ok: false, reason: "Enter tier 2's duration in blocks, like 43200." });
    for (const bad of ["1.5", "4,32", "-5", "1e6", "abc", "12 000"]) {
      expect(parseDurationBlocks(bad, 2), bad).toEqual({ ok: false, reason: "Tier 3's duration is a whole number of blocks, like 43200." });
    }
  });

  it("reads a boost as typed: a point or a decimal comma, with or without its ×", () => {
    expect(parseBoostBps("1.5", 0)).toEqual({ ok: true, bps: 15_000n });
    expect(parseBoostBps("1,5", 0)).toEqual({ ok: true, bps: 15_000n });
    expect(parseBoostBps("1.5x", 0)).toEqual({ ok: true, bps: 15_000n });
    expect(parseBoostBps("2 ×", 0)).toEqual({ ok: true, bps: 20_000n });
    expect(parseBoostBps("1.2345", 0)).toEqual({ ok: true, bps: 12_345n });
    expect(parseBoostBps("3.", 0)).toEqual({ ok: true, bps: 30_000n });
    expect(parseBoostBps(".5", 0)).toEqual({ ok: true, bps: 5_000n });
  });

  it("refuses a boost that is not a plain number of at most 4 decimals", () => {
    expect(parseBoostBps("", 0)).toEqual({ ok: false, reason: "Enter tier 1's boost, like 1.5 for 1.5×." });
    expect(parseBoostBps("x", 0)).toEqual({ ok: false, reason: "Enter tier 1's boost, like 1.5 for 1.5×." });
    expect(parseBoostBps("1.23456", 0)).toEqual({ ok: false, reason: "Tier 1's boost has at most 4 decimals, like 1.2345×: the farm counts boosts in hundredths of a percent." });
    expect(parseBoostBps("150%", 0)).toEqual({ ok: false, reason: "Tier 1's boost is a number from 1 to 3, like 1.5 for 1.5×." });
    expect(parseBoostBps("-2", 0)).toEqual({ ok: false, reason: "Tier 1's boost is a number from 1 to 3, like 1.5 for 1.5×." });
    expect(parseBoostBps("1,000", 0).ok).toBe(false); // 1.000 or 1000: never a guess
  });
});

describe("checkTiers: the farm's rules, each refusal a sentence on its row", () => {
  it("accepts a list the farm accepts, as the exact numbers to send", () => {
    expect(checkTiers(rows(["1", "1"], ["4,320", "1.5"], ["10950", "3"]), CURRENT, LIMITS)).toEqual({
      ok: true,
      tiers: [
        { durationBlocks: 1n, boostBps: 10_000n },
        { durationBlocks: 4_320n, boostBps: 15_000n },
        { durationBlocks: 10_950n, boostBps: 30_000n },
      ],
    });
  });

  it("accepts equal boosts (not decreasing) and 8 tiers, the most a farm offers", () => {
    const eight = Array.from({ length: 8 }, (_, i): [string, string] => [String((i + 1) * 100), i < 4 ? "1.25" : "2"]);
    const result = checkTiers(rows(...eight), CURRENT, LIMITS);
    expect(result.ok && result.tiers.length).toBe(8);
  });

  it("accepts no tier at all (the review warns that nobody could lock)", () => {
    expect(checkTiers([], CURRENT, LIMITS)).toEqual({ ok: true, tiers: [] });
  });

  it("refuses a ninth tier", () => {
    const nine = Array.from({ length: 9 }, (_, i): [string, string] => [String((i + 1) * 100), "1"]);
    expect(problems(rows(...nine))).toEqual([{ field: "list", reason: "The farm takes at most 8 tiers: remove 1 row." }]);
  });

  it("refuses durations of 0 or past 365 epochs", () => {
    expect(problems(rows(["0", "1"]))).toEqual([{ row: 0, field: "duration", reason: "Tier 1's duration must be at least 1 block." }]);
    expect(problems(rows(["10951", "1"]))).toEqual([
      { row: 0, field: "duration", reason: "Tier 1's duration can be at most 10,950 blocks (365 epochs of 30 blocks): the farm's limit." },
    ]);
    // Daily epochs of 12-second blocks: a year.
    expect(checkTiers(rows(["2628000", "1"]), [], farmLockLimits(7_200n)).ok).toBe(true);
    expect(checkTiers(rows(["2628001", "1"]), [], farmLockLimits(7_200n))).toEqual({
      ok: false,
      problems: [{ row: 0, field: "duration", reason: "Tier 1's duration can be at most 2,628,000 blocks (365 epochs of 7,200 blocks): the farm's limit." }],
    });
  });

  it("refuses durations that do not increase, comparing each row with the one before", () => {
    expect(problems(rows(["100", "1"], ["100", "1.5"]))).toEqual([
      { row: 1, field: "duration", reason: "Tier 2 must last longer than tier 1 (100 blocks): durations increase from tier to tier." },
    ]);
    expect(problems(rows(["100", "1"], ["50", "1"], ["60", "1"]))).toEqual([
      { row: 1, field: "duration", reason: "Tier 2 must last longer than tier 1 (100 blocks): durations increase from tier to tier." },
    ]);
  });

  it("refuses boosts below 1×, above 3× or lower than the tier before", () => {
    expect(problems(rows(["100", "0.9999"]))).toEqual([{ row: 0, field: "boost", reason: "Tier 1's boost must be at least 1× (no boost)." }]);
    expect(problems(rows(["100", "3.0001"]))).toEqual([{ row: 0, field: "boost", reason: "Tier 1's boost can be at most 3×: the farm's limit." }]);
    expect(problems(rows(["100", "2"], ["200", "1.9999"]))).toEqual([
      { row: 1, field: "boost", reason: "Tier 2's boost must be at least tier 1's 2×: a longer lock never earns a smaller boost." },
    ]);
  });

  it("lists every problem at once, and compares a row only with a previous row that reads as a number", () => {
    expect(problems(rows(["abc", "4"], ["10", "1.5"], ["5", ""]))).toEqual([
      { row: 0, field: "duration", reason: "Tier 1's duration is a whole number of blocks, like 43200." },
      { row: 0, field: "boost", reason: "Tier 1's boost can be at most 3×: the farm's limit." },
      { row: 1, field: "boost", reason: "Tier 2's boost must be at least tier 1's 4×: a longer lock never earns a smaller boost." },
      { row: 2, field: "duration", reason: "Tier 3 must last longer than tier 2 (10 blocks): durations increase from tier to tier." },
      { row: 2, field: "boost", reason: "Enter tier 3's boost, like 1.5 for 1.5×." },
    ]);
  });

  it("refuses the tiers set now, however they are typed: sending them would change nothing", () => {
    expect(problems(rows(["1,500", "1.25x"], ["9000", "2.0"]))).toEqual([
      { field: "list", reason: "These are the tiers set now: change a duration or a boost, or add or remove a tier." },
    ]);
    expect(checkTiers([], [], LIMITS).ok).toBe(false);
  });

  it("follows the limits it is given (the deployed farm's own)", () => {
    const strict = { ...LIMITS, maxTiers: 2, maxBoostBps: 20_000n };
    expect(checkTiers(rows(["1", "2.5"]), [], strict)).toEqual({ ok: false, problems: [{ row: 0, field: "boost", reason: "Tier 1's boost can be at most 2×: the farm's limit." }] });
    expect(checkTiers(rows(["1", "1"], ["2", "1"], ["3", "1"]), [], strict).ok).toBe(false);
  });
});

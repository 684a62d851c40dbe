import { describe, expect, it } from "vitest";

import { blocksPerDay, longWindowSeconds, nominalBlockTime } from "../../src/lib/block-time";

describe("nominalBlockTime", () => {
  it("takes the deployment's figure first, then the chain's slot time", () => {
    expect(nominalBlockTime(31337, 3)).toEqual({ seconds: 3, source: "deployment" });
    expect(nominalBlockTime(1, 2)).toEqual({ seconds: 2, source: "deployment" });
    expect(nominalBlockTime(1)).toEqual({ seconds: 12, source: "chain" });
    expect(nominalBlockTime(11155111)).toEqual({ seconds: 12, source: "chain" });
  });

  it("has none for a chain without a slot time and no figure in the deployment", () => {
    expect(nominalBlockTime(31337)).toBeUndefined();
    expect(nominalBlockTime(42161)).toBeUndefined();
    expect(nominalBlockTime(31337, 0)).toBeUndefined();
  });
});

describe("longWindowSeconds", () => {
  it("averages between two blocks far apart, in either order", () => {
    // Blocks 100 -> 10,100 took 120,000 s: 12 s each.
    const early = { number: 100n, timestamp: 1_000n };
    const late = { number: 10_100n, timestamp: 121_000n };
    expect(longWindowSeconds(early, late)).toBe(12);
    expect(longWindowSeconds(late, early)).toBe(12);
  });

  it("is unaffected by what happened in between: a 45 s stall in 10,000 blocks of 3 s moves it by 0.15 %", () => {
    expect(longWindowSeconds({ number: 0n, timestamp: 0n }, { number: 10_000n, timestamp: 30_045n })).toBeCloseTo(3.0045, 10);
  });

  it("has no figure for one block, or when no time passed", () => {
    expect(longWindowSeconds({ number: 5n, timestamp: 10n }, { number: 5n, timestamp: 10n })).toBeUndefined();
    expect(longWindowSeconds({ number: 5n, timestamp: 10n }, { number: 9n, timestamp: 10n })).toBeUndefined();
  });
});

describe("blocksPerDay", () => {
  it("counts a day's blocks at the nominal time: 28,800 at 3 s, 7,200 at 12 s, 43,200 at 2 s", () => {
    expect(blocksPerDay(3)).toBe(28_800n);
    expect(blocksPerDay(12)).toBe(7_200n);
    expect(blocksPerDay(2)).toBe(43_200n);
    expect(blocksPerDay(7)).toBe(12_343n); // 12,342.86 rounded
  });
});

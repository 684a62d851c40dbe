import { describe, expect, it } from "vitest";

import { describeTier, EXISTING_LOCKS_KEEP_TERMS, reviewLockTiers, tiersTitle } from "../../src/lib/lock-tiers-review";
import type { LockTier } from "../../src/lib/lock-tiers";

const tier = (durationBlocks: bigint, boostBps: bigint): LockTier => ({ durationBlocks, boostBps });
const DAY = 43_200n; // blocks in a day at 2 s
const BEFORE = [tier(DAY, 12_500n), tier(7n * DAY, 15_000n), tier(30n * DAY, 20_000n)];

describe("reviewLockTiers", () => {
  it("lines every tier up now and after, marking what changes, what is added and what goes", () => {
    const after = [tier(DAY, 12_500n), tier(14n * DAY, 15_000n)];
    const review = reviewLockTiers({ before: BEFORE, after, epochBlocks: 1n, blockSeconds: 2 });
    expect(review.lines).toEqual([
      { row: 0, before: BEFORE[0], after: after[0], changed: false },
      { row: 1, before: BEFORE[1], after: after[1], changed: true },
      { row: 2, before: BEFORE[2], after: undefined, changed: true },
    ]);
    const grown = reviewLockTiers({ before: [], after, epochBlocks: 1n, blockSeconds: 2 });
    expect(grown.lines.map((l) => [l.before, l.changed])).toEqual([[undefined, true], [undefined, true]]);
  });

  it("always says that existing locks keep their terms, and how ends are rounded to the epoch", () => {
    const review = reviewLockTiers({ before: BEFORE, after: [tier(DAY, 11_000n)], epochBlocks: 7_200n, blockSeconds: 2 });
    expect(review.notes).toEqual([
      EXISTING_LOCKS_KEEP_TERMS,
      "Lock ends are rounded up to a multiple of 7,200 blocks (≈ 4 h): a lock runs for its tier's duration and up to 7,199 blocks more.",
    ]);
    expect(EXISTING_LOCKS_KEEP_TERMS).toMatch(/^Existing locks keep their terms/);
    // An epoch of 1 block rounds nothing: nothing to say.
    expect(reviewLockTiers({ before: BEFORE, after: [tier(DAY, 11_000n)], epochBlocks: 1n, blockSeconds: 2 }).notes).toEqual([EXISTING_LOCKS_KEEP_TERMS]);
  });

  it("warns when tiers are less than an epoch apart: locks of both can end in the same block", () => {
    const after = [tier(100n, 10_000n), tier(7_299n, 15_000n), tier(7_300n, 15_000n), tier(20_000n, 20_000n)];
    expect(reviewLockTiers({ before: BEFORE, after, epochBlocks: 7_200n, blockSeconds: 2 }).warnings).toEqual([
      "Tier 1 and tier 2 are less than an epoch (7,200 blocks) apart, so locks of both made in the same block can end at the same block: tier 2's higher boost could be had for no longer a lock.",
      "Tier 2 and tier 3 are less than an epoch (7,200 blocks) apart, so locks of both made in the same block can end at the same block.",
    ]);
    // 100 and 7,300 are an epoch apart: never the same end.
    expect(reviewLockTiers({ before: BEFORE, after: [tier(100n, 10_000n), tier(7_300n, 15_000n)], epochBlocks: 7_200n, blockSeconds: 2 }).warnings).toEqual([]);
  });

  it("warns that with no tier nobody can lock", () => {
    const review = reviewLockTiers({ before: BEFORE, after: [], epochBlocks: 7_200n, blockSeconds: 2 });
    expect(review.title).toBe("Remove every lock tier");
    expect(review.warnings).toEqual(["No tier would be left: nobody could make, top up or extend a lock until tiers are set again. Existing locks run to their end."]);
  });
});

describe("titles and tier descriptions", () => {
  it("names the count and the range of boosts", () => {
    expect(tiersTitle(BEFORE)).toBe("Set 3 lock tiers (1.25× to 2×)");
    expect(tiersTitle([tier(DAY, 15_000n)])).toBe("Set 1 lock tier (1.5×)");
    expect(tiersTitle([tier(DAY, 15_000n), tier(2n * DAY, 15_000n)])).toBe("Set 2 lock tiers (1.5×)");
  });

  it("describes a tier by its blocks, their time at the block time, and its boost", () => {
    expect(describeTier(tier(7n * DAY, 15_000n), 2)).toBe("302,400 blocks (≈ 7 days), 1.5×");
    expect(describeTier(tier(302_400n, 15_000n), 12)).toBe("302,400 blocks (≈ 42 days), 1.5×");
  });
});

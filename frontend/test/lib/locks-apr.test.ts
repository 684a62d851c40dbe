import { describe, expect, it } from "vitest";

import { aprAfter, weightedApr } from "../../src/lib/locks-apr";

const E18 = 10n ** 18n;

// A pool paying $100,000 a year; 100 LP staked at $100 each, 50 of them locked at 2×: weights
// 50 + 50 × 2 = 150 LP.
const pool = { yearlyRewardUsd: 100_000, totalShares: 150n * E18, lpPriceUsd: 100 };

describe("weightedApr", () => {
  it("pays an unlocked LP the emission per weight: $100,000 ÷ 150 weights ÷ $100 = 666.67%", () => {
    expect(weightedApr(pool, E18, E18)).toBeCloseTo(100_000 / 150 / 100, 12);
    // Below emission ÷ TVL ($100,000 ÷ $10,000 = 1,000%): the locks' boosts take their share.
    expect(weightedApr(pool, E18, E18)!).toBeLessThan(100_000 / 10_000);
  });

  it("pays a lock at 2× twice that: 50 LP weighing 100 earn 100/150 of $100,000 on $5,000", () => {
    expect(weightedApr(pool, 100n * E18, 50n * E18)).toBeCloseTo((100_000 * (100 / 150)) / 5_000, 12);
  });

  it("has no rate without LP, without weights in the pool or without a price", () => {
    expect(weightedApr(pool, 0n, 0n)).toBeUndefined();
    expect(weightedApr({ ...pool, totalShares: 0n }, E18, E18)).toBeUndefined();
    expect(weightedApr({ ...pool, lpPriceUsd: 0 }, E18, E18)).toBeUndefined();
  });
});

describe("aprAfter", () => {
  it("counts the new weight in the pool's: 10 LP unlocked join 150 weights → $100,000 × 10/160 on $1,000", () => {
    expect(aprAfter(pool, 0n, 10n * E18, 10n * E18)).toBeCloseTo(6.25, 12);
  });

  it("re-prices a lock already counted: 50 LP at 2× renewed at 3× make weights 150 − 100 + 150 = 200", () => {
    // 150/200 of $100,000 over 50 LP × $100 = 15 (1,500%).
    expect(aprAfter(pool, 100n * E18, 150n * E18, 50n * E18)).toBeCloseTo(15, 12);
  });

  it("gives the first stake of an empty pool the whole emission, whatever its boost", () => {
    const empty = { ...pool, totalShares: 0n };
    expect(aprAfter(empty, 0n, 30n * E18, 10n * E18)).toBeCloseTo(100_000 / 1_000, 12);
    expect(aprAfter(empty, 0n, 10n * E18, 10n * E18)).toBeCloseTo(100_000 / 1_000, 12);
  });
});

/**
 * A zap in against figures worked out apart from the code (Python's exact integers: the optimal
 * swap, getAmountOut, the router's add at the moved reserves, the pair's mint), on a USDC/WETH
 * pair at 3,000 USDC per WETH: 3,000,000 USDC (6 decimals, token0) and 1,000 WETH (token1),
 * supply √(3e12 × 1e21) = 54,772,255,750,516,611 LP wei.
 */
import { describe, expect, it } from "vitest";

import type { PairLiquidity } from "../../src/lib/liquidity";
import { pairAfterSwap, quoteZapIn } from "../../src/lib/zap-in";

const USDC = 10n ** 6n;
const WETH = 10n ** 18n;
const R0 = 3_000_000n * USDC;
const R1 = 1_000n * WETH;
const SUPPLY = 54_772_255_750_516_611n;
const pair: PairLiquidity = { reserve0: R0, reserve1: R1, balance0: R0, balance1: R1, totalSupply: SUPPLY, kLast: 0n, feeOn: false };

describe("quoteZapIn", () => {
  it("1 WETH: swaps 0.5006 WETH for 1,496.6 USDC, adds the rest, mints 27,338,154,149,540 LP wei with nothing left", () => {
    const q = quoteZapIn(pair, 1, WETH, 50);
    expect(q.swapIn).toBe(500_626_001_745_396_739n);
    expect(q.swapOut).toBe(1_496_625_369n);
    expect(q.added).toEqual([1_496_625_369n, 499_373_998_254_603_261n]);
    expect(q.liquidity).toBe(27_338_154_149_540n);
    expect(q.minLiquidity).toBe(27_201_463_378_792n); // less 0.5%, rounded down
    expect(q.leftovers).toEqual([0n, 0n]);
    // The swap's price impact: 1 − out·1000·r / (in·997·R) (Python's fractions).
    expect(q.priceImpact).toBeCloseTo(0.0004988753865364686, 12);
  });

  it("10,000 USDC: 2 wei of USDC come back, the router taking all the WETH bought", () => {
    const q = quoteZapIn(pair, 0, 10_000n * USDC, 50);
    expect(q.swapIn).toBe(5_003_345_290n);
    expect(q.swapOut).toBe(1_660_018_175_647_307_323n);
    expect(q.added).toEqual([4_996_654_708n, 1_660_018_175_647_307_323n]);
    expect(q.liquidity).toBe(91_074_124_756_818n);
    expect(q.minLiquidity).toBe(90_618_754_133_033n);
    expect(q.leftovers).toEqual([2n, 0n]);
  });

  it("what goes in is what was swapped, added and left over: nothing is lost in the sums", () => {
    for (const amount of [1n, 999n, 12_345_678_901n, 50n * WETH]) {
      const q = quoteZapIn(pair, 1, amount, 100);
      expect(q.swapIn + q.added[1] + q.leftovers[1]).toBe(amount);
      expect(q.added[0] + q.leftovers[0]).toBe(q.swapOut);
    }
  });

  it("a larger zap moves the price more: its impact grows", () => {
    const small = quoteZapIn(pair, 1, WETH, 50).priceImpact;
    const large = quoteZapIn(pair, 1, 100n * WETH, 50).priceImpact;
    expect(large).toBeGreaterThan(small * 50);
  });

  it("too little to mint: 0 LP, for the plan to refuse", () => {
    expect(quoteZapIn(pair, 0, 1n, 50).liquidity).toBe(0n);
  });
});

describe("pairAfterSwap", () => {
  it("syncs the reserves to the balances, tokens sent to the pair unsynced included", () => {
    const donated = { ...pair, balance0: R0 + 7n };
    expect(pairAfterSwap(donated, 1, 10n, 29_000n)).toMatchObject({ reserve0: R0 + 7n - 29_000n, reserve1: R1 + 10n, balance0: R0 + 7n - 29_000n, balance1: R1 + 10n });
    expect(pairAfterSwap(pair, 0, 5n, 3n)).toMatchObject({ reserve0: R0 + 5n, reserve1: R1 - 3n });
  });
});

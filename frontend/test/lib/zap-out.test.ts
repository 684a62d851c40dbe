/**
 * A zap out against figures worked out apart from the code (Python's exact integers: the pair's
 * burn, then getAmountOut at the reserves the burn left), on the USDC/WETH pair of
 * zap-in.test.ts: 3,000,000 USDC (token0), 1,000 WETH (token1), 54,772,255,750,516,611 LP wei.
 */
import { describe, expect, it } from "vitest";

import type { PairLiquidity } from "../../src/lib/liquidity";
import { quoteZapOut } from "../../src/lib/zap-out";

const USDC = 10n ** 6n;
const WETH = 10n ** 18n;
const R0 = 3_000_000n * USDC;
const R1 = 1_000n * WETH;
const SUPPLY = 54_772_255_750_516_611n;
const pair: PairLiquidity = { reserve0: R0, reserve1: R1, balance0: R0, balance1: R1, totalSupply: SUPPLY, kLast: 0n, feeOn: false };
const LP = 10n ** 15n;
const IMPACT_TO_USDC = 0.01820364338560924;

describe("quoteZapOut", () => {
  it("to both tokens: the burn's share of each, minimums less 0.5%", () => {
    const q = quoteZapOut(pair, LP, 50);
    expect(q.removed).toEqual([54_772_255_750n, 18_257_418_583_505_537_230n]);
    expect(q.both.amounts).toEqual(q.removed);
    expect(q.both.minimums).toEqual([54_498_394_471n, 18_166_131_490_588_009_543n]);
  });

  it("to one token: the other swapped into it in the pair the burn left", () => {
    const q = quoteZapOut(pair, LP, 50);
    expect(q.single[0]).toMatchObject({ amount: 108_386_131_286n, minimum: 107_844_200_629n, swapIn: 18_257_418_583_505_537_230n });
    expect(q.single[1]).toMatchObject({ amount: 36_128_710_428_726_201_108n, minimum: 35_948_066_876_582_570_102n, swapIn: 54_772_255_750n });
    // 1e15 LP is 1.8% of the pool: swapping its WETH half moves the price by about that (Python's fractions).
    expect(q.single[0].priceImpact).toBeCloseTo(IMPACT_TO_USDC, 12);
  });

  it("dust returns nothing on a side, and no swap", () => {
    const q = quoteZapOut(pair, 1n, 50);
    expect(q.removed[0]).toBe(0n);
    expect(q.single[1].amount).toBe(q.removed[1]);
  });
});

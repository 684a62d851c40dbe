/**
 * One Uniswap V2 swap against figures worked out apart from the code (Python's exact integers),
 * on a USDC/WETH pair at 3,000 USDC per WETH: 3,000,000 USDC (6 decimals) and 1,000 WETH.
 */
import { describe, expect, it } from "vitest";

import { amountOut, priceImpact } from "../../src/lib/swap";

const USDC = 10n ** 6n;
const WETH = 10n ** 18n;
const R_USDC = 3_000_000n * USDC;
const R_WETH = 1_000n * WETH;

describe("amountOut", () => {
  it("takes the 0.3% fee from the input and rounds down, as UniswapV2Library.getAmountOut", () => {
    // 997e15 × 3e12 / (1e21 × 1000 + 997e15) = 2,988.020943... USDC
    expect(amountOut(WETH, R_WETH, R_USDC)).toBe(2_988_020_943n);
    // 3,000 USDC → 0.996006981039903216... WETH
    expect(amountOut(3_000n * USDC, R_USDC, R_WETH)).toBe(996_006_981_039_903_216n);
    expect(amountOut(0n, R_WETH, R_USDC)).toBe(0n);
  });

  it("refuses a pair without reserves", () => {
    expect(() => amountOut(WETH, 0n, R_USDC)).toThrow(RangeError);
    expect(() => amountOut(WETH, R_WETH, 0n)).toThrow(RangeError);
  });
});

describe("priceImpact", () => {
  it("is the traded input's share of the reserve after it, fee aside", () => {
    const out = amountOut(WETH, R_WETH, R_USDC);
    // 997e15 / (1e24 + 997e15) = 0.000996006...; the rounding of `out` adds less than 1e-12.
    expect(priceImpact(WETH, out, R_WETH, R_USDC)).toBeCloseTo(997 / (1_000_000 + 997), 9);
  });

  it("grows with the trade: a tenth of the pool moves the price by about 9%", () => {
    const amount = 100n * WETH;
    expect(priceImpact(amount, amountOut(amount, R_WETH, R_USDC), R_WETH, R_USDC)).toBeCloseTo(99.7 / 1_099.7, 6);
  });

  it("is 0 for no trade", () => {
    expect(priceImpact(0n, 0n, R_WETH, R_USDC)).toBe(0);
  });
});

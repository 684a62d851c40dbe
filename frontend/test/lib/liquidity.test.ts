/**
 * Uniswap V2's liquidity arithmetic against figures worked out apart from the code (Python's
 * exact integers, isqrt), on a USDC/WETH pair at 3,000 USDC per WETH: 3,000,000 USDC (6 decimals,
 * token0) and 1,000 WETH (token1), supply √(3e12 × 1e21) = 54,772,255,750,516,611 LP wei.
 * test/stores/liquidity-router.test.ts checks the same functions against the real router.
 */
import { describe, expect, it } from "vitest";

import {
  burnAmounts,
  depositAmounts,
  hasReserves,
  liquidityMinted,
  type PairLiquidity,
  protocolFeeLiquidity,
  quote,
  shareAfterMint,
  shareOf,
  sqrt,
  supplyAtMintOrBurn,
} from "../../src/lib/liquidity";

const USDC = 10n ** 6n;
const WETH = 10n ** 18n;
const R0 = 3_000_000n * USDC;
const R1 = 1_000n * WETH;
const SUPPLY = 54_772_255_750_516_611n;

const pair: PairLiquidity = { reserve0: R0, reserve1: R1, balance0: R0, balance1: R1, totalSupply: SUPPLY, kLast: 0n, feeOn: false };
const empty: PairLiquidity = { reserve0: 0n, reserve1: 0n, balance0: 0n, balance1: 0n, totalSupply: 0n, kLast: 0n, feeOn: false };

describe("quote", () => {
  it("prices an amount at the reserves' ratio, rounded down", () => {
    expect(quote(WETH, R1, R0)).toBe(3_000n * USDC);
    expect(quote(USDC, R0, R1)).toBe(333_333_333_333_333n); // 1/3000 WETH, the last wei cut
    expect(quote(0n, R0, R1)).toBe(0n);
  });

  it("refuses a pair without a price", () => {
    expect(() => quote(WETH, 0n, R0)).toThrow(RangeError);
    expect(() => quote(WETH, R1, 0n)).toThrow(RangeError);
  });
});

describe("depositAmounts", () => {
  it("takes all of A and B at the price when that is enough", () => {
    expect(depositAmounts(3_000n * USDC, 2n * WETH, R0, R1)).toEqual([3_000n * USDC, WETH]);
  });

  it("takes all of B and A at the price when B is short", () => {
    expect(depositAmounts(3_000n * USDC, WETH / 2n, R0, R1)).toEqual([1_500n * USDC, WETH / 2n]);
  });

  it("B typed first loses its dust: the router re-quotes B from A", () => {
    // 0.333333333333333333 WETH typed; 999.999999 USDC follows; the router takes 0.333333333 WETH.
    const typed = 333_333_333_333_333_333n;
    const follows = quote(typed, R1, R0);
    expect(follows).toBe(999_999_999n);
    expect(depositAmounts(follows, typed, R0, R1)).toEqual([999_999_999n, 333_333_333_000_000_000n]);
  });

  it("the router's A/B order decides which side loses the dust", () => {
    // The same two amounts with WETH as A: A = 0.333333333333333333 and B = quote(A) = 999.999999
    // exactly as offered.
    expect(depositAmounts(333_333_333_333_333_333n, 999_999_999n, R1, R0)).toEqual([333_333_333_333_333_333n, 999_999_999n]);
  });

  it("takes both amounts as they are from a pair with no reserves", () => {
    expect(hasReserves(empty)).toBe(false);
    expect(depositAmounts(7n, 11n, 0n, 0n)).toEqual([7n, 11n]);
  });
});

describe("sqrt", () => {
  it("rounds down, to the last digit of large numbers", () => {
    expect([0n, 1n, 2n, 3n, 4n, 99n].map(sqrt)).toEqual([0n, 1n, 1n, 1n, 2n, 9n]);
    expect(sqrt(10n ** 36n + 1n)).toBe(10n ** 18n);
    expect(sqrt((2n ** 112n - 1n) ** 2n)).toBe(5_192_296_858_534_827_628_530_496_329_220_095n);
    expect(sqrt(2n ** 255n)).toBe(240_615_969_168_004_511_545_033_772_477_625_056_927n);
  });

  it("refuses a negative number", () => {
    expect(() => sqrt(-1n)).toThrow(RangeError);
  });
});

describe("liquidityMinted", () => {
  it("mints the smaller share of the supply the two amounts buy", () => {
    expect(liquidityMinted(3_000n * USDC, WETH, pair)).toBe(54_772_255_750_516n);
    expect(liquidityMinted(999_999_999n, 333_333_333_000_000_000n, pair)).toBe(18_257_418_565_248n);
  });

  it("counts tokens lying unsynced in the pair as sent, the smaller side still deciding", () => {
    const donated0 = { ...pair, balance0: R0 + 5n * USDC };
    expect(liquidityMinted(3_000n * USDC, WETH, donated0)).toBe(54_772_255_750_516n);
    const donatedBoth = { ...donated0, balance1: R1 + WETH / 1000n };
    expect(liquidityMinted(3_000n * USDC, WETH, donatedBoth)).toBe(54_827_028_006_267n);
  });

  it("gives a first provider √(amount0 × amount1) less the 1,000 wei locked", () => {
    expect(liquidityMinted(3_000n * USDC, WETH, empty)).toBe(54_772_255_749_516n);
    expect(liquidityMinted(1_000_000n, 1n, empty)).toBe(0n); // √1e6 = 1,000: nothing left to mint
  });

  it("prices a mint against the supply after the protocol's fee", () => {
    const kLast = 2_804_300_000_000_000_000_000_000_000_000_000n; // √ = 52,955,641,814,635,765
    const feeOn = { ...pair, feeOn: true, kLast };
    expect(protocolFeeLiquidity(feeOn)).toBe(304_451_932_670_216n);
    expect(supplyAtMintOrBurn(feeOn)).toBe(SUPPLY + 304_451_932_670_216n);
    expect(liquidityMinted(3_000n * USDC, WETH, feeOn)).toBe(55_076_707_683_186n);
    // No fee while the switch is off, before the first fee checkpoint, or when k has not grown.
    expect(protocolFeeLiquidity({ ...feeOn, feeOn: false })).toBe(0n);
    expect(protocolFeeLiquidity({ ...feeOn, kLast: 0n })).toBe(0n);
    expect(protocolFeeLiquidity({ ...feeOn, kLast: R0 * R1 })).toBe(0n);
  });
});

describe("burnAmounts", () => {
  it("returns the LP's share of each balance, rounded down", () => {
    expect(burnAmounts(10n ** 15n, pair)).toEqual([54_772_255_750n, 18_257_418_583_505_537_230n]);
    expect(burnAmounts(SUPPLY, pair)).toEqual([R0, R1]);
  });

  it("shares unsynced tokens too, and the supply after the protocol's fee", () => {
    expect(burnAmounts(10n ** 15n, { ...pair, balance0: R0 + 5n * USDC })).toEqual([54_772_347_037n, 18_257_418_583_505_537_230n]);
    const feeOn = { ...pair, feeOn: true, kLast: 2_804_300_000_000_000_000_000_000_000_000_000n };
    expect(burnAmounts(10n ** 15n, feeOn)).toEqual([54_469_486_761n, 18_156_495_587_067_712_498n]);
  });

  it("returns nothing from a pair with no supply", () => {
    expect(burnAmounts(1n, empty)).toEqual([0n, 0n]);
  });
});

describe("shares of the pool", () => {
  it("divides exactly enough for one wei in a large supply", () => {
    expect(shareOf(1n, 4n)).toBe(0.25);
    expect(shareOf(0n, 0n)).toBe(0);
    expect(shareOf(10n ** 6n, 10n ** 24n)).toBe(1e-18);
  });

  it("after a mint: what the user holds and mints over the supply and the mint", () => {
    // 54,772,255,750,516 / (54,772,255,750,516,611 + 54,772,255,750,516) = 1/1001
    expect(shareAfterMint(0n, 54_772_255_750_516n, pair)).toBeCloseTo(0.000999000999000988, 15);
    expect(shareAfterMint(SUPPLY, SUPPLY, pair)).toBe(1);
    // A first provider owns all but the 1,000 locked wei.
    expect(shareAfterMint(0n, 1_000n, empty)).toBe(0.5);
  });
});

import type { Address } from "viem";
import { describe, expect, it } from "vitest";

import {
  blocksPerYear,
  feeApr,
  rewardApr,
  swapVolumeUsd,
  totalApr,
} from "../../src/lib/apr";
import { SECONDS_PER_YEAR } from "../../src/lib/conventions";
import type { PairState } from "../../src/lib/prices";

const E6 = 10n ** 6n;
const E18 = 10n ** 18n;

describe("blocks", () => {
  it("counts a 365-day year of blocks", () => {
    expect(SECONDS_PER_YEAR).toBe(365 * 24 * 60 * 60);
    // 31,536,000 s / 12 s = 2,628,000 blocks.
    expect(blocksPerYear(12)).toBe(2_628_000);
    expect(blocksPerYear(2)).toBe(15_768_000);
  });

  it("refuses a block time that is not positive", () => {
    expect(() => blocksPerYear(0)).toThrow(RangeError);
    expect(() => blocksPerYear(-1)).toThrow(RangeError);
    expect(() => blocksPerYear(Number.NaN)).toThrow(RangeError);
  });

});

describe("rewardApr", () => {
  const example = {
    rewardPerBlock: 2n * E18,
    rewardDecimals: 18,
    blocksPerYear: 2_628_000,
    allocPoint: 40n,
    totalAllocPoint: 190n,
    rewardPriceUsd: 1.5,
    weightUsd: 1_000_000,
    finished: false,
  };

  it("works out a concrete pool", () => {
    // 2 RWD × 2,628,000 blocks = 5,256,000 RWD a year for the farm;
    // × 40/190 = 1,106,526.3157894... RWD for this pool; × 1.5 USD = 1,659,789.4736842... USD;
    // / 1,000,000 USD staked = 1.6597894736842... (= 3942/2375), i.e. 165.98%.
    const apr = rewardApr(example);
    expect(apr.kind).toBe("apr");
    expect(apr.kind === "apr" && apr.value).toBeCloseTo(1.6597894736842, 12);
  });

  it("scales the reward by its decimals", () => {
    // The same 2 tokens per block, with 6 decimals.
    const apr = rewardApr({ ...example, rewardPerBlock: 2n * E6, rewardDecimals: 6 });
    expect(apr.kind === "apr" && apr.value).toBeCloseTo(1.6597894736842, 12);
  });

  it("says new when nothing is staked", () => {
    expect(rewardApr({ ...example, weightUsd: 0 })).toEqual({ kind: "new" });
  });

  it("says finished when emission is over, whatever the allocation", () => {
    expect(rewardApr({ ...example, finished: true })).toEqual({ kind: "finished" });
    expect(rewardApr({ ...example, finished: true, allocPoint: 0n })).toEqual({ kind: "finished" });
  });

  it("gives 0 to a pool without allocation", () => {
    expect(rewardApr({ ...example, allocPoint: 0n })).toEqual({ kind: "apr", value: 0 });
    expect(rewardApr({ ...example, allocPoint: 0n, totalAllocPoint: 0n })).toEqual({
      kind: "apr",
      value: 0,
    });
    expect(rewardApr({ ...example, allocPoint: 0n, weightUsd: 0 })).toEqual({
      kind: "apr",
      value: 0,
    });
  });
});

describe("feeApr", () => {
  it("annualises the fees on the volume over the reserves", () => {
    // 100,000 USD traded in a day × 0.3% = 300 USD of fees a day; × 365 = 109,500 USD a year;
    // over 10,000,000 USD of reserves = 0.01095 (1.095%).
    const input = { volumeUsd: 100_000, periodSeconds: 86_400, reserveUsd: 10_000_000 };
    expect(feeApr(input)).toBeCloseTo(0.01095, 12);
    // At 0.25%: 250 × 365 = 91,250 / 10,000,000 = 0.009125.
    expect(feeApr({ ...input, feeRate: 0.0025 })).toBeCloseTo(0.009125, 12);
    // The same volume over a week earns a seventh as much per year: 0.01095 / 7.
    expect(feeApr({ ...input, periodSeconds: 7 * 86_400 })).toBeCloseTo(0.0015642857142857, 12);
  });

  it("gives 0 without reserves or without a period", () => {
    expect(feeApr({ volumeUsd: 100_000, periodSeconds: 86_400, reserveUsd: 0 })).toBe(0);
    expect(feeApr({ volumeUsd: 100_000, periodSeconds: 0, reserveUsd: 1_000 })).toBe(0);
  });
});

describe("swapVolumeUsd", () => {
  const USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";
  const WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
  const pair: PairState = {
    address: "0x0000000000000000000000000000000000000001",
    token0: USDC,
    token1: WETH,
    decimals0: 6,
    decimals1: 18,
    reserve0: 3_000_000n * E6,
    reserve1: 1_000n * E18,
    totalSupply: 1_000n * E18,
  };
  const prices = new Map<Address, number>([
    [USDC, 1],
    [WETH, 3000],
  ]);

  it("values each swap on its input side", () => {
    const swaps = [
      // 3,000 USDC in, about 0.997 WETH out: 3,000 USD.
      { amount0In: 3_000n * E6, amount1In: 0n, amount0Out: 0n, amount1Out: 997n * 10n ** 15n },
      // 2 WETH in, about 5,982 USDC out: 2 × 3,000 = 6,000 USD.
      { amount0In: 0n, amount1In: 2n * E18, amount0Out: 5_982n * E6, amount1Out: 0n },
    ];
    // 3,000 + 6,000 = 9,000 USD.
    expect(swapVolumeUsd(swaps, pair, prices)).toBe(9000);
    expect(swapVolumeUsd([], pair, prices)).toBe(0);
  });

  it("gives 0 when a price is missing", () => {
    const swaps = [{ amount0In: 3_000n * E6, amount1In: 0n, amount0Out: 0n, amount1Out: 1n }];
    expect(swapVolumeUsd(swaps, pair, new Map<Address, number>([[USDC, 1]]))).toBe(0);
  });
});

describe("totalApr", () => {
  it("adds the fee APR to the reward APR, counting new and finished as 0", () => {
    expect(totalApr({ kind: "apr", value: 0.5 }, 0.01)).toBeCloseTo(0.51, 15);
    expect(totalApr({ kind: "new" }, 0.01)).toBe(0.01);
    expect(totalApr({ kind: "finished" }, 0.02)).toBe(0.02);
  });
});

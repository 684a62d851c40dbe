/**
 * The APY of compounding with gas, against the year written out period by period here, and
 * against lib/apy.ts's farm APY where there is no gas.
 */
import { describe, expect, it } from "vitest";

import { COMPOUNDING, farmApy, NEVER } from "../../src/lib/apy";
import { bestFrequency, compoundApy } from "../../src/lib/compound-apy";
import { gasCostUsd } from "../../src/lib/gas-cost";

describe("compoundApy", () => {
  it("without gas it is the farm's APY: monthly, 11 re-stakings and a month pending", () => {
    const apy = compoundApy({ rewardApr: 1, feeApr: 0.1, periodsPerYear: 12, positionUsd: 1_000, gasUsd: 0 })!;
    const stake = (1 + 1 / 12) ** 11;
    expect(apy).toBeCloseTo(stake * Math.exp(0.1) + stake / 12 - 1, 12);
    expect(apy).toBeCloseTo(farmApy({ rewardApr: 1, feeApr: 0.1, periodsPerYear: 12 }), 12);
  });

  it("pays the gas at each re-staking out of the stake: $10 weekly on $1,000 at 100%", () => {
    let stake = 1;
    for (let week = 0; week < 51; week++) stake = stake * (1 + 1 / 52) - 10 / 1_000;
    const expected = stake * 1 + stake * 1 * (1 - 51 / 52) - 1;
    expect(compoundApy({ rewardApr: 1, feeApr: 0, periodsPerYear: 52, positionUsd: 1_000, gasUsd: 10 })).toBeCloseTo(expected, 12);
  });

  it("never compounding pays no gas: the APR as it is, fees compounding", () => {
    expect(compoundApy({ rewardApr: 0.5, feeApr: 0.02, periodsPerYear: NEVER, positionUsd: 100, gasUsd: 50 })).toBeCloseTo(Math.exp(0.02) + 0.5 - 1, 12);
  });

  it("a position worth nothing has no APY", () => {
    expect(compoundApy({ rewardApr: 1, feeApr: 0, periodsPerYear: 365, positionUsd: 0, gasUsd: 1 })).toBeUndefined();
  });
});

describe("bestFrequency", () => {
  it("daily for a large position, less often as gas weighs more, never when a compound costs more than it earns", () => {
    const frequencies = Object.values(COMPOUNDING);
    expect(bestFrequency({ rewardApr: 1, feeApr: 0, positionUsd: 1_000_000, gasUsd: 1 }, frequencies)).toBe(COMPOUNDING.daily);
    expect(bestFrequency({ rewardApr: 1, feeApr: 0, positionUsd: 1_000, gasUsd: 1 }, frequencies)).toBe(COMPOUNDING.weekly);
    expect(bestFrequency({ rewardApr: 0.1, feeApr: 0, positionUsd: 100, gasUsd: 5 }, frequencies)).toBe(NEVER);
  });
});

describe("gasCostUsd", () => {
  it("is gas × price in ETH, at ETH's USD price", () => {
    // 300,000 gas at 20 gwei = 0.006 ETH, at $3,000 = $18.
    expect(gasCostUsd(300_000n, 20_000_000_000n, 3_000)).toBeCloseTo(18, 12);
  });
});

describe("compoundApy, gas larger than the stake", () => {
  it("ends at −100%: nothing is left to compound, however often", () => {
    expect(compoundApy({ rewardApr: 1, feeApr: 0.02, periodsPerYear: 365, positionUsd: 0.01, gasUsd: 1 })).toBe(-1);
  });
});

import { describe, expect, it } from "vitest";

import { NEVER } from "../../src/lib/apy";
import { addedStake, breakevenDays, projectRoi, rewardAprWithStake, type RoiInput } from "../../src/lib/roi";

// Expected figures worked out apart from the code (30-digit arithmetic), written out here.
const base: RoiInput = { principal: 1_000, days: 30, rewardApr: 0.5, feeApr: 0, periodsPerYear: NEVER, priceRatio: 2, rewardSide: "outside" };

describe("projectRoi", () => {
  it("joins impermanent loss and rewards kept as tokens outside the pair", () => {
    const roi = projectRoi(base);
    // Hold: 500 stays + 500 doubles. Pool: 1,000 × √2.
    expect(roi.holdValue).toBe(1_500);
    expect(roi.poolValue).toBeCloseTo(1414.213562373095, 9);
    expect(roi.impermanentLoss).toBeCloseTo(-85.786437626905, 9);
    // 1,000 × 50% × 30 / 365, at today's price: the token is outside the pair.
    expect(roi.rewards).toBeCloseTo(41.095890410959, 9);
    expect(roi.pendingAtTodaysPrice).toBeCloseTo(41.095890410959, 9);
    expect(roi.fees).toBe(0);
    expect(roi.net).toBeCloseTo(-44.690547215946, 9);
    expect(roi.gain).toBeCloseTo(455.309452784054, 9);
    expect(roi.compoundings).toBe(0);
    expect(roi.gas).toBe(0);
  });

  it("values reward tokens at the scenario's price when the reward is the pair's base (RWD in RWD/WETH)", () => {
    const roi = projectRoi({ ...base, rewardSide: "base" });
    // The same 41.0959 of RWD at today's price is worth twice as much at 2×.
    expect(roi.rewards).toBeCloseTo(82.191780821918, 9);
    expect(roi.pendingAtTodaysPrice).toBeCloseTo(41.095890410959, 9);
    expect(roi.net).toBeCloseTo(-3.594656804987, 9);
    // The quote keeps its price: as outside the pair.
    expect(projectRoi({ ...base, rewardSide: "quote" }).rewards).toBeCloseTo(41.095890410959, 9);
  });

  it("grows the LP by fees inside the pair, valued at the scenario's price", () => {
    // A year at 10% fees, the base up 4×: the LP is 1,000 × √4 = 2,000, fees 2,000 × (e^0.1 − 1).
    const roi = projectRoi({ ...base, rewardApr: 0, feeApr: 0.1, days: 365, priceRatio: 4 });
    expect(roi.poolValue).toBe(2_000);
    expect(roi.holdValue).toBe(2_500);
    expect(roi.fees).toBeCloseTo(210.341836151295, 9);
    expect(roi.net).toBeCloseTo(-289.658163848705, 9);
  });

  it("re-stakes rewards daily and counts the gas of each re-staking", () => {
    // 36.5% for 30 days, no price move: 29 re-stakings, 1,000 × 1.001^30 at the end.
    const roi = projectRoi({ ...base, rewardApr: 0.365, periodsPerYear: 365, priceRatio: 1, costPerCompounding: 0.5 });
    expect(roi.compoundings).toBe(29);
    expect(roi.gas).toBe(14.5);
    expect(roi.rewards).toBeCloseTo(30.439087548102, 9);
    expect(roi.endValue).toBeCloseTo(1030.439087548102 - 14.5, 9);
    expect(roi.net).toBeCloseTo(15.939087548102, 9);
    expect(roi.impermanentLoss).toBe(0);
  });

  it("values re-staked rewards as LP (√r) and those still pending as tokens (r) under the scenario", () => {
    // RWD/WETH, RWD up 4×: LP 2,000 × 1.001^29, the last day's 1,000 × 1.001^29 × 0.001 of RWD at 4×.
    const roi = projectRoi({ ...base, rewardApr: 0.365, periodsPerYear: 365, priceRatio: 4, rewardSide: "base" });
    expect(roi.rewards).toBeCloseTo(62.936994451944, 9);
    expect(roi.endValue).toBeCloseTo(2062.936994451944, 9);
    expect(roi.net).toBeCloseTo(-437.063005548056, 9);
  });

  it("adds up: net = loss + rewards + fees − gas, and gives the APY of its rates", () => {
    const roi = projectRoi({ ...base, feeApr: 0.03, periodsPerYear: 52, priceRatio: 0.3, costPerCompounding: 1, days: 365 });
    expect(roi.net).toBeCloseTo(roi.impermanentLoss + roi.rewards + roi.fees - roi.gas, 9);
    expect(roi.endValue - roi.holdValue).toBeCloseTo(roi.net, 9);
    // (1 + 0.5/52)^51 · (e^0.03 + 0.5/52) − 1
    expect(roi.apy).toBeCloseTo(0.694402111639424, 12);
  });

  it("refuses what it cannot compute", () => {
    expect(() => projectRoi({ ...base, priceRatio: 0 })).toThrow(RangeError);
    expect(() => projectRoi({ ...base, days: -1 })).toThrow(RangeError);
    expect(() => projectRoi({ ...base, principal: Number.NaN })).toThrow(RangeError);
  });
});

describe("breakevenDays", () => {
  const { days: _days, ...scenario } = base;

  it("is the closed form loss ÷ daily reward without fees", () => {
    // 85.786437626905 ÷ (1,000 × 0.5 / 365)
    expect(breakevenDays(scenario)).toBeCloseTo(62.624099467641, 3);
    // The reward at 2× its price: half the days.
    expect(breakevenDays({ ...scenario, rewardSide: "base" })).toBeCloseTo(31.31204973382, 3);
  });

  it("is ln(hold / pool) ÷ fee APR with fees alone", () => {
    // ln(2,500 / 2,000) / 0.1 years
    expect(breakevenDays({ ...scenario, rewardApr: 0, feeApr: 0.1, priceRatio: 4 })).toBeCloseTo(814.473962296866, 3);
  });

  it("is 0 with no loss and undefined when nothing is earned", () => {
    expect(breakevenDays({ ...scenario, priceRatio: 1 })).toBe(0);
    expect(breakevenDays({ ...scenario, rewardApr: 0 })).toBeUndefined();
  });
});

describe("rewardAprWithStake", () => {
  // 1 token a block, 100 blocks a year, half the emission, at 2 a token: 100 a year to the pool.
  const emission = { rewardPerBlock: 10n ** 18n, rewardDecimals: 18, blocksPerYear: 100, allocPoint: 1n, totalAllocPoint: 2n, rewardPriceUsd: 2, weightUsd: 9_000, finished: false };

  it("shares the pool's emission over its stake and the added amount", () => {
    expect(rewardAprWithStake(emission, 0)).toBeCloseTo(100 / 9_000, 15);
    expect(rewardAprWithStake(emission, 1_000)).toBeCloseTo(0.01, 15);
  });

  it("gives a first staker the whole emission, and nothing once emission is over", () => {
    expect(rewardAprWithStake({ ...emission, weightUsd: 0 }, 500)).toBeCloseTo(0.2, 15);
    expect(rewardAprWithStake({ ...emission, finished: true }, 500)).toBe(0);
  });
});

describe("addedStake", () => {
  it("is what the amount adds to the current stake", () => {
    expect(addedStake(1_000, 400)).toBe(600);
    expect(addedStake(300, 400)).toBe(0);
  });
});

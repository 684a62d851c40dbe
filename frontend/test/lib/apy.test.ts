import { describe, expect, it } from "vitest";

import { apyFromApr, compoundings, CONTINUOUS, farmApy, feeGrowth, NEVER, poolApy, rewardGrowth } from "../../src/lib/apy";

// Expected figures worked out apart from the code (30-digit arithmetic), written out here.
describe("apyFromApr", () => {
  it("compounds n times a year: (1 + apr/n)^n − 1", () => {
    // 10% monthly: 1.00833…^12 − 1
    expect(apyFromApr(0.1, 12)).toBeCloseTo(0.104713067441297, 12);
    // 100% daily: (1 + 1/365)^365 − 1
    expect(apyFromApr(1, 365)).toBeCloseTo(1.714567482021874, 12);
  });

  it("tends to e^apr − 1 continuously, and is the APR itself never compounded", () => {
    expect(apyFromApr(1, CONTINUOUS)).toBeCloseTo(1.718281828459045, 12);
    expect(apyFromApr(1, 1e7)).toBeCloseTo(1.718281828459045, 6);
    expect(apyFromApr(0.5, NEVER)).toBe(0.5);
    expect(apyFromApr(0, 365)).toBe(0);
  });
});

describe("compoundings", () => {
  it("counts re-stakings strictly before the end", () => {
    expect(compoundings(30 / 365, 365)).toBe(29); // days 1 … 29; day 30 is the end
    expect(compoundings(1 / 365, 365)).toBe(0);
    expect(compoundings(1, 52)).toBe(51);
    expect(compoundings(1, 12)).toBe(11);
    expect(compoundings(7 / 365, 52)).toBe(0); // a "week" of the year is 7.02 days: not yet one
    expect(compoundings(31 / 365, 12)).toBe(1); // 31 days pass the first month (30.4 days)
    expect(compoundings(0, 365)).toBe(0);
    expect(compoundings(1, NEVER)).toBe(0);
    expect(compoundings(1, CONTINUOUS)).toBe(Infinity);
  });

  it("refuses a negative duration or frequency", () => {
    expect(() => compoundings(-1, 365)).toThrow(RangeError);
    expect(() => compoundings(1, -1)).toThrow(RangeError);
  });
});

describe("rewardGrowth", () => {
  it("re-stakes daily: 36.5% for 30 days grows the LP 1.001^29, the 30th day's 0.1% pending", () => {
    const growth = rewardGrowth(0.365, 30 / 365, 365);
    expect(growth.lpGrowth).toBeCloseTo(1.02940967787023, 12);
    expect(growth.pending).toBeCloseTo(1.02940967787023 * 0.001, 12);
    // Together: 1.001^30.
    expect(growth.lpGrowth + growth.pending).toBeCloseTo(1.0304390875481, 12);
  });

  it("never re-staked: the LP stays, the reward is simple interest", () => {
    expect(rewardGrowth(0.5, 30 / 365, NEVER)).toEqual({ lpGrowth: 1, pending: (0.5 * 30) / 365 });
  });

  it("continuously: e^(apr·t), nothing pending", () => {
    const growth = rewardGrowth(1, 0.5, CONTINUOUS);
    expect(growth.lpGrowth).toBeCloseTo(1.6487212707, 10);
    expect(growth.pending).toBe(0);
  });
});

describe("feeGrowth", () => {
  it("compounds continuously inside the pair", () => {
    expect(feeGrowth(0.1, 1)).toBeCloseTo(1.105170918075648, 12);
    expect(feeGrowth(0, 3)).toBe(1);
  });
});

describe("farmApy", () => {
  it("multiplies fees compounding in the pair by rewards re-staked daily", () => {
    // (1 + 1/365)^364 · (e^0.05 + 1/365) − 1: the textbook e^0.05 · (1 + 1/365)^365 − 1 = 1.853746…
    // less the fees the last day's rewards, still pending, do not earn.
    expect(farmApy({ rewardApr: 1, feeApr: 0.05, periodsPerYear: 365 })).toBeCloseTo(1.853366062927167, 12);
  });

  it("with rewards kept: e^fee − 1 + reward", () => {
    expect(farmApy({ rewardApr: 1, feeApr: 0.05, periodsPerYear: NEVER })).toBeCloseTo(1.051271096376024, 12);
  });

  it("with rewards alone is the textbook APY", () => {
    expect(farmApy({ rewardApr: 0.52, feeApr: 0, periodsPerYear: 52 })).toBeCloseTo(0.677688921462944, 12);
  });
});

describe("poolApy", () => {
  it("has none for a pool with nothing staked, and the fees' alone once emission is over", () => {
    expect(poolApy({ kind: "new" }, 0.05, 365)).toBeUndefined();
    expect(poolApy({ kind: "finished" }, 0.1, 365)).toBeCloseTo(0.105170918075648, 12);
    expect(poolApy({ kind: "apr", value: 1 }, 0.05, 365)).toBeCloseTo(1.853366062927167, 12);
  });
});

describe("rewardGrowth with the stake's share of the pool", () => {
  it("is the closed form at a share of 0", () => {
    expect(rewardGrowth(0.5, 1, 365, 0)).toEqual(rewardGrowth(0.5, 1, 365));
  });

  it("earns the pool's whole emission, no more, when the stake is the whole pool", () => {
    // Alone in the pool, re-staking cannot raise its share of the emission: 300% a year is 3× the start, however compounded.
    for (const n of [365, 52, 12, 0]) {
      const { lpGrowth, pending } = rewardGrowth(3, 1, n, 1);
      expect(lpGrowth - 1 + pending, `n = ${n}`).toBeCloseTo(3, 9);
    }
    expect(rewardGrowth(3, 1, Number.POSITIVE_INFINITY, 1).lpGrowth).toBeCloseTo(4, 9);
  });

  it("never earns more than the pool's emission (apr / share), even at 30,000% for a year", () => {
    for (const share of [0.001, 0.01, 0.1, 0.5]) {
      const { lpGrowth, pending } = rewardGrowth(300, 1, 365, share);
      expect(lpGrowth - 1 + pending, `share ${share}`).toBeLessThanOrEqual(300 / share);
      expect(Number.isFinite(lpGrowth)).toBe(true);
    }
  });

  it("compounds a day at a time as the diluted rate says: one step by hand", () => {
    // Share 0.5, 36.5% APR, two days: day 1 earns 0.001; the stake, 1.001 times the start, then earns 0.001·1.001 / (0.5 + 0.5·1.001).
    const { lpGrowth, pending } = rewardGrowth(0.365, 2 / 365, 365, 0.5);
    expect(lpGrowth).toBeCloseTo(1.001, 12);
    expect(pending).toBeCloseTo((0.001 * 1.001) / (0.5 + 0.5 * 1.001), 12);
  });

  it("continuously solves (1 − s)·ln x + s·(x − 1) = apr·t", () => {
    const x = rewardGrowth(2, 1, Number.POSITIVE_INFINITY, 0.25).lpGrowth;
    expect(0.75 * Math.log(x) + 0.25 * (x - 1)).toBeCloseTo(2, 9);
  });
});

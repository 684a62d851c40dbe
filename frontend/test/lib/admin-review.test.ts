import { describe, expect, it } from "vitest";

import { type AdminChange, buildReview, changeTitle, type ReviewInput } from "../../src/lib/admin-review";

const E18 = 10n ** 18n;
const RWD = { symbol: "RWD", decimals: 18 };
const POOLS = [
  { pid: 0, name: "WETH/USDC", allocPoint: 40n },
  { pid: 1, name: "DAI/WETH", allocPoint: 20n },
  { pid: 2, name: "WBTC/WETH", allocPoint: 20n },
  { pid: 3, name: "DAI/USDC", allocPoint: 10n },
  { pid: 4, name: "RWD/WETH", allocPoint: 100n },
];
/** Block 1,000 of the local world: 2 RWD a block since block 20, 9,898,040 RWD left, 2 s blocks. */
const FARM = {
  blockNumber: 1_000n,
  timestamp: 1_700_002_000n,
  rewardPerBlock: 2n * E18,
  rewardsRemaining: 9_898_040n * E18,
  startBlock: 20n,
  totalAllocPoint: 190n,
  paused: false,
};

function review(change: AdminChange, farm: Partial<ReviewInput["farm"]> = {}) {
  return buildReview({ change, farm: { ...FARM, ...farm }, pools: POOLS, blockSeconds: 2, reward: RWD, rewardPriceUsd: 1.5 });
}

describe("changeTitle", () => {
  it("names the pool and the amount, so a notice says what happened", () => {
    expect(changeTitle({ kind: "allocation", pid: 0, allocPoint: 200n }, POOLS, RWD)).toBe("Set WETH/USDC to 200 points");
    expect(changeTitle({ kind: "allocation", pid: 3, allocPoint: 1n }, POOLS, RWD)).toBe("Set DAI/USDC to 1 point");
    expect(changeTitle({ kind: "add-pool", lpToken: "0x0000000000000000000000000000000000000001", name: "DAI/WBTC", allocPoint: 1_000n }, POOLS, RWD)).toBe(
      "Add a pool for DAI/WBTC (1,000 points)",
    );
    expect(changeTitle({ kind: "emission", rewardPerBlock: 25n * 10n ** 17n }, POOLS, RWD)).toBe("Set the emission to 2.5 RWD per block");
    expect(changeTitle({ kind: "emission", rewardPerBlock: 1n }, POOLS, RWD)).toBe("Set the emission to 0.000000000000000001 RWD per block");
    expect(changeTitle({ kind: "emission", rewardPerBlock: 0n }, POOLS, RWD)).toBe("Stop the emission (0 RWD per block)");
    expect(changeTitle({ kind: "pause", paused: true }, POOLS, RWD)).toBe("Pause the farm");
    expect(changeTitle({ kind: "pause", paused: false }, POOLS, RWD)).toBe("Unpause the farm");
  });
});

describe("buildReview", () => {
  it("a new rate: emission per day and the cap's block old -> new, no shares, no warning at an ordinary rate", () => {
    const r = review({ kind: "emission", rewardPerBlock: 3n * E18 });
    expect(r.before.perDay).toBe(86_400n * E18);
    expect(r.after.perDay).toBe(129_600n * E18);
    expect(r.before.end!.block).toBe(4_950_020n); // 20 + 9,900,000 / 2
    // Block 1,001 pays 2 at the old rate, then 9,898,038 / 3 = 3,299,346 blocks of 3.
    expect(r.after.end!.block).toBe(1_001n + 3_299_346n);
    expect(r.shares).toBeUndefined();
    expect(r.warnings).toEqual([]);
    expect(r.notes).toEqual([]);
  });

  it("100,000 RWD a block: warns that the cap comes within minutes, and that the rate is 50,000 times the current one", () => {
    const r = review({ kind: "emission", rewardPerBlock: 100_000n * E18 });
    expect(r.after.end!.block).toBe(1_100n);
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings[0]).toMatch(/^The cap would be reached in 3 min \(block 1,100, .+\): after that the farm emits nothing and every pool's reward APR falls to 0\.$/);
    expect(r.warnings[1]).toBe("That is 50,000 times the current rate of 2 RWD per block.");
  });

  it("0 a block: allowed, says emission stops and what stays under the cap", () => {
    const r = review({ kind: "emission", rewardPerBlock: 0n });
    expect(r.after).toEqual({ rewardPerBlock: 0n, perDay: 0n, stopped: "zero-rate" });
    expect(r.warnings).toEqual([]);
    expect(r.notes).toEqual(["Emission stops from the next block: stakers earn nothing until a rate is set again. The 9,898,040 RWD left under the cap stay for later."]);
  });

  it("an allocation: every pool's share old -> new, the cap's date unchanged", () => {
    const r = review({ kind: "allocation", pid: 3, allocPoint: 30n });
    expect(r.title).toBe("Set DAI/USDC to 30 points");
    expect(r.after.end).toEqual(r.before.end);
    expect(r.shares!.find((s) => s.changed)).toMatchObject({ name: "DAI/USDC", pointsBefore: 10n, pointsAfter: 30n });
    expect(r.shares![4].shareAfter).toBeCloseTo(100 / 210, 12);
    // 86,400 RWD a day: 10/190 of it before, 30/210 after.
    expect(r.pool).toEqual({ name: "DAI/USDC", pointsBefore: 10n, pointsAfter: 30n, perDayBefore: (86_400n * E18 * 10n) / 190n, perDayAfter: (86_400n * E18 * 30n) / 210n });
    expect(r.warnings).toEqual([]);
  });

  it("the last pool with points to 0: nothing is emitted, said as a warning", () => {
    const r = buildReview({
      change: { kind: "allocation", pid: 0, allocPoint: 0n },
      farm: { ...FARM, totalAllocPoint: 40n },
      pools: [{ pid: 0, name: "WETH/USDC", allocPoint: 40n }, { pid: 1, name: "DAI/WETH", allocPoint: 0n }],
      blockSeconds: 2,
      reward: RWD,
      rewardPriceUsd: 1.5,
    });
    expect(r.after.stopped).toBe("no-allocation");
    expect(r.warnings).toEqual([
      "No pool would have any points: nothing is emitted until a pool has some (what is left under the cap waits).",
      "WETH/USDC would earn nothing: its stakers stop earning rewards from the next block.",
    ]);
  });

  it("adding a pool: its share appears, an empty pair is pointed out", () => {
    const r = review({ kind: "add-pool", lpToken: "0x0000000000000000000000000000000000000001", name: "ADM/WETH", allocPoint: 10n, empty: true });
    expect(r.shares).toHaveLength(6);
    expect(r.shares![5]).toMatchObject({ pid: 5, name: "ADM/WETH", pointsAfter: 10n, shareAfter: 0.05 });
    expect(r.warnings).toEqual(["The ADM/WETH pair holds no liquidity yet: the farms page cannot price it until someone adds liquidity."]);
    expect(r.notes).toEqual(["The pool earns from the block after it is added."]);
  });

  it("pausing: the state old -> new, emission unchanged, what stays open", () => {
    const r = review({ kind: "pause", paused: true });
    expect(r.paused).toEqual({ before: false, after: true });
    expect(r.after).toEqual(r.before);
    expect(r.notes[0]).toMatch(/^Staking and harvesting stop; unstaking and emergency withdrawal stay open\./);
  });

  it("an ordinary change near the cap still warns: the cap is within a week whatever is changed", () => {
    const r = review({ kind: "pause", paused: true }, { rewardsRemaining: 100_000n * E18 }); // 50,000 blocks from block 1,000: 27.8 hours
    expect(r.warnings[0]).toMatch(/^The cap would be reached in 1 day 3 h \(block 51,000,/);
  });
});

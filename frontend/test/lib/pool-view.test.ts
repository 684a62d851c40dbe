import type { Address } from "viem";
import { describe, expect, it } from "vitest";

import type { FarmSnapshot, PairMeta, PoolState } from "../../src/lib/farm-snapshot";
import { emissionFinished, farmTotals, poolViews, type FarmView } from "../../src/lib/pool-view";
import { tokenPricesUsd } from "../../src/lib/prices";

const USDC: Address = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";
const WETH: Address = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
const RWD: Address = "0x00000000000000000000000000000000000000AA";
const USDC_WETH: Address = "0x0000000000000000000000000000000000000001";
const RWD_WETH: Address = "0x0000000000000000000000000000000000000002";
const OWNER: Address = "0x0000000000000000000000000000000000000009";
const E6 = 10n ** 6n;
const E18 = 10n ** 18n;

const usdcWethMeta: PairMeta = { address: USDC_WETH, token0: USDC, token1: WETH, symbol0: "USDC", symbol1: "WETH", decimals0: 6, decimals1: 18 };
const rwdWethMeta: PairMeta = { address: RWD_WETH, token0: RWD, token1: WETH, symbol0: "RWD", symbol1: "WETH", decimals0: 18, decimals1: 18 };

/** A pool without locks: its weights are its LP. */
function unboosted(staked: bigint): PoolState["shares"] {
  return { totalShares: staked, boostShares: 0n, emergencyUnlockBlock: 0n };
}

/** USDC/WETH: 3,000,000 USDC and 1,000 WETH (WETH = $3,000), 1,000 LP: $6,000 per LP. */
function usdcWeth(staked: bigint, user?: PoolState["user"]): PoolState {
  const pair = { ...usdcWethMeta, reserve0: 3_000_000n * E6, reserve1: 1_000n * E18, totalSupply: 1_000n * E18 };
  return { pid: 0, lpToken: USDC_WETH, allocPoint: 300n, totalStaked: staked, shares: unboosted(staked), pair, user };
}

/** RWD/WETH: 600,000 RWD and 300 WETH (RWD = $1.50), 100 LP: $18,000 per LP. */
function rwdWeth(staked: bigint): PoolState {
  const pair = { ...rwdWethMeta, reserve0: 600_000n * E18, reserve1: 300n * E18, totalSupply: 100n * E18 };
  return { pid: 1, lpToken: RWD_WETH, allocPoint: 100n, totalStaked: staked, shares: unboosted(staked), pair };
}

function snapshotOf(pools: PoolState[], overrides: Partial<FarmSnapshot> = {}): FarmSnapshot {
  return {
    blockNumber: 100n, timestamp: 1_000n, rewardPerBlock: 2n * E18, totalAllocPoint: 400n, startBlock: 1n,
    rewardsRemaining: 1_000_000n * E18, emissionEndBlock: 500_100n, paused: false, owner: OWNER, poolLength: pools.length,
    locks: { epochBlocks: 100n, tiers: [], penaltyBps: 0n, penaltyRecipient: OWNER },
    pools, pricePairs: [], ...overrides,
  };
}

function farmOf(snapshot: FarmSnapshot, swapsByPair: FarmView["swapsByPair"] = new Map()): FarmView {
  return {
    snapshot,
    pairs: [usdcWethMeta, rwdWethMeta],
    prices: tokenPricesUsd(snapshot.pools.map((p) => p.pair), USDC, WETH),
    swapsByPair,
    rewardToken: { address: RWD, decimals: 18 },
    blockSeconds: 12,
    quoteTokens: [WETH, USDC],
  };
}

describe("poolViews", () => {
  const user = { staked: 2n * E18, pending: 5n * E18, wallet: E18 / 2n, allowance: 0n };
  const snapshot = snapshotOf([usdcWeth(10n * E18, user), rwdWeth(E18)]);

  it("names pools base/quote and shares the emission by allocation", () => {
    const [a, b] = poolViews(farmOf(snapshot));
    expect([a.name, b.name]).toEqual(["WETH/USDC", "RWD/WETH"]);
    expect([a.share, b.share]).toEqual([0.75, 0.25]);
    expect([a.live, b.live]).toEqual([true, true]);
  });

  it("values LP, stakes and the user's position in USD", () => {
    const [a, b] = poolViews(farmOf(snapshot));
    expect(a.lpPrice).toBeCloseTo(6_000, 9);
    expect(a.stakedUsd).toBeCloseTo(60_000, 6);
    expect(a.reserveUsd).toBeCloseTo(6_000_000, 3);
    expect(a.user!.stakedUsd).toBeCloseTo(12_000, 6);
    expect(a.user!.walletUsd).toBeCloseTo(3_000, 6);
    expect(a.user!.pending).toBe(5n * E18);
    expect(a.user!.pendingUsd).toBeCloseTo(5 * 1.5, 9); // 5 RWD at $1.50
    expect(b.lpPrice).toBeCloseTo(18_000, 6);
    expect(b.user).toBeUndefined();
  });

  it("computes the reward APR at the nominal block time: 2 RWD × 2,628,000 blocks × 75% × $1.50 ÷ $60,000", () => {
    const [a] = poolViews(farmOf(snapshot));
    const expected = (2 * (31_536_000 / 12) * 0.75 * 1.5) / 60_000;
    expect(a.reward.kind).toBe("apr");
    expect(a.reward.kind === "apr" && a.reward.value).toBeCloseTo(expected, 12);
    expect(a.totalApr).toBeCloseTo(expected, 12);
  });

  it("adds the fee APR from the day's swaps of that pair only: 0.3% × volume × 365 ÷ reserves", () => {
    const swap = { amount0In: 1_000_000n * E6, amount1In: 0n, amount0Out: 0n, amount1Out: 1n };
    const [a, b] = poolViews(farmOf(snapshot, new Map([[USDC_WETH, [swap]]])));
    expect(a.volumeUsd).toBeCloseTo(1_000_000, 6);
    expect(a.feeApr).toBeCloseTo((0.003 * 1_000_000 * 365) / 6_000_000, 12);
    expect(b.feeApr).toBe(0);
  });

  it("says new for an empty pool, finished when emission is over, and not live without allocation", () => {
    const empty = poolViews(farmOf(snapshotOf([usdcWeth(0n), rwdWeth(E18)])));
    expect(empty[0].reward).toEqual({ kind: "new" });
    const over = snapshotOf([usdcWeth(E18), rwdWeth(E18)], { rewardsRemaining: 0n });
    expect(emissionFinished(over)).toBe(true);
    expect(poolViews(farmOf(over)).map((p) => [p.reward.kind, p.live])).toEqual([["finished", false], ["finished", false]]);
    const unallocated = snapshotOf([{ ...usdcWeth(E18), allocPoint: 0n }, rwdWeth(E18)], { totalAllocPoint: 100n });
    expect(poolViews(farmOf(unallocated))[0]).toMatchObject({ live: false, share: 0, reward: { kind: "apr", value: 0 } });
  });

  it("shares the reward by weight: boosted locks leave an unlocked LP less than emission ÷ TVL", () => {
    // 10 LP staked, 4 of them the user's lock at 2.5× until block 200 (the snapshot is at 100):
    // weights 6 + 4 × 2.5 = 16 LP, $96,000 at $6,000 per LP.
    const lock = { amount: 4n * E18, boostBps: 25_000n, startBlock: 50n, endBlock: 200n, penaltyBps: 1_000n, penaltyRecipient: OWNER, exitPenalty: 0n };
    const position = { staked: 5n * E18, pending: 0n, wallet: 0n, allowance: 0n, lock };
    const locked = { ...usdcWeth(10n * E18, position), shares: { totalShares: 16n * E18, boostShares: 6n * E18, emergencyUnlockBlock: 0n } };
    const [a] = poolViews(farmOf(snapshotOf([locked, rwdWeth(E18)])));
    const yearly = 2 * (31_536_000 / 12) * 0.75 * 1.5;
    expect(a.yearlyRewardUsd).toBeCloseTo(yearly, 6);
    expect(a.stakedUsd).toBeCloseTo(60_000, 6);
    expect(a.weightUsd).toBeCloseTo(96_000, 6);
    expect(a.reward.kind === "apr" && a.reward.value).toBeCloseTo(yearly / 96_000, 12);
    // The user: 1 LP unlocked and 4 locked weigh 1 + 10 = 11 of 16; only the unlocked LP can leave.
    expect(a.user!.weight).toBe(11n * E18);
    expect(a.user!.withdrawable).toBe(E18);
    expect(a.user!.rewardApr).toBeCloseTo((yearly * 11) / 16 / 30_000, 12);
  });

  it("counts an ended lock at 1× and lets all of it leave", () => {
    const lock = { amount: 4n * E18, boostBps: 25_000n, startBlock: 50n, endBlock: 100n, penaltyBps: 1_000n, penaltyRecipient: OWNER, exitPenalty: 0n };
    const position = { staked: 5n * E18, pending: 0n, wallet: 0n, allowance: 0n, lock };
    const [a] = poolViews(farmOf(snapshotOf([usdcWeth(10n * E18, position), rwdWeth(E18)])));
    expect(a.user!.weight).toBe(5n * E18);
    expect(a.user!.withdrawable).toBe(5n * E18);
    // Its weight is its LP: the pool's unlocked rate.
    expect(a.user!.rewardApr).toBeCloseTo(a.reward.kind === "apr" ? a.reward.value : NaN, 12);
  });

  it("leaves USD figures out when a token has no price", () => {
    const noStable = { ...farmOf(snapshot), prices: new Map<Address, number>() };
    const [a] = poolViews(noStable);
    expect(a.lpPrice).toBeUndefined();
    expect(a.stakedUsd).toBeUndefined();
    expect(a.user!.stakedUsd).toBeUndefined();
  });
});

describe("farmTotals", () => {
  it("sums USD over priced pools, pending over pools, and emission over a day of blocks", () => {
    const withPending = { staked: E18, pending: 3n, wallet: 0n, allowance: 0n };
    const snapshot = snapshotOf([usdcWeth(10n * E18, withPending), rwdWeth(E18)]);
    const totals = farmTotals(poolViews(farmOf(snapshot)), snapshot, 12);
    expect(totals.stakedUsd).toBeCloseTo(60_000 + 18_000, 6);
    expect(totals.userStakedUsd).toBeCloseTo(6_000, 6);
    expect(totals.pending).toBe(3n);
    expect(totals.pendingUsd).toBeCloseTo(3e-18 * 1.5, 30);
    expect(totals.pendingPids).toEqual([0]);
    expect(totals.emissionPerDay).toBe(2n * E18 * 7_200n);
  });

  it("is all zero before the first read", () => {
    expect(farmTotals([], undefined, 12)).toEqual({ stakedUsd: 0, userStakedUsd: 0, pending: 0n, pendingUsd: 0, pendingPids: [], harvestPids: [], enrolPids: [], emissionPerDay: 0n });
  });
});

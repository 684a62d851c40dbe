/**
 * The farm the local world and the fork both run: one reward token, one emission rate and one
 * RWD/WETH market, so the dapp looks the same on either.
 */
import { parseEther } from "ethers";

import type { LocksPlan, RewardTokenPlan } from "../deploy/plan.js";

/** 10,000,000 RWD cap; 100,000 minted to the deployer to seed the RWD/WETH market. */
export const DEMO_REWARD_TOKEN: RewardTokenPlan = {
  name: "Farm Reward",
  symbol: "RWD",
  decimals: 18,
  cap: parseEther("10000000"),
  initialSupply: parseEther("100000"),
};

export const DEMO_REWARD_PER_BLOCK = parseEther("2");

/** The reward token's market: 50,000 RWD + 25 ETH, 1 RWD = 0.0005 ETH (≈ 1.5 USD at 3,000 USD per ETH). */
export const REWARD_MARKET = { rwd: parseEther("50000"), eth: parseEther("25") };

/** The RWD/WETH pool's allocation: the largest, as farms reward their own market most. */
export const REWARD_POOL_ALLOC_POINT = 100n;

/**
 * Locks on the local world, where testers should see a lock end within minutes (blocks every 2 to
 * 3 s): 30-block epochs (about a minute), tiers from 5 minutes to 6 hours of 2 s blocks, and a
 * 20% early-exit penalty to the deployer. The toolbar's "mine blocks" reaches any end at once.
 */
export const LOCAL_EPOCH_BLOCKS = 30n;
export const LOCAL_LOCKS: LocksPlan = {
  tiers: [
    { blocks: 150n, boostBps: 12_500n },
    { blocks: 900n, boostBps: 15_000n },
    { blocks: 5_400n, boostBps: 20_000n },
    { blocks: 10_800n, boostBps: 30_000n },
  ],
  penaltyBps: 2_000n,
};

/** On a mainnet fork, mainnet's terms: daily epochs (7,200 blocks of 12 s), 30 days to a year. */
export const FORK_EPOCH_BLOCKS = 7_200n;
export const FORK_LOCKS: LocksPlan = {
  tiers: [
    { blocks: 30n * 7_200n, boostBps: 12_500n },
    { blocks: 90n * 7_200n, boostBps: 15_000n },
    { blocks: 180n * 7_200n, boostBps: 20_000n },
    { blocks: 365n * 7_200n, boostBps: 30_000n },
  ],
  penaltyBps: 2_000n,
};

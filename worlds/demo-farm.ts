/**
 * The farm the local world and the fork both run: one reward token, one emission rate and one
 * RWD/WETH market, so the dapp looks the same on either.
 */
import { parseEther } from "ethers";

import type { RewardTokenPlan } from "../deploy/plan.js";

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

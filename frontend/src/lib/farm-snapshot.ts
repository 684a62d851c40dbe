/**
 * The farm as one read sees it (chain/farm-reads.ts), and the facts about each pair that never
 * change (chain/pairs.ts): plain data, so the view model (./pool-view.ts) is computed without a
 * chain. Addresses are checksummed, as viem decodes them, so they compare and key maps as they are.
 */
import type { Address } from "viem";

import type { PairState } from "./prices";

/** What never changes about a Uniswap V2 pair: its tokens, their symbols and decimals. */
export interface PairMeta {
  address: Address;
  token0: Address;
  token1: Address;
  symbol0: string;
  symbol1: string;
  decimals0: number;
  decimals1: number;
}

export interface UserPosition {
  staked: bigint;
  pending: bigint;
  /** LP in the user's wallet. */
  wallet: bigint;
  /** The farm's allowance over the user's LP. */
  allowance: bigint;
}

export interface PoolState {
  pid: number;
  lpToken: Address;
  allocPoint: bigint;
  totalStaked: bigint;
  pair: PairState;
  user?: UserPosition;
}

export interface FarmSnapshot {
  blockNumber: bigint;
  timestamp: bigint;
  rewardPerBlock: bigint;
  totalAllocPoint: bigint;
  startBlock: bigint;
  rewardsRemaining: bigint;
  emissionEndBlock: bigint;
  paused: boolean;
  owner: Address;
  poolLength: number;
  pools: PoolState[];
  /** Pairs read only for prices (stablecoin/WETH, reward/WETH when not farmed). */
  pricePairs: PairState[];
  user?: { address: Address; rewardBalance: bigint; ethBalance: bigint };
}

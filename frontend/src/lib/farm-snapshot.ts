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

/** A staker's lock in a pool (IFarmLocks `lockInfo`), with the farm's own early-exit figure. */
export interface Lock {
  /** LP locked. */
  amount: bigint;
  /** Its boost while it runs, in basis points (10,000 = 1×). */
  boostBps: bigint;
  /** The block it was made or last renewed. */
  startBlock: bigint;
  /** Its end: from this block on it has ended (1× weight, LP free to leave). */
  endBlock: bigint;
  penaltyBps: bigint;
  penaltyRecipient: Address;
  /** LP `exitLock` would send to the recipient in the snapshot's block (the farm's `earlyExitPenaltyOf`). */
  exitPenalty: bigint;
}

export interface UserPosition {
  /** All of the user's LP in the pool: unlocked, plus its lock's (running or ended). */
  staked: bigint;
  pending: bigint;
  /** LP in the user's wallet. */
  wallet: bigint;
  /** The farm's allowance over the user's LP. */
  allowance: bigint;
  /** The user's lock in the pool; none when it has none (an ended lock shows until its next action). */
  lock?: Lock;
}

/** A pool's weights (IFarmLocks `poolShares`): its emission is shared by these, not by LP. */
export interface PoolShares {
  /** Every staker's weight: unlocked LP, plus each lock's LP times its boost while it runs. */
  totalShares: bigint;
  /** The part of `totalShares` running locks add above their LP. */
  boostShares: bigint;
  /** The block the owner emergency-unlocked the pool (it takes no locks after), or 0. */
  emergencyUnlockBlock: bigint;
}

/** One lock tier: lock for at least this many blocks, earn this boost. */
export interface LockTier {
  durationBlocks: bigint;
  boostBps: bigint;
}

/** The terms a lock made now gets (the same in every pool); a lock keeps the terms it was made with. */
export interface LockTerms {
  /** Lock ends are rounded up to multiples of this many blocks. */
  epochBlocks: bigint;
  /** Tiers by increasing duration; none when the farm offers no locks. */
  tiers: LockTier[];
  /** Early-exit penalty at the very start of a lock, in basis points of its LP. */
  penaltyBps: bigint;
  penaltyRecipient: Address;
}

/** A pool's partner stream (IPartnerRewarder `streams`): a sponsor's token, streamed evenly per block. */
export interface PartnerStream {
  token: Address;
  sponsor: Address;
  /** Where the current stretch began (its funding or last top-up). */
  startBlock: bigint;
  /** Where it ends: from this block on it streams nothing. */
  endBlock: bigint;
  /** What the current stretch streams evenly over (startBlock, endBlock]. */
  amount: bigint;
  /** What is still to stream from the snapshot's block on. */
  remaining: bigint;
  /** Released while nothing earned it: its sponsor's to reclaim after the end. */
  unclaimedBySponsor: bigint;
}

/** A pool's partner rewards: its streams, the weights they pay by, and the user's share. */
export interface PoolPartners {
  streams: PartnerStream[];
  /** The weights earning partner rewards now (stakers who acted since the pool's first stream). */
  totalWeight: bigint;
  user?: {
    /** The user's weight in the rewarder: 0 while a stake made before the first stream is not enrolled. */
    weight: bigint;
    /** What the user could be paid in each stream's token now (earned and owed), in `streams` order. */
    pending: bigint[];
  };
}

export interface PoolState {
  pid: number;
  lpToken: Address;
  allocPoint: bigint;
  /** LP staked, locked or not. */
  totalStaked: bigint;
  shares: PoolShares;
  pair: PairState;
  user?: UserPosition;
  /** Partner rewards; none for a pool without partner streams. */
  partners?: PoolPartners;
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
  locks: LockTerms;
  pools: PoolState[];
  /** The farm's partner rewarder (IFarmPartners); none for a farm without one. */
  partnerRewarder?: Address;
  /** Pairs read only for prices (stablecoin/WETH, reward/WETH when not farmed). */
  pricePairs: PairState[];
  user?: { address: Address; rewardBalance: bigint; ethBalance: bigint };
}

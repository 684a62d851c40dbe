/**
 * The chain state the invariants look at, read in one `eth_call` (Multicall3's `aggregate`) per
 * step: the farm's globals, every pool and its weights, every staker's position and pending
 * reward, the locks and early-exit penalties of the positions the step may have changed, the lock
 * terms after an admin call that may change them, the reward token's supply, and the LP wallets
 * the step may have changed. Every wallet, every reward
 * balance and the reward token's broken flag are read too when asked (`full`: at the start and
 * end of each sequence), not at every step: a batch's cost in the in-process EVM grows faster
 * than its length, and mints and LP transfers to the wrong account already show in each step's
 * receipt, supply and farm balances.
 */
import { Interface } from "ethers";

import { MULTICALL3_ADDRESS } from "../../deploy/multicall.js";
import type { InvariantWorld } from "./world.js";

/** lockInfo's answer. */
export interface ChainLock {
  amount: bigint;
  boostBps: bigint;
  startBlock: bigint;
  endBlock: bigint;
  penaltyBps: bigint;
  penaltyRecipient: string;
}

export interface ChainPool {
  lpToken: string;
  allocPoint: bigint;
  totalStaked: bigint;
  /** The pool's LP token held by the farm. */
  farmBalance: bigint;
  /** poolInfo's accumulator (1e-48 wei per share, as of the pool's last update). */
  accRewardPerShare: bigint;
  /** poolShares' answer. */
  totalShares: bigint;
  boostShares: bigint;
  emergencyUnlockBlock: bigint;
  /** Per staker (world.users order). */
  stakes: bigint[];
  pending: bigint[];
  /** lockInfo and earlyExitPenaltyOf, per staker: only for the positions read (see ReadScope). */
  locks: Array<ChainLock | undefined>;
  penalties: Array<bigint | undefined>;
}

/** A partner stream as IPartnerRewarder.streams shows it. */
export interface ChainStream {
  token: string;
  sponsor: string;
  startBlock: bigint;
  endBlock: bigint;
  amount: bigint;
  remaining: bigint;
  unclaimedBySponsor: bigint;
}

export interface ChainPartnerPool {
  pid: number;
  streams: ChainStream[];
  /** pendingRewards' amounts per staker (world.users order), in the streams' order. */
  pending: bigint[][];
}

export interface ChainState {
  block: bigint;
  poolLength: bigint;
  totalAllocPoint: bigint;
  rewardPerBlock: bigint;
  paused: boolean;
  rewardsRemaining: bigint;
  emissionEndBlock: bigint;
  pools: ChainPool[];
  rewardSupply: bigint;
  /** The tiers new locks choose from, and the early-exit terms they get (when read: see ReadScope). */
  terms?: { version: bigint; durations: bigint[]; boostsBps: bigint[]; penaltyBps: bigint; penaltyRecipient: string };
  /** LP in the holders' wallets, keyed by walletKey(stakeable, holder): only those read. */
  wallets: Map<string, bigint>;
  /** Read only when `full`. */
  rewardBalances?: bigint[];
  rewardTokenBroken?: boolean;
  epochBlocks?: bigint;
  /** lockEnd(tier) for every tier. */
  lockEnds?: bigint[];
  /** The partner rewarder's pools (those asked for) and its balance of each partner token. */
  partnerPools: ChainPartnerPool[];
  partnerBalances: bigint[];
}

export interface ReadScope {
  /** The LP token of each pool, as the model knows it: the farm's balance is read in that token. */
  poolTokens: string[];
  /** Wallets to read: [stakeable, holder]. */
  wallets: Array<[number, number]>;
  /** Positions ([pid, user]) whose lockInfo and earlyExitPenaltyOf to read (see SequenceDriver). */
  lockPositions: Array<[number, number]>;
  /** The lock tiers and early-exit terms: after an admin call that may change them. */
  terms: boolean;
  /** Also every wallet, every reward balance, whether the reward token is broken, every position's
   * lock, the terms, the epoch and the end a lock of each of the `tierCount` tiers would get. */
  full: boolean;
  tierCount?: number;
  /** Pools with partner rewards: their streams and every staker's pending partner rewards. */
  partnerPools: number[];
  /** The rewarder's balance of every partner token. */
  partnerBalances?: boolean;
}

export function walletKey(stakeable: number, holder: number): string {
  return `${stakeable}:${holder}`;
}

const MULTICALL = new Interface(["function aggregate((address target, bytes callData)[] calls) returns (uint256, bytes[])"]);
const FARM = new Interface([
  "function poolLength() view returns (uint256)",
  "function totalAllocPoint() view returns (uint256)",
  "function rewardPerBlock() view returns (uint256)",
  "function paused() view returns (bool)",
  "function rewardsRemaining() view returns (uint256)",
  "function emissionEndBlock() view returns (uint256)",
  "function poolInfo(uint256) view returns (address, uint256, uint256, uint256)",
  "function userInfo(uint256, address) view returns (uint256, uint256)",
  "function pendingReward(uint256, address) view returns (uint256)",
  "function lockTermsVersion() view returns (uint256)",
  "function lockTiers() view returns (uint256[], uint256[])",
  "function earlyExitPenalty() view returns (uint256, address)",
  "function epochBlocks() view returns (uint256)",
  "function lockEnd(uint256) view returns (uint256)",
  "function lockInfo(uint256, address) view returns (uint256, uint256, uint256, uint256, uint256, address)",
  "function earlyExitPenaltyOf(uint256, address) view returns (uint256)",
  "function poolShares(uint256) view returns (uint256, uint256, uint256)",
]);
const REWARDER = new Interface([
  "function streams(uint256) view returns ((address token, address sponsor, uint256 startBlock, uint256 endBlock, uint256 amount, uint256 remaining, uint256 unclaimedBySponsor)[])",
  "function pendingRewards(uint256, address) view returns (address[], uint256[])",
]);
const TOKEN = new Interface([
  "function balanceOf(address) view returns (uint256)",
  "function totalSupply() view returns (uint256)",
  "function broken() view returns (bool)",
]);

/**
 * Splits `aggregate`'s answer (uint256 blockNumber, bytes[] returnData) into the block number and
 * each call's return words. Every view read here but lockTiers returns static words, so each answer
 * is just a run of 32-byte words (lockTiers' two arrays are found by their offsets, see read).
 */
const address = (word: bigint): string => `0x${word.toString(16).padStart(40, "0")}`;

/** Two uint256[] returned together: [offset, offset, length, items..., length, items...]. */
function twoArrays(words: bigint[]): [bigint[], bigint[]] {
  const array = (offset: bigint) => {
    const at = Number(offset / 32n);
    return words.slice(at + 1, at + 1 + Number(words[at]));
  };
  return [array(words[0]), array(words[1])];
}

function splitAggregate(hex: string): { block: bigint; answers: bigint[][] } {
  const word = (byte: number) => BigInt(`0x${hex.slice(2 + byte * 2, 2 + byte * 2 + 64)}`);
  const count = Number(word(0x40));
  const offsets = 0x60; // the array's element offsets are relative to here
  const answers: bigint[][] = [];
  for (let i = 0; i < count; i++) {
    const start = offsets + Number(word(offsets + 32 * i));
    const length = Number(word(start));
    const answer: bigint[] = [];
    for (let at = start + 32; at < start + 32 + length; at += 32) answer.push(word(at));
    answers.push(answer);
  }
  return { block: word(0), answers };
}

export class StateReader {
  readonly #world: InvariantWorld;
  readonly #cache = new Map<string, string>();

  constructor(world: InvariantWorld) {
    this.#world = world;
  }

  async read(scope: ReadScope): Promise<ChainState> {
    const { users, stakeables, holders } = this.#world;
    const wallets: Array<[number, number]> = scope.full
      ? stakeables.flatMap((_, t) => holders.map((_, h) => [t, h] as [number, number]))
      : scope.wallets;
    const tierCount = scope.full ? (scope.tierCount ?? 0) : 0;
    const lockPositions = scope.full ? scope.poolTokens.flatMap((_, pid) => users.map((_, u) => [pid, u] as [number, number])) : scope.lockPositions;
    const terms = scope.full || scope.terms;
    const reads = new Set(lockPositions.map(([pid, u]) => `${pid}:${u}`));
    const result = (await this.#world.ethers.provider.send("eth_call", [
      { to: MULTICALL3_ADDRESS, data: this.#calldata(scope.poolTokens, wallets, scope.full, tierCount, reads, terms, scope.partnerPools, scope.partnerBalances ?? false) },
      "latest",
    ])) as string;

    const { block, answers } = splitAggregate(result);
    let next = 0;
    const take = (): bigint[] => answers[next++];
    const one = (): bigint => take()[0];
    const state: ChainState = {
      block,
      poolLength: one(),
      totalAllocPoint: one(),
      rewardPerBlock: one(),
      paused: one() !== 0n,
      rewardsRemaining: one(),
      emissionEndBlock: one(),
      rewardSupply: one(),
      pools: [],
      wallets: new Map(),
      partnerPools: [],
      partnerBalances: [],
    };
    if (terms) {
      const version = one();
      const [durations, boostsBps] = twoArrays(take());
      const [penaltyBps, penaltyRecipient] = take();
      state.terms = { version, durations, boostsBps, penaltyBps, penaltyRecipient: address(penaltyRecipient) };
    }
    for (let pid = 0; pid < scope.poolTokens.length; pid++) {
      const [lpToken, allocPoint, totalStaked, accRewardPerShare] = take();
      const [totalShares, boostShares, emergencyUnlockBlock] = take();
      const pool: ChainPool = {
        lpToken: address(lpToken),
        allocPoint,
        totalStaked,
        farmBalance: one(),
        accRewardPerShare,
        totalShares,
        boostShares,
        emergencyUnlockBlock,
        stakes: [],
        pending: [],
        locks: [],
        penalties: [],
      };
      for (let u = 0; u < users.length; u++) {
        pool.stakes.push(one());
        pool.pending.push(one());
        if (!reads.has(`${pid}:${u}`)) {
          pool.locks.push(undefined);
          pool.penalties.push(undefined);
          continue;
        }
        const [amount, boost, startBlock, endBlock, lockPenaltyBps, recipient] = take();
        pool.locks.push({ amount, boostBps: boost, startBlock, endBlock, penaltyBps: lockPenaltyBps, penaltyRecipient: address(recipient) });
        pool.penalties.push(one());
      }
      state.pools.push(pool);
    }
    for (const [t, u] of wallets) state.wallets.set(walletKey(t, u), one());
    if (scope.full) {
      state.rewardBalances = users.map(() => one());
      state.rewardTokenBroken = one() !== 0n;
      state.epochBlocks = one();
      state.lockEnds = [...Array(tierCount).keys()].map(() => one());
    }
    for (const pid of scope.partnerPools) {
      const words = take();
      const count = Number(words[1]);
      const streams: ChainStream[] = [];
      for (let i = 0; i < count; i++) {
        const [token, sponsor, startBlock, endBlock, amount, remaining, unclaimedBySponsor] = words.slice(2 + 7 * i, 9 + 7 * i);
        streams.push({ token: address(token), sponsor: address(sponsor), startBlock, endBlock, amount, remaining, unclaimedBySponsor });
      }
      const pending = users.map(() => twoArrays(take())[1]);
      state.partnerPools.push({ pid, streams, pending });
    }
    if (scope.partnerBalances) state.partnerBalances = this.#world.partnerTokens.map(() => one());
    return state;
  }

  /** The batch's calldata, built once per combination of pools, wallets and fullness. */
  #calldata(poolTokens: string[], wallets: Array<[number, number]>, full: boolean, tierCount: number, reads: Set<string>, terms: boolean, partnerPools: number[], partnerBalances: boolean): string {
    const key = `${poolTokens.join()}|${wallets.join(";")}|${full}|${tierCount}|${[...reads].sort().join()}|${terms}|${partnerPools.join()}|${partnerBalances}`;
    let data = this.#cache.get(key);
    if (data !== undefined) return data;
    const { farmAddress: farm, rewardTokenAddress: reward, users, stakeables, holders } = this.#world;
    const calls: Array<{ target: string; callData: string }> = [];
    for (const name of ["poolLength", "totalAllocPoint", "rewardPerBlock", "paused", "rewardsRemaining", "emissionEndBlock"]) {
      calls.push({ target: farm, callData: FARM.encodeFunctionData(name) });
    }
    calls.push({ target: reward, callData: TOKEN.encodeFunctionData("totalSupply") });
    if (terms) {
      calls.push({ target: farm, callData: FARM.encodeFunctionData("lockTermsVersion") });
      calls.push({ target: farm, callData: FARM.encodeFunctionData("lockTiers") });
      calls.push({ target: farm, callData: FARM.encodeFunctionData("earlyExitPenalty") });
    }
    for (const [pid, token] of poolTokens.entries()) {
      calls.push({ target: farm, callData: FARM.encodeFunctionData("poolInfo", [pid]) });
      calls.push({ target: farm, callData: FARM.encodeFunctionData("poolShares", [pid]) });
      calls.push({ target: token, callData: TOKEN.encodeFunctionData("balanceOf", [farm]) });
      for (const [u, user] of users.entries()) {
        calls.push({ target: farm, callData: FARM.encodeFunctionData("userInfo", [pid, user.address]) });
        calls.push({ target: farm, callData: FARM.encodeFunctionData("pendingReward", [pid, user.address]) });
        if (!reads.has(`${pid}:${u}`)) continue;
        calls.push({ target: farm, callData: FARM.encodeFunctionData("lockInfo", [pid, user.address]) });
        calls.push({ target: farm, callData: FARM.encodeFunctionData("earlyExitPenaltyOf", [pid, user.address]) });
      }
    }
    for (const [t, h] of wallets) {
      calls.push({ target: stakeables[t].address, callData: TOKEN.encodeFunctionData("balanceOf", [holders[h]]) });
    }
    if (full) {
      for (const user of users) calls.push({ target: reward, callData: TOKEN.encodeFunctionData("balanceOf", [user.address]) });
      calls.push({ target: reward, callData: TOKEN.encodeFunctionData("broken") });
      calls.push({ target: farm, callData: FARM.encodeFunctionData("epochBlocks") });
      for (let tier = 0; tier < tierCount; tier++) calls.push({ target: farm, callData: FARM.encodeFunctionData("lockEnd", [tier]) });
    }
    const rewarder = this.#world.rewarderAddress;
    for (const pid of partnerPools) {
      calls.push({ target: rewarder, callData: REWARDER.encodeFunctionData("streams", [pid]) });
      for (const user of users) calls.push({ target: rewarder, callData: REWARDER.encodeFunctionData("pendingRewards", [pid, user.address]) });
    }
    if (partnerBalances) {
      for (const token of this.#world.partnerTokens) calls.push({ target: token.address, callData: TOKEN.encodeFunctionData("balanceOf", [rewarder]) });
    }
    data = MULTICALL.encodeFunctionData("aggregate", [calls]);
    this.#cache.set(key, data);
    return data;
  }
}

/**
 * The chain state the invariants look at, read in one `eth_call` (Multicall3's `aggregate`) per
 * step: the farm's globals, every pool, every staker's position and pending reward, the reward
 * token's supply, and the LP wallets the step may have changed. Every wallet, every reward
 * balance and the reward token's broken flag are read too when asked (`full`: at the start and
 * end of each sequence), not at every step: a batch's cost in the in-process EVM grows faster
 * than its length, and mints and LP transfers to the wrong account already show in each step's
 * receipt, supply and farm balances.
 */
import { Interface } from "ethers";

import { MULTICALL3_ADDRESS } from "../../deploy/multicall.js";
import type { InvariantWorld } from "./world.js";

export interface ChainPool {
  lpToken: string;
  allocPoint: bigint;
  totalStaked: bigint;
  /** The pool's LP token held by the farm. */
  farmBalance: bigint;
  /** Per staker (world.users order). */
  stakes: bigint[];
  pending: bigint[];
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
  /** LP in the stakers' wallets, keyed by walletKey(stakeable, user): only those read. */
  wallets: Map<string, bigint>;
  /** Read only when `full`. */
  rewardBalances?: bigint[];
  rewardTokenBroken?: boolean;
}

export interface ReadScope {
  /** The LP token of each pool, as the model knows it: the farm's balance is read in that token. */
  poolTokens: string[];
  /** Wallets to read: [stakeable, user]. */
  wallets: Array<[number, number]>;
  /** Also every wallet, every reward balance and whether the reward token is broken. */
  full: boolean;
}

export function walletKey(stakeable: number, user: number): string {
  return `${stakeable}:${user}`;
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
]);
const TOKEN = new Interface([
  "function balanceOf(address) view returns (uint256)",
  "function totalSupply() view returns (uint256)",
  "function broken() view returns (bool)",
]);

/**
 * Splits `aggregate`'s answer (uint256 blockNumber, bytes[] returnData) into the block number and
 * each call's return words. Every view read here returns static words, so each answer is just a
 * run of 32-byte words.
 */
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
    const { users, stakeables } = this.#world;
    const wallets: Array<[number, number]> = scope.full
      ? stakeables.flatMap((_, t) => users.map((_, u) => [t, u] as [number, number]))
      : scope.wallets;
    const result = (await this.#world.ethers.provider.send("eth_call", [
      { to: MULTICALL3_ADDRESS, data: this.#calldata(scope.poolTokens, wallets, scope.full) },
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
    };
    for (let pid = 0; pid < scope.poolTokens.length; pid++) {
      const [lpToken, allocPoint, totalStaked] = take();
      const pool: ChainPool = {
        lpToken: `0x${lpToken.toString(16).padStart(40, "0")}`,
        allocPoint,
        totalStaked,
        farmBalance: one(),
        stakes: [],
        pending: [],
      };
      for (let u = 0; u < users.length; u++) {
        pool.stakes.push(one());
        pool.pending.push(one());
      }
      state.pools.push(pool);
    }
    for (const [t, u] of wallets) state.wallets.set(walletKey(t, u), one());
    if (scope.full) {
      state.rewardBalances = users.map(() => one());
      state.rewardTokenBroken = one() !== 0n;
    }
    return state;
  }

  /** The batch's calldata, built once per combination of pools, wallets and fullness. */
  #calldata(poolTokens: string[], wallets: Array<[number, number]>, full: boolean): string {
    const key = `${poolTokens.join()}|${wallets.join(";")}|${full}`;
    let data = this.#cache.get(key);
    if (data !== undefined) return data;
    const { farmAddress: farm, rewardTokenAddress: reward, users, stakeables } = this.#world;
    const calls: Array<{ target: string; callData: string }> = [];
    for (const name of ["poolLength", "totalAllocPoint", "rewardPerBlock", "paused", "rewardsRemaining", "emissionEndBlock"]) {
      calls.push({ target: farm, callData: FARM.encodeFunctionData(name) });
    }
    calls.push({ target: reward, callData: TOKEN.encodeFunctionData("totalSupply") });
    for (const [pid, token] of poolTokens.entries()) {
      calls.push({ target: farm, callData: FARM.encodeFunctionData("poolInfo", [pid]) });
      calls.push({ target: token, callData: TOKEN.encodeFunctionData("balanceOf", [farm]) });
      for (const user of users) {
        calls.push({ target: farm, callData: FARM.encodeFunctionData("userInfo", [pid, user.address]) });
        calls.push({ target: farm, callData: FARM.encodeFunctionData("pendingReward", [pid, user.address]) });
      }
    }
    for (const [t, u] of wallets) {
      calls.push({ target: stakeables[t].address, callData: TOKEN.encodeFunctionData("balanceOf", [users[u].address]) });
    }
    if (full) {
      for (const user of users) calls.push({ target: reward, callData: TOKEN.encodeFunctionData("balanceOf", [user.address]) });
      calls.push({ target: reward, callData: TOKEN.encodeFunctionData("broken") });
    }
    data = MULTICALL.encodeFunctionData("aggregate", [calls]);
    this.#cache.set(key, data);
    return data;
  }
}

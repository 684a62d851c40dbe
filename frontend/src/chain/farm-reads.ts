/**
 * The one read per block: every figure the pages show (farm, pools, pairs, the user's balances,
 * stakes, pending rewards, allowances) in a single eth_call of FarmLens (contracts/lens), run
 * deployless: its creation code travels with the call, and the call names only the farm, the user
 * and the two price pairs, so the request is the same size at 1 pool or 1,000. A token that
 * reverts reads as zeros; a node that does not answer throws, so the page says so and keeps what
 * it last read.
 */
import { type Address, type PublicClient, zeroAddress } from "viem";

import type { PairState } from "../lib/prices";
import { farmLensAbi, farmLensBytecode } from "./abis.generated";
import type { PairMeta } from "./pairs";

export interface UserPosition {
  staked: bigint;
  pending: bigint;
  wallet: bigint;
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

export interface ReadPlan {
  farm: Address;
  rewardToken: Address;
  pools: { pid: number; meta: PairMeta }[];
  pricePairs: PairMeta[];
  user?: Address;
}

function pairState(meta: PairMeta, reserve0: bigint, reserve1: bigint, totalSupply: bigint): PairState {
  const { address, token0, token1, decimals0, decimals1 } = meta;
  return { address, token0, token1, decimals0, decimals1, reserve0, reserve1, totalSupply };
}

/** Reads the whole farm in one deployless eth_call of FarmLens. */
export async function readFarm(client: PublicClient, plan: ReadPlan): Promise<FarmSnapshot> {
  const [state, pools, pairs] = await client.readContract({
    abi: farmLensAbi,
    code: farmLensBytecode,
    functionName: "read",
    args: [plan.farm, plan.user ?? zeroAddress, plan.pricePairs.map((p) => p.address)],
  });
  const metaByPid = new Map(plan.pools.map(({ pid, meta }) => [pid, meta]));
  const snapshot: FarmSnapshot = {
    blockNumber: state.blockNumber,
    timestamp: state.timestamp,
    rewardPerBlock: state.rewardPerBlock,
    totalAllocPoint: state.totalAllocPoint,
    startBlock: state.startBlock,
    rewardsRemaining: state.rewardsRemaining,
    emissionEndBlock: state.emissionEndBlock,
    paused: state.paused,
    owner: state.owner,
    poolLength: Number(state.poolLength),
    // Pools the plan does not know yet (added since) wait for the store to describe their pair.
    pools: pools.flatMap((pool, pid) => {
      const meta = metaByPid.get(pid);
      if (meta === undefined) return [];
      return [{
        pid,
        lpToken: pool.lpToken,
        allocPoint: pool.allocPoint,
        totalStaked: pool.totalStaked,
        pair: pairState(meta, pool.reserve0, pool.reserve1, pool.lpSupply),
        user: plan.user ? { staked: pool.staked, pending: pool.pending, wallet: pool.wallet, allowance: pool.allowance } : undefined,
      }];
    }),
    pricePairs: plan.pricePairs.map((meta, i) => pairState(meta, pairs[i].reserve0, pairs[i].reserve1, pairs[i].totalSupply)),
  };
  if (plan.user) snapshot.user = { address: plan.user, rewardBalance: state.rewardBalance, ethBalance: state.ethBalance };
  return snapshot;
}

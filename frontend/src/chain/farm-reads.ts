/**
 * The one read per block: every figure the pages show (farm, pools, pairs, the user's balances,
 * stakes, pending rewards, allowances) in a single Multicall3 eth_call, whatever the pool count.
 * `allowFailure` keeps one odd token from blanking the page; a node that does not answer at all
 * is thrown, so the page says so and keeps what it last read.
 */
import { type Address, type ContractFunctionParameters, erc20Abi, type PublicClient, zeroAddress } from "viem";

import type { PairState } from "../lib/prices";
import { farmAbi, uniswapV2PairAbi } from "./abis.generated";
import { MULTICALL3_ADDRESS } from "./chains";
import type { PairMeta } from "./pairs";

const multicall3Abi = [
  { type: "function", name: "getBlockNumber", stateMutability: "view", inputs: [], outputs: [{ type: "uint256" }] },
  { type: "function", name: "getCurrentBlockTimestamp", stateMutability: "view", inputs: [], outputs: [{ type: "uint256" }] },
  { type: "function", name: "getEthBalance", stateMutability: "view", inputs: [{ type: "address" }], outputs: [{ type: "uint256" }] },
] as const;

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

/** The calls of one read, in a fixed order that `decode` walks back. */
function calls(plan: ReadPlan) {
  const farm = { address: plan.farm, abi: farmAbi } as const;
  const user = plan.user ?? zeroAddress;
  const head = [
    { address: MULTICALL3_ADDRESS, abi: multicall3Abi, functionName: "getBlockNumber" },
    { address: MULTICALL3_ADDRESS, abi: multicall3Abi, functionName: "getCurrentBlockTimestamp" },
    { ...farm, functionName: "rewardPerBlock" },
    { ...farm, functionName: "totalAllocPoint" },
    { ...farm, functionName: "startBlock" },
    { ...farm, functionName: "rewardsRemaining" },
    { ...farm, functionName: "emissionEndBlock" },
    { ...farm, functionName: "paused" },
    { ...farm, functionName: "owner" },
    { ...farm, functionName: "poolLength" },
    { address: plan.rewardToken, abi: erc20Abi, functionName: "balanceOf", args: [user] },
    { address: MULTICALL3_ADDRESS, abi: multicall3Abi, functionName: "getEthBalance", args: [user] },
  ] as const;
  const pairCalls = (address: Address) =>
    [
      { address, abi: uniswapV2PairAbi, functionName: "getReserves" },
      { address, abi: uniswapV2PairAbi, functionName: "totalSupply" },
    ] as const;
  const pools = plan.pools.flatMap(({ pid, meta }) => [
    { ...farm, functionName: "poolInfo", args: [BigInt(pid)] } as const,
    ...pairCalls(meta.address),
    { ...farm, functionName: "userInfo", args: [BigInt(pid), user] } as const,
    { ...farm, functionName: "pendingReward", args: [BigInt(pid), user] } as const,
    { address: meta.address, abi: uniswapV2PairAbi, functionName: "balanceOf", args: [user] } as const,
    { address: meta.address, abi: uniswapV2PairAbi, functionName: "allowance", args: [user, plan.farm] } as const,
  ]);
  return { head, pools, prices: plan.pricePairs.flatMap((meta) => pairCalls(meta.address)) };
}

const HEAD = 12;
const PER_POOL = 7;
const PER_PAIR = 2;

type Result = { status: "success"; result: unknown } | { status: "failure"; error: Error };

function value<T>(result: Result | undefined, fallback: T): T {
  return result?.status === "success" ? (result.result as T) : fallback;
}

function pairState(meta: PairMeta, reserves: Result | undefined, supply: Result | undefined): PairState {
  const [reserve0, reserve1] = value<readonly [bigint, bigint, number]>(reserves, [0n, 0n, 0]);
  return {
    address: meta.address,
    token0: meta.token0,
    token1: meta.token1,
    decimals0: meta.decimals0,
    decimals1: meta.decimals1,
    reserve0,
    reserve1,
    totalSupply: value(supply, 0n),
  };
}

/** Reads the whole farm in one eth_call. */
export async function readFarm(client: PublicClient, plan: ReadPlan): Promise<FarmSnapshot> {
  const { head, pools, prices } = calls(plan);
  // Mixed ABIs in one batch: typed per call above, decoded by position below.
  const contracts = [...head, ...pools, ...prices] as unknown as ContractFunctionParameters[];
  const results = (await client.multicall({ contracts, batchSize: 0 })) as Result[];
  const h = (i: number) => results[i];
  // `allowFailure` turns a node that does not answer into failed results, not a thrown error.
  // Multicall3's own block number cannot revert: when it failed, the read never reached the
  // chain, and zeros in its place would blank every figure on the page.
  const block = h(0);
  if (block?.status === "failure") throw block.error;
  const snapshot: FarmSnapshot = {
    blockNumber: value(h(0), 0n),
    timestamp: value(h(1), 0n),
    rewardPerBlock: value(h(2), 0n),
    totalAllocPoint: value(h(3), 0n),
    startBlock: value(h(4), 0n),
    rewardsRemaining: value(h(5), 0n),
    emissionEndBlock: value(h(6), 0n),
    paused: value(h(7), false),
    owner: value(h(8), zeroAddress),
    poolLength: Number(value(h(9), 0n)),
    pools: plan.pools.map(({ pid, meta }, i) => {
      const at = (k: number) => results[HEAD + i * PER_POOL + k];
      const [lpToken, allocPoint, totalStaked] = value<readonly [Address, bigint, bigint, bigint]>(at(0), [meta.address, 0n, 0n, 0n]);
      const [staked] = value<readonly [bigint, bigint]>(at(3), [0n, 0n]);
      return {
        pid,
        lpToken,
        allocPoint,
        totalStaked,
        pair: pairState(meta, at(1), at(2)),
        user: plan.user ? { staked, pending: value(at(4), 0n), wallet: value(at(5), 0n), allowance: value(at(6), 0n) } : undefined,
      };
    }),
    pricePairs: plan.pricePairs.map((meta, i) => {
      const at = (k: number) => results[HEAD + plan.pools.length * PER_POOL + i * PER_PAIR + k];
      return pairState(meta, at(0), at(1));
    }),
  };
  if (plan.user) snapshot.user = { address: plan.user, rewardBalance: value(h(10), 0n), ethBalance: value(h(11), 0n) };
  return snapshot;
}

/**
 * The one read per block: every figure the pages show (farm, lock terms, pools and their weights,
 * pairs, the user's balances, stakes, locks, pending rewards, allowances) in an eth_call of FarmLens (contracts/lens) that no chain
 * has deployed: the call lends the node its runtime code at a fixed address for that call alone
 * (a state override, which geth, Erigon, Hardhat and the large RPC providers accept). The call
 * names only the farm, the user, the two price pairs and a range of pools, so its request is the
 * same size at 1 pool or 250; a farm past 250 pools takes a call per 250, all at one block. A
 * token that reverts reads as zeros; a node that does not answer throws, so the page says so and
 * keeps what it last read.
 */
import { type Address, decodeAbiParameters, decodeFunctionResult, encodeFunctionData, type Hex, zeroAddress } from "viem";

import type { FarmSnapshot, Lock, LockTerms, PairMeta, PoolPartners } from "../lib/farm-snapshot";
import type { PairState } from "../lib/prices";
import { farmLensAbi, farmLensCode, partnerRewarderAbi } from "./abis.generated";
import type { ReadClient } from "./wagmi";

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

/**
 * Pools one lens call reads: at up to 62,000 gas each (a pool where the user has a stake and a
 * lock, its partner rewarder asked for streams; 27,000 without a user), 250 stay under the
 * 16,777,216 gas a node allows an eth_call since Osaka, with room for pools whose partner
 * streams cost more to read. A farm of up to 250 pools is one call per read.
 */
export const POOLS_PER_CALL = 250;

/** Where the lens's code is lent for a call: an address nothing lives at (its name spells it). */
const LENS_ADDRESS = "0x00000000000000000000000000000000fa2a1e25";

/** The arguments every lens call starts with: the farm, the user (or none), the price pairs. */
function lensHead(plan: ReadPlan) {
  return [plan.farm, plan.user ?? zeroAddress, plan.pricePairs.map((p) => p.address)] as const;
}

/** One lens call, its code lent to the node (at `blockNumber`, or the latest): the encoded answer. */
async function callLens(client: ReadClient, data: Hex, blockNumber?: bigint): Promise<Hex> {
  const result = await client.call({
    to: LENS_ADDRESS,
    data,
    stateOverride: [{ address: LENS_ADDRESS, code: farmLensCode }],
    blockNumber,
    // Never merged into a Multicall3 batch: each call is sized to the node's gas cap on its own.
    batch: false,
  });
  return result.data ?? "0x";
}

/** One whole-read call: the farm-wide figures, and the pools from `fromPid` on. */
async function readChunk(client: ReadClient, plan: ReadPlan, fromPid: number, blockNumber?: bigint) {
  const args = [...lensHead(plan), BigInt(fromPid), BigInt(POOLS_PER_CALL)] as const;
  const data = await callLens(client, encodeFunctionData({ abi: farmLensAbi, functionName: "read", args }), blockNumber);
  return decodeFunctionResult({ abi: farmLensAbi, functionName: "read", data });
}

/**
 * Reads the farm-wide figures and only the pools `pids` (one call, whatever the pool count), and
 * lays them over `previous`: the other pools keep the figures of the last whole read. A farm of
 * more than 250 pools reads whole every few blocks and this way in between.
 */
export async function readSomePools(client: ReadClient, plan: ReadPlan, pids: number[], previous: FarmSnapshot): Promise<FarmSnapshot> {
  // Pids as the lens takes them: 3 bytes each, big-endian.
  const packed = `0x${pids.map((pid) => pid.toString(16).padStart(6, "0")).join("")}` as const;
  const args = [...lensHead(plan), packed] as const;
  const data = await callLens(client, encodeFunctionData({ abi: farmLensAbi, functionName: "readPools", args }));
  const [state, pools, pairs] = decodeFunctionResult({ abi: farmLensAbi, functionName: "readPools", data });
  const fresh = snapshotOf(plan, state, pools.map((pool, i) => [pids[i], pool] as const), pairs);
  const byPid = new Map(fresh.pools.map((pool) => [pool.pid, pool]));
  return { ...fresh, pools: previous.pools.map((pool) => byPid.get(pool.pid) ?? pool) };
}

/** Reads the whole farm with eth_calls of FarmLens: one per 250 pools, all at one block. */
export async function readFarm(client: ReadClient, plan: ReadPlan): Promise<FarmSnapshot> {
  const first = await readChunk(client, plan, 0);
  const [state, , pairs] = first;
  const more = Array.from({ length: Math.ceil(plan.pools.length / POOLS_PER_CALL) - 1 }, (_, i) =>
    readChunk(client, plan, (i + 1) * POOLS_PER_CALL, state.blockNumber),
  );
  const pools = [first, ...(await Promise.all(more))].flatMap(([, chunk]) => chunk);
  return snapshotOf(plan, state, pools.map((pool, pid) => [pid, pool] as const), pairs);
}

type LensResult = Awaited<ReturnType<typeof readChunk>>;
type LensPool = LensResult[1][number];

/** What the farm's `lockTiers()` answers (IFarmLocks): durations and boosts. */
const LOCK_TIERS = [{ type: "uint256[]", name: "durations" }, { type: "uint256[]", name: "boostsBps" }] as const;

/**
 * The farm-wide lock terms of a lens answer. The tiers come as the farm's own `lockTiers()` answer
 * (the lens passes it on undecoded: decoding arrays in the lens would cost code in every request);
 * none when the farm did not answer.
 */
function lockTermsOf(state: LensResult[0]): LockTerms {
  const [durations, boosts] = state.lockTiers === "0x" ? [[], []] : decodeAbiParameters(LOCK_TIERS, state.lockTiers);
  return {
    epochBlocks: state.epochBlocks,
    tiers: durations.map((durationBlocks, i) => ({ durationBlocks, boostBps: boosts[i] })),
    penaltyBps: state.penaltyBps,
    penaltyRecipient: state.penaltyRecipient,
  };
}

/** The user's lock in a lens row; none when it holds no LP. */
function lockOf(pool: LensPool): Lock | undefined {
  if (pool.lockAmount === 0n) return undefined;
  return {
    amount: pool.lockAmount,
    boostBps: pool.lockBoostBps,
    startBlock: pool.lockStartBlock,
    endBlock: pool.lockEndBlock,
    penaltyBps: pool.lockPenaltyBps,
    penaltyRecipient: pool.lockPenaltyRecipient,
    exitPenalty: pool.exitPenalty,
  };
}

/**
 * A lens row's partner rewards: the rewarder's `streams` and `pendingRewards` answers, passed on
 * undecoded by the lens; none for a pool without streams.
 */
function partnersOf(pool: LensPool, withUser: boolean): PoolPartners | undefined {
  if (pool.partnerStreams === "0x") return undefined;
  const streams = decodeFunctionResult({ abi: partnerRewarderAbi, functionName: "streams", data: pool.partnerStreams });
  const pending = pool.partnerPending === "0x" ? undefined : decodeFunctionResult({ abi: partnerRewarderAbi, functionName: "pendingRewards", data: pool.partnerPending })[1];
  return {
    streams: streams.map((s) => ({ ...s })),
    totalWeight: pool.partnerTotalWeight,
    user: withUser ? { weight: pool.partnerWeight, pending: streams.map((_, i) => pending?.[i] ?? 0n) } : undefined,
  };
}

/** The snapshot of a lens answer: `pools` as [pid, lens row]. */
function snapshotOf(plan: ReadPlan, state: LensResult[0], pools: ReadonlyArray<readonly [number, LensResult[1][number]]>, pairs: LensResult[2]): FarmSnapshot {
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
    locks: lockTermsOf(state),
    partnerRewarder: state.partnerRewarder === zeroAddress ? undefined : state.partnerRewarder,
    // Pools the plan does not know yet (added since) wait for the store to describe their pair.
    pools: pools.flatMap(([pid, pool]) => {
      const meta = metaByPid.get(pid);
      if (meta === undefined) return [];
      return [{
        pid,
        lpToken: pool.lpToken,
        allocPoint: pool.allocPoint,
        totalStaked: pool.totalStaked,
        shares: { totalShares: pool.totalShares, boostShares: pool.boostShares, emergencyUnlockBlock: pool.emergencyUnlockBlock },
        pair: pairState(meta, pool.reserve0, pool.reserve1, pool.lpSupply),
        user: plan.user ? { staked: pool.staked, pending: pool.pending, wallet: pool.wallet, allowance: pool.allowance, lock: lockOf(pool) } : undefined,
        partners: partnersOf(pool, !!plan.user),
      }];
    }),
    pricePairs: plan.pricePairs.map((meta, i) => pairState(meta, pairs[i].reserve0, pairs[i].reserve1, pairs[i].totalSupply)),
  };
  if (plan.user) snapshot.user = { address: plan.user, rewardBalance: state.rewardBalance, ethBalance: state.ethBalance };
  return snapshot;
}

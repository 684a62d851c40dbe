/**
 * What the admin page shows and checks of the farm's locks, in one batched read at one block:
 * the tiers new locks choose from, the early-exit terms they get, the epoch their ends are
 * rounded to, the farm's own limits (so the page refuses exactly what the farm would), and each
 * pool's weights and emergency-unlock block. The farms page reads locks through the lens; the
 * admin page, which needs other things, reads these itself.
 */
import type { Address } from "viem";

import type { PenaltyTerms } from "../lib/lock-penalty-terms";
import type { LockLimits, LockTier } from "../lib/lock-tiers";
import { farmAbi } from "./abis.generated";
import type { Deployment } from "./deployment";
import type { ReadClient } from "./wagmi";

export interface PoolLockState {
  pid: number;
  /** All stakers' weights, and the part running locks' boosts add above their LP. */
  totalShares: bigint;
  boostShares: bigint;
  /** The block the owner emergency-unlocked the pool, or 0. */
  emergencyUnlockBlock: bigint;
}

export interface LockSettings {
  /** The block everything was read at. */
  blockNumber: bigint;
  tiers: LockTier[];
  penalty: PenaltyTerms;
  epochBlocks: bigint;
  limits: LockLimits;
  pools: PoolLockState[];
}

/** Calldata per eth_call of Multicall3: a farm of 1,000 pools is read in a few calls, not 1,000. */
const BATCH_BYTES = 16_384;

/**
 * The lock settings of the deployment's farm and its pools 0..`poolCount` − 1, all at the latest block; undefined when
 * the farm has no locks (a farm deployed before them answers none of these). A node that does
 * not answer throws.
 */
export async function readLockSettings(client: ReadClient, { farm, multicall3 }: Pick<Deployment, "farm" | "multicall3">, poolCount: number): Promise<LockSettings | undefined> {
  const blockNumber = await client.getBlockNumber({ cacheTime: 0 }); // the block just mined, not one remembered
  const at = { address: farm, abi: farmAbi } as const;
  // Named, not looked up in the chain's contracts: viem refuses a local chain's blocks as older than mainnet's Multicall3.
  const multicallAddress = multicall3;
  const settings = await client.multicall({
    contracts: [
      { ...at, functionName: "lockTiers" },
      { ...at, functionName: "earlyExitPenalty" },
      { ...at, functionName: "epochBlocks" },
      { ...at, functionName: "MAX_LOCK_TIERS" },
      { ...at, functionName: "MAX_LOCK_EPOCHS" },
      { ...at, functionName: "MIN_BOOST_BPS" },
      { ...at, functionName: "MAX_BOOST_BPS" },
      { ...at, functionName: "MAX_PENALTY_BPS" },
    ],
    blockNumber,
    multicallAddress,
    batchSize: 0,
  });
  if (settings.some((answer) => answer.status !== "success")) return undefined;
  const [tiers, penalty, epochBlocks, maxTiers, maxLockEpochs, minBoostBps, maxBoostBps, maxPenaltyBps] = settings.map((answer) => answer.result) as [
    readonly [readonly bigint[], readonly bigint[]],
    readonly [bigint, Address],
    ...bigint[],
  ];
  const shares = await client.multicall({
    contracts: Array.from({ length: poolCount }, (_, pid) => ({ ...at, functionName: "poolShares", args: [BigInt(pid)] }) as const),
    blockNumber,
    multicallAddress,
    batchSize: BATCH_BYTES,
    allowFailure: false,
  });
  const [durations, boosts] = tiers;
  return {
    blockNumber,
    tiers: durations.map((durationBlocks, i) => ({ durationBlocks, boostBps: boosts[i]! })),
    penalty: { penaltyBps: penalty[0], recipient: penalty[1] },
    epochBlocks: epochBlocks!,
    limits: { maxTiers: Number(maxTiers), maxLockEpochs: maxLockEpochs!, epochBlocks: epochBlocks!, minBoostBps: minBoostBps!, maxBoostBps: maxBoostBps!, maxPenaltyBps: maxPenaltyBps! },
    pools: shares.map(([totalShares, boostShares, emergencyUnlockBlock], pid) => ({ pid, totalShares, boostShares, emergencyUnlockBlock })),
  };
}

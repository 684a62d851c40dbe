/**
 * What an emission setting means over time, counted as the farm counts it (contracts/Farm.sol):
 * every block after the start block pays the rate, all pools together, until what is left under
 * the reward token's cap is spent (the last block may pay less). A new rate or allocation applies
 * from the next block, after the blocks before it are settled at the old one; while no pool has
 * an allocation, blocks emit nothing and the budget waits. A rate of 0 is valid: emission stops.
 */
import { blocksPerDay } from "./block-time";
import { SECONDS_PER_DAY } from "./conventions";

/** The farm's largest rate (`Farm.MAX_REWARD_PER_BLOCK`): 2^96 − 1 wei per block. */
export const MAX_REWARD_PER_BLOCK = 2n ** 96n - 1n;

/** A cap reached sooner than this is warned about before a change is sent. */
export const CAP_WARNING_SECONDS = 7 * SECONDS_PER_DAY;

/** The farm at one block, as far as emission goes (the farm snapshot has all of it). */
export interface EmissionState {
  blockNumber: bigint;
  /** The block's timestamp, in Unix seconds. */
  timestamp: bigint;
  rewardPerBlock: bigint;
  /** Reward still to emit under the cap, as of `blockNumber` (the farm's `rewardsRemaining`). */
  rewardsRemaining: bigint;
  startBlock: bigint;
  totalAllocPoint: bigint;
}

/** What emission settles to: a rate and the allocation it is split by. */
export interface EmissionSetting {
  rewardPerBlock: bigint;
  totalAllocPoint: bigint;
}

/** Why a setting emits nothing more. */
export type EmissionStop = "cap-reached" | "zero-rate" | "no-allocation";

/** Where a setting leads, counted from the block after the state's (the first a change can apply to). */
export interface EmissionOutlook {
  rewardPerBlock: bigint;
  /** Reward emitted per day at the nominal block time: the pace, before the cap cuts it short; 0 when stopped. */
  perDay: bigint;
  stopped?: EmissionStop;
  /** The last block that emits, how far away it is at the nominal block time, and when (absent when stopped). */
  end?: { block: bigint; secondsLeft: number; atSeconds: number };
}

/** Reward emitted in a day of blocks at `secondsPerBlock`. */
export function emissionPerDay(rewardPerBlock: bigint, secondsPerBlock: number): bigint {
  return rewardPerBlock * blocksPerDay(secondsPerBlock);
}

/** What is left under the cap once block `at` (after the state's) is settled at the state's own setting. */
export function remainingAt(state: EmissionState, at: bigint): bigint {
  if (state.totalAllocPoint === 0n) return state.rewardsRemaining; // idle blocks emit nothing
  // Blocks up to the start block emit nothing, nor do those already counted in rewardsRemaining.
  const counted = state.blockNumber > state.startBlock ? state.blockNumber : state.startBlock;
  const emitted = at > counted ? (at - counted) * state.rewardPerBlock : 0n;
  return emitted >= state.rewardsRemaining ? 0n : state.rewardsRemaining - emitted;
}

/**
 * The emission if `setting` holds from the next block on. For the farm's own setting this is
 * the farm's `emissionEndBlock`; for a new one, the block the farm will report once the change
 * is mined in the next block (a later block moves it by the blocks in between).
 */
export function emissionOutlook(state: EmissionState, setting: EmissionSetting, secondsPerBlock: number): EmissionOutlook {
  const next = state.blockNumber + 1n;
  const left = remainingAt(state, next);
  const stopped: EmissionStop | undefined =
    left === 0n ? "cap-reached" : setting.rewardPerBlock === 0n ? "zero-rate" : setting.totalAllocPoint === 0n ? "no-allocation" : undefined;
  if (stopped) return { rewardPerBlock: setting.rewardPerBlock, perDay: 0n, stopped };
  // The schedule restarts at the next block, or at the start block if emission has not begun.
  const from = next > state.startBlock ? next : state.startBlock;
  const block = from + ceilDiv(left, setting.rewardPerBlock);
  const secondsLeft = Number(block - state.blockNumber) * secondsPerBlock;
  return {
    rewardPerBlock: setting.rewardPerBlock,
    perDay: emissionPerDay(setting.rewardPerBlock, secondsPerBlock),
    end: { block, secondsLeft, atSeconds: Number(state.timestamp) + secondsLeft },
  };
}

/** True when the outlook reaches the cap within `CAP_WARNING_SECONDS`. */
export function capWithinWarning(outlook: EmissionOutlook): boolean {
  return !!outlook.end && outlook.end.secondsLeft <= CAP_WARNING_SECONDS;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

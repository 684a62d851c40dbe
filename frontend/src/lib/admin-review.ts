/**
 * The review every owner action gets before it is sent: what changes (old → new), the emission
 * it leads to (per day, in tokens and USD, and when the cap is reached), every pool's share, and
 * warnings where the change is likely a mistake (the cap within a week, a rate many times the
 * current one, no pool left earning). Pure: the admin store feeds it the farm as last read.
 */
import type { Address } from "viem";

import { type PoolPoints, type ShareChange, shareChanges, totalAfter } from "./allocation";
import { formatDuration, formatDateTime } from "./duration";
import { capWithinWarning, type EmissionOutlook, emissionOutlook, type EmissionState } from "./emission";
import { formatNumber, formatTokenAmount } from "./format";

/** One owner action, as the admin page proposes it. */
export type AdminChange =
  | { kind: "emission"; rewardPerBlock: bigint }
  | { kind: "allocation"; pid: number; allocPoint: bigint }
  | { kind: "add-pool"; lpToken: Address; name: string; allocPoint: bigint; empty?: boolean }
  | { kind: "pause"; paused: boolean };

export interface RewardToken {
  symbol: string;
  decimals: number;
}

export interface ReviewInput {
  change: AdminChange;
  farm: EmissionState & { paused: boolean };
  /** Every pool, in pid order. */
  pools: readonly PoolPoints[];
  blockSeconds: number;
  reward: RewardToken;
  /** USD per whole reward token; 0 when unknown. */
  rewardPriceUsd: number;
}

export interface Review {
  change: AdminChange;
  /** What the action does, naming its pool: also the title of its transaction's notice. */
  title: string;
  /** The block the figures are read at; the change applies from the next one. */
  blockNumber: bigint;
  before: EmissionOutlook;
  after: EmissionOutlook;
  /** Every pool's share before and after, for changes of allocation; the changed pool is marked. */
  shares?: ShareChange[];
  /** The changed or added pool's reward a day, before and after (with `shares`). */
  pool?: { name: string; pointsBefore?: bigint; pointsAfter: bigint; perDayBefore: bigint; perDayAfter: bigint };
  paused: { before: boolean; after: boolean };
  /** Likely mistakes, each a sentence saying what would happen. */
  warnings: string[];
  /** What else the owner should know, each a sentence. */
  notes: string[];
}

/** A rate this many times the current one or more is pointed out. */
const RATE_JUMP_WARNING = 10n;

/** The title of `change`, naming its pool: "Set WETH/USDC to 200 points", "Add a pool for DAI/USDC (10 points)". */
export function changeTitle(change: AdminChange, pools: readonly PoolPoints[], reward: RewardToken): string {
  switch (change.kind) {
    case "emission":
      return change.rewardPerBlock === 0n
        ? `Stop the emission (0 ${reward.symbol} per block)`
        : `Set the emission to ${exactAmount(change.rewardPerBlock, reward)} per block`;
    case "allocation":
      return `Set ${pools.find((p) => p.pid === change.pid)?.name ?? `pool ${change.pid}`} to ${points(change.allocPoint)}`;
    case "add-pool":
      return `Add a pool for ${change.name} (${points(change.allocPoint)})`;
    case "pause":
      return change.paused ? "Pause the farm" : "Unpause the farm";
  }
}

export function buildReview(input: ReviewInput): Review {
  const { change, farm, pools, blockSeconds } = input;
  const pointsChange = change.kind === "allocation" ? change : change.kind === "add-pool" ? { ...change, pid: pools.length } : undefined;
  const current = { rewardPerBlock: farm.rewardPerBlock, totalAllocPoint: farm.totalAllocPoint };
  const next = {
    rewardPerBlock: change.kind === "emission" ? change.rewardPerBlock : farm.rewardPerBlock,
    totalAllocPoint: pointsChange ? totalAfter(pools, pointsChange) : farm.totalAllocPoint,
  };
  const review: Review = {
    change,
    title: changeTitle(change, pools, input.reward),
    blockNumber: farm.blockNumber,
    before: emissionOutlook(farm, current, blockSeconds),
    after: emissionOutlook(farm, next, blockSeconds),
    shares: pointsChange && shareChanges(pools, pointsChange),
    paused: { before: farm.paused, after: change.kind === "pause" ? change.paused : farm.paused },
    warnings: [],
    notes: [],
  };
  const changed = review.shares?.find((s) => s.changed);
  if (changed) {
    review.pool = {
      name: changed.name,
      pointsBefore: changed.pointsBefore,
      pointsAfter: changed.pointsAfter,
      perDayBefore: portion(review.before.perDay, changed.pointsBefore ?? 0n, current.totalAllocPoint),
      perDayAfter: portion(review.after.perDay, changed.pointsAfter, next.totalAllocPoint),
    };
  }
  review.warnings = warningsFor(input, review);
  review.notes = notesFor(input, review);
  return review;
}

function warningsFor({ change, farm, reward }: ReviewInput, review: Review): string[] {
  const warnings: string[] = [];
  const { after } = review;
  if (capWithinWarning(after)) {
    const when = formatDateTime(after.end!.atSeconds) ?? "";
    warnings.push(
      `The cap would be reached in ${formatDuration(after.end!.secondsLeft)} (block ${group(after.end!.block)}, ${when}): ` +
        "after that the farm emits nothing and every pool's reward APR falls to 0.",
    );
  }
  if (change.kind === "emission" && farm.rewardPerBlock > 0n && change.rewardPerBlock >= farm.rewardPerBlock * RATE_JUMP_WARNING) {
    const times = Number(change.rewardPerBlock) / Number(farm.rewardPerBlock);
    warnings.push(`That is ${formatNumber(times, times < 100 ? 1 : 0)} times the current rate of ${exactAmount(farm.rewardPerBlock, reward)} per block.`);
  }
  if (after.stopped === "no-allocation" && review.before.stopped !== "no-allocation") {
    warnings.push("No pool would have any points: nothing is emitted until a pool has some (what is left under the cap waits).");
  }
  const stoppedPool = review.shares?.find((s) => s.changed && s.pointsAfter === 0n && (s.pointsBefore ?? 0n) > 0n);
  if (stoppedPool) warnings.push(`${stoppedPool.name} would earn nothing: its stakers stop earning rewards from the next block.`);
  if (change.kind === "add-pool" && change.empty) {
    warnings.push(`The ${change.name} pair holds no liquidity yet: the farms page cannot price it until someone adds liquidity.`);
  }
  return warnings;
}

function notesFor({ change, farm, reward }: ReviewInput, review: Review): string[] {
  const notes: string[] = [];
  if (review.after.stopped === "zero-rate" && review.before.stopped !== "zero-rate") {
    notes.push(
      `Emission stops from the next block: stakers earn nothing until a rate is set again. ` +
        `The ${formatTokenAmount(farm.rewardsRemaining, reward.decimals, 0)} ${reward.symbol} left under the cap stay for later.`,
    );
  }
  if (review.after.stopped === "cap-reached") notes.push("The cap is reached: the farm emits nothing more, whatever its settings.");
  if (change.kind === "add-pool") {
    notes.push(change.allocPoint === 0n ? "The pool earns nothing until it is given points." : "The pool earns from the block after it is added.");
  }
  if (change.kind === "pause") {
    notes.push(
      change.paused
        ? "Staking and harvesting stop; unstaking and emergency withdrawal stay open. Rewards keep accruing and are paid once the farm is unpaused; the cap's date does not move."
        : "Staking and harvesting open again; rewards accrued meanwhile can be harvested.",
    );
  }
  return notes;
}

/** `points` out of `total` of `amount`, rounded down; 0 when no pool has points. */
function portion(amount: bigint, points: bigint, total: bigint): bigint {
  return total === 0n ? 0n : (amount * points) / total;
}

/** A token amount to its last digit: what is sent is what is read. */
function exactAmount(wei: bigint, reward: RewardToken): string {
  return `${formatTokenAmount(wei, reward.decimals, reward.decimals)} ${reward.symbol}`;
}

function points(count: bigint): string {
  return `${group(count)} ${count === 1n ? "point" : "points"}`;
}

function group(value: bigint): string {
  return value.toLocaleString("en-US");
}

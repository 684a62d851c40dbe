/**
 * The review of a new list of lock tiers before setLockTiers is sent: every tier now and after
 * (its duration in blocks, the time that takes at the app's block time, its boost), what stays
 * as it was (existing locks keep their terms), and warnings where the list looks like a mistake.
 */
import { blocksDuration, formatBlocks, formatBoost, type LockTier, tierName } from "./lock-tiers";

/** One tier position, now and after: absent on one side when the tier is added or removed. */
export interface TierLine {
  row: number;
  before?: LockTier;
  after?: LockTier;
  changed: boolean;
}

export interface TiersReview {
  /** What the change does: also its transaction notice's title. */
  title: string;
  lines: TierLine[];
  /** What the owner should know, each a sentence. */
  notes: string[];
  /** Likely mistakes, each a sentence saying what would happen. */
  warnings: string[];
}

export interface TiersReviewInput {
  before: readonly LockTier[];
  after: readonly LockTier[];
  /** Lock ends are rounded up to a multiple of this many blocks. */
  epochBlocks: bigint;
  blockSeconds: number;
}

/** Said in every review of tiers: the rule that protects stakers who already locked. */
export const EXISTING_LOCKS_KEEP_TERMS =
  "Existing locks keep their terms: the boost, end block and early-exit penalty they were made with. " +
  "The new tiers apply to locks made, topped up or extended after this change.";

/** "43,200 blocks (≈ 1 day), 1.5×". */
export function describeTier(tier: LockTier, blockSeconds: number): string {
  return `${formatBlocks(tier.durationBlocks)} (≈ ${blocksDuration(tier.durationBlocks, blockSeconds)}), ${formatBoost(tier.boostBps)}`;
}

/** "Set 3 lock tiers (1.25× to 3×)", "Set 1 lock tier (1.5×)", "Remove every lock tier". */
export function tiersTitle(after: readonly LockTier[]): string {
  if (after.length === 0) return "Remove every lock tier";
  const first = formatBoost(after[0]!.boostBps);
  const last = formatBoost(after[after.length - 1]!.boostBps);
  if (after.length === 1) return `Set 1 lock tier (${first})`;
  return `Set ${after.length} lock tiers (${first === last ? first : `${first} to ${last}`})`;
}

export function reviewLockTiers(input: TiersReviewInput): TiersReview {
  const { before, after } = input;
  const lines: TierLine[] = Array.from({ length: Math.max(before.length, after.length) }, (_, row) => {
    const was = before[row];
    const will = after[row];
    return { row, before: was, after: will, changed: !was || !will || was.durationBlocks !== will.durationBlocks || was.boostBps !== will.boostBps };
  });
  return { title: tiersTitle(after), lines, notes: notesFor(input), warnings: warningsFor(input) };
}

function notesFor({ epochBlocks, blockSeconds }: TiersReviewInput): string[] {
  const notes = [EXISTING_LOCKS_KEEP_TERMS];
  if (epochBlocks > 1n) {
    notes.push(
      `Lock ends are rounded up to a multiple of ${formatBlocks(epochBlocks)} (≈ ${blocksDuration(epochBlocks, blockSeconds)}): ` +
        `a lock runs for its tier's duration and up to ${formatBlocks(epochBlocks - 1n)} more.`,
    );
  }
  return notes;
}

function warningsFor({ after, epochBlocks }: TiersReviewInput): string[] {
  if (after.length === 0) {
    return ["No tier would be left: nobody could make, top up or extend a lock until tiers are set again. Existing locks run to their end."];
  }
  const warnings: string[] = [];
  for (let row = 1; row < after.length; row++) {
    const shorter = after[row - 1]!;
    const longer = after[row]!;
    // Ends are rounded up to the epoch: two durations less than an epoch apart can give one end.
    if (longer.durationBlocks - shorter.durationBlocks < epochBlocks) {
      const boost = longer.boostBps > shorter.boostBps ? `: ${tierName(row).toLowerCase()}'s higher boost could be had for no longer a lock` : "";
      warnings.push(
        `${tierName(row - 1)} and ${tierName(row).toLowerCase()} are less than an epoch (${formatBlocks(epochBlocks)}) apart, ` +
          `so locks of both made in the same block can end at the same block${boost}.`,
      );
    }
  }
  return warnings;
}

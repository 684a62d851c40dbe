/**
 * What a campaign did, for its closing summary: how many actions of each kind ran, which passed and
 * which were refused with which error, and how close the farm's figures came to the model's bound.
 */
import type { ActionKind } from "./actions.js";
import { Ratio } from "./ratio.js";

interface KindCount {
  valid: number;
  /** error name -> count */
  refused: Map<string, number>;
}

export class CampaignStats {
  sequences = 0;
  steps = 0;
  /** Sequences in which the schedule emitted the whole budget. */
  sequencesAtCap = 0;
  /** Blocks in which several farm calls were mined together, and how many calls they held. */
  sharedBlocks = 0;
  callsInSharedBlocks = 0;
  emergencyWithdrawWhilePaused = 0;
  emergencyWithdrawWhileBroken = 0;
  emergencyWithdrawWithStake = 0;
  /** Withdrawals and harvestAlls a staker's operator sent (withdrawFor, harvestAllFor). */
  viaOperator = 0;
  /** Locks made, topped up, extended, left early (and how many of those paid a penalty). */
  locksMade = 0;
  lockTopUps = 0;
  lockExtensions = 0;
  earlyExits = 0;
  penaltiesPaid = 0;
  /** Ended locks joined to the unlocked stake at the staker's action (Unlocked events checked). */
  locksJoined = 0;
  /** Running locks ended by an emergency unlock. */
  locksEmergencyUnlocked = 0;
  /** Farm calls mined in a block at which some lock ends. */
  actionsAtLockEnd = 0;
  /** Lock-end blocks at which several locks ended together, and the most at one. */
  sharedLockEnds = 0;
  mostLocksAtOneEnd = 0;
  /** The most lock ends a pool's unshared emission spanned (a pool left alone across them). */
  mostLockEndsUntouched = 0;
  /** The most epoch boundaries a pool was left alone across while one of its locks ended. */
  mostEpochsUntouched = 0;
  /** Pending rewards and payments compared with the model. */
  comparisons = 0;
  /** Largest amount by which the farm's figure fell short of the model's exact one (wei). */
  largestShortfall = Ratio.ZERO;
  /** Largest amount by which the farm's figure exceeded the model's exact one (wei). */
  largestExcess = Ratio.ZERO;
  /**
   * Within a stretch of constant stake begun by a payment (the README's bound): how far the
   * shortfall grew, and shrank, from its start.
   */
  largestGrowth = Ratio.ZERO;
  largestShrink = Ratio.ZERO;
  /**
   * For stakers with a lock (model.ts, boundOf: two accounts, or a lock's end since the reference):
   * how far the shortfall moved from the reference, up and down, and up where a lock's end fell in.
   */
  lockedComparisons = 0;
  largestLockedGrowth = Ratio.ZERO;
  largestLockedShrink = Ratio.ZERO;
  largestCrossedGrowth = Ratio.ZERO;
  /** Partner rewards: payments and changed owed figures compared with the model (exactly), claims, reclaims. */
  partnerPaid = 0;
  partnerOwed = 0;
  partnerClaims = 0;
  reclaims = 0;
  /** Streams started, topped up at the same end, extended, funded afresh after their end. */
  readonly streamsFunded = { new: 0, raised: 0, extended: 0, afresh: 0 };
  /** emergencyWithdraws while some pool had partner rewards (no partner token may move). */
  partnerEmergencyWithdraws = 0;
  /** Pending partner figures compared with the model (exactly), and the most streams a pool carried. */
  partnerComparisons = 0;
  /** Payments the hostile partner token made fail (kept owed), by its mode, and those it let through. */
  readonly hostileRefusals = new Map<string, number>();
  hostilePayments = 0;
  readonly #kinds = new Map<ActionKind, KindCount>();

  streamFunded(kind: "new" | "raised" | "extended" | "afresh"): void {
    this.streamsFunded[kind] += 1;
  }

  #count(kind: ActionKind): KindCount {
    let count = this.#kinds.get(kind);
    if (count === undefined) {
      count = { valid: 0, refused: new Map() };
      this.#kinds.set(kind, count);
    }
    return count;
  }

  valid(kind: ActionKind): void {
    this.#count(kind).valid += 1;
  }

  /** How many `kind` calls were refused so far. */
  refusals(kind: ActionKind): number {
    return [...this.#count(kind).refused.values()].reduce((a, b) => a + b, 0);
  }

  /** `count` locks ended at one block. */
  locksEndedTogether(count: number): void {
    if (count > 1) this.sharedLockEnds += 1;
    if (count > this.mostLocksAtOneEnd) this.mostLocksAtOneEnd = count;
  }

  /** A pool's not-yet-shared emission spans `ends` of its locks' ends, over `epochs` epochs. */
  lockEndsUntouched(ends: number, epochs: number): void {
    if (ends > this.mostLockEndsUntouched) this.mostLockEndsUntouched = ends;
    if (epochs > this.mostEpochsUntouched) this.mostEpochsUntouched = epochs;
  }

  refused(kind: ActionKind, error: string): void {
    const refused = this.#count(kind).refused;
    refused.set(error, (refused.get(error) ?? 0) + 1);
  }

  /**
   * `gap` is the model's exact figure minus the farm's; `start` was the gap when the stretch began
   * (undefined where the stretch figures do not apply: a deferral, which ends one stretch and
   * begins the next, and the stretches it begins).
   */
  gap(gap: Ratio, start: Ratio | undefined): void {
    this.comparisons += 1;
    if (this.largestShortfall.lessThan(gap)) this.largestShortfall = gap;
    const excess = Ratio.ZERO.minus(gap);
    if (this.largestExcess.lessThan(excess)) this.largestExcess = excess;
    if (start === undefined) return;
    const growth = gap.minus(start);
    if (this.largestGrowth.lessThan(growth)) this.largestGrowth = growth;
    const shrink = start.minus(gap);
    if (this.largestShrink.lessThan(shrink)) this.largestShrink = shrink;
  }

  lockedGap(moved: Ratio, crossed: boolean): void {
    this.lockedComparisons += 1;
    if (this.largestLockedGrowth.lessThan(moved)) this.largestLockedGrowth = moved;
    if (crossed && this.largestCrossedGrowth.lessThan(moved)) this.largestCrossedGrowth = moved;
    const shrink = Ratio.ZERO.minus(moved);
    if (this.largestLockedShrink.lessThan(shrink)) this.largestLockedShrink = shrink;
  }

  summary(seed: number): string {
    const lines = [`seed ${seed}: ${this.sequences} sequences, ${this.steps} steps`];
    let valid = 0;
    let refused = 0;
    for (const [kind, count] of [...this.#kinds].sort(([a], [b]) => a.localeCompare(b))) {
      const errors = [...count.refused].sort(([a], [b]) => a.localeCompare(b)).map(([name, n]) => `${name} ${n}`);
      const refusedTotal = [...count.refused.values()].reduce((a, b) => a + b, 0);
      valid += count.valid;
      refused += refusedTotal;
      lines.push(`  ${kind.padEnd(18)} valid ${String(count.valid).padStart(6)}  refused ${String(refusedTotal).padStart(5)}${errors.length ? `  (${errors.join(", ")})` : ""}`);
    }
    lines.push(`  all actions: ${valid} valid, ${refused} refused as expected`);
    lines.push(`  sequences reaching the cap: ${this.sequencesAtCap}`);
    lines.push(`  blocks holding several farm calls: ${this.sharedBlocks} (${this.callsInSharedBlocks} calls)`);
    lines.push(
      `  emergencyWithdraw: ${this.emergencyWithdrawWithStake} with a stake, ${this.emergencyWithdrawWhilePaused} while paused, ` +
        `${this.emergencyWithdrawWhileBroken} with the reward token broken`,
    );
    lines.push(`  sent by the staker's operator: ${this.viaOperator} withdrawals and harvestAlls (withdrawFor, harvestAllFor)`);
    lines.push(
      `  locks: ${this.locksMade} made, ${this.lockTopUps} topped up, ${this.lockExtensions} extended, ${this.earlyExits} left early ` +
        `(${this.penaltiesPaid} paying a penalty), ${this.locksJoined} ended and joined the unlocked stake, ${this.locksEmergencyUnlocked} ended by an emergency unlock`,
    );
    lines.push(
      `  lock ends: ${this.sharedLockEnds} blocks where several locks ended together (at most ${this.mostLocksAtOneEnd}), ` +
        `${this.actionsAtLockEnd} farm calls in a lock's end block, a pool left alone across up to ${this.mostLockEndsUntouched} of its lock ends ` +
        `and, with one in between, up to ${this.mostEpochsUntouched} epochs`,
    );
    lines.push(
      `  reward comparisons with the model: ${this.comparisons}; the farm's figure at most ` +
        `${this.largestShortfall} wei below the exact one and at most ${this.largestExcess} wei above it; ` +
        `within a stretch of constant stake begun by a payment its shortfall grew by at most ${this.largestGrowth} wei and shrank by at most ${this.largestShrink} wei`,
    );
    lines.push(
      `  stakers with a lock: ${this.lockedComparisons} comparisons; from the last re-rounding their shortfall grew by at most ` +
        `${this.largestLockedGrowth} wei (${this.largestCrossedGrowth} across a lock's end) and shrank by at most ${this.largestLockedShrink} wei`,
    );
    const f = this.streamsFunded;
    lines.push(
      `  partner rewards: streams ${f.new} started, ${f.raised} topped up at the same end, ${f.extended} extended, ${f.afresh} funded afresh; ` +
        `${this.partnerPaid} payments and ${this.partnerOwed} owed figures equal to the model's to the wei, ${this.partnerClaims} claims, ${this.reclaims} reclaims, ` +
        `${this.partnerComparisons} pending figures compared, ${this.partnerEmergencyWithdraws} emergencyWithdraws moving no partner token`,
    );
    const refusals = [...this.hostileRefusals].map(([mode, n]) => `${mode} ${n}`).join(", ");
    lines.push(`  hostile partner token: ${this.hostilePayments} payments let through, refused ${refusals || "none"} (kept owed; no farm action failed)`);
    return lines.join("\n");
  }
}

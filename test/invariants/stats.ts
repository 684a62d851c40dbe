/**
 * What a campaign did, for its closing summary: how many actions of each kind ran, which passed and
 * which were refused with which error, and how close the farm's figures came to the model's bound.
 */
import type { ActionKind } from "./actions.js";
import type { Ratio } from "./ratio.js";

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
  /** Pending rewards and payments compared with the model. */
  comparisons = 0;
  /** Largest difference seen between the model's exact figure and the farm's, in wei (rounded up). */
  largestGap = 0n;
  /** The same, where the global accumulator's truncation is below 1 wei (ordinary allocations). */
  largestRoundingGap = 0n;
  readonly #kinds = new Map<ActionKind, KindCount>();

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

  refused(kind: ActionKind, error: string): void {
    const refused = this.#count(kind).refused;
    refused.set(error, (refused.get(error) ?? 0) + 1);
  }

  gap(gap: Ratio, accumulatorDust: Ratio): void {
    this.comparisons += 1;
    const wei = gap.ceil();
    if (wei > this.largestGap) this.largestGap = wei;
    if (accumulatorDust.lessThan(1n) && wei > this.largestRoundingGap) this.largestRoundingGap = wei;
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
    lines.push(
      `  reward comparisons with the model: ${this.comparisons}; farm below the exact figure by at most ` +
        `${this.largestRoundingGap} wei with ordinary allocations, ${this.largestGap} wei overall (allocations near 2^40)`,
    );
    return lines.join("\n");
  }
}

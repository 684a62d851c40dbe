import type { Address } from "viem";
import { describe, expect, it } from "vitest";

import type { Lock, LockTerms } from "../../src/lib/farm-snapshot";
import { lockChoices, unlockedApr } from "../../src/lib/locks-choices";

const E18 = 10n ** 18n;
const RECIPIENT: Address = "0x000000000000000000000000000000000000bEEF";
const T0 = 1_700_000_000n;

// Epochs of 100 blocks; tiers of 300 blocks at 1.5×, 1,000 at 2× and 3,000 at 3×; 50% penalty.
const terms: LockTerms = {
  epochBlocks: 100n,
  tiers: [
    { durationBlocks: 300n, boostBps: 15_000n },
    { durationBlocks: 1_000n, boostBps: 20_000n },
    { durationBlocks: 3_000n, boostBps: 30_000n },
  ],
  penaltyBps: 5_000n,
  penaltyRecipient: RECIPIENT,
};
// $100,000 a year over 150 LP of weights, LP at $100.
const pool = { yearlyRewardUsd: 100_000, totalShares: 150n * E18, lpPriceUsd: 100, emergencyUnlocked: false };
const now = { blockNumber: 150n, timestamp: T0 };
const base = { terms, now, blockSeconds: 2, pool, amount: 10n * E18 };

describe("lockChoices, a new lock", () => {
  const choices = lockChoices(base);

  it("ends each tier at the next block plus its duration, rounded up to an epoch, with the last block to land in", () => {
    // Landing in block 151: 451 → 500, 1,151 → 1,200, 3,151 → 3,200; each holds up to block 200.
    expect(choices.map((c) => c.endBlock)).toEqual([500n, 1_200n, 3_200n]);
    expect(choices.map((c) => c.lastBlock)).toEqual([200n, 200n, 200n]);
    // From block 150 at 2 s a block: 350, 1,050 and 3,050 blocks ahead.
    expect(choices.map((c) => c.unlockAt)).toEqual([Number(T0) + 700, Number(T0) + 2_100, Number(T0) + 6_100]);
  });

  it("locks the amount, at the tier's boost, and takes today's penalty terms: half of it at the start", () => {
    expect(choices.map((c) => [c.tier, c.boostBps, c.locked])).toEqual([[0, 15_000n, 10n * E18], [1, 20_000n, 10n * E18], [2, 30_000n, 10n * E18]]);
    expect(choices.every((c) => c.penaltyBps === 5_000n && c.penaltyRecipient === RECIPIENT && c.penaltyAtStart === 5n * E18)).toBe(true);
    expect(choices.every((c) => c.blocked === undefined)).toBe(true);
  });

  it("rates each lock with its weight joining the pool's: 10 LP at 1.5× weigh 15 of 165", () => {
    expect(choices[0].rewardApr).toBeCloseTo((100_000 * (15 / 165)) / 1_000, 12);
    expect(choices[1].rewardApr).toBeCloseTo((100_000 * (20 / 170)) / 1_000, 12);
    expect(choices[2].rewardApr).toBeCloseTo((100_000 * (30 / 180)) / 1_000, 12);
  });

  it("quotes one LP's rate at each boost before an amount is typed, none where nothing is staked", () => {
    const quoted = lockChoices({ ...base, amount: 0n });
    // 1 LP weighing 1.5 of 150: $1,000 over $100.
    expect(quoted[0].rewardApr).toBeCloseTo((100_000 * (1.5 / 150)) / 100, 12);
    expect(lockChoices({ ...base, amount: 0n, pool: { ...pool, totalShares: 0n } })[0].rewardApr).toBeUndefined();
  });

  it("offers nothing in an emergency-unlocked pool, and says why", () => {
    const blocked = lockChoices({ ...base, pool: { ...pool, emergencyUnlocked: true } });
    expect(blocked.every((c) => c.blocked === "The owner emergency-unlocked this pool: it takes no new locks.")).toBe(true);
  });
});

describe("lockChoices, with a running lock", () => {
  // 20 LP locked at 2× from block 100 to 1,200, counted as 40 of the pool's 150 weights.
  const running: Lock = { amount: 20n * E18, boostBps: 20_000n, startBlock: 100n, endBlock: 1_200n, penaltyBps: 1_000n, penaltyRecipient: RECIPIENT, exitPenalty: 0n };
  const choices = lockChoices({ ...base, lock: running });

  it("refuses a tier that would end it sooner, in a sentence; one ending at the same block is fine", () => {
    expect(choices[0].blocked).toBe("It would end at block 500, before your lock's end at block 1,200: a lock's end never moves earlier.");
    expect(choices[1].blocked).toBeUndefined();
    expect(choices[2].blocked).toBeUndefined();
  });

  it("restarts the whole lock: its 20 LP and the 10 added, at the tier's boost and today's penalty", () => {
    expect(choices[2].locked).toBe(30n * E18);
    // Weights 150 − 40 + 90 = 200: 90/200 of $100,000 over 30 LP × $100 = 15.
    expect(choices[2].rewardApr).toBeCloseTo(15, 12);
    expect(choices[2].penaltyAtStart).toBe(15n * E18);
  });

  it("extends it alone with no amount: 20 LP at 3× weigh 60, the pool 150 − 40 + 60 = 170", () => {
    const extended = lockChoices({ ...base, lock: running, amount: 0n });
    expect(extended[2].locked).toBe(20n * E18);
    expect(extended[2].rewardApr).toBeCloseTo((100_000 * (60 / 170)) / 2_000, 12);
  });

  it("treats an ended lock as none: its LP is already unlocked, and any tier may be chosen", () => {
    const ended = lockChoices({ ...base, lock: { ...running, endBlock: 150n } });
    expect(ended.map((c) => [c.locked, c.blocked])).toEqual([[10n * E18, undefined], [10n * E18, undefined], [10n * E18, undefined]]);
  });
});

describe("unlockedApr", () => {
  it("rates a stake without a lock at weight 1, joining the pool's weights", () => {
    // 10 of 160 weights: $6,250 on $1,000.
    expect(unlockedApr(pool, 10n * E18)).toBeCloseTo(6.25, 12);
    expect(unlockedApr(pool, 0n)).toBeCloseTo(100_000 / 150 / 100, 12);
  });
});

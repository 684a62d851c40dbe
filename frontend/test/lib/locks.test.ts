import { describe, expect, it } from "vitest";

import { boostedShares, earlyExitPenalty, formatBoost, lastBlockEndingAt, lockEndBlock, lockRunning, lockWeight } from "../../src/lib/locks";

const E18 = 10n ** 18n;

describe("lockEndBlock", () => {
  it("adds the tier's duration and rounds up to the next epoch boundary", () => {
    // 101 + 300 = 401, and the next multiple of 100 is 500.
    expect(lockEndBlock(101n, 300n, 100n)).toBe(500n);
    // 100 + 300 = 400 is a boundary already: no rounding.
    expect(lockEndBlock(100n, 300n, 100n)).toBe(400n);
    // 199 + 300 = 499 → 500; 200 + 300 = 500 → 500; 201 + 300 = 501 → 600.
    expect([199n, 200n, 201n].map((b) => lockEndBlock(b, 300n, 100n))).toEqual([500n, 500n, 600n]);
  });

  it("ends exactly at block + duration with one-block epochs, and at a day's boundary with 7,200", () => {
    expect(lockEndBlock(12_345n, 678n, 1n)).toBe(13_023n);
    // 20,000,000 + 201,600 (four weeks of 12 s blocks) = 20,201,600 = 2,805.777… × 7,200 → 2,806 × 7,200.
    expect(lockEndBlock(20_000_000n, 201_600n, 7_200n)).toBe(20_203_200n);
  });

  it("refuses an epoch of no blocks", () => {
    expect(() => lockEndBlock(1n, 1n, 0n)).toThrow(RangeError);
  });
});

describe("lastBlockEndingAt", () => {
  it("is the last block a lock can land in and keep its end: one block later ends an epoch later", () => {
    expect(lastBlockEndingAt(500n, 300n)).toBe(200n);
    expect(lockEndBlock(200n, 300n, 100n)).toBe(500n);
    expect(lockEndBlock(201n, 300n, 100n)).toBe(600n);
  });
});

describe("lockRunning and lockWeight", () => {
  const lock = { amount: 3n, boostBps: 15_000n, endBlock: 500n };

  it("runs before its end block and has ended from it on", () => {
    expect(lockRunning(lock, 499n)).toBe(true);
    expect(lockRunning(lock, 500n)).toBe(false);
    expect(lockRunning(lock, 501n)).toBe(false);
    expect(lockRunning({ ...lock, amount: 0n }, 1n)).toBe(false);
  });

  it("weighs its LP times the boost, rounded down, while it runs, and its LP after", () => {
    // 3 × 1.5 = 4.5 → 4.
    expect(boostedShares(3n, 15_000n)).toBe(4n);
    expect(boostedShares(2n * E18, 30_000n)).toBe(6n * E18);
    expect(lockWeight(lock, 499n)).toBe(4n);
    expect(lockWeight(lock, 500n)).toBe(3n);
  });
});

describe("earlyExitPenalty", () => {
  // 1,000 wei locked at a 50% penalty from block 100 to block 500 (400 blocks).
  const lock = { amount: 1_000n, penaltyBps: 5_000n, startBlock: 100n, endBlock: 500n };

  it("is the whole rate at the start and falls with the blocks left, rounded up", () => {
    expect(earlyExitPenalty(lock, 100n)).toBe(500n);
    // 1,000 × 0.5 × 399/400 = 498.75 → 499.
    expect(earlyExitPenalty(lock, 101n)).toBe(499n);
    // 1,000 × 0.5 × 200/400 = 250 exactly.
    expect(earlyExitPenalty(lock, 300n)).toBe(250n);
    // 1,000 × 0.5 × 1/400 = 1.25 → 2.
    expect(earlyExitPenalty(lock, 499n)).toBe(2n);
  });

  it("is nothing from the end block on, at a zero rate, or with nothing locked", () => {
    expect(earlyExitPenalty(lock, 500n)).toBe(0n);
    expect(earlyExitPenalty(lock, 900n)).toBe(0n);
    expect(earlyExitPenalty({ ...lock, penaltyBps: 0n }, 200n)).toBe(0n);
    expect(earlyExitPenalty({ ...lock, amount: 0n }, 200n)).toBe(0n);
  });

  it("matches the formula for a real-sized lock", () => {
    // 1.5 LP at 25% over a lock of 43,200 blocks, 10,000 blocks in:
    // 1.5e18 × 2,500 × 33,200 / (10,000 × 43,200) = 288,194,444,444,444,444.44… → …445.
    const real = { amount: 15n * 10n ** 17n, penaltyBps: 2_500n, startBlock: 1_000n, endBlock: 44_200n };
    expect(earlyExitPenalty(real, 11_000n)).toBe(288_194_444_444_444_445n);
  });
});

describe("formatBoost", () => {
  it("writes basis points as a multiple, cut to hundredths", () => {
    expect(formatBoost(10_000n)).toBe("1×");
    expect(formatBoost(15_000n)).toBe("1.5×");
    expect(formatBoost(30_000n)).toBe("3×");
    expect(formatBoost(12_345n)).toBe("1.23×");
    expect(formatBoost(20_500n)).toBe("2.05×");
    expect(formatBoost(20_050n)).toBe("2×"); // 2.005×, cut
  });
});

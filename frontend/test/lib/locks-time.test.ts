import { describe, expect, it } from "vitest";

import { aboutDuration, blockCount, countdownText, durationText, expectedTimeOf } from "../../src/lib/locks-time";

describe("expectedTimeOf", () => {
  it("adds the blocks between at the nominal block time to the last block's timestamp", () => {
    // 100 blocks of 2 s after block 900 at 1,700,000,000.
    expect(expectedTimeOf(1_000n, { blockNumber: 900n, timestamp: 1_700_000_000n }, 2)).toBe(1_700_000_200);
    expect(expectedTimeOf(1_000n, { blockNumber: 1_000n, timestamp: 1_700_000_000n }, 12)).toBe(1_700_000_000);
    // 7,200 blocks of 12 s: a day.
    expect(expectedTimeOf(8_200n, { blockNumber: 1_000n, timestamp: 0n }, 12)).toBe(86_400);
  });
});

describe("durations in words", () => {
  it("says blocks and about how long they take", () => {
    expect(blockCount(1n)).toBe("1 block");
    expect(blockCount(43_200n)).toBe("43,200 blocks");
    // 43,200 × 2 s = 86,400 s = 1 day.
    expect(durationText(43_200n, 2)).toBe("43,200 blocks (about 1 day)");
    // 20 × 2 s = 40 s.
    expect(aboutDuration(20n, 2)).toBe("under a minute");
    // 100 × 2 s = 200 s = 3 min 20 s, said as 3 min (never more than it is).
    expect(aboutDuration(100n, 2)).toBe("about 3 min");
  });

  it("counts down to the end block, and says nothing once it has come", () => {
    expect(countdownText(1_000n, 900n, 2)).toBe("100 blocks left (about 3 min)");
    expect(countdownText(1_000n, 999n, 2)).toBe("1 block left (under a minute)");
    // 201,600 × 12 s = 28 days.
    expect(countdownText(201_700n, 100n, 12)).toBe("201,600 blocks left (about 28 days)");
    expect(countdownText(1_000n, 1_000n, 2)).toBeUndefined();
    expect(countdownText(1_000n, 1_200n, 2)).toBeUndefined();
  });
});

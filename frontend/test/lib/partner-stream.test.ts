import { describe, expect, it } from "vitest";

import { endBlockAt, planFunding, streamRatePerBlock, streamRunning, streamRunway } from "../../src/lib/partner-stream";

const E18 = 10n ** 18n;

describe("a partner stream's rate and runway", () => {
  // 1,000 tokens left to stream from block 100 to block 1,100: 1 a block.
  const stream = { endBlock: 1_100n, remaining: 1_000n * E18 };

  it("releases what remains evenly over the blocks left, rounded down", () => {
    expect(streamRatePerBlock(stream, 100n)).toBe(E18);
    expect(streamRatePerBlock({ endBlock: 103n, remaining: 10n }, 100n)).toBe(3n); // 10 / 3, down
    expect(streamRunning(stream, 1_099n)).toBe(true);
  });

  it("releases nothing from its end block on", () => {
    expect(streamRunning(stream, 1_100n)).toBe(false);
    expect(streamRatePerBlock(stream, 1_100n)).toBe(0n);
    expect(streamRunway({ endBlock: 1_100n, remaining: 0n }, 2_000n, 7_200n)).toEqual({ blocksLeft: 0n, remaining: 0n, perBlock: 0n, perDay: 0n });
  });

  it("says its runway: blocks left, what remains, per block and per day", () => {
    expect(streamRunway(stream, 600n, 7_200n)).toEqual({ blocksLeft: 500n, remaining: 1_000n * E18, perBlock: 2n * E18, perDay: 14_400n * E18 });
  });
});

describe("planning a funding", () => {
  const base = { readBlock: 100n, atBlock: 101n, blocksPerDay: 10n };

  it("starts a new stream: the amount over the blocks from the funding's block to the end", () => {
    expect(planFunding({ ...base, amount: 900n, endBlock: 1_001n })).toEqual({ kind: "start", previousEnd: undefined, streaming: 900n, perBlock: 1n, perDay: 10n });
  });

  it("raises a running stream's rate when the end stays: what had not streamed plus the amount, from the funding's block", () => {
    // 1,000 left at block 100 over 1,000 blocks (1 a block); one more block streams 1 before the top-up.
    const existing = { endBlock: 1_100n, remaining: 1_000n };
    expect(planFunding({ ...base, existing, amount: 999n, endBlock: 1_100n })).toEqual({ kind: "raise", previousEnd: 1_100n, streaming: 1_998n, perBlock: 2n, perDay: 20n });
  });

  it("extends a running stream when the end is later", () => {
    const existing = { endBlock: 1_100n, remaining: 1_000n };
    const plan = planFunding({ ...base, existing, amount: 1n, endBlock: 2_099n });
    expect(plan).toEqual({ kind: "extend", previousEnd: 1_100n, streaming: 1_000n, perBlock: 0n, perDay: 0n });
  });

  it("refuses an end before a running stream's end, or not after the funding's block, as the contract does", () => {
    const existing = { endBlock: 1_100n, remaining: 1_000n };
    expect(planFunding({ ...base, existing, amount: 1n, endBlock: 1_099n })).toEqual({ refused: "end-too-early", earliest: 1_100n });
    expect(planFunding({ ...base, amount: 1n, endBlock: 101n })).toEqual({ refused: "end-too-early", earliest: 102n });
    expect(planFunding({ ...base, amount: 0n, endBlock: 500n })).toEqual({ refused: "zero-amount" });
  });

  it("starts afresh over a stream that has ended", () => {
    const ended = { endBlock: 90n, remaining: 0n };
    expect(planFunding({ ...base, existing: ended, amount: 100n, endBlock: 201n })).toMatchObject({ kind: "start", streaming: 100n, perBlock: 1n });
  });
});

describe("an end date as a block", () => {
  it("counts whole blocks from the last read at the nominal block time, rounded up", () => {
    const now = { blockNumber: 1_000n, timestamp: 1_700_000_000n };
    expect(endBlockAt(1_700_000_000 + 86_400, now, 12)).toBe(1_000n + 7_200n);
    expect(endBlockAt(1_700_000_000 + 13, now, 12)).toBe(1_002n);
    expect(endBlockAt(1_600_000_000, now, 12)).toBe(1_000n); // in the past: no block ahead
  });
});

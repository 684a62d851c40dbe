/**
 * The read pace (lib/poll-pace.ts) on 2 s blocks: once per block after a read that found one, a
 * quarter block (doubling) after one that found none, within the floor and ceiling.
 */
import { describe, expect, it } from "vitest";

import { MAX_POLL_MS, MIN_POLL_MS, nextPollMs } from "../../src/lib/poll-pace";

describe("nextPollMs", () => {
  it("reads a block time after a read that found a new block began, its answer time taken off", () => {
    expect(nextPollMs({ blockSeconds: 2, fresh: true, misses: 0, sinceReadMs: 0 })).toBe(2_000);
    expect(nextPollMs({ blockSeconds: 2, fresh: true, misses: 0, sinceReadMs: 300 })).toBe(1_700);
    expect(nextPollMs({ blockSeconds: 12, fresh: true, misses: 0, sinceReadMs: 150 })).toBe(11_850);
  });

  it("retries a quarter block after a read that came early, doubling while no block comes, up to a block time", () => {
    expect([1, 2, 3, 4, 5].map((misses) => nextPollMs({ blockSeconds: 2, fresh: false, misses, sinceReadMs: 100 }))).toEqual([500, 1_000, 2_000, 2_000, 2_000]);
  });

  it("stays within its floor and ceiling: a slow answer never makes a busy loop, slow blocks never a long silence", () => {
    expect(nextPollMs({ blockSeconds: 2, fresh: true, misses: 0, sinceReadMs: 5_000 })).toBe(MIN_POLL_MS);
    expect(nextPollMs({ blockSeconds: 0.5, fresh: false, misses: 1, sinceReadMs: 0 })).toBe(MIN_POLL_MS);
    expect(nextPollMs({ blockSeconds: 60, fresh: true, misses: 0, sinceReadMs: 0 })).toBe(MAX_POLL_MS);
  });
});

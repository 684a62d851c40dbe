/**
 * When to read the chain next: once per block, just after it. A read that found a new block is
 * followed by one a block time after it started, which lands as far after the next block as this
 * one landed after its own; a read that found no new block (it came early, or the chain is slow)
 * is retried a quarter of a block time later, doubling while none comes, up to a block time. So a
 * chain with steady blocks is read once per block and its figures are at most a quarter of a block
 * late, and a stalled chain costs one read per block time. (Reading every 0.6 block times, as
 * before, cost 1.7 reads per block for the same freshness: 17.6 kB of requests per block at 1,000
 * pools, over the 16 kB budget of `npm run bench:web`.)
 */

/** The shortest wait between two reads, whatever the block time. */
export const MIN_POLL_MS = 250;
/** The longest: a chain with slow blocks is still read this often. */
export const MAX_POLL_MS = 15_000;

export interface PollPace {
  /** The chain's block time. */
  blockSeconds: number;
  /** The last read found a block the app had not seen. */
  fresh: boolean;
  /** Reads in a row, this one included, that found no new block (0 when `fresh`). */
  misses: number;
  /** How long ago (ms) the last read was sent. */
  sinceReadMs: number;
}

/** Milliseconds from now until the next read. */
export function nextPollMs({ blockSeconds, fresh, misses, sinceReadMs }: PollPace): number {
  const blockMs = blockSeconds * 1_000;
  const wait = fresh ? blockMs - sinceReadMs : Math.min(blockMs, (blockMs / 4) * 2 ** Math.max(0, misses - 1));
  return Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, wait));
}

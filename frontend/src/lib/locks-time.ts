/**
 * A lock's blocks in time, as people plan: the farm counts in blocks, and the app turns blocks
 * into time with the one nominal block time every figure uses (lib/block-time.ts), from the
 * timestamp of the block it last read, as the cap's date is (lib/emission.ts). Estimates: blocks
 * can come later than nominal, so the block number is always said beside them.
 */
import { formatDuration } from "./duration";

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** The block the app last read, and its timestamp (Unix seconds). */
export interface ChainNow {
  blockNumber: bigint;
  timestamp: bigint;
}

/** Seconds `blocks` take at the nominal block time. */
export function blocksToSeconds(blocks: bigint, blockSeconds: number): number {
  return Number(blocks) * blockSeconds;
}

/** When block `target` is expected, in Unix seconds: `now`'s timestamp plus the blocks between at the nominal pace. */
export function expectedTimeOf(target: bigint, now: ChainNow, blockSeconds: number): number {
  return Number(now.timestamp) + blocksToSeconds(target - now.blockNumber, blockSeconds);
}

/** "1 block", "7,200 blocks". */
export function blockCount(blocks: bigint): string {
  return `${grouped.format(blocks)} ${blocks === 1n ? "block" : "blocks"}`;
}

/** How long `blocks` take, in words: "about 2 days 4 h", "under a minute". */
export function aboutDuration(blocks: bigint, blockSeconds: number): string {
  const said = formatDuration(blocksToSeconds(blocks, blockSeconds));
  return said === "under a minute" ? said : `about ${said}`;
}

/** A tier's length: "7,200 blocks (about 4 h)". */
export function durationText(blocks: bigint, blockSeconds: number): string {
  return `${blockCount(blocks)} (${aboutDuration(blocks, blockSeconds)})`;
}

/**
 * What is left of a lock ending at `endBlock`, seen at block `block`: "1,234 blocks left (about
 * 41 min)", or undefined once it has ended (from its end block on, lib/locks.ts).
 */
export function countdownText(endBlock: bigint, block: bigint, blockSeconds: number): string | undefined {
  if (block >= endBlock) return undefined;
  const left = endBlock - block;
  return `${blockCount(left)} left (${aboutDuration(left, blockSeconds)})`;
}

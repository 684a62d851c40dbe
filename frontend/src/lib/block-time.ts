/**
 * The one block time every figure uses (reward APR, emission per day, the cap's date, the fee
 * window): the chain's nominal seconds per block, not a sample of recent blocks, which swings with
 * a stalled node or a burst of transactions. In order:
 * 1. the deployments file's `blockSeconds` (the local launchers write the interval they mine at;
 *    a deploy config may state it for any chain);
 * 2. the slot time of a chain that has one (Ethereum and its testnets: 12 s);
 * 3. the average over a long window of past blocks (`longWindowSeconds`), where nothing says better.
 */
import { SECONDS_PER_DAY } from "./conventions";

/** Chains whose blocks come at a fixed slot time. */
export const NOMINAL_BLOCK_SECONDS: Readonly<Record<number, number>> = {
  1: 12, // Ethereum
  11155111: 12, // Sepolia
  17000: 12, // Holesky
};

/** How many past blocks the fallback averages over: about a day and a half of 12-second blocks. */
export const LONG_WINDOW_BLOCKS = 10_000n;

export type BlockTimeSource = "deployment" | "chain" | "measured";

/** Where a block time comes from, in words for the page. */
export const BLOCK_TIME_SOURCES: Readonly<Record<BlockTimeSource, string>> = {
  deployment: "the deployment's pace",
  chain: "the chain's slot time",
  measured: `measured over ${LONG_WINDOW_BLOCKS.toLocaleString("en-US")} blocks`,
};

export interface BlockTime {
  seconds: number;
  source: BlockTimeSource;
}

/** The nominal block time, if the deployment or the chain states one. */
export function nominalBlockTime(chainId: number, deploymentSeconds?: number): BlockTime | undefined {
  if (deploymentSeconds !== undefined && deploymentSeconds > 0) return { seconds: deploymentSeconds, source: "deployment" };
  const slot = NOMINAL_BLOCK_SECONDS[chainId];
  return slot === undefined ? undefined : { seconds: slot, source: "chain" };
}

/**
 * The average seconds per block between two blocks far apart (in either order); undefined when
 * they are the same block or no time passed between them.
 */
export function longWindowSeconds(a: { number: bigint; timestamp: bigint }, b: { number: bigint; timestamp: bigint }): number | undefined {
  const blocks = a.number > b.number ? a.number - b.number : b.number - a.number;
  const seconds = a.timestamp > b.timestamp ? a.timestamp - b.timestamp : b.timestamp - a.timestamp;
  if (blocks === 0n || seconds === 0n) return undefined;
  return Number(seconds) / Number(blocks);
}

/** Blocks in a day at `secondsPerBlock`, rounded to the nearest block: the fee window and emission per day. */
export function blocksPerDay(secondsPerBlock: number): bigint {
  return BigInt(Math.round(SECONDS_PER_DAY / secondsPerBlock));
}

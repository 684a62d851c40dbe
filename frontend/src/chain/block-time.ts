/**
 * The block time the app counts with (lib/block-time.ts says which and why): the nominal one when
 * the deployment or the chain states it, else two block reads a long window apart.
 */

import { type BlockTime, LONG_WINDOW_BLOCKS, longWindowSeconds, nominalBlockTime } from "../lib/block-time";
import type { ReadClient } from "./wagmi";

/** `fallbackSeconds` only when even the long window says nothing (a chain of one block). */
export async function readBlockTime(client: ReadClient, chainId: number, deploymentSeconds: number | undefined, fallbackSeconds: number): Promise<BlockTime> {
  const nominal = nominalBlockTime(chainId, deploymentSeconds);
  if (nominal) return nominal;
  const latest = await client.getBlock();
  const earlier = await client.getBlock({ blockNumber: latest.number > LONG_WINDOW_BLOCKS ? latest.number - LONG_WINDOW_BLOCKS : 0n });
  return { seconds: longWindowSeconds(latest, earlier) ?? fallbackSeconds, source: "measured" };
}

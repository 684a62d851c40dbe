/**
 * Trading volume for the fee APR: the pairs' Swap events over the last day of blocks, in one
 * eth_getLogs for all pairs, then only the blocks since the last read.
 */
import { type Address, getAddress } from "viem";

import { uniswapV2PairAbi } from "./abis.generated";
import type { ReadClient } from "./wagmi";

export interface SwapRecord {
  /** Checksummed: nodes return log addresses in lower case, the app keys pairs checksummed. */
  pair: Address;
  blockNumber: bigint;
  amount0In: bigint;
  amount1In: bigint;
  amount0Out: bigint;
  amount1Out: bigint;
}

export async function readSwaps(client: ReadClient, pairs: Address[], fromBlock: bigint, toBlock: bigint): Promise<SwapRecord[]> {
  if (pairs.length === 0 || fromBlock > toBlock) return [];
  const logs = await client.getContractEvents({ address: pairs, abi: uniswapV2PairAbi, eventName: "Swap", fromBlock, toBlock });
  return logs.map((log) => ({
    pair: getAddress(log.address),
    blockNumber: log.blockNumber,
    amount0In: log.args.amount0In ?? 0n,
    amount1In: log.args.amount1In ?? 0n,
    amount0Out: log.args.amount0Out ?? 0n,
    amount1Out: log.args.amount1Out ?? 0n,
  }));
}

/** Swaps grouped by pair (checksummed addresses). */
export type SwapsByPair = ReadonlyMap<Address, readonly SwapRecord[]>;

/**
 * The swaps of a window of the latest blocks, kept by reading only the blocks since the last read,
 * and at most every `refreshBlocks` blocks: fee APRs move slowly, log reads are the dearest.
 */
export class SwapWindow {
  #scannedTo = 0n;
  #records: SwapRecord[] = [];

  constructor(private readonly refreshBlocks: bigint) {}

  /**
   * True when `latest` is far enough past the last read to read again, or before it: the chain
   * went back (a revert to a snapshot) and what was read past `latest` may never have happened.
   */
  due(latest: bigint): boolean {
    return this.#scannedTo === 0n || latest < this.#scannedTo || latest - this.#scannedTo >= this.refreshBlocks;
  }

  /** Reads the blocks up to `latest` and drops those older than `windowBlocks`: the swaps by pair. */
  async advance(client: ReadClient, pairs: Address[], latest: bigint, windowBlocks: bigint): Promise<SwapsByPair> {
    if (latest < this.#scannedTo) [this.#scannedTo, this.#records] = [0n, []]; // rewound: read the window afresh
    const oldest = latest > windowBlocks ? latest - windowBlocks : 0n;
    const fresh = await readSwaps(client, pairs, this.#scannedTo === 0n ? oldest : this.#scannedTo + 1n, latest);
    this.#scannedTo = latest;
    this.#records = [...this.#records, ...fresh].filter((s) => s.blockNumber >= oldest);
    return groupByPair(this.#records);
  }
}

function groupByPair(records: SwapRecord[]): SwapsByPair {
  const groups = new Map<Address, SwapRecord[]>();
  for (const swap of records) {
    const group = groups.get(swap.pair);
    if (group) group.push(swap);
    else groups.set(swap.pair, [swap]);
  }
  return groups;
}

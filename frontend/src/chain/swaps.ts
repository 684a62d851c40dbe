/**
 * Trading volume for the fee APR: the pairs' Swap events over the last day of blocks, in one
 * eth_getLogs for all pairs. The store keeps them and asks only for new blocks afterwards.
 */
import { type Address, getAbiItem, getAddress, type PublicClient } from "viem";

import { uniswapV2PairAbi } from "./abis.generated";

export interface SwapRecord {
  /** Checksummed: nodes return log addresses in lower case, the app keys pairs checksummed. */
  pair: Address;
  blockNumber: bigint;
  amount0In: bigint;
  amount1In: bigint;
  amount0Out: bigint;
  amount1Out: bigint;
}

const swapEvent = getAbiItem({ abi: uniswapV2PairAbi, name: "Swap" });

export async function readSwaps(client: PublicClient, pairs: Address[], fromBlock: bigint, toBlock: bigint): Promise<SwapRecord[]> {
  if (pairs.length === 0 || fromBlock > toBlock) return [];
  const logs = await client.getLogs({ address: pairs, event: swapEvent, fromBlock, toBlock });
  return logs.map((log) => ({
    pair: getAddress(log.address),
    blockNumber: log.blockNumber,
    amount0In: log.args.amount0In ?? 0n,
    amount1In: log.args.amount1In ?? 0n,
    amount0Out: log.args.amount0Out ?? 0n,
    amount1Out: log.args.amount1Out ?? 0n,
  }));
}

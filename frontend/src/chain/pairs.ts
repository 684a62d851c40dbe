/**
 * What the app needs to know about a Uniswap V2 pair that never changes: its tokens, their
 * symbols and decimals. Pools from the deployments file come described; pools added later and
 * the pairs used only for prices are described here, once, in one batched read.
 */
import { type Address, erc20Abi, getAddress } from "viem";

import type { PairMeta } from "../lib/farm-snapshot";
import { uniswapV2PairAbi } from "./abis.generated";
import type { ReadClient } from "./wagmi";

/** Describes `addresses`; one that is not a Uniswap V2 pair (no token0/token1) is left out. */
export async function describePairs(client: ReadClient, addresses: Address[]): Promise<PairMeta[]> {
  if (addresses.length === 0) return [];
  const tokens = await client.multicall({
    contracts: addresses.flatMap((address) => [
      { address, abi: uniswapV2PairAbi, functionName: "token0" } as const,
      { address, abi: uniswapV2PairAbi, functionName: "token1" } as const,
    ]),
    batchSize: 0,
  });
  const pairs = addresses
    .map((address, i) => ({ address: getAddress(address), token0: tokens[2 * i].result, token1: tokens[2 * i + 1].result }))
    .filter((p): p is { address: Address; token0: Address; token1: Address } => !!p.token0 && !!p.token1);
  const details = await client.multicall({
    contracts: pairs.flatMap((p) => [
      { address: p.token0, abi: erc20Abi, functionName: "symbol" } as const,
      { address: p.token0, abi: erc20Abi, functionName: "decimals" } as const,
      { address: p.token1, abi: erc20Abi, functionName: "symbol" } as const,
      { address: p.token1, abi: erc20Abi, functionName: "decimals" } as const,
    ]),
    batchSize: 0,
  });
  return pairs.map((p, i) => ({
    ...p,
    symbol0: String(details[4 * i].result ?? "?"),
    decimals0: Number(details[4 * i + 1].result ?? 18),
    symbol1: String(details[4 * i + 2].result ?? "?"),
    decimals1: Number(details[4 * i + 3].result ?? 18),
  }));
}

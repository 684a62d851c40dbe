/**
 * What the admin page's pair picker asks a node: is this address an ERC-20 token (its symbol and
 * decimals), and does the factory have a pair of these two tokens (its address, reserves and
 * supply). Each is one batched read.
 */
import { type Address, erc20Abi, getAddress, zeroAddress } from "viem";

import type { TokenMeta } from "../lib/known-tokens";
import type { PairState } from "../lib/prices";
import { uniswapV2FactoryAbi, uniswapV2PairAbi } from "./abis.generated";
import type { ReadClient } from "./wagmi";

export type TokenRead =
  | { kind: "token"; token: TokenMeta }
  | { kind: "no-contract" }
  /** A contract without an ERC-20 symbol or decimals. */
  | { kind: "not-a-token" }
  /** A Uniswap V2 pair: an ERC-20, but an LP token, not one of a pair's two sides. */
  | { kind: "pair" };

/** What is at `address`, as far as picking a token goes. */
export async function readToken(client: ReadClient, address: Address): Promise<TokenRead> {
  const code = await client.getCode({ address });
  if (!code || code === "0x") return { kind: "no-contract" };
  const [symbol, decimals, token0] = await client.multicall({
    contracts: [
      { address, abi: erc20Abi, functionName: "symbol" },
      { address, abi: erc20Abi, functionName: "decimals" },
      { address, abi: uniswapV2PairAbi, functionName: "token0" },
    ],
    batchSize: 0,
  });
  if (token0.status === "success") return { kind: "pair" };
  if (symbol.status !== "success" || decimals.status !== "success") return { kind: "not-a-token" };
  return { kind: "token", token: { address: getAddress(address), symbol: symbol.result, decimals: decimals.result } };
}

/** The factory's pair of `a` and `b` and its state now, or undefined when the factory has none. */
export async function findPair(client: ReadClient, factory: Address, a: TokenMeta, b: TokenMeta): Promise<PairState | undefined> {
  const address = await client.readContract({ address: factory, abi: uniswapV2FactoryAbi, functionName: "getPair", args: [a.address, b.address] });
  if (address === zeroAddress) return undefined;
  const [token0, reserves, totalSupply] = await client.multicall({
    contracts: [
      { address, abi: uniswapV2PairAbi, functionName: "token0" },
      { address, abi: uniswapV2PairAbi, functionName: "getReserves" },
      { address, abi: uniswapV2PairAbi, functionName: "totalSupply" },
    ],
    allowFailure: false,
    batchSize: 0,
  });
  const [first, second] = getAddress(token0) === getAddress(a.address) ? [a, b] : [b, a];
  return {
    address: getAddress(address),
    token0: first.address,
    token1: second.address,
    decimals0: first.decimals,
    decimals1: second.decimals,
    reserve0: reserves[0],
    reserve1: reserves[1],
    totalSupply,
  };
}

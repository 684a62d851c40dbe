/**
 * What the app learns about a farm once, when it opens it (and again only when pools are added):
 * the reward token, the pairs that price the stablecoin and the reward token, and the pairs of
 * pools the deployments file does not list. Each is one batched read.
 */
import { type Address, erc20Abi, getAddress, isAddressEqual, zeroAddress } from "viem";

import type { PairMeta } from "../lib/farm-snapshot";
import { farmAbi, uniswapV2FactoryAbi } from "./abis.generated";
import type { Deployment } from "./deployment";
import { describePairs } from "./pairs";
import type { ReadClient } from "./wagmi";

export interface RewardTokenMeta {
  symbol: string;
  decimals: number;
}

/** The reward token's symbol and decimals ("RWD" and 18 if the token does not say). */
export async function readRewardToken(client: ReadClient, token: Address): Promise<RewardTokenMeta> {
  const [symbol, decimals] = await client.multicall({
    contracts: [
      { address: token, abi: erc20Abi, functionName: "symbol" },
      { address: token, abi: erc20Abi, functionName: "decimals" },
    ],
    batchSize: 0,
  });
  return { symbol: symbol.result ?? "RWD", decimals: decimals.result ?? 18 };
}

/** Stablecoin/WETH and reward/WETH, those that exist and that no pool (`farmed`) already prices. */
export async function findPricePairs(client: ReadClient, d: Deployment, farmed: PairMeta[]): Promise<PairMeta[]> {
  const getPair = { address: d.uniswapV2Factory, abi: uniswapV2FactoryAbi, functionName: "getPair" } as const;
  const found = await client.multicall({
    contracts: [
      { ...getPair, args: [d.stablecoin, d.weth] },
      { ...getPair, args: [d.rewardToken, d.weth] },
    ],
    batchSize: 0,
  });
  const wanted = found
    .map((r) => r.result)
    .filter((a): a is Address => !!a && a !== zeroAddress && !farmed.some((p) => isAddressEqual(p.address, a)));
  return describePairs(client, wanted);
}

/**
 * The pairs of pools `fromPid` to `poolLength` − 1 (added since the deployments file was written,
 * by the admin page, say), in pid order; an LP token that is not a Uniswap V2 pair is described
 * with "?" symbols rather than left out, so pids keep their places.
 */
export async function describeNewPools(client: ReadClient, farm: Address, fromPid: number, poolLength: number): Promise<PairMeta[]> {
  const infos = await client.multicall({
    contracts: Array.from({ length: poolLength - fromPid }, (_, i) => ({
      address: farm,
      abi: farmAbi,
      functionName: "poolInfo",
      args: [BigInt(fromPid + i)],
    }) as const),
    batchSize: 0,
  });
  const lpTokens = infos.map((r) => r.result?.[0] ?? zeroAddress);
  const described = await describePairs(client, lpTokens);
  return lpTokens.map((lp) => described.find((d) => isAddressEqual(d.address, lp)) ?? unknownPair(lp));
}

function unknownPair(address: Address): PairMeta {
  return { address: getAddress(address), token0: zeroAddress, token1: zeroAddress, symbol0: "?", symbol1: "?", decimals0: 18, decimals1: 18 };
}

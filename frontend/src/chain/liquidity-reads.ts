/**
 * What adding or removing liquidity in one pair depends on, read at one block in one Multicall3
 * call: the pair's reserves, balances, supply and fee state, and the user's two tokens, ETH, LP,
 * the router's allowances and the pair's permit nonce. Read only while the liquidity dialog is
 * open, so the farms page's one read per block stays one.
 */
import { type Address, domainSeparator, erc20Abi, multicall3Abi, type TypedDataDomain, zeroAddress } from "viem";

import type { PairMeta } from "../lib/farm-snapshot";
import type { PairLiquidity } from "../lib/liquidity";
import { uniswapV2FactoryAbi, uniswapV2PairAbi } from "./abis.generated";
import type { ReadClient } from "./wagmi";

export interface LiquidityTarget {
  pair: PairMeta;
  router: Address;
  factory: Address;
  multicall3: Address;
  user?: Address;
}

/** The user's side of a pair, in the pair's order where there are two. */
export interface LiquidityWallet {
  tokens: [bigint, bigint];
  eth: bigint;
  lp: bigint;
  /** What the router may take of each token, and of the LP. */
  allowances: [bigint, bigint];
  lpAllowance: bigint;
  /** The user's next permit nonce on the pair. */
  lpNonce: bigint;
}

export interface LiquidityState {
  blockNumber: bigint;
  pair: PairLiquidity;
  wallet?: LiquidityWallet;
}

/** The pair and, when a user is named, the user's side of it, at `blockNumber`. */
export async function readLiquidity(client: ReadClient, target: LiquidityTarget, blockNumber: bigint): Promise<LiquidityState> {
  const { pair, router, factory, multicall3, user = zeroAddress } = target;
  const lp = { address: pair.address, abi: uniswapV2PairAbi } as const;
  const token0 = { address: pair.token0, abi: erc20Abi } as const;
  const token1 = { address: pair.token1, abi: erc20Abi } as const;
  const [reserves, totalSupply, kLast, feeTo, balance0, balance1, ...mine] = await client.multicall({
    contracts: [
      { ...lp, functionName: "getReserves" },
      { ...lp, functionName: "totalSupply" },
      { ...lp, functionName: "kLast" },
      { address: factory, abi: uniswapV2FactoryAbi, functionName: "feeTo" },
      { ...token0, functionName: "balanceOf", args: [pair.address] },
      { ...token1, functionName: "balanceOf", args: [pair.address] },
      { ...token0, functionName: "balanceOf", args: [user] },
      { ...token1, functionName: "balanceOf", args: [user] },
      { address: multicall3, abi: multicall3Abi, functionName: "getEthBalance", args: [user] },
      { ...lp, functionName: "balanceOf", args: [user] },
      { ...token0, functionName: "allowance", args: [user, router] },
      { ...token1, functionName: "allowance", args: [user, router] },
      { ...lp, functionName: "allowance", args: [user, router] },
      { ...lp, functionName: "nonces", args: [user] },
    ],
    allowFailure: false,
    blockNumber,
    batchSize: 0,
    // Named, not taken from the chain: its `blockCreated` (mainnet's) would refuse a local block number.
    multicallAddress: multicall3,
  });
  const [reserve0, reserve1] = reserves;
  const state: LiquidityState = {
    blockNumber,
    pair: { reserve0, reserve1, balance0, balance1, totalSupply, kLast, feeOn: feeTo !== zeroAddress },
  };
  if (target.user) {
    const [user0, user1, eth, lpBalance, allowance0, allowance1, lpAllowance, lpNonce] = mine;
    state.wallet = { tokens: [user0, user1], eth, lp: lpBalance, allowances: [allowance0, allowance1], lpAllowance, lpNonce };
  }
  return state;
}

/**
 * The pair's EIP-2612 domain when this chain can satisfy it: a pair deployed on another chain id
 * (a mainnet pair seen from a fork) keeps that id in its DOMAIN_SEPARATOR, and then no permit
 * signed here is valid; undefined then, and the caller approves instead.
 */
export async function readPermitDomain(client: ReadClient, pair: Address, chainId: number): Promise<TypedDataDomain | undefined> {
  const lp = { address: pair, abi: uniswapV2PairAbi } as const;
  const [name, separator] = await client.multicall({
    contracts: [
      { ...lp, functionName: "name" },
      { ...lp, functionName: "DOMAIN_SEPARATOR" },
    ],
    batchSize: 0,
  });
  if (name.status !== "success" || separator.status !== "success") return undefined;
  const domain = { name: name.result, version: "1", chainId, verifyingContract: pair };
  return domainSeparator({ domain }) === separator.result ? domain : undefined;
}

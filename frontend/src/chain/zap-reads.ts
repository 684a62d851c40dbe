/**
 * What the zap dialogs ask a node beyond the open pair (./liquidity-reads.ts reads that, with the
 * zap as the spender of the user's tokens): whether the user made the zap its farm operator, what
 * a zap in from a token needs right before the wallet is asked, and the factory's pairs a
 * compound's swap path goes through, each at one block in one batched read.
 */
import { type Address, erc20Abi, multicall3Abi, type TypedDataDomain, zeroAddress } from "viem";

import type { TradingPair } from "../lib/compound";
import { farmAbi, uniswapV2FactoryAbi, uniswapV2PairAbi } from "./abis.generated";
import { usablePermitDomain } from "./permit";
import type { ReadClient } from "./wagmi";

/** Whether `user` approved `zap` as its farm operator (IFarmOperators.isOperator). */
export function readIsOperator(client: ReadClient, farm: Address, user: Address, zap: Address): Promise<boolean> {
  return client.readContract({ address: farm, abi: farmAbi, functionName: "isOperator", args: [user, zap] });
}

/** What a zap in from a token needs before the wallet is asked. */
export interface ZapInState {
  /** The latest block's time: the deadline counts from it. */
  timestamp: bigint;
  /** What the zap may take of the token now. */
  allowance: bigint;
  /** The token's permit domain and the owner's nonce, where a permit signed here is usable. */
  permit?: { domain: TypedDataDomain; nonce: bigint };
}

/**
 * The latest block's time, the zap's allowance on `token`, and the token's EIP-2612 domain and
 * `owner`'s nonce where it has a permit usable on this chain: one Multicall3 call.
 */
export async function readZapInState(
  client: ReadClient,
  target: { multicall3: Address; chainId: number; zap: Address; owner: Address; token: Address },
): Promise<ZapInState> {
  const { multicall3, chainId, zap, owner, token } = target;
  const permitToken = { address: token, abi: uniswapV2PairAbi } as const;
  const [timestamp, allowance, name, separator, nonce] = await client.multicall({
    contracts: [
      { address: multicall3, abi: multicall3Abi, functionName: "getCurrentBlockTimestamp" },
      { address: token, abi: erc20Abi, functionName: "allowance", args: [owner, zap] },
      { ...permitToken, functionName: "name" },
      { ...permitToken, functionName: "DOMAIN_SEPARATOR" },
      { ...permitToken, functionName: "nonces", args: [owner] },
    ],
    batchSize: 0,
    multicallAddress: multicall3,
  });
  if (timestamp.status !== "success") throw timestamp.error;
  if (allowance.status !== "success") throw allowance.error;
  const domain = usablePermitDomain(token, chainId, name.result, separator.result);
  return {
    timestamp: timestamp.result,
    allowance: allowance.result,
    permit: domain && nonce.status === "success" ? { domain, nonce: nonce.result } : undefined,
  };
}

/**
 * The factory's pair of each two tokens in `hops`, with what a swap and a mint in it depend on,
 * at `blockNumber`; undefined where the factory has no such pair. Two batched reads: the pairs'
 * addresses (and the factory's fee switch), then their states.
 */
export async function readTradingPairs(
  client: ReadClient,
  target: { factory: Address; multicall3: Address },
  hops: [Address, Address][],
  blockNumber: bigint,
): Promise<(TradingPair | undefined)[]> {
  const at = { blockNumber, batchSize: 0, multicallAddress: target.multicall3, allowFailure: false } as const;
  const factory = { address: target.factory, abi: uniswapV2FactoryAbi } as const;
  const [addresses, feeTo] = await Promise.all([
    client.multicall({ ...at, contracts: hops.map(([a, b]) => ({ ...factory, functionName: "getPair", args: [a, b] }) as const) }),
    client.readContract({ ...factory, functionName: "feeTo", blockNumber }),
  ]);
  const found = [...new Set(addresses.filter((a) => a !== zeroAddress))];
  const reads = await client.multicall({
    ...at,
    contracts: found.flatMap((address) => {
      const pair = { address, abi: uniswapV2PairAbi } as const;
      return [
        { ...pair, functionName: "token0" },
        { ...pair, functionName: "token1" },
        { ...pair, functionName: "getReserves" },
        { ...pair, functionName: "totalSupply" },
        { ...pair, functionName: "kLast" },
      ] as const;
    }),
  });
  const feeOn = feeTo !== zeroAddress;
  const states = new Map<Address, Omit<TradingPair, "balance0" | "balance1">>();
  found.forEach((address, i) => {
    const [token0, token1, reserves, totalSupply, kLast] = reads.slice(5 * i, 5 * i + 5) as [Address, Address, readonly [bigint, bigint, number], bigint, bigint];
    states.set(address, { address, token0, token1, reserve0: reserves[0], reserve1: reserves[1], totalSupply, kLast, feeOn });
  });
  // A swap prices on the reserves and syncs to the balances; unsynced tokens are rare and a gift
  // to the next trade, so the path's pairs are taken as synced (the target pair is read whole).
  return addresses.map((address) => {
    const state = states.get(address);
    return state && { ...state, balance0: state.reserve0, balance1: state.reserve1 };
  });
}

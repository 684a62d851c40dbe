/**
 * Uniswap V2 and the zap's arithmetic, written out for the zap browser tests apart from the app's
 * src/lib, and the pair read from the chain at a block: what a test expects a zap to do is
 * computed here from the chain alone. The optimal swap is found by bisection over the integers
 * (the largest s with 1000·r·(a − s) ≥ 997·s·(r + s): the rest and the bought amount at the new
 * price), not by the closed form the app and the contract use.
 */
import { type Address, zeroAddress } from "viem";
import { expect } from "vitest";

import { uniswapV2FactoryAbi, uniswapV2PairAbi } from "../src/chain/abis.generated";
import { balanceOf, type World } from "./chain";

/** A pair at a block, in its own token order; the world's protocol fee is off (checked). */
export interface PairAt {
  tokens: [Address, Address];
  reserves: [bigint, bigint];
  supply: bigint;
}

export async function pairAt(world: World, lp: Address, blockNumber: bigint): Promise<PairAt> {
  const at = { address: lp, abi: uniswapV2PairAbi, blockNumber } as const;
  const feeTo = await world.client.readContract({ address: world.deployment.uniswapV2Factory as Address, abi: uniswapV2FactoryAbi, functionName: "feeTo", blockNumber });
  expect(feeTo, "the world's protocol fee is off").toBe(zeroAddress);
  const [token0, token1, [r0, r1], supply] = await Promise.all([
    world.client.readContract({ ...at, functionName: "token0" }),
    world.client.readContract({ ...at, functionName: "token1" }),
    world.client.readContract({ ...at, functionName: "getReserves" }),
    world.client.readContract({ ...at, functionName: "totalSupply" }),
  ]);
  // Reserves and balances agree (nothing sent to the pair unsynced), as the formulas below assume.
  expect(await balanceOf(world, token0, lp, blockNumber)).toBe(r0);
  expect(await balanceOf(world, token1, lp, blockNumber)).toBe(r1);
  return { tokens: [token0, token1], reserves: [r0, r1], supply };
}

export const sideOf = (pair: PairAt, token: string): 0 | 1 => {
  const side = pair.tokens.findIndex((t) => t.toLowerCase() === token.toLowerCase());
  if (side === -1) throw new Error(`${token} is not in the pair`);
  return side as 0 | 1;
};

/** getAmountOut. */
export const swapOut = (a: bigint, rIn: bigint, rOut: bigint) => (a * 997n * rOut) / (rIn * 1000n + a * 997n);

/** The swap amount that leaves the rest and the bought amount in the pair's new ratio, by bisection. */
export function balancedSwap(a: bigint, r: bigint): bigint {
  const balanced = (s: bigint) => 1000n * r * (a - s) >= 997n * s * (r + s);
  let [low, high] = [0n, a];
  while (low < high) {
    const middle = (low + high + 1n) / 2n;
    if (balanced(middle)) low = middle;
    else high = middle - 1n;
  }
  return low;
}

/** A zap of `amount` of side `side` into `pair`: the swap, the router's add (token in as A), the mint. */
export function zapInto(pair: PairAt, side: 0 | 1, amount: bigint): { lp: bigint; leftovers: [bigint, bigint]; after: PairAt } {
  const other = side === 0 ? 1 : 0;
  const [rIn, rOut] = [pair.reserves[side], pair.reserves[other]];
  const s = balancedSwap(amount, rIn);
  const bought = swapOut(s, rIn, rOut);
  const [nIn, nOut] = [rIn + s, rOut - bought];
  const rest = amount - s;
  const optimal = (rest * nOut) / nIn;
  const [takeIn, takeOut] = optimal <= bought ? [rest, optimal] : [(bought * nIn) / nOut, bought];
  const byIn = (takeIn * pair.supply) / nIn;
  const byOut = (takeOut * pair.supply) / nOut;
  const lp = byIn < byOut ? byIn : byOut;
  const leftovers: [bigint, bigint] = [0n, 0n];
  leftovers[side] = rest - takeIn;
  leftovers[other] = bought - takeOut;
  const reserves: [bigint, bigint] = [0n, 0n];
  reserves[side] = nIn + takeIn;
  reserves[other] = nOut + takeOut;
  return { lp, leftovers, after: { ...pair, reserves, supply: pair.supply + lp } };
}

/** A swap of `amount` of `from` through `pair`: what comes out, and the pair after. */
export function swapThrough(pair: PairAt, from: string, amount: bigint): { out: bigint; after: PairAt } {
  const side = sideOf(pair, from);
  const other = side === 0 ? 1 : 0;
  const out = swapOut(amount, pair.reserves[side], pair.reserves[other]);
  const reserves: [bigint, bigint] = [...pair.reserves];
  reserves[side] += amount;
  reserves[other] -= out;
  return { out, after: { ...pair, reserves } };
}

/** Burning `lp`: each token's share, then (for one token) the other swapped into it in the pair the burn left. */
export function zapOutOf(pair: PairAt, lp: bigint): { both: [bigint, bigint]; single: [bigint, bigint] } {
  const both = pair.reserves.map((r) => (lp * r) / pair.supply) as [bigint, bigint];
  const left = pair.reserves.map((r, i) => r - both[i]) as [bigint, bigint];
  return { both, single: [both[0] + swapOut(both[1], left[1], left[0]), both[1] + swapOut(both[0], left[0], left[1])] };
}

/** Minimum at `bps` of slippage. */
export const lessSlippage = (amount: bigint, bps: bigint) => (amount * (10_000n - bps)) / 10_000n;

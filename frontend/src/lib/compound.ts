/**
 * Compounding, to the wei: the reward harvested from the pools chosen, swapped along a path of
 * pairs to a token of the target pool's pair, then zapped into that pair (./zap-in.ts) and
 * staked. A path passing through the target pair itself moves its price before the zap, and the
 * quote follows that: every hop updates the pair it trades in.
 */
import { type Address, isAddressEqual } from "viem";

import type { PairLiquidity } from "./liquidity";
import { pairAfterSwap, type PairSide, quoteZapIn, type ZapInQuote } from "./zap-in";
import { amountOut } from "./swap";

/** A pair of the factory, with its tokens, as read at one block. */
export interface TradingPair extends PairLiquidity {
  address: Address;
  token0: Address;
  token1: Address;
}

export interface CompoundQuote {
  reward: bigint;
  /** From the reward token to a token of the target pair (IFarmZap.compound's `path`). */
  path: Address[];
  /** What each hop of the path gives (the last is what goes into the zap). */
  hopAmounts: bigint[];
  zap: ZapInQuote;
}

/**
 * Every path the zap could take from `reward` to a token of `target`, shortest first: none needed
 * when the pair holds the reward token; then one hop to either of its tokens; then two through
 * `weth`. The caller keeps those whose pairs exist and quotes them (`quoteCompound`).
 */
export function candidatePaths(reward: Address, target: Pick<TradingPair, "token0" | "token1">, weth: Address): Address[][] {
  const tokens = [target.token0, target.token1];
  if (tokens.some((t) => isAddressEqual(t, reward))) return [[reward]];
  const direct = tokens.map((t) => [reward, t]);
  const viaWeth = isAddressEqual(reward, weth) ? [] : tokens.filter((t) => !isAddressEqual(t, weth)).map((t) => [reward, weth, t]);
  return [...direct, ...viaWeth];
}

/** The hops a path needs, as token pairs, for the caller to look the pairs up. */
export function hopsOf(path: readonly Address[]): [Address, Address][] {
  return path.slice(1).map((to, i) => [path[i], to]);
}

/**
 * `reward` swapped along `path` through `pairs` (one per hop, in order) and zapped into `target`,
 * the minimum at `slippageBps`. Undefined when a hop's pair is missing or empty, or the path does
 * not end at a token of the target pair.
 */
export function quoteCompound(input: { reward: bigint; path: Address[]; pairs: TradingPair[]; target: TradingPair; slippageBps: number }): CompoundQuote | undefined {
  const { reward, path, slippageBps } = input;
  // Pairs by address, so a hop through the target pair leaves it moved for the zap.
  const state = new Map<Address, TradingPair>([input.target, ...input.pairs].map((p) => [p.address, p]));
  let amount = reward;
  const hopAmounts: bigint[] = [];
  for (const [i, [from, to]] of hopsOf(path).entries()) {
    const pair = input.pairs[i] && state.get(input.pairs[i].address);
    const side = pair && sideOf(pair, from);
    if (!pair || side === undefined || sideOf(pair, to) === undefined) return undefined;
    const [reserveIn, reserveOut] = side === 0 ? [pair.reserve0, pair.reserve1] : [pair.reserve1, pair.reserve0];
    if (reserveIn === 0n || reserveOut === 0n) return undefined;
    const out = amountOut(amount, reserveIn, reserveOut);
    state.set(pair.address, { ...pair, ...pairAfterSwap(pair, side, amount, out) });
    hopAmounts.push(out);
    amount = out;
  }
  const target = state.get(input.target.address)!;
  const side = sideOf(target, path[path.length - 1]);
  if (side === undefined || target.reserve0 === 0n || target.reserve1 === 0n) return undefined;
  return { reward, path, hopAmounts, zap: quoteZapIn(target, side, amount, slippageBps) };
}

/** The quote giving the most LP, or undefined for none. */
export function bestCompound(quotes: readonly (CompoundQuote | undefined)[]): CompoundQuote | undefined {
  return quotes.reduce<CompoundQuote | undefined>((best, q) => (q && (!best || q.zap.liquidity > best.zap.liquidity) ? q : best), undefined);
}

function sideOf(pair: Pick<TradingPair, "token0" | "token1">, token: Address): PairSide | undefined {
  if (isAddressEqual(pair.token0, token)) return 0;
  return isAddressEqual(pair.token1, token) ? 1 : undefined;
}

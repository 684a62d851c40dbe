/**
 * USD prices read from Uniswap V2 reserves alone: a stablecoin is worth $1, WETH is priced
 * against it, every other token against one of the two. No oracle and no network: the caller
 * reads the pairs, this file does the arithmetic.
 */
import { type Address, getAddress, isAddressEqual } from "viem";

import { LP_DECIMALS } from "./conventions";
import { toDecimalNumber } from "./units";

/** One Uniswap V2 pair as read from the chain. */
export interface PairState {
  address: Address;
  token0: Address;
  token1: Address;
  decimals0: number;
  decimals1: number;
  reserve0: bigint;
  reserve1: bigint;
  totalSupply: bigint;
}

/** USD prices of whole tokens, keyed by checksummed address. */
export type TokenPrices = Map<Address, number>;

/**
 * The price of one whole `base` token in whole units of the pair's other token, from the
 * reserves: 1 WETH in a USDC/WETH pair holding 3,000,000 USDC and 1,000 WETH is 3000.
 * 0 when either reserve is empty. Throws if `base` is not in the pair.
 */
export function spotPrice(pair: PairState, base: Address): number {
  const [baseReserve, otherReserve] = sidesFrom(pair, base);
  if (baseReserve === 0 || otherReserve === 0) return 0;
  return otherReserve / baseReserve;
}

/** [base reserve, other reserve] in whole tokens, for `base` on either side of the pair. */
function sidesFrom(pair: PairState, base: Address): [number, number] {
  const reserve0 = toDecimalNumber(pair.reserve0, pair.decimals0);
  const reserve1 = toDecimalNumber(pair.reserve1, pair.decimals1);
  if (isAddressEqual(pair.token0, base)) return [reserve0, reserve1];
  if (isAddressEqual(pair.token1, base)) return [reserve1, reserve0];
  throw new Error(`Token ${base} is not in pair ${pair.address}.`);
}

/**
 * USD prices for every token that can be priced from `pairs`, keyed by checksummed address:
 * the stablecoin is 1; WETH comes from the stablecoin/WETH pair with the largest stablecoin
 * reserve; any other token from its pair with the stablecoin if it has one, else from its pair
 * with WETH. Where several pairs qualify, the one holding the most of the quote token wins:
 * a shallow pair is cheap to push off price. Tokens with no such pair are absent.
 */
export function tokenPricesUsd(
  pairs: PairState[],
  stablecoin: Address,
  weth: Address,
): TokenPrices {
  const byTokens = pairsByTokens(pairs);
  const [stable, wrapped] = [getAddress(stablecoin), getAddress(weth)];
  const prices: TokenPrices = new Map([[stable, 1]]);
  const wethPrice = priceVia(byTokens, wrapped, stable, 1);
  if (wethPrice !== undefined) prices.set(wrapped, wethPrice);

  for (const [{ token0, token1 }] of byTokens.values()) {
    for (const token of [token0, token1]) {
      if (prices.has(token) || token === wrapped) continue;
      const price =
        priceVia(byTokens, token, stable, 1) ??
        (wethPrice === undefined ? undefined : priceVia(byTokens, token, wrapped, wethPrice));
      if (price !== undefined) prices.set(token, price);
    }
  }
  return prices;
}

/** A pair with its tokens checksummed, so they compare with `===`. */
type KeyedPair = PairState & { token0: Address; token1: Address };

/**
 * The pairs grouped by their two tokens (in either order), checksummed once: finding a token's
 * pair with the stablecoin or WETH is then one lookup, not a scan of every pair (a scan for every
 * token took seconds at 1,000 pools).
 */
function pairsByTokens(pairs: PairState[]): Map<string, KeyedPair[]> {
  const groups = new Map<string, KeyedPair[]>();
  for (const pair of pairs) {
    const keyed = { ...pair, token0: getAddress(pair.token0), token1: getAddress(pair.token1) };
    const key = tokensKey(keyed.token0, keyed.token1);
    const group = groups.get(key);
    if (group) group.push(keyed);
    else groups.set(key, [keyed]);
  }
  return groups;
}

function tokensKey(a: Address, b: Address): string {
  return a < b ? `${a}/${b}` : `${b}/${a}`;
}

/**
 * The USD price of `token` from its deepest pair with `quote` (whose USD price is
 * `quotePrice`), or undefined when no pair of the two has reserves on both sides.
 */
function priceVia(byTokens: Map<string, KeyedPair[]>, token: Address, quote: Address, quotePrice: number): number | undefined {
  const reserveOfQuote = (pair: KeyedPair) => (pair.token0 === quote ? pair.reserve0 : pair.reserve1);
  const deepest = (byTokens.get(tokensKey(token, quote)) ?? [])
    .filter((pair) => pair.reserve0 > 0n && pair.reserve1 > 0n)
    .reduce<KeyedPair | undefined>((best, pair) => (best && reserveOfQuote(best) >= reserveOfQuote(pair) ? best : pair), undefined);
  return deepest === undefined ? undefined : spotPrice(deepest, token) * quotePrice;
}

/** The USD price of `token` from a `tokenPricesUsd` map; undefined when the token has no price. */
export function priceOf(prices: TokenPrices, token: Address): number | undefined {
  return prices.get(getAddress(token));
}

/**
 * The USD value of both reserves of a pair (its TVL), or undefined if either token has no
 * price.
 */
export function reserveUsd(pair: PairState, prices: TokenPrices): number | undefined {
  const price0 = priceOf(prices, pair.token0);
  const price1 = priceOf(prices, pair.token1);
  if (price0 === undefined || price1 === undefined) return undefined;
  return (
    toDecimalNumber(pair.reserve0, pair.decimals0) * price0 +
    toDecimalNumber(pair.reserve1, pair.decimals1) * price1
  );
}

/**
 * The USD value of one whole LP token: the pair's reserves in USD shared over its supply.
 * undefined if either token has no price; 0 for a pair with no supply yet.
 */
export function lpPriceUsd(pair: PairState, prices: TokenPrices): number | undefined {
  const reserves = reserveUsd(pair, prices);
  if (reserves === undefined) return undefined;
  if (pair.totalSupply === 0n) return 0;
  return reserves / toDecimalNumber(pair.totalSupply, LP_DECIMALS);
}

/** The USD value of `lpWei` base units of an LP token priced `lpPrice` per whole token. */
export function lpAmountUsd(lpWei: bigint, lpPrice: number): number {
  return toDecimalNumber(lpWei, LP_DECIMALS) * lpPrice;
}

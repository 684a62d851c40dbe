/**
 * USD prices at an event, the dapp's way (frontend/src/lib/prices.ts, reused as is): from the
 * reserves of the pairs the dapp prices with. The dapp passes every pool's pair plus
 * stablecoin/WETH and reward/WETH; a token's price only ever comes from its pair with the
 * stablecoin or with WETH (and WETH's from stablecoin/WETH), and Uniswap V2 has one pair per two
 * tokens, so the indexer names exactly those pairs (by CREATE2, lib/pair-address.ts) and prices
 * from the ones it tracks: the same prices, without reading a thousand pairs per event.
 */
import { type Address, getAddress } from "viem";

import type { Deployment } from "../../deploy/deployments";
import { LP_DECIMALS } from "../../frontend/src/lib/conventions";
import { lpPriceUsd, type PairState, priceOf, reserveUsd, tokenPricesUsd } from "../../frontend/src/lib/prices";
import { toDecimalNumber } from "../../frontend/src/lib/units";
import { pairAddress } from "./pair-address";

/** The pairs the dapp prices with besides the pools': stablecoin/WETH and reward/WETH. */
export function pricePairAddresses(d: Pick<Deployment, "uniswapV2Factory" | "stablecoin" | "weth" | "rewardToken">): Address[] {
  const factory = d.uniswapV2Factory as Address;
  return [pairAddress(factory, d.stablecoin as Address, d.weth as Address), pairAddress(factory, d.rewardToken as Address, d.weth as Address)];
}

/** `pricingPairAddresses` answers by deployment and tokens: each answer costs ten keccak hashes. */
const namedPairs = new Map<string, Address[]>();

/**
 * Every pair that can set the price of `tokens` or of the reward token: stablecoin/WETH, and
 * each token's pairs with the stablecoin and with WETH. Remembered: every action asks for its
 * pool's, and hashing them afresh was most of an action's indexing time (0.8 ms of about 1.2).
 */
export function pricingPairAddresses(d: Deployment, tokens: readonly Address[]): Address[] {
  const key = [d.uniswapV2Factory, d.stablecoin, d.weth, d.rewardToken, ...tokens].join().toLowerCase();
  let named = namedPairs.get(key);
  if (!named) namedPairs.set(key, (named = namePricingPairs(d, tokens)));
  return named;
}

function namePricingPairs(d: Deployment, tokens: readonly Address[]): Address[] {
  const factory = d.uniswapV2Factory as Address;
  const wanted = new Set<Address>([pairAddress(factory, getAddress(d.stablecoin), getAddress(d.weth))]);
  for (const token of [d.rewardToken as Address, ...tokens]) for (const address of marketPairAddresses(d, token)) wanted.add(address);
  return [...wanted];
}

/** `token`'s own markets: its pairs with the stablecoin and with WETH (whether or not they exist). */
export function marketPairAddresses(d: Pick<Deployment, "uniswapV2Factory" | "stablecoin" | "weth">, token: Address): Address[] {
  const factory = d.uniswapV2Factory as Address;
  const [stable, weth, own] = [getAddress(d.stablecoin), getAddress(d.weth), getAddress(token)];
  return [stable, weth].filter((quote) => quote !== own).map((quote) => pairAddress(factory, own, quote));
}

/** What an event's figures need: the tokens' USD prices, the LP's, the reward token's. */
export interface PoolPrices {
  price0?: number;
  price1?: number;
  /** USD per whole LP token. */
  lpPrice?: number;
  /** Both reserves in USD. */
  reserveUsd?: number;
  rewardPrice?: number;
}

/** Prices for `pair` (a pool's) from `known` (the tracked pricing pairs, `pair` among them). */
export function poolPrices(d: Deployment, pair: PairState, known: PairState[]): PoolPrices {
  const prices = tokenPricesUsd(known, getAddress(d.stablecoin), getAddress(d.weth));
  return {
    price0: priceOf(prices, pair.token0),
    price1: priceOf(prices, pair.token1),
    lpPrice: lpPriceUsd(pair, prices),
    reserveUsd: reserveUsd(pair, prices),
    rewardPrice: priceOf(prices, getAddress(d.rewardToken)),
  };
}

/** The reward token's USD price from `known` pairs. */
export function rewardPrice(d: Deployment, known: PairState[]): number | undefined {
  return priceOf(tokenPricesUsd(known, getAddress(d.stablecoin), getAddress(d.weth)), getAddress(d.rewardToken));
}

/** `token`'s USD price from `known` pairs (a partner token's: through its pair with the stablecoin or WETH). */
export function tokenPrice(d: Deployment, known: PairState[], token: Address): number | undefined {
  return priceOf(tokenPricesUsd(known, getAddress(d.stablecoin), getAddress(d.weth)), getAddress(token));
}

/** The two tokens `lp` LP wei of `pair` could be redeemed for now: its share of each reserve. */
export function lpUnderlying(pair: PairState, lp: bigint): { amount0: bigint; amount1: bigint } {
  if (pair.totalSupply === 0n) return { amount0: 0n, amount1: 0n };
  return { amount0: (lp * pair.reserve0) / pair.totalSupply, amount1: (lp * pair.reserve1) / pair.totalSupply };
}

/** USD of `wei` base units at `price` per whole token of `decimals`; undefined without a price. */
export function usd(wei: bigint, decimals: number, price: number | undefined): number | undefined {
  return price === undefined ? undefined : toDecimalNumber(wei, decimals) * price;
}

/** USD of `lp` LP wei at `lpPrice` per whole LP. */
export function lpUsd(lp: bigint, lpPrice: number | undefined): number | undefined {
  return usd(lp, LP_DECIMALS, lpPrice);
}

/**
 * A pair's name as traders write it, base/quote: "WETH/USDC", "DAI/WETH", never the pair's own
 * token0/token1 order, which follows the addresses and so differs from chain to chain. Shared by
 * the dapp and the launchers' summary, so both name a pool alike. Imports only packages: plain scripts
 * (node16 resolution) use it.
 */
import { isAddress, isAddressEqual } from "viem";

/** The pair's tokens and symbols, as the deployments file and the chain describe them. */
export interface NamedPair {
  token0: string;
  token1: string;
  symbol0: string;
  symbol1: string;
}

/**
 * `quotes` lists quote tokens from weakest to strongest (e.g. [WETH, stablecoin]); the token
 * ranking higher is the quote, and a pair of two unlisted tokens keeps its own order.
 * Addresses may be in any letter case.
 */
export function pairName(pair: NamedPair, quotes: string[]): string {
  const rank = (token: string) => (isAddress(token, { strict: false }) ? quotes.findIndex((quote) => isAddress(quote, { strict: false }) && isAddressEqual(quote, token)) : -1);
  const [base, quote] = rank(pair.token0) > rank(pair.token1) ? [pair.symbol1, pair.symbol0] : [pair.symbol0, pair.symbol1];
  return `${base}/${quote}`;
}

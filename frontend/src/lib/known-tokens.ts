/**
 * The tokens the admin page offers when the owner picks a pair: every token of the pairs the app
 * already knows (the farm's pools and its price pairs) and any the deployment names, once each,
 * in alphabetical order of symbol.
 */
import { type Address, getAddress } from "viem";

import type { PairMeta } from "./farm-snapshot";

export interface TokenMeta {
  address: Address;
  symbol: string;
  decimals: number;
}

/** Each token of `pairs` and `extra` once (by address, the first description wins), sorted by symbol. */
export function knownTokens(pairs: readonly PairMeta[], extra: readonly TokenMeta[] = []): TokenMeta[] {
  const found = new Map<Address, TokenMeta>();
  const note = (token: TokenMeta) => {
    const address = getAddress(token.address);
    // "?" is what an unreadable token is described as: nothing anyone can pick by name.
    if (!found.has(address) && token.symbol !== "?") found.set(address, { ...token, address });
  };
  for (const p of pairs) {
    note({ address: p.token0, symbol: p.symbol0, decimals: p.decimals0 });
    note({ address: p.token1, symbol: p.symbol1, decimals: p.decimals1 });
  }
  extra.forEach(note);
  return [...found.values()].sort((a, b) => a.symbol.localeCompare(b.symbol, "en") || a.address.localeCompare(b.address));
}

/** The two tokens in the order their Uniswap V2 pair keeps them: token0 is the lower address. */
export function pairOrder(a: TokenMeta, b: TokenMeta): [TokenMeta, TokenMeta] {
  return BigInt(a.address) < BigInt(b.address) ? [a, b] : [b, a];
}

/**
 * The farms page's search box, as people type into it: "wbtc weth", "weth wbtc", "WBTC/WETH",
 * "wbtc-weth" and "btc" all find WBTC/WETH. The query is cut into words at spaces and at the
 * separators pair names are written with; a pool matches when every word is part of one of its
 * token symbols or of its name, in any order and letter case. A word starting with "0x" is an
 * address being pasted: it matches the start of the pair's or a token's address.
 */
import type { PairMeta } from "./farm-snapshot";

/** What the search reads of a pool: its name ("WBTC/WETH") and its pair's tokens. */
export interface SearchablePool {
  name: string;
  meta: Pick<PairMeta, "address" | "token0" | "token1" | "symbol0" | "symbol1">;
}

/** Spaces and the separators of "WBTC/WETH", "wbtc-weth", "wbtc,weth", "wbtc+weth", "wbtc|weth". */
const WORD_SEPARATORS = /[\s/\-,+|&]+/;

/** The words of a query, lowercased; none for an empty query. */
export function searchWords(query: string): string[] {
  return query.toLowerCase().split(WORD_SEPARATORS).filter((word) => word !== "");
}

/** A test of pools against `query`; an empty query (or only separators) matches every pool. */
export function poolSearch(query: string): (pool: SearchablePool) => boolean {
  const words = searchWords(query);
  return (pool) => words.every((word) => wordMatches(word, pool));
}

function wordMatches(word: string, { name, meta }: SearchablePool): boolean {
  if (word.startsWith("0x")) return [meta.address, meta.token0, meta.token1].some((address) => address.toLowerCase().startsWith(word));
  return [meta.symbol0, meta.symbol1, name].some((text) => text.toLowerCase().includes(word));
}

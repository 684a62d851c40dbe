/**
 * Which token of a pair is its base and which its quote, as its name reads them ("RWD/WETH": RWD
 * in WETH), by the rule of ./pair-name.ts: of the two, the token ranked higher among the quote
 * tokens is the quote. A price scenario moves the base in the quote, so the estimators need the
 * addresses, not only the name.
 */
import { type Address, isAddressEqual } from "viem";

import type { PairMeta } from "./farm-snapshot";
import type { RewardSide } from "./roi";

export interface PairSides {
  base: Address;
  quote: Address;
  baseSymbol: string;
  quoteSymbol: string;
}

/** `quotes` from weakest to strongest, as for pairName: [WETH, stablecoin]. */
export function pairSides(pair: PairMeta, quotes: readonly Address[]): PairSides {
  const rank = (token: Address) => quotes.findIndex((quote) => isAddressEqual(quote, token));
  const flipped = rank(pair.token0) > rank(pair.token1);
  return flipped
    ? { base: pair.token1, quote: pair.token0, baseSymbol: pair.symbol1, quoteSymbol: pair.symbol0 }
    : { base: pair.token0, quote: pair.token1, baseSymbol: pair.symbol0, quoteSymbol: pair.symbol1 };
}

/** Where `rewardToken` sits in the pair: RWD is the base of RWD/WETH, outside WETH/USDC. */
export function rewardSide(sides: PairSides, rewardToken: Address): RewardSide {
  if (isAddressEqual(sides.base, rewardToken)) return "base";
  if (isAddressEqual(sides.quote, rewardToken)) return "quote";
  return "outside";
}

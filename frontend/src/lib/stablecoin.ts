/**
 * The unit the app's values are really in: not dollars but the deployment's stablecoin (USDC on
 * the local world), which prices everything (./prices.ts). The estimators say so with its symbol.
 */
import { type Address, isAddressEqual } from "viem";

import type { PairMeta } from "./farm-snapshot";
import { formatUsd } from "./format";

/** Past this a figure is a fantasy of compounding, not an amount: shown as "over 1,000B". */
const SHOWN_LIMIT = 1e12;

/** The stablecoin's symbol from a pair that holds it; "USD" when none of `pairs` does. */
export function stablecoinSymbol(pairs: readonly PairMeta[], stablecoin: Address): string {
  for (const pair of pairs) {
    if (isAddressEqual(pair.token0, stablecoin)) return pair.symbol0;
    if (isAddressEqual(pair.token1, stablecoin)) return pair.symbol1;
  }
  return "USD";
}

/**
 * A value in the stablecoin, sized as ./format.ts sizes dollars: "1,414.21 USDC", "-44.69 USDC",
 * "<0.01 USDC", "3.12M USDC"; `signed` puts "+" before a gain. Beyond a trillion either way:
 * "over 1,000B USDC", "below -1,000B USDC".
 */
export function formatStable(value: number, symbol: string, options: { signed?: boolean } = {}): string {
  if (value >= SHOWN_LIMIT) return `${options.signed ? "+" : ""}over 1,000B ${symbol}`;
  if (value <= -SHOWN_LIMIT) return `below -1,000B ${symbol}`;
  const text = formatUsd(value).replace("$", "");
  if (text === "—") return text;
  const sign = options.signed && value > 0 ? "+" : "";
  return `${sign}${text} ${symbol}`;
}

/**
 * The APR a partner stream pays a pool's stakers: its tokens per block, a year of blocks, at the
 * token's USD price, over the USD value of the weights earning it (the rewarder's: stakers who
 * acted since the pool's first stream, lock boosts included) at the LP price. As the farm's APR,
 * for LP that is not locked (weight 1), and only while the stream runs.
 */
import { LP_DECIMALS } from "./conventions";
import { toDecimalNumber } from "./units";

/**
 * A partner token's APR, or why there is none: "no-price" (no pair prices the token, so its worth
 * is unknown), "new" (nothing earns it yet: any stake would take it all), "ended" (it streams no
 * more), "no-lp-price" (the pool's LP has no price).
 */
export type PartnerApr =
  | { kind: "apr"; value: number }
  | { kind: "no-price" }
  | { kind: "new" }
  | { kind: "ended" }
  | { kind: "no-lp-price" };

export function partnerApr(input: {
  perBlock: bigint;
  decimals: number;
  priceUsd: number | undefined;
  blocksPerYear: number;
  totalWeight: bigint;
  lpPriceUsd: number | undefined;
}): PartnerApr {
  if (input.perBlock === 0n) return { kind: "ended" };
  if (input.priceUsd === undefined) return { kind: "no-price" };
  if (input.lpPriceUsd === undefined) return { kind: "no-lp-price" };
  if (input.totalWeight === 0n) return { kind: "new" };
  const yearlyUsd = toDecimalNumber(input.perBlock, input.decimals) * input.blocksPerYear * input.priceUsd;
  return { kind: "apr", value: yearlyUsd / (toDecimalNumber(input.totalWeight, LP_DECIMALS) * input.lpPriceUsd) };
}

/** Why a partner APR is not a number, in a sentence for the card; undefined for a number. */
export function partnerAprReason(apr: PartnerApr, symbol: string): string | undefined {
  switch (apr.kind) {
    case "apr":
      return undefined;
    case "no-price":
      return `${symbol} has no Uniswap pair with WETH or the stablecoin, so it has no USD price and its APR cannot be told.`;
    case "no-lp-price":
      return "This pool's LP has no USD price, so no APR can be told.";
    case "new":
      return `Nobody earns ${symbol} here yet: the first stake to start earning takes the whole stream.`;
    case "ended":
      return `The ${symbol} stream has ended.`;
  }
}

/** The APRs that are numbers, added: partner streams without a price count as nothing. */
export function sumPartnerAprs(aprs: readonly PartnerApr[]): number {
  return aprs.reduce((sum, apr) => sum + (apr.kind === "apr" ? apr.value : 0), 0);
}

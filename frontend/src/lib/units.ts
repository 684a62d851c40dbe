/**
 * Base units to a float of whole tokens, for USD arithmetic. Display and input never use
 * this: a float cannot hold every wei (see `./format` and `./amount` for exact strings).
 */
import { formatUnits } from "viem";

/**
 * `wei` in whole tokens as a float: 1_500_000n with 6 decimals → 1.5. Goes through the exact
 * decimal string, so the only error is the final rounding to a float, however large `wei` is.
 */
export function toDecimalNumber(wei: bigint, decimals: number): number {
  return Number(formatUnits(wei, decimals));
}

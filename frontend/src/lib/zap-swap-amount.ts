/**
 * How much of a single token to swap before adding liquidity with it, so that what is left and
 * what the swap bought go into the pair at its new price with nothing to spare (only rounding
 * dust). With the pair's 0.3% fee, swapping s of a held against reserve r must satisfy
 * (a − s) / (r + s) = out(s) / (R − out(s)), whose root is
 *   s = (√(r·(3,988,009·r + 3,988,000·a)) − 1,997·r) / 1,994,
 * (1,997 = 1,000 + 997, 3,988,009 = 1,997², 3,988,000 = 4 · 997 · 1,000, 1,994 = 2 · 997), rounded
 * down, exactly as the zap contract computes it.
 */
import { sqrt } from "./liquidity";

/** The part of `amountIn` to swap against `reserveIn`, the reserve of the same token in the pair. */
export function optimalSwapAmount(amountIn: bigint, reserveIn: bigint): bigint {
  if (reserveIn <= 0n) throw new RangeError("the pair needs a reserve of the input token");
  if (amountIn < 0n) throw new RangeError("the amount must be 0 or more");
  return (sqrt(reserveIn * (reserveIn * 3_988_009n + amountIn * 3_988_000n)) - reserveIn * 1_997n) / 1_994n;
}

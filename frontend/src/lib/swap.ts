/**
 * One swap through a Uniswap V2 pair, to the wei, as UniswapV2Library prices it: what comes out
 * for an amount in (the 0.3% fee taken from the input, rounding down), and how far that trade's
 * price is from the pool's price before it.
 */

/** Uniswap V2's fee in thousandths: 997 of every 1,000 input units trade, 3 stay with the pool. */
const FEE_KEPT = 997n;
const FEE_BASE = 1_000n;

/**
 * UniswapV2Library.getAmountOut: `amountIn` of one token swapped for the other at these reserves,
 * fee taken, rounded down. 0 for a zero input; the reserves must both be above zero.
 */
export function amountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  if (reserveIn <= 0n || reserveOut <= 0n) throw new RangeError("a swap needs two reserves above zero");
  if (amountIn < 0n) throw new RangeError("a swap needs an amount of 0 or more");
  const inWithFee = amountIn * FEE_KEPT;
  return (inWithFee * reserveOut) / (reserveIn * FEE_BASE + inWithFee);
}

/**
 * The swap's price impact, 0..1: how much less `amountOut` is than `amountIn` at the pool's price
 * before the swap, the 0.3% fee set aside (it is shown apart). For a constant-product pool this is
 * the input's share of the reserve after it, 997·in / (1000·reserveIn + 997·in), less the rounding.
 */
export function priceImpact(amountIn: bigint, amountOut: bigint, reserveIn: bigint, reserveOut: bigint): number {
  if (amountIn === 0n) return 0;
  // Out at the pool's price for the traded part (in × 0.997): reserveOut / reserveIn per unit.
  const atPoolPrice = amountIn * FEE_KEPT * reserveOut;
  const got = amountOut * FEE_BASE * reserveIn;
  return ratio(atPoolPrice - got, atPoolPrice);
}

/** `part` / `whole` as a float, exact before the last rounding whatever the sizes. */
function ratio(part: bigint, whole: bigint): number {
  const scale = 10n ** 18n;
  return Number((part * scale) / whole) / 1e18;
}

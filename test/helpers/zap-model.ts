/**
 * An independent bigint model of what the zap does to a Uniswap V2 pair, written from the pair's
 * and the router's rules (UniswapV2Pair.mint/burn/_mintFee, UniswapV2Library.getAmountOut/quote,
 * UniswapV2Router02._addLiquidity), never from FarmZap.sol. The single-sided swap amount is found
 * by bisection on the defining inequality, not by the closed form the contract uses.
 */

/** What a pair looks like to a zap: reserves, LP supply, kLast, and whether the factory's fee is on. */
export interface PairState {
  reserve0: bigint;
  reserve1: bigint;
  totalSupply: bigint;
  kLast: bigint;
  feeOn: boolean;
}

/** Integer square root, rounded down (Newton's method). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new Error("isqrt of a negative number");
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}

/** UniswapV2Library.getAmountOut: the pair keeps 0.3% of the input. */
export function getAmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  const withFee = amountIn * 997n;
  return (withFee * reserveOut) / (reserveIn * 1000n + withFee);
}

/**
 * The most of `amountIn` that can be swapped so that the rest is not less than the swap's output
 * at the pair's new price: with s swapped out of a and reserve r, the rest a - s against the output
 * must satisfy (a - s) * r >= 0.997 * s * (r + s) (the rest and the output in the ratio of the new
 * reserves, the output taken at its exact rational value). Found by bisection over [0, a].
 */
export function optimalSwapAmount(amountIn: bigint, reserveIn: bigint): bigint {
  const fits = (s: bigint) => (amountIn - s) * reserveIn * 1000n >= 997n * s * (reserveIn + s);
  let low = 0n;
  let high = amountIn;
  while (low < high) {
    const mid = (low + high + 1n) / 2n;
    if (fits(mid)) low = mid;
    else high = mid - 1n;
  }
  return low;
}

/** UniswapV2Pair._mintFee: LP minted to feeTo before a mint or burn (0 when the fee is off). */
export function protocolFee(pair: PairState): bigint {
  if (!pair.feeOn || pair.kLast === 0n) return 0n;
  const rootK = isqrt(pair.reserve0 * pair.reserve1);
  const rootKLast = isqrt(pair.kLast);
  if (rootK <= rootKLast) return 0n;
  return (pair.totalSupply * (rootK - rootKLast)) / (rootK * 5n + rootKLast);
}

/**
 * UniswapV2Router02._addLiquidity then UniswapV2Pair.mint, for an existing pair with reserves. The
 * router's result depends on which token it is given first (`aIsToken0`: token0 is its tokenA):
 * it keeps all of tokenA's desired amount when tokenB's suffices.
 */
export function addLiquidity(pair: PairState, desired0: bigint, desired1: bigint, aIsToken0 = true) {
  const [reserveA, reserveB] = aIsToken0 ? [pair.reserve0, pair.reserve1] : [pair.reserve1, pair.reserve0];
  const [desiredA, desiredB] = aIsToken0 ? [desired0, desired1] : [desired1, desired0];
  const optimalB = (desiredA * reserveB) / reserveA;
  let [amountA, amountB] = [desiredA, optimalB];
  if (optimalB > desiredB) [amountA, amountB] = [(desiredB * reserveA) / reserveB, desiredB];
  const [amount0, amount1] = aIsToken0 ? [amountA, amountB] : [amountB, amountA];
  const supply = pair.totalSupply + protocolFee(pair);
  const a = (amount0 * supply) / pair.reserve0;
  const b = (amount1 * supply) / pair.reserve1;
  const liquidity = a < b ? a : b;
  const after: PairState = {
    reserve0: pair.reserve0 + amount0,
    reserve1: pair.reserve1 + amount1,
    totalSupply: supply + liquidity,
    kLast: pair.feeOn ? (pair.reserve0 + amount0) * (pair.reserve1 + amount1) : 0n,
    feeOn: pair.feeOn,
  };
  return { amount0, amount1, liquidity, after };
}

/** UniswapV2Pair.burn of `liquidity` (balances equal to reserves). */
export function removeLiquidity(pair: PairState, liquidity: bigint) {
  const supply = pair.totalSupply + protocolFee(pair);
  const amount0 = (liquidity * pair.reserve0) / supply;
  const amount1 = (liquidity * pair.reserve1) / supply;
  const reserve0 = pair.reserve0 - amount0;
  const reserve1 = pair.reserve1 - amount1;
  const after: PairState = {
    reserve0,
    reserve1,
    totalSupply: supply - liquidity,
    kLast: pair.feeOn ? reserve0 * reserve1 : 0n,
    feeOn: pair.feeOn,
  };
  return { amount0, amount1, after };
}

/** A swap of `amountIn` of token0 (`zeroForOne`) or token1 into the pair. */
export function swap(pair: PairState, amountIn: bigint, zeroForOne: boolean) {
  const [reserveIn, reserveOut] = zeroForOne ? [pair.reserve0, pair.reserve1] : [pair.reserve1, pair.reserve0];
  const amountOut = getAmountOut(amountIn, reserveIn, reserveOut);
  const after: PairState = zeroForOne
    ? { ...pair, reserve0: pair.reserve0 + amountIn, reserve1: pair.reserve1 - amountOut }
    : { ...pair, reserve0: pair.reserve0 - amountOut, reserve1: pair.reserve1 + amountIn };
  return { amountOut, after };
}

/**
 * Zap in `amountIn` of token0 (`inIsToken0`) or token1: swap, add (the input token given to the
 * router first), and what is left of each.
 */
export function zapIn(pair: PairState, amountIn: bigint, inIsToken0: boolean) {
  const [reserveIn] = inIsToken0 ? [pair.reserve0] : [pair.reserve1];
  const swapIn = optimalSwapAmount(amountIn, reserveIn);
  const swapped = swap(pair, swapIn, inIsToken0);
  const rest = amountIn - swapIn;
  const [desired0, desired1] = inIsToken0 ? [rest, swapped.amountOut] : [swapped.amountOut, rest];
  const added = addLiquidity(swapped.after, desired0, desired1, inIsToken0);
  return {
    swapIn,
    swapOut: swapped.amountOut,
    liquidity: added.liquidity,
    leftover0: desired0 - added.amount0,
    leftover1: desired1 - added.amount1,
    after: added.after,
  };
}

/** Zap out `liquidity` to token0 (`toToken0`) or token1: remove, then swap the other token in. */
export function zapOutTo(pair: PairState, liquidity: bigint, toToken0: boolean) {
  const removed = removeLiquidity(pair, liquidity);
  const swapped = swap(removed.after, toToken0 ? removed.amount1 : removed.amount0, !toToken0);
  const kept = toToken0 ? removed.amount0 : removed.amount1;
  return { amount0: removed.amount0, amount1: removed.amount1, amountOut: kept + swapped.amountOut, after: swapped.after };
}

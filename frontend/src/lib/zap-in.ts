/**
 * A zap in, to the wei: one token (or ETH, as WETH) of a pair turned into its LP in one
 * transaction. The zap swaps the optimal part of the input for the other token (./zap-swap-amount.ts),
 * which moves the pair's price, then adds what is left and what it bought through the router at
 * the new price, and the pair mints LP for it. What the router does not take goes back to the
 * caller: dust of one token or the other, shown as the leftovers.
 */
import { depositAmounts, liquidityMinted, type PairLiquidity } from "./liquidity";
import { minimumAfterSlippage } from "./liquidity-settings";
import { amountOut, priceImpact } from "./swap";
import { optimalSwapAmount } from "./zap-swap-amount";

/** A side of the pair: 0 for token0, 1 for token1. */
export type PairSide = 0 | 1;

export interface ZapInQuote {
  amountIn: bigint;
  /** Of the input, what is swapped for the other token, and what that buys. */
  swapIn: bigint;
  swapOut: bigint;
  /** The swap's price impact, 0..1, the 0.3% fee aside (./swap.ts). */
  priceImpact: number;
  /** What the router adds, in the pair's order. */
  added: [bigint, bigint];
  /** LP the pair mints (and the zap stakes). */
  liquidity: bigint;
  /** The least LP the zap may stake before it refuses: `liquidity` less the slippage. */
  minLiquidity: bigint;
  /** What goes back to the caller, in the pair's order. */
  leftovers: [bigint, bigint];
}

/** The pair after `swapIn` of side `side` went in and `swapOut` of the other came out (a swap syncs its reserves to its balances). */
export function pairAfterSwap(pair: PairLiquidity, side: PairSide, swapIn: bigint, swapOut: bigint): PairLiquidity {
  const balance0 = side === 0 ? pair.balance0 + swapIn : pair.balance0 - swapOut;
  const balance1 = side === 0 ? pair.balance1 - swapOut : pair.balance1 + swapIn;
  return { ...pair, reserve0: balance0, reserve1: balance1, balance0, balance1 };
}

/**
 * `amountIn` of side `side` zapped into `pair`, its minimum at `slippageBps`. The router is given
 * the input token as its token A (the zap's `addLiquidity(tokenIn, other, …)`), which decides the
 * side that keeps the rounding dust. The pair must have reserves.
 */
export function quoteZapIn(pair: PairLiquidity, side: PairSide, amountIn: bigint, slippageBps: number): ZapInQuote {
  const reserves = [pair.reserve0, pair.reserve1] as const;
  const [reserveIn, reserveOut] = side === 0 ? reserves : [reserves[1], reserves[0]];
  const swapIn = optimalSwapAmount(amountIn, reserveIn);
  const swapOut = amountOut(swapIn, reserveIn, reserveOut);
  const after = pairAfterSwap(pair, side, swapIn, swapOut);
  const [afterIn, afterOut] = side === 0 ? [after.reserve0, after.reserve1] : [after.reserve1, after.reserve0];
  const [takenIn, takenOut] = depositAmounts(amountIn - swapIn, swapOut, afterIn, afterOut);
  const added: [bigint, bigint] = side === 0 ? [takenIn, takenOut] : [takenOut, takenIn];
  const liquidity = liquidityMinted(added[0], added[1], after);
  const leftIn = amountIn - swapIn - takenIn;
  const leftOut = swapOut - takenOut;
  return {
    amountIn,
    swapIn,
    swapOut,
    priceImpact: priceImpact(swapIn, swapOut, reserveIn, reserveOut),
    added,
    liquidity,
    minLiquidity: minimumAfterSlippage(liquidity, slippageBps),
    leftovers: side === 0 ? [leftIn, leftOut] : [leftOut, leftIn],
  };
}

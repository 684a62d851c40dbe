/**
 * A zap out, to the wei: staked LP unstaked and removed from the pair in one transaction, paid
 * out as both tokens, or as one of them (or ETH for WETH) by swapping the other into it in the
 * pair the removal just left.
 */
import { burnAmounts, type PairLiquidity, supplyAtMintOrBurn } from "./liquidity";
import { minimumAfterSlippage } from "./liquidity-settings";
import { amountOut, priceImpact } from "./swap";
import type { PairSide } from "./zap-in";

export interface ZapOutQuote {
  liquidity: bigint;
  /** What the removal returns, in the pair's order. */
  removed: [bigint, bigint];
  /** Paid as both tokens: the removal's amounts and their minimums. */
  both: { amounts: [bigint, bigint]; minimums: [bigint, bigint] };
  /** Paid as one token, for each side: the other side swapped into it after the removal. */
  single: [SingleOut, SingleOut];
}

export interface SingleOut {
  /** All of this side the caller receives: its share of the removal plus what the swap buys. */
  amount: bigint;
  minimum: bigint;
  /** The other side's removed amount swapped, and the swap's price impact (0..1, fee aside). */
  swapIn: bigint;
  priceImpact: number;
}

/** The pair once `liquidity` was burned for `removed` (reserves synced to the balances left). */
export function pairAfterBurn(pair: PairLiquidity, liquidity: bigint, removed: [bigint, bigint]): PairLiquidity {
  const balance0 = pair.balance0 - removed[0];
  const balance1 = pair.balance1 - removed[1];
  return { ...pair, reserve0: balance0, reserve1: balance1, balance0, balance1, totalSupply: supplyAtMintOrBurn(pair) - liquidity };
}

export function quoteZapOut(pair: PairLiquidity, liquidity: bigint, slippageBps: number): ZapOutQuote {
  const removed = burnAmounts(liquidity, pair);
  const after = pairAfterBurn(pair, liquidity, removed);
  const single = (side: PairSide): SingleOut => {
    const other = side === 0 ? 1 : 0;
    const reserves = [after.reserve0, after.reserve1];
    const bought = removed[other] > 0n && reserves[other] > 0n && reserves[side] > 0n ? amountOut(removed[other], reserves[other], reserves[side]) : 0n;
    const amount = removed[side] + bought;
    return {
      amount,
      minimum: minimumAfterSlippage(amount, slippageBps),
      swapIn: removed[other],
      priceImpact: bought === 0n ? 0 : priceImpact(removed[other], bought, reserves[other], reserves[side]),
    };
  };
  return {
    liquidity,
    removed,
    both: { amounts: removed, minimums: [minimumAfterSlippage(removed[0], slippageBps), minimumAfterSlippage(removed[1], slippageBps)] },
    single: [single(0), single(1)],
  };
}

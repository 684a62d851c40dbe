/**
 * Reward APRs where locks boost weights: a pool's emission is shared by weight (lib/locks.ts), so
 * a position earns the pool's yearly reward × its weight ÷ the pool's weights, over the USD value
 * of its LP. An unlocked LP weighs 1 (the pool card's reward APR, lib/apr.ts); a running lock's
 * LP weighs its boost. Fractions a year (0.5 = 50%), at today's prices and emission.
 */
import { LP_DECIMALS } from "./conventions";
import { toDecimalNumber } from "./units";

/** A pool's emission and weights, as the APRs here need them. */
export interface PoolWeights {
  /** The pool's reward a year in USD (lib/apr.ts `yearlyRewardUsd`); 0 once emission is over. */
  yearlyRewardUsd: number;
  /** All stakers' weights now (the farm's `poolShares`). */
  totalShares: bigint;
  /** USD per whole LP token. */
  lpPriceUsd: number;
}

/**
 * The reward APR of `lp` LP weighing `weight` in `pool`, whose weights (`pool.totalShares`)
 * already include it: yearly reward × weight ÷ weights ÷ the LP's USD value. Undefined with no LP
 * or no weight in the pool (no rate to quote).
 */
export function weightedApr(pool: PoolWeights, weight: bigint, lp: bigint): number | undefined {
  if (lp === 0n || pool.totalShares === 0n || !(pool.lpPriceUsd > 0)) return undefined;
  const valueUsd = toDecimalNumber(lp, LP_DECIMALS) * pool.lpPriceUsd;
  return (pool.yearlyRewardUsd * (Number(weight) / Number(pool.totalShares))) / valueUsd;
}

/**
 * The reward APR `lp` LP would earn at `weight` once it joins the pool in place of `weightBefore`
 * (a top-up or an extension re-prices a lock already counted in the pool's weights): the pool's
 * weights become totalShares − weightBefore + weight. The position's share of the emission grows
 * with what it adds, so a stake in a pool with nothing staked earns the whole emission.
 */
export function aprAfter(pool: PoolWeights, weightBefore: bigint, weight: bigint, lp: bigint): number | undefined {
  return weightedApr({ ...pool, totalShares: pool.totalShares - weightBefore + weight }, weight, lp);
}

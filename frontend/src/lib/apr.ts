/**
 * Yearly returns of a farm pool, as fractions (0.5 = 50%): the reward token emitted to it, and
 * the trading fees its LP earns in the Uniswap pair. Simple interest: nothing is compounded.
 */
import { SECONDS_PER_YEAR, UNISWAP_V2_FEE_RATE } from "./conventions";
import { type PairState, priceOf, type TokenPrices } from "./prices";
import { toDecimalNumber } from "./units";

/** Blocks mined in a year at one block every `secondsPerBlock`. Throws unless it is positive. */
export function blocksPerYear(secondsPerBlock: number): number {
  if (!(secondsPerBlock > 0) || !Number.isFinite(secondsPerBlock)) {
    throw new RangeError(`Seconds per block must be positive, not ${secondsPerBlock}.`);
  }
  return SECONDS_PER_YEAR / secondsPerBlock;
}

/**
 * A pool's reward APR: a number, or "new" when nothing is staked yet (any stake would earn an
 * unbounded rate, which is no information), or "finished" when emission is over.
 */
export type RewardApr = { kind: "apr"; value: number } | { kind: "new" } | { kind: "finished" };

/** What a pool's share of the emission is made of. */
export interface PoolEmissionInput {
  rewardPerBlock: bigint;
  rewardDecimals: number;
  blocksPerYear: number;
  allocPoint: bigint;
  totalAllocPoint: bigint;
  rewardPriceUsd: number;
  finished: boolean;
}

/**
 * The reward a pool's allocation receives in a year, in USD at today's price:
 * rewardPerBlock × blocksPerYear × allocPoint / totalAllocPoint × rewardPriceUsd; 0 once emission
 * is over or without allocation.
 */
export function yearlyRewardUsd(input: PoolEmissionInput): number {
  if (input.finished || input.allocPoint === 0n || input.totalAllocPoint === 0n) return 0;
  const share = Number(input.allocPoint) / Number(input.totalAllocPoint);
  return toDecimalNumber(input.rewardPerBlock, input.rewardDecimals) * input.blocksPerYear * share * input.rewardPriceUsd;
}

/**
 * A pool's reward APR for LP that is not locked: its yearly reward in USD over the USD value of
 * the pool's weights (`weightUsd`: its weights, lib/locks.ts, valued at the LP price). The
 * emission is shared by weight, and an unlocked LP weighs 1, so where boosted locks add weight an
 * unlocked LP earns less than emission ÷ TVL; without locks the weights are the LP staked.
 * A pool with no allocation earns 0; once emission is over every pool is "finished".
 */
export function rewardApr(input: PoolEmissionInput & { weightUsd: number }): RewardApr {
  if (input.finished) return { kind: "finished" };
  if (input.allocPoint === 0n || input.totalAllocPoint === 0n) return { kind: "apr", value: 0 };
  if (input.weightUsd === 0) return { kind: "new" };
  return { kind: "apr", value: yearlyRewardUsd(input) / input.weightUsd };
}

/**
 * The APR liquidity providers earn from swap fees: the fees on `volumeUsd` traded over
 * `periodSeconds`, scaled to a year, over the pair's reserves in USD. 0 without reserves or
 * without a period to scale from.
 */
export function feeApr(input: {
  volumeUsd: number;
  periodSeconds: number;
  reserveUsd: number;
  feeRate?: number;
}): number {
  if (input.reserveUsd === 0 || input.periodSeconds === 0) return 0;
  const fees = input.volumeUsd * (input.feeRate ?? UNISWAP_V2_FEE_RATE);
  return (fees * (SECONDS_PER_YEAR / input.periodSeconds)) / input.reserveUsd;
}

/** The amounts of one Uniswap V2 `Swap` event. */
export type SwapAmounts = { amount0In: bigint; amount1In: bigint; amount0Out: bigint; amount1Out: bigint };

/**
 * The USD volume of a pair's `Swap` events, each valued on its input side (the fee is charged
 * on what goes in). 0 when either token of the pair has no price.
 */
export function swapVolumeUsd(
  swaps: readonly SwapAmounts[],
  pair: PairState,
  prices: TokenPrices,
): number {
  const price0 = priceOf(prices, pair.token0);
  const price1 = priceOf(prices, pair.token1);
  if (price0 === undefined || price1 === undefined) return 0;
  return swaps.reduce(
    (total, swap) =>
      total +
      toDecimalNumber(swap.amount0In, pair.decimals0) * price0 +
      toDecimalNumber(swap.amount1In, pair.decimals1) * price1,
    0,
  );
}

/** Reward APR plus fee APR; a "new" or "finished" reward counts as 0. */
export function totalApr(reward: RewardApr, fee: number): number {
  return (reward.kind === "apr" ? reward.value : 0) + fee;
}

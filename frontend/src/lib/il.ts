/**
 * Impermanent loss: what a 50/50 Uniswap V2 position is worth against simply holding the two
 * tokens, after the price of one in the other moves by a ratio r. The pool rebalances as the
 * price moves, so it always ends holding more of the token that fell.
 */
import { DAYS_PER_YEAR } from "./conventions";

/**
 * The value of the pool position over the value of holding, minus one, when token0's price in
 * token1 becomes `priceRatio` times what it was: 2√r / (1 + r) − 1. Always ≤ 0, and 0 only at
 * r = 1. Throws unless r is a positive number.
 */
export function impermanentLoss(priceRatio: number): number {
  assertRatio(priceRatio);
  return (2 * Math.sqrt(priceRatio)) / (1 + priceRatio) - 1;
}

/** The outcome of providing liquidity for a while, in the numeraire token1 (so, in USD terms). */
export interface IlProjection {
  /** Pool value over hold value, minus one (negative: a loss). */
  il: number;
  /** What the two tokens would be worth had they been held instead. */
  holdValue: number;
  /** What the pool position is worth, before earnings. */
  poolValue: number;
  /** Farm and fee yield over the period, simple interest. */
  earnings: number;
  /** Pool value plus earnings, minus hold value: positive when providing liquidity paid off. */
  net: number;
  /** Days of yield needed to cover the loss: 0 with no loss, undefined if yield never covers it. */
  breakevenDays: number | undefined;
}

/**
 * Projects `amountUsd` deposited half in token0, half in token1, after token0's price in token1
 * moves by `priceRatio` and the position has earned `apr` (a fraction) for `days`.
 * Hold: half stays, half is worth r times more: amount·(1+r)/2. Pool: the constant product
 * keeps both halves equal in value, each growing by √r: amount·√r.
 */
export function projectIl(input: {
  amountUsd: number;
  priceRatio: number;
  days: number;
  apr: number;
}): IlProjection {
  const { amountUsd, priceRatio, days, apr } = input;
  assertRatio(priceRatio);
  const holdValue = (amountUsd * (1 + priceRatio)) / 2;
  const poolValue = amountUsd * Math.sqrt(priceRatio);
  const earningsPerDay = (amountUsd * apr) / DAYS_PER_YEAR;
  const earnings = earningsPerDay * days;
  return {
    il: impermanentLoss(priceRatio),
    holdValue,
    poolValue,
    earnings,
    net: poolValue + earnings - holdValue,
    breakevenDays: breakevenDays(holdValue - poolValue, earningsPerDay),
  };
}

function breakevenDays(loss: number, earningsPerDay: number): number | undefined {
  if (loss <= 0) return 0;
  if (earningsPerDay <= 0) return undefined;
  return loss / earningsPerDay;
}

/**
 * Impermanent loss at `points` price ratios spaced evenly on a log scale from `minRatio` to
 * `maxRatio` (so 0.5× and 2× sit symmetric around 1×), both ends included. Ratio 1 (no loss)
 * is always a point when it lies in the range: the grid point nearest it is snapped to it if
 * within rounding, else 1 is inserted as an extra point.
 */
export function ilCurve(
  minRatio = 0.1,
  maxRatio = 10,
  points = 121,
): { ratio: number; il: number }[] {
  if (!(minRatio > 0) || !(maxRatio > minRatio) || !Number.isInteger(points) || points < 2) {
    throw new RangeError("ilCurve needs 0 < minRatio < maxRatio and at least 2 points.");
  }
  const ratios = withOne(logSpaced(minRatio, maxRatio, points));
  return ratios.map((ratio) => ({ ratio, il: impermanentLoss(ratio) }));
}

/** `points` ratios from min to max with equal steps of log(ratio); the ends exactly as given. */
function logSpaced(min: number, max: number, points: number): number[] {
  const step = Math.log(max / min) / (points - 1);
  return Array.from({ length: points }, (_, i) =>
    i === 0 ? min : i === points - 1 ? max : min * Math.exp(step * i),
  );
}

/** Snaps the point nearest 1 to exactly 1 if float error is all that separates them, or adds 1. */
function withOne(ratios: number[]): number[] {
  const first = ratios[0]!;
  const last = ratios[ratios.length - 1]!;
  if (first > 1 || last < 1) return ratios;
  const distanceFromOne = (ratio: number) => Math.abs(Math.log(ratio));
  const nearest = ratios.reduce(
    (best, ratio, i) => (distanceFromOne(ratio) < distanceFromOne(ratios[best]!) ? i : best),
    0,
  );
  if (distanceFromOne(ratios[nearest]!) < 1e-9) {
    return ratios.map((ratio, i) => (i === nearest ? 1 : ratio));
  }
  return [...ratios, 1].sort((a, b) => a - b);
}

function assertRatio(priceRatio: number): void {
  if (!(priceRatio > 0) || !Number.isFinite(priceRatio)) {
    throw new RangeError(`A price ratio must be a positive number, not ${priceRatio}.`);
  }
}

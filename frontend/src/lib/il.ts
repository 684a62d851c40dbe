/**
 * Impermanent loss: what a 50/50 Uniswap V2 position is worth against simply holding the two
 * tokens, after the price of one in the other moves by a ratio r. The pool rebalances as the
 * price moves, so it always ends holding more of the token that fell. What a stake earns
 * meanwhile, and the net of the two, is ./roi.ts.
 */

/** The price ratios the estimators offer and chart: a tenth to ten times today's price. */
export const RATIO_RANGE = { min: 0.1, max: 10 } as const;

/**
 * The value of the pool position over the value of holding, minus one, when token0's price in
 * token1 becomes `priceRatio` times what it was: 2√r / (1 + r) − 1. Always ≤ 0, and 0 only at
 * r = 1. Throws unless r is a positive number.
 */
export function impermanentLoss(priceRatio: number): number {
  assertRatio(priceRatio);
  return (2 * Math.sqrt(priceRatio)) / (1 + priceRatio) - 1;
}

/**
 * Impermanent loss at `points` price ratios spaced evenly on a log scale from `minRatio` to
 * `maxRatio` (so 0.5× and 2× sit symmetric around 1×), both ends included. Ratio 1 (no loss)
 * is always a point when it lies in the range: the grid point nearest it is snapped to it if
 * within rounding, else 1 is inserted as an extra point.
 */
export function ilCurve(
  minRatio: number = RATIO_RANGE.min,
  maxRatio: number = RATIO_RANGE.max,
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

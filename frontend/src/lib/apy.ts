/**
 * APY from APR: what a yearly rate becomes when its earnings are added to the principal and earn
 * in turn. A farm pays two rates that compound differently, and this file keeps them apart:
 *
 * - Trading fees are added to the pair's reserves on every swap, so each LP token is worth more
 *   by itself: the fee APR compounds continuously whatever the staker does (growth e^(apr·t)).
 * - The reward token is paid out, not added: it compounds only if the staker harvests it, turns it
 *   into LP and stakes that, n times a year (growth (1 + apr/n)^(n·t)). Each compounding is a
 *   harvest, a swap, an add-liquidity and a stake, paid in gas; the rates here leave gas out
 *   (lib/roi.ts subtracts a cost per compounding when the caller gives one).
 *
 * The farm's growth is the product of the two: fees grow the value of each LP token, re-staked
 * rewards grow the number of LP tokens. Rates are fractions (0.5 = 50%) over a 365-day year.
 */
import type { RewardApr } from "./apr";
import { DAYS_PER_YEAR } from "./conventions";

/** How often rewards are re-staked: times a year; 0 never (they pile up as reward tokens). */
export const COMPOUNDING = { daily: DAYS_PER_YEAR, weekly: 52, monthly: 12 } as const;
export const NEVER = 0;
/** The limit of compounding ever more often: growth e^(apr·t). */
export const CONTINUOUS = Number.POSITIVE_INFINITY;

/** The card's assumption, said once: rewards re-staked every day. */
export const CARD_COMPOUNDING = COMPOUNDING.daily;

/**
 * Re-stakings strictly inside `years`: at 1/n, 2/n, … of a year, before the end. One at the very
 * end would change nothing (the last rewards are worth the same harvested or pending), so 30 days
 * compounded daily re-stake 29 times. Continuous compounding has no count: Infinity.
 */
export function compoundings(years: number, periodsPerYear: number): number {
  assertRate(0, years, periodsPerYear);
  if (periodsPerYear === NEVER || years === 0) return 0;
  if (periodsPerYear === CONTINUOUS) return CONTINUOUS;
  // The slack keeps an exact multiple exact: 30 / 365 × 365 = 30.000000000000004.
  return Math.max(0, Math.ceil(periodsPerYear * years - 1e-9) - 1);
}

/** What rewards do to a position over `years`, per unit of its starting value at today's prices. */
export interface RewardGrowth {
  /** The factor the LP staked is multiplied by: 1 plus the rewards re-staked as LP and what they earned in turn. */
  lpGrowth: number;
  /** Rewards earned since the last re-staking, still reward tokens at the end, as a share of the start. */
  pending: number;
}

/**
 * Rewards at `apr` over `years`, re-staked `periodsPerYear` times a year: after each of the
 * `compoundings` the stake is (1 + apr/n) times larger, and the rewards since the last one are
 * pending. Never re-staked: lpGrowth 1 and pending apr·t. Continuously: lpGrowth e^(apr·t).
 *
 * `share` is the stake's share of the pool's stake at the start (0 for a stake too small to
 * matter). Re-staked rewards join the pool's stake and dilute in turn: a stake x times its start
 * earns apr·x / (1 − share + share·x) a year, so it can never earn more than the pool's whole
 * emission (apr / share), however often or long it compounds. A share of 0 is the closed form.
 */
export function rewardGrowth(apr: number, years: number, periodsPerYear: number, share = 0): RewardGrowth {
  const times = compoundings(years, periodsPerYear);
  const rate = (x: number) => (apr * x) / (1 - share + share * x);
  if (periodsPerYear === CONTINUOUS) return { lpGrowth: share > 0 ? continuousGrowth(apr, years, share) : Math.exp(apr * years), pending: 0 };
  let lpGrowth = share > 0 ? 1 : (1 + apr / periodsPerYear) ** times;
  for (let i = 0; share > 0 && i < times; i++) lpGrowth += rate(lpGrowth) / periodsPerYear;
  const sinceLast = periodsPerYear === NEVER ? years : years - times / periodsPerYear;
  return { lpGrowth, pending: rate(lpGrowth) * sinceLast };
}

/**
 * The diluted growth compounded continuously: dx/dt = apr·x / (1 − s + s·x) integrates to
 * (1 − s)·ln x + s·(x − 1) = apr·t, solved for x by Newton's method (the left side grows with x).
 */
function continuousGrowth(apr: number, years: number, share: number): number {
  const target = apr * years;
  let x = 1 + target; // at or above the root: the left side at x = 1 + target is ≥ target
  for (let i = 0; i < 100; i++) {
    const f = (1 - share) * Math.log(x) + share * (x - 1) - target;
    const next = x - f / ((1 - share) / x + share);
    if (Math.abs(next - x) <= 1e-12 * x) return next;
    x = next;
  }
  return x;
}

/** The factor fees multiply each LP token's value by over `years`: they compound inside the pair. */
export function feeGrowth(feeApr: number, years: number): number {
  assertRate(feeApr, years, NEVER);
  return Math.exp(feeApr * years);
}

/**
 * The farm's APY: a year of fees compounding inside the pair and rewards re-staked
 * `periodsPerYear` times (0: never, kept as tokens), at today's prices, gas left out.
 * (LP grown by rewards) × (LP value grown by fees) + rewards pending − 1; re-staked daily:
 * (1 + r/365)^364 · (e^fee + r/365) − 1, the textbook e^fee · (1 + r/365)^365 − 1 but for the fees
 * the last day's rewards, still pending, do not earn.
 */
export function farmApy(input: { rewardApr: number; feeApr: number; periodsPerYear: number; share?: number }): number {
  const { lpGrowth, pending } = rewardGrowth(input.rewardApr, 1, input.periodsPerYear, input.share);
  return lpGrowth * feeGrowth(input.feeApr, 1) + pending - 1;
}

/** One rate's APY alone, compounded n times a year: (1 + apr/n)^n − 1; e^apr − 1 continuously; apr never. */
export function apyFromApr(apr: number, periodsPerYear: number): number {
  if (periodsPerYear === CONTINUOUS) return Math.exp(apr) - 1;
  if (periodsPerYear === NEVER) return apr;
  assertRate(apr, 1, periodsPerYear);
  return (1 + apr / periodsPerYear) ** periodsPerYear - 1;
}

function assertRate(apr: number, years: number, periodsPerYear: number): void {
  if (!Number.isFinite(apr)) throw new RangeError(`An APR must be a number, not ${apr}.`);
  if (!(years >= 0) || !Number.isFinite(years)) throw new RangeError(`A duration must be 0 or more years, not ${years}.`);
  if (!(periodsPerYear >= 0)) throw new RangeError(`Compounding must be 0 or more times a year, not ${periodsPerYear}.`);
}

/**
 * A pool's APY as its card shows it, rewards re-staked `periodsPerYear` times: undefined for a
 * pool with nothing staked (its reward APR is unbounded), the fees' alone once emission is over.
 */
export function poolApy(reward: RewardApr, feeApr: number, periodsPerYear: number): number | undefined {
  if (reward.kind === "new") return undefined;
  return farmApy({ rewardApr: reward.kind === "apr" ? reward.value : 0, feeApr, periodsPerYear });
}

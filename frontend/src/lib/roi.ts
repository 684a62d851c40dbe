/**
 * What a stake in a farm pool returns over some days, joined with a price scenario: rewards, fees,
 * impermanent loss, the gas of compounding, and the net against simply holding the two tokens.
 * Values are in the stablecoin the app prices in (USDC on the local world), not in dollars.
 *
 * The scenario: the price of the pair's base token in its quote token ends at `priceRatio` times
 * today's (RWD in WETH for RWD/WETH), and the quote token keeps its stablecoin price. Everything is
 * earned at today's rates and prices, and valued at the scenario's end prices, as if the price
 * moved at the end: the price's path is unknown, and this keeps the sums free of one.
 * - the tokens held instead: half stays, half is worth r times more: (1 + r)/2 of the principal;
 * - the LP: the constant product keeps both halves equal in value, so it is worth √r times
 *   today's, principal and LP bought with re-staked rewards alike; fees grow it (lib/apy.ts);
 * - rewards still held as tokens: worth r times today's when the reward token is the pair's base
 *   (RWD in RWD/WETH), today's price otherwise (the quote keeps its price; a token outside the
 *   pair is taken to keep its own). This is what values rewards consistently with the scenario.
 * The reward APR is the pool's at today's stake and prices; the caller lowers it for a stake that
 * adds to the pool (lib/apr.ts `rewardApr` over the larger stake).
 */
import { rewardApr } from "./apr";
import { compoundings, farmApy, feeGrowth, rewardGrowth } from "./apy";
import { DAYS_PER_YEAR } from "./conventions";

/** Where the reward token sits in the pair: its base (RWD in RWD/WETH), its quote, or outside it. */
export type RewardSide = "base" | "quote" | "outside";

export interface RoiInput {
  /** The stake's value today, in the stablecoin. */
  principal: number;
  days: number;
  /** Fractions a year (0.5 = 50%), at today's prices. */
  rewardApr: number;
  feeApr: number;
  /** Times a year rewards are re-staked (lib/apy.ts COMPOUNDING); 0: kept as reward tokens. */
  periodsPerYear: number;
  /** The base token's price in the quote token at the end, over today's. */
  priceRatio: number;
  rewardSide: RewardSide;
  /** Gas per compounding, in the stablecoin (harvest, swap, add liquidity, stake). */
  costPerCompounding?: number;
  /** The stake's share of the pool's stake once it has joined (lib/apy.ts `rewardGrowth`); 0 if negligible. */
  poolShare?: number;
}

/** The outcome after `days`, in the stablecoin at the scenario's end prices. */
export interface RoiProjection {
  /** The two tokens, had they been held instead. */
  holdValue: number;
  /** The principal's LP alone, before anything it earned. */
  poolValue: number;
  /** poolValue − holdValue: ≤ 0, the impermanent loss in value. */
  impermanentLoss: number;
  /** The reward: LP bought by re-staking it, and what is still reward tokens. */
  rewards: number;
  /** Of `rewards`, what is still reward tokens, valued at today's price (to count the tokens). */
  pendingAtTodaysPrice: number;
  /** The trading fees the LP (the principal's and the re-staked) earned inside the pair. */
  fees: number;
  compoundings: number;
  /** compoundings × costPerCompounding. */
  gas: number;
  /** Everything at the end: the LP, the pending rewards, less the gas. */
  endValue: number;
  /** endValue − holdValue = impermanentLoss + rewards + fees − gas: what farming did against holding. */
  net: number;
  /** endValue − principal: the change in value, the price move included. */
  gain: number;
  /** The year's growth at these rates and this compounding (lib/apy.ts), gas left out. */
  apy: number;
}

export function projectRoi(input: RoiInput): RoiProjection {
  assertInput(input);
  const { principal, rewardApr, feeApr, periodsPerYear, priceRatio } = input;
  const years = input.days / DAYS_PER_YEAR;
  const { lpGrowth, pending } = rewardGrowth(rewardApr, years, periodsPerYear, input.poolShare);
  const fromFees = feeGrowth(feeApr, years);
  const holdValue = (principal * (1 + priceRatio)) / 2;
  const poolValue = principal * Math.sqrt(priceRatio);
  const pendingAtTodaysPrice = principal * pending;
  const pendingValue = pendingAtTodaysPrice * rewardPriceFactor(input.rewardSide, priceRatio);
  const times = compoundings(years, periodsPerYear);
  const gas = (input.costPerCompounding ?? 0) > 0 ? times * input.costPerCompounding! : 0;
  const lpValue = poolValue * lpGrowth * fromFees;
  const endValue = lpValue + pendingValue - gas;
  return {
    holdValue,
    poolValue,
    impermanentLoss: poolValue - holdValue,
    rewards: poolValue * (lpGrowth - 1) + pendingValue,
    pendingAtTodaysPrice,
    fees: poolValue * lpGrowth * (fromFees - 1),
    compoundings: times,
    gas,
    endValue,
    net: endValue - holdValue,
    gain: endValue - principal,
    apy: farmApy({ rewardApr, feeApr, periodsPerYear, share: input.poolShare }),
  };
}

/** The reward token's end price over today's under the scenario. */
export function rewardPriceFactor(side: RewardSide, priceRatio: number): number {
  return side === "base" ? priceRatio : 1;
}

/** Searched up to this far for a breakeven; past it the answer is "not within a century". */
export const BREAKEVEN_LIMIT_DAYS = 100 * DAYS_PER_YEAR;

/**
 * The days after which farming has paid for its impermanent loss (net ≥ 0) under the scenario:
 * 0 with no loss, undefined when not within BREAKEVEN_LIMIT_DAYS. The net grows with time (rates
 * ≥ 0), so a bisection finds it to a thousandth of a day; without fees and gas it is the closed
 * form loss / (principal · rewardApr · reward price factor) years.
 */
export function breakevenDays(input: Omit<RoiInput, "days">): number | undefined {
  const net = (days: number) => projectRoi({ ...input, days }).net;
  if (net(0) >= 0) return 0;
  if (net(BREAKEVEN_LIMIT_DAYS) < 0) return undefined;
  let [low, high] = [0, BREAKEVEN_LIMIT_DAYS];
  while (high - low > 1e-4) {
    const middle = (low + high) / 2;
    if (net(middle) >= 0) high = middle;
    else low = middle;
  }
  return high;
}

/**
 * The stake's share of the pool once it has joined: `principal` over the pool's stake plus what
 * it adds (`addedStake`); the whole pool for a pool with nothing staked yet.
 */
export function poolShareOf(principal: number, poolStakedUsd: number, alreadyStaked: number): number {
  const after = poolStakedUsd + addedStake(principal, alreadyStaked);
  return after > 0 ? Math.min(1, principal / after) : 0;
}

/**
 * The part of a stake that would be new to the pool, in the stablecoin: what the amount adds to
 * the user's current stake. It shares the pool's emission with everyone, lowering the reward APR;
 * LP already staked is already counted in it.
 */
export function addedStake(principal: number, alreadyStaked: number): number {
  return Math.max(0, principal - alreadyStaked);
}

/** What the pool's reward APR is made of (lib/apr.ts `rewardApr`), at today's stake. */
export type PoolEmission = Parameters<typeof rewardApr>[0];

/**
 * The reward APR an unlocked stake would earn once `added` more (in the stablecoin) joins the
 * pool's weights (an unlocked LP weighs 1): the same emission over more weight. A pool with nothing staked gets its whole emission's rate over
 * the new stake; a pool that emits nothing, or no more, earns 0.
 */
export function rewardAprWithStake(emission: PoolEmission, added: number): number {
  const apr = rewardApr({ ...emission, weightUsd: emission.weightUsd + added });
  return apr.kind === "apr" ? apr.value : 0;
}

function assertInput(input: RoiInput): void {
  const { principal, days, priceRatio } = input;
  if (!(principal >= 0) || !Number.isFinite(principal)) throw new RangeError(`A principal must be 0 or more, not ${principal}.`);
  if (!(days >= 0) || !Number.isFinite(days)) throw new RangeError(`A horizon must be 0 or more days, not ${days}.`);
  if (!(priceRatio > 0) || !Number.isFinite(priceRatio)) throw new RangeError(`A price ratio must be a positive number, not ${priceRatio}.`);
}

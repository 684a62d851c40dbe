/**
 * The APY a position gets by compounding its rewards (harvest, swap, add liquidity, stake: one
 * zap.compound) `periodsPerYear` times a year, each compound paid in gas. It is lib/apy.ts's farm
 * APY with a fixed cost taken at each re-staking: the position grows by (1 + apr/n) and loses the
 * gas, a fixed amount in USD, so compounding a small position often can earn less than never.
 * At today's rates and prices, the position's share of the pool too small to dilute its rate.
 */
import { compoundings, feeGrowth, NEVER } from "./apy";

export interface CompoundApyInput {
  /** Fractions a year (0.5 = 50%). */
  rewardApr: number;
  feeApr: number;
  /** Re-stakings a year (lib/apy.ts COMPOUNDING), or NEVER. */
  periodsPerYear: number;
  /** The position's value today, in USD. */
  positionUsd: number;
  /** What one compound costs in gas, in USD (./gas-cost.ts); 0 to leave gas out. */
  gasUsd: number;
}

/**
 * A year's growth less 1: the re-stakings inside the year (lib/apy.ts `compoundings`), each
 * multiplying the stake by 1 + apr/n and then paying the gas out of it, fees compounding inside
 * the pair on top, and the rewards since the last re-staking still pending at the end. With no
 * gas it is lib/apy.ts `farmApy`. Never below −100%: gas that would take more than the stake
 * holds ends the compounding with nothing left. Undefined for a position worth nothing.
 */
export function compoundApy(input: CompoundApyInput): number | undefined {
  const { rewardApr, feeApr, periodsPerYear, positionUsd, gasUsd } = input;
  if (!(positionUsd > 0)) return undefined;
  const times = compoundings(1, periodsPerYear);
  const gasShare = gasUsd / positionUsd;
  let stake = 1;
  // Gas beyond what is staked cannot be paid from it: the compounding stops there, all of it spent.
  for (let i = 0; i < times && stake > 0; i++) stake = Math.max(0, stake * (1 + rewardApr / periodsPerYear) - gasShare);
  const sinceLast = periodsPerYear === NEVER ? 1 : 1 - times / periodsPerYear;
  return stake * feeGrowth(feeApr, 1) + stake * rewardApr * sinceLast - 1;
}

/**
 * Of `choices` (re-stakings a year), the one giving the highest APY after gas, with NEVER (keep
 * the rewards) among them: where gas eats more than a compound earns, the answer is to compound
 * less often.
 */
export function bestFrequency(input: Omit<CompoundApyInput, "periodsPerYear">, choices: readonly number[]): number {
  const apy = (n: number) => compoundApy({ ...input, periodsPerYear: n }) ?? -Infinity;
  return [NEVER, ...choices].reduce((best, n) => (apy(n) > apy(best) ? n : best), NEVER);
}

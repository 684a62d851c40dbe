/**
 * A user's cumulative earnings as a curve over time, from the indexer's totals by UTC day: zero
 * at the start of the first day with a reward, then each day's running total at that day's end
 * (or now, for today), since a day's total is only complete when the day is.
 */
import { SECONDS_PER_DAY } from "./conventions";
import { toDecimalNumber } from "./units";

export interface EarningsDayInput {
  day: number;
  cumulativeReward: string;
  cumulativeUsd: number;
}

export interface EarningsPoint {
  time: number;
  /** Whole reward tokens received by then. */
  reward: number;
  /** Their USD value when each was paid. */
  usd: number;
}

export function earningsCurve(days: EarningsDayInput[], rewardDecimals: number, now: number): EarningsPoint[] {
  if (days.length === 0) return [];
  const start = { time: days[0]!.day, reward: 0, usd: 0 };
  return [
    start,
    ...days.map((d) => ({ time: Math.min(d.day + SECONDS_PER_DAY, Math.max(now, d.day)), reward: toDecimalNumber(BigInt(d.cumulativeReward), rewardDecimals), usd: d.cumulativeUsd })),
  ];
}

export interface PaymentInput {
  timestamp: number;
  reward: string;
  rewardUsd: number | null;
}

/**
 * The same curve from every payment itself (oldest first), where all of them are at hand: flat
 * between payments, a step up at each (two points at its time), and flat on to `now`. Exact where
 * the daily curve can only say "by the end of the day".
 */
export function paymentsCurve(payments: PaymentInput[], rewardDecimals: number, now: number): EarningsPoint[] {
  const points: EarningsPoint[] = [];
  let reward = 0;
  let usd = 0;
  for (const payment of payments) {
    points.push({ time: payment.timestamp, reward, usd });
    reward += toDecimalNumber(BigInt(payment.reward), rewardDecimals);
    usd += payment.rewardUsd ?? 0;
    points.push({ time: payment.timestamp, reward, usd });
  }
  const last = points.at(-1);
  if (last) points.push({ time: Math.max(now, last.time), reward, usd });
  return points;
}

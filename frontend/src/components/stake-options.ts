/**
 * What the stake dialog offers for a pool, from the farm store: staking without a lock, and each
 * lock tier for `amount` more LP (lib/locks-choices.ts), at the pool's emission and weights.
 */
import { type LockChoice, lockChoices, unlockedApr } from "../lib/locks-choices";
import type { PoolView, useFarmStore } from "../stores/farm";

export interface StakeOptions {
  /** The reward APR of the amount staked without a lock; undefined with no rate to quote. */
  unlockedApr?: number;
  choices: LockChoice[];
}

export function stakeOptions(farm: ReturnType<typeof useFarmStore>, pool: PoolView, amount: bigint): StakeOptions {
  const snapshot = farm.snapshot;
  if (!snapshot) return { choices: [] };
  const weights = { yearlyRewardUsd: pool.yearlyRewardUsd, totalShares: pool.shares.totalShares, lpPriceUsd: pool.lpPrice ?? 0 };
  return {
    unlockedApr: unlockedApr(weights, amount),
    choices: lockChoices({
      terms: snapshot.locks,
      now: snapshot,
      blockSeconds: farm.blockSeconds,
      pool: { ...weights, emergencyUnlocked: pool.shares.emergencyUnlockBlock > 0n },
      lock: pool.user?.lock,
      amount,
    }),
  };
}

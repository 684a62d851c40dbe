/**
 * A pool's emission as lib/roi.ts needs it to rate a new stake, from the farm store: the figures
 * its card's reward APR is computed from (lib/pool-view.ts), in one place for both estimators.
 */
import { blocksPerYear } from "../lib/apr";
import type { PoolEmission } from "../lib/roi";
import type { PoolView, useFarmStore } from "../stores/farm";

export function poolEmission(farm: ReturnType<typeof useFarmStore>, pool: PoolView): PoolEmission | undefined {
  const snapshot = farm.snapshot;
  if (!snapshot) return undefined;
  return {
    rewardPerBlock: snapshot.rewardPerBlock,
    rewardDecimals: farm.reward.decimals,
    blocksPerYear: blocksPerYear(farm.blockSeconds),
    allocPoint: pool.allocPoint,
    totalAllocPoint: snapshot.totalAllocPoint,
    rewardPriceUsd: farm.rewardPrice,
    weightUsd: pool.weightUsd ?? 0,
    finished: farm.finished,
  };
}

/**
 * What the farm accepts, as Farm.sol's public constants say (test/deploy/plan.test.ts reads them
 * from a deployed farm and compares): a config asking for more is refused before anything is sent.
 */
export const FARM_LIMITS = {
  /** MAX_START_BLOCK: block numbers are kept in 64 bits. */
  startBlock: 2n ** 64n - 1n,
  /** MAX_ALLOC_POINT, per pool. */
  allocPoint: 2n ** 16n - 1n,
  /** MAX_REWARD_PER_BLOCK, in reward token wei. */
  rewardPerBlock: 2n ** 96n - 1n,
} as const;

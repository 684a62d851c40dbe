/**
 * The figures of a pool's hourly and daily series, from what the indexer holds at the pool's last
 * event in the bucket, with the dapp's own formulas (frontend/src/lib/apr.ts).
 */
import { blocksPerYear, feeApr, yearlyRewardUsd } from "../../frontend/src/lib/apr";
import { SECONDS_PER_DAY } from "../../frontend/src/lib/conventions";

export const SECONDS_PER_HOUR = 3_600;

/** The start of the bucket of `length` seconds holding `timestamp`. */
export function bucketStart(timestamp: bigint, length: number): bigint {
  return timestamp - (timestamp % BigInt(length));
}

export function dayStart(timestamp: bigint): bigint {
  return bucketStart(timestamp, SECONDS_PER_DAY);
}

/** What the APRs of a bucket are made of. */
export interface AprInput {
  rewardPerBlock: bigint;
  rewardDecimals: number;
  allocPoint: bigint;
  totalAllocPoint: bigint;
  rewardPriceUsd?: number;
  /** The staked LP's USD value. */
  stakedUsd?: number;
  /** The pair's reserves in USD and the USD traded over the bucket. */
  reserveUsd?: number;
  volumeUsd: number;
  bucketSeconds: number;
  secondsPerBlock: number;
  /** Emission is over (nothing remains to emit). */
  finished: boolean;
}

/**
 * The stake's reward APR (the pool's yearly emission in USD over the USD staked: what the LP
 * staked earned on average, boosted locks included) and the LP's fee APR (the bucket's volume
 * scaled to a year, over the reserves). Undefined where a price or a stake is missing.
 */
export function bucketAprs(input: AprInput): { rewardApr?: number; feeApr?: number } {
  const rewardApr =
    input.rewardPriceUsd === undefined || !input.stakedUsd
      ? undefined
      : yearlyRewardUsd({
          rewardPerBlock: input.rewardPerBlock,
          rewardDecimals: input.rewardDecimals,
          blocksPerYear: blocksPerYear(input.secondsPerBlock),
          allocPoint: input.allocPoint,
          totalAllocPoint: input.totalAllocPoint,
          rewardPriceUsd: input.rewardPriceUsd,
          finished: input.finished,
        }) / input.stakedUsd;
  const fee =
    input.reserveUsd === undefined ? undefined : feeApr({ volumeUsd: input.volumeUsd, periodSeconds: input.bucketSeconds, reserveUsd: input.reserveUsd });
  return { rewardApr, feeApr: fee };
}

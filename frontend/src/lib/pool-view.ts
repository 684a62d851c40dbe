/**
 * The farm as the pages show it: each pool's name, prices, TVL, APRs and the user's position in
 * USD, and the farm's totals, from one snapshot of the chain. Pure: the farm store feeds it what
 * it read, and the unit tests feed it by hand.
 */
import type { Address } from "viem";

import { blocksPerYear, feeApr, rewardApr, type RewardApr, type SwapAmounts, swapVolumeUsd, totalApr, yearlyRewardUsd } from "./apr";
import { blocksPerDay } from "./block-time";
import { SECONDS_PER_DAY } from "./conventions";
import type { FarmSnapshot, PairMeta, PoolShares, UserPosition } from "./farm-snapshot";
import { lockRunning, lockWeight } from "./locks";
import { weightedApr } from "./locks-apr";
import { pairName } from "./pair-name";
import { type PartnerTokenMeta, poolPartnersView, type PoolPartnersView } from "./partner-view";
import { lpAmountUsd, lpPriceUsd, priceOf, reserveUsd, type TokenPrices } from "./prices";
import { toDecimalNumber } from "./units";

export interface PoolView {
  pid: number;
  name: string;
  meta: PairMeta;
  allocPoint: bigint;
  /** Share of the emission, 0..1. */
  share: number;
  totalStaked: bigint;
  /** The pool's weights: its emission is shared by these (lib/locks.ts). */
  shares: PoolShares;
  /** USD per whole LP token; undefined when a token of the pair has no price. */
  lpPrice?: number;
  stakedUsd?: number;
  /** The pool's weights valued at the LP price: what the reward APR divides by. */
  weightUsd?: number;
  /** The pool's reward a year in USD at today's price and emission; 0 once emission is over. */
  yearlyRewardUsd: number;
  /** The reward APR of LP that is not locked (weight 1). */
  reward: RewardApr;
  feeApr: number;
  totalApr: number;
  /** USD swapped through the pair over the fee window (a day). */
  volumeUsd: number;
  reserveUsd?: number;
  /** Earning now: emission goes on and the pool has an allocation. */
  live: boolean;
  user?: UserPosition & {
    walletUsd?: number;
    stakedUsd?: number;
    pendingUsd: number;
    /** LP that can be unstaked now: all but a running lock's. */
    withdrawable: bigint;
    /** The position's weight: its unlocked LP, and its lock's LP times the boost while it runs. */
    weight: bigint;
    /** The position's reward APR at its weight (lib/locks-apr.ts); undefined without a stake or a price. */
    rewardApr?: number;
  };
  /** Partner rewards (lib/partner-view.ts); none for a pool without partner streams. */
  partners?: PoolPartnersView;
  /** Fees, the farm's reward and every partner token's numeric APR, added. */
  combinedApr: number;
}

export interface FarmView {
  snapshot: FarmSnapshot;
  /** Each pool's pair, by pid. */
  pairs: readonly PairMeta[];
  prices: TokenPrices;
  /** The fee window's swaps (a day of blocks), by pair address. */
  swapsByPair: ReadonlyMap<Address, readonly SwapAmounts[]>;
  rewardToken: { address: Address; decimals: number };
  blockSeconds: number;
  /** Quote tokens from weakest to strongest, for pool names: [WETH, stablecoin]. */
  quoteTokens: Address[];
  /** Partner tokens' symbols and decimals, as far as known. */
  partnerTokens?: ReadonlyMap<Address, PartnerTokenMeta>;
}

/** True once the farm emits nothing more: the cap is reached or the rate is zero. */
export function emissionFinished(snapshot: FarmSnapshot): boolean {
  return snapshot.rewardsRemaining === 0n || snapshot.rewardPerBlock === 0n;
}

/** Every pool of the snapshot, as its card shows it. */
export function poolViews(farm: FarmView): PoolView[] {
  const { snapshot, prices, blockSeconds } = farm;
  const finished = emissionFinished(snapshot);
  const rewardPriceUsd = priceOf(prices, farm.rewardToken.address) ?? 0;
  const perYear = blocksPerYear(blockSeconds);
  // A pool whose pair is not described yet (added a moment ago, or gone with a revert) waits.
  return snapshot.pools.filter((pool) => farm.pairs[pool.pid] !== undefined).map((pool) => {
    const meta = farm.pairs[pool.pid];
    const lpPrice = lpPriceUsd(pool.pair, prices);
    const usd = (lp: bigint) => (lpPrice === undefined ? undefined : lpAmountUsd(lp, lpPrice));
    const stakedUsd = usd(pool.totalStaked);
    const weightUsd = usd(pool.shares.totalShares);
    const reserves = reserveUsd(pool.pair, prices);
    const volumeUsd = swapVolumeUsd(farm.swapsByPair.get(meta.address) ?? [], pool.pair, prices);
    const emission = {
      rewardPerBlock: snapshot.rewardPerBlock,
      rewardDecimals: farm.rewardToken.decimals,
      blocksPerYear: perYear,
      allocPoint: pool.allocPoint,
      totalAllocPoint: snapshot.totalAllocPoint,
      rewardPriceUsd,
      finished,
    };
    const reward = rewardApr({ ...emission, weightUsd: weightUsd ?? 0 });
    const yearly = yearlyRewardUsd(emission);
    const fees = feeApr({ volumeUsd, periodSeconds: SECONDS_PER_DAY, reserveUsd: reserves ?? 0 });
    const partners = pool.partners && poolPartnersView({
      partners: pool.partners,
      staked: pool.user?.staked,
      block: snapshot.blockNumber,
      tokens: farm.partnerTokens ?? new Map(),
      prices,
      blocksPerYear: perYear,
      lpPriceUsd: lpPrice,
    });
    return {
      pid: pool.pid,
      name: pairName(meta, farm.quoteTokens),
      meta,
      allocPoint: pool.allocPoint,
      share: snapshot.totalAllocPoint === 0n ? 0 : Number(pool.allocPoint) / Number(snapshot.totalAllocPoint),
      totalStaked: pool.totalStaked,
      shares: pool.shares,
      lpPrice,
      stakedUsd,
      weightUsd,
      yearlyRewardUsd: yearly,
      reward,
      feeApr: fees,
      totalApr: totalApr(reward, fees),
      volumeUsd,
      reserveUsd: reserves,
      live: !finished && pool.allocPoint > 0n,
      user: pool.user && userView(pool.user, snapshot.blockNumber, {
        usd,
        pendingUsd: toDecimalNumber(pool.user.pending, farm.rewardToken.decimals) * rewardPriceUsd,
        weights: lpPrice === undefined ? undefined : { yearlyRewardUsd: yearly, totalShares: pool.shares.totalShares, lpPriceUsd: lpPrice },
      }),
      partners,
      combinedApr: totalApr(reward, fees) + (partners?.partnerApr ?? 0),
    };
  });
}

/** The user's position in a pool, with what its lock changes: what can leave now, its weight and its APR. */
function userView(
  position: UserPosition,
  block: bigint,
  context: { usd: (lp: bigint) => number | undefined; pendingUsd: number; weights?: Parameters<typeof weightedApr>[0] },
): NonNullable<PoolView["user"]> {
  const lock = position.lock;
  const lockedNow = lock && lockRunning(lock, block) ? lock.amount : 0n;
  const weight = position.staked - (lock?.amount ?? 0n) + (lock ? lockWeight(lock, block) : 0n);
  return {
    ...position,
    walletUsd: context.usd(position.wallet),
    stakedUsd: context.usd(position.staked),
    pendingUsd: context.pendingUsd,
    withdrawable: position.staked - lockedNow,
    weight,
    rewardApr: context.weights && weightedApr(context.weights, weight, position.staked),
  };
}

export interface FarmTotals {
  /** USD staked in the farm, over the pools whose LP has a price. */
  stakedUsd: number;
  userStakedUsd: number;
  /** The user's pending reward over every pool, in reward-token wei, and in USD. */
  pending: bigint;
  pendingUsd: number;
  /** The pools where the user has something to harvest. */
  pendingPids: number[];
  /** The pools where the user has something to harvest in the reward token or a partner token: what harvest all pays. */
  harvestPids: number[];
  /** Pools where the user's stake earns no partner token until its next deposit (harvest all enrols them). */
  enrolPids: number[];
  /** Reward-token wei emitted a day at the nominal block time. */
  emissionPerDay: bigint;
}

export function farmTotals(pools: readonly PoolView[], snapshot: FarmSnapshot | undefined, blockSeconds: number): FarmTotals {
  const sum = (f: (p: PoolView) => number | undefined) => pools.reduce((acc, p) => acc + (f(p) ?? 0), 0);
  const pendingPools = pools.filter((p) => (p.user?.pending ?? 0n) > 0n);
  const partnerOnly = pools.filter((p) => (p.user?.pending ?? 0n) === 0n && !!p.partners?.hasPending);
  return {
    stakedUsd: sum((p) => p.stakedUsd),
    userStakedUsd: sum((p) => p.user?.stakedUsd),
    pending: pendingPools.reduce((acc, p) => acc + p.user!.pending, 0n),
    pendingUsd: sum((p) => p.user?.pendingUsd),
    pendingPids: pendingPools.map((p) => p.pid),
    harvestPids: [...pendingPools, ...partnerOnly].map((p) => p.pid).sort((a, b) => a - b),
    enrolPids: pools.filter((p) => p.partners?.needsEnrol).map((p) => p.pid),
    emissionPerDay: snapshot ? snapshot.rewardPerBlock * blocksPerDay(blockSeconds) : 0n,
  };
}

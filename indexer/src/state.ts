/**
 * What every handler shares: the pairs' state (read from the chain once, when the indexer first
 * meets a pair, then followed by its events), prices at an event, the farm's row, a pool's series
 * buckets and a user's action rows. Registers no handler.
 */
import type { Context, Event } from "ponder:registry";
import { farm, farmDay, lastFlow, pair, pool, poolDay, poolHour, userAction, userDay } from "ponder:schema";
import type { Address } from "viem";

import { farmViewsAbi } from "../abis";
import type { PairState } from "../../frontend/src/lib/prices";
import { SECONDS_PER_DAY } from "../../frontend/src/lib/conventions";
import { lpUnderlying, lpUsd, marketPairAddresses, type PoolPrices, poolPrices, pricingPairAddresses, rewardPrice, tokenPrice, usd } from "../lib/pricing";
import { pairReader } from "../lib/pair-reader";
import { bucketAprs, bucketStart, dayStart, SECONDS_PER_HOUR } from "../lib/series";
import { readSettings } from "../lib/settings";

export const settings = readSettings();
export const deployment = settings.deployment;
export const FARM_ID = "farm";
/** The chain's seconds per block for APRs: the launcher's pace, else Ethereum's slot. */
const SECONDS_PER_BLOCK = deployment.blockSeconds ?? 12;

type AnyEvent = Event;
export type PairRow = typeof pair.$inferSelect;

export type PoolRow = typeof pool.$inferSelect;

export function asPairState(row: PairRow): PairState {
  return { ...row, address: row.address as Address, token0: row.token0 as Address, token1: row.token1 as Address };
}

/** The pool's copy of its pair's state (ponder.schema.ts, `pool`), from the pair's row. */
export function poolPairFields(row: PairRow) {
  return { token0: row.token0, token1: row.token1, decimals0: row.decimals0, decimals1: row.decimals1, reserve0: row.reserve0, reserve1: row.reserve1, lpSupply: row.totalSupply };
}

/** A pool's pair from the pool's row, or undefined when its LP token is not a Uniswap V2 pair. */
export function poolPair(row: PoolRow): PairState | undefined {
  const { token0, token1, decimals0, decimals1, reserve0, reserve1, lpSupply } = row;
  if (token0 === null || token1 === null || decimals0 === null || decimals1 === null || reserve0 === null || reserve1 === null || lpSupply === null) return undefined;
  return { address: row.lpToken as Address, token0: token0 as Address, token1: token1 as Address, decimals0, decimals1, reserve0, reserve1, totalSupply: lpSupply };
}

const pairs = pairReader(settings.rpcUrl, deployment.multicall3 as Address);

/**
 * The pair at `address`, read from the chain as of the block before `block` the first time (its
 * events from `block` on then keep it current). `supply`: the caller follows the LP supply (a
 * pool's pair); a price-only pair met first gets its supply read when it becomes a pool's.
 */
export async function loadPair(context: Context, address: Address, block: bigint, supply: boolean): Promise<PairRow> {
  const before = block - 1n;
  const found = await context.db.find(pair, { address });
  if (found) {
    if (!supply || found.supplyTracked) return found;
    return context.db.update(pair, { address }).set({ totalSupply: await pairs.totalSupply(address, before), supplyTracked: true });
  }
  const reading = await pairs.read(address, before);
  untracked.delete(address.toLowerCase());
  return context.db.insert(pair).values({ address, ...reading, supplyTracked: supply });
}

/** Prices at this point of the chain for a pool's pair, from the tracked pricing pairs. */
export async function pricesFor(context: Context, own: PairState): Promise<PoolPrices> {
  const ownAddress = own.address.toLowerCase();
  const others = pricingPairAddresses(deployment, [own.token0, own.token1]).filter((address) => address.toLowerCase() !== ownAddress);
  return poolPrices(deployment, own, [own, ...(await knownPairs(context, others))]);
}

/** The reward token's USD price at this point of the chain. */
export async function rewardPriceNow(context: Context): Promise<number | undefined> {
  return rewardPrice(deployment, await knownPairs(context, pricingPairAddresses(deployment, [])));
}

/**
 * `token`'s USD price at this event, from its pairs with the stablecoin and WETH: those the indexer
 * tracks (a pool's pair, a pricing pair) as they stand, and the others as of the block before
 * (a partner token's own market: nothing the farm emits names it, so no source follows it; partner
 * events are few, and one read serves every event of a block).
 */
export async function tokenPriceNow(context: Context, event: AnyEvent, token: Address): Promise<number | undefined> {
  const tracked = await knownPairs(context, pricingPairAddresses(deployment, [token]));
  const trackedAddresses = new Set(tracked.map((p) => p.address.toLowerCase()));
  const own = marketPairAddresses(deployment, token).filter((address) => !trackedAddresses.has(address.toLowerCase()));
  const read = own.length === 0 ? [] : await pairs.pairsAt(own, event.block.number - 1n, event.block.hash);
  return tokenPrice(deployment, [...tracked, ...read], token);
}

/**
 * Pricing pairs found not tracked (most tokens have a pair with WETH and none with the stablecoin).
 * Live, Ponder keeps only the rows the previous block used, so each action of a harvest-all over
 * 100 pools asked the database for its token's missing pair: 100 reads a block. Safe to remember:
 * a pair row only ever appears through `loadPair`, which forgets the address, and a reorg or a
 * restart can only take rows away (or start afresh).
 */
const untracked = new Set<string>();

async function knownPairs(context: Context, addresses: Address[]): Promise<PairState[]> {
  const rows = await Promise.all(
    addresses.map(async (address) => {
      if (untracked.has(address.toLowerCase())) return null;
      const row = await context.db.find(pair, { address });
      if (!row) untracked.add(address.toLowerCase());
      return row;
    }),
  );
  return rows.filter((r): r is PairRow => r !== null).map(asPairState);
}

export async function farmRow(context: Context) {
  const row = await context.db.find(farm, { id: FARM_ID });
  if (!row) throw new Error("the farm's row is made by Farm:setup before any event");
  return row;
}

/**
 * Reads the farm's remaining budget and emission end when the hour changed since the last read
 * (they move every block; an hourly reading is what the series shows), or when `force`d by an
 * admin change, and records the farm's day.
 */
export async function touchFarm(context: Context, event: AnyEvent, force = false) {
  let row = await farmRow(context);
  const { number, timestamp } = event.block;
  if (force || bucketStart(row.timestamp, SECONDS_PER_HOUR) !== bucketStart(timestamp, SECONDS_PER_HOUR) || row.readBlock === 0n) {
    const read = (functionName: "rewardsRemaining" | "emissionEndBlock") =>
      context.client.readContract({ abi: farmViewsAbi, address: deployment.farm as Address, functionName, blockNumber: number });
    const [rewardsRemaining, emissionEndBlock] = await Promise.all([read("rewardsRemaining"), read("emissionEndBlock")]);
    row = await context.db.update(farm, { id: FARM_ID }).set({ rewardsRemaining, emissionEndBlock, readBlock: number });
  }
  // Written once a block and only on a change: a harvest-all of a hundred pools is a hundred
  // events in one block, and every write costs (most, live, when each block is committed).
  if (row.block !== number) row = await context.db.update(farm, { id: FARM_ID }).set({ block: number, timestamp });
  const day = dayStart(timestamp);
  const state = { rewardPerBlock: row.rewardPerBlock, rewardsRemaining: row.rewardsRemaining, stakers: row.stakers };
  const today = await context.db.find(farmDay, { day });
  if (!today) await context.db.insert(farmDay).values({ day, rewardsPaid: 0n, rewardsPaidUsd: 0, ...state, block: number });
  else if (today.rewardPerBlock !== state.rewardPerBlock || today.rewardsRemaining !== state.rewardsRemaining || today.stakers !== state.stakers) {
    await context.db.update(farmDay, { day }).set({ ...state, block: number });
  }
  return row;
}

/** Brings pool `pid`'s hour and day buckets to this event: prices, stake, allocation, `volumeUsd` more. */
export async function touchPoolSeries(context: Context, event: AnyEvent, pid: number, volumeUsd = 0, swaps = 0): Promise<void> {
  const poolRow = await context.db.find(pool, { pid });
  if (!poolRow) return;
  const own = poolPair(poolRow);
  const f = await farmRow(context);
  const prices = own ? await pricesFor(context, own) : {};
  const stakedUsd = lpUsd(poolRow.totalStaked, prices.lpPrice);
  for (const [table, length] of [[poolHour, SECONDS_PER_HOUR], [poolDay, SECONDS_PER_DAY]] as const) {
    const start = bucketStart(event.block.timestamp, length);
    const id = `${pid}:${start}`;
    const before = await context.db.find(table, { id });
    const volume = (before?.volumeUsd ?? 0) + volumeUsd;
    const aprs = bucketAprs({
      rewardPerBlock: f.rewardPerBlock, rewardDecimals: f.rewardDecimals, allocPoint: poolRow.allocPoint, totalAllocPoint: f.totalAllocPoint,
      rewardPriceUsd: prices.rewardPrice, stakedUsd, reserveUsd: prices.reserveUsd, volumeUsd: volume, bucketSeconds: length,
      secondsPerBlock: SECONDS_PER_BLOCK, finished: f.rewardsRemaining === 0n && f.readBlock > 0n,
    });
    const values = {
      staked: poolRow.totalStaked, stakedUsd, reserveUsd: prices.reserveUsd, lpPriceUsd: prices.lpPrice,
      price0Usd: prices.price0, price1Usd: prices.price1, rewardPriceUsd: prices.rewardPrice,
      allocPoint: poolRow.allocPoint, totalAllocPoint: f.totalAllocPoint, rewardPerBlock: f.rewardPerBlock,
      volumeUsd: volume, swaps: (before?.swaps ?? 0) + swaps, ...aprs, block: event.block.number,
    };
    if (before) await context.db.update(table, { id }).set(values);
    else await context.db.insert(table).values({ id, pid, start, ...values });
  }
}

/** What a handler knows of an action; the rest (prices, token amounts, USD) is filled in here. */
export interface ActionInput {
  user: Address;
  pid: number;
  kind: string;
  lp?: bigint;
  reward?: bigint;
  detail?: Record<string, string>;
}

/** Records a user's action with its USD values at this event, and its reward in the user's day. */
export async function recordAction(context: Context, event: AnyEvent, input: ActionInput): Promise<void> {
  const poolRow = await context.db.find(pool, { pid: input.pid });
  const own = poolRow ? poolPair(poolRow) : undefined;
  const prices: PoolPrices = own ? await pricesFor(context, own) : { rewardPrice: await rewardPriceNow(context) };
  const lp = input.lp ?? 0n;
  const reward = input.reward ?? 0n;
  const { amount0, amount1 } = own ? lpUnderlying(own, lp) : { amount0: 0n, amount1: 0n };
  const f = await farmRow(context);
  const rewardUsd = usd(reward, f.rewardDecimals, prices.rewardPrice);
  await context.db.insert(userAction).values({
    id: event.id, user: input.user, pid: input.pid, kind: input.kind, lp, amount0, amount1, reward,
    lpPriceUsd: prices.lpPrice, price0Usd: prices.price0, price1Usd: prices.price1, rewardPriceUsd: prices.rewardPrice,
    valueUsd: lpUsd(lp, prices.lpPrice), rewardUsd, detail: input.detail ?? null,
    block: event.block.number, timestamp: event.block.timestamp, txHash: event.transaction.hash, logIndex: event.log.logIndex,
  });
  if (input.kind === "deposit" || input.kind === "withdraw") {
    const flow = { txHash: event.transaction.hash, user: input.user, pid: input.pid, actionId: event.id };
    await context.db.insert(lastFlow).values({ id: "last", ...flow }).onConflictDoUpdate(flow);
  }
  if (reward > 0n) {
    const day = dayStart(event.block.timestamp);
    const id = `${input.user.toLowerCase()}:${day}`;
    const before = await context.db.find(userDay, { id });
    if (before) await context.db.update(userDay, { id }).set({ reward: before.reward + reward, rewardUsd: before.rewardUsd + (rewardUsd ?? 0) });
    else await context.db.insert(userDay).values({ id, user: input.user, day, reward, rewardUsd: rewardUsd ?? 0 });
  }
}

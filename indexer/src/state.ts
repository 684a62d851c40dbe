/**
 * What every handler shares: the pairs' state (read from the chain once, when the indexer first
 * meets a pair, then followed by its events), prices at an event, the farm's row, a pool's series
 * buckets and a user's action rows. Registers no handler.
 */
import type { Context, Event } from "ponder:registry";
import { farm, farmDay, lastFlow, pair, pool, poolDay, poolHour, userAction, userDay } from "ponder:schema";
import type { Address } from "viem";

import { farmViewsAbi, pairViewsAbi } from "../abis";
import type { PairState } from "../../frontend/src/lib/prices";
import { SECONDS_PER_DAY } from "../../frontend/src/lib/conventions";
import { lpUnderlying, lpUsd, type PoolPrices, poolPrices, pricingPairAddresses, rewardPrice, usd } from "../lib/pricing";
import { bucketAprs, bucketStart, dayStart, SECONDS_PER_HOUR } from "../lib/series";
import { readSettings } from "../lib/settings";

export const settings = readSettings();
export const deployment = settings.deployment;
export const FARM_ID = "farm";
/** The chain's seconds per block for APRs: the launcher's pace, else Ethereum's slot. */
const SECONDS_PER_BLOCK = deployment.blockSeconds ?? 12;

type AnyEvent = Event;
export type PairRow = typeof pair.$inferSelect;

function asPairState(row: PairRow): PairState {
  return { ...row, address: row.address as Address, token0: row.token0 as Address, token1: row.token1 as Address };
}

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
    const totalSupply = await context.client.readContract({ abi: pairViewsAbi, address, functionName: "totalSupply", blockNumber: before });
    return context.db.update(pair, { address }).set({ totalSupply, supplyTracked: true });
  }
  // A pair created in this block had no state before it: it starts empty.
  const code = await context.client.getCode({ address, blockNumber: before });
  const existed = code !== undefined && code !== "0x";
  // Two multicalls, not nine reads: a world of 1,000 pools meets 1,000 pairs at once.
  const multicallAddress = deployment.multicall3 as Address;
  const [token0, token1, reserves, totalSupply] = await context.client.multicall({
    contracts: (["token0", "token1", "getReserves", "totalSupply"] as const).map((functionName) => ({ abi: pairViewsAbi, address, functionName })),
    allowFailure: false,
    multicallAddress,
    blockNumber: existed ? before : block,
  });
  const details = await context.client.multicall({
    contracts: [token0 as Address, token1 as Address].flatMap((token) =>
      (["symbol", "decimals"] as const).map((functionName) => ({ abi: pairViewsAbi, address: token, functionName })),
    ),
    multicallAddress,
    blockNumber: block,
  });
  const [symbol0, decimals0, symbol1, decimals1] = details.map((d) => d.result);
  return context.db.insert(pair).values({
    address, token0: token0 as Address, token1: token1 as Address,
    symbol0: String(symbol0 ?? "?"), symbol1: String(symbol1 ?? "?"), decimals0: Number(decimals0 ?? 18), decimals1: Number(decimals1 ?? 18),
    reserve0: existed ? (reserves as readonly bigint[])[0] : 0n, reserve1: existed ? (reserves as readonly bigint[])[1] : 0n,
    totalSupply: existed ? (totalSupply as bigint) : 0n, supplyTracked: supply,
  });
}

/** Prices at this point of the chain for a pool's pair, from the tracked pricing pairs. */
export async function pricesFor(context: Context, row: PairRow): Promise<PoolPrices> {
  const known = await knownPairs(context, pricingPairAddresses(deployment, [row.token0 as Address, row.token1 as Address]));
  const own = asPairState(row);
  return poolPrices(deployment, own, [own, ...known.filter((p) => p.address.toLowerCase() !== own.address.toLowerCase())]);
}

/** The reward token's USD price at this point of the chain. */
export async function rewardPriceNow(context: Context): Promise<number | undefined> {
  return rewardPrice(deployment, await knownPairs(context, pricingPairAddresses(deployment, [])));
}

async function knownPairs(context: Context, addresses: Address[]): Promise<PairState[]> {
  const rows = await Promise.all(addresses.map((address) => context.db.find(pair, { address })));
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
  const pairRow = await context.db.find(pair, { address: poolRow.lpToken });
  const f = await farmRow(context);
  const prices = pairRow ? await pricesFor(context, pairRow) : {};
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
  const pairRow = poolRow ? await context.db.find(pair, { address: poolRow.lpToken }) : null;
  const prices: PoolPrices = pairRow ? await pricesFor(context, pairRow) : { rewardPrice: await rewardPriceNow(context) };
  const lp = input.lp ?? 0n;
  const reward = input.reward ?? 0n;
  const { amount0, amount1 } = pairRow ? lpUnderlying(asPairState(pairRow), lp) : { amount0: 0n, amount1: 0n };
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

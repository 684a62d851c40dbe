/**
 * The farm's events: pools and their stakes, every user action (with the reward a deposit, a
 * withdrawal or a lock paid, which the farm shows only as the reward token's mint: see
 * src/reward-token.ts), and the admin changes the series need.
 */
import { type Context, type Event, ponder } from "ponder:registry";
import { farm, pair, pendingMint, pool, position, staker } from "ponder:schema";
import type { Address } from "viem";

import { pairViewsAbi } from "../abis";
import { deployment, FARM_ID, loadPair, poolPairFields, recordAction, touchFarm, touchPoolSeries } from "./state";

ponder.on("Farm:setup", async ({ context }) => {
  const reward = deployment.rewardToken as Address;
  const [rewardSymbol, rewardDecimals] = await Promise.all([
    context.client.readContract({ abi: pairViewsAbi, address: reward, functionName: "symbol" }).catch(() => "RWD"),
    context.client.readContract({ abi: pairViewsAbi, address: reward, functionName: "decimals" }).catch(() => 18),
  ]);
  await context.db.insert(farm).values({
    id: FARM_ID, rewardToken: reward, rewardSymbol, rewardDecimals: Number(rewardDecimals),
    rewardPerBlock: 0n, totalAllocPoint: 0n, pools: 0, stakers: 0, paused: false,
    rewardsPaid: 0n, rewardsPaidUsd: 0, rewardsRemaining: 0n, emissionEndBlock: 0n, readBlock: 0n, block: 0n, timestamp: 0n,
  });
});

/** The reward the farm minted to `user` earlier in this transaction, claimed by this action. */
async function claimMint(context: Context, event: Event, user: Address): Promise<bigint> {
  const id = `${event.transaction.hash}:${user.toLowerCase()}`;
  const mint = await context.db.find(pendingMint, { id });
  if (!mint) return 0n;
  await context.db.delete(pendingMint, { id });
  return mint.amount;
}

/** Moves `user`'s LP in pool `pid` by `delta`, keeping the pool's and the farm's staker counts. */
async function moveStake(context: Context, pid: number, user: Address, delta: bigint): Promise<void> {
  const id = `${pid}:${user.toLowerCase()}`;
  const before = (await context.db.find(position, { id }))?.staked ?? 0n;
  const after = before + delta;
  await context.db.insert(position).values({ id, pid, user, staked: after }).onConflictDoUpdate({ staked: after });
  const poolRow = await context.db.find(pool, { pid });
  if (!poolRow) return;
  const joined = before === 0n && after > 0n;
  const left = before > 0n && after === 0n;
  await context.db.update(pool, { pid }).set({
    totalStaked: poolRow.totalStaked + delta,
    stakers: poolRow.stakers + (joined ? 1 : left ? -1 : 0),
  });
  if (!joined && !left) return;
  const pools = ((await context.db.find(staker, { address: user }))?.pools ?? 0) + (joined ? 1 : -1);
  await context.db.insert(staker).values({ address: user, pools }).onConflictDoUpdate({ pools });
  const change = joined && pools === 1 ? 1 : left && pools === 0 ? -1 : 0;
  if (change !== 0) {
    const f = await context.db.find(farm, { id: FARM_ID });
    await context.db.update(farm, { id: FARM_ID }).set({ stakers: f!.stakers + change });
  }
}

ponder.on("Farm:PoolAdded", async ({ event, context }) => {
  const pid = Number(event.args.pid);
  const lpToken = event.args.lpToken;
  let pairFields = {};
  try {
    await loadPair(context, lpToken, event.block.number, true);
    pairFields = poolPairFields(await context.db.update(pair, { address: lpToken }).set({ pid }));
  } catch {
    // Not a Uniswap V2 pair (the farm takes any token): its actions are recorded without USD.
  }
  await context.db.insert(pool).values({
    pid, lpToken, allocPoint: event.args.allocPoint, totalStaked: 0n, stakers: 0, volumeUsd: 0,
    addedBlock: event.block.number, addedAt: event.block.timestamp, ...pairFields,
  });
  const f = await context.db.find(farm, { id: FARM_ID });
  await context.db.update(farm, { id: FARM_ID }).set({ pools: f!.pools + 1, totalAllocPoint: f!.totalAllocPoint + event.args.allocPoint });
  await touchFarm(context, event);
  await touchPoolSeries(context, event, pid);
});

ponder.on("Farm:PoolSet", async ({ event, context }) => {
  const pid = Number(event.args.pid);
  const before = await context.db.find(pool, { pid });
  if (!before) return;
  await context.db.update(pool, { pid }).set({ allocPoint: event.args.allocPoint });
  const f = await context.db.find(farm, { id: FARM_ID });
  await context.db.update(farm, { id: FARM_ID }).set({ totalAllocPoint: f!.totalAllocPoint - before.allocPoint + event.args.allocPoint });
  await touchFarm(context, event, true);
  await touchPoolSeries(context, event, pid);
});

ponder.on("Farm:RewardPerBlockSet", async ({ event, context }) => {
  await context.db.update(farm, { id: FARM_ID }).set({ rewardPerBlock: event.args.newRewardPerBlock });
  await touchFarm(context, event, true);
});

ponder.on("Farm:Paused", async ({ event, context }) => {
  await context.db.update(farm, { id: FARM_ID }).set({ paused: true });
  await touchFarm(context, event);
});

ponder.on("Farm:Unpaused", async ({ event, context }) => {
  await context.db.update(farm, { id: FARM_ID }).set({ paused: false });
  await touchFarm(context, event);
});

ponder.on("Farm:Deposit", async ({ event, context }) => {
  const { user, amount } = event.args;
  const pid = Number(event.args.pid);
  await moveStake(context, pid, user, amount);
  await recordAction(context, event, { user, pid, kind: "deposit", lp: amount, reward: await claimMint(context, event, user) });
  await touchFarm(context, event);
  await touchPoolSeries(context, event, pid);
});

ponder.on("Farm:Withdraw", async ({ event, context }) => {
  const { user, amount } = event.args;
  const pid = Number(event.args.pid);
  await moveStake(context, pid, user, -amount);
  await recordAction(context, event, { user, pid, kind: "withdraw", lp: amount, reward: await claimMint(context, event, user) });
  await touchFarm(context, event);
  await touchPoolSeries(context, event, pid);
});

ponder.on("Farm:EmergencyWithdraw", async ({ event, context }) => {
  const { user, amount } = event.args;
  const pid = Number(event.args.pid);
  await moveStake(context, pid, user, -amount);
  await recordAction(context, event, { user, pid, kind: "emergencyWithdraw", lp: amount });
  await touchFarm(context, event);
  await touchPoolSeries(context, event, pid);
});

ponder.on("Farm:Harvest", async ({ event, context }) => {
  const { user, amount } = event.args;
  // The one mint of a harvest comes after its Harvest events: it is theirs, not an action's.
  const marker = `${event.transaction.hash}:harvest`;
  if (!(await context.db.find(pendingMint, { id: marker }))) await context.db.insert(pendingMint).values({ id: marker, amount: 0n });
  await recordAction(context, event, { user, pid: Number(event.args.pid), kind: "harvest", reward: amount });
  await touchFarm(context, event);
});

ponder.on("Farm:RewardDeferred", async ({ event, context }) => {
  const { user, amount } = event.args;
  await recordAction(context, event, { user, pid: Number(event.args.pid), kind: "rewardDeferred", detail: { heldForLater: amount.toString() } });
});

ponder.on("Farm:Locked", async ({ event, context }) => {
  const { user, added, locked, boostBps, endBlock, penaltyBps } = event.args;
  const pid = Number(event.args.pid);
  // LP locked from the wallet joins the stake (the farm emits no Deposit for it).
  if (added > 0n) await moveStake(context, pid, user, added);
  await recordAction(context, event, {
    user, pid, kind: "lock", lp: added, reward: await claimMint(context, event, user),
    detail: { locked: locked.toString(), boostBps: boostBps.toString(), endBlock: endBlock.toString(), penaltyBps: penaltyBps.toString() },
  });
  await touchFarm(context, event);
  await touchPoolSeries(context, event, pid);
});

ponder.on("Farm:LockExited", async ({ event, context }) => {
  const { user, returned, penalty } = event.args;
  const pid = Number(event.args.pid);
  await moveStake(context, pid, user, -(returned + penalty));
  await recordAction(context, event, {
    user, pid, kind: "lockExit", lp: returned, reward: await claimMint(context, event, user), detail: { penalty: penalty.toString() },
  });
  await touchFarm(context, event);
  await touchPoolSeries(context, event, pid);
});

ponder.on("Farm:Unlocked", async ({ event, context }) => {
  const { user, amount } = event.args;
  await recordAction(context, event, { user, pid: Number(event.args.pid), kind: "unlock", lp: amount });
});

ponder.on("Farm:EmergencyUnlocked", async ({ event, context }) => {
  await touchFarm(context, event, true);
});

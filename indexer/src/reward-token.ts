/**
 * The reward token's mints, all of them the farm's: it pays every reward by minting. A harvest's
 * reward is in its Harvest events (the mint follows them); a deposit's, withdrawal's or lock's is
 * only in the mint before its event, kept here until that event claims it (src/farm.ts).
 */
import { ponder } from "ponder:registry";
import { farm, farmDay, pendingMint } from "ponder:schema";

import { usd } from "../lib/pricing";
import { dayStart } from "../lib/series";
import { FARM_ID, rewardPriceNow } from "./state";

ponder.on("RewardToken:Transfer", async ({ event, context }) => {
  const { to, value } = event.args;
  const f = await context.db.find(farm, { id: FARM_ID });
  if (!f) return;
  const valueUsd = usd(value, f.rewardDecimals, await rewardPriceNow(context)) ?? 0;
  await context.db.update(farm, { id: FARM_ID }).set({ rewardsPaid: f.rewardsPaid + value, rewardsPaidUsd: f.rewardsPaidUsd + valueUsd });
  const day = dayStart(event.block.timestamp);
  const today = await context.db.find(farmDay, { day });
  if (today) await context.db.update(farmDay, { day }).set({ rewardsPaid: today.rewardsPaid + value, rewardsPaidUsd: today.rewardsPaidUsd + valueUsd });
  else {
    await context.db.insert(farmDay).values({
      day, rewardsPaid: value, rewardsPaidUsd: valueUsd, rewardPerBlock: f.rewardPerBlock, rewardsRemaining: f.rewardsRemaining,
      stakers: f.stakers, block: event.block.number,
    });
  }

  const marker = `${event.transaction.hash}:harvest`;
  if (await context.db.find(pendingMint, { id: marker })) {
    await context.db.delete(pendingMint, { id: marker });
    return;
  }
  const id = `${event.transaction.hash}:${to.toLowerCase()}`;
  await context.db
    .insert(pendingMint)
    .values({ id, amount: value })
    .onConflictDoUpdate((row) => ({ amount: row.amount + value }));
});

/**
 * The partner rewarder's events (IPartnerRewarder): each partner token paid to a staker or left
 * owed is a row of the staker's history; each stream funded or reclaimed, a row of its sponsor's.
 * The token's symbol and decimals are read once per token; its USD price comes from its pairs with
 * the stablecoin or WETH (state.ts, tokenPriceNow), or is null when it has neither. Each event costs
 * a few row reads and at most one call per block: no per-pool work.
 */
import { type Context, type Event, ponder } from "ponder:registry";
import { partnerToken, userAction } from "ponder:schema";
import type { Address } from "viem";

import { pairViewsAbi } from "../abis";
import type { ActionKind } from "../api-types";
import { usd } from "../lib/pricing";
import { tokenPriceNow } from "./state";

/** The token's symbol and decimals: from its row, or read from the chain the first time. */
async function tokenInfo(context: Context, address: Address): Promise<{ symbol: string; decimals: number }> {
  const known = await context.db.find(partnerToken, { address });
  if (known) return known;
  // A token without symbol() or decimals() (both optional in ERC-20) gets its address and 18.
  const [symbol, decimals] = await Promise.all([
    context.client.readContract({ abi: pairViewsAbi, address, functionName: "symbol" }).catch(() => `${address.slice(0, 6)}…${address.slice(-4)}`),
    context.client.readContract({ abi: pairViewsAbi, address, functionName: "decimals" }).catch(() => 18),
  ]);
  return context.db.insert(partnerToken).values({ address, symbol, decimals: Number(decimals) });
}

interface PartnerInput {
  user: Address;
  pid: bigint;
  kind: ActionKind;
  token: Address;
  amount: bigint;
  to?: Address;
  detail?: Record<string, string>;
}

/** One row of `user`'s history for a partner token moved (or owed) at this event, with its USD then. */
async function recordPartner(context: Context, event: Event, input: PartnerInput): Promise<void> {
  const { symbol, decimals } = await tokenInfo(context, input.token);
  const price = await tokenPriceNow(context, event, input.token);
  await context.db.insert(userAction).values({
    id: event.id, user: input.user, pid: Number(input.pid), kind: input.kind, lp: 0n, amount0: 0n, amount1: 0n, reward: 0n,
    detail: input.detail ?? null,
    partnerToken: input.token, partnerSymbol: symbol, partnerDecimals: decimals, partnerAmount: input.amount, partnerTo: input.to ?? null,
    partnerPriceUsd: price ?? null, partnerUsd: usd(input.amount, decimals, price) ?? null,
    block: event.block.number, timestamp: event.block.timestamp, txHash: event.transaction.hash, logIndex: event.log.logIndex,
  });
}

ponder.on("PartnerRewarder:PartnerRewardPaid", async ({ event, context }) => {
  const { user, pid, token, amount, to } = event.args;
  await recordPartner(context, event, { user, pid, kind: "partner", token, amount, to });
});

// The event's amount is all that is owed to the user in that token there now, not what was added.
ponder.on("PartnerRewarder:PartnerRewardOwed", async ({ event, context }) => {
  const { user, pid, token, amount } = event.args;
  await recordPartner(context, event, { user, pid, kind: "partnerOwed", token, amount });
});

ponder.on("PartnerRewarder:StreamFunded", async ({ event, context }) => {
  const { pid, token, sponsor, amount, streaming, endBlock } = event.args;
  await recordPartner(context, event, {
    user: sponsor, pid, kind: "streamFunded", token, amount, detail: { streaming: streaming.toString(), endBlock: endBlock.toString() },
  });
});

ponder.on("PartnerRewarder:StreamReclaimed", async ({ event, context }) => {
  const { pid, token, sponsor, amount } = event.args;
  await recordPartner(context, event, { user: sponsor, pid, kind: "streamReclaimed", token, amount, to: sponsor });
});

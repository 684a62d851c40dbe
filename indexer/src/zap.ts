/**
 * The zap's events. Each follows the farm's Deposit (zap in, compound) or Withdraw (zap out) it
 * caused, already recorded with its LP, reward and USD values: the zap event turns that action
 * into a zapIn, compound, zapOut or zapOutTo and adds what only the zap knows (what went in, what
 * came out, what was left over). A compound's harvests stay harvests: they are the earnings.
 */
import { type Context, type Event, ponder } from "ponder:registry";
import { lastFlow, userAction } from "ponder:schema";
import type { Address } from "viem";

import type { ActionKind } from "../api-types";
import { recordAction } from "./state";

/**
 * Turns the farm action this zap event follows into `kind`; were there none (a zap that did not
 * go through the farm's Deposit or Withdraw), records the zap on its own with its `lp`.
 */
async function retag(context: Context, event: Event, user: Address, pid: bigint, kind: ActionKind, lp: bigint, detail: Record<string, string>) {
  const flow = await context.db.find(lastFlow, { id: "last" });
  const ours = flow && flow.txHash === event.transaction.hash && flow.user.toLowerCase() === user.toLowerCase() && flow.pid === Number(pid);
  if (!ours) return recordAction(context, event, { user, pid: Number(pid), kind, lp, detail });
  const action = await context.db.find(userAction, { id: flow.actionId });
  await context.db.update(userAction, { id: flow.actionId }).set({ kind, detail: { ...(action?.detail ?? {}), ...detail } });
}

ponder.on("FarmZap:ZappedIn", async ({ event, context }) => {
  const { user, pid, tokenIn, amountIn, liquidity, leftover0, leftover1 } = event.args;
  await retag(context, event, user, pid, "zapIn", liquidity, {
    tokenIn, amountIn: amountIn.toString(), leftover0: leftover0.toString(), leftover1: leftover1.toString(),
  });
});

ponder.on("FarmZap:Compounded", async ({ event, context }) => {
  const { user, pid, reward, liquidity, leftover0, leftover1 } = event.args;
  await retag(context, event, user, pid, "compound", liquidity, { rewardIn: reward.toString(), leftover0: leftover0.toString(), leftover1: leftover1.toString() });
});

ponder.on("FarmZap:ZappedOut", async ({ event, context }) => {
  const { user, pid, liquidity, amount0, amount1 } = event.args;
  await retag(context, event, user, pid, "zapOut", liquidity, { received0: amount0.toString(), received1: amount1.toString() });
});

ponder.on("FarmZap:ZappedOutTo", async ({ event, context }) => {
  const { user, pid, liquidity, tokenOut, amountOut } = event.args;
  await retag(context, event, user, pid, "zapOutTo", liquidity, { tokenOut, amountOut: amountOut.toString() });
});

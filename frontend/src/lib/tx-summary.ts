/**
 * What a confirmed farm transaction did, in the words of its notice: "Harvested 0.65 RWD
 * ($0.98)." from the farm's own events in the receipt, so the notice says what happened, not what
 * was asked for.
 */
import { type Address, isAddressEqual } from "viem";

import { LP_DECIMALS } from "./conventions";
import { formatSignificant, formatTokenAmount, formatUsd } from "./format";
import { type LockEvent, lockSentences } from "./locks-summary";
import { toDecimalNumber } from "./units";

export type FarmEventName = "Deposit" | "Withdraw" | "Harvest" | "EmergencyWithdraw" | "RewardDeferred";

/** A farm event as decoded from a receipt (each has a user, a pool and an amount). */
export interface FarmEvent {
  eventName: FarmEventName;
  args: { user: Address; pid: bigint; amount: bigint };
}

export interface SummaryContext {
  /** Whose events to tell: the sender, or the recipient of a deposit made for them. */
  user: Address;
  reward: { symbol: string; decimals: number; priceUsd: number };
  /** A pool's name and the USD value of one whole LP token (undefined without a price). */
  pool: (pid: number) => { name: string; lpPriceUsd?: number };
}

/** The sentences for the user's events, or undefined when the receipt has none of theirs. */
export function summarizeFarmEvents(events: readonly (FarmEvent | LockEvent)[], context: SummaryContext): string | undefined {
  const all = events.filter((e) => isAddressEqual(e.args.user, context.user));
  const mine = all.filter((e): e is FarmEvent => !isLockEvent(e));
  const sentences = [
    ...lockSentences(all.filter(isLockEvent), context.pool),
    ...lpSentences(mine, "Deposit", "Staked", context),
    ...lpSentences(mine, "Withdraw", "Unstaked", context),
    ...lpSentences(mine, "EmergencyWithdraw", "Withdrew", context, " in an emergency, forgoing its reward"),
    rewardSentence(mine, "Harvest", context, (amount, pools) => `Harvested ${amount}${pools}.`),
    rewardSentence(mine, "RewardDeferred", context, (amount) => `${amount} of reward stays yours in the farm while it is paused.`),
  ].filter((s): s is string => s !== undefined);
  return sentences.length === 0 ? undefined : sentences.join(" ");
}

function isLockEvent(event: FarmEvent | LockEvent): event is LockEvent {
  return event.eventName === "Locked" || event.eventName === "LockExited" || event.eventName === "Unlocked";
}

function lpSentences(events: readonly FarmEvent[], name: FarmEventName, verb: string, context: SummaryContext, tail = ""): string[] {
  return events
    .filter((e) => e.eventName === name)
    .map(({ args }) => {
      const pool = context.pool(Number(args.pid));
      const usd = pool.lpPriceUsd === undefined ? "" : ` (${formatUsd(toDecimalNumber(args.amount, LP_DECIMALS) * pool.lpPriceUsd)})`;
      return `${verb} ${formatSignificant(args.amount, LP_DECIMALS)} ${pool.name} LP${usd}${tail}.`;
    });
}

/** One sentence for all of a kind of reward event (harvestAll pays from many pools at once). */
function rewardSentence(
  events: readonly FarmEvent[],
  name: FarmEventName,
  context: SummaryContext,
  sentence: (amount: string, pools: string) => string,
): string | undefined {
  const paid = events.filter((e) => e.eventName === name);
  if (paid.length === 0) return undefined;
  const total = paid.reduce((sum, e) => sum + e.args.amount, 0n);
  const { symbol, decimals, priceUsd } = context.reward;
  const amount = `${formatTokenAmount(total, decimals)} ${symbol} (${formatUsd(toDecimalNumber(total, decimals) * priceUsd)})`;
  return sentence(amount, paid.length > 1 ? ` from ${paid.length} pools` : "");
}

/**
 * What a confirmed transaction did to the user's lock, in the words of its notice, from the farm's
 * lock events in the receipt (IFarmLocks): "Locked 1.5 DAI/WETH LP ($3,000.00): 4 LP at 2× until
 * block 1,200.", "Left the DAI/WETH lock early: 3.5 DAI/WETH LP ($7,000.00) back, 0.5 DAI/WETH LP
 * ($1,000.00) to 0xf39F…2266 as the penalty."
 */
import type { Address } from "viem";

import { LP_DECIMALS } from "./conventions";
import { formatSignificant, formatUsd, shortHex } from "./format";
import { formatBoost } from "./locks";
import { toDecimalNumber } from "./units";

export type LockEvent =
  | {
      eventName: "Locked";
      args: { user: Address; pid: bigint; added: bigint; locked: bigint; boostBps: bigint; endBlock: bigint; penaltyBps: bigint; penaltyRecipient: Address };
    }
  | { eventName: "LockExited"; args: { user: Address; pid: bigint; returned: bigint; penalty: bigint; penaltyRecipient: Address } }
  | { eventName: "Unlocked"; args: { user: Address; pid: bigint; amount: bigint } };

export const LOCK_EVENTS = ["Locked", "LockExited", "Unlocked"] as const;

/** A pool's name and the USD value of one whole LP token (undefined without a price). */
type PoolOf = (pid: number) => { name: string; lpPriceUsd?: number };

/** The sentences for `events` (the user's own), in order. */
export function lockSentences(events: readonly LockEvent[], poolOf: PoolOf): string[] {
  return events.map((event) => {
    const pool = poolOf(Number(event.args.pid));
    const lp = (amount: bigint) => {
      const usd = pool.lpPriceUsd === undefined ? "" : ` (${formatUsd(toDecimalNumber(amount, LP_DECIMALS) * pool.lpPriceUsd)})`;
      return `${formatSignificant(amount, LP_DECIMALS)} ${pool.name} LP${usd}`;
    };
    const block = (n: bigint) => n.toLocaleString("en-US");
    switch (event.eventName) {
      case "Locked": {
        const { added, locked, boostBps, endBlock } = event.args;
        const terms = `${formatSignificant(locked, LP_DECIMALS)} LP at ${formatBoost(boostBps)} until block ${block(endBlock)}`;
        return added === 0n ? `Extended the ${pool.name} lock: ${terms}.` : `Locked ${lp(added)}: ${terms}.`;
      }
      case "LockExited": {
        const { returned, penalty, penaltyRecipient } = event.args;
        return `Left the ${pool.name} lock early: ${lp(returned)} back, ${lp(penalty)} to ${shortHex(penaltyRecipient)} as the penalty.`;
      }
      case "Unlocked":
        return `The ended ${pool.name} lock's ${formatSignificant(event.args.amount, LP_DECIMALS)} LP joined your unlocked stake.`;
    }
  });
}

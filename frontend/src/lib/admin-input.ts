/**
 * What the owner types on the admin page, checked before any review: a reward rate (0 is valid:
 * it stops emission) and allocation points. Each refusal is a sentence saying what to type.
 */
import { checkAmount } from "./amount";
import { MAX_ALLOC_POINT } from "./allocation";
import { MAX_REWARD_PER_BLOCK } from "./emission";
import { formatTokenAmount } from "./format";

/** Either the value, or a sentence saying what to fix. */
export type InputCheck = { ok: true; value: bigint } | { ok: false; reason: string };

/** "0", "0.0", ".0", "000.": a zero written any plain way. */
const PLAIN_ZERO = /^(?:0+\.?0*|\.0+)$/;
const WHOLE_NUMBER = /^\d+$/;

/** A new reward per block, in the reward token's base units; `current` is refused as no change. */
export function checkRewardPerBlock(input: string, decimals: number, symbol: string, current?: bigint): InputCheck {
  const text = input.trim();
  let value: bigint;
  if (PLAIN_ZERO.test(text)) value = 0n;
  else {
    const amount = checkAmount(text, decimals, MAX_REWARD_PER_BLOCK, "the farm's largest rate");
    if (!amount.ok) return amount;
    value = amount.wei;
  }
  if (value === current) {
    return { ok: false, reason: `The emission is already ${formatTokenAmount(value, decimals, decimals)} ${symbol} per block.` };
  }
  return { ok: true, value };
}

/** Allocation points for a pool: a whole number up to the farm's limit; `current` is refused as no change. */
export function checkAllocPoints(input: string, current?: bigint): InputCheck {
  const text = input.trim();
  if (text === "") return { ok: false, reason: "Enter a number of points, like 20." };
  if (!WHOLE_NUMBER.test(text)) return { ok: false, reason: "Enter a whole number of points, like 20 (0 stops the pool earning)." };
  const value = BigInt(text);
  if (value > MAX_ALLOC_POINT) return { ok: false, reason: `At most ${MAX_ALLOC_POINT.toLocaleString("en-US")} points per pool: the farm's limit.` };
  if (value === current) return { ok: false, reason: `The pool has ${value.toLocaleString("en-US")} points already.` };
  return { ok: true, value };
}

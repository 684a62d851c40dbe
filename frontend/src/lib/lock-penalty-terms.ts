/**
 * The early-exit terms new locks get (IFarmLocks.setEarlyExitPenalty): a rate, in basis points of
 * the locked LP, for leaving at the very start of a lock (it shrinks with the time left), and the
 * address the penalty goes to. What the owner types is checked as the farm checks it (the rate
 * at most the farm's cap, 50%; the recipient neither the zero address nor the farm), and the
 * review says what changes, what an exit would cost, and what stays as it was.
 */
import { type Address, getAddress, isAddress, isAddressEqual, zeroAddress } from "viem";

import { withDecimalPoint } from "./amount";
import { formatNumber } from "./format";
import { BPS, type LockLimits } from "./lock-tiers";

export interface PenaltyTerms {
  penaltyBps: bigint;
  recipient: Address;
}

/** Each field's sentence where it is wrong, or one for the whole when nothing would change. */
export type PenaltyCheck =
  | { ok: true; terms: PenaltyTerms }
  | { ok: false; rate?: string; recipient?: string; unchanged?: string };

/** A plain decimal, after a decimal comma was read as a point. */
const PLAIN_DECIMAL = /^(?:\d+\.?\d*|\.\d+)$/;
/** A rate in percent has 2 decimals: the farm counts it in basis points. */
const PERCENT_DECIMALS = 2;

/** 1,000 bps → "10%", 1,250 → "12.5%", 1 → "0.01%". */
export function formatBps(bps: bigint): string {
  const whole = bps / 100n;
  const fraction = (bps % 100n).toString().padStart(PERCENT_DECIMALS, "0").replace(/0+$/, "");
  return `${whole}${fraction ? `.${fraction}` : ""}%`;
}

/** A typed rate in percent ("10", "12.5", "12,5", "12.5%") in basis points, or a sentence. */
export function checkPenaltyRate(input: string, limits: Pick<LockLimits, "maxPenaltyBps">): { ok: true; bps: bigint } | { ok: false; reason: string } {
  const typed = input.trim().replace(/\s*%$/, "");
  const max = formatBps(limits.maxPenaltyBps);
  if (typed === "") return { ok: false, reason: `Enter the penalty in percent, from 0 to ${max}, like 10.` };
  const pointed = withDecimalPoint(typed);
  if ("reason" in pointed) return { ok: false, reason: pointed.reason };
  if (/^-/.test(pointed.text)) return { ok: false, reason: `The penalty cannot be negative: enter 0 to ${max}.` };
  if (!PLAIN_DECIMAL.test(pointed.text)) return { ok: false, reason: `Enter the penalty as a number of percent, from 0 to ${max}, like 10.` };
  const [whole, fraction = ""] = pointed.text.split(".");
  if (fraction.length > PERCENT_DECIMALS) {
    return { ok: false, reason: `The penalty has at most ${PERCENT_DECIMALS} decimals, like 12.25%: the farm counts it in hundredths of a percent.` };
  }
  const bps = BigInt(whole || "0") * 100n + BigInt(fraction.padEnd(PERCENT_DECIMALS, "0"));
  if (bps > limits.maxPenaltyBps) return { ok: false, reason: `The penalty can be at most ${max} of the locked LP: the farm's cap.` };
  return { ok: true, bps };
}

/** A typed recipient address, or a sentence: never the zero address or the farm, where LP could never leave. */
export function checkPenaltyRecipient(input: string, farm: Address): { ok: true; address: Address } | { ok: false; reason: string } {
  const text = input.trim();
  if (text === "") return { ok: false, reason: "Enter the address the penalties go to: 0x followed by 40 hexadecimal digits." };
  if (!isAddress(text, { strict: false })) return { ok: false, reason: "That is not an address: enter 0x followed by 40 hexadecimal digits." };
  const address = getAddress(text);
  if (isAddressEqual(address, zeroAddress)) return { ok: false, reason: "The penalty cannot go to the zero address: no one could ever use it. Enter another address." };
  if (isAddressEqual(address, farm)) return { ok: false, reason: "The penalty cannot go to the farm itself: it could never leave it. Enter another address." };
  return { ok: true, address };
}

/** Both fields, and against the terms set now: sending them again would change nothing. */
export function checkPenaltyTerms(
  rateInput: string,
  recipientInput: string,
  current: PenaltyTerms,
  farm: Address,
  limits: Pick<LockLimits, "maxPenaltyBps">,
): PenaltyCheck {
  const rate = checkPenaltyRate(rateInput, limits);
  const recipient = checkPenaltyRecipient(recipientInput, farm);
  if (!rate.ok || !recipient.ok) return { ok: false, rate: rate.ok ? undefined : rate.reason, recipient: recipient.ok ? undefined : recipient.reason };
  if (rate.bps === current.penaltyBps && isAddressEqual(recipient.address, current.recipient)) {
    return { ok: false, unchanged: `These are the terms set now (${formatBps(rate.bps)} to the same recipient): change the rate or the recipient.` };
  }
  return { ok: true, terms: { penaltyBps: rate.bps, recipient: recipient.address } };
}

/**
 * The share of the locked LP (0..1) an exit costs with `leftParts` of `parts` of the lock still
 * to run: the rate times the time left. For saying; the farm rounds the LP it takes up to the wei.
 */
export function penaltyAt(penaltyBps: bigint, leftParts: bigint, parts: bigint): number {
  return Number(penaltyBps * leftParts) / Number(parts) / Number(BPS);
}

/** A share of the locked LP (0..1) as a percentage, to the thousandth of a percent: 0.1 → "10%", 0.10005 → "10.005%". */
export function formatLpShare(fraction: number): string {
  return `${formatNumber(fraction * 100, 3)}%`;
}

export interface PenaltyReview {
  title: string;
  before: PenaltyTerms;
  after: PenaltyTerms;
  /** Fractions of the locked LP an exit costs, now and after, at the start and halfway through a lock. */
  costs: { start: [number, number]; halfway: [number, number] };
  notes: string[];
  warnings: string[];
}

export const EXISTING_LOCKS_KEEP_PENALTY =
  "Existing locks keep the rate and recipient fixed when they were made; locks made, topped up or extended after this change get the new terms.";

/** "Set the early-exit penalty to 20%", "…to 20%, paid to a new recipient", "Send early-exit penalties to a new recipient". */
export function penaltyTitle(before: PenaltyTerms, after: PenaltyTerms): string {
  const newRecipient = !isAddressEqual(before.recipient, after.recipient);
  if (before.penaltyBps === after.penaltyBps) return "Send early-exit penalties to a new recipient";
  return `Set the early-exit penalty to ${formatBps(after.penaltyBps)}${newRecipient ? ", paid to a new recipient" : ""}`;
}

export function reviewPenalty(before: PenaltyTerms, after: PenaltyTerms): PenaltyReview {
  const warnings: string[] = [];
  if (after.penaltyBps === 0n && before.penaltyBps > 0n) {
    warnings.push("With no penalty, anyone can lock for the highest boost and leave whenever they like at no cost: the boost would reward no commitment.");
  }
  return {
    title: penaltyTitle(before, after),
    before,
    after,
    costs: {
      start: [penaltyAt(before.penaltyBps, 1n, 1n), penaltyAt(after.penaltyBps, 1n, 1n)],
      halfway: [penaltyAt(before.penaltyBps, 1n, 2n), penaltyAt(after.penaltyBps, 1n, 2n)],
    },
    notes: [
      EXISTING_LOCKS_KEEP_PENALTY,
      "An early exit pays the rate times the share of the lock left to run, in LP, to the recipient; rewards already earned are never touched.",
    ],
    warnings,
  };
}

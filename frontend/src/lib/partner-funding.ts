/**
 * The sponsor page's funding form, checked before anything is sent: who may fund, which pool and
 * token, how much, until when, and what the stream will then be (lib/partner-stream.ts). Every
 * refusal is a sentence saying what to do, matching what the contract would refuse
 * (IPartnerRewarder's errors), so nothing is sent that would revert.
 */
import { type Address, getAddress, isAddress, isAddressEqual } from "viem";

import { checkAmount } from "./amount";
import type { PartnerStream } from "./farm-snapshot";
import { blockCount } from "./locks-time";
import { endBlockAt, type FundingPlan, planFunding } from "./partner-stream";

/** The most partner tokens a pool carries (the contract's MAX_STREAMS). */
export const MAX_PARTNER_STREAMS = 4;

/** How the end is typed: a date and time, or a number of blocks from now. */
export type EndMode = "date" | "blocks";

export type TokenAddressCheck = { ok: true; address: Address } | { ok: false; reason: string };

/** A token address typed by a person: 0x and 40 hex digits, in any letter case; checksummed. */
export function checkTokenAddress(input: string): TokenAddressCheck {
  const typed = input.trim();
  if (typed === "") return { ok: false, reason: "Enter the partner token's address (0x followed by 40 hex digits)." };
  if (!isAddress(typed, { strict: false })) return { ok: false, reason: `"${typed}" is not an address: enter 0x followed by 40 hex digits.` };
  return { ok: true, address: getAddress(typed) };
}

/** The end as typed: a block, or a sentence. */
export function checkEnd(input: { mode: EndMode; text: string; now: { blockNumber: bigint; timestamp: bigint }; blockSeconds: number }): { ok: true; endBlock: bigint } | { ok: false; reason: string } {
  const text = input.text.trim();
  if (input.mode === "blocks") {
    if (!/^\d+$/.test(text)) return { ok: false, reason: "Enter the stream's length as a whole number of blocks, like 50000." };
    const blocks = BigInt(text);
    if (blocks === 0n) return { ok: false, reason: "A stream needs at least 1 block: enter a number above 0." };
    return { ok: true, endBlock: input.now.blockNumber + blocks };
  }
  const ms = Date.parse(text);
  if (text === "" || Number.isNaN(ms)) return { ok: false, reason: "Pick the date and time the stream should end." };
  const seconds = ms / 1000;
  if (seconds <= Number(input.now.timestamp)) return { ok: false, reason: "That date has passed: pick a date in the future." };
  return { ok: true, endBlock: endBlockAt(seconds, input.now, input.blockSeconds) };
}

export interface FundingInput {
  user?: Address;
  isSponsor: boolean;
  pid: number;
  /** The pool's streams as last read. */
  streams: readonly PartnerStream[];
  token: Address;
  symbol: string;
  decimals: number;
  balance: bigint;
  amountText: string;
  endBlock: bigint;
  /** The block last read; a funding is mined in a later one (taken as the next). */
  block: bigint;
  blocksPerDay: bigint;
}

export type FundingCheck = { ok: true; amount: bigint; plan: FundingPlan; sentence: string } | { ok: false; reason: string };

export function checkFunding(input: FundingInput): FundingCheck {
  if (!input.user) return { ok: false, reason: "Connect a wallet to fund a stream." };
  if (!input.isSponsor) return { ok: false, reason: "Only the farm's owner and the sponsors it approves for this pool fund its streams: ask the owner to approve your account for it." };
  const existing = input.streams.find((s) => isAddressEqual(s.token, input.token));
  const atBlock = input.block + 1n;
  if (!existing && input.streams.length >= MAX_PARTNER_STREAMS) {
    return { ok: false, reason: `This pool already carries ${MAX_PARTNER_STREAMS} partner tokens, the most a pool can: top one of them up, or choose another pool.` };
  }
  // A stream belongs to its sponsor until it has ended and its sponsor has had everything back.
  if (existing && !isAddressEqual(existing.sponsor, input.user) && (existing.endBlock > atBlock || existing.unclaimedBySponsor > 0n)) {
    return { ok: false, reason: `This pool's ${input.symbol} stream belongs to ${existing.sponsor}: only that sponsor tops it up, until it has ended and been reclaimed.` };
  }
  const amount = checkAmount(input.amountText, input.decimals, input.balance, `your ${input.symbol} balance`);
  if (!amount.ok) return amount;
  const plan = planFunding({ existing, readBlock: input.block, atBlock, amount: amount.wei, endBlock: input.endBlock, blocksPerDay: input.blocksPerDay });
  if ("refused" in plan) {
    return plan.refused === "zero-amount"
      ? { ok: false, reason: "Enter an amount above zero." }
      : { ok: false, reason: `The end must be at block ${plan.earliest.toLocaleString("en-US")} or later${existing && existing.endBlock > atBlock ? ": a running stream's end is never moved earlier" : ""}. Choose a later end.` };
  }
  if (plan.perBlock === 0n) return { ok: false, reason: `That streams less than the smallest unit of ${input.symbol} a block: enter more, or an earlier end.` };
  return { ok: true, amount: amount.wei, plan, sentence: fundingSentence(plan, input.symbol, input.endBlock, atBlock) };
}

/** What the funding does, in words: starts, raises the rate (same end), or extends (later end). */
export function fundingSentence(plan: FundingPlan, symbol: string, endBlock: bigint, atBlock: bigint): string {
  const span = blockCount(endBlock - atBlock);
  if (plan.kind === "start") return `This starts a ${symbol} stream: over the next ${span}, to block ${endBlock.toLocaleString("en-US")}.`;
  if (plan.kind === "raise") return `Same end (block ${endBlock.toLocaleString("en-US")}): this top-up raises the stream's rate.`;
  return `Later end: this top-up extends the stream from block ${plan.previousEnd!.toLocaleString("en-US")} to block ${endBlock.toLocaleString("en-US")}, spreading what is left and the top-up over the next ${span}.`;
}

/**
 * A partner stream in time (IPartnerRewarder): a sponsor's amount released evenly block by block
 * up to its end block. The rate, the runway left, and what a funding would make of it, by the
 * rules the contract states: a top-up spreads what has not streamed yet plus the new amount
 * evenly from its block to the new end, so the same end raises the rate and a later end extends
 * the stream; an end is never moved earlier. Amounts stay in token units (bigint), rounded down
 * as the contract rounds.
 */
import type { PartnerStream } from "./farm-snapshot";

/** Whether a stream still releases tokens after `block`. */
export function streamRunning(stream: Pick<PartnerStream, "endBlock">, block: bigint): boolean {
  return block < stream.endBlock;
}

/**
 * Tokens released per block from `block` on: what remains, spread over the blocks left. 0 once
 * the stream has ended.
 */
export function streamRatePerBlock(stream: Pick<PartnerStream, "endBlock" | "remaining">, block: bigint): bigint {
  return streamRunning(stream, block) ? stream.remaining / (stream.endBlock - block) : 0n;
}

/** A stream's runway: the blocks left, what it still releases, and at what pace. */
export interface Runway {
  blocksLeft: bigint;
  remaining: bigint;
  perBlock: bigint;
  perDay: bigint;
}

export function streamRunway(stream: Pick<PartnerStream, "endBlock" | "remaining">, block: bigint, blocksPerDay: bigint): Runway {
  const perBlock = streamRatePerBlock(stream, block);
  return {
    blocksLeft: streamRunning(stream, block) ? stream.endBlock - block : 0n,
    remaining: stream.remaining,
    perBlock,
    perDay: perBlock * blocksPerDay,
  };
}

/** What a funding does to a pool's stream of a token: starts it, raises its rate, or extends it. */
export type FundingKind = "start" | "raise" | "extend";

export interface FundingPlan {
  kind: FundingKind;
  /** The stream's end before this funding, when it tops a running one up. */
  previousEnd?: bigint;
  /** What streams from the funding's block to the end: what had not streamed yet plus the amount. */
  streaming: bigint;
  /** Its rate per block, rounded down. */
  perBlock: bigint;
  perDay: bigint;
}

/** Why a funding cannot go ahead, in the contract's terms (EndBlockTooEarly). */
export type FundingRefusal = { refused: "end-too-early"; earliest: bigint } | { refused: "zero-amount" };

/**
 * The stream a funding of `amount` to `endBlock`, mined at `atBlock`, leaves: `existing` is the
 * pool's stream of that token as last read at `readBlock` (none for a new stream, or one that has
 * ended: it starts afresh). What the existing stream releases between the read and the funding's
 * block is taken off at its current rate.
 */
export function planFunding(input: {
  existing?: Pick<PartnerStream, "endBlock" | "remaining">;
  readBlock: bigint;
  atBlock: bigint;
  amount: bigint;
  endBlock: bigint;
  blocksPerDay: bigint;
}): FundingPlan | FundingRefusal {
  const { existing, readBlock, atBlock, amount, endBlock } = input;
  if (amount <= 0n) return { refused: "zero-amount" };
  const running = existing !== undefined && streamRunning(existing, atBlock);
  // The contract: the end lies after the funding's block, and never before a running stream's end.
  const earliest = running && existing.endBlock > atBlock + 1n ? existing.endBlock : atBlock + 1n;
  if (endBlock < earliest) return { refused: "end-too-early", earliest };
  const left = running ? existing.remaining - streamRatePerBlock(existing, readBlock) * (atBlock - readBlock) : 0n;
  const streaming = (left > 0n ? left : 0n) + amount;
  const perBlock = streaming / (endBlock - atBlock);
  const kind: FundingKind = !running ? "start" : endBlock === existing.endBlock ? "raise" : "extend";
  return { kind, previousEnd: running ? existing.endBlock : undefined, streaming, perBlock, perDay: perBlock * input.blocksPerDay };
}

/**
 * The end block for an end at `targetSeconds` (Unix), counted from the block last read at the
 * nominal block time, rounded up: the stream runs at least until then.
 */
export function endBlockAt(targetSeconds: number, now: { blockNumber: bigint; timestamp: bigint }, blockSeconds: number): bigint {
  const seconds = targetSeconds - Number(now.timestamp);
  return now.blockNumber + BigInt(Math.max(0, Math.ceil(seconds / blockSeconds)));
}

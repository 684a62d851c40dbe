/**
 * The stake dialog's lock selector: for each tier the farm offers, what locking `amount` more LP
 * now would make of the user's lock, by the farm's rules (lib/locks.ts): the whole lock (what a
 * running lock holds, plus what is added) restarts for the tier from the block the transaction
 * lands in, with the tier's boost and today's early-exit terms; its end never moves earlier.
 * Worked out for the next block, the earliest a transaction lands in, with the last block that
 * still gives the same end (a later one ends an epoch later, never sooner).
 */
import type { Lock, LockTerms } from "./farm-snapshot";
import { aprAfter, type PoolWeights, weightedApr } from "./locks-apr";
import { type ChainNow, expectedTimeOf } from "./locks-time";
import { boostedShares, earlyExitPenalty, lastBlockEndingAt, lockEndBlock, lockRunning } from "./locks";
import { LP_DECIMALS } from "./conventions";

/** One whole LP token: the amount a rate is quoted for before any amount is typed. */
const ONE_LP = 10n ** BigInt(LP_DECIMALS);

export interface ChoiceInput {
  terms: LockTerms;
  now: ChainNow;
  blockSeconds: number;
  pool: PoolWeights & { emergencyUnlocked: boolean };
  /** The user's lock in the pool, running or ended, if any. */
  lock?: Lock;
  /** LP to add from the wallet; 0 extends the running lock only. */
  amount: bigint;
}

export interface LockChoice {
  tier: number;
  durationBlocks: bigint;
  boostBps: bigint;
  /** The lock's end block if the transaction lands by `lastBlock`. */
  endBlock: bigint;
  lastBlock: bigint;
  /** When `endBlock` is expected, in Unix seconds, at the nominal block time. */
  unlockAt: number;
  /** LP in the lock once made: a running lock's LP plus `amount`. */
  locked: bigint;
  /** The lock's reward APR once made (its weight joins the pool's); undefined with no rate to quote. */
  rewardApr?: number;
  penaltyBps: bigint;
  penaltyRecipient: LockTerms["penaltyRecipient"];
  /** LP leaving right after locking would cost: the whole penalty rate of the locked LP. */
  penaltyAtStart: bigint;
  /** Why the tier cannot be chosen now, in a sentence; undefined when it can. */
  blocked?: string;
}

/** The block a transaction sent now lands in at the earliest. */
function landingBlock(now: ChainNow): bigint {
  return now.blockNumber + 1n;
}

/** Each tier as a choice for locking `amount` more LP now. */
export function lockChoices(input: ChoiceInput): LockChoice[] {
  const { terms, now, blockSeconds, pool, lock, amount } = input;
  const at = landingBlock(now);
  const running = lock !== undefined && lockRunning(lock, now.blockNumber) ? lock : undefined;
  const locked = (running?.amount ?? 0n) + amount;
  const weightBefore = running ? boostedShares(running.amount, running.boostBps) : 0n;
  return terms.tiers.map(({ durationBlocks, boostBps }, tier) => {
    const endBlock = lockEndBlock(at, durationBlocks, terms.epochBlocks);
    const made = { amount: locked, penaltyBps: terms.penaltyBps, startBlock: at, endBlock };
    return {
      tier,
      durationBlocks,
      boostBps,
      endBlock,
      lastBlock: lastBlockEndingAt(endBlock, durationBlocks),
      unlockAt: expectedTimeOf(endBlock, now, blockSeconds),
      locked,
      rewardApr: locked === 0n ? quotedApr(pool, boostBps) : aprAfter(pool, weightBefore, boostedShares(locked, boostBps), locked),
      penaltyBps: terms.penaltyBps,
      penaltyRecipient: terms.penaltyRecipient,
      penaltyAtStart: earlyExitPenalty(made, at),
      blocked: blockedBecause(pool, running, endBlock),
    };
  });
}

/** The reward APR of `amount` LP staked without a lock, once it joins the pool's weights. */
export function unlockedApr(pool: PoolWeights, amount: bigint): number | undefined {
  return amount === 0n ? quotedApr(pool, 10_000n) : aprAfter(pool, 0n, amount, amount);
}

/** The rate of a small stake at `boostBps` before any amount is typed: no rate where nothing is staked. */
function quotedApr(pool: PoolWeights, boostBps: bigint): number | undefined {
  return weightedApr(pool, boostedShares(ONE_LP, boostBps), ONE_LP);
}

function blockedBecause(pool: ChoiceInput["pool"], running: Lock | undefined, endBlock: bigint): string | undefined {
  if (pool.emergencyUnlocked) return "The owner emergency-unlocked this pool: it takes no new locks.";
  if (running && endBlock < running.endBlock) {
    return `It would end at block ${endBlock.toLocaleString("en-US")}, before your lock's end at block ${running.endBlock.toLocaleString("en-US")}: a lock's end never moves earlier.`;
  }
  return undefined;
}

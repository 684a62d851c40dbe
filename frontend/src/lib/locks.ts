/**
 * A lock's rules as the farm applies them (contracts/interfaces/IFarmLocks.sol), to the wei and
 * the block: where a lock made now ends, whether it still runs, its weight in the pool's emission,
 * and what leaving it early costs. The figures here are the farm's own, not estimates.
 */
import type { Lock } from "./farm-snapshot";

/** Basis points in a whole: a boost of 10,000 is 1×, a penalty of 10,000 bps would be all the LP. */
export const BPS = 10_000n;

/**
 * The end block of a lock made (or renewed) in block `block` for a tier of `durationBlocks`: that
 * block plus the duration, rounded up to a multiple of `epochBlocks` (the farm drops expired
 * boosts at epoch boundaries, so a tier's duration is its minimum).
 */
export function lockEndBlock(block: bigint, durationBlocks: bigint, epochBlocks: bigint): bigint {
  if (epochBlocks <= 0n) throw new RangeError(`Epochs must be at least a block long, not ${epochBlocks}.`);
  return ceilDiv(block + durationBlocks, epochBlocks) * epochBlocks;
}

/**
 * The last block a lock for `durationBlocks` can be made in and still end at `endBlock`: one
 * made later ends an epoch later. (Made in block n it ends at n + duration rounded up, which is
 * `endBlock` for every n up to endBlock − duration.)
 */
export function lastBlockEndingAt(endBlock: bigint, durationBlocks: bigint): bigint {
  return endBlock - durationBlocks;
}

/**
 * True while a lock runs after block `block`: the emission of every block up to and including its
 * end block is boosted, so it runs for the next block's emission while `block` is before its end.
 * From its end block on it has ended: its LP leaves without penalty and it weighs 1×.
 */
export function lockRunning(lock: Pick<Lock, "amount" | "endBlock">, block: bigint): boolean {
  return lock.amount > 0n && block < lock.endBlock;
}

/** LP at a boost, as weight: floor(amount × boostBps / 10,000), rounded down as the farm does. */
export function boostedShares(amount: bigint, boostBps: bigint): bigint {
  return (amount * boostBps) / BPS;
}

/** A lock's weight in its pool after block `block`: boosted while it runs, its LP once it has ended. */
export function lockWeight(lock: Pick<Lock, "amount" | "boostBps" | "endBlock">, block: bigint): bigint {
  return lockRunning(lock, block) ? boostedShares(lock.amount, lock.boostBps) : lock.amount;
}

/**
 * LP an early exit in block `block` sends to the lock's penalty recipient:
 * ceil(locked × penaltyBps × (end − block) / (10,000 × (end − start))), rounded up as the farm
 * does (in its favour), falling block by block to 0 at the end; 0 once the lock has ended.
 */
export function earlyExitPenalty(lock: Pick<Lock, "amount" | "penaltyBps" | "startBlock" | "endBlock">, block: bigint): bigint {
  if (!lockRunning(lock, block) || lock.penaltyBps === 0n) return 0n;
  const from = block > lock.startBlock ? block : lock.startBlock;
  return ceilDiv(lock.amount * lock.penaltyBps * (lock.endBlock - from), BPS * (lock.endBlock - lock.startBlock));
}

/** a / b rounded up, for positive b. */
function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** A boost as people read it: 15,000 bps → "1.5×", 30,000 → "3×", 12,345 → "1.23×" (rounded down). */
export function formatBoost(boostBps: bigint): string {
  const hundredths = (boostBps * 100n) / BPS;
  const whole = hundredths / 100n;
  const fraction = (hundredths % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  return `${whole}${fraction === "" ? "" : `.${fraction}`}×`;
}

/**
 * The review of an emergency unlock (IFarmLocks.emergencyUnlock), the one lock action the owner
 * can never take back: it says so first, then what it does to the pool's stakers and what it
 * does not give the owner, and asks the owner to type the pool's name before Confirm is offered.
 */

export interface UnlockPool {
  pid: number;
  name: string;
  /** The pool's weights (poolShares): all of them, and the part running locks add above their LP. */
  totalShares: bigint;
  boostShares: bigint;
}

export interface UnlockReview {
  title: string;
  /** What the owner types to confirm. */
  phrase: string;
  /** What happens, each a sentence, the irreversible part first. */
  effects: string[];
  /** The part of the pool's weights that running boosts make now (0..1), which the unlock removes. */
  boostShare: number;
}

/** Printable ASCII: what anyone can type on any keyboard. */
const TYPABLE = /^[\x20-\x7e]+$/;

/** The words to type: the pool's name ("USDC/WETH"), or "pool 3" for a name a keyboard cannot type (a shortened address "0x12…ab"). */
export function confirmationPhrase(pid: number, name: string): string {
  return TYPABLE.test(name) ? name : `pool ${pid}`;
}

/** True when `typed` is the phrase, whatever the case and the spaces around it or its slash. */
export function confirmsPhrase(typed: string, phrase: string): boolean {
  const plain = (text: string) => text.trim().replace(/\s*\/\s*/g, "/").replace(/\s+/g, " ").toLowerCase();
  return plain(typed) !== "" && plain(typed) === plain(phrase);
}

export function unlockTitle(name: string): string {
  return `Emergency unlock ${name}`;
}

/** The part of `totalShares` that boosts make, 0 when the pool has no stake. */
export function boostShareOf(totalShares: bigint, boostShares: bigint): number {
  return totalShares === 0n ? 0 : Number(boostShares) / Number(totalShares);
}

export function reviewUnlock(pool: UnlockPool): UnlockReview {
  const { name } = pool;
  return {
    title: unlockTitle(name),
    phrase: confirmationPhrase(pool.pid, name),
    boostShare: boostShareOf(pool.totalShares, pool.boostShares),
    effects: [
      `This cannot be undone: ${name} will never take a lock again, and no transaction can restore its locks.`,
      `Every lock in ${name} ends at the block this is mined in, boosts included: after it, every staker earns on their LP alone (1×).`,
      "All locked LP can then leave without any penalty, by unstaking or emergency withdrawal, whenever its staker chooses.",
      "The owner receives nothing: no LP, no penalty, no reward.",
    ],
  };
}

/**
 * The farm's reward rules as exact arithmetic, written from the specification (IFarm.sol's and
 * IFarmLocks.sol's NatSpec, the lead's LOCKS-SEMANTICS note that details them, and the README's
 * "How rewards are counted"), never from Farm.sol:
 *
 * - Emission: blocks after `startBlock` emit `rewardPerBlock` each, all pools together, until the
 *   budget (the reward token's cap minus its supply at deployment) is spent; the last block emits
 *   what is left. A block in which no pool has allocation emits nothing and spends no budget.
 * - A transaction in block b first accounts block b under the values in force, then changes them:
 *   new stakes, locks, allocations, rates and pools count from block b + 1.
 * - Pool p receives `emitted × allocPoint_p / totalAllocPoint` of every block. Whenever the pool is
 *   touched (deposit, depositFor, withdraw, harvest, harvestAll, lock, exitLock, set, updatePool,
 *   massUpdatePools, emergencyUnlock) what it received since it was last touched is shared among
 *   its stakers pro rata to their weights, stretch by stretch: the blocks in between are split at
 *   every block at which one of the pool's locks ends, and each stretch is shared by the weights
 *   in force for its blocks. Received while nobody stakes, it goes to no one.
 * - Weights (IFarmLocks): a staker's unlocked LP, plus for its lock the locked LP times the lock's
 *   boost, `floor(locked × boostBps / 10,000)`, for the emission of every block up to and including
 *   the lock's end block, and the locked LP after. Nobody has to act at the end.
 * - A staker holds up to two accounts in a pool, each earning by its own weight: its unlocked stake
 *   and its lock. Its own actions (deposit, withdraw, harvest, harvestAll, lock, exitLock) pay both
 *   together; someone's depositFor pays only the unlocked stake's reward.
 * - Locks: one per staker per pool. `lock` in block b takes LP from the wallet into it and makes
 *   the whole lock run for the tier from b: end = ceil((b + duration) / epochBlocks) × epochBlocks,
 *   the tier's boost and the current early-exit terms, which must be those of the terms version
 *   the caller names (the owner's changes to tiers and penalty are counted); an end earlier than
 *   the running lock's is refused. A lock that ended joins the staker's unlocked stake (LP and reward owed) at its next
 *   own action in the pool, never at someone else's depositFor. `emergencyUnlock(pid)` in block b
 *   ends every lock of the pool at b (earlier ends stay).
 * - Early exit in block b while the lock runs: the locked LP leaves, less
 *   `ceil(locked × penaltyBps × (end − b) / (10,000 × (end − start)))` for the recipient fixed with
 *   the lock; the lock's reward is paid with the unlocked stake's, like a withdrawal's.
 * - `emergencyWithdraw` touches only the stake: it returns the unlocked LP and an ended lock's LP,
 *   forfeiting their reward (deferred reward included); a running lock stays with its reward.
 *   As in MasterChef, the weight that left loses its share of what the pool received since it was
 *   last touched: every stretch of that is shared, when the pool is next touched, among the
 *   weights still there.
 * - While paused, `withdraw` and `exitLock` keep the reward owed (RewardDeferred, reporting all the
 *   staker holds in the pool); the next payment pays it.
 *
 * Nothing here rounds but the weights, which the specification itself rounds: shares are kept as
 * exact fractions. What the farm pays is compared with these values within the bounds given by
 * `boundOf` (see there for why they are what they are).
 */
import { Ratio } from "./ratio.js";

/**
 * The farm's precision (README, "Precision and limits"): the global accumulator counts in 1e-9 wei
 * per allocation point, the pool accumulators in 1e-48 wei per share.
 */
export const GLOBAL_ACCUMULATOR_SCALE = 10n ** 9n;
export const SHARE_SCALE = 10n ** 48n;
/** Boosts and penalties are in basis points: 10,000 is 1x, or all of the locked LP. */
export const BPS = 10_000n;

export interface LockTier {
  /** Blocks from the lock's start to its end (before rounding up to an epoch boundary). */
  duration: bigint;
  boostBps: bigint;
}

export interface ModelParams {
  startBlock: bigint;
  rewardPerBlock: bigint;
  /** Reward the farm may ever emit: the token's cap minus its supply when the farm was deployed. */
  budget: bigint;
  /** Lock ends are multiples of this (1 when absent: a model without locks). */
  epochBlocks?: bigint;
  tiers?: LockTier[];
  penaltyBps?: bigint;
  penaltyRecipient?: string;
  /** lockTermsVersion: how many times the owner has changed the tiers or the penalty. */
  termsVersion?: bigint;
}

/** A lock's terms, fixed when it was made or last renewed. */
export interface Lock {
  /** LP locked. */
  amount: bigint;
  boostBps: bigint;
  /** The block it was made or last renewed. */
  start: bigint;
  /** Its own end block, a multiple of epochBlocks (the pool's emergency unlock can end it sooner). */
  end: bigint;
  penaltyBps: bigint;
  recipient: string;
  /** The lock's reward earned and not yet paid, exactly. */
  owed: Ratio;
}

/**
 * How an account's rounding may move the farm's figure from where it stood at the position's
 * reference (see boundOf): "paid", re-rounded there after paying; "deferred" / "pausedQuiet",
 * re-rounded there by a withdrawal while paused that kept something / nothing; "carried", not
 * re-rounded there (paid or left alone); "joined", re-rounded there by an ended lock joining it
 * with no change of stake, then paid (see changeStake).
 */
export type AccountStart = "paid" | "deferred" | "pausedQuiet" | "carried" | "joined";

/** The kinds of window a position's bound can have (only "paid" is the README's plain one). */
export type StretchStart = "paid" | "deferred" | "pausedQuiet" | "locked";

export interface Position {
  /** LP staked outside the lock. */
  unlocked: bigint;
  /** The lock, running or ended (until the staker's next action joins it to `unlocked`). */
  lock: Lock | undefined;
  /** The unlocked stake's reward earned and not yet paid (deferred reward included), exactly. */
  owed: Ratio;
  /**
   * How far the farm was below the exact figure (both accounts together) at the position's
   * reference: the last action that re-rounded one of its accounts (0 for a new position).
   */
  reference: Ratio;
  /** The block of that action. */
  referenceBlock: bigint;
  /** How each account's window runs from the reference (see boundOf). */
  unlockedStart: AccountStart;
  lockStart: AccountStart;
  /**
   * The farm left one account's figure unpaid and unreported while re-rounding or dropping the
   * other (depositFor to a staker with a lock, emergencyWithdraw leaving a running lock): the
   * reference is what the chain shows next, in the same block, within this window (see
   * observeReference); false otherwise.
   */
  observe: Bound | false;
}

/** Where the farm's figure may lie: `exact - farm` in [least, most) (see boundOf). */
export interface Bound {
  least: Ratio;
  most: Ratio;
  /** The farm's shortfall at the position's reference, from which the window is measured. */
  start: Ratio;
  /** "paid" for the README's plain stretch (one account, re-rounded after a payment). */
  stretch: StretchStart;
  /** A lock's end fell after the reference: two stretches for the lock's rounding (see boundOf). */
  crossed: boolean;
}

/** Emission a pool received for a run of blocks through `through`, in which no lock of the farm ends before the last. */
export interface Stretch {
  through: bigint;
  amount: Ratio;
}

export interface Pool {
  lpToken: string;
  allocPoint: bigint;
  /** LP credited to stakers (poolInfo's totalStaked), locked or not. */
  totalStaked: bigint;
  /** Emission the pool received since it was last touched, not yet shared, cut at lock ends. */
  unshared: Stretch[];
  /** Bound on the dust the farm's accumulators may have moved into or out of this pool (see boundOf). */
  dust: Ratio;
  /** The block of the owner's emergencyUnlock, if any. */
  emergencyUnlockBlock: bigint | undefined;
  /** The block the pool was last touched (its emission shared). */
  touchedAt: bigint;
  positions: Map<string, Position>;
}

/** What a settling action owed a staker, what the farm actually gave, and how far apart they may be. */
export interface Settlement {
  pid: number;
  user: string;
  /** Exactly what the staker is owed in the pool at this block. */
  due: Ratio;
  /** What the farm paid (or, while paused, reported as deferred). */
  amount: bigint;
  /** `due - amount` must lie in [bound.least, bound.most). */
  bound: Bound;
  /** A withdrawal while paused: `amount` is what the farm kept, after rounding the new debt up. */
  deferral: boolean;
}

/** What `lockInfo(pid, user)` shows: all zero without a lock; the end is the effective one. */
export interface LockView {
  amount: bigint;
  boostBps: bigint;
  startBlock: bigint;
  endBlock: bigint;
  penaltyBps: bigint;
  penaltyRecipient: string | undefined;
}

/** What an early exit did with the locked LP. */
export interface EarlyExit {
  settlement: Settlement;
  locked: bigint;
  returned: bigint;
  penalty: bigint;
  recipient: string;
}

/** [least, most) of an account's move from the reference, in wei (see FarmModel.boundOf). */
const WINDOW: Record<AccountStart, [bigint, bigint]> = {
  paid: [0n, 2n],
  deferred: [-1n, 1n],
  pausedQuiet: [-1n, 2n],
  carried: [-1n, 2n],
  joined: [-1n, 2n],
};

/** Ceiling of a non-negative fraction. */
function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** A lock's weight while it runs. */
export function boosted(amount: bigint, boostBps: bigint): bigint {
  return (amount * boostBps) / BPS;
}

/** The end a lock made in `block` for `duration` blocks gets: rounded up to an epoch boundary. */
export function lockEndOf(block: bigint, duration: bigint, epochBlocks: bigint): bigint {
  return ceilDiv(block + duration, epochBlocks) * epochBlocks;
}

/** The LP an early exit in `block` gives the recipient: the rate times the share of the lock still to run, rounded up. */
export function earlyExitPenalty(lock: Pick<Lock, "amount" | "penaltyBps" | "start" | "end">, block: bigint): bigint {
  if (block >= lock.end) return 0n;
  return ceilDiv(lock.amount * lock.penaltyBps * (lock.end - block), BPS * (lock.end - lock.start));
}

export class FarmModel {
  readonly startBlock: bigint;
  readonly epochBlocks: bigint;
  rewardPerBlock: bigint;
  /** Budget not yet emitted. */
  remaining: bigint;
  /** Total emitted by the schedule so far. */
  emitted = 0n;
  /** Emission received by pools while nobody staked in them: emitted, but owed to no one. */
  unowned = Ratio.ZERO;
  /** Reward given up by emergencyWithdraw. */
  forfeited = Ratio.ZERO;
  paused = false;
  /** The tiers new locks can choose from. */
  tiers: LockTier[];
  /** The early-exit terms new locks get. */
  penaltyBps: bigint;
  penaltyRecipient: string;
  /** Counts the owner's changes to the tiers and the penalty: a lock must name the current one. */
  termsVersion: bigint;
  /** Reward minted to each account so far. */
  readonly paidTo = new Map<string, bigint>();
  /** LP sent to each penalty recipient, per pool: [pid] -> recipient -> LP (before any transfer fee). */
  readonly penalties = new Map<number, Map<string, bigint>>();
  readonly pools: Pool[] = [];
  /** Emission is accounted for every block up to and including this one. */
  private accountedThrough: bigint;
  /** The current block: that of the action being modelled, or of the last check. */
  private now = 0n;

  constructor(params: ModelParams) {
    this.startBlock = params.startBlock;
    this.rewardPerBlock = params.rewardPerBlock;
    this.remaining = params.budget;
    this.accountedThrough = params.startBlock;
    this.epochBlocks = params.epochBlocks ?? 1n;
    this.tiers = params.tiers ?? [];
    this.penaltyBps = params.penaltyBps ?? 0n;
    this.penaltyRecipient = params.penaltyRecipient ?? "";
    this.termsVersion = params.termsVersion ?? 0n;
  }

  /*//////////////////////////////////////////////////////////////
                                 VIEWS
  //////////////////////////////////////////////////////////////*/

  get poolCount(): number {
    return this.pools.length;
  }

  get totalAllocPoint(): bigint {
    return this.pools.reduce((sum, pool) => sum + pool.allocPoint, 0n);
  }

  /** The current block: during an action, the action's own (see advanceTo). */
  get block(): bigint {
    return this.now;
  }

  pool(pid: number): Readonly<Pool> {
    return this.pools[pid];
  }

  pidOf(lpToken: string): number | undefined {
    const pid = this.pools.findIndex((pool) => pool.lpToken === lpToken);
    return pid < 0 ? undefined : pid;
  }

  /** LP credited to `user` in the pool, locked or not (userInfo's amount). */
  stakeOf(pid: number, user: string): bigint {
    const position = this.pools[pid].positions.get(user);
    return position === undefined ? 0n : position.unlocked + (position.lock?.amount ?? 0n);
  }

  /** LP `user` can withdraw now: the unlocked stake and an ended lock's LP. */
  withdrawableOf(pid: number, user: string): bigint {
    const position = this.pools[pid].positions.get(user);
    if (position === undefined) return 0n;
    const lock = position.lock;
    return position.unlocked + (lock !== undefined && !this.runs(this.pools[pid], lock) ? lock.amount : 0n);
  }

  /** The lock's end block as the farm counts it: its own, or the pool's emergency unlock if earlier. */
  endOf(pool: Readonly<Pool>, lock: Lock): bigint {
    const unlock = pool.emergencyUnlockBlock;
    return unlock !== undefined && unlock < lock.end ? unlock : lock.end;
  }

  /** The lock still runs in the current block (its LP cannot leave without a penalty). */
  runs(pool: Readonly<Pool>, lock: Lock): boolean {
    return this.endOf(pool, lock) > this.now;
  }

  /** `user`'s lock as lockInfo shows it (all zero if none). */
  lockOf(pid: number, user: string): LockView {
    const pool = this.pools[pid];
    const lock = pool.positions.get(user)?.lock;
    if (lock === undefined) return { amount: 0n, boostBps: 0n, startBlock: 0n, endBlock: 0n, penaltyBps: 0n, penaltyRecipient: undefined };
    return {
      amount: lock.amount,
      boostBps: lock.boostBps,
      startBlock: lock.start,
      endBlock: this.endOf(pool, lock),
      penaltyBps: lock.penaltyBps,
      penaltyRecipient: lock.recipient,
    };
  }

  /** `user` has a lock in the pool that runs in the current block. */
  hasRunningLock(pid: number, user: string): boolean {
    const lock = this.pools[pid].positions.get(user)?.lock;
    return lock !== undefined && this.runs(this.pools[pid], lock);
  }

  /** LP an early exit in the current block would send to the recipient (0 if no lock runs). */
  penaltyOf(pid: number, user: string): bigint {
    const lock = this.pools[pid].positions.get(user)?.lock;
    if (lock === undefined || !this.runs(this.pools[pid], lock)) return 0n;
    return earlyExitPenalty(lock, this.now);
  }

  /** The end a lock made for `tier` in the current block would get. */
  lockEndFor(tier: number): bigint {
    return lockEndOf(this.now, this.tiers[tier].duration, this.epochBlocks);
  }

  /** A position's weight in the emission of `block`. */
  weightAt(pool: Readonly<Pool>, position: Position, block: bigint): bigint {
    return position.unlocked + (position.lock === undefined ? 0n : this.lockWeightAt(pool, position.lock, block));
  }

  /** A lock's weight in the emission of `block`: boosted up to its end block, 1x after. */
  lockWeightAt(pool: Readonly<Pool>, lock: Lock, block: bigint): bigint {
    return block <= this.endOf(pool, lock) ? boosted(lock.amount, lock.boostBps) : lock.amount;
  }

  /** The pool's weights in the emission of `block`: all of them, and the part boosts add above the LP. */
  sharesAt(pid: number, block: bigint): { total: bigint; boost: bigint } {
    const pool = this.pools[pid];
    let total = 0n;
    for (const position of pool.positions.values()) total += this.weightAt(pool, position, block);
    return { total, boost: total - pool.totalStaked };
  }

  /** Every lock end, in any pool, after `block` (sorted): where the campaign can aim its actions. */
  lockEndsAfter(block: bigint): bigint[] {
    const ends = new Set<bigint>();
    for (const pool of this.pools) {
      for (const position of pool.positions.values()) {
        if (position.lock !== undefined && this.endOf(pool, position.lock) > block) ends.add(this.endOf(pool, position.lock));
      }
    }
    return [...ends].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** How many locks, in all pools, end at `block`. */
  locksEndingAt(block: bigint): number {
    let count = 0;
    for (const pool of this.pools) {
      for (const position of pool.positions.values()) if (position.lock !== undefined && this.endOf(pool, position.lock) === block) count += 1;
    }
    return count;
  }

  /** What `user` would be paid by harvesting pool `pid` now (as of the last accounted block). */
  pendingOf(pid: number, user: string): Ratio {
    return this.pendingParts(pid, user).reduce((sum, part) => sum.plus(part), Ratio.ZERO);
  }

  /** What depositFor would pay `user` now: its unlocked stake's reward only. */
  unlockedPendingOf(pid: number, user: string): Ratio {
    return this.pendingParts(pid, user)[0];
  }

  /** [the unlocked stake's, the lock's] pending reward, exactly. */
  private pendingParts(pid: number, user: string): [Ratio, Ratio] {
    const pool = this.pools[pid];
    const position = pool.positions.get(user);
    if (position === undefined) return [Ratio.ZERO, Ratio.ZERO];
    let unlocked = position.owed;
    let locked = position.lock?.owed ?? Ratio.ZERO;
    for (const stretch of pool.unshared) {
      const total = this.sharesAt(pid, stretch.through).total;
      if (total === 0n) continue;
      unlocked = unlocked.plus(stretch.amount.times(position.unlocked, total));
      if (position.lock !== undefined) locked = locked.plus(stretch.amount.times(this.lockWeightAt(pool, position.lock, stretch.through), total));
    }
    return [unlocked, locked];
  }

  /** How many of the pool's own lock ends its not-yet-shared emission spans (crossed, the pool untouched). */
  lockEndsUnshared(pid: number): number {
    const pool = this.pools[pid];
    const ends = new Set<bigint>();
    for (const position of pool.positions.values()) if (position.lock !== undefined) ends.add(this.endOf(pool, position.lock));
    return pool.unshared.filter((stretch, i) => i < pool.unshared.length - 1 && ends.has(stretch.through)).length;
  }

  /** Emission the pool received since it was last touched. */
  unsharedOf(pid: number): Ratio {
    return this.pools[pid].unshared.reduce((sum, stretch) => sum.plus(stretch.amount), Ratio.ZERO);
  }

  /**
   * Where the farm's figure may lie around `pendingOf`, as `exact − farm` in [least, most).
   *
   * One account (the README's bound): over a stretch of constant weight the farm pays
   * `floor(weight × acc) − ceil(weight × acc at the start)`: under 2 wei below the exact share,
   * never above it, however many payments and updates. So, measured from where the farm stood when
   * the stretch began (the reference), its shortfall may grow by less than 2 wei and may not shrink
   * ("paid"). A stretch begun by a withdrawal while paused is measured from the kept figure the
   * farm reported, which already took the ceiling: from there the farm shows `floor(weight × acc)
   * − floor(weight × acc at the start)` more, so the shortfall moves by less than 1 wei either way
   * ("deferred"; and, when nothing was reported kept, by either window: "pausedQuiet").
   *
   * Two accounts (a staker with a lock, LOCKS-SEMANTICS): the unlocked stake and the lock each
   * round as above, by their own weights, but the chain shows (and pays) only their sum. The
   * reference is the last action that re-rounded either; the other account was then only paid (or
   * left alone), its floor's fraction carried: from the reference it moves by `frac(w × acc) −
   * frac(w × acc at the reference)`, in (−1, 1); unless it had not earned a whole wei since its
   * own debt was rounded up, when its figure (floor − ceiling, below 0) was shown and paid as 0 and
   * it moves as a fresh stretch from the ceiling, by up to 2 ("carried": [−1, 2)); a lock that
   * had ended before the reference (only someone's depositFor, which does not join it, sets a
   * reference then) may hide two such roundings (at its start and at its end), by up to 3. The windows add
   * up, so with both accounts the farm may be up to 1 wei above where it stood at the reference
   * (never above the exact share over the position's life, which the other checks see), and a farm
   * 1 wei off is caught on the stakers who hold one account, who are most.
   *
   * A lock's end after the reference (its own or the pool's emergency unlock) changes the lock's
   * weight with nobody acting: the farm counts the boosted weight up to the pool's accumulator at
   * the end, rounded down, and the 1x weight from it rounded up, as if the staker had changed its
   * stake there. The lock's window grows by 2 wei on top: [0, 4) if it was re-rounded at the
   * reference, [−1, 3) if carried. Its joining the unlocked stake at the staker's next payout
   * re-rounds the unlocked stake before paying its floor (floor and ceiling of one figure): that
   * payout, and pendingReward meanwhile (it shows what a payout would pay), may be 1 wei lower
   * still. The join is a new reference, where all was paid or reported kept.
   *
   * Give or take the pool's `dust`, either way: the global accumulator's last digit is worth
   * < allocPoint / 1e9 wei of the pool's reward and can fall to other stakers each time the pool's
   * weights or the total allocation change (the farm drops its remainder then, and a lock end is
   * such a change, with the global accumulator stored at it); each pool update, and each lock end
   * an update crosses, loses < totalShares / 1e48 wei.
   * A farm that loses 1 wei per payment, or pays 1 wei too much once, leaves this window.
   */
  boundOf(pid: number, user: string): Bound {
    const pool = this.pools[pid];
    const position = pool.positions.get(user);
    const start = position?.reference ?? Ratio.ZERO;
    if (position === undefined) return { least: start.minus(pool.dust), most: start.plus(2n).plus(pool.dust), start, stretch: "paid", crossed: false };
    let [least, most] = WINDOW[position.unlockedStart];
    // A carried unlocked stake of no LP has a constant figure: it moves nothing.
    if (position.unlockedStart === "carried" && position.unlocked === 0n) [least, most] = [0n, 0n];
    let crossed = false;
    if (position.lock !== undefined) {
      const [lockLeast, lockMost] = WINDOW[position.lockStart];
      const end = this.endOf(pool, position.lock);
      crossed = position.referenceBlock <= end && end <= this.now;
      // A lock carried past a reference after its end (someone's depositFor, which does not join
      // it) may have hidden two roundings up behind the clamp there (at its start and at its end).
      const endedBefore = position.lockStart === "carried" && end < position.referenceBlock;
      // An ended lock joins the stake at the staker's next payout, which re-rounds the stake up
      // before paying its floor: the payout, and pendingReward, which shows what it would pay, may
      // be a wei below the two accounts' figures (floor and ceiling of the same figure).
      const joinsNext = end <= this.now;
      least += lockLeast;
      most += lockMost + (crossed ? 2n : 0n) + (endedBefore ? 1n : 0n) + (joinsNext ? 1n : 0n);
    }
    const kind = position.unlockedStart;
    const stretch: StretchStart = position.lock !== undefined || kind === "carried" || kind === "joined" ? "locked" : kind;
    return { least: start.plus(least).minus(pool.dust), most: start.plus(most).plus(pool.dust), start, stretch, crossed };
  }

  /**
   * For a position flagged `observe`, the window its pending figure must lie in now, else undefined.
   * The farm paid or dropped one account without re-rounding the other, so where the other stood
   * is not known (see depositFor, emergencyWithdraw).
   */
  observationBound(pid: number, user: string): Bound | undefined {
    const observe = this.pools[pid].positions.get(user)?.observe;
    return observe === false ? undefined : observe;
  }

  /** Some position waits for its reference from the chain. */
  observing(): boolean {
    return this.pools.some((pool) => [...pool.positions.values()].some((position) => position.observe !== false));
  }

  /** Takes what the chain shows as the observed position's pending reward as its reference. */
  observeReference(pid: number, user: string, shown: bigint): void {
    const position = this.pools[pid].positions.get(user);
    if (position === undefined || position.observe === false) return;
    position.observe = false;
    position.reference = this.pendingOf(pid, user).minus(shown);
  }

  /** Everything emitted that someone is still owed or was paid: emitted - unowned - forfeited. */
  get owedOrPaid(): Ratio {
    return new Ratio(this.emitted).minus(this.unowned).minus(this.forfeited);
  }

  /*//////////////////////////////////////////////////////////////
                                 TIME
  //////////////////////////////////////////////////////////////*/

  /**
   * Accounts the emission of every block up to and including `block`, under the current values,
   * cut into stretches at every block at which a lock of some pool ends (the farm stores its
   * global accumulator there, and each pool with a lock ending there changes weights after it).
   */
  advanceTo(block: bigint): void {
    if (block > this.now) this.now = block;
    if (block <= this.accountedThrough) return;
    let from = this.accountedThrough + 1n;
    const ends = this.lockEndsAfter(this.accountedThrough).filter((end) => end < block);
    for (const through of [...ends, block]) {
      this.emit(from, through);
      if (through < block) this.noteLockEnd(through);
      from = through + 1n;
    }
    this.accountedThrough = block;
  }

  /** The emission of blocks `from` to `through`, to each pool by allocation. */
  private emit(from: bigint, through: bigint): void {
    const totalAllocPoint = this.totalAllocPoint;
    const firstEmitting = from > this.startBlock ? from : this.startBlock + 1n;
    if (totalAllocPoint === 0n || through < firstEmitting) return; // idle blocks spend no budget
    const blocks = through - firstEmitting + 1n;
    const wanted = this.rewardPerBlock * blocks;
    const emission = wanted < this.remaining ? wanted : this.remaining;
    if (emission === 0n) return;
    this.remaining -= emission;
    this.emitted += emission;
    for (const pool of this.pools) {
      if (pool.allocPoint === 0n) continue;
      pool.unshared.push({ through, amount: new Ratio(emission * pool.allocPoint, totalAllocPoint) });
    }
  }

  /** A lock ends at `block`: every pool may read the global accumulator stored there, and change weights. */
  private noteLockEnd(block: bigint): void {
    for (const [pid, pool] of this.pools.entries()) {
      const shares = this.sharesAt(pid, block).total;
      pool.dust = pool.dust.plus(new Ratio(pool.allocPoint, GLOBAL_ACCUMULATOR_SCALE)).plus(new Ratio(shares, SHARE_SCALE));
    }
  }

  /** A farm transaction: it may update every pool (`massUpdatePools`), each losing its finest digit. */
  noteUpdate(): void {
    for (const [pid, pool] of this.pools.entries()) {
      pool.dust = pool.dust.plus(new Ratio(this.sharesAt(pid, this.now).total, SHARE_SCALE));
    }
  }

  /*//////////////////////////////////////////////////////////////
                                 ADMIN
  //////////////////////////////////////////////////////////////*/

  addPool(lpToken: string, allocPoint: bigint): void {
    this.pools.push({
      lpToken,
      allocPoint,
      totalStaked: 0n,
      unshared: [],
      dust: Ratio.ZERO,
      emergencyUnlockBlock: undefined,
      touchedAt: this.now,
      positions: new Map(),
    });
    this.noteTotalAllocationChange();
  }

  /** `set` shares what the pool earned at its old allocation first. */
  setAllocPoint(pid: number, allocPoint: bigint): void {
    this.share(pid);
    const pool = this.pools[pid];
    pool.dust = pool.dust.plus(new Ratio(pool.allocPoint, GLOBAL_ACCUMULATOR_SCALE));
    pool.allocPoint = allocPoint;
    this.noteTotalAllocationChange();
  }

  setRewardPerBlock(rewardPerBlock: bigint): void {
    this.rewardPerBlock = rewardPerBlock;
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
  }

  /** New locks choose from these; existing locks keep their terms. */
  setLockTiers(tiers: LockTier[]): void {
    this.tiers = tiers.map((tier) => ({ ...tier }));
    this.termsVersion += 1n;
  }

  /** New locks get these early-exit terms; existing locks keep theirs. */
  setEarlyExitPenalty(penaltyBps: bigint, recipient: string): void {
    this.penaltyBps = penaltyBps;
    this.penaltyRecipient = recipient;
    this.termsVersion += 1n;
  }

  /**
   * Every lock of the pool ends in this block, boosts included: the pool is brought up to this
   * block at the weights in force (boosted through this block), and from the next block on every
   * locked LP weighs 1x. Locks that ended earlier keep their end.
   */
  emergencyUnlock(pid: number): void {
    this.share(pid);
    const pool = this.pools[pid];
    pool.emergencyUnlockBlock = this.now;
    this.noteStakeChange(pool);
  }

  /*//////////////////////////////////////////////////////////////
                                STAKERS
  //////////////////////////////////////////////////////////////*/

  updatePool(pid: number): void {
    this.share(pid);
  }

  massUpdatePools(): void {
    for (let pid = 0; pid < this.pools.length; pid++) this.share(pid);
  }

  /**
   * deposit / depositFor: pays `to` (observed: `paid`), then credits it `credited` unlocked LP.
   * `own`: the staker's own deposit, which pays both accounts and joins an ended lock to the
   * unlocked stake; a depositFor (someone else's action) pays only the unlocked stake's reward and
   * leaves the lock alone.
   */
  deposit(pid: number, to: string, credited: bigint, paid: bigint, own = true): Settlement {
    if (!own) return this.depositFor(pid, to, credited, paid);
    const settlement = this.pay(pid, to, paid);
    const joined = this.join(pid, to);
    this.changeStake(pid, to, credited, joined, "paid", 0n);
    return settlement;
  }

  /**
   * withdraw: pays `user` (observed: `paidOrDeferred`), or while paused keeps the reward owed (the
   * farm reports all it holds for the user in the pool as deferred), joins an ended lock, then
   * takes `amount` LP off the unlocked stake.
   */
  withdraw(pid: number, user: string, amount: bigint, paidOrDeferred: bigint): Settlement {
    const settlement = this.paused ? this.defer(pid, user, paidOrDeferred) : this.pay(pid, user, paidOrDeferred);
    const joined = this.join(pid, user);
    const start: AccountStart = !this.paused ? "paid" : paidOrDeferred > 0n ? "deferred" : "pausedQuiet";
    this.changeStake(pid, user, -amount, joined, start, this.paused ? paidOrDeferred : 0n);
    return settlement;
  }

  harvest(pid: number, user: string, paid: bigint): Settlement {
    const settlement = this.pay(pid, user, paid);
    if (this.join(pid, user)) this.changeStake(pid, user, 0n, true, "paid", 0n);
    return settlement;
  }

  /**
   * lock: pays `user` (observed: `paid`), joins an ended lock to the unlocked stake, then makes (or
   * renews) the lock with `added` LP more for `tier`, from this block, with the current terms.
   * The caller checked the refusals (unknown tier, nothing to lock, a shorter end, the pool unlocked).
   */
  lock(pid: number, user: string, added: bigint, tier: number, paid: bigint): Settlement {
    const settlement = this.pay(pid, user, paid);
    const joined = this.join(pid, user);
    const pool = this.pools[pid];
    const position = this.positionOf(pid, user);
    const { duration, boostBps } = this.tiers[tier];
    const end = lockEndOf(this.now, duration, this.epochBlocks);
    const old = position.lock;
    if (old !== undefined && end < old.end) throw new Error(`model: lock shortened to ${end} from ${old.end}`);
    // The renewed lock starts a new account; what is left of the old one's (its rounding) stays the staker's.
    if (old !== undefined) position.owed = position.owed.plus(old.owed);
    position.lock = {
      amount: (old?.amount ?? 0n) + added,
      boostBps,
      start: this.now,
      end,
      penaltyBps: this.penaltyBps,
      recipient: this.penaltyRecipient,
      owed: Ratio.ZERO,
    };
    pool.totalStaked += added;
    // A joined lock re-rounded the unlocked stake just before it was paid (see changeStake).
    this.newReference(position, joined ? "joined" : "carried", "paid", 0n);
    this.noteStakeChange(pool);
    return settlement;
  }

  /**
   * exitLock in the current block: pays (or, while paused, keeps: `paidOrDeferred`) the reward,
   * then the running lock leaves, its penalty to the recipient fixed with it, its reward owed
   * moving to the unlocked stake's.
   */
  exitLock(pid: number, user: string, paidOrDeferred: bigint): EarlyExit {
    const settlement = this.paused ? this.defer(pid, user, paidOrDeferred) : this.pay(pid, user, paidOrDeferred);
    const pool = this.pools[pid];
    const position = this.positionOf(pid, user);
    const lock = position.lock;
    if (lock === undefined || !this.runs(pool, lock)) throw new Error(`model: exitLock without a running lock`);
    const penalty = earlyExitPenalty(lock, this.now);
    position.owed = position.owed.plus(lock.owed);
    position.lock = undefined;
    pool.totalStaked -= lock.amount;
    // The unlocked stake is paid (or, while paused, keeps its reward and the lock's): not re-rounded
    // for its LP, which did not change; while paused either window may apply.
    const start: AccountStart = !this.paused ? "carried" : paidOrDeferred > 0n ? "deferred" : "pausedQuiet";
    this.newReference(position, start, "carried", this.paused ? paidOrDeferred : 0n);
    this.noteStakeChange(pool);
    const byRecipient = this.penalties.get(pid) ?? new Map<string, bigint>();
    byRecipient.set(lock.recipient, (byRecipient.get(lock.recipient) ?? 0n) + penalty);
    this.penalties.set(pid, byRecipient);
    return { settlement, locked: lock.amount, returned: lock.amount - penalty, penalty, recipient: lock.recipient };
  }

  /**
   * Returns the unlocked LP and an ended lock's LP, forfeiting their reward; the pool is not
   * touched. A running lock stays with its reward owed, its account untouched.
   */
  emergencyWithdraw(pid: number, user: string): bigint {
    const pool = this.pools[pid];
    const position = pool.positions.get(user);
    if (position === undefined) return 0n;
    const lock = position.lock;
    const keeps = lock !== undefined && this.runs(pool, lock);
    const returned = position.unlocked + (lock !== undefined && !keeps ? lock.amount : 0n);
    this.forfeited = this.forfeited.plus(position.owed);
    if (lock !== undefined && !keeps) this.forfeited = this.forfeited.plus(lock.owed);
    if (returned > 0n) this.noteStakeChange(pool);
    pool.totalStaked -= returned;
    if (!keeps) {
      pool.positions.delete(user);
      return returned;
    }
    // The lock's figure is unseen: what the position showed less the unlocked stake's part, which
    // the model knows to within the window (see depositFor): anywhere in it, either way.
    const before = this.boundOf(pid, user);
    const width = before.most.minus(before.least);
    const floor = before.least.lessThan(0n) ? before.least : Ratio.ZERO.minus(pool.dust);
    position.unlocked = 0n;
    position.owed = Ratio.ZERO;
    this.newReference(position, "carried", "carried", 0n);
    this.awaitObservation(position, before, floor.minus(width), before.most.plus(width));
    return returned;
  }

  /*//////////////////////////////////////////////////////////////
                                INTERNAL
  //////////////////////////////////////////////////////////////*/

  /** Someone's depositFor: pays `to`'s unlocked stake's reward only, then credits it `credited` LP. */
  private depositFor(pid: number, to: string, credited: bigint, paid: bigint): Settlement {
    this.share(pid);
    const settlement = { ...this.settlement(pid, to, paid), due: this.unlockedPendingOf(pid, to) };
    const position = this.positionOf(pid, to);
    position.owed = position.owed.minus(paid);
    this.paidTo.set(to, (this.paidTo.get(to) ?? 0n) + paid);
    if (position.lock === undefined) {
      this.changeStake(pid, to, credited, false, "paid", 0n);
      return settlement;
    }
    // Which part of the position's shortfall the unlocked stake holds is known only to within the
    // position's window: payments are booked to the lock first, up to the whole wei it is owed, so
    // what the model books to the unlocked stake is above the farm's figure for it by more than
    // −1 wei (the farm never pays an account above its exact share) and less than the position's
    // whole window plus 1 (the lock's part moves by under 1 wei once only paid).
    const { least, most } = settlement.bound;
    const floor = least.lessThan(0n) ? least : Ratio.ZERO.minus(this.pools[pid].dust);
    const bound: Bound = { ...settlement.bound, least: floor.minus(1n), most: most.plus(1n), stretch: "locked" };
    if (credited !== 0n) {
      // The combined figure does not move (the payment leaves both sides alike); from here the
      // unlocked stake runs re-rounded and the lock carried, from what the chain shows next.
      const before = this.boundOf(pid, to);
      this.changeStake(pid, to, credited, false, "paid", 0n);
      this.awaitObservation(position, before, before.least, before.most);
    }
    return { ...settlement, bound };
  }

  /**
   * The position's reference is what the chain shows next, in this block, which must lie in
   * [least, most) (widened by 1 wei either way and the pool's dust, for the booking of payments
   * between the accounts); see observeReference.
   */
  private awaitObservation(position: Position, before: Bound, least: Ratio, most: Ratio): void {
    position.lockStart = "carried";
    position.observe = { ...before, least: least.minus(1n), most: most.plus(1n), stretch: "locked" };
  }

  /**
   * The pool is touched: what it received since last time is shared, stretch by stretch, among its
   * current stakers' accounts by their weights in that stretch.
   */
  private share(pid: number): void {
    const pool = this.pools[pid];
    for (const stretch of pool.unshared) {
      const total = this.sharesAt(pid, stretch.through).total;
      if (total === 0n) {
        this.unowned = this.unowned.plus(stretch.amount);
        continue;
      }
      for (const position of pool.positions.values()) {
        if (position.unlocked > 0n) position.owed = position.owed.plus(stretch.amount.times(position.unlocked, total));
        const lock = position.lock;
        if (lock !== undefined) lock.owed = lock.owed.plus(stretch.amount.times(this.lockWeightAt(pool, lock, stretch.through), total));
      }
    }
    pool.unshared = [];
    pool.touchedAt = this.now;
  }

  private positionOf(pid: number, user: string): Position {
    const positions = this.pools[pid].positions;
    let position = positions.get(user);
    if (position === undefined) {
      position = {
        unlocked: 0n,
        lock: undefined,
        owed: Ratio.ZERO,
        reference: Ratio.ZERO,
        referenceBlock: this.now,
        unlockedStart: "paid",
        lockStart: "carried",
        observe: false,
      };
      positions.set(user, position);
    }
    return position;
  }

  /**
   * The staker's own action: an ended lock's LP and reward owed join its unlocked stake (no weight
   * changes; the unlocked stake re-rounds). Returns whether a lock joined.
   */
  private join(pid: number, user: string): boolean {
    const pool = this.pools[pid];
    const position = pool.positions.get(user);
    const lock = position?.lock;
    if (position === undefined || lock === undefined || this.runs(pool, lock)) return false;
    position.unlocked += lock.amount;
    position.owed = position.owed.plus(lock.owed);
    position.lock = undefined;
    return true;
  }

  /** Pays both accounts `paid` in all, booked to the lock first (up to the whole wei it is owed). */
  private pay(pid: number, user: string, paid: bigint): Settlement {
    this.share(pid);
    const settlement = this.settlement(pid, user, paid);
    const position = this.positionOf(pid, user);
    let rest = paid;
    const lock = position.lock;
    if (lock !== undefined) {
      const whole = lock.owed.floor();
      const toLock = whole <= 0n ? 0n : whole < rest ? whole : rest;
      lock.owed = lock.owed.minus(toLock);
      rest -= toLock;
    }
    position.owed = position.owed.minus(rest);
    this.paidTo.set(user, (this.paidTo.get(user) ?? 0n) + paid);
    return settlement;
  }

  /** The farm reports what it keeps after re-rounding the new stake's debt: up to 1 wei more short. */
  private defer(pid: number, user: string, deferred: bigint): Settlement {
    this.share(pid);
    const settlement = this.settlement(pid, user, deferred);
    return { ...settlement, bound: { ...settlement.bound, most: settlement.bound.most.plus(1n) }, deferral: true };
  }

  private settlement(pid: number, user: string, amount: bigint): Settlement {
    return {
      pid,
      user,
      due: this.pendingOf(pid, user),
      amount,
      bound: this.boundOf(pid, user),
      deferral: false,
    };
  }

  /**
   * The unlocked stake changes by `delta` LP (or an ended lock `joined` it), the farm still owing
   * the staker `kept` in all (deferred reward): the unlocked stake re-rounds, a new reference.
   * A join with no change of stake re-rounds its debt to `ceil(weight × acc) − owed` and then pays
   * `floor(weight × acc) −` that, which leaves the debt at `floor(weight × acc)`: from there the
   * stake moves as a carried one, by under 1 wei either way; unless nothing was owed, when the
   * payment (floor − ceil, below 0) is 0 and the debt stays rounded up, as after a payment: by
   * either window, [−1, 2) ("joined"; while paused, the kept figure's windows hold as they are).
   */
  private changeStake(pid: number, user: string, delta: bigint, joined: boolean, start: AccountStart, kept: bigint): void {
    if (delta === 0n && !joined) return;
    const position = this.positionOf(pid, user);
    position.unlocked += delta;
    if (position.unlocked < 0n) throw new Error(`model: withdrawal beyond the unlocked stake of ${user} in pool ${pid}`);
    this.newReference(position, delta === 0n && start === "paid" ? "joined" : start, "carried", kept);
    if (delta !== 0n) this.noteStakeChange(this.pools[pid]);
    this.pools[pid].totalStaked += delta;
  }

  /**
   * An action in the current block re-rounded one of the position's accounts: its farm figure is
   * now `kept` (all paid, or reported kept), so the reference is what is exactly owed less that
   * (the pool was just shared).
   */
  private newReference(position: Position, unlockedStart: AccountStart, lockStart: AccountStart, kept: bigint): void {
    position.reference = position.owed.plus(position.lock?.owed ?? Ratio.ZERO).minus(kept);
    position.referenceBlock = this.now;
    position.unlockedStart = unlockedStart;
    position.lockStart = lockStart;
    position.observe = false;
  }

  /** The pool's weights change: the global accumulator's last digit falls to new stakers. */
  private noteStakeChange(pool: Pool): void {
    pool.dust = pool.dust.plus(new Ratio(pool.allocPoint, GLOBAL_ACCUMULATOR_SCALE));
  }

  /** The farm drops the global accumulator's remainder: each pool's share of it is dust. */
  private noteTotalAllocationChange(): void {
    for (const pool of this.pools) pool.dust = pool.dust.plus(new Ratio(pool.allocPoint, GLOBAL_ACCUMULATOR_SCALE));
  }
}

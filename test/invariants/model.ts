/**
 * The farm's reward rules as exact arithmetic, written from the specification (IFarm.sol's and
 * IFarmLocks.sol's NatSpec and the README's "How rewards are counted"), never from Farm.sol:
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
 * - Weights (IFarmLocks): a staker's weight is its unlocked LP plus, for its lock, the locked LP
 *   times the lock's boost, `floor(locked × boostBps / 10,000)`, for the emission of every block up
 *   to and including the lock's end block, and the locked LP after. Nobody has to act at the end.
 * - Locks: one per staker per pool. `lock` in block b takes LP from the wallet into it and makes
 *   the whole lock run for the tier from b: end = ceil((b + duration) / epochBlocks) × epochBlocks,
 *   the tier's boost and the current early-exit terms; an end earlier than the running lock's is
 *   refused. A lock that ended joins the staker's unlocked stake at its next action in the pool
 *   (deposit, withdraw, harvest, harvestAll, lock, exitLock), never at someone else's depositFor.
 *   `emergencyUnlock(pid)` in block b ends every lock of the pool at b (earlier ends stay).
 * - Early exit in block b while the lock runs: the locked LP leaves, less
 *   `ceil(locked × penaltyBps × (end − b) / (10,000 × (end − start)))` for the recipient fixed with
 *   the lock; the reward is paid like a withdrawal's.
 * - `emergencyWithdraw` touches only the stake: it returns the unlocked LP and an ended lock's LP
 *   (a running lock stays), the leaver forfeits everything it was owed (deferred reward included),
 *   and, as in MasterChef, the weight that left loses its share of what the pool received since
 *   it was last touched: every stretch of that is shared, when the pool is next touched, among the
 *   weights still there (a running lock left behind keeps its share).
 * - While paused, `withdraw` and `exitLock` keep the reward owed (RewardDeferred); the next
 *   payment pays it.
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
}

export interface Position {
  /** LP staked outside the lock. */
  unlocked: bigint;
  /** The lock, running or ended (until the staker's next action joins it to `unlocked`). */
  lock: Lock | undefined;
  /** Reward earned and not yet paid (deferred reward included), exactly. */
  owed: Ratio;
  /**
   * How far the farm was below the exact figure when the current stretch of constant weight began
   * (0 for a new position): what it owed exactly then, less what it kept owing (see boundOf).
   */
  shortfallAtStretchStart: Ratio;
  /** How the stretch began, which sets its window (see boundOf). */
  stretchStart: StretchStart;
  /** The block of the action that began the stretch. */
  stretchBlock: bigint;
  /** The end of a lock that ended within this stretch and has since joined the unlocked stake. */
  joinedEnd: bigint | undefined;
}

/**
 * "paid": the farm paid out what was owed (or nothing was owed) and rounded the new debt up.
 * "deferred": a withdrawal while paused kept `kept` > 0 wei, the figure pendingReward showed after
 * the re-rounding. "pausedQuiet": a withdrawal while paused reported nothing kept: nothing was owed,
 * or 1 wei that the re-rounding hides.
 */
export type StretchStart = "paid" | "deferred" | "pausedQuiet";

/** Where the farm's figure may lie: `exact - farm` in [least, most) (see boundOf). */
export interface Bound {
  least: Ratio;
  most: Ratio;
  /** The farm's shortfall when the stretch began, from which the window is measured. */
  start: Ratio;
  /** How the stretch began. */
  stretch: StretchStart;
  /** A lock's end fell inside the stretch: it is two stretches for the rounding (see boundOf). */
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
export function earlyExitPenalty(lock: Lock, block: bigint): bigint {
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
  /** Reward minted to each account so far. */
  readonly paidTo = new Map<string, bigint>();
  /** LP sent to each penalty recipient, per pool: [pid] -> recipient -> LP (before any transfer fee). */
  readonly penalties = new Map<number, Map<string, bigint>>();
  readonly pools: Pool[] = [];
  /** Emission is accounted for every block up to and including this one. */
  private accountedThrough: bigint;

  constructor(params: ModelParams) {
    this.startBlock = params.startBlock;
    this.rewardPerBlock = params.rewardPerBlock;
    this.remaining = params.budget;
    this.accountedThrough = params.startBlock;
    this.epochBlocks = params.epochBlocks ?? 1n;
    this.tiers = params.tiers ?? [];
    this.penaltyBps = params.penaltyBps ?? 0n;
    this.penaltyRecipient = params.penaltyRecipient ?? "";
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

  /** The last block whose emission is accounted: during an action, the action's own block. */
  get block(): bigint {
    return this.accountedThrough;
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
    return this.endOf(pool, lock) > this.accountedThrough;
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
    return earlyExitPenalty(lock, this.accountedThrough);
  }

  /** The end a lock made for `tier` in the current block would get. */
  lockEndFor(tier: number): bigint {
    return lockEndOf(this.accountedThrough, this.tiers[tier].duration, this.epochBlocks);
  }

  /** A position's weight in the emission of `block`. */
  weightAt(pool: Readonly<Pool>, position: Position, block: bigint): bigint {
    const lock = position.lock;
    if (lock === undefined) return position.unlocked;
    return position.unlocked + (block <= this.endOf(pool, lock) ? boosted(lock.amount, lock.boostBps) : lock.amount);
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

  /** What `user` would be paid by harvesting pool `pid` now (as of the last accounted block). */
  pendingOf(pid: number, user: string): Ratio {
    const pool = this.pools[pid];
    const position = pool.positions.get(user);
    if (position === undefined) return Ratio.ZERO;
    let pending = position.owed;
    for (const stretch of pool.unshared) {
      const total = this.sharesAt(pid, stretch.through).total;
      if (total > 0n) pending = pending.plus(stretch.amount.times(this.weightAt(pool, position, stretch.through), total));
    }
    return pending;
  }

  /** Emission the pool received since it was last touched. */
  unsharedOf(pid: number): Ratio {
    return this.pools[pid].unshared.reduce((sum, stretch) => sum.plus(stretch.amount), Ratio.ZERO);
  }

  /**
   * Where the farm's figure may lie around `pendingOf`. Per README ("How rewards are counted",
   * "Precision and limits"), over a stretch of constant weight the farm pays
   * `floor(weight × acc) - ceil(weight × acc at the start)`: under 2 wei below the exact share, never
   * above it, however many payments and updates. So, measured from where the farm stood when the
   * stretch began (`shortfallAtStretchStart`), its shortfall may grow by less than 2 wei and may
   * not shrink. A stretch begun by a withdrawal while paused is measured from the kept figure the
   * farm reported, which already took the ceiling: from there the farm shows `floor(weight × acc)
   * - floor(weight × acc at the start)` more, so the shortfall moves by less than 1 wei either way
   * (and, when nothing was reported kept, by either window).
   *
   * A lock's end inside the stretch (its own or the pool's emergency unlock) changes the weight
   * with nobody acting: the farm counts the boosted weight up to the pool's accumulator at the
   * end, rounded down, and starts the 1x weight from it rounded up, exactly as if the staker had
   * changed its stake at that block. The shortfall there is unseen, anywhere in the first window,
   * and the second stretch adds its own window to it: the farm's shortfall lies in
   * [start, start + 4) from then on (the window of a deferred or quiet start grows by the same 2).
   * The lock then joining the unlocked stake at the staker's next action changes no weight and is
   * no new stretch: the same window holds until the weight next changes. A stretch begun in a lock's
   * end block itself (depositFor at block E, which does not join the lock) counts as crossing it:
   * the farm may have rounded there against the boosted weight.
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
    const start = position?.shortfallAtStretchStart ?? Ratio.ZERO;
    const kind = position?.stretchStart ?? "paid";
    const crossed = position !== undefined && this.crossedInStretch(pool, position);
    const least = kind === "paid" ? start : start.minus(1n);
    const most = (kind === "deferred" ? start.plus(1n) : start.plus(2n)).plus(crossed ? 2n : 0n);
    return { least: least.minus(pool.dust), most: most.plus(pool.dust), start, stretch: kind, crossed };
  }

  /** A lock's end (one that has passed) falls in the position's current stretch. */
  private crossedInStretch(pool: Pool, position: Position): boolean {
    if (position.joinedEnd !== undefined) return true;
    const lock = position.lock;
    if (lock === undefined) return false;
    const end = this.endOf(pool, lock);
    return position.stretchBlock <= end && end <= this.accountedThrough;
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
      pool.dust = pool.dust.plus(new Ratio(this.sharesAt(pid, this.accountedThrough).total, SHARE_SCALE));
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
  }

  /** New locks get these early-exit terms; existing locks keep theirs. */
  setEarlyExitPenalty(penaltyBps: bigint, recipient: string): void {
    this.penaltyBps = penaltyBps;
    this.penaltyRecipient = recipient;
  }

  /**
   * Every lock of the pool ends in this block, boosts included: the pool is brought up to this
   * block at the weights in force (boosted through this block), and from the next block on every
   * locked LP weighs 1x. Locks that ended earlier keep their end.
   */
  emergencyUnlock(pid: number): void {
    this.share(pid);
    const pool = this.pools[pid];
    pool.emergencyUnlockBlock = this.accountedThrough;
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
   * `own`: the staker's own deposit, which also joins an ended lock to its unlocked stake; a
   * depositFor (someone else's action) leaves its locks alone.
   */
  deposit(pid: number, to: string, credited: bigint, paid: bigint, own = true): Settlement {
    const settlement = this.pay(pid, to, paid);
    if (own) this.join(pid, to);
    this.changeStake(pid, to, credited, "paid", 0n);
    return settlement;
  }

  /**
   * withdraw: pays `user` (observed: `paidOrDeferred`), or while paused keeps the reward owed (the
   * farm reports the whole amount it holds for the user as deferred), then takes `amount` LP off
   * its unlocked stake (which an ended lock has just joined).
   */
  withdraw(pid: number, user: string, amount: bigint, paidOrDeferred: bigint): Settlement {
    const settlement = this.paused ? this.defer(pid, user, paidOrDeferred) : this.pay(pid, user, paidOrDeferred);
    this.join(pid, user);
    if (!this.paused) this.changeStake(pid, user, -amount, "paid", 0n);
    else this.changeStake(pid, user, -amount, paidOrDeferred > 0n ? "deferred" : "pausedQuiet", paidOrDeferred);
    return settlement;
  }

  harvest(pid: number, user: string, paid: bigint): Settlement {
    const settlement = this.pay(pid, user, paid);
    this.join(pid, user);
    return settlement;
  }

  /**
   * lock: pays `user` (observed: `paid`), joins an ended lock to the unlocked stake, then makes (or
   * renews) the lock with `added` LP more for `tier`, from this block, with the current terms.
   * The caller checked the refusals (unknown tier, nothing to lock, a shorter end, the pool unlocked).
   */
  lock(pid: number, user: string, added: bigint, tier: number, paid: bigint): Settlement {
    const settlement = this.pay(pid, user, paid);
    this.join(pid, user);
    const pool = this.pools[pid];
    const position = this.positionOf(pid, user);
    const { duration, boostBps } = this.tiers[tier];
    const end = lockEndOf(this.accountedThrough, duration, this.epochBlocks);
    const held = position.lock?.amount ?? 0n;
    if (position.lock !== undefined && end < position.lock.end) throw new Error(`model: lock shortened to ${end} from ${position.lock.end}`);
    position.lock = {
      amount: held + added,
      boostBps,
      start: this.accountedThrough,
      end,
      penaltyBps: this.penaltyBps,
      recipient: this.penaltyRecipient,
    };
    pool.totalStaked += added;
    // A renewed lock re-rounds the position's debt, whatever its new weight (the farm settles and
    // re-bases the position on every lock): a new stretch, measured from what the farm owes now (0).
    this.restartStretch(position, "paid", 0n);
    this.noteStakeChange(pool);
    return settlement;
  }

  /**
   * exitLock in the current block: pays (or, while paused, keeps: `paidOrDeferred`) the reward,
   * then the running lock leaves, its penalty to the recipient fixed with it.
   */
  exitLock(pid: number, user: string, paidOrDeferred: bigint): EarlyExit {
    const settlement = this.paused ? this.defer(pid, user, paidOrDeferred) : this.pay(pid, user, paidOrDeferred);
    const pool = this.pools[pid];
    const position = this.positionOf(pid, user);
    const lock = position.lock;
    if (lock === undefined || !this.runs(pool, lock)) throw new Error(`model: exitLock without a running lock`);
    const penalty = earlyExitPenalty(lock, this.accountedThrough);
    position.lock = undefined;
    pool.totalStaked -= lock.amount;
    const start: StretchStart = !this.paused ? "paid" : paidOrDeferred > 0n ? "deferred" : "pausedQuiet";
    this.restartStretch(position, start, this.paused ? paidOrDeferred : 0n);
    this.noteStakeChange(pool);
    const byRecipient = this.penalties.get(pid) ?? new Map<string, bigint>();
    byRecipient.set(lock.recipient, (byRecipient.get(lock.recipient) ?? 0n) + penalty);
    this.penalties.set(pid, byRecipient);
    return { settlement, locked: lock.amount, returned: lock.amount - penalty, penalty, recipient: lock.recipient };
  }

  /**
   * Returns the unlocked LP and an ended lock's LP, forfeits everything owed; the pool is not
   * touched. A running lock stays, and keeps its share of what the pool received since it was
   * last touched (the farm rebases it on the pool's stored accumulator).
   */
  emergencyWithdraw(pid: number, user: string): bigint {
    const pool = this.pools[pid];
    const position = pool.positions.get(user);
    if (position === undefined) return 0n;
    this.forfeited = this.forfeited.plus(position.owed);
    position.owed = Ratio.ZERO;
    const lock = position.lock;
    const keeps = lock !== undefined && this.runs(pool, lock);
    const returned = position.unlocked + (lock !== undefined && !keeps ? lock.amount : 0n);
    if (returned > 0n) this.noteStakeChange(pool);
    pool.totalStaked -= returned;
    if (!keeps) {
      pool.positions.delete(user);
      return returned;
    }
    position.unlocked = 0n;
    // The farm owes nothing now but the lock's share of what the pool has not shared yet, which
    // it counts from the stored accumulator, its debt rounded up there: a new stretch from 0.
    this.restartStretch(position, "paid", 0n);
    return returned;
  }

  /*//////////////////////////////////////////////////////////////
                                INTERNAL
  //////////////////////////////////////////////////////////////*/

  /**
   * The pool is touched: what it received since last time is shared, stretch by stretch, among its
   * current stakers by their weights in that stretch.
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
        const weight = this.weightAt(pool, position, stretch.through);
        if (weight > 0n) position.owed = position.owed.plus(stretch.amount.times(weight, total));
      }
    }
    pool.unshared = [];
  }

  private positionOf(pid: number, user: string): Position {
    const positions = this.pools[pid].positions;
    let position = positions.get(user);
    if (position === undefined) {
      position = {
        unlocked: 0n,
        lock: undefined,
        owed: Ratio.ZERO,
        shortfallAtStretchStart: Ratio.ZERO,
        stretchStart: "paid",
        stretchBlock: this.accountedThrough,
        joinedEnd: undefined,
      };
      positions.set(user, position);
    }
    return position;
  }

  /** The staker's own action: an ended lock's LP joins its unlocked stake (no weight changes). */
  private join(pid: number, user: string): void {
    const pool = this.pools[pid];
    const position = pool.positions.get(user);
    const lock = position?.lock;
    if (position === undefined || lock === undefined || this.runs(pool, lock)) return;
    if (this.crossedInStretch(pool, position)) position.joinedEnd = this.endOf(pool, lock);
    position.unlocked += lock.amount;
    position.lock = undefined;
  }

  private pay(pid: number, user: string, paid: bigint): Settlement {
    this.share(pid);
    const settlement = this.settlement(pid, user, paid);
    const position = this.positionOf(pid, user);
    position.owed = position.owed.minus(paid);
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

  /** A new stretch of unlocked stake begins, the farm still owing the staker `kept` (deferred reward). */
  private changeStake(pid: number, user: string, delta: bigint, start: StretchStart, kept: bigint): void {
    if (delta === 0n) return;
    const position = this.positionOf(pid, user);
    position.unlocked += delta;
    if (position.unlocked < 0n) throw new Error(`model: withdrawal beyond the unlocked stake of ${user} in pool ${pid}`);
    this.restartStretch(position, start, kept);
    this.noteStakeChange(this.pools[pid]);
    this.pools[pid].totalStaked += delta;
  }

  /**
   * The position's weight changed (or was re-based) in the current block: a new stretch, whose
   * shortfall starts at what is exactly owed (the pool was just shared) less what the farm keeps.
   */
  private restartStretch(position: Position, start: StretchStart, kept: bigint): void {
    position.shortfallAtStretchStart = position.owed.minus(kept);
    position.stretchStart = start;
    position.stretchBlock = this.accountedThrough;
    position.joinedEnd = undefined;
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

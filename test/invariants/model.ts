/**
 * The farm's reward rules as exact arithmetic, written from the specification (IFarm.sol's
 * NatSpec and the README's "How rewards are counted"), never from Farm.sol:
 *
 * - Emission: blocks after `startBlock` emit `rewardPerBlock` each, all pools together, until the
 *   budget (the reward token's cap minus its supply at deployment) is spent; the last block emits
 *   what is left. A block in which no pool has allocation emits nothing and spends no budget.
 * - A transaction in block b first accounts block b under the values in force, then changes them:
 *   new stakes, allocations, rates and pools count from block b + 1.
 * - Pool p receives `emitted × allocPoint_p / totalAllocPoint` of every block. Whenever the pool is
 *   touched (deposit, depositFor, withdraw, harvest, harvestAll, set, updatePool, massUpdatePools)
 *   what it received since it was last touched is shared among its stakers pro rata to their
 *   stakes at that moment. Received while nobody stakes, it goes to no one.
 * - `emergencyWithdraw` touches only the stake: the leaver forfeits everything it was owed
 *   (deferred reward included), and, as in MasterChef, its share of what the pool received since
 *   it was last touched goes to whoever is staked when it is next touched.
 * - While paused, `withdraw` keeps the reward owed (RewardDeferred); the next payment pays it.
 *
 * Nothing here rounds: shares are kept as exact fractions. What the farm pays is compared with these
 * values within the bounds given by `boundOf` (see there for why they are what they are).
 */
import { Ratio } from "./ratio.js";

/**
 * The farm's precision (README, "Precision and limits"): the global accumulator counts in 1e-9 wei
 * per allocation point, the pool accumulators in 1e-48 wei per LP wei.
 */
export const GLOBAL_ACCUMULATOR_SCALE = 10n ** 9n;
export const SHARE_SCALE = 10n ** 48n;

export interface ModelParams {
  startBlock: bigint;
  rewardPerBlock: bigint;
  /** Reward the farm may ever emit: the token's cap minus its supply when the farm was deployed. */
  budget: bigint;
}

export interface Position {
  /** LP credited. */
  amount: bigint;
  /** Reward earned and not yet paid (deferred reward included), exactly. */
  owed: Ratio;
  /**
   * How far the farm was below the exact figure when the current stretch of constant stake began
   * (0 for a new position): what it owed exactly then, less what it kept owing (see boundOf).
   */
  shortfallAtStretchStart: Ratio;
  /** How the stretch began, which sets its window (see boundOf). */
  stretchStart: StretchStart;
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
}

export interface Pool {
  lpToken: string;
  allocPoint: bigint;
  totalStaked: bigint;
  /** Emission the pool received since it was last touched, not yet shared among its stakers. */
  unshared: Ratio;
  /** Bound on the dust the farm's accumulators may have moved into or out of this pool (see boundOf). */
  dust: Ratio;
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

export class FarmModel {
  readonly startBlock: bigint;
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
  /** Reward minted to each account so far. */
  readonly paidTo = new Map<string, bigint>();
  readonly pools: Pool[] = [];
  /** Emission is accounted for every block up to and including this one. */
  private accountedThrough: bigint;

  constructor(params: ModelParams) {
    this.startBlock = params.startBlock;
    this.rewardPerBlock = params.rewardPerBlock;
    this.remaining = params.budget;
    this.accountedThrough = params.startBlock;
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

  pool(pid: number): Readonly<Pool> {
    return this.pools[pid];
  }

  pidOf(lpToken: string): number | undefined {
    const pid = this.pools.findIndex((pool) => pool.lpToken === lpToken);
    return pid < 0 ? undefined : pid;
  }

  stakeOf(pid: number, user: string): bigint {
    return this.pools[pid].positions.get(user)?.amount ?? 0n;
  }

  /** What `user` would be paid by harvesting pool `pid` now (as of the last accounted block). */
  pendingOf(pid: number, user: string): Ratio {
    const pool = this.pools[pid];
    const position = pool.positions.get(user);
    if (position === undefined) return Ratio.ZERO;
    if (pool.totalStaked === 0n) return position.owed;
    return position.owed.plus(pool.unshared.times(position.amount, pool.totalStaked));
  }

  /**
   * Where the farm's figure may lie around `pendingOf`. Per README ("How rewards are counted",
   * "Precision and limits"), over a stretch of constant stake the farm pays
   * `floor(stake × acc) - ceil(stake × acc at the start)`: under 2 wei below the exact share, never
   * above it, however many payments and updates. So, measured from where the farm stood when the
   * stretch began (`shortfallAtStretchStart`), its shortfall may grow by less than 2 wei and may
   * not shrink. A stretch begun by a withdrawal while paused is measured from the kept figure the
   * farm reported, which already took the ceiling: from there the farm shows `floor(stake × acc)
   * - floor(stake × acc at the start)` more, so the shortfall moves by less than 1 wei either way
   * (and, when nothing was reported kept, by either window). Give or take the pool's `dust`, either
   * way: the global accumulator's last digit is worth < allocPoint / 1e9 wei of the pool's reward
   * and can fall to other stakers each time the pool's total stake or the total allocation changes
   * (the farm drops its remainder then); each pool update loses < totalStaked / 1e48 wei.
   * A farm that loses 1 wei per payment, or pays 1 wei too much once, leaves this window.
   */
  boundOf(pid: number, user: string): Bound {
    const pool = this.pools[pid];
    const position = pool.positions.get(user);
    const start = position?.shortfallAtStretchStart ?? Ratio.ZERO;
    const kind = position?.stretchStart ?? "paid";
    const least = kind === "paid" ? start : start.minus(1n);
    const most = kind === "deferred" ? start.plus(1n) : start.plus(2n);
    return { least: least.minus(pool.dust), most: most.plus(pool.dust), start, stretch: kind };
  }

  /** Everything emitted that someone is still owed or was paid: emitted - unowned - forfeited. */
  get owedOrPaid(): Ratio {
    return new Ratio(this.emitted).minus(this.unowned).minus(this.forfeited);
  }

  /*//////////////////////////////////////////////////////////////
                                 TIME
  //////////////////////////////////////////////////////////////*/

  /** Accounts the emission of every block up to and including `block`, under the current values. */
  advanceTo(block: bigint): void {
    if (block <= this.accountedThrough) return;
    const totalAllocPoint = this.totalAllocPoint;
    const firstEmitting = this.accountedThrough > this.startBlock ? this.accountedThrough + 1n : this.startBlock + 1n;
    this.accountedThrough = block;
    if (totalAllocPoint === 0n || block < firstEmitting) return; // idle blocks spend no budget
    const blocks = block - firstEmitting + 1n;
    const wanted = this.rewardPerBlock * blocks;
    const emission = wanted < this.remaining ? wanted : this.remaining;
    this.remaining -= emission;
    this.emitted += emission;
    for (const pool of this.pools) {
      pool.unshared = pool.unshared.plus(new Ratio(emission * pool.allocPoint, totalAllocPoint));
    }
  }

  /** A farm transaction: it may update every pool (`massUpdatePools`), each losing its finest digit. */
  noteUpdate(): void {
    for (const pool of this.pools) pool.dust = pool.dust.plus(new Ratio(pool.totalStaked, SHARE_SCALE));
  }

  /*//////////////////////////////////////////////////////////////
                                 ADMIN
  //////////////////////////////////////////////////////////////*/

  addPool(lpToken: string, allocPoint: bigint): void {
    this.pools.push({
      lpToken,
      allocPoint,
      totalStaked: 0n,
      unshared: Ratio.ZERO,
      dust: Ratio.ZERO,
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

  /*//////////////////////////////////////////////////////////////
                                STAKERS
  //////////////////////////////////////////////////////////////*/

  updatePool(pid: number): void {
    this.share(pid);
  }

  massUpdatePools(): void {
    for (let pid = 0; pid < this.pools.length; pid++) this.share(pid);
  }

  /** deposit / depositFor: pays `to` (observed: `paid`), then credits it `credited` LP. */
  deposit(pid: number, to: string, credited: bigint, paid: bigint): Settlement {
    const settlement = this.pay(pid, to, paid);
    this.changeStake(pid, to, credited, "paid", 0n);
    return settlement;
  }

  /**
   * withdraw: pays `user` (observed: `paidOrDeferred`), or while paused keeps the reward owed (the
   * farm reports the whole amount it holds for the user as deferred), then takes `amount` LP off.
   */
  withdraw(pid: number, user: string, amount: bigint, paidOrDeferred: bigint): Settlement {
    const settlement = this.paused ? this.defer(pid, user, paidOrDeferred) : this.pay(pid, user, paidOrDeferred);
    if (!this.paused) this.changeStake(pid, user, -amount, "paid", 0n);
    else this.changeStake(pid, user, -amount, paidOrDeferred > 0n ? "deferred" : "pausedQuiet", paidOrDeferred);
    return settlement;
  }

  harvest(pid: number, user: string, paid: bigint): Settlement {
    return this.pay(pid, user, paid);
  }

  /** Returns the LP credited, forfeits everything owed; the pool is not touched. */
  emergencyWithdraw(pid: number, user: string): bigint {
    const pool = this.pools[pid];
    const position = pool.positions.get(user);
    if (position === undefined) return 0n;
    pool.positions.delete(user);
    if (position.amount > 0n) this.noteStakeChange(pool);
    pool.totalStaked -= position.amount;
    this.forfeited = this.forfeited.plus(position.owed);
    return position.amount;
  }

  /*//////////////////////////////////////////////////////////////
                                INTERNAL
  //////////////////////////////////////////////////////////////*/

  /** The pool is touched: what it received since last time is shared among its current stakers. */
  private share(pid: number): void {
    const pool = this.pools[pid];
    if (pool.unshared.num === 0n) return;
    if (pool.totalStaked === 0n) {
      this.unowned = this.unowned.plus(pool.unshared);
    } else {
      for (const position of pool.positions.values()) {
        position.owed = position.owed.plus(pool.unshared.times(position.amount, pool.totalStaked));
      }
    }
    pool.unshared = Ratio.ZERO;
  }

  private positionOf(pid: number, user: string): Position {
    const positions = this.pools[pid].positions;
    let position = positions.get(user);
    if (position === undefined) {
      position = { amount: 0n, owed: Ratio.ZERO, shortfallAtStretchStart: Ratio.ZERO, stretchStart: "paid" };
      positions.set(user, position);
    }
    return position;
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

  /** A new stretch of stake begins, the farm still owing the staker `kept` (deferred reward). */
  private changeStake(pid: number, user: string, delta: bigint, start: StretchStart, kept: bigint): void {
    if (delta === 0n) return;
    const position = this.positionOf(pid, user);
    position.amount += delta;
    position.shortfallAtStretchStart = this.pendingOf(pid, user).minus(kept);
    position.stretchStart = start;
    this.noteStakeChange(this.pools[pid]);
    this.pools[pid].totalStaked += delta;
  }

  /** The pool's total stake changes: the global accumulator's last digit falls to new stakers. */
  private noteStakeChange(pool: Pool): void {
    pool.dust = pool.dust.plus(new Ratio(pool.allocPoint, GLOBAL_ACCUMULATOR_SCALE));
  }

  /** The farm drops the global accumulator's remainder: each pool's share of it is dust. */
  private noteTotalAllocationChange(): void {
    for (const pool of this.pools) pool.dust = pool.dust.plus(new Ratio(pool.allocPoint, GLOBAL_ACCUMULATOR_SCALE));
  }
}

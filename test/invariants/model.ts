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
 * values within the bound given by `boundOf` (see there for why it is what it is).
 */
import { Ratio } from "./ratio.js";

/** The global accumulator's scale: reward per allocation point, × 1e9 (README). */
export const GLOBAL_ACCUMULATOR_SCALE = 10n ** 9n;

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
  /** Stake changes since the position was opened: each may cost the staker up to 2 wei (see boundOf). */
  stakeChanges: number;
}

export interface Pool {
  lpToken: string;
  allocPoint: bigint;
  totalStaked: bigint;
  /** Emission the pool received since it was last touched, not yet shared among its stakers. */
  unshared: Ratio;
  /** Upper bound on what the farm's 1e9-scaled global accumulator may have truncated from this pool. */
  accumulatorDust: Ratio;
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
  /** `due - amount` must lie in [0, bound). */
  bound: Ratio;
  /** The part of the bound due to the global accumulator (see boundOf): < 1 wei for ordinary allocations. */
  accumulatorDust: Ratio;
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
   * How far below `pendingOf` the farm's figure may be (it may never be above). Per README
   * ("Precision and limits", "How rewards are counted"), the farm works with two truncating
   * accumulators and a rounded-up debt:
   * - the debt is reset, rounded up, when the stake changes, and the payout is floored: each span of
   *   constant stake may pay up to 2 wei less than its exact share (< 1 for the ceiling, < 1 for
   *   the floor), and payments in between are exact, so `2 × (stake changes + 1)` covers them all;
   * - the per-LP-wei accumulator (1e36) truncates < 1e-36 per LP wei per pool update; stakes here
   *   stay below 1e28 wei and updates below 1e6, so all of it is < 1e-2 wei: + 1 covers it;
   * - the global accumulator (1e9 per allocation point) truncates < allocPoint / 1e9 wei of the
   *   pool's emission each time it advances (at most once per block): `accumulatorDust`, counted
   *   for every farm transaction and for the view itself. It is below 1e-5 wei for ordinary
   *   allocations and grows only when an allocation near 2^40 is used.
   */
  boundOf(pid: number, user: string): Ratio {
    const changes = BigInt(this.pools[pid].positions.get(user)?.stakeChanges ?? 0);
    return this.accumulatorDustOf(pid).plus(2n * (changes + 1n) + 1n);
  }

  /** The global accumulator's share of `boundOf`: its truncations so far, and the view's own. */
  accumulatorDustOf(pid: number): Ratio {
    const pool = this.pools[pid];
    return pool.accumulatorDust.plus(new Ratio(pool.allocPoint, GLOBAL_ACCUMULATOR_SCALE));
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

  /** The farm may have advanced its global accumulator in this block (any farm transaction). */
  noteAccumulatorAdvance(): void {
    for (const pool of this.pools) {
      pool.accumulatorDust = pool.accumulatorDust.plus(new Ratio(pool.allocPoint, GLOBAL_ACCUMULATOR_SCALE));
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
      unshared: Ratio.ZERO,
      accumulatorDust: Ratio.ZERO,
      positions: new Map(),
    });
  }

  /** `set` shares what the pool earned at its old allocation first. */
  setAllocPoint(pid: number, allocPoint: bigint): void {
    this.share(pid);
    this.pools[pid].allocPoint = allocPoint;
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
    this.changeStake(pid, to, credited);
    return settlement;
  }

  /**
   * withdraw: pays `user` (observed: `paidOrDeferred`), or while paused keeps the reward owed (the
   * farm reports the whole amount it holds for the user as deferred), then takes `amount` LP off.
   */
  withdraw(pid: number, user: string, amount: bigint, paidOrDeferred: bigint): Settlement {
    const settlement = this.paused ? this.defer(pid, user, paidOrDeferred) : this.pay(pid, user, paidOrDeferred);
    this.changeStake(pid, user, -amount);
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
      position = { amount: 0n, owed: Ratio.ZERO, stakeChanges: 0 };
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

  private defer(pid: number, user: string, deferred: bigint): Settlement {
    this.share(pid);
    return this.settlement(pid, user, deferred);
  }

  private settlement(pid: number, user: string, amount: bigint): Settlement {
    return {
      pid,
      user,
      due: this.pendingOf(pid, user),
      amount,
      bound: this.boundOf(pid, user),
      accumulatorDust: this.accumulatorDustOf(pid),
    };
  }

  private changeStake(pid: number, user: string, delta: bigint): void {
    if (delta === 0n) return;
    const position = this.positionOf(pid, user);
    position.amount += delta;
    position.stakeChanges += 1;
    this.pools[pid].totalStaked += delta;
  }
}

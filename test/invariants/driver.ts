/**
 * Plays one sequence of actions on chain alongside the model. For each action:
 * 1. plan: turn the intent into concrete arguments using the model's state, and work out what
 *    must happen: success, or a revert with one of the named custom errors;
 * 2. send it as a real transaction (raw `eth_sendTransaction` with a fixed gas limit: no gas
 *    estimation, no signer round trips) and judge the outcome;
 * 3. on success, feed the model what the farm paid (from the receipt's events) and check each
 *    payment against what was owed;
 * 4. read the state in one call and check every invariant (checks.ts).
 * A `sameBlock` action mines several independent calls in one block. The first broken property
 * stops the sequence with an InvariantViolation naming the step and the actions before it.
 */
import { Interface, MaxUint256, toQuantity, ZeroAddress } from "ethers";

import { signPairPermit } from "../../fixtures/permit.js";
import { type Action, type ActionKind, type Caller, describeAction, type PoolPick, type Portion, type RecipientPick, type SponsorPick, type TierIndexPick, type TierPick } from "./actions.js";
import { checkPartners, checkSettlement, checkState } from "./checks.js";
import { MAX_STREAMS, PartnerModel } from "./partners.js";
import { Ledger } from "./ledger.js";
import { boosted, FarmModel, type Settlement } from "./model.js";
import { Ratio } from "./ratio.js";
import { type ChainState, type StateReader, walletKey } from "./reader.js";
import { ANY_ERROR, describeError, type NamedError, normalized, type RawLog, type RawReceipt, ReceiptReader } from "./receipts.js";
import type { CampaignStats } from "./stats.js";
import {
  type InvariantWorld,
  MAX_ALLOC_POINT,
  MAX_BOOST_BPS,
  MAX_LOCK_EPOCHS,
  MAX_LOCK_TIERS,
  MAX_PENALTY_BPS,
  MAX_REWARD_PER_BLOCK,
  MAX_TOTAL_STAKE,
  MIN_BOOST_BPS,
  HOSTILE_MODES,
  HOSTILE_TOKEN,
  type HostileMode,
  TOKEN,
} from "./world.js";

/** Enough gas for any call here; fixed, so no transaction waits for an estimate. */
const GAS = toQuantity(3_000_000);
/** A claim gives a partner token all the gas it wants: enough that what a gas burner leaves (1/64) finishes the claim. */
const CLAIM_GAS = toQuantity(12_000_000);
const TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
const ERC20_EVENTS = new Interface(["event Transfer(address indexed from, address indexed to, uint256 value)"]);
const MINTING_BROKEN: NamedError = { name: "MintingBroken", args: [] };
/** INVARIANT_TRACE=1: print every step and every payment with its window (to study a failure). */
const TRACE = process.env.INVARIANT_TRACE === "1";
/** Far beyond any block timestamp of a campaign. */
const PERMIT_DEADLINE = 2n ** 64n;
/** The stakeables whose LP token has a real EIP-2612 permit (the Uniswap pairs). */
const PERMIT_TOKENS: number[] = [TOKEN.usdcWeth, TOKEN.daiWeth];

/** A signed permit for lockWithPermit (or a meaningless one, where the token has no permit). */
interface Permit {
  v: number;
  r: string;
  s: string;
  /** A real permit leaves the allowance at 0 once spent: the driver approves the farm again. */
  real: boolean;
}

/** Whose reward a call mints: [user, pools, only the unlocked stake's (depositFor)]. */
type Payout = [user: number, pids: bigint[], onlyUnlocked?: boolean];

/** Farm actions planned against the model (everything but chain-only steps). */
type FarmAction = Exclude<Action, { kind: "mine" | "mineToLockEnd" | "mineToStreamEnd" | "setHostile" | "donate" | "breakRewardToken" | "repairRewardToken" | "sameBlock" }>;

/** A partner-reward event a call must emit (the rewarder's), in order. */
interface PartnerEvent {
  name: "PartnerRewardPaid" | "PartnerRewardOwed";
  args: unknown[];
}

export class InvariantViolation extends Error {}

/** A farm call worked out against the model, ready to send. */
interface FarmCall {
  kind: ActionKind;
  fn: string;
  from: string;
  data: string;
  /** It must revert with one of these; if there are none, it must succeed. */
  expected: NamedError[];
  /**
   * The reward token is broken and the call may owe nothing or a little: the farm may skip the
   * mint (success) or attempt it and revert with the token's MintingBroken. Both are fine.
   */
  mayFailToMint: boolean;
  /** Accounts whose wallet or position the call changes ("owner" for admin calls). */
  actors: string[];
  /** A deposit's pool and the LP it will credit, if it credits any. */
  stakes?: { pid: bigint; credited: bigint };
  onSuccess: (receipt: RawReceipt) => void;
  /** The contract called: the farm unless given (the partner rewarder). */
  to?: string;
  gas?: string;
}

function portionOf(portion: Portion, base: bigint): bigint {
  switch (portion.kind) {
    case "none":
      return 0n;
    case "all":
      return base;
    case "permille":
      return (base * portion.permille) / 1_000n;
    case "wei":
      return portion.wei < base ? portion.wei : base;
  }
}

export class SequenceDriver {
  readonly model: FarmModel;
  readonly partners: PartnerModel;
  readonly ledger: Ledger;
  /** What the rewarder holds of each partner token (world.partnerTokens order): funded − paid − reclaimed. */
  readonly #rewarderHeld: bigint[];
  #hostileMode: HostileMode = "normal";
  /** The pools the sponsor is approved for (sponsors are approved per pool): the world's first ones. */
  #sponsorPools: Set<bigint>;
  /** Pools with partner rewards the current step called the rewarder about: their streams and pending figures are read after it. */
  #partnerPoolsTouched = new Set<number>();
  /** The partner events the call being judged must emit (filled by its onSuccess). */
  #partnerEvents: PartnerEvent[] = [];
  readonly #world: InvariantWorld;
  readonly #reader: StateReader;
  readonly #receipts: ReceiptReader;
  readonly #stats: CampaignStats;
  #latestBlock: bigint;
  /** The block of the last check: lock ends after it are counted at the next. */
  #checkedBlock: bigint;
  #step = 0;
  readonly #played: string[] = [];
  /** Wallets the current step may change: [stakeable, user], read and checked after it. */
  #touched: Array<[number, number]> = [];
  /** Users the current step's farm calls came from or were for: their locks are read after it. */
  #actors = new Set<number>();
  /** Pools the current step may have emergency-unlocked: all their locks are read after it. */
  #unlockedPools = new Set<number>();
  /** The step called an admin function that may change the lock terms: they are read after it. */
  #termsTouched = false;

  constructor(world: InvariantWorld, reader: StateReader, stats: CampaignStats, start: ChainState) {
    this.#world = world;
    this.#sponsorPools = new Set(world.initialPools.map((_, pid) => BigInt(pid)));
    this.#reader = reader;
    this.#receipts = new ReceiptReader(world);
    this.#stats = stats;
    this.#latestBlock = start.block;
    this.#checkedBlock = start.block;
    const { profile } = world;
    this.model = new FarmModel({
      startBlock: world.startBlock,
      rewardPerBlock: world.rewardPerBlock,
      budget: world.cap,
      epochBlocks: profile.epochBlocks,
      tiers: profile.tiers.durations.map((duration, i) => ({ duration, boostBps: profile.tiers.boostsBps[i] })),
      penaltyBps: profile.penaltyBps,
      penaltyRecipient: world.treasury.address,
      termsVersion: world.termsVersion,
    });
    for (const { token, allocPoint } of world.initialPools) this.model.addPool(world.stakeables[token].address, allocPoint);
    this.partners = new PartnerModel(this.model);
    this.#rewarderHeld = world.partnerTokens.map(() => 0n);
    const wallets = world.stakeables.map((_, t) => world.holders.map((_, h) => start.wallets.get(walletKey(t, h))!));
    this.ledger = new Ledger(world.stakeables, wallets);
  }

  /** Plays the actions, checking after each; at the end every wallet and balance is checked too. */
  async play(actions: Action[]): Promise<void> {
    for (const action of actions) {
      this.#step += 1;
      this.#played.push(describeAction(action));
      if (TRACE) console.log(`      step ${this.#step} at block ${this.#latestBlock + 1n}: ${describeAction(action)}`);
      this.#touched = [];
      this.#actors.clear();
      this.#unlockedPools.clear();
      this.#partnerPoolsTouched.clear();
      this.#termsTouched = false;
      await this.#act(action);
      await this.#check(false);
      this.#stats.steps += 1;
    }
    await this.#check(true);
    if (this.model.remaining === 0n) this.#stats.sequencesAtCap += 1;
  }

  async #act(action: Action): Promise<void> {
    switch (action.kind) {
      case "mine":
        await this.#mine(action.blocks);
        return this.#stats.valid(action.kind);
      case "mineToLockEnd": {
        // The next step lands `offset` blocks from a lock's end (or from the next epoch boundary).
        const ends = this.model.lockEndsAfter(this.#latestBlock + 1n);
        const epoch = this.#world.profile.epochBlocks;
        const end = ends.length > 0 ? ends[action.which % ends.length] : ((this.#latestBlock + 2n + epoch - 1n) / epoch) * epoch;
        const blocks = end + BigInt(action.offset) - 1n - this.#latestBlock;
        if (blocks > 0n) await this.#mine(Number(blocks));
        return this.#stats.valid(action.kind);
      }
      case "lockWithPermit":
        return this.#lockWithPermit(action);
      case "donate": {
        const pid = this.#pid(action.pool);
        const token = this.#tokenOf(pid) ?? 0;
        const { address, contract } = this.#world.stakeables[token];
        const amount = portionOf(action.portion, this.ledger.wallets[token][action.user]);
        this.#touched.push([token, action.user]);
        await this.#otherTx(this.#user(action.user), address, contract.interface.encodeFunctionData("transfer", [this.#world.farmAddress, amount]));
        this.ledger.donate(token, action.user, amount);
        return this.#stats.valid(action.kind);
      }
      case "breakRewardToken":
      case "repairRewardToken": {
        const broken = action.kind === "breakRewardToken";
        const data = this.#world.rewardToken.interface.encodeFunctionData("setBroken", [broken]);
        await this.#otherTx(this.#world.owner.address, this.#world.rewardTokenAddress, data);
        this.ledger.rewardTokenBroken = broken;
        return this.#stats.valid(action.kind);
      }
      case "sameBlock":
        return this.#sameBlock(action.actions);
      case "setHostile": {
        const data = this.#world.partnerTokens[HOSTILE_TOKEN].contract.interface.encodeFunctionData("setMode", [action.mode]);
        await this.#otherTx(this.#world.owner.address, this.#world.partnerTokens[HOSTILE_TOKEN].address, data);
        this.#hostileMode = HOSTILE_MODES[action.mode];
        return this.#stats.valid(action.kind);
      }
      case "mineToStreamEnd": {
        // Ends within the profile's longest mine (each mined block is a transaction where strangers update every block).
        const reach = this.#latestBlock + 1n + BigInt(this.#world.profile.maxBlocksPerMine);
        const ends = [...new Set(this.partners.allStreams().map((s) => s.end).filter((end) => end > this.#latestBlock + 1n && end <= reach))].sort((a, b) =>
          a < b ? -1 : 1,
        );
        if (ends.length > 0) {
          const blocks = ends[action.which % ends.length] + BigInt(action.offset) - 1n - this.#latestBlock;
          if (blocks > 0n) await this.#mine(Number(blocks));
        }
        return this.#stats.valid(action.kind);
      }
      default:
        return this.#send(this.#plan(action));
    }
  }

  /*//////////////////////////////////////////////////////////////
                              PLANNING
  //////////////////////////////////////////////////////////////*/

  /** Works out a farm action's arguments and expected outcome, as of the next block. */
  #plan(a: FarmAction, permit?: Permit): FarmCall {
    this.model.advanceTo(this.#latestBlock + 1n);
    // Any farm transaction may update pools, each losing its finest digit (see FarmModel.boundOf).
    this.model.noteUpdate();
    if (this.model.locksEndingAt(this.#latestBlock + 1n) > 0) this.#stats.actionsAtLockEnd += 1;
    switch (a.kind) {
      case "deposit": {
        const pid = this.#pid(a.pool);
        const token = this.#tokenOf(pid);
        const user = this.#user(a.user);
        const amount = token === undefined ? 1n : portionOf(a.portion, this.ledger.wallets[token][a.user]);
        if (token !== undefined) this.#touched.push([token, a.user]);
        const faults = this.#depositFaults(pid, amount);
        const call = this.#call(a.kind, user, "deposit", [pid, amount], faults, [a.user, [pid]], [user], (receipt) => {
          this.#partnerAction(pid, user, user, true);
          const credited = this.ledger.toFarm(token!, a.user, amount);
          this.#expectEvent(receipt, "Deposit", [user, pid, credited]);
          this.#expectJoin(receipt, [pid], user);
          this.#settled(this.model.deposit(Number(pid), user, credited, this.#mintedTo(receipt, a.user)));
        });
        if (token !== undefined) call.stakes = { pid, credited: this.ledger.received(token, amount) };
        return call;
      }
      case "depositFor": {
        const pid = this.#pid(a.pool);
        const token = this.#tokenOf(pid);
        const from = this.#user(a.user);
        const amount = token === undefined ? 1n : portionOf(a.portion, this.ledger.wallets[token][a.user]);
        const to = a.to === "zero" ? ZeroAddress : a.to === "farm" ? this.#world.farmAddress : this.#user(a.to);
        const recipientFaults = { zero: [{ name: "ZeroRecipient", args: [] }], farm: [{ name: "FarmAsRecipient", args: [] }] };
        const faults = typeof a.to === "number" ? this.#depositFaults(pid, amount) : [...this.#poolFaults(pid), ...this.#pauseFaults(), ...recipientFaults[a.to]];
        if (token !== undefined) this.#touched.push([token, a.user]);
        // For someone else it pays only the unlocked stake's reward and leaves the lock alone
        // (LOCKS-SEMANTICS); for the caller itself it is the caller's own deposit.
        const own = a.to === a.user;
        const payout: Payout | undefined = typeof a.to === "number" ? [a.to, [pid], !own] : undefined;
        const call = this.#call(a.kind, from, "depositFor", [pid, amount, to], faults, payout, [from, to], (receipt) => {
          this.#partnerAction(pid, to, to, true);
          const credited = this.ledger.toFarm(token!, a.user, amount);
          this.#expectEvent(receipt, "Deposit", [to, pid, credited]);
          // Someone else's deposit never touches the staker's lock (IFarmLocks: depositFor adds unlocked LP only).
          if (own) this.#expectJoin(receipt, [pid], to);
          else this.#require(this.#receipts.events(receipt, "Unlocked").length === 0 && this.#receipts.events(receipt, "Locked").length === 0, "depositFor touched a lock");
          this.#settled(this.model.deposit(Number(pid), to, credited, this.#mintedTo(receipt, a.to as number), own));
        });
        if (token !== undefined) call.stakes = { pid, credited: this.ledger.received(token, amount) };
        return call;
      }
      case "withdraw": {
        const pid = this.#pid(a.pool);
        const token = this.#tokenOf(pid);
        const u = a.preferStaker ? this.#stakerOf(pid, a.user) : a.user;
        const user = this.#user(u);
        // What can leave: the unlocked stake and an ended lock (a running lock cannot).
        const stake = token === undefined ? 0n : this.model.withdrawableOf(Number(pid), user);
        const amount = a.portion.kind === "overStake" ? stake + a.portion.excess : portionOf(a.portion, stake);
        const faults = this.#poolFaults(pid);
        if (token !== undefined && amount > stake) faults.push({ name: "WithdrawExceedsStake", args: [pid, amount, stake] });
        if (token !== undefined) this.#touched.push([token, u]);
        // While paused the reward is deferred, not minted: a broken reward token cannot matter.
        const paused = this.model.paused;
        const operator = this.#operatorOf(u);
        const [from, fn, args] = operator === undefined ? [user, "withdraw", [pid, amount]] : [operator, "withdrawFor", [pid, amount, user, user]];
        return this.#call(a.kind, from, fn, args, faults, paused ? undefined : [u, [pid]], [user], (receipt) => {
          this.#partnerAction(pid, user, user, true);
          if (operator !== undefined) this.#stats.viaOperator += 1;
          this.#expectEvent(receipt, "Withdraw", [user, pid, amount]);
          this.#expectJoin(receipt, [pid], user);
          const deferred = this.#receipts.events(receipt, "RewardDeferred").filter((e) => e.args[0] === user && e.args[1] === pid);
          let paidOrDeferred: bigint;
          if (paused) {
            this.#require(this.#receipts.mints(receipt).length === 0, "withdraw while paused minted reward");
            paidOrDeferred = deferred.length === 0 ? 0n : (deferred[0].args[2] as bigint);
          } else {
            this.#require(deferred.length === 0, "withdraw while not paused deferred its reward");
            paidOrDeferred = this.#mintedTo(receipt, u);
          }
          this.#settled(this.model.withdraw(Number(pid), user, amount, paidOrDeferred));
          this.ledger.fromFarm(token!, u, amount);
        });
      }
      case "harvest":
      case "harvestAll": {
        const pids = a.kind === "harvest" ? [this.#pid(a.pool)] : a.pools.map((pick) => this.#pid(pick));
        const user = this.#user(a.user);
        const faults = [...pids.flatMap((pid) => this.#poolFaults(pid)), ...this.#pauseFaults()];
        const operator = a.kind === "harvestAll" ? this.#operatorOf(a.user) : undefined;
        const [from, fn, args] =
          operator !== undefined ? [operator, "harvestAllFor", [pids, user, user]] : [user, a.kind, a.kind === "harvest" ? pids : [pids]];
        return this.#call(a.kind, from, fn, args, faults, [a.user, pids], [user], (receipt) => {
          if (operator !== undefined) this.#stats.viaOperator += 1;
          this.#expectJoin(receipt, pids, user);
          this.#harvested(receipt, a.user, pids);
        });
      }
      case "emergencyWithdraw": {
        const pid = this.#pid(a.pool);
        const token = this.#tokenOf(pid);
        const u = a.preferStaker ? this.#stakerOf(pid, a.user) : a.user;
        const user = this.#user(u);
        if (token !== undefined) this.#touched.push([token, u]);
        return this.#call(a.kind, user, "emergencyWithdraw", [pid], this.#poolFaults(pid), undefined, [user], (receipt) => {
          // Accounting only: what the staker earned in partner tokens stays owed.
          this.#partnerAction(pid, user, undefined, true);
          const credited = this.model.emergencyWithdraw(Number(pid), user);
          // Exactly the unlocked LP and an ended lock's leave the farm (a running lock stays): the
          // event says so, and the ledger and the LP checks see it arrive in the wallet and leave
          // the farm's balance.
          this.#expectEvent(receipt, "EmergencyWithdraw", [user, pid, credited]);
          this.#require(this.#receipts.mints(receipt).length === 0, "emergencyWithdraw minted reward");
          this.ledger.fromFarm(token!, u, credited);
          if (credited > 0n) this.#stats.emergencyWithdrawWithStake += 1;
          if (this.model.paused) this.#stats.emergencyWithdrawWhilePaused += 1;
          if (this.ledger.rewardTokenBroken) this.#stats.emergencyWithdrawWhileBroken += 1;
        });
      }
      case "lock":
      case "lockWithPermit":
        return this.#planLock(a, permit);
      case "exitLock": {
        const pid = this.#pid(a.pool);
        const token = this.#tokenOf(pid);
        const u = a.preferLocker ? this.#lockerOf(pid, a.user) : a.user;
        const user = this.#user(u);
        const faults = this.#poolFaults(pid);
        if (token !== undefined && !this.model.hasRunningLock(Number(pid), user)) faults.push({ name: "NotLocked", args: [pid, user] });
        const paused = this.model.paused;
        const lock = token === undefined ? undefined : this.model.lockOf(Number(pid), user);
        const recipient = lock?.penaltyRecipient === undefined ? undefined : this.#holderOf(lock.penaltyRecipient);
        if (token !== undefined) {
          this.#touched.push([token, u]);
          if (recipient !== undefined) this.#touched.push([token, recipient]);
        }
        // Works while paused; the reward is then kept, not minted.
        return this.#call(a.kind, user, "exitLock", [pid], faults, paused ? undefined : [u, [pid]], [user], (receipt) => {
          this.#partnerAction(pid, user, user, true);
          const deferred = this.#receipts.events(receipt, "RewardDeferred").filter((e) => e.args[0] === user && e.args[1] === pid);
          let paidOrDeferred: bigint;
          if (paused) {
            this.#require(this.#receipts.mints(receipt).length === 0, "exitLock while paused minted reward");
            paidOrDeferred = deferred.length === 0 ? 0n : (deferred[0].args[2] as bigint);
          } else {
            this.#require(deferred.length === 0, "exitLock while not paused deferred its reward");
            paidOrDeferred = this.#mintedTo(receipt, u);
          }
          const exit = this.model.exitLock(Number(pid), user, paidOrDeferred);
          this.#settled(exit.settlement);
          this.#expectEvent(receipt, "LockExited", [user, pid, exit.returned, exit.penalty, exit.recipient]);
          this.ledger.fromFarm(token!, u, exit.returned);
          this.ledger.fromFarm(token!, this.#holderOf(exit.recipient)!, exit.penalty);
          this.#stats.earlyExits += 1;
          if (exit.penalty > 0n) this.#stats.penaltiesPaid += 1;
        });
      }
      case "setLockTiers": {
        const faults = this.#tierFaults(a.tiers);
        return this.#adminCall(a.kind, a.caller, "setLockTiers", [a.tiers.durations, a.tiers.boostsBps], faults, (receipt) => {
          this.#expectEvent(receipt, "LockTiersSet", [a.tiers.durations, a.tiers.boostsBps]);
          this.model.setLockTiers(a.tiers.durations.map((duration, i) => ({ duration, boostBps: a.tiers.boostsBps[i] })));
        });
      }
      case "setEarlyExitPenalty": {
        const recipient = this.#recipient(a.recipient);
        const faults: NamedError[] = [];
        if (a.penaltyBps > MAX_PENALTY_BPS) faults.push({ name: "PenaltyTooLarge", args: [a.penaltyBps, MAX_PENALTY_BPS] });
        if (a.recipient === "zero") faults.push({ name: "ZeroRecipient", args: [] });
        if (a.recipient === "farm") faults.push({ name: "FarmAsRecipient", args: [] });
        return this.#adminCall(a.kind, a.caller, "setEarlyExitPenalty", [a.penaltyBps, recipient], faults, (receipt) => {
          this.#expectEvent(receipt, "EarlyExitPenaltySet", [a.penaltyBps, recipient]);
          this.model.setEarlyExitPenalty(a.penaltyBps, recipient);
        });
      }
      case "emergencyUnlock": {
        const pid = this.#pid(a.pool);
        this.#unlockedPools.add(Number(pid));
        const faults = this.#poolFaults(pid);
        if (faults.length === 0 && this.model.pool(Number(pid)).emergencyUnlockBlock !== undefined) faults.push({ name: "PoolEmergencyUnlocked", args: [pid] });
        return this.#adminCall(a.kind, a.caller, "emergencyUnlock", [pid], faults, (receipt) => {
          this.#expectEvent(receipt, "EmergencyUnlocked", [pid]);
          const running = [...this.model.pool(Number(pid)).positions.keys()].filter((user) => this.model.hasRunningLock(Number(pid), user)).length;
          this.partners.emergencyUnlock(Number(pid));
          this.#partnerPoolsTouched.add(Number(pid));
          this.model.emergencyUnlock(Number(pid));
          this.#stats.locksEmergencyUnlocked += running;
        });
      }
      case "updatePool": {
        const pid = this.#pid(a.pool);
        return this.#call(a.kind, this.#user(a.user), "updatePool", [pid], this.#poolFaults(pid), undefined, [], () => this.model.updatePool(Number(pid)));
      }
      case "massUpdatePools":
        return this.#call(a.kind, this.#user(a.user), "massUpdatePools", [], [], undefined, [], () => this.model.massUpdatePools());
      case "add": {
        const lpToken =
          "stakeable" in a.token
            ? this.#world.stakeables[a.token.stakeable].address
            : { rewardToken: this.#world.rewardTokenAddress, zero: ZeroAddress, noCode: this.#world.noCodeAddress }[a.token.bad];
        const faults: NamedError[] = [];
        if (lpToken === ZeroAddress) faults.push({ name: "LpTokenZeroAddress", args: [] });
        else if (lpToken === this.#world.noCodeAddress) faults.push({ name: "LpTokenNotAContract", args: [lpToken] });
        else if (lpToken === this.#world.rewardTokenAddress) faults.push({ name: "LpTokenIsRewardToken", args: [lpToken] });
        const existing = this.model.pidOf(lpToken);
        if (existing !== undefined) faults.push({ name: "PoolAlreadyExists", args: [lpToken, existing] });
        if (a.allocPoint > MAX_ALLOC_POINT) faults.push({ name: "AllocPointTooLarge", args: [a.allocPoint, MAX_ALLOC_POINT] });
        return this.#adminCall(a.kind, a.caller, "add", [a.allocPoint, lpToken], faults, (receipt) => {
          this.#expectEvent(receipt, "PoolAdded", [BigInt(this.model.poolCount), lpToken, a.allocPoint]);
          this.model.addPool(lpToken, a.allocPoint);
        });
      }
      case "set": {
        const pid = this.#pid(a.pool);
        const faults = this.#poolFaults(pid);
        if (a.allocPoint > MAX_ALLOC_POINT) faults.push({ name: "AllocPointTooLarge", args: [a.allocPoint, MAX_ALLOC_POINT] });
        return this.#adminCall(a.kind, a.caller, "set", [pid, a.allocPoint], faults, (receipt) => {
          this.#expectEvent(receipt, "PoolSet", [pid, a.allocPoint]);
          this.model.setAllocPoint(Number(pid), a.allocPoint);
        });
      }
      case "setRewardPerBlock": {
        const faults: NamedError[] = [];
        if (a.rewardPerBlock > MAX_REWARD_PER_BLOCK) faults.push({ name: "RewardPerBlockTooLarge", args: [a.rewardPerBlock, MAX_REWARD_PER_BLOCK] });
        return this.#adminCall(a.kind, a.caller, "setRewardPerBlock", [a.rewardPerBlock], faults, (receipt) => {
          this.#expectEvent(receipt, "RewardPerBlockSet", [a.rewardPerBlock]);
          this.model.setRewardPerBlock(a.rewardPerBlock);
        });
      }
      case "fund":
        return this.#planFund(a);
      case "reclaim":
        return this.#planReclaim(a);
      case "claim":
        return this.#planClaim(a);
      case "setSponsor": {
        const from = a.caller === "owner" ? this.#world.owner.address : this.#user(a.caller.user);
        const faults = a.caller === "owner" ? [] : [{ name: "NotFarmOwner", args: [from] }];
        const pid = this.#pid(a.pool);
        return this.#rewarderCall(a.kind, from, "setSponsor", [pid, this.#world.sponsor.address, a.approved], faults, () => {
          if (a.approved) this.#sponsorPools.add(pid);
          else this.#sponsorPools.delete(pid);
        });
      }
      case "pause":
        return this.#adminCall(a.kind, a.caller, "pause", [], this.#pauseFaults(), () => this.model.setPaused(true));
      case "unpause": {
        const faults = this.model.paused ? [] : [{ name: "ExpectedPause", args: [] }];
        return this.#adminCall(a.kind, a.caller, "unpause", [], faults, () => this.model.setPaused(false));
      }
    }
  }

  /**
   * lock / lockWithPermit: `portion` of the wallet into the caller's lock for `tier`. Refused for the
   * pool, the pause, the pool's emergency unlock, an unknown tier, nothing to lock (no LP and no
   * running lock), an end before the running lock's, or the pool's stake limit.
   */
  #planLock(a: Extract<FarmAction, { kind: "lock" | "lockWithPermit" }>, permit: Permit | undefined): FarmCall {
    const pid = this.#lockPool(a);
    const token = this.#tokenOf(pid);
    const user = this.#user(a.user);
    const amount = token === undefined ? 1n : portionOf(a.portion, this.ledger.wallets[token][a.user]);
    const faults = [...this.#poolFaults(pid), ...this.#pauseFaults()];
    // The caller names the terms version it saw: any other than the current one is refused.
    const current = this.model.termsVersion;
    const version = a.terms === "current" ? current : a.terms === "ahead" ? current + 1n : current === 0n ? 2n ** 256n - 1n : current - 1n;
    if (version !== current) faults.push({ name: "LockTermsChanged", args: [version, current] });
    const tierCount = BigInt(this.model.tiers.length);
    const tier = this.#tier(a.tier, pid, user);
    if (tier >= tierCount) faults.push({ name: "UnknownTier", args: [tier, tierCount] });
    if (token !== undefined) {
      this.#touched.push([token, a.user]);
      const pool = this.model.pool(Number(pid));
      if (pool.emergencyUnlockBlock !== undefined) faults.push({ name: "PoolEmergencyUnlocked", args: [pid] });
      const running = this.model.hasRunningLock(Number(pid), user);
      if (tier >= tierCount) {
        // refused above
      } else if (running && pool.emergencyUnlockBlock === undefined) {
        const end = this.model.lockOf(Number(pid), user).endBlock;
        const newEnd = this.model.lockEndFor(Number(tier));
        if (newEnd < end) faults.push({ name: "LockShortened", args: [newEnd, end] });
      }
      if (amount === 0n && !running) faults.push({ name: "ZeroAmount", args: [] });
      if (tier < tierCount) faults.push(...this.#weightFaults(pid, this.#lockWeightAdded(pid, user, this.ledger.received(token, amount), Number(tier))));
    }
    const args = a.kind === "lock" ? [pid, amount, tier, version] : [pid, amount, tier, version, PERMIT_DEADLINE, permit!.v, permit!.r, permit!.s];
    const call = this.#call(a.kind, user, a.kind, args, faults, [a.user, [pid]], [user], (receipt) => {
      this.#partnerAction(pid, user, user, true);
      const credited = this.ledger.toFarm(token!, a.user, amount);
      const renewed = this.model.hasRunningLock(Number(pid), user);
      this.#expectJoin(receipt, [pid], user);
      this.#settled(this.model.lock(Number(pid), user, credited, Number(tier), this.#mintedTo(receipt, a.user)));
      const lock = this.model.lockOf(Number(pid), user);
      this.#expectEvent(receipt, "Locked", [user, pid, credited, lock.amount, lock.boostBps, lock.endBlock, lock.penaltyBps, lock.penaltyRecipient]);
      if (!renewed) this.#stats.locksMade += 1;
      else if (credited > 0n) this.#stats.lockTopUps += 1;
      else this.#stats.lockExtensions += 1;
    });
    if (token !== undefined && tier < tierCount) {
      call.stakes = { pid, credited: this.#lockWeightAdded(pid, user, this.ledger.received(token, amount), Number(tier)) };
    }
    return call;
  }

  /** The pool a lock action names; a renewal goes to a pool where the caller has a running lock, if any. */
  #lockPool(a: Extract<Action, { kind: "lock" | "lockWithPermit" }>): bigint {
    const pid = this.#pid(a.pool);
    if (!("renew" in a.tier) || pid >= BigInt(this.model.poolCount)) return pid;
    const user = this.#user(a.user);
    for (let i = 0n; i < BigInt(this.model.poolCount); i++) {
      const candidate = (pid + i) % BigInt(this.model.poolCount);
      if (this.model.hasRunningLock(Number(candidate), user)) return candidate;
    }
    return pid;
  }

  /** The weight a lock of `credited` more LP for `tier` adds to the pool from the next block on. */
  #lockWeightAdded(pid: bigint, user: string, credited: bigint, tier: number): bigint {
    const lock = this.model.lockOf(Number(pid), user);
    const running = this.model.hasRunningLock(Number(pid), user);
    const held = running ? lock.amount : 0n;
    const before = running ? boosted(held, lock.boostBps) : 0n;
    return boosted(held + credited, this.model.tiers[tier].boostBps) - before;
  }

  /** setLockTiers' refusals: any of them may come first, each naming the first index that breaks its rule. */
  #tierFaults({ durations, boostsBps }: TierPick): NamedError[] {
    const faults: NamedError[] = [];
    if (durations.length !== boostsBps.length) faults.push({ name: "LockTiersMismatch", args: [BigInt(durations.length), BigInt(boostsBps.length)] });
    const count = Math.max(durations.length, boostsBps.length);
    if (count > MAX_LOCK_TIERS) faults.push({ name: "TooManyLockTiers", args: [BigInt(count), BigInt(MAX_LOCK_TIERS)] });
    const longest = MAX_LOCK_EPOCHS * this.model.epochBlocks;
    const badDuration = durations.findIndex((d, i) => d === 0n || d > longest || (i > 0 && d <= durations[i - 1]));
    if (badDuration >= 0 && badDuration < boostsBps.length) faults.push({ name: "LockDurationInvalid", args: [BigInt(badDuration), durations[badDuration]] });
    const badBoost = boostsBps.findIndex((b, i) => b < MIN_BOOST_BPS || b > MAX_BOOST_BPS || (i > 0 && b < boostsBps[i - 1]));
    if (badBoost >= 0 && badBoost < durations.length) faults.push({ name: "BoostInvalid", args: [BigInt(badBoost), boostsBps[badBoost]] });
    return faults;
  }

  /**
   * lockWithPermit: the permit is signed first (a real EIP-2612 one on the Uniswap pairs; on the
   * other tokens a meaningless one, which the farm's try/catch skips, falling back on the
   * allowance), then the call is planned and sent like any other. A real permit spends the
   * allowance the world gave the farm: it is given back after, in the next block.
   */
  async #lockWithPermit(a: Extract<Action, { kind: "lockWithPermit" }>): Promise<void> {
    this.model.advanceTo(this.#latestBlock + 1n);
    const pid = this.#lockPool(a);
    const token = this.#tokenOf(pid);
    const real = token !== undefined && PERMIT_TOKENS.includes(token);
    let permit: Permit = { v: 27, r: `0x${"11".repeat(32)}`, s: `0x${"22".repeat(32)}`, real: false };
    if (real) {
      const amount = portionOf(a.portion, this.ledger.wallets[token][a.user]);
      const { contract } = this.#world.stakeables[token];
      const signed = await signPairPermit(this.#world.ethers, this.#world.users[a.user], contract, { spender: this.#world.farmAddress, value: amount, deadline: PERMIT_DEADLINE });
      permit = { v: signed.v, r: signed.r, s: signed.s, real: true };
    }
    const call = this.#plan(a, permit);
    const refusals = this.#stats.refusals(a.kind);
    await this.#send(call);
    if (permit.real && this.#stats.refusals(a.kind) === refusals) {
      const { address, contract } = this.#world.stakeables[token!];
      await this.#otherTx(this.#user(a.user), address, contract.interface.encodeFunctionData("approve", [this.#world.farmAddress, MaxUint256]));
    }
  }

  /**
   * An ended lock joins the staker's unlocked stake at its own action in the pool, with an
   * Unlocked event (IFarmLocks); a pool listed twice joins once.
   */
  #expectJoin(receipt: RawReceipt, pids: bigint[], user: string): void {
    const events = this.#receipts.events(receipt, "Unlocked").map((e) => normalized([...e.args]));
    const expected: string[] = [];
    for (const pid of new Set(pids)) {
      if (pid >= BigInt(this.model.poolCount)) continue;
      const lock = this.model.lockOf(Number(pid), user);
      if (lock.amount > 0n && !this.model.hasRunningLock(Number(pid), user)) expected.push(normalized([user, pid, lock.amount]));
    }
    this.#require(
      events.length === expected.length && expected.every((e) => events.includes(e)),
      `expected Unlocked events [${expected.join("; ")}], found [${events.join("; ")}]`,
    );
    this.#stats.locksJoined += expected.length;
  }

  /**
   * `payout` ([user, pids]) names whose reward the call mints: with the reward token broken, a
   * call that certainly owes something must revert with the token's MintingBroken.
   */
  #call(
    kind: ActionKind,
    from: string,
    fn: string,
    args: unknown[],
    faults: NamedError[],
    payout: Payout | undefined,
    actors: string[],
    onSuccess: (receipt: RawReceipt) => void,
  ): FarmCall {
    const call: FarmCall = { kind, fn, from, data: this.#world.farm.interface.encodeFunctionData(fn, args), expected: faults, mayFailToMint: false, actors, onSuccess };
    for (const actor of [from, ...actors]) {
      const u = this.#world.users.findIndex((user) => user.address === actor);
      if (u >= 0) this.#actors.add(u);
    }
    if (fn === "setLockTiers" || fn === "setEarlyExitPenalty") this.#termsTouched = true;
    if (faults.length === 0 && this.ledger.rewardTokenBroken && payout !== undefined) {
      const [user, pids, onlyUnlocked] = payout;
      // What depositFor pays a staker with a lock is known only to within the split of its rounding.
      if (onlyUnlocked && this.model.lockOf(Number(pids[0]), this.#user(user)).amount > 0n) {
        call.mayFailToMint = true;
        return call;
      }
      let due = Ratio.ZERO;
      let bound = Ratio.ZERO;
      for (const pid of new Set(pids)) {
        due = due.plus(this.model.pendingOf(Number(pid), this.#user(user)));
        bound = bound.plus(this.model.boundOf(Number(pid), this.#user(user)).most);
      }
      // The farm pays more than due − bound: if that is at least 0 (and due at least 1 wei), it
      // must pay something, so the mint must be attempted and must fail.
      if (!due.lessThan(bound) && !due.lessThan(1n)) call.expected = [MINTING_BROKEN];
      else call.mayFailToMint = true;
    }
    return call;
  }

  /** Admin calls: a caller other than the owner is refused before anything else is looked at. */
  #adminCall(kind: ActionKind, caller: Caller, fn: string, args: unknown[], faults: NamedError[], onSuccess: (receipt: RawReceipt) => void): FarmCall {
    if (caller === "owner") return this.#call(kind, this.#world.owner.address, fn, args, faults, undefined, ["owner"], onSuccess);
    const stranger = this.#user(caller.user);
    return this.#call(kind, stranger, fn, args, [{ name: "OwnableUnauthorizedAccount", args: [stranger] }], undefined, [stranger], onSuccess);
  }

  /*//////////////////////////////////////////////////////////////
                        SENDING AND JUDGING
  //////////////////////////////////////////////////////////////*/

  async #send(call: FarmCall): Promise<void> {
    const provider = this.#world.ethers.provider;
    const block = this.#latestBlock + 1n;
    let hash: string;
    try {
      hash = await provider.send("eth_sendTransaction", [{ from: call.from, to: call.to ?? this.#world.farmAddress, data: call.data, gas: call.gas ?? GAS }]);
    } catch (error) {
      // Hardhat mines the reverted transaction and puts its revert data on the error.
      const revert = (error as { data?: unknown }).data;
      if (typeof revert !== "string" && !call.expected.some((e) => e.name === ANY_ERROR)) throw error;
      if (typeof revert !== "string") {
        this.#latestBlock = block;
        return this.#judgeRevert(call, { name: "revert without data", args: [] });
      }
      this.#latestBlock = block;
      return this.#judgeRevert(call, this.#receipts.decodeError(revert));
    }
    this.#latestBlock = block;
    this.#judgeSuccess(call, (await provider.send("eth_getTransactionReceipt", [hash])) as RawReceipt, block);
  }

  #judgeRevert(call: FarmCall, error: NamedError): void {
    const acceptable = call.mayFailToMint ? [MINTING_BROKEN] : call.expected;
    if (!acceptable.some((e) => e.name === ANY_ERROR || describeError(e) === describeError(error))) {
      const wanted = call.expected.length === 0 ? "success" : call.expected.map(describeError).join(" or ");
      throw this.#violation(`${call.fn} reverted with ${describeError(error)}; expected ${wanted}`);
    }
    this.#stats.refused(call.kind, error.name);
  }

  #judgeSuccess(call: FarmCall, receipt: RawReceipt, block: bigint): void {
    if (call.expected.length > 0) throw this.#violation(`${call.fn} succeeded; expected ${call.expected.map(describeError).join(" or ")}`);
    this.#require(receipt.status === "0x1", `${call.fn} failed in a block shared with other calls`);
    this.#require(BigInt(receipt.blockNumber) === block, `${call.fn} landed in block ${BigInt(receipt.blockNumber)}, not ${block}`);
    this.#partnerEvents = [];
    call.onSuccess(receipt);
    this.#checkPartnerEvents(call, receipt);
    this.#stats.valid(call.kind);
  }

  /**
   * Several calls mined in one block: the farm must account the block once, under the values in
   * force before the block's first change. Only calls that must succeed and touch different
   * accounts share the block (so planning each against the model before the others run is
   * exact); the rest run after it, one block each, as ordinary steps.
   */
  async #sameBlock(actions: Action[]): Promise<void> {
    const shared: FarmCall[] = [];
    const later: Action[] = [];
    const actors = new Set<string>();
    /** Weight the block's deposits and locks add to each pool: together they must stay within its limit. */
    const added = new Map<bigint, bigint>();
    const block = this.#latestBlock + 1n;
    /** An emergency unlock ends the block's shared calls: what comes after it was planned without it. */
    let unlocked = false;
    for (const action of actions) {
      if (
        unlocked ||
        action.kind === "mine" ||
        action.kind === "mineToLockEnd" ||
        action.kind === "donate" ||
        action.kind === "sameBlock" ||
        action.kind === "breakRewardToken" ||
        action.kind === "repairRewardToken" ||
        action.kind === "lockWithPermit" ||
        action.kind === "fund" ||
        action.kind === "reclaim" ||
        action.kind === "claim" ||
        action.kind === "setHostile" ||
        action.kind === "setSponsor" ||
        action.kind === "mineToStreamEnd"
      ) {
        later.push(action);
        continue;
      }
      const call = this.#plan(action);
      const stakes = call.stakes;
      const afterBlock = stakes === undefined ? 0n : this.model.sharesAt(Number(stakes.pid), block + 1n).total + (added.get(stakes.pid) ?? 0n) + stakes.credited;
      if (call.expected.length > 0 || call.mayFailToMint || call.actors.some((actor) => actors.has(actor)) || afterBlock > MAX_TOTAL_STAKE) {
        later.push(action);
        continue;
      }
      for (const actor of call.actors) actors.add(actor);
      if (stakes !== undefined) added.set(stakes.pid, (added.get(stakes.pid) ?? 0n) + stakes.credited);
      shared.push(call);
      if (call.kind === "emergencyUnlock") unlocked = true;
    }

    const provider = this.#world.ethers.provider;
    const hashes: string[] = [];
    await provider.send("evm_setAutomine", [false]);
    try {
      for (const call of shared) {
        hashes.push(await provider.send("eth_sendTransaction", [{ from: call.from, to: call.to ?? this.#world.farmAddress, data: call.data, gas: call.gas ?? GAS }]));
      }
      await provider.send("evm_mine", []);
    } finally {
      await provider.send("evm_setAutomine", [true]);
    }
    this.#latestBlock = block;
    const receipts = (await Promise.all(hashes.map((hash) => provider.send("eth_getTransactionReceipt", [hash])))) as RawReceipt[];
    // The model follows the block's transaction order.
    const order = shared.map((_, i) => i).sort((i, j) => Number(receipts[i].transactionIndex) - Number(receipts[j].transactionIndex));
    for (const i of order) this.#judgeSuccess(shared[i], receipts[i], block);
    if (shared.length > 1) {
      this.#stats.sharedBlocks += 1;
      this.#stats.callsInSharedBlocks += shared.length;
    }
    // A position whose reference is what the chain shows next (FarmModel.observeReference) is
    // read before anything else settles it.
    if (later.length > 0 && this.model.observing()) await this.#check(false);
    for (const action of later) await this.#act(action);
  }

  /** Mines `blocks` blocks: empty ones, or each with a stranger's update where the profile says so. */
  async #mine(blocks: number): Promise<void> {
    if (this.#world.profile.strangerUpdatesEveryBlock) return this.#mineWithUpdates(blocks);
    await this.#world.ethers.provider.send("hardhat_mine", [toQuantity(blocks)]);
    this.#latestBlock += BigInt(blocks);
  }

  /**
   * Mines `blocks` blocks, each holding a stranger's update: `updatePool` of the pools in turn,
   * and `massUpdatePools` every fourth block. Updating often must cost nobody anything.
   */
  async #mineWithUpdates(blocks: number): Promise<void> {
    const stranger = this.#world.stranger.address;
    for (let i = 0; i < blocks; i++) {
      this.model.advanceTo(this.#latestBlock + 1n);
      this.model.noteUpdate();
      if ((this.#latestBlock + 1n) % 4n === 0n) {
        await this.#send(this.#call("massUpdatePools", stranger, "massUpdatePools", [], [], undefined, [], () => this.model.massUpdatePools()));
      } else {
        const pid = (this.#latestBlock + 1n) % BigInt(this.model.poolCount);
        await this.#send(this.#call("updatePool", stranger, "updatePool", [pid], [], undefined, [], () => this.model.updatePool(Number(pid))));
      }
    }
  }

  /** A transaction outside the farm (LP donation, breaking the reward token): it must succeed. */
  async #otherTx(from: string, to: string, data: string): Promise<void> {
    this.model.advanceTo(this.#latestBlock + 1n);
    try {
      await this.#world.ethers.provider.send("eth_sendTransaction", [{ from, to, data, gas: GAS }]);
    } catch (error) {
      throw this.#violation(`transaction to ${to} reverted: ${(error as Error).message}`);
    }
    this.#latestBlock += 1n;
  }

  /*//////////////////////////////////////////////////////////////
                        WHAT THE FARM PAID
  //////////////////////////////////////////////////////////////*/

  #expectEvent(receipt: RawReceipt, name: string, args: unknown[]): void {
    const found = this.#receipts.events(receipt, name).map((e) => normalized([...e.args]));
    this.#require(found.includes(normalized(args)), `expected event ${name}(${normalized(args)}), found [${found.join("; ")}]`);
  }

  /** Total minted to `user`; a mint to anyone else is a violation. */
  #mintedTo(receipt: RawReceipt, user: number): bigint {
    const address = this.#user(user).toLowerCase();
    let total = 0n;
    for (const [to, amount] of this.#receipts.mints(receipt)) {
      this.#require(to === address, `reward minted to ${to}, not to the staker ${address}`);
      total += amount;
    }
    return total;
  }

  /** harvest / harvestAll: one Harvest event per paying pool, one mint of their sum. */
  #harvested(receipt: RawReceipt, user: number, pids: bigint[]): void {
    const address = this.#user(user);
    const byPool = new Map<bigint, bigint>();
    for (const event of this.#receipts.events(receipt, "Harvest")) {
      this.#require(event.args[0] === address, `Harvest event for ${event.args[0]}, not ${address}`);
      const pid = event.args[1] as bigint;
      byPool.set(pid, (byPool.get(pid) ?? 0n) + (event.args[2] as bigint));
    }
    const minted = this.#mintedTo(receipt, user);
    const harvested = [...byPool.values()].reduce((a, b) => a + b, 0n);
    this.#require(minted === harvested, `minted ${minted} but Harvest events add up to ${harvested}`);
    for (const pid of pids) {
      // A pool listed twice pays everything the first time and nothing the second.
      const paid = byPool.get(pid) ?? 0n;
      byPool.delete(pid);
      // harvest pays partner rewards only to stakers the rewarder counts (harvest alone does not enrol).
      this.#partnerAction(pid, address, address, false);
      this.#settled(this.model.harvest(Number(pid), address, paid));
    }
    this.#require(byPool.size === 0, `Harvest events for pools not harvested: ${[...byPool.keys()].join(", ")}`);
  }

  /**
   * The operator sending user `u`'s withdrawal or harvestAll, on every third step (world.ts approves
   * user u + 1 for user u), or undefined: the staker sends it. What the staker gets must not depend
   * on who sends it. Taken from the step number, so the random sequences stay those of every seed.
   */
  #operatorOf(u: number): string | undefined {
    return this.#step % 3 === 0 ? this.#user((u + 1) % this.#world.users.length) : undefined;
  }

  #settled(settlement: Settlement): void {
    if (TRACE) {
      const b = settlement.bound;
      console.log(`      step ${this.#step} block ${this.#latestBlock}: pool ${settlement.pid} ${settlement.user.slice(0, 6)} due ${settlement.due} got ${settlement.amount} gap ${settlement.due.minus(settlement.amount)} window [${b.least}, ${b.most}) from ${b.start} (${b.stretch}${b.crossed ? ", crossed" : ""})`);
    }
    const broken = checkSettlement(settlement, this.#stats, this.model.paused ? "paid or deferred" : "paid");
    if (broken.length > 0) throw this.#violation(broken.join("\n"));
  }

  /*//////////////////////////////////////////////////////////////
                                CHECKS
  //////////////////////////////////////////////////////////////*/

  async #check(full: boolean): Promise<void> {
    const poolTokens = this.model.pools.map((pool) => pool.lpToken);
    // A lock's terms change only by its holder's own calls, and its end by an emergency unlock; its
    // early-exit penalty is a function of them and the block. So the locks read after each step are
    // those of the step's actors and of any pool it unlocked (and, at the start and end of the
    // sequence, every position's).
    const lockPositions: Array<[number, number]> = [];
    for (let pid = 0; pid < this.model.poolCount; pid++) {
      for (let u = 0; u < this.#world.users.length; u++) if (this.#actors.has(u) || this.#unlockedPools.has(pid)) lockPositions.push([pid, u]);
    }
    const chain = await this.#reader.read({
      poolTokens,
      wallets: this.#touched,
      lockPositions,
      terms: this.#termsTouched,
      full,
      tierCount: this.model.tiers.length,
      // Partner streams and pending figures: of the pools the step called the rewarder about, and
      // of every pool with partner rewards every tenth step and at the start and end (a read of
      // them all at every step costs the edge campaigns about half their time again); the payments
      // themselves are compared at every call.
      partnerPools: this.partners.pids.filter((pid) => pid < this.model.poolCount && (full || this.#step % 10 === 0 || this.#partnerPoolsTouched.has(pid))),
      partnerBalances: this.partners.pids.length > 0,
    });
    if (chain.block !== this.#latestBlock) throw this.#violation(`chain at block ${chain.block}, expected ${this.#latestBlock}`);
    for (const end of this.model.lockEndsAfter(this.#checkedBlock)) if (end <= chain.block) this.#stats.locksEndedTogether(this.model.locksEndingAt(end));
    this.#checkedBlock = chain.block;
    this.model.advanceTo(chain.block);
    for (let pid = 0; pid < this.model.poolCount; pid++) {
      const ends = this.model.lockEndsUnshared(pid);
      const epochs = (chain.block - this.model.pool(pid).touchedAt) / this.model.epochBlocks;
      this.#stats.lockEndsUntouched(ends, ends > 0 ? Number(epochs) : 0);
    }
    if (TRACE) {
      for (const pid of this.partners.pids) {
        for (const [u, user] of this.#world.users.entries()) {
          const [w, t] = (await this.#world.rewarder.weights(pid, user.address)) as [bigint, bigint];
          if (w > 0n || this.partners.enrolled(pid, user.address)) console.log(`      DEBUG block ${chain.block} pool ${pid} user ${u} chain weights ${w}/${t} model ${this.model.pool(pid).positions.get(user.address) ? this.model.weightAt(this.model.pool(pid), this.model.pool(pid).positions.get(user.address)!, chain.block + 1n) : 0n} pending ${this.partners.pending(pid, user.address)}`);
        }
      }
    }
    const broken = checkState(chain, this.model, this.ledger, this.#world, this.#stats);
    broken.push(...checkPartners(chain, this.partners, this.#rewarderHeld, this.#world, this.#stats));
    if (broken.length > 0) throw this.#violation(broken.join("\n"));
  }

  /*//////////////////////////////////////////////////////////////
                            PARTNER REWARDS
  //////////////////////////////////////////////////////////////*/

  /**
   * The farm reports `user`'s action in pool `pid` to the rewarder (IPartnerRewarder.onAction),
   * which pays to `payTo` (undefined: keeps owed) what the partner model says: called before the
   * farm model books the action, whose weights count from the next block. `enrol`: the action
   * makes the staker an earner (every action but harvest, which the farm reports only for them).
   */
  #partnerAction(pid: bigint, user: string, payTo: string | undefined, enrol: boolean): void {
    const p = Number(pid);
    if (!this.partners.partnered(p) || (!enrol && !this.partners.enrolled(p, user))) return;
    this.#partnerPoolsTouched.add(p);
    const pay = payTo !== undefined && !this.model.paused;
    if (TRACE) console.log(`      partner: pool ${p} ${user.slice(0, 8)} at block ${this.model.block} weight ${this.model.pool(p).positions.get(user) === undefined ? 0n : this.model.weightAt(this.model.pool(p), this.model.pool(p).positions.get(user)!, this.model.block)} lock ${JSON.stringify(this.model.lockOf(p, user), (_k, v) => (typeof v === "bigint" ? String(v) : v))}`);
    this.#expectPayouts(p, user, payTo ?? ZeroAddress, this.partners.settle(p, user, pay, (token) => this.#transfers(token, false), enrol));
  }

  #expectPayouts(pid: number, user: string, to: string, payouts: ReturnType<PartnerModel["settle"]>): void {
    for (const payout of payouts) {
      if (payout.kind === "paid") {
        this.#partnerEvents.push({ name: "PartnerRewardPaid", args: [user, BigInt(pid), payout.token, payout.amount, to] });
        const t = this.#world.partnerTokens.findIndex((token) => token.address === payout.token);
        this.#rewarderHeld[t] -= payout.amount;
        // The fee-on-transfer partner token is also a pool's LP, whose wallets the ledger keeps.
        const recipient = this.#world.users.findIndex((u) => u.address === to);
        if (this.#world.partnerTokens[t].kind === "feeOnTransfer" && recipient >= 0) this.ledger.fromFarm(TOKEN.feeOnTransfer, recipient, payout.amount);
        this.#stats.partnerPaid += 1;
      } else {
        this.#partnerEvents.push({ name: "PartnerRewardOwed", args: [user, BigInt(pid), payout.token, payout.amount] });
        this.#stats.partnerOwed += 1;
      }
    }
  }

  /**
   * Whether a transfer of `token` from the rewarder succeeds now: always for a plain token; for the
   * hostile one only in its normal mode, or when it re-enters the farm from outside a farm call (a
   * claim or reclaim) while the farm is not paused (its harvest then works).
   */
  #transferWorks(token: string, outsideFarm: boolean): boolean {
    if (token !== this.#world.partnerTokens[HOSTILE_TOKEN].address) return true;
    return this.#hostileMode === "normal" || (this.#hostileMode === "reenterFarm" && outsideFarm && !this.model.paused);
  }

  /** The same for a payment, counted in the campaign's figures. */
  #transfers(token: string, outsideFarm: boolean): boolean {
    const ok = this.#transferWorks(token, outsideFarm);
    if (token !== this.#world.partnerTokens[HOSTILE_TOKEN].address) return ok;
    if (ok) this.#hostileTransferred();
    if (ok) this.#stats.hostilePayments += 1;
    else this.#stats.hostileRefusals.set(this.#hostileMode, (this.#stats.hostileRefusals.get(this.#hostileMode) ?? 0) + 1);
    return ok;
  }

  /**
   * A hostile transfer that went through in the reenterFarm mode harvested pool 0 as the token
   * itself (no stake): that accrues the pool on chain, which the model must follow (an emergency
   * withdrawal later shares only what was not yet accrued).
   */
  #hostileTransferred(): void {
    if (this.#hostileMode === "reenterFarm") this.model.updatePool(0);
  }

  /** The rewarder's events in the receipt must be exactly those the model expects, and its token transfers match the payments. */
  #checkPartnerEvents(call: FarmCall, receipt: RawReceipt): void {
    const rewarder = this.#world.rewarderAddress.toLowerCase();
    const iface = this.#world.rewarder.interface;
    const found: string[] = [];
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== rewarder) continue;
      const event = iface.parseLog(log);
      if (event !== null && (event.name === "PartnerRewardPaid" || event.name === "PartnerRewardOwed")) found.push(`${event.name}(${normalized([...event.args])})`);
    }
    const expected = this.#partnerEvents.map((e) => `${e.name}(${normalized(e.args)})`);
    this.#require(found.join("; ") === expected.join("; "), `${call.fn}: partner events [${found.join("; ")}], the model expects [${expected.join("; ")}]`);
    // Every partner token that left the rewarder went where a payment (or reclaim) said.
    const transfers = this.#partnerTransfers(receipt.logs).filter(([from]) => from === rewarder);
    const paid = this.#partnerEvents.filter((e) => e.name === "PartnerRewardPaid").map((e) => normalized([e.args[2], e.args[4], e.args[3]]));
    if (call.kind !== "reclaim") {
      this.#require(
        transfers.map(([, ...rest]) => normalized(rest)).join("; ") === paid.join("; "),
        `${call.fn}: partner token transfers [${transfers.map(([, ...rest]) => normalized(rest)).join("; ")}], payments [${paid.join("; ")}]`,
      );
    }
    if (call.kind === "emergencyWithdraw") {
      // (The fee-on-transfer partner token is also a pool's LP: only the rewarder's side counts.)
      this.#require(transfers.length === 0, "emergencyWithdraw moved a partner token out of the rewarder");
      if (this.partners.pids.length > 0) this.#stats.partnerEmergencyWithdraws += 1;
    }
  }

  /**
   * Partner token transfers: [from, token, to, amount] (lower case), one per transfer sent. The
   * fee-on-transfer token logs each transfer as two legs, its fee burnt first (to the zero address)
   * and then the rest: the burn is folded into the leg that follows it. (Funding refuses that token
   * only when its fee on the amount funded is non-zero, so a stream of a few wei can carry it.)
   */
  #partnerTransfers(logs: RawLog[]): Array<[string, string, string, bigint]> {
    const tokens = new Set(this.#world.partnerTokens.map((t) => t.address.toLowerCase()));
    const transfers: Array<[string, string, string, bigint]> = [];
    let burnt = 0n;
    for (const log of logs) {
      if (!tokens.has(log.address.toLowerCase()) || log.topics[0] !== TRANSFER_TOPIC) continue;
      const event = ERC20_EVENTS.parseLog(log)!;
      const [from, to, amount] = [String(event.args[0]).toLowerCase(), String(event.args[1]).toLowerCase(), event.args[2] as bigint];
      if (to === ZeroAddress && from !== ZeroAddress) burnt += amount;
      else {
        transfers.push([from, log.address.toLowerCase(), to, amount + burnt]);
        burnt = 0n;
      }
    }
    return transfers;
  }

  #sponsorAddress(pick: SponsorPick): string {
    if (pick === "owner") return this.#world.owner.address;
    if (pick === "sponsor") return this.#world.sponsor.address;
    return this.#user(pick.user);
  }

  #rewarderCall(kind: ActionKind, from: string, fn: string, args: unknown[], faults: NamedError[], onSuccess: (receipt: RawReceipt) => void, gas?: string): FarmCall {
    const data = this.#world.rewarder.interface.encodeFunctionData(fn, args);
    const u = this.#world.users.findIndex((user) => user.address === from);
    if (u >= 0) this.#actors.add(u);
    return { kind, fn, from, data, expected: faults, mayFailToMint: false, actors: [from], onSuccess, to: this.#world.rewarderAddress, gas };
  }

  /**
   * fund: refused for a caller who is not a sponsor, a zero amount, a pool that does not exist (the
   * farm's PoolNotFound), a fifth token, another sponsor's stream, an end too early, or a token
   * that delivers less than was sent; else the stream starts or is topped up.
   */
  #planFund(a: Extract<Action, { kind: "fund" }>): FarmCall {
    const [pid, t] = this.#streamPick(a);
    const token = this.#world.partnerTokens[t];
    const own = pid < BigInt(this.model.poolCount) ? this.partners.stream(Number(pid), token.address)?.sponsor : undefined;
    // A top-up of an existing stream comes mostly from its own sponsor (others are refused).
    const from = a.again !== null && a.again % 4 !== 0 && own !== undefined ? own : this.#sponsorAddress(a.caller);
    const now = this.model.block;
    const exists = pid < BigInt(this.model.poolCount);
    const stream = exists ? this.partners.stream(Number(pid), token.address) : undefined;
    const running = stream !== undefined && stream.end > now;
    const end =
      a.end.kind === "same" ? (running ? stream.end : now + 50n) : a.end.kind === "later" ? (running ? stream.end : now) + a.end.blocks : running ? stream.end - 1n : now;
    const faults: NamedError[] = [];
    const sponsor = from === this.#world.owner.address || (from === this.#world.sponsor.address && this.#sponsorPools.has(pid));
    if (!sponsor) faults.push({ name: "NotSponsor", args: [pid, from] });
    if (a.amount === 0n) faults.push({ name: "ZeroAmount", args: [] });
    if (!exists) faults.push({ name: "PoolNotFound", args: [pid, BigInt(this.model.poolCount)] });
    if (exists) {
      const refusal = this.partners.fundRefusal(Number(pid), token.address, from, end);
      if (refusal?.name === "TooManyStreams") faults.push({ name: "TooManyStreams", args: [pid, BigInt(MAX_STREAMS)] });
      if (refusal?.name === "StreamSponsoredByOther") faults.push({ name: "StreamSponsoredByOther", args: [token.address, refusal.sponsor] });
      if (refusal?.name === "EndBlockTooEarly") faults.push({ name: "EndBlockTooEarly", args: [end, refusal.earliest] });
    }
    if (token.kind === "feeOnTransfer") {
      const received = this.ledger.received(TOKEN.feeOnTransfer, a.amount);
      if (received !== a.amount) faults.push({ name: "FeeOnTransferToken", args: [token.address, a.amount, received] });
    }
    if (exists) this.#partnerPoolsTouched.add(Number(pid));
    return this.#rewarderCall(a.kind, from, "fund", [pid, token.address, a.amount, end], faults, (receipt) => {
      const before = this.partners.stream(Number(pid), token.address);
      const kind = before === undefined ? "new" : before.end > now ? (end === before.end ? "raised" : "extended") : "afresh";
      const streaming = this.partners.fund(Number(pid), token.address, from, a.amount, end);
      this.#expectRewarderEvent(receipt, "StreamFunded", [pid, token.address, from, a.amount, streaming, end]);
      this.#rewarderHeld[t] += a.amount;
      this.#stats.streamFunded(kind);
    });
  }

  /** reclaim: by the stream's sponsor, once it has ended, of what it released while nothing was staked. */
  #planReclaim(a: Extract<Action, { kind: "reclaim" }>): FarmCall {
    const [pid, t] = this.#streamPick(a);
    const token = this.#world.partnerTokens[t];
    const exists = pid < BigInt(this.model.poolCount);
    const stream = exists ? this.partners.stream(Number(pid), token.address) : undefined;
    const from = a.caller === "streamSponsor" ? (stream?.sponsor ?? this.#world.sponsor.address) : this.#sponsorAddress(a.caller);
    const faults: NamedError[] = [];
    if (stream === undefined) faults.push({ name: "StreamNotFound", args: [pid, token.address] });
    else if (stream.sponsor !== from) faults.push({ name: "StreamSponsoredByOther", args: [token.address, stream.sponsor] });
    else if (stream.end > this.model.block) faults.push({ name: "StreamRunning", args: [stream.end] });
    else if (this.partners.unclaimedOf(Number(pid), stream) === 0n) faults.push({ name: "ZeroAmount", args: [] });
    // A hostile token that refuses the transfer makes its own reclaim fail (with whatever it says).
    else if (!this.#transferWorks(token.address, true)) faults.push({ name: ANY_ERROR, args: [] });
    if (stream !== undefined) this.#partnerPoolsTouched.add(Number(pid));
    return this.#rewarderCall(a.kind, from, "reclaim", [pid, token.address], faults, (receipt) => {
      const amount = this.partners.reclaim(Number(pid), token.address);
      if (t === HOSTILE_TOKEN) this.#hostileTransferred();
      this.#expectRewarderEvent(receipt, "StreamReclaimed", [pid, token.address, from, amount]);
      const moved = this.#partnerTransfers(receipt.logs).map(([f, t, to, value]) => normalized([f, t, to, value]));
      this.#require(
        moved.join("; ") === normalized([this.#world.rewarderAddress, token.address, from, amount]),
        `reclaim moved [${moved.join("; ")}], expected ${amount} to the sponsor`,
      );
      this.#rewarderHeld[t] -= amount;
      this.#stats.reclaims += 1;
    });
  }

  /** The pool and partner token an action names: an existing stream's (`again`), else its own. */
  #streamPick(a: { pool: PoolPick; token: number; again: number | null }): [bigint, number] {
    const existing = this.partners.pids.flatMap((pid) => this.partners.streams(pid).map((s) => [pid, s.token] as const));
    if (a.again === null || existing.length === 0) return [this.#pid(a.pool), a.token];
    const [pid, address] = existing[a.again % existing.length];
    return [BigInt(pid), this.#world.partnerTokens.findIndex((t) => t.address === address)];
  }

  /** claim: pays the caller everything it earned and is owed in the pool's partner tokens (refused while paused). */
  #planClaim(a: Extract<Action, { kind: "claim" }>): FarmCall {
    // Mostly in a pool with partner rewards, by someone with something to claim there.
    const partnered = this.partners.pids.filter((pid) => pid < this.model.poolCount);
    const pid = a.preferMember && partnered.length > 0 && "existing" in a.pool ? BigInt(partnered[a.pool.existing % partnered.length]) : this.#pid(a.pool);
    let u = a.user;
    if (a.preferMember && pid < BigInt(this.model.poolCount)) {
      for (let i = 0; i < this.#world.users.length; i++) {
        const candidate = (a.user + i) % this.#world.users.length;
        if (this.partners.pending(Number(pid), this.#user(candidate)).some((x) => x > 0n)) {
          u = candidate;
          break;
        }
      }
    }
    const user = this.#user(u);
    const faults = this.model.paused ? [{ name: "FarmPaused", args: [] }] : [];
    if (pid < BigInt(this.model.poolCount) && this.partners.partnered(Number(pid))) this.#partnerPoolsTouched.add(Number(pid));
    return this.#rewarderCall(
      a.kind,
      user,
      "claim",
      [pid],
      faults,
      () => {
        const p = Number(pid);
        if (!this.partners.partnered(p)) return;
        this.#expectPayouts(p, user, user, this.partners.settle(p, user, true, (token) => this.#transfers(token, true), false));
        this.#stats.partnerClaims += 1;
      },
      CLAIM_GAS,
    );
  }

  #expectRewarderEvent(receipt: RawReceipt, name: string, args: unknown[]): void {
    const rewarder = this.#world.rewarderAddress.toLowerCase();
    const iface = this.#world.rewarder.interface;
    const found = receipt.logs
      .filter((log) => log.address.toLowerCase() === rewarder)
      .map((log) => iface.parseLog(log))
      .filter((e) => e !== null && e.name === name)
      .map((e) => normalized([...e!.args]));
    this.#require(found.includes(normalized(args)), `expected event ${name}(${normalized(args)}), found [${found.join("; ")}]`);
  }

  #require(condition: boolean, message: string): void {
    if (!condition) throw this.#violation(message);
  }

  #violation(message: string): InvariantViolation {
    const recent = this.#played.slice(-12).map((line, i, all) => `  step ${this.#step - all.length + i + 1}: ${line}`);
    return new InvariantViolation(`step ${this.#step}: ${message}\nlast actions:\n${recent.join("\n")}`);
  }

  /*//////////////////////////////////////////////////////////////
                          RESOLVING INTENTS
  //////////////////////////////////////////////////////////////*/

  #user(index: number): string {
    return this.#world.users[index].address;
  }

  #pid(pick: PoolPick): bigint {
    const count = BigInt(this.model.poolCount);
    if ("existing" in pick) return BigInt(pick.existing) % count;
    return { next: count, beyond: count + 1n, max: 2n ** 256n - 1n }[pick.missing];
  }

  /** The stakeable token of pool `pid`, or undefined if there is no such pool. */
  #tokenOf(pid: bigint): number | undefined {
    if (pid >= BigInt(this.model.poolCount)) return undefined;
    const lpToken = this.model.pool(Number(pid)).lpToken;
    return this.#world.stakeables.findIndex((s) => s.address === lpToken);
  }

  /** `preferred`, or the next user after it who has a stake in pool `pid`, if anyone has. */
  #stakerOf(pid: bigint, preferred: number): number {
    if (pid >= BigInt(this.model.poolCount)) return preferred;
    for (let i = 0; i < this.#world.users.length; i++) {
      const u = (preferred + i) % this.#world.users.length;
      if (this.model.stakeOf(Number(pid), this.#user(u)) > 0n) return u;
    }
    return preferred;
  }

  /** `preferred`, or the next user after it who has a running lock in pool `pid`, if anyone has. */
  #lockerOf(pid: bigint, preferred: number): number {
    if (pid >= BigInt(this.model.poolCount)) return preferred;
    for (let i = 0; i < this.#world.users.length; i++) {
      const u = (preferred + i) % this.#world.users.length;
      if (this.model.hasRunningLock(Number(pid), this.#user(u))) return u;
    }
    return preferred;
  }

  /** The tier index a pick names for `user`'s lock in pool `pid` (see TierIndexPick). */
  #tier(pick: TierIndexPick, pid: bigint, user: string): bigint {
    const count = BigInt(this.model.tiers.length);
    if ("unknown" in pick) return pick.unknown === "count" ? count : 2n ** 256n - 1n;
    if (count === 0n) return 0n;
    if ("renew" in pick && pid < BigInt(this.model.poolCount) && this.model.hasRunningLock(Number(pid), user)) {
      const end = this.model.lockOf(Number(pid), user).endBlock;
      const renewing = this.model.tiers.findIndex((_, t) => this.model.lockEndFor(t) >= end);
      if (renewing >= 0) return BigInt(renewing);
    }
    return BigInt("existing" in pick ? pick.existing : pick.renew) % count;
  }

  #recipient(pick: RecipientPick): string {
    if (pick === "treasury") return this.#world.treasury.address;
    if (pick === "zero") return ZeroAddress;
    if (pick === "farm") return this.#world.farmAddress;
    return this.#user(pick.user);
  }

  /** The holder (a user, or TREASURY) with this address, whose LP wallet the ledger follows. */
  #holderOf(address: string): number | undefined {
    const h = this.#world.holders.findIndex((holder) => holder.toLowerCase() === address.toLowerCase());
    return h < 0 ? undefined : h;
  }

  #poolFaults(pid: bigint): NamedError[] {
    const count = BigInt(this.model.poolCount);
    return pid < count ? [] : [{ name: "PoolNotFound", args: [pid, count] }];
  }

  #pauseFaults(): NamedError[] {
    return this.model.paused ? [{ name: "EnforcedPause", args: [] }] : [];
  }

  /** A deposit of `amount` into pool `pid`: refused for the pool or the pause, else for the pool's stake limit. */
  #depositFaults(pid: bigint, amount: bigint): NamedError[] {
    const faults = [...this.#poolFaults(pid), ...this.#pauseFaults()];
    const token = this.#tokenOf(pid);
    if (faults.length > 0 || token === undefined) return faults;
    return this.#weightFaults(pid, this.ledger.received(token, amount));
  }

  /**
   * The pool's total weight (from the next block on) may not exceed MAX_TOTAL_STAKE
   * (LOCKS-SEMANTICS): refused when `added` more weight would take it beyond.
   */
  #weightFaults(pid: bigint, added: bigint): NamedError[] {
    const total = this.model.sharesAt(Number(pid), this.#latestBlock + 2n).total + added;
    return total > MAX_TOTAL_STAKE ? [{ name: "PoolStakeTooLarge", args: [pid, total, MAX_TOTAL_STAKE] }] : [];
  }
}

/**
 * The reward model on its own, no chain: it must reproduce the hand-worked examples of the
 * contract tests (rewards.test.ts, safety.test.ts), so that when the invariant campaign and the
 * farm disagree, the model is known to say what the specification says.
 */
import { expect } from "chai";
import { parseEther as rwd } from "ethers";

import { boosted, earlyExitPenalty, FarmModel, lockEndOf } from "./model.js";
import { Ratio } from "./ratio.js";

const S = 1_000n;
const [ALICE, BOB, CAROL, DAVE, MALLORY] = ["alice", "bob", "carol", "dave", "mallory"];

/** The model's pending reward, which these examples keep whole. */
function pending(model: FarmModel, pid: number, user: string): bigint {
  const value = model.pendingOf(pid, user);
  expect(value.den === 1n || value.num % value.den === 0n, `pending of ${user} is not whole: ${value}`).to.equal(true);
  return value.floor();
}

/** Harvests: pays `user` exactly what the model says it is owed, as the farm would, and returns it. */
function payOut(model: FarmModel, pid: number, user: string): bigint {
  const due = pending(model, pid, user);
  model.harvest(pid, user, due);
  return due;
}

/** safety.test.ts's fixture: two equal pools, alice staking 3 LP units and bob 1 in pool 0 before the start. */
function aliceAndBobStaked(): FarmModel {
  const model = new FarmModel({ startBlock: S, rewardPerBlock: rwd("10"), budget: rwd("1000000") });
  model.addPool("usdcWeth", 100n);
  model.addPool("daiWeth", 100n);
  model.advanceTo(S - 4n);
  model.deposit(0, ALICE, 3n * 10n ** 15n, 0n);
  model.deposit(0, BOB, 10n ** 15n, 0n);
  return model;
}

describe("Invariant model: the specification's hand-worked examples", function () {
  it("caps emission at the budget: 95 of 10 per block, the last block emitting the 5 left (rewards.test.ts)", function () {
    const model = new FarmModel({ startBlock: S, rewardPerBlock: rwd("10"), budget: rwd("95") });
    model.addPool("usdcWeth", 100n);
    model.addPool("daiWeth", 300n);
    model.advanceTo(S - 1n);
    model.deposit(0, ALICE, 10n ** 15n, 0n);
    model.advanceTo(S + 3n);
    model.deposit(1, CAROL, 10n ** 21n, 0n);
    model.advanceTo(S + 4n);
    model.deposit(0, BOB, 3n * 10n ** 15n, 0n);
    model.advanceTo(S + 7n);
    expect(payOut(model, 0, BOB)).to.equal(rwd("5.625"));
    model.advanceTo(S + 9n);
    expect([pending(model, 0, ALICE), pending(model, 0, BOB), pending(model, 1, CAROL)]).to.deep.equal([rwd("13.125"), rwd("3.75"), rwd("45")]);
    model.advanceTo(S + 30n);
    expect([pending(model, 0, ALICE), pending(model, 0, BOB), pending(model, 1, CAROL)]).to.deep.equal([rwd("13.4375"), rwd("4.6875"), rwd("48.75")]);
    expect(model.remaining).to.equal(0n);
    // Pool 1's 7.5 per block for S+1..S+3, before carol staked, goes to no one.
    model.updatePool(1);
    expect(model.unowned.compare(rwd("22.5"))).to.equal(0);
  });

  it("spends nothing while no pool has allocation, and resumes the block after (rewards.test.ts)", function () {
    const model = new FarmModel({ startBlock: S, rewardPerBlock: rwd("10"), budget: rwd("1000000") });
    model.addPool("usdcWeth", 100n);
    model.advanceTo(S - 1n);
    model.deposit(0, ALICE, 10n ** 15n, 0n);
    model.advanceTo(S + 5n);
    model.setAllocPoint(0, 0n);
    expect(pending(model, 0, ALICE)).to.equal(rwd("50"));
    model.advanceTo(S + 12n);
    model.deposit(0, BOB, 10n ** 15n, 0n);
    model.advanceTo(S + 15n);
    model.setAllocPoint(0, 100n);
    model.advanceTo(S + 21n);
    expect([pending(model, 0, ALICE), pending(model, 0, BOB)]).to.deep.equal([rwd("80"), rwd("30")]);
    expect(model.remaining).to.equal(rwd("1000000") - rwd("110"));
  });

  it("leaves the emergency leaver's share since the pool's last update to those who stay (safety.test.ts)", function () {
    const model = aliceAndBobStaked();
    model.advanceTo(S + 10n);
    expect(pending(model, 0, BOB)).to.equal(rwd("12.5"));
    model.advanceTo(S + 11n);
    expect(model.emergencyWithdraw(0, ALICE)).to.equal(3n * 10n ** 15n);
    expect(pending(model, 0, BOB)).to.equal(rwd("55"));
    model.advanceTo(S + 13n);
    expect(pending(model, 0, BOB)).to.equal(rwd("65"));
    expect(model.forfeited.compare(0n)).to.equal(0); // nothing was settled to alice before she left
  });

  it("defers the reward of a withdrawal while paused and pays it in full after unpause (safety.test.ts)", function () {
    const model = aliceAndBobStaked();
    model.advanceTo(S + 10n);
    model.setPaused(true);
    model.advanceTo(S + 12n);
    const deferred = model.withdraw(0, ALICE, 2n * 10n ** 15n, rwd("45"));
    expect(deferred.due.compare(rwd("45"))).to.equal(0);
    model.advanceTo(S + 20n);
    expect([pending(model, 0, ALICE), pending(model, 0, BOB)]).to.deep.equal([rwd("65"), rwd("35")]);
    model.setPaused(false);
    model.advanceTo(S + 22n);
    expect(payOut(model, 0, ALICE)).to.equal(rwd("70"));
    model.advanceTo(S + 23n);
    expect(payOut(model, 0, BOB)).to.equal(rwd("42.5"));
    expect(pending(model, 0, MALLORY)).to.equal(0n);
  });

  it("bounds the farm's rounding: under 2 wei more shortfall per stretch of constant stake, never less, give or take dust", function () {
    const model = new FarmModel({ startBlock: S, rewardPerBlock: 7n, budget: 10n ** 30n });
    const wei = (n: bigint, scale: bigint) => new Ratio(n, scale);
    model.addPool("usdcWeth", 3n); // the total allocation changes: 3 / 1e9 of dust for pool 0
    model.addPool("daiWeth", 7n); // again
    let bound = model.boundOf(0, ALICE);
    expect(bound.least.compare(wei(-6n, 10n ** 9n))).to.equal(0);
    expect(bound.most.compare(wei(6n, 10n ** 9n).plus(2n))).to.equal(0);

    // Alice stakes 5 before the start; block S+1 owes her 3/10 of 7 = 2.1 wei. The farm pays her 1
    // as she withdraws 2: she starts her second stretch 1.1 wei short. Each stake change adds
    // 3 / 1e9 of dust, the update 3 / 1e48 (the total stake then).
    model.advanceTo(S - 1n);
    model.deposit(0, ALICE, 5n, 0n);
    model.advanceTo(S + 1n);
    model.withdraw(0, ALICE, 2n, 1n);
    model.noteUpdate();
    const dust = wei(12n, 10n ** 9n).plus(wei(3n, 10n ** 48n));
    const start = new Ratio(11n, 10n);
    bound = model.boundOf(0, ALICE);
    expect(bound.least.compare(start.minus(dust))).to.equal(0);
    expect(bound.most.compare(start.plus(2n).plus(dust))).to.equal(0);

    // Paused, at S+2 she withdraws 1 more and the farm reports 1 wei kept of the 1.1 + 2.1 owed
    // (block S+2: 3/10 of 7, all hers): 2.2 short, and from there the farm's figure moves by less
    // than 1 wei either way.
    model.setPaused(true);
    model.advanceTo(S + 2n);
    model.withdraw(0, ALICE, 1n, 1n);
    const shortfall = new Ratio(22n, 10n);
    bound = model.boundOf(0, ALICE);
    const moreDust = dust.plus(wei(3n, 10n ** 9n));
    expect(bound.least.compare(shortfall.minus(1n).minus(moreDust))).to.equal(0);
    expect(bound.most.compare(shortfall.plus(1n).plus(moreDust))).to.equal(0);
  });
});

/**
 * Locks (IFarmLocks' rules), worked by hand: one pool, 1,200 wei per block from S + 1, epochs of 10
 * blocks, tier 0 = 10 blocks at 2x, tier 1 = 25 blocks at 3x, early exits at 10 % to "treasury".
 * Stakes are chosen so that every block's share is a whole number of wei.
 */
const TIER_2X = 0;
const TIER_3X = 1;

function lockWorld(): FarmModel {
  const model = new FarmModel({
    startBlock: S,
    rewardPerBlock: 1_200n,
    budget: 10n ** 30n,
    epochBlocks: 10n,
    tiers: [
      { duration: 10n, boostBps: 20_000n },
      { duration: 25n, boostBps: 30_000n },
    ],
    penaltyBps: 1_000n,
    penaltyRecipient: "treasury",
  });
  model.addPool("usdcWeth", 100n);
  model.advanceTo(S);
  return model;
}

function pendings(model: FarmModel, users: string[]): bigint[] {
  return users.map((user) => pending(model, 0, user));
}

describe("Invariant model: locks, worked by hand", function () {
  it("rounds ends up to the epoch, weighs floor(locked × boost / 10,000), and rounds the penalty up", function () {
    expect(lockEndOf(1_000n, 10n, 10n)).to.equal(1_010n);
    expect(lockEndOf(1_003n, 10n, 10n)).to.equal(1_020n);
    expect(lockEndOf(1_000n, 1n, 1n)).to.equal(1_001n);
    expect(boosted(3n, 15_000n)).to.equal(4n); // 4.5 rounded down
    // 1,000 LP, 10 %, 23 of 30 blocks left: 76.67 rounded up.
    const lock = { amount: 1_000n, boostBps: 30_000n, start: 1_000n, end: 1_030n, penaltyBps: 1_000n, recipient: "treasury" };
    expect(earlyExitPenalty(lock, 1_007n)).to.equal(77n);
    expect(earlyExitPenalty(lock, 1_000n)).to.equal(100n);
    expect(earlyExitPenalty(lock, 1_029n)).to.equal(4n); // 3.33 rounded up
    expect(earlyExitPenalty(lock, 1_030n)).to.equal(0n);
  });

  it("earns boosted for the emission of every block up to its end and 1x after, with nobody acting", function () {
    const model = lockWorld();
    model.lock(0, ALICE, 100n, TIER_2X, 0n); // ends at 1,010: weight 200 for blocks S+1..S+10
    model.deposit(0, BOB, 200n, 0n);
    expect(model.lockOf(0, ALICE)).to.deep.equal({ amount: 100n, boostBps: 20_000n, startBlock: S, endBlock: S + 10n, penaltyBps: 1_000n, penaltyRecipient: "treasury" });
    expect(model.sharesAt(0, S + 10n)).to.deep.equal({ total: 400n, boost: 100n });
    expect(model.sharesAt(0, S + 11n)).to.deep.equal({ total: 300n, boost: 0n });
    model.advanceTo(S + 10n);
    expect(pendings(model, [ALICE, BOB])).to.deep.equal([6_000n, 6_000n]); // 600 each per block
    expect(model.hasRunningLock(0, ALICE)).to.equal(false); // its LP may leave from its end block on
    expect(model.withdrawableOf(0, ALICE)).to.equal(100n);
    model.advanceTo(S + 20n);
    expect(pendings(model, [ALICE, BOB])).to.deep.equal([10_000n, 14_000n]); // then 400 / 800 per block
  });

  it("shares a pool left alone across many lock ends stretch by stretch, several locks ending at one boundary", function () {
    const model = lockWorld();
    model.lock(0, ALICE, 100n, TIER_2X, 0n); // ends 1,010
    model.lock(0, DAVE, 100n, TIER_2X, 0n); // ends 1,010 too
    model.lock(0, BOB, 100n, TIER_3X, 0n); // ends 1,030
    model.deposit(0, CAROL, 100n, 0n);
    expect(model.lockEndsAfter(S)).to.deep.equal([S + 10n, S + 30n]);
    model.advanceTo(S + 50n);
    expect(model.pool(0).unshared.map((stretch) => stretch.through)).to.deep.equal([S + 10n, S + 30n, S + 50n]);
    // S+1..S+10: 200/200/300/100 of 800; S+11..S+30: 100/100/300/100 of 600; S+31..S+50: 100 each.
    const [a, d, b, c] = [3_000n + 4_000n + 6_000n, 3_000n + 4_000n + 6_000n, 4_500n + 12_000n + 6_000n, 1_500n + 4_000n + 6_000n];
    expect(pendings(model, [ALICE, DAVE, BOB, CAROL])).to.deep.equal([a, d, b, c]);
    expect(a + d + b + c).to.equal(50n * 1_200n);
    model.updatePool(0);
    expect(pendings(model, [ALICE, DAVE, BOB, CAROL])).to.deep.equal([a, d, b, c]);
    expect(model.pool(0).unshared).to.deep.equal([]);
  });

  it("re-starts the whole lock on a top-up or extension, and refuses a shorter end", function () {
    const model = lockWorld();
    model.lock(0, ALICE, 100n, TIER_2X, 0n); // 200 until 1,010
    model.deposit(0, BOB, 200n, 0n);
    model.advanceTo(S + 4n);
    expect(payOut(model, 0, ALICE)).to.equal(2_400n);
    model.advanceTo(S + 4n);
    // Top-up of 100 for the 3x tier at S+4: 200 LP until ceil(1,029 / 10) × 10 = 1,030, weight 600.
    model.lock(0, ALICE, 100n, TIER_3X, 0n);
    expect(model.lockOf(0, ALICE)).to.deep.include({ amount: 200n, boostBps: 30_000n, startBlock: S + 4n, endBlock: S + 30n });
    model.advanceTo(S + 5n);
    // The 2x tier now would end at 1,020, before 1,030: LockShortened, and the model refuses it too.
    expect(model.lockEndFor(TIER_2X)).to.equal(S + 20n);
    expect(() => model.lock(0, ALICE, 0n, TIER_2X, 0n)).to.throw(/shortened/);
    model.advanceTo(S + 10n);
    expect(pending(model, 0, ALICE)).to.equal(6n * 900n); // 600 of 800 for S+5..S+10
    // Extension at S+10 with nothing added: ends at 1,040, same weight.
    model.lock(0, ALICE, 0n, TIER_3X, 6n * 900n);
    expect(model.lockOf(0, ALICE)).to.deep.include({ amount: 200n, startBlock: S + 10n, endBlock: S + 40n });
    model.advanceTo(S + 50n);
    // S+11..S+40: 900 / 300; S+41..S+50: 600 / 600.
    expect(pendings(model, [ALICE, BOB])).to.deep.equal([30n * 900n + 6_000n, 2_400n + 6n * 300n + 30n * 300n + 6_000n]);
  });

  it("exits early at the penalty fixed with the lock, paying the reward, while later locks get the new terms", function () {
    const model = lockWorld();
    model.lock(0, ALICE, 1_000n, TIER_3X, 0n); // 3,000 until 1,030
    model.deposit(0, BOB, 1_000n, 0n);
    model.advanceTo(S + 3n);
    model.setEarlyExitPenalty(5_000n, "other");
    model.advanceTo(S + 7n);
    expect(model.penaltyOf(0, ALICE)).to.equal(77n);
    const exit = model.exitLock(0, ALICE, 7n * 900n);
    expect(exit.settlement.due.compare(7n * 900n)).to.equal(0);
    expect([exit.locked, exit.returned, exit.penalty, exit.recipient]).to.deep.equal([1_000n, 923n, 77n, "treasury"]);
    expect(model.pool(0).totalStaked).to.equal(1_000n);
    expect(model.penalties.get(0)).to.deep.equal(new Map([["treasury", 77n]]));
    expect(model.lockOf(0, ALICE).amount).to.equal(0n);
    model.advanceTo(S + 10n);
    expect(pendings(model, [ALICE, BOB])).to.deep.equal([0n, 7n * 300n + 3n * 1_200n]);
    model.lock(0, CAROL, 10n, TIER_2X, 0n);
    expect(model.lockOf(0, CAROL)).to.deep.include({ penaltyBps: 5_000n, penaltyRecipient: "other", endBlock: S + 20n });
  });

  it("exits early while paused, keeping the lock's reward for the staker until the next payment", function () {
    const model = lockWorld();
    model.lock(0, ALICE, 1_000n, TIER_3X, 0n); // 3,000 until 1,030
    model.deposit(0, BOB, 1_000n, 0n);
    model.advanceTo(S + 5n);
    model.setPaused(true);
    model.advanceTo(S + 7n);
    const exit = model.exitLock(0, ALICE, 7n * 900n); // RewardDeferred: all alice holds in the pool
    expect([exit.settlement.deferral, exit.returned, exit.penalty]).to.deep.equal([true, 923n, 77n]);
    expect(model.paidTo.get(ALICE) ?? 0n).to.equal(0n);
    model.setPaused(false);
    model.advanceTo(S + 10n);
    expect(pendings(model, [ALICE, BOB])).to.deep.equal([6_300n, 7n * 300n + 3n * 1_200n]);
    expect(payOut(model, 0, ALICE)).to.equal(6_300n);
  });

  it("ends every lock of the pool at the emergency unlock's block, boosts included", function () {
    const model = lockWorld();
    model.lock(0, ALICE, 100n, TIER_3X, 0n); // 300 until 1,030
    model.deposit(0, BOB, 100n, 0n);
    model.advanceTo(S + 10n);
    model.emergencyUnlock(0);
    expect(model.lockOf(0, ALICE).endBlock).to.equal(S + 10n);
    expect([model.hasRunningLock(0, ALICE), model.withdrawableOf(0, ALICE), model.penaltyOf(0, ALICE)]).to.deep.equal([false, 100n, 0n]);
    model.advanceTo(S + 20n);
    // S+1..S+10: 900 / 300; S+11..S+20: 600 / 600.
    expect(pendings(model, [ALICE, BOB])).to.deep.equal([15_000n, 9_000n]);
  });

  it("gives an emergency leaver's share of every stretch since the pool's last update to the weights still there", function () {
    const model = lockWorld();
    model.lock(0, ALICE, 100n, TIER_2X, 0n); // ends 1,010
    model.deposit(0, ALICE, 100n, 0n);
    model.deposit(0, BOB, 200n, 0n);
    model.deposit(0, CAROL, 100n, 0n);
    model.advanceTo(S + 15n);
    expect(model.emergencyWithdraw(0, BOB)).to.equal(200n);
    model.advanceTo(S + 20n);
    // S+1..S+10: alice 300, carol 100; S+11..S+20: alice 200, carol 100.
    expect(pendings(model, [ALICE, CAROL])).to.deep.equal([9_000n + 8_000n, 3_000n + 4_000n]);
    // Alice's lock has ended: she takes it and her unlocked LP, and her share goes to carol.
    expect(model.emergencyWithdraw(0, ALICE)).to.equal(200n);
    expect(pending(model, 0, CAROL)).to.equal(20n * 1_200n);
    expect(model.forfeited.compare(0n)).to.equal(0); // nothing had been shared to them before they left
  });

  it("keeps a running lock and its reward through emergencyWithdraw, which forfeits the unlocked stake's", function () {
    const model = lockWorld();
    model.lock(0, ALICE, 100n, TIER_3X, 0n); // 300 until 1,030
    model.deposit(0, ALICE, 100n, 0n);
    model.deposit(0, CAROL, 200n, 0n);
    model.advanceTo(S + 5n);
    // S+1..S+5: alice's unlocked 100 and lock 300 against carol's 200, of 1,200 per block.
    expect(payOut(model, 0, CAROL)).to.equal(5n * 400n);
    model.advanceTo(S + 8n);
    expect(model.emergencyWithdraw(0, ALICE)).to.equal(100n);
    expect(model.forfeited.compare(5n * 200n)).to.equal(0); // the unlocked stake's reward, shared at carol's harvest
    expect([model.stakeOf(0, ALICE), model.lockOf(0, ALICE).amount, model.hasRunningLock(0, ALICE)]).to.deep.equal([100n, 100n, true]);
    model.advanceTo(S + 10n);
    // The lock keeps its 3,000, and S+6..S+10, shared at the next touch: its 300 against carol's 200.
    expect(pendings(model, [ALICE, CAROL])).to.deep.equal([5n * 600n + 5n * 720n, 5n * 480n]);
  });

  it("joins an ended lock to the unlocked stake at the staker's own action; someone's depositFor pays and touches only the unlocked stake", function () {
    const model = lockWorld();
    model.lock(0, ALICE, 100n, TIER_2X, 0n);
    model.deposit(0, BOB, 100n, 0n);
    model.advanceTo(S + 12n);
    // S+1..S+10: 800 / 400; S+11..S+12: 600 / 600.
    expect(pendings(model, [ALICE, BOB])).to.deep.equal([9_200n, 5_200n]);
    const paid = model.deposit(0, ALICE, 50n, 0n, false); // bob's depositFor: alice has no unlocked stake to pay yet
    expect(paid.due.compare(0n)).to.equal(0);
    expect([model.lockOf(0, ALICE).amount, model.stakeOf(0, ALICE), model.withdrawableOf(0, ALICE)]).to.deep.equal([100n, 150n, 150n]);
    model.advanceTo(S + 13n);
    // S+13: alice's 150 against bob's 100.
    expect(model.unlockedPendingOf(0, ALICE).compare(240n)).to.equal(0);
    expect(payOut(model, 0, ALICE)).to.equal(9_200n + 720n);
    expect([model.lockOf(0, ALICE).amount, model.stakeOf(0, ALICE), model.withdrawableOf(0, ALICE)]).to.deep.equal([0n, 150n, 150n]);
  });

  it("widens the rounding window by a stretch when a lock's end falls after the reference, and adds the two accounts' windows", function () {
    const model = new FarmModel({ startBlock: S, rewardPerBlock: 7n, budget: 10n ** 30n, epochBlocks: 10n, tiers: [{ duration: 10n, boostBps: 15_000n }] });
    model.addPool("usdcWeth", 1n);
    model.advanceTo(S);
    model.lock(0, ALICE, 3n, 0, 0n); // weight 4 until 1,010
    model.deposit(0, BOB, 2n, 0n);
    const window = () => {
      const bound = model.boundOf(0, ALICE);
      const dust = model.pool(0).dust;
      return { crossed: bound.crossed, least: bound.least.plus(dust).minus(bound.start).floor(), most: bound.most.minus(dust).minus(bound.start).floor() };
    };
    model.advanceTo(S + 9n);
    expect(window()).to.deep.equal({ crossed: false, least: 0n, most: 2n }); // the lock alone, re-rounded when made
    model.advanceTo(S + 10n);
    // Its end: a second stretch, and the next payout joins the lock, re-rounding the stake up
    // before paying its floor (pendingReward shows what that payout would pay): one wei more.
    expect(window()).to.deep.equal({ crossed: true, least: 0n, most: 5n });
    model.advanceTo(S + 12n);
    // The harvest joins the lock, re-rounding the unlocked stake up and then paying its floor: its
    // debt ends at floor(weight × acc), or at the ceiling when nothing was owed.
    model.harvest(0, ALICE, model.pendingOf(0, ALICE).floor());
    expect(window()).to.deep.equal({ crossed: false, least: -1n, most: 2n });
    model.advanceTo(S + 13n);
    // A new lock beside the unlocked stake, which is only paid: its floor's fraction carried, (−1, 1),
    // or, had it not earned a whole wei since its debt was rounded up, up to 2.
    model.lock(0, ALICE, 1n, 0, model.pendingOf(0, ALICE).floor());
    expect(window()).to.deep.equal({ crossed: false, least: -1n, most: 4n });
    model.advanceTo(S + 29n);
    expect(window()).to.deep.equal({ crossed: false, least: -1n, most: 4n });
    model.advanceTo(S + 30n); // its end, ceil(1,023 / 10) × 10
    expect(window()).to.deep.equal({ crossed: true, least: -1n, most: 7n });
    // Bob's depositFor after that end does not join the lock: the unlocked stake re-rounds, the
    // ended lock is carried, and may hide two roundings up (its start's and its end's): [−1, 3).
    model.advanceTo(S + 31n);
    model.deposit(0, ALICE, 1n, 0n, false);
    expect(model.observationBound(0, ALICE)).to.not.equal(undefined);
    model.observeReference(0, ALICE, model.pendingOf(0, ALICE).floor());
    expect(window()).to.deep.equal({ crossed: false, least: -1n, most: 6n });
  });
});

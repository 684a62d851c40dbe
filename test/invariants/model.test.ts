/**
 * The reward model on its own, no chain: it must reproduce the hand-worked examples of the
 * contract tests (rewards.test.ts, safety.test.ts), so that when the invariant campaign and the
 * farm disagree, the model is known to say what the specification says.
 */
import { expect } from "chai";
import { parseEther as rwd } from "ethers";

import { FarmModel } from "./model.js";
import { Ratio } from "./ratio.js";

const S = 1_000n;
const [ALICE, BOB, CAROL, MALLORY] = ["alice", "bob", "carol", "mallory"];

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

  it("bounds the farm's rounding by 2 wei per span of constant stake, plus accumulator dust", function () {
    const model = new FarmModel({ startBlock: S, rewardPerBlock: 7n, budget: 10n ** 30n });
    model.addPool("usdcWeth", 3n);
    model.addPool("daiWeth", 7n);
    expect(model.boundOf(0, ALICE).compare(new Ratio(3n, 10n ** 9n).plus(3n))).to.equal(0);
    model.deposit(0, ALICE, 5n, 0n);
    model.withdraw(0, ALICE, 2n, 0n);
    model.noteAccumulatorAdvance();
    expect(model.boundOf(0, ALICE).compare(new Ratio(6n, 10n ** 9n).plus(7n))).to.equal(0);
  });
});

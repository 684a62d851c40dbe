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

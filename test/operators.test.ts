/**
 * Operators (IFarmOperators): a staker's approved operators unstake its unlocked LP and harvest
 * for it. Each operator call is checked against the staker's own call made in the same block from
 * the same state: everything ends the same, except where the LP or the reward went.
 *
 * The lock world (helpers/lock-world.ts) with a second pool, DAI/WETH: 10 RWD per block, 5 per
 * pool. Alice and Bob stake 1e15 each in both pools before S, so each earns 2.5 RWD per block per
 * pool until someone's stake changes.
 */
import { expect } from "chai";
import { type Contract, ContractTransactionResponse, parseEther as rwd } from "ethers";
import { network } from "hardhat";

import { buildLockWorld, E15, endOf, type LockWorld } from "./helpers/lock-world.js";
import { farmState, refusedAndMined } from "./helpers/farm-state.js";
import { as, at, latestBlock } from "./helpers/scenario.js";

const { ethers, networkHelpers } = await network.create();

async function operatorWorld(): Promise<LockWorld> {
  const world = await buildLockWorld(ethers);
  const { lockFarm: farm, owner, alice, bob, daiWeth } = world;
  await (await as(farm, owner).add(100, await daiWeth.getAddress())).wait();
  for (const staker of [alice, bob]) {
    for (const pid of [0, 1]) await (await as(farm, staker).deposit(pid, E15)).wait();
  }
  return world;
}

function stateOf(w: LockWorld): () => Promise<Record<string, unknown>> {
  const { lockFarm: farm, lockToken, alice, bob, carol, usdcWeth, daiWeth } = w;
  const accounts = [alice.address, bob.address, carol.address];
  return () => farmState(farm, { pids: [0, 1], accounts, tokens: [usdcWeth, daiWeth, lockToken], rewardToken: lockToken });
}

/**
 * The state after `own` and after `forUser`, each sent in block `block` from the same state (the
 * chain is rewound in between and left after `forUser`), with the transactions.
 */
async function sideBySide(
  w: LockWorld,
  block: bigint,
  own: () => Promise<ContractTransactionResponse>,
  forUser: () => Promise<ContractTransactionResponse>,
) {
  const snapshot = await networkHelpers.takeSnapshot();
  const ownTx = await at(ethers, block, own);
  const afterOwn = await stateOf(w)();
  await snapshot.restore();
  const forTx = await at(ethers, block, forUser);
  return { afterOwn, afterFor: await stateOf(w)(), ownTx, forTx };
}

/** `state` with `amount` of `token` moved from `from`'s balance to `to`'s. */
async function moved(state: Record<string, unknown>, token: Contract, from: string, to: string, amount: bigint) {
  const tokenAddress = await token.getAddress();
  const [fromKey, toKey] = [from, to].map((account) => `balanceOf(${tokenAddress},${account})`);
  return { ...state, [fromKey]: (state[fromKey] as bigint) - amount, [toKey]: (state[toKey] as bigint) + amount };
}

describe("Operators: approval", function () {
  it("is per staker and per operator, revocable, and an account always acts for itself", async function () {
    const { lockFarm: farm, alice, bob, carol } = await networkHelpers.loadFixture(operatorWorld);
    expect(await farm.isOperator(alice.address, alice.address)).to.equal(true);
    expect(await farm.isOperator(alice.address, bob.address)).to.equal(false);

    await expect(as(farm, alice).setOperator(bob.address, true))
      .to.emit(farm, "OperatorSet").withArgs(alice.address, bob.address, true);
    expect(await farm.isOperator(alice.address, bob.address)).to.equal(true);
    expect(await farm.isOperator(bob.address, alice.address)).to.equal(false);
    expect(await farm.isOperator(carol.address, bob.address)).to.equal(false);

    await expect(as(farm, alice).setOperator(bob.address, false))
      .to.emit(farm, "OperatorSet").withArgs(alice.address, bob.address, false);
    expect(await farm.isOperator(alice.address, bob.address)).to.equal(false);
  });

  it("refuses whoever the staker did not approve, bad recipients and bad pools, changing nothing", async function () {
    const w = await networkHelpers.loadFixture(operatorWorld);
    const { lockFarm: farm, alice, bob, carol, mallory, S } = w;
    const farmAddress = await farm.getAddress();
    await (await as(farm, alice).setOperator(bob.address, true)).wait();
    await (await as(farm, carol).setOperator(bob.address, true)).wait();
    await (await as(farm, carol).setOperator(bob.address, false)).wait(); // revoked
    await at(ethers, S + 3n, () => as(farm, alice).harvest(0)); // emission running

    await refusedAndMined(ethers, stateOf(w), [
      { send: (o) => as(farm, mallory).withdrawFor(0, E15, alice.address, mallory.address, o), by: farm, error: "NotOperator", args: [alice.address, mallory.address] },
      { send: (o) => as(farm, mallory).harvestAllFor([0, 1], alice.address, mallory.address, o), by: farm, error: "NotOperator", args: [alice.address, mallory.address] },
      { label: "an operator of Alice acting for Bob", send: (o) => as(farm, bob).withdrawFor(0, 1n, carol.address, bob.address, o), by: farm, error: "NotOperator", args: [carol.address, bob.address] },
      { label: "a revoked operator", send: (o) => as(farm, bob).harvestAllFor([0], carol.address, bob.address, o), by: farm, error: "NotOperator", args: [carol.address, bob.address] },
      { send: (o) => as(farm, bob).withdrawFor(0, E15, alice.address, ethers.ZeroAddress, o), by: farm, error: "ZeroRecipient", args: [] },
      { send: (o) => as(farm, bob).withdrawFor(0, E15, alice.address, farmAddress, o), by: farm, error: "FarmAsRecipient", args: [] },
      { send: (o) => as(farm, bob).harvestAllFor([0], alice.address, ethers.ZeroAddress, o), by: farm, error: "ZeroRecipient", args: [] },
      { send: (o) => as(farm, bob).harvestAllFor([0], alice.address, farmAddress, o), by: farm, error: "FarmAsRecipient", args: [] },
      { send: (o) => as(farm, bob).withdrawFor(2, 1n, alice.address, bob.address, o), by: farm, error: "PoolNotFound", args: [2n, 2n] },
      { send: (o) => as(farm, bob).harvestAllFor([0, 2], alice.address, bob.address, o), by: farm, error: "PoolNotFound", args: [2n, 2n] },
      { send: (o) => as(farm, bob).withdrawFor(0, E15 + 1n, alice.address, bob.address, o), by: farm, error: "WithdrawExceedsStake", args: [0n, E15 + 1n, E15] },
    ]);
  });
});

describe("Operators: withdrawFor and harvestAllFor are the staker's own calls", function () {
  it("withdrawFor: the staker's withdraw, its LP sent to `to`, its reward to the staker", async function () {
    const w = await networkHelpers.loadFixture(operatorWorld);
    const { lockFarm: farm, lockToken, alice, bob, carol, usdcWeth, S } = w;
    await (await as(farm, alice).setOperator(bob.address, true)).wait();
    const half = E15 / 2n;

    const { afterOwn, afterFor, forTx } = await sideBySide(
      w, S + 7n,
      () => as(farm, alice).withdraw(0, half),
      () => as(farm, bob).withdrawFor(0, half, alice.address, carol.address),
    );
    expect(afterFor).to.deep.equal(await moved(afterOwn, usdcWeth, alice.address, carol.address, half));
    // 7 blocks at 2.5 RWD, paid to Alice, as her withdraw pays.
    expect(await lockToken.balanceOf(alice.address)).to.equal(rwd("17.5"));
    await expect(forTx).to.emit(farm, "Withdraw").withArgs(alice.address, 0n, half);
  });

  it("harvestAllFor: the staker's harvestAll, its reward sent to `to`", async function () {
    const w = await networkHelpers.loadFixture(operatorWorld);
    const { lockFarm: farm, lockToken, alice, bob, carol, S } = w;
    await (await as(farm, alice).setOperator(bob.address, true)).wait();

    const { afterOwn, afterFor, forTx } = await sideBySide(
      w, S + 9n,
      () => as(farm, alice).harvestAll([0, 1]),
      () => as(farm, bob).harvestAllFor([0, 1], alice.address, carol.address),
    );
    const reward = rwd("45"); // 9 blocks at 2.5 RWD in each of two pools
    expect(afterFor).to.deep.equal(await moved(afterOwn, lockToken, alice.address, carol.address, reward));
    expect(await lockToken.balanceOf(carol.address)).to.equal(reward);
    expect(await lockToken.balanceOf(alice.address)).to.equal(0n);
    await expect(forTx).to.emit(farm, "Harvest").withArgs(alice.address, 0n, rwd("22.5"));
    await expect(forTx).to.emit(farm, "Harvest").withArgs(alice.address, 1n, rwd("22.5"));
  });

  it("a staker may name another recipient for its own reward or LP without approving anyone", async function () {
    const { lockFarm: farm, lockToken, alice, carol, usdcWeth, S } = await networkHelpers.loadFixture(operatorWorld);
    const lpBefore = (await usdcWeth.balanceOf(carol.address)) as bigint;
    await at(ethers, S + 4n, () => as(farm, alice).harvestAllFor([0], alice.address, carol.address));
    expect(await lockToken.balanceOf(carol.address)).to.equal(rwd("10"));
    await at(ethers, S + 6n, () => as(farm, alice).withdrawFor(0, E15, alice.address, carol.address));
    expect(await usdcWeth.balanceOf(carol.address)).to.equal(lpBefore + E15);
    expect(await lockToken.balanceOf(alice.address)).to.equal(rwd("5")); // blocks S+5, S+6
  });
});

describe("Operators: locks and pause", function () {
  it("an operator cannot take a running lock's LP; the lock's reward goes to the staker, as withdraw pays it", async function () {
    const w = await networkHelpers.loadFixture(operatorWorld);
    const { lockFarm: farm, alice, bob, carol, usdcWeth, S } = w;
    await (await as(farm, alice).setOperator(bob.address, true)).wait();
    const X = await latestBlock(ethers) + 1n;
    await at(ethers, X, async () => as(farm, alice).lock(0, E15, 1, await farm.lockTermsVersion())); // 3x

    await refusedAndMined(ethers, stateOf(w), [
      { send: (o) => as(farm, bob).withdrawFor(0, 2n * E15, alice.address, bob.address, o), by: farm, error: "WithdrawExceedsStake", args: [0n, 2n * E15, E15] },
    ]);
    // Before the end: the unlocked LP leaves, the lock stays, and its reward is paid with the rest.
    const T = S + 3n;
    expect(T).to.be.lessThan(endOf(X, 1));
    const { afterOwn, afterFor } = await sideBySide(
      w, T,
      () => as(farm, alice).withdraw(0, E15),
      () => as(farm, bob).withdrawFor(0, E15, alice.address, carol.address),
    );
    expect(afterFor).to.deep.equal(await moved(afterOwn, usdcWeth, alice.address, carol.address, E15));
    expect((await farm.lockInfo(0, alice.address))[0]).to.equal(E15);

    // After the end the ended lock joins the stake, and it can go too.
    const E = endOf(X, 1);
    const ended = await sideBySide(
      w, E + 2n,
      () => as(farm, alice).withdraw(0, E15),
      () => as(farm, bob).withdrawFor(0, E15, alice.address, carol.address),
    );
    expect(ended.afterFor).to.deep.equal(await moved(ended.afterOwn, usdcWeth, alice.address, carol.address, E15));
    await expect(ended.forTx).to.emit(farm, "Unlocked").withArgs(alice.address, 0n, E15);
    expect((await farm.userInfo(0, alice.address))[0]).to.equal(0n);
  });

  it("while paused withdrawFor works and keeps the staker's reward for later; harvestAllFor waits", async function () {
    const w = await networkHelpers.loadFixture(operatorWorld);
    const { lockFarm: farm, owner, alice, bob, carol, usdcWeth, S } = w;
    await (await as(farm, alice).setOperator(bob.address, true)).wait();
    await at(ethers, S + 4n, () => as(farm, owner).pause());

    await refusedAndMined(ethers, stateOf(w), [
      { send: (o) => as(farm, bob).harvestAllFor([0], alice.address, bob.address, o), by: farm, error: "EnforcedPause", args: [] },
    ]);
    const { afterOwn, afterFor, forTx } = await sideBySide(
      w, S + 8n,
      () => as(farm, alice).withdraw(0, E15),
      () => as(farm, bob).withdrawFor(0, E15, alice.address, carol.address),
    );
    expect(afterFor).to.deep.equal(await moved(afterOwn, usdcWeth, alice.address, carol.address, E15));
    await expect(forTx).to.emit(farm, "RewardDeferred").withArgs(alice.address, 0n, rwd("20"));
    expect(await farm.pendingReward(0, alice.address)).to.equal(rwd("20"));
  });
});

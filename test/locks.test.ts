/**
 * Time-locked stakes (issue 14), checked to the wei against hand-worked numbers.
 *
 * Conventions, as in rewards.test.ts:
 * - S is the farm's startBlock; emission is for blocks b > S. A transaction in block b first settles
 *   block b under the old weights; new weights count from block b + 1.
 * - The lock farm emits 10 RWD per block; its pool 0 (USDC/WETH) has all of it unless a test adds
 *   another. Epochs are 10 blocks: a lock's end is rounded up to a multiple of 10.
 * - Tiers: 0 = 20 blocks at 2x, 1 = 40 blocks at 3x. Early exit: 20% to Carol.
 * - Weights are chosen so that every share of 10 RWD divides exactly (totals of 1, 2, 4, 5 or 10
 *   e15): expected values are exact, no rounding involved (the campaign covers rounding).
 * - A lock ending at E earns boosted for blocks up to and including E, and 1x after.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { type Contract, MaxUint256, parseEther as rwd } from "ethers";
import { network } from "hardhat";

import { predictFarmAddress } from "../deploy/farm.js";
import { signPairPermit } from "../fixtures/permit.js";
import { buildLockWorld, E15, endOf, EPOCH, type LockWorld, PENALTY_BPS, pending } from "./helpers/lock-world.js";
import { farmState, refusedAndMined } from "./helpers/farm-state.js";
import { as, at, inOneBlock, latestBlock, mintsIn, viewAt } from "./helpers/scenario.js";

const { ethers, networkHelpers } = await network.create();

/** The shared lock world (test/helpers/lock-world.ts), a fixture of this file's network. */
async function lockWorld(): Promise<LockWorld> {
  return buildLockWorld(ethers);
}

async function lockOf(farm: Contract, who: HardhatEthersSigner, pid = 0) {
  const [amount, boostBps, startBlock, endBlock, penaltyBps, penaltyRecipient] = (await farm.lockInfo(pid, who.address)) as [
    bigint, bigint, bigint, bigint, bigint, string,
  ];
  return { amount, boostBps, startBlock, endBlock, penaltyBps, penaltyRecipient };
}

/** The lock terms version a staker who just read the farm names. */
async function terms(farm: Contract): Promise<bigint> {
  return (await farm.lockTermsVersion()) as bigint;
}

/** RWD in tenths: `tenths(75n)` is 7.5 RWD. */
function tenths(n: bigint): bigint {
  return n * rwd("0.1");
}

describe("Locks: boosts that end exactly on time", function () {
  it("an expired boost never earns after its end, with nobody acting at the end (Merit Circle #108)", async function () {
    const { lockFarm: farm, lockToken, alice, bob, S } = await networkHelpers.loadFixture(lockWorld);
    await at(ethers, S - 5n, async () => as(farm, alice).lock(0, E15, 1, await terms(farm))); // 3x: weight 3e15
    await at(ethers, S - 4n, () => as(farm, bob).deposit(0, E15));
    const E = endOf(S - 5n, 1);
    expect((await lockOf(farm, alice)).endBlock).to.equal(E);
    expect(E % EPOCH).to.equal(0n);

    // Blocks S+1..E: 4e15 weight, Alice 7.5 and Bob 2.5 per block; from E+1: 1e15 each, 5 and 5.
    const boosted = E - S;
    await viewAt(ethers, E + 7n);
    expect(await pending(farm, alice)).to.equal(tenths(75n) * boosted + rwd("5") * 7n);
    expect(await pending(farm, bob)).to.equal(tenths(25n) * boosted + rwd("5") * 7n);
    // The view of the weights already counts the ended boost out, before anything touched the pool.
    expect([...(await farm.poolShares(0))]).to.deep.equal([2n * E15, 0n, 0n]);

    const [aliceTx, bobTx] = await inOneBlock(ethers, E + 8n, [() => as(farm, alice).harvest(0), () => as(farm, bob).harvest(0)]);
    expect(await mintsIn(lockToken, aliceTx)).to.deep.equal([[alice.address, tenths(75n) * boosted + rwd("5") * 8n]]);
    expect(await mintsIn(lockToken, bobTx)).to.deep.equal([[bob.address, tenths(25n) * boosted + rwd("5") * 8n]]);
    await expect(aliceTx).to.emit(farm, "Unlocked").withArgs(alice.address, 0n, E15);
    // The ended lock joined Alice's stake: 1e15 unlocked, no lock, the pool's weight is its LP.
    expect((await farm.userInfo(0, alice.address))[0]).to.equal(E15);
    expect((await lockOf(farm, alice)).amount).to.equal(0n);
    expect([...(await farm.poolShares(0))]).to.deep.equal([2n * E15, 0n, 0n]);
    expect((await farm.poolInfo(0)).totalStaked).to.equal(2n * E15);
  });

  it("a lock ending in the block of an action earns boosted for that block, and 1x from the next", async function () {
    const { lockFarm: farm, lockToken, alice, bob, S } = await networkHelpers.loadFixture(lockWorld);
    await at(ethers, S - 5n, async () => as(farm, alice).lock(0, E15, 1, await terms(farm)));
    await at(ethers, S - 4n, () => as(farm, bob).deposit(0, E15));
    const E = endOf(S - 5n, 1);
    // Bob's harvest in block E passes the boundary: block E is still boosted.
    const atEnd = await at(ethers, E, () => as(farm, bob).harvest(0));
    expect(await mintsIn(lockToken, atEnd)).to.deep.equal([[bob.address, tenths(25n) * (E - S)]]);
    expect([...(await farm.poolShares(0))]).to.deep.equal([2n * E15, 0n, 0n]);
    await viewAt(ethers, E + 6n);
    expect(await pending(farm, alice)).to.equal(tenths(75n) * (E - S) + rwd("5") * 6n);
    expect(await pending(farm, bob)).to.equal(rwd("5") * 6n);
  });

  it("many locks ending at one boundary stop together, and the unlocked staker gets its right share from the next block", async function () {
    const { lockFarm: farm, alice, bob, carol, mallory, S } = await networkHelpers.loadFixture(lockWorld);
    // Three blocks whose 3x locks round up to the same end.
    let first = S - 18n;
    while ((first + 40n) % EPOCH !== 1n) first++;
    const E = endOf(first, 1);
    expect(endOf(first + 2n, 1)).to.equal(E);
    await at(ethers, first, async () => as(farm, alice).lock(0, E15, 1, await terms(farm)));
    await at(ethers, first + 1n, async () => as(farm, bob).lock(0, E15, 1, await terms(farm)));
    await at(ethers, first + 2n, async () => as(farm, carol).lock(0, E15, 1, await terms(farm)));
    await at(ethers, first + 3n, () => as(farm, mallory).deposit(0, E15));
    expect(first + 3n).to.be.lessThan(S);
    expect([...(await farm.poolShares(0))]).to.deep.equal([10n * E15, 6n * E15, 0n]);

    // Blocks S+1..E: 10e15, each locker 3 RWD, Mallory 1. From E+1: 4e15, 2.5 each.
    await viewAt(ethers, E + 4n);
    for (const locker of [alice, bob, carol]) expect(await pending(farm, locker)).to.equal(rwd("3") * (E - S) + tenths(25n) * 4n);
    expect(await pending(farm, mallory)).to.equal(rwd("1") * (E - S) + tenths(25n) * 4n);
  });

  it("a pool nobody touches across several ends shares each stretch by the weights in force then", async function () {
    const { lockFarm: farm, lockToken, alice, bob, S } = await networkHelpers.loadFixture(lockWorld);
    await at(ethers, S - 6n, async () => as(farm, alice).lock(0, E15, 0, await terms(farm))); // 2x until E1
    await at(ethers, S - 5n, async () => as(farm, bob).lock(0, E15, 1, await terms(farm))); // 3x until E2
    const [E1, E2] = [endOf(S - 6n, 0), endOf(S - 5n, 1)];
    expect(E1).to.be.lessThan(E2);
    // S+1..E1: 5e15 (Alice 4, Bob 6); E1+1..E2: 4e15 (2.5, 7.5); after E2: 2e15 (5, 5).
    const aliceUpToE2 = rwd("4") * (E1 - S) + tenths(25n) * (E2 - E1);
    const bobUpToE2 = rwd("6") * (E1 - S) + tenths(75n) * (E2 - E1);
    await viewAt(ethers, E2 + 30n);
    expect(await pending(farm, alice)).to.equal(aliceUpToE2 + rwd("5") * 30n);
    expect(await pending(farm, bob)).to.equal(bobUpToE2 + rwd("5") * 30n);
    const [a, b] = await inOneBlock(ethers, E2 + 31n, [() => as(farm, alice).harvest(0), () => as(farm, bob).harvest(0)]);
    expect(await mintsIn(lockToken, a)).to.deep.equal([[alice.address, aliceUpToE2 + rwd("5") * 31n]]);
    expect(await mintsIn(lockToken, b)).to.deep.equal([[bob.address, bobUpToE2 + rwd("5") * 31n]]);
  });

  it("emergency unlock ends every boost in the pool at its block, the LP leaves without penalty, and the owner receives nothing", async function () {
    const { lockFarm: farm, lockToken, owner, alice, bob, carol, usdcWeth, S } = await networkHelpers.loadFixture(lockWorld);
    await at(ethers, S - 5n, async () => as(farm, alice).lock(0, E15, 1, await terms(farm)));
    await at(ethers, S - 4n, () => as(farm, bob).deposit(0, E15));
    const ownerLp = (await usdcWeth.balanceOf(owner.address)) as bigint;
    const U = S + 10n;
    await expect(at(ethers, U, () => as(farm, owner).emergencyUnlock(0))).to.emit(farm, "EmergencyUnlocked").withArgs(0n);
    expect((await lockOf(farm, alice)).endBlock).to.equal(U);
    expect([...(await farm.poolShares(0))]).to.deep.equal([2n * E15, 0n, U]);
    expect(await farm.earlyExitPenaltyOf(0, alice.address)).to.equal(0n);

    await viewAt(ethers, U + 5n);
    expect(await pending(farm, alice)).to.equal(tenths(75n) * 10n + rwd("5") * 5n);
    // All of Alice's LP leaves by a plain withdrawal; Carol (the penalty recipient) gets nothing.
    const carolLp = (await usdcWeth.balanceOf(carol.address)) as bigint;
    const tx = await at(ethers, U + 6n, () => as(farm, alice).withdraw(0, E15));
    await expect(tx).to.changeTokenBalance(ethers, usdcWeth, alice, E15);
    expect(await mintsIn(lockToken, tx)).to.deep.equal([[alice.address, tenths(75n) * 10n + rwd("5") * 6n]]);
    expect(await usdcWeth.balanceOf(carol.address)).to.equal(carolLp);
    expect(await usdcWeth.balanceOf(owner.address)).to.equal(ownerLp);

    // Irreversible, and the pool takes no more locks.
    const read = () => farmState(farm, { pids: [0], accounts: [alice.address, bob.address], tokens: [usdcWeth] });
    await refusedAndMined(ethers, read, [
      { send: (o) => as(farm, owner).emergencyUnlock(0, o), by: farm, error: "PoolEmergencyUnlocked", args: [0n] },
      { send: async (o) => as(farm, bob).lock(0, E15, 1, await terms(farm), o), by: farm, error: "PoolEmergencyUnlocked", args: [0n] },
      { send: (o) => as(farm, bob).emergencyUnlock(0, o), by: farm, error: "OwnableUnauthorizedAccount", args: [bob.address] },
    ]);
  });
});

describe("Locks: top-ups, extensions and early exits", function () {
  it("an extension pays what was earned, never lowers it, and re-prices the boost from the next block (Merit Circle #109)", async function () {
    const { lockFarm: farm, lockToken, alice, bob, usdcWeth, S } = await networkHelpers.loadFixture(lockWorld);
    await at(ethers, S - 5n, async () => as(farm, alice).lock(0, E15, 0, await terms(farm))); // 2x
    await at(ethers, S - 4n, () => as(farm, bob).deposit(0, 2n * E15));
    // S+1..X: 4e15, 5 RWD each. Extending to tier 1 in X = S+6 pays Alice her 30, then 3e15 + 2e15:
    // Alice 6, Bob 4 per block.
    const X = S + 6n;
    await viewAt(ethers, X - 1n);
    const before = await pending(farm, alice);
    expect(before).to.equal(rwd("5") * 5n);
    const tx = await at(ethers, X, async () => as(farm, alice).lock(0, 0, 1, await terms(farm)));
    expect(await mintsIn(lockToken, tx)).to.deep.equal([[alice.address, rwd("5") * 6n]]);
    await expect(tx).to.emit(farm, "Locked").withArgs(alice.address, 0n, 0n, E15, 30_000n, endOf(X, 1), PENALTY_BPS, (await lockOf(farm, alice)).penaltyRecipient);
    expect(await lockOf(farm, alice)).to.deep.include({ amount: E15, boostBps: 30_000n, startBlock: X, endBlock: endOf(X, 1) });
    await viewAt(ethers, X + 4n);
    expect(await pending(farm, alice)).to.equal(rwd("6") * 4n);
    expect(await pending(farm, bob)).to.equal(rwd("5") * 6n + rwd("4") * 4n);

    // A tier that would end it earlier is refused, and changes nothing.
    const read = () => farmState(farm, { pids: [0], accounts: [alice.address, bob.address], tokens: [usdcWeth] });
    const shorter = endOf((await latestBlock(ethers)) + 1n, 0);
    await refusedAndMined(ethers, read, [
      { send: async (o) => as(farm, alice).lock(0, 0, 0, await terms(farm), o), by: farm, error: "LockShortened", args: [shorter, endOf(X, 1)] },
    ]);
  });

  it("a top-up joins the lock, which restarts whole for the tier chosen, from the caller's wallet", async function () {
    const { lockFarm: farm, alice, usdcWeth, S } = await networkHelpers.loadFixture(lockWorld);
    await at(ethers, S - 5n, async () => as(farm, alice).lock(0, E15, 0, await terms(farm)));
    const T = S + 3n;
    const tx = await at(ethers, T, async () => as(farm, alice).lock(0, 3n * E15, 1, await terms(farm)));
    await expect(tx).to.changeTokenBalance(ethers, usdcWeth, alice, -3n * E15);
    expect(await lockOf(farm, alice)).to.deep.include({ amount: 4n * E15, boostBps: 30_000n, startBlock: T, endBlock: endOf(T, 1) });
    expect([...(await farm.poolShares(0))]).to.deep.equal([12n * E15, 8n * E15, 0n]);
    expect((await farm.userInfo(0, alice.address))[0]).to.equal(4n * E15);
    expect((await farm.poolInfo(0)).totalStaked).to.equal(4n * E15);
  });

  it("an early exit pays the penalty fixed at lock time to its recipient, in LP and rounded up, and pays the reward earned", async function () {
    const { lockFarm: farm, lockToken, owner, alice, bob, carol, usdcWeth, S } = await networkHelpers.loadFixture(lockWorld);
    const L = S - 5n;
    await at(ethers, L, async () => as(farm, alice).lock(0, E15 + 7n, 1, await terms(farm)));
    await at(ethers, S - 4n, () => as(farm, bob).deposit(0, E15));
    const E = endOf(L, 1);
    // Later terms never touch Alice's lock: 50% to Bob, and other tiers.
    await (await as(farm, owner).setEarlyExitPenalty(5_000n, bob.address)).wait();
    await (await as(farm, owner).setLockTiers([5n], [10_000n])).wait();
    expect(await lockOf(farm, alice)).to.deep.include({ boostBps: 30_000n, penaltyBps: PENALTY_BPS, penaltyRecipient: carol.address });

    const X = S + 8n;
    const numerator = (E15 + 7n) * PENALTY_BPS * (E - X);
    const denominator = 10_000n * (E - L);
    const penalty = (numerator + denominator - 1n) / denominator;
    expect(numerator % denominator, "the example must round").to.not.equal(0n);
    await viewAt(ethers, X - 1n);
    const carolBefore = (await usdcWeth.balanceOf(carol.address)) as bigint;
    const tx = await at(ethers, X, () => as(farm, alice).exitLock(0));
    await expect(tx).to.emit(farm, "LockExited").withArgs(alice.address, 0n, E15 + 7n - penalty, penalty, carol.address);
    await expect(tx).to.changeTokenBalance(ethers, usdcWeth, alice, E15 + 7n - penalty);
    expect((await usdcWeth.balanceOf(carol.address)) - carolBefore).to.equal(penalty);
    // The reward is untouched by the penalty. Weights 3e15 + 21 and 1e15 do not divide 10 RWD
    // exactly: the farm pays the exact share rounded down, less at most 2 wei (README, Precision).
    const exact = (rwd("10") * (X - S) * (3n * E15 + 21n)) / (4n * E15 + 21n);
    const minted = (await mintsIn(lockToken, tx))[0][1];
    expect(minted - exact).to.be.within(-2n, 0n);
    expect([...(await farm.poolShares(0))]).to.deep.equal([E15, 0n, 0n]);
    expect((await farm.userInfo(0, alice.address))[0]).to.equal(0n);
  });

  it("refuses bad lock input with named errors and changes nothing", async function () {
    const { lockFarm: farm, owner, alice, bob, usdcWeth, S } = await networkHelpers.loadFixture(lockWorld);
    await at(ethers, S - 5n, async () => as(farm, alice).lock(0, E15, 0, await terms(farm)));
    const E = endOf(S - 5n, 0);
    const read = () => farmState(farm, { pids: [0], accounts: [alice.address, bob.address], tokens: [usdcWeth] });
    await refusedAndMined(ethers, read, [
      { send: async (o) => as(farm, bob).lock(0, E15, 2, await terms(farm), o), by: farm, error: "UnknownTier", args: [2n, 2n] },
      { send: async (o) => as(farm, bob).lock(0, 0, 0, await terms(farm), o), by: farm, error: "ZeroAmount", args: [] },
      { send: async (o) => as(farm, bob).lock(5, E15, 0, await terms(farm), o), by: farm, error: "PoolNotFound", args: [5n, 1n] },
      { send: (o) => as(farm, bob).exitLock(0, o), by: farm, error: "NotLocked", args: [0n, bob.address] },
      { send: (o) => as(farm, owner).setLockTiers([10n], [], o), by: farm, error: "LockTiersMismatch", args: [1n, 0n] },
      { send: (o) => as(farm, owner).setLockTiers(Array(9).fill(1n).map((_, i) => BigInt(i + 1)), Array(9).fill(10_000n), o), by: farm, error: "TooManyLockTiers", args: [9n, 8n] },
      { send: (o) => as(farm, owner).setLockTiers([0n], [10_000n], o), by: farm, error: "LockDurationInvalid", args: [0n, 0n] },
      { send: (o) => as(farm, owner).setLockTiers([10n, 10n], [10_000n, 10_000n], o), by: farm, error: "LockDurationInvalid", args: [1n, 10n] },
      { send: (o) => as(farm, owner).setLockTiers([365n * EPOCH + 1n], [10_000n], o), by: farm, error: "LockDurationInvalid", args: [0n, 365n * EPOCH + 1n] },
      { send: (o) => as(farm, owner).setLockTiers([10n], [9_999n], o), by: farm, error: "BoostInvalid", args: [0n, 9_999n] },
      { send: (o) => as(farm, owner).setLockTiers([10n], [30_001n], o), by: farm, error: "BoostInvalid", args: [0n, 30_001n] },
      { send: (o) => as(farm, owner).setLockTiers([10n, 20n], [20_000n, 15_000n], o), by: farm, error: "BoostInvalid", args: [1n, 15_000n] },
      { send: (o) => as(farm, owner).setEarlyExitPenalty(5_001n, bob.address, o), by: farm, error: "PenaltyTooLarge", args: [5_001n, 5_000n] },
      { send: (o) => as(farm, owner).setEarlyExitPenalty(100n, ethers.ZeroAddress, o), by: farm, error: "ZeroRecipient", args: [] },
      { send: async (o) => as(farm, owner).setEarlyExitPenalty(100n, await farm.getAddress(), o), by: farm, error: "FarmAsRecipient", args: [] },
      { send: (o) => as(farm, bob).setLockTiers([10n], [10_000n], o), by: farm, error: "OwnableUnauthorizedAccount", args: [bob.address] },
      { send: (o) => as(farm, bob).setEarlyExitPenalty(0n, bob.address, o), by: farm, error: "OwnableUnauthorizedAccount", args: [bob.address] },
    ]);
    // An ended lock is no early exit: the refusal also leaves it unjoined.
    await viewAt(ethers, E + 1n);
    await refusedAndMined(ethers, read, [
      { send: (o) => as(farm, alice).exitLock(0, o), by: farm, error: "NotLocked", args: [0n, alice.address] },
    ]);
  });

  it("refuses an epoch length of 0 or above 2^32 - 1 at deployment", async function () {
    const { owner } = await networkHelpers.loadFixture(lockWorld);
    for (const epochBlocks of [0n, 2n ** 32n]) {
      const predictedFarm = await predictFarmAddress(owner);
      const token = await ethers.deployContract("RewardToken", ["R", "R", 18, rwd("1"), predictedFarm, owner.address, 0n], owner);
      await expect(ethers.deployContract("Farm", [await token.getAddress(), 1n, 0n, owner.address, epochBlocks], owner))
        .to.be.revertedWithCustomError(await ethers.getContractFactory("Farm"), "EpochBlocksOutOfRange")
        .withArgs(epochBlocks, 2n ** 32n - 1n);
    }
  });
});

describe("Locks: exits stay open", function () {
  it("emergencyWithdraw returns the unlocked stake but never a running lock, and an ended lock's LP too", async function () {
    const { lockFarm: farm, alice, bob, usdcWeth, S } = await networkHelpers.loadFixture(lockWorld);
    await at(ethers, S - 5n, async () => as(farm, alice).lock(0, 2n * E15, 1, await terms(farm)));
    await at(ethers, S - 4n, () => as(farm, alice).deposit(0, E15));
    await at(ethers, S - 3n, () => as(farm, bob).deposit(0, E15));
    const E = endOf(S - 5n, 1);
    await expect(at(ethers, S + 3n, () => as(farm, alice).emergencyWithdraw(0)))
      .to.emit(farm, "EmergencyWithdraw").withArgs(alice.address, 0n, E15);
    expect(await lockOf(farm, alice)).to.deep.include({ amount: 2n * E15, endBlock: E });
    expect([...(await farm.poolShares(0))]).to.deep.equal([7n * E15, 4n * E15, 0n]);

    // Past its end, before anything brought the pool past it: the lock leaves with its boosted
    // weight, and the boundary no longer expects it.
    await viewAt(ethers, E + 2n);
    const tx = as(farm, alice).emergencyWithdraw(0);
    await expect(tx).to.emit(farm, "EmergencyWithdraw").withArgs(alice.address, 0n, 2n * E15);
    await expect(tx).to.changeTokenBalance(ethers, usdcWeth, alice, 2n * E15);
    expect([...(await farm.poolShares(0))]).to.deep.equal([E15, 0n, 0n]);
    expect((await lockOf(farm, alice)).amount).to.equal(0n);
    // Bob, alone now, is paid every block of the pool from here on.
    const before = await pending(farm, bob);
    await networkHelpers.mine(3);
    expect((await pending(farm, bob)) - before).to.equal(rwd("30"));
  });

  it("while paused: no new lock; an early exit still works and keeps the reward, as withdraw does", async function () {
    const { lockFarm: farm, owner, alice, bob, usdcWeth, S } = await networkHelpers.loadFixture(lockWorld);
    await at(ethers, S - 5n, async () => as(farm, alice).lock(0, E15, 1, await terms(farm)));
    await at(ethers, S - 4n, () => as(farm, bob).deposit(0, E15));
    await at(ethers, S + 4n, () => as(farm, owner).pause());
    const read = () => farmState(farm, { pids: [0], accounts: [alice.address, bob.address], tokens: [usdcWeth] });
    await refusedAndMined(ethers, read, [
      { send: async (o) => as(farm, bob).lock(0, E15, 0, await terms(farm), o), by: farm, error: "EnforcedPause", args: [] },
    ]);
    const X = (await latestBlock(ethers)) + 1n;
    const tx = await at(ethers, X, () => as(farm, alice).exitLock(0));
    const kept = tenths(75n) * (X - S);
    await expect(tx).to.emit(farm, "RewardDeferred").withArgs(alice.address, 0n, kept);
    expect(await pending(farm, alice)).to.equal(kept);
    expect((await lockOf(farm, alice)).amount).to.equal(0n);
  });

  it("a withdrawal while paused reports the lock's reward it keeps with the stake's: what pendingReward shows after", async function () {
    const { lockFarm: farm, owner, alice, bob, S } = await networkHelpers.loadFixture(lockWorld);
    await at(ethers, S - 5n, async () => as(farm, alice).lock(0, E15, 1, await terms(farm)));
    await at(ethers, S - 4n, () => as(farm, alice).deposit(0, E15)); // 3e15 + 1e15: Alice is all the pool
    await at(ethers, S + 2n, () => as(farm, owner).pause());
    const tx = await at(ethers, S + 5n, () => as(farm, alice).withdraw(0, E15));
    await expect(tx).to.emit(farm, "RewardDeferred").withArgs(alice.address, 0n, rwd("50"));
    expect(await pending(farm, alice)).to.equal(rwd("50"));
    void bob;
  });

  it("depositFor adds unlocked LP for someone else and never touches its lock", async function () {
    const { lockFarm: farm, alice, bob, S } = await networkHelpers.loadFixture(lockWorld);
    await at(ethers, S - 5n, async () => as(farm, alice).lock(0, E15, 1, await terms(farm)));
    const lockBefore = await lockOf(farm, alice);
    await at(ethers, S - 4n, () => as(farm, bob).depositFor(0, E15, alice.address));
    expect(await lockOf(farm, alice)).to.deep.equal(lockBefore);
    expect((await farm.userInfo(0, alice.address))[0]).to.equal(2n * E15);
    expect([...(await farm.poolShares(0))]).to.deep.equal([4n * E15, 2n * E15, 0n]);
  });
});

describe("Locks: with the rest of the farm", function () {
  it("lockWithPermit locks in one transaction, and harvestAll pays every pool's lock with the rest", async function () {
    const { lockFarm: farm, lockToken, owner, alice, bob, daiWeth, usdcWeth, S } = await networkHelpers.loadFixture(lockWorld);
    await (await as(usdcWeth, alice).approve(await farm.getAddress(), 0n)).wait();
    await (await as(farm, owner).add(100, await daiWeth.getAddress())).wait(); // 5 RWD per pool per block
    const deadline = (await networkHelpers.time.latest()) + 3_600;
    const { v, r, s } = await signPairPermit(ethers, alice, usdcWeth, { spender: await farm.getAddress(), value: E15, deadline: BigInt(deadline) });
    await at(ethers, S - 5n, async () => as(farm, alice).lockWithPermit(0, E15, 1, await terms(farm), deadline, v, r, s));
    await at(ethers, S - 4n, () => as(farm, bob).deposit(0, E15));
    await at(ethers, S - 3n, async () => as(farm, alice).lock(1, E15, 0, await terms(farm)));
    await at(ethers, S - 2n, () => as(farm, bob).deposit(1, E15));
    // Pool 0: 3e15 + 1e15 -> Alice 3.75 per block; pool 1: 2e15 + 1e15 does not divide 5 RWD, so
    // compare with the farm's view in the block before plus one block.
    await viewAt(ethers, S + 9n);
    const pool1 = await pending(farm, alice, 1);
    const tx = await at(ethers, S + 10n, () => as(farm, alice).harvestAll([0, 1]));
    const [[, paid]] = await mintsIn(lockToken, tx);
    const pool1Block = (rwd("5") * 2n) / 3n;
    expect(paid - (rwd("3.75") * 10n + pool1 + pool1Block)).to.be.within(-2n, 0n);
    expect(await pending(farm, alice, 0)).to.equal(0n);
  });

  it("credits a fee-on-transfer LP's lock with what arrived", async function () {
    const { lockFarm: farm, owner, alice } = await networkHelpers.loadFixture(lockWorld);
    const fot = await ethers.deployContract("FeeOnTransferToken", [2000], owner);
    await (await as(farm, owner).add(100, await fot.getAddress())).wait();
    await (await fot.mint(alice.address, rwd("1000"))).wait();
    await (await as(fot, alice).approve(await farm.getAddress(), MaxUint256)).wait();
    const tx = as(farm, alice).lock(1, rwd("1000"), 0, await terms(farm));
    await expect(tx).to.emit(farm, "Locked");
    expect((await lockOf(farm, alice, 1)).amount).to.equal(rwd("800"));
    expect([...(await farm.poolShares(1))]).to.deep.equal([rwd("1600"), rwd("800"), 0n]);
  });
});

describe("Locks: edges", function () {
  it("lockEnd shows, before locking, the end a lock made in the next block gets", async function () {
    const { lockFarm: farm, alice, S } = await networkHelpers.loadFixture(lockWorld);
    await viewAt(ethers, S - 6n);
    // The view runs in the latest block; the lock lands in the next one, same epoch unless the
    // raw end sits on a boundary.
    const shown = (await farm.lockEnd(1)) as bigint;
    expect(shown).to.equal(endOf(S - 6n, 1));
    await at(ethers, S - 5n, async () => as(farm, alice).lock(0, E15, 1, await terms(farm)));
    expect((await lockOf(farm, alice)).endBlock).to.equal(endOf(S - 5n, 1));
  });

  it("a lock that ends before emission starts earns nothing, and a 1x lock leaves no weight behind", async function () {
    const { lockFarm: farm, lockToken, owner, alice, bob, S } = await networkHelpers.loadFixture(lockWorld);
    await (await as(farm, owner).setLockTiers([2n, 3n], [10_000n, 20_000n])).wait();
    const L = S - 19n;
    await at(ethers, L, async () => as(farm, alice).lock(0, E15, 1, await terms(farm)));
    const E = ((L + 3n + EPOCH - 1n) / EPOCH) * EPOCH;
    expect((await lockOf(farm, alice)).endBlock).to.equal(E);
    expect(E + 5n).to.be.lessThanOrEqual(S);
    await at(ethers, E + 1n, async () => as(farm, bob).lock(0, E15, 0, await terms(farm))); // 1x
    await viewAt(ethers, E + 3n);
    expect(await pending(farm, alice)).to.equal(0n);
    const tx = await at(ethers, E + 4n, () => as(farm, alice).harvest(0));
    expect(await mintsIn(lockToken, tx)).to.deep.equal([]);
    // Bob's 1x lock adds no weight; leaving it early takes out exactly its LP.
    expect([...(await farm.poolShares(0))]).to.deep.equal([2n * E15, 0n, 0n]);
    await at(ethers, E + 5n, () => as(farm, bob).exitLock(0));
    expect([...(await farm.poolShares(0))]).to.deep.equal([E15, 0n, 0n]);
  });

  it("an early exit with a 0% penalty sends nothing to the recipient; while paused with nothing earned it reports nothing kept", async function () {
    const { lockFarm: farm, owner, alice, carol, usdcWeth, S } = await networkHelpers.loadFixture(lockWorld);
    await (await as(farm, owner).setEarlyExitPenalty(0n, carol.address)).wait();
    await at(ethers, S - 10n, async () => as(farm, alice).lock(0, E15, 1, await terms(farm)));
    await at(ethers, S - 9n, () => as(farm, owner).pause());
    const carolBefore = (await usdcWeth.balanceOf(carol.address)) as bigint;
    const tx = at(ethers, S - 8n, () => as(farm, alice).exitLock(0));
    await expect(tx).to.not.emit(farm, "RewardDeferred");
    await expect(tx).to.emit(farm, "LockExited").withArgs(alice.address, 0n, E15, 0n, carol.address);
    expect(await usdcWeth.balanceOf(carol.address)).to.equal(carolBefore);
  });

  it("a lock that ended before the pool's emergency unlock keeps its own end", async function () {
    const { lockFarm: farm, owner, alice, bob, S } = await networkHelpers.loadFixture(lockWorld);
    await at(ethers, S - 5n, async () => as(farm, alice).lock(0, E15, 0, await terms(farm)));
    await at(ethers, S - 4n, async () => as(farm, bob).lock(0, E15, 1, await terms(farm)));
    const [Ea, Eb] = [endOf(S - 5n, 0), endOf(S - 4n, 1)];
    const U = Ea + 3n;
    expect(U).to.be.lessThan(Eb);
    await at(ethers, U, () => as(farm, owner).emergencyUnlock(0));
    expect((await lockOf(farm, alice)).endBlock).to.equal(Ea);
    expect((await lockOf(farm, bob)).endBlock).to.equal(U);
    // S+1..Ea: 2e15 + 3e15 (Alice 4, Bob 6); Ea+1..U: 1e15 + 3e15 (2.5, 7.5); after U: 5 and 5.
    await viewAt(ethers, U + 2n);
    expect(await pending(farm, alice)).to.equal(rwd("4") * (Ea - S) + tenths(25n) * 3n + rwd("5") * 2n);
    expect(await pending(farm, bob)).to.equal(rwd("6") * (Ea - S) + tenths(75n) * 3n + rwd("5") * 2n);
  });

  it("an end passed while no pool had allocation: the boost stops there all the same, and the idle blocks pay nothing", async function () {
    const { lockFarm: farm, lockToken, owner, alice, bob, S } = await networkHelpers.loadFixture(lockWorld);
    await at(ethers, S - 5n, async () => as(farm, alice).lock(0, E15, 1, await terms(farm)));
    await at(ethers, S - 4n, () => as(farm, bob).deposit(0, E15));
    const E = endOf(S - 5n, 1);
    const idleFrom = S + 4n;
    await at(ethers, idleFrom, () => as(farm, owner).set(0, 0));
    // While idle the view already knows the end is past: nothing more accrues either way.
    await viewAt(ethers, E + 3n);
    expect(await pending(farm, alice)).to.equal(tenths(75n) * 4n);
    const back = E + 6n;
    await at(ethers, back, () => as(farm, owner).set(0, 100));
    // From back + 1: 1e15 each, 5 and 5.
    await viewAt(ethers, back + 4n);
    expect(await pending(farm, alice)).to.equal(tenths(75n) * 4n + rwd("5") * 4n);
    expect(await pending(farm, bob)).to.equal(tenths(25n) * 4n + rwd("5") * 4n);
    const tx = await at(ethers, back + 5n, () => as(farm, alice).harvest(0));
    expect(await mintsIn(lockToken, tx)).to.deep.equal([[alice.address, tenths(75n) * 4n + rwd("5") * 5n]]);
  });

  it("refuses a lock whose weight would take the pool above the largest total stake", async function () {
    const { lockFarm: farm, owner, alice } = await networkHelpers.loadFixture(lockWorld);
    const huge = await ethers.deployContract("TestERC20", ["Huge", "HUGE", 18], owner);
    await (await as(farm, owner).add(100, await huge.getAddress())).wait();
    const amount = 2n ** 111n;
    await (await huge.mint(alice.address, amount)).wait();
    await (await as(huge, alice).approve(await farm.getAddress(), MaxUint256)).wait();
    const read = () => farmState(farm, { pids: [1], accounts: [alice.address], tokens: [huge] });
    await refusedAndMined(ethers, read, [
      { send: async (o) => as(farm, alice).lock(1, amount, 1, await terms(farm), o), by: farm, error: "PoolStakeTooLarge", args: [1n, 3n * amount, 2n ** 112n - 1n] },
    ]);
  });
});

describe("Locks: the longest tier", function () {
  it("is 365 epochs: every update then passes at most 366 ends, however long a pool was left alone", async function () {
    const { lockFarm: farm, owner } = await networkHelpers.loadFixture(lockWorld);
    await (await as(farm, owner).setLockTiers([365n * EPOCH], [30_000n])).wait();
    expect((await farm.lockTiers()).map((list: bigint[]) => [...list])).to.deep.equal([[365n * EPOCH], [30_000n]]);
    expect(await farm.MAX_LOCK_EPOCHS()).to.equal(365n);
  });
});

describe("Locks: what a staker was shown is what it gets", function () {
  it("a lock naming terms the owner changed since it read them is refused, and changes nothing", async function () {
    const { lockFarm: farm, owner, alice, usdcWeth } = await networkHelpers.loadFixture(lockWorld);
    // Alice read tier 0 = 20 blocks at 2x and 20% to Carol; then the owner changed both.
    const seen = await terms(farm);
    await (await as(farm, owner).setLockTiers([365n * EPOCH], [10_000n])).wait();
    await (await as(farm, owner).setEarlyExitPenalty(5_000n, owner.address)).wait();
    const read = () => farmState(farm, { pids: [0], accounts: [alice.address], tokens: [usdcWeth] });
    await refusedAndMined(ethers, read, [
      { send: (o) => as(farm, alice).lock(0, E15, 0, seen, o), by: farm, error: "LockTermsChanged", args: [seen, seen + 2n] },
    ]);
    await as(farm, alice).lock(0, E15, 0, seen + 2n);
    expect(await lockOf(farm, alice)).to.deep.include({ boostBps: 10_000n, penaltyBps: 5_000n, penaltyRecipient: owner.address });
  });
});

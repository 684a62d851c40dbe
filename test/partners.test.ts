/**
 * Partner rewards (IPartnerRewarder): sponsors' streams paid pro rata to the farm's weights.
 *
 * The lock world (helpers/lock-world.ts: 10-block epochs, tier 1 = 40 blocks at 3x) with a second
 * pool, DAI/WETH. Every expected amount is worked out by hand below, block by block, from the
 * rules in IPartnerRewarder's NatSpec: the streams are chosen so that every share divides exactly.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { type Contract, type ContractTransactionResponse, MaxUint256, parseEther } from "ethers";
import { network } from "hardhat";

import { E15, EPOCH } from "./helpers/lock-world.js";
import { buildPartnerWorld, type PartnerWorld } from "./helpers/partner-world.js";
import { refusedAndMined } from "./helpers/farm-state.js";
import { as, at, inOneBlock, latestBlock, viewAt } from "./helpers/scenario.js";

const { ethers, networkHelpers } = await network.create();

const P = (n: number | string | bigint) => parseEther(String(n));
const STREAM_BLOCKS = 100n;

async function partnerWorld(): Promise<PartnerWorld> {
  return buildPartnerWorld(ethers);
}

async function balance(token: Contract, who: HardhatEthersSigner | string): Promise<bigint> {
  return (await token.balanceOf(typeof who === "string" ? who : who.address)) as bigint;
}

/** The partner payouts in `tx`: [user, pid, token, amount, to]. */
async function paidIn(rewarder: Contract, tx: ContractTransactionResponse): Promise<unknown[][]> {
  const receipt = await tx.wait();
  return receipt!.logs
    .filter((log) => log.address === rewarder.target)
    .map((log) => rewarder.interface.parseLog(log)!)
    .filter((event) => event.name === "PartnerRewardPaid")
    .map((event) => [...event.args]);
}

/** Whether `tx` moved `token` at all. */
async function touched(token: Contract, tx: ContractTransactionResponse): Promise<boolean> {
  const receipt = await tx.wait();
  return receipt!.logs.some((log) => log.address === token.target);
}

describe("Partner rewards: the farm's rewarder", function () {
  it("is deployed by the farm for good, and only it enables a pool", async function () {
    const { lockFarm: farm, rewarder, partner, owner, mallory } = await networkHelpers.loadFixture(partnerWorld);
    expect(await rewarder.farm()).to.equal(await farm.getAddress());
    expect(await rewarder.MAX_STREAMS()).to.equal(4n);
    expect(await rewarder.isSponsor(0, owner.address)).to.equal(true);
    expect(await rewarder.isSponsor(0, mallory.address)).to.equal(false);
    await refusedAndMined(ethers, async () => [await rewarder.streams(0), await farm.poolInfo(0)], [
      { send: (o) => as(farm, owner).enablePartnerRewards(0, o), by: farm, error: "NotPartnerRewarder", args: [owner.address] },
      { send: (o) => as(rewarder, owner).onAction(0, owner.address, owner.address, o), by: rewarder, error: "NotFarm", args: [owner.address] },
      { send: (o) => as(rewarder, owner).onEmergencyUnlock(0, o), by: rewarder, error: "NotFarm", args: [owner.address] },
      { send: (o) => as(rewarder, mallory).setSponsor(0, mallory.address, true, o), by: rewarder, error: "NotFarmOwner", args: [mallory.address] },
      { send: (o) => as(rewarder, owner).payOut(partner.target, owner.address, 1n, o), by: rewarder, error: "NotSelf", args: [owner.address] },
    ]);
  });
});

describe("Partner rewards: streaming", function () {
  it("pays each block's release pro rata to enrolled weights; what nobody earned goes back to the sponsor", async function () {
    const { lockFarm: farm, rewarder, partner, owner, alice, bob } = await networkHelpers.loadFixture(partnerWorld);
    const pid = 0;
    await (await as(farm, alice).deposit(pid, E15)).wait();
    await (await as(farm, bob).deposit(pid, E15)).wait();
    const F = (await latestBlock(ethers)) + 2n;
    // 1,000 PTN over (F, F+100]: 10 a block.
    await expect(at(ethers, F, () => as(rewarder, owner).fund(pid, partner.target, P(1000), F + STREAM_BLOCKS)))
      .to.emit(rewarder, "StreamFunded").withArgs(pid, partner.target, owner.address, P(1000), P(1000), F + STREAM_BLOCKS)
      .and.to.emit(farm, "PartnerRewardsEnabled").withArgs(pid);
    // Both staked before the stream: they earn nothing until they act in the pool. A harvest does not count.
    await at(ethers, F + 5n, () => as(farm, alice).harvest(pid));
    expect((await rewarder.weights(pid, alice.address))[0]).to.equal(0n);

    // F+10: Alice enrols (blocks F+1..F+10: nobody earning, 100 PTN back to the sponsor later).
    await at(ethers, F + 10n, () => as(farm, alice).deposit(pid, 0));
    expect([...(await rewarder.weights(pid, alice.address))]).to.deep.equal([E15, E15]);
    // F+20: Bob enrols; Alice alone earned F+11..F+20: 100.
    await at(ethers, F + 20n, () => as(farm, bob).deposit(pid, 0));
    // F+30: Alice harvests 100 + 10 blocks at half: 150.
    const aliceHarvest = await at(ethers, F + 30n, () => as(farm, alice).harvest(pid));
    expect(await paidIn(rewarder, aliceHarvest)).to.deep.equal([[alice.address, 0n, partner.target, P(150), alice.address]]);
    // F+40: Bob withdraws all: 20 blocks at half, 100.
    const bobWithdraw = await at(ethers, F + 40n, () => as(farm, bob).withdraw(pid, E15));
    expect(await paidIn(rewarder, bobWithdraw)).to.deep.equal([[bob.address, 0n, partner.target, P(100), bob.address]]);
    // The view agrees at F+50 before anything happens: 10 blocks at half, 10 whole.
    await viewAt(ethers, F + 50n);
    expect([...(await rewarder.pendingRewards(pid, alice.address))[1]]).to.deep.equal([P(150)]);
    // F+110, after the end: the rest is Alice's, F+41..F+100: 50 + 500.
    const late = await at(ethers, F + 110n, () => as(farm, alice).harvest(pid));
    expect(await paidIn(rewarder, late)).to.deep.equal([[alice.address, 0n, partner.target, P(650), alice.address]]);

    const [stream] = await rewarder.streams(pid);
    expect(stream.remaining).to.equal(0n);
    expect(stream.unclaimedBySponsor).to.equal(P(100));
    // Ended, but its sponsor has not had it all back: nobody else may take it over yet.
    await (await as(rewarder, owner).setSponsor(pid, bob.address, true)).wait();
    await refusedAndMined(ethers, async () => [await rewarder.streams(pid)], [
      { send: (o) => as(rewarder, bob).fund(pid, partner.target, P(1), F + 300n, o), by: rewarder, error: "StreamSponsoredByOther", args: [partner.target, owner.address] },
    ]);
    const ownerBefore = await balance(partner, owner);
    await expect(as(rewarder, owner).reclaim(pid, partner.target))
      .to.emit(rewarder, "StreamReclaimed").withArgs(pid, partner.target, owner.address, P(100));
    expect((await balance(partner, owner)) - ownerBefore).to.equal(P(100));
    // 150 + 100 + 650 + 100 = 1,000: nothing left, nothing short.
    expect(await balance(partner, await rewarder.getAddress())).to.equal(0n);
  });

  it("follows a lock's boost exactly, ending at its end block with nobody acting", async function () {
    const { lockFarm: farm, rewarder, partner, owner, alice, bob } = await networkHelpers.loadFixture(partnerWorld);
    const pid = 0;
    await (await as(farm, alice).deposit(pid, E15)).wait();
    await (await as(farm, bob).deposit(pid, 2n * E15)).wait();
    const F = (await latestBlock(ethers)) + 2n;
    // 3,000 PTN over (F, F+100]: 30 a block. Both enrol in the funding block.
    await inOneBlock(ethers, F, [
      () => as(rewarder, owner).fund(pid, partner.target, P(3000), F + STREAM_BLOCKS),
      () => as(farm, alice).deposit(pid, 0),
      () => as(farm, bob).deposit(pid, 0),
    ]);
    // Alice 1e15 and Bob 2e15: 10 and 20 a block. At L Alice locks 1e15 more at 3x (tier 1):
    // weight 1e15 + 3e15 = 4e15 against Bob's 2e15: 20 and 10 a block, up to the lock's end E.
    const L = F + 10n;
    const E = ((L + 40n + EPOCH - 1n) / EPOCH) * EPOCH;
    const lockTx = await at(ethers, L, async () => as(farm, alice).lock(pid, E15, 1, await farm.lockTermsVersion()));
    expect(await paidIn(rewarder, lockTx)).to.deep.equal([[alice.address, 0n, partner.target, P(100), alice.address]]);
    expect([...(await rewarder.weights(pid, alice.address))]).to.deep.equal([4n * E15, 6n * E15]);
    // After E both weigh 2e15: 15 a block each. The views see it before anyone acts.
    await viewAt(ethers, E + 5n);
    expect([...(await rewarder.weights(pid, alice.address))]).to.deep.equal([2n * E15, 4n * E15]);
    const aliceExpected = 20n * (E - L) + 15n * 5n;
    expect([...(await rewarder.pendingRewards(pid, alice.address))[1]]).to.deep.equal([P(aliceExpected)]);

    const [aliceHarvest, bobHarvest] = await inOneBlock(ethers, E + 10n, [
      () => as(farm, alice).harvest(pid),
      () => as(farm, bob).harvest(pid),
    ]);
    expect(await paidIn(rewarder, aliceHarvest)).to.deep.equal([
      [alice.address, 0n, partner.target, P(20n * (E - L) + 15n * 10n), alice.address],
    ]);
    expect(await paidIn(rewarder, bobHarvest)).to.deep.equal([
      [bob.address, 0n, partner.target, P(20n * (L - F) + 10n * (E - L) + 15n * 10n), bob.address],
    ]);
  });

  it("follows several locks: a running boost, an extension, two ends passed in one catch-up, an unlock after an end", async function () {
    const { lockFarm: farm, rewarder, partner, owner, alice, bob } = await networkHelpers.loadFixture(partnerWorld);
    const pid = 0;
    await (await as(farm, alice).deposit(pid, E15)).wait();
    await (await as(farm, bob).deposit(pid, 2n * E15)).wait();
    const F = (await latestBlock(ethers)) + 2n;
    // 84,000 PTN over (F, F+100]: 840 a block, which every total weight below (3 to 8 e15) divides.
    await inOneBlock(ethers, F, [
      () => as(rewarder, owner).fund(pid, partner.target, P(84_000), F + STREAM_BLOCKS),
      () => as(farm, alice).deposit(pid, 0),
      () => as(farm, bob).deposit(pid, 0),
    ]);
    const version = await farm.lockTermsVersion();
    const endOf = (block: bigint, duration: bigint) => ((block + duration + EPOCH - 1n) / EPOCH) * EPOCH;
    // Weights (e15): Alice 1, Bob 2. L1: Alice locks 1 at 3x (4 against 2); L2: Bob locks 1 at 2x
    // (4 and 4); L3: Alice extends hers (same weight, a later end); E2, E1 < E3: Bob's boost ends
    // (4 and 3); Alice's first end passes with nothing ending there; E3: hers ends (2 and 3).
    const [L1, L2] = [F + 10n, F + 12n];
    const L3 = L1 + 10n;
    const [E1, E2, E3] = [endOf(L1, 40n), endOf(L2, 20n), endOf(L3, 40n)];
    expect(E2 < E1 && E1 < E3, "the ends fall in the order the working assumes").to.equal(true);
    const alicePaid: bigint[] = [];
    const bobPaid: bigint[] = [];
    const paidAmount = async (tx: ContractTransactionResponse) => (await paidIn(rewarder, tx)).map((event) => event[3] as bigint);
    alicePaid.push(...(await paidAmount(await at(ethers, L1, () => as(farm, alice).lock(pid, E15, 1, version)))));
    bobPaid.push(...(await paidAmount(await at(ethers, L2, () => as(farm, bob).lock(pid, E15, 0, version)))));
    alicePaid.push(...(await paidAmount(await at(ethers, L3, () => as(farm, alice).lock(pid, 0, 1, version)))));
    const X = E3 + 10n;
    alicePaid.push(...(await paidAmount(await at(ethers, X, () => as(farm, alice).harvest(pid)))));
    await at(ethers, X + 1n, () => as(farm, owner).emergencyUnlock(pid));
    bobPaid.push(...(await paidAmount(await at(ethers, X + 5n, () => as(farm, bob).harvest(pid)))));

    expect(alicePaid).to.deep.equal([
      P(280n * (L1 - F)),
      P(560n * (L2 - L1) + 420n * (L3 - L2)),
      P(420n * (E2 - L3) + 480n * (E3 - E2) + 336n * (X - E3)),
    ]);
    expect(bobPaid).to.deep.equal([
      P(560n * (L1 - F) + 280n * (L2 - L1)),
      P(420n * (E2 - L2) + 360n * (E3 - E2) + 504n * (X + 5n - E3)),
    ]);
  });

  it("ends every boost at the owner's emergency unlock", async function () {
    const { lockFarm: farm, rewarder, partner, owner, alice, bob } = await networkHelpers.loadFixture(partnerWorld);
    const pid = 0;
    await (await as(farm, alice).deposit(pid, E15)).wait();
    await (await as(farm, bob).deposit(pid, 2n * E15)).wait();
    const F = (await latestBlock(ethers)) + 2n;
    await inOneBlock(ethers, F, [
      () => as(rewarder, owner).fund(pid, partner.target, P(3000), F + STREAM_BLOCKS),
      () => as(farm, alice).deposit(pid, 0),
      () => as(farm, bob).deposit(pid, 0),
    ]);
    const L = F + 10n;
    await at(ethers, L, async () => as(farm, alice).lock(pid, E15, 1, await farm.lockTermsVersion()));
    const U = L + 10n;
    await at(ethers, U, () => as(farm, owner).emergencyUnlock(pid));
    expect([...(await rewarder.weights(pid, alice.address))]).to.deep.equal([2n * E15, 4n * E15]);
    const [aliceHarvest, bobHarvest] = await inOneBlock(ethers, U + 10n, [
      () => as(farm, alice).harvest(pid),
      () => as(farm, bob).harvest(pid),
    ]);
    expect(await paidIn(rewarder, aliceHarvest)).to.deep.equal([[alice.address, 0n, partner.target, P(20n * 10n + 15n * 10n), alice.address]]);
    expect(await paidIn(rewarder, bobHarvest)).to.deep.equal([
      [bob.address, 0n, partner.target, P(20n * 10n + 10n * 10n + 15n * 10n), bob.address],
    ]);
  });

  it("passes at most MAX_BOUNDARIES_PER_UPDATE boost ends per update: the action goes through, catchUp goes on, nothing is lost", async function () {
    const { lockFarm: farm, rewarder, partner, owner, alice, usdcWeth } = await networkHelpers.loadFixture(partnerWorld);
    const pid = 0;
    const most = (await rewarder.MAX_BOUNDARIES_PER_UPDATE()) as bigint;
    const lockers = 2 * Number(most) + 2; // three updates' worth
    await (await as(farm, owner).setLockTiers([1000n], [30_000n])).wait(); // 100 epochs at 3x: none ends while the others lock
    const version = await farm.lockTermsVersion();
    await (await as(farm, alice).deposit(pid, E15)).wait();
    const F = (await latestBlock(ethers)) + 2n;
    await inOneBlock(ethers, F, [
      () => as(rewarder, owner).fund(pid, partner.target, P(400_000), F + 3000n),
      () => as(farm, alice).deposit(pid, 0),
    ]);
    // One lock an epoch, each ending at its own boundary: `lockers` ends, none passed yet.
    const ends: bigint[] = [];
    for (let k = 0; k < lockers; k++) {
      const locker = ethers.Wallet.createRandom().connect(ethers.provider);
      await (await owner.sendTransaction({ to: locker.address, value: P(1) })).wait();
      await (await as(usdcWeth, owner).transfer(locker.address, E15 / 10n)).wait();
      await (await as(usdcWeth, locker).approve(farm.target, E15 / 10n)).wait();
      const block = F + 10n * BigInt(k) + 5n;
      await at(ethers, block, () => as(farm, locker).lock(pid, E15 / 10n, 0, version));
      ends.push(((block + 1000n + EPOCH - 1n) / EPOCH) * EPOCH);
    }
    const X = ends[lockers - 1] + 10n;
    // What the views, which walk every boundary, say Alice is owed at X + 3 on the untouched chain.
    const untouched = await networkHelpers.takeSnapshot();
    await viewAt(ethers, X + 3n);
    const [, [owedLater]] = await rewarder.pendingRewards(pid, alice.address);
    await untouched.restore();

    const m = Number(most);
    const harvest = await at(ethers, X, () => as(farm, alice).harvest(pid));
    expect(await rewarder.lastUpdateBlock(pid)).to.equal(ends[m - 1]);
    // A top-up's own update passes the next 32, and the streams are still behind: it waits.
    await refusedAndMined(ethers, async () => [await rewarder.streams(pid), await rewarder.lastUpdateBlock(pid)], [
      { send: (o) => as(rewarder, owner).fund(pid, partner.target, P(1), F + 4000n, { ...o, gasLimit: 5_000_000 }), by: rewarder, error: "PoolBehind", args: [pid, ends[2 * m - 1]] },
    ]);
    await at(ethers, X + 2n, () => as(rewarder, owner).catchUp(pid));
    expect(await rewarder.lastUpdateBlock(pid)).to.equal(ends[2 * m - 1]);
    const claim = await at(ethers, X + 3n, () => as(rewarder, alice).claim(pid));
    expect(await rewarder.lastUpdateBlock(pid)).to.equal(X + 3n);
    const paid = [...(await paidIn(rewarder, harvest)), ...(await paidIn(rewarder, claim))].map((event) => event[3] as bigint);
    const total = paid.reduce((sum, amount) => sum + amount, 0n);
    // The same stretches either way; the payout split in two rounds down twice: at most 1 wei less.
    expect(owedLater - total).to.be.oneOf([0n, 1n]);
  });

  it("tops up: the same end raises the rate, a later end extends the stream; never earlier", async function () {
    const { lockFarm: farm, rewarder, partner, owner, carol, alice } = await networkHelpers.loadFixture(partnerWorld);
    const pid = 0;
    await (await as(farm, alice).deposit(pid, E15)).wait();
    const F = (await latestBlock(ethers)) + 2n;
    await inOneBlock(ethers, F, [
      () => as(rewarder, owner).fund(pid, partner.target, P(1000), F + 100n),
      () => as(farm, alice).deposit(pid, 0),
    ]);
    // F+50: 500 streamed, 500 left; +500 to the same end: 1,000 over 50 blocks, 20 a block.
    await expect(at(ethers, F + 50n, () => as(rewarder, owner).fund(pid, partner.target, P(500), F + 100n)))
      .to.emit(rewarder, "StreamFunded").withArgs(pid, partner.target, owner.address, P(500), P(1000), F + 100n);
    await viewAt(ethers, F + 60n);
    let [stream] = await rewarder.streams(pid);
    expect([stream.startBlock, stream.endBlock, stream.amount, stream.remaining]).to.deep.equal([F + 50n, F + 100n, P(1000), P(800)]);
    expect([...(await rewarder.pendingRewards(pid, alice.address))[1]]).to.deep.equal([P(500 + 200)]);
    // F+70: 600 left; +300 with the end moved to F+160: 900 over 90 blocks, 10 a block.
    await at(ethers, F + 70n, () => as(rewarder, owner).fund(pid, partner.target, P(300), F + 160n));
    await viewAt(ethers, F + 80n);
    [stream] = await rewarder.streams(pid);
    expect([stream.amount, stream.remaining]).to.deep.equal([P(900), P(800)]);
    expect([...(await rewarder.pendingRewards(pid, alice.address))[1]]).to.deep.equal([P(500 + 400 + 100)]);

    await refusedAndMined(ethers, async () => [await rewarder.streams(pid), await balance(partner, owner)], [
      { send: (o) => as(rewarder, owner).fund(pid, partner.target, P(1), F + 150n, o), by: rewarder, error: "EndBlockTooEarly", args: [F + 150n, F + 160n], label: "an earlier end" },
      { send: (o) => as(rewarder, carol).fund(pid, partner.target, P(1), F + 200n, o), by: rewarder, error: "NotSponsor", args: [pid, carol.address] },
      { send: (o) => as(rewarder, owner).reclaim(pid, partner.target, o), by: rewarder, error: "StreamRunning", args: [F + 160n] },
    ]);
    await (await as(rewarder, owner).setSponsor(pid, carol.address, true)).wait();
    await refusedAndMined(ethers, async () => [await rewarder.streams(pid)], [
      { send: (o) => as(rewarder, carol).fund(pid, partner.target, P(1), F + 200n, o), by: rewarder, error: "StreamSponsoredByOther", args: [partner.target, owner.address] },
      { send: (o) => as(rewarder, carol).reclaim(pid, partner.target, o), by: rewarder, error: "StreamSponsoredByOther", args: [partner.target, owner.address] },
    ]);
    // Once it has ended and owes its sponsor nothing, another sponsor may fund it afresh.
    await viewAt(ethers, F + 160n);
    await expect(as(rewarder, owner).reclaim(pid, partner.target)).to.be.revertedWithCustomError(rewarder, "ZeroAmount");
    const G = (await latestBlock(ethers)) + 1n;
    await expect(as(rewarder, carol).fund(pid, partner.target, P(100), G + 10n))
      .to.emit(rewarder, "StreamFunded").withArgs(pid, partner.target, carol.address, P(100), P(100), G + 10n);
    expect((await rewarder.streams(pid))[0].sponsor).to.equal(carol.address);
  });

  it("refuses bad funding with a named error and changes nothing", async function () {
    const { lockFarm: farm, rewarder, partner, owner, mallory, alice } = await networkHelpers.loadFixture(partnerWorld);
    const fot = await ethers.deployContract("FeeOnTransferToken", [100n]);
    await (await fot.mint(owner.address, P(1000))).wait();
    await (await fot.approve(await rewarder.getAddress(), MaxUint256)).wait();
    const huge = await ethers.deployContract("TestERC20", ["Huge", "HUGE", 18]);
    await (await huge.mint(owner.address, 2n ** 129n)).wait();
    await (await huge.approve(await rewarder.getAddress(), MaxUint256)).wait();
    const now = await latestBlock(ethers);
    const read = async () => [await rewarder.streams(0), await balance(partner, owner), await balance(fot, owner)];
    await refusedAndMined(ethers, read, [
      { send: (o) => as(rewarder, mallory).fund(0, partner.target, P(1), now + 100n, o), by: rewarder, error: "NotSponsor", args: [0n, mallory.address] },
      { send: (o) => as(rewarder, owner).fund(0, partner.target, 0, now + 100n, o), by: rewarder, error: "ZeroAmount", args: [] },
      { send: (o) => as(rewarder, owner).fund(0, alice.address, P(1), now + 100n, o), by: rewarder, error: "NotAToken", args: [alice.address] },
      { send: (o) => as(rewarder, owner).fund(0, partner.target, P(1), now + 3n, o), by: rewarder, error: "EndBlockTooEarly", args: [now + 3n, now + 5n] },
      { send: (o) => as(rewarder, owner).fund(7, partner.target, P(1), now + 100n, o), by: farm, error: "PoolNotFound", args: [7n, 2n] },
      { send: (o) => as(rewarder, owner).fund(0, fot.target, P(100), now + 100n, o), by: rewarder, error: "FeeOnTransferToken", args: [fot.target, P(100), P(99)] },
      { send: (o) => as(rewarder, owner).fund(0, huge.target, 2n ** 128n, now + 100n, o), by: rewarder, error: "AmountTooLarge", args: [2n ** 128n, 2n ** 128n - 1n] },
      { send: (o) => as(rewarder, owner).reclaim(0, partner.target, o), by: rewarder, error: "StreamNotFound", args: [0n, partner.target] },
    ]);
    // Four tokens at most.
    const end = now + 100n;
    for (let i = 0; i < 4; i++) {
      const token = await ethers.deployContract("TestERC20", [`T${i}`, `T${i}`, 18]);
      await (await token.mint(owner.address, P(1))).wait();
      await (await token.approve(await rewarder.getAddress(), P(1))).wait();
      await (await as(rewarder, owner).fund(0, token.target, P(1), end)).wait();
    }
    await refusedAndMined(ethers, async () => [await rewarder.streams(0)], [
      { send: (o) => as(rewarder, owner).fund(0, partner.target, P(1), end, o), by: rewarder, error: "TooManyStreams", args: [0n, 4n] },
    ]);
  });
});

describe("Partner rewards: exits are never blocked, nothing is lost", function () {
  async function hostileStream(w: PartnerWorld) {
    const { lockFarm: farm, rewarder, hostile, owner, alice } = w;
    await (await as(farm, alice).deposit(1, E15)).wait();
    const F = (await latestBlock(ethers)) + 2n;
    await inOneBlock(ethers, F, [
      () => as(rewarder, owner).fund(1, hostile.target, P(1000), F + 100n),
      () => as(farm, alice).deposit(1, 0),
    ]);
    return F;
  }

  for (const [mode, label] of [[1, "reverts"], [2, "returns false"], [3, "burns all the gas it gets"]] as const) {
    it(`a partner token that ${label} blocks neither withdraw nor the farm's harvest: it stays owed, then claim pays it`, async function () {
      const w = await networkHelpers.loadFixture(partnerWorld);
      const { lockFarm: farm, rewarder, hostile, alice } = w;
      const F = await hostileStream(w);
      await (await hostile.setMode(mode)).wait();
      const harvest = await at(ethers, F + 10n, () => as(farm, alice).harvest(1, { gasLimit: 1_000_000 }));
      await expect(harvest).to.emit(rewarder, "PartnerRewardOwed").withArgs(alice.address, 1n, hostile.target, P(100));
      const lpBefore = await balance(w.daiWeth, alice);
      const withdraw = await at(ethers, F + 20n, () => as(farm, alice).withdraw(1, E15, { gasLimit: 1_000_000 }));
      await expect(withdraw).to.emit(rewarder, "PartnerRewardOwed").withArgs(alice.address, 1n, hostile.target, P(200));
      expect((await balance(w.daiWeth, alice)) - lpBefore).to.equal(E15);
      expect([...(await rewarder.pendingRewards(1, alice.address))[1]]).to.deep.equal([P(200)]);
      expect(await balance(hostile, alice)).to.equal(0n);

      await (await hostile.setMode(0)).wait();
      await expect(as(rewarder, alice).claim(1))
        .to.emit(rewarder, "PartnerRewardPaid").withArgs(alice.address, 1n, hostile.target, P(200), alice.address);
      expect(await balance(hostile, alice)).to.equal(P(200));
      expect([...(await rewarder.pendingRewards(1, alice.address))[1]]).to.deep.equal([0n]);
    });
  }

  it("a partner token that re-enters the farm or the rewarder is stopped, and its payment stays owed", async function () {
    const w = await networkHelpers.loadFixture(partnerWorld);
    const { lockFarm: farm, rewarder, hostile, alice } = w;
    const F = await hostileStream(w);
    for (const [target, payload] of [
      [farm, farm.interface.encodeFunctionData("withdraw", [1, 1])],
      [rewarder, rewarder.interface.encodeFunctionData("claim", [1])],
    ] as const) {
      await (await hostile.setReentry(target.target, payload)).wait();
      const tx = await as(farm, alice).harvest(1);
      await expect(tx).to.emit(rewarder, "PartnerRewardOwed");
      expect(await touched(hostile, tx)).to.equal(false);
    }
    await viewAt(ethers, F + 50n);
    expect([...(await rewarder.pendingRewards(1, alice.address))[1]]).to.deep.equal([P(500)]);
    expect((await farm.userInfo(1, alice.address)).amount).to.equal(E15);
  });

  it("emergencyWithdraw touches no partner token; what was earned stays owed", async function () {
    const w = await networkHelpers.loadFixture(partnerWorld);
    const { lockFarm: farm, rewarder, hostile, alice } = w;
    const F = await hostileStream(w);
    const exit = await at(ethers, F + 10n, () => as(farm, alice).emergencyWithdraw(1));
    expect(await touched(hostile, exit)).to.equal(false);
    await expect(exit).to.emit(rewarder, "PartnerRewardOwed").withArgs(alice.address, 1n, hostile.target, P(100));
    expect([...(await rewarder.weights(1, alice.address))]).to.deep.equal([0n, 0n]);
    await viewAt(ethers, F + 30n);
    expect([...(await rewarder.pendingRewards(1, alice.address))[1]]).to.deep.equal([P(100)]);
    await (await as(rewarder, alice).claim(1)).wait();
    expect(await balance(hostile, alice)).to.equal(P(100));
  });

  it("while the farm is paused nothing is paid: it stays owed, and claim waits for the unpause", async function () {
    const w = await networkHelpers.loadFixture(partnerWorld);
    const { lockFarm: farm, rewarder, hostile, owner, alice } = w;
    const F = await hostileStream(w);
    await at(ethers, F + 9n, () => as(farm, owner).pause());
    const withdraw = await at(ethers, F + 10n, () => as(farm, alice).withdraw(1, E15));
    await expect(withdraw).to.emit(rewarder, "PartnerRewardOwed").withArgs(alice.address, 1n, hostile.target, P(100));
    await refusedAndMined(ethers, async () => [await rewarder.pendingRewards(1, alice.address)], [
      { send: (o) => as(rewarder, alice).claim(1, o), by: rewarder, error: "FarmPaused", args: [] },
    ]);
    // An emergency exit with nothing staked and nothing new earned: still owed, no new event.
    const exit = await as(farm, alice).emergencyWithdraw(1);
    await expect(exit).not.to.emit(rewarder, "PartnerRewardOwed");
    await (await as(farm, owner).unpause()).wait();
    await expect(as(rewarder, alice).claim(1))
      .to.emit(rewarder, "PartnerRewardPaid").withArgs(alice.address, 1n, hostile.target, P(100), alice.address);
  });
});

describe("Partner rewards: every way in and out pays where the farm's reward goes", function () {
  it("harvestAll pays every pool's partner tokens; harvestAllFor and withdrawFor pay them to the staker; depositFor enrols the beneficiary", async function () {
    const { lockFarm: farm, rewarder, partner, hostile, owner, alice, bob, carol } = await networkHelpers.loadFixture(partnerWorld);
    await (await as(farm, alice).deposit(0, E15)).wait();
    await (await as(farm, alice).deposit(1, E15)).wait();
    const F = (await latestBlock(ethers)) + 2n;
    await inOneBlock(ethers, F, [
      () => as(rewarder, owner).fund(0, partner.target, P(1000), F + 100n),
      () => as(rewarder, owner).fund(1, hostile.target, P(2000), F + 100n),
      () => as(farm, alice).deposit(0, 0),
      () => as(farm, alice).deposit(1, 0),
    ]);
    const all = await at(ethers, F + 10n, () => as(farm, alice).harvestAll([0, 1]));
    expect(await paidIn(rewarder, all)).to.deep.equal([
      [alice.address, 0n, partner.target, P(100), alice.address],
      [alice.address, 1n, hostile.target, P(200), alice.address],
    ]);
    await (await as(farm, alice).setOperator(bob.address, true)).wait();
    // The farm's reward goes to Carol, the partner tokens to Alice: an operator such as the zap
    // handles only the reward token and would strand any other.
    const forCarol = await at(ethers, F + 20n, () => as(farm, bob).harvestAllFor([0, 1], alice.address, carol.address));
    expect(await paidIn(rewarder, forCarol)).to.deep.equal([
      [alice.address, 0n, partner.target, P(100), alice.address],
      [alice.address, 1n, hostile.target, P(200), alice.address],
    ]);
    const withdrawFor = await at(ethers, F + 30n, () => as(farm, bob).withdrawFor(0, E15, alice.address, carol.address));
    expect(await paidIn(rewarder, withdrawFor)).to.deep.equal([[alice.address, 0n, partner.target, P(100), alice.address]]);

    // Bob stakes for Carol: she is enrolled from that block on and earns pool 0's whole stream.
    const depositFor = await at(ethers, F + 40n, () => as(farm, bob).depositFor(0, E15, carol.address));
    expect(await paidIn(rewarder, depositFor)).to.deep.equal([]);
    expect([...(await rewarder.weights(0, carol.address))]).to.deep.equal([E15, E15]);
    await viewAt(ethers, F + 50n);
    // F+31..F+40: nobody in pool 0 (100 back to the sponsor); F+41..F+50: Carol's.
    expect([...(await rewarder.pendingRewards(0, carol.address))[1]]).to.deep.equal([P(100)]);
    expect((await rewarder.streams(0))[0].unclaimedBySponsor).to.equal(P(100));
  });
});

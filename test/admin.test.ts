/**
 * Farm administration: deployment checks, add / set / setRewardPerBlock / pause / unpause and
 * two-step ownership. Every rejection is shown with its exact error and arguments and to leave
 * the farm and the balances around it unchanged. Staked LP are real UniswapV2Pair tokens.
 *
 * Reward arithmetic: 10 RWD per block after startBlock S, split by allocation points, pro rata to
 * stake; a change made in block b applies from block b + 1.
 */
import { expect } from "chai";
import { type Contract, MaxUint256, parseEther, ZeroAddress } from "ethers";
import { network } from "hardhat";

import { mined, mineUntilNextTxIn, as } from "../fixtures/chain.js";
import { predictFarmAddress } from "../deploy/farm.js";
import { farmState, type Mined, refusedAndMined } from "./helpers/farm-state.js";
import { type World, buildWorld } from "../fixtures/world.js";

const { ethers, networkHelpers } = await network.create();

const MAX_ALLOC_POINT = 2n ** 16n - 1n;
const MAX_REWARD_PER_BLOCK = 2n ** 96n - 1n;
const MAX_EMISSION = 2n ** 96n - 1n;

const ALICE_STAKE = 10n ** 15n; // usdcWeth LP in pool 0
const BOB_STAKE = 10n ** 18n; // daiWeth LP in pool 1


/** The world, no pools. */
async function world(): Promise<World> {
  return buildWorld(ethers);
}

/**
 * Pool 0: usdcWeth, 100 points, Alice stakes 10^15. Pool 1: daiWeth, 100 points, Bob stakes 10^18.
 * Everything happens before the start block, so both earn 5 RWD per block from S + 1 on.
 */
async function twoPools(): Promise<World> {
  const w = await buildWorld(ethers);
  const { farm, owner, alice, bob, usdcWeth, daiWeth } = w;
  const farmAddress = await farm.getAddress();
  await (await as(farm, owner).add(100, await usdcWeth.getAddress())).wait();
  await (await as(farm, owner).add(100, await daiWeth.getAddress())).wait();
  await (await as(usdcWeth, alice).approve(farmAddress, MaxUint256)).wait();
  await (await as(daiWeth, bob).approve(farmAddress, MaxUint256)).wait();
  await (await as(farm, alice).deposit(0, ALICE_STAKE)).wait();
  await (await as(farm, bob).deposit(1, BOB_STAKE)).wait();
  if (BigInt(await ethers.provider.getBlockNumber()) >= w.startBlock) throw new Error("fixture ran past the start block");
  return w;
}

/** Everything an admin call could change, for the two-pool world. */
async function state(w: World): Promise<Record<string, unknown>> {
  const pids = Number(await w.farm.poolLength());
  return farmState(w.farm, {
    pids: [...Array(pids).keys()],
    accounts: [w.owner.address, w.alice.address, w.bob.address, w.mallory.address],
    tokens: [w.usdcWeth, w.daiWeth, w.wbtcWeth, w.rewardToken],
    rewardToken: w.rewardToken,
  });
}

describe("Farm administration", function () {
  describe("deployment", function () {
    it("starts with the given rate, start block and owner, no pools, and the whole cap to emit", async function () {
      const { farm, owner, rewardToken, startBlock } = await networkHelpers.loadFixture(world);
      expect(await farm.owner()).to.equal(owner.address);
      expect(await farm.pendingOwner()).to.equal(ZeroAddress);
      expect(await farm.paused()).to.equal(false);
      expect(await farm.rewardToken()).to.equal(await rewardToken.getAddress());
      expect(await farm.rewardPerBlock()).to.equal(parseEther("10"));
      expect(await farm.startBlock()).to.equal(startBlock);
      expect(await farm.poolLength()).to.equal(0n);
      expect(await farm.totalAllocPoint()).to.equal(0n);
      expect(await farm.rewardsRemaining()).to.equal(parseEther("1000000"));
      expect(await farm.emissionEndBlock()).to.equal(startBlock + 100_000n);
      expect(await farm.MAX_ALLOC_POINT()).to.equal(MAX_ALLOC_POINT);
      expect(await farm.MAX_REWARD_PER_BLOCK()).to.equal(MAX_REWARD_PER_BLOCK);
      expect(await farm.MAX_EMISSION()).to.equal(MAX_EMISSION);
    });

    it("emits RewardPerBlockSet(rate) and takes an owner other than the deployer", async function () {
      const { owner, alice } = await networkHelpers.loadFixture(world);
      const predicted = await predictFarmAddress(owner);
      const token = await ethers.deployContract(
        "RewardToken", ["R", "R", 18, parseEther("1000"), predicted, owner.address, 0n], owner,
      );
      const farm = await ethers.deployContract("Farm", [await token.getAddress(), parseEther("3"), 0n, alice.address, 7_200n], owner);
      expect(await farm.getAddress()).to.equal(predicted);
      await expect(farm.deploymentTransaction()).to.emit(farm, "RewardPerBlockSet").withArgs(parseEther("3"));
      expect(await farm.owner()).to.equal(alice.address);
    });

    it("moves a start block in the past to the deployment block", async function () {
      const { owner } = await networkHelpers.loadFixture(world);
      for (const requested of [0n, 1n, BigInt(await ethers.provider.getBlockNumber())]) {
        const predicted = await predictFarmAddress(owner);
        const token = await ethers.deployContract(
          "RewardToken", ["R", "R", 18, parseEther("1000"), predicted, owner.address, 0n], owner,
        );
        const farm = await ethers.deployContract("Farm", [await token.getAddress(), parseEther("1"), requested, owner.address, 7_200n], owner);
        const receipt = await farm.deploymentTransaction()!.wait();
        expect(await farm.startBlock()).to.equal(BigInt(receipt!.blockNumber));
        expect(BigInt(receipt!.blockNumber)).to.be.greaterThan(requested);
      }
    });

    it("keeps a start block in the future", async function () {
      const { owner } = await networkHelpers.loadFixture(world);
      const predicted = await predictFarmAddress(owner);
      const token = await ethers.deployContract(
        "RewardToken", ["R", "R", 18, parseEther("1000"), predicted, owner.address, 0n], owner,
      );
      const farm = await ethers.deployContract("Farm", [await token.getAddress(), parseEther("1"), 1_000_000n, owner.address, 7_200n], owner);
      expect(await farm.startBlock()).to.equal(1_000_000n);
    });

    it("rejects a reward token whose minter is not the farm with FarmIsNotMinter(minter)", async function () {
      const { owner, alice, farm } = await networkHelpers.loadFixture(world);
      const token = await ethers.deployContract(
        "RewardToken", ["R", "R", 18, parseEther("1000"), alice.address, owner.address, 0n], owner,
      );
      const nonce = await owner.getNonce();
      await expect(ethers.deployContract("Farm", [await token.getAddress(), parseEther("1"), 0n, owner.address, 7_200n], owner))
        .to.be.revertedWithCustomError(farm, "FarmIsNotMinter")
        .withArgs(alice.address);
      expect(await owner.getNonce()).to.equal(nonce);
    });

    it("rejects the world's reward token for a second farm (its minter is the first farm)", async function () {
      const { owner, farm, rewardToken } = await networkHelpers.loadFixture(world);
      await expect(ethers.deployContract("Farm", [await rewardToken.getAddress(), parseEther("1"), 0n, owner.address, 7_200n], owner))
        .to.be.revertedWithCustomError(farm, "FarmIsNotMinter")
        .withArgs(await farm.getAddress());
    });

    it("rejects an emission budget (cap - supply) above 2^96 - 1 with EmissionBudgetTooLarge(budget, max)", async function () {
      const { owner, farm } = await networkHelpers.loadFixture(world);
      const predicted = await predictFarmAddress(owner);
      const token = await ethers.deployContract(
        "RewardToken", ["R", "R", 18, 2n ** 96n + 5n, predicted, owner.address, 4n], owner,
      );
      await expect(ethers.deployContract("Farm", [await token.getAddress(), parseEther("1"), 0n, owner.address, 7_200n], owner))
        .to.be.revertedWithCustomError(farm, "EmissionBudgetTooLarge")
        .withArgs(2n ** 96n + 1n, 2n ** 96n - 1n);
    });

    it("accepts an emission budget of exactly 2^96 - 1, counting the initial supply", async function () {
      const { owner } = await networkHelpers.loadFixture(world);
      const predicted = await predictFarmAddress(owner);
      const token = await ethers.deployContract(
        "RewardToken", ["R", "R", 18, 2n ** 96n + 6n, predicted, owner.address, 7n], owner,
      );
      const farm = await ethers.deployContract("Farm", [await token.getAddress(), parseEther("1"), 0n, owner.address, 7_200n], owner);
      expect(await farm.getAddress()).to.equal(predicted);
      expect(await farm.rewardsRemaining()).to.equal(2n ** 96n - 1n);
    });

    it("rejects a rate above 2^96 - 1 with RewardPerBlockTooLarge(rate, max)", async function () {
      const { owner, farm } = await networkHelpers.loadFixture(world);
      const predicted = await predictFarmAddress(owner);
      const token = await ethers.deployContract(
        "RewardToken", ["R", "R", 18, parseEther("1000"), predicted, owner.address, 0n], owner,
      );
      await expect(ethers.deployContract("Farm", [await token.getAddress(), 2n ** 96n, 0n, owner.address, 7_200n], owner))
        .to.be.revertedWithCustomError(farm, "RewardPerBlockTooLarge")
        .withArgs(2n ** 96n, 2n ** 96n - 1n);
    });

    it("rejects a zero owner with OwnableInvalidOwner(0)", async function () {
      const { owner, farm } = await networkHelpers.loadFixture(world);
      const predicted = await predictFarmAddress(owner);
      const token = await ethers.deployContract(
        "RewardToken", ["R", "R", 18, parseEther("1000"), predicted, owner.address, 0n], owner,
      );
      await expect(ethers.deployContract("Farm", [await token.getAddress(), parseEther("1"), 0n, ZeroAddress, 7_200n], owner))
        .to.be.revertedWithCustomError(farm, "OwnableInvalidOwner")
        .withArgs(ZeroAddress);
    });
  });

  describe("add", function () {
    it("creates pools numbered from 0 with PoolAdded(pid, lpToken, allocPoint)", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { farm, owner, usdcWeth, daiWeth } = w;
      await expect(as(farm, owner).add(100, await usdcWeth.getAddress()))
        .to.emit(farm, "PoolAdded")
        .withArgs(0n, await usdcWeth.getAddress(), 100n);
      await expect(as(farm, owner).add(250, await daiWeth.getAddress()))
        .to.emit(farm, "PoolAdded")
        .withArgs(1n, await daiWeth.getAddress(), 250n);
      expect(await farm.poolLength()).to.equal(2n);
      expect(await farm.totalAllocPoint()).to.equal(350n);
      expect([...(await farm.poolInfo(0))]).to.deep.equal([await usdcWeth.getAddress(), 100n, 0n, 0n]);
      expect([...(await farm.poolInfo(1))]).to.deep.equal([await daiWeth.getAddress(), 250n, 0n, 0n]);
    });

    it("accepts allocPoint 0 and allocPoint MAX_ALLOC_POINT (2^16 - 1 = 65,535)", async function () {
      const { farm, owner, usdcWeth, daiWeth } = await networkHelpers.loadFixture(world);
      await expect(as(farm, owner).add(0, await usdcWeth.getAddress()))
        .to.emit(farm, "PoolAdded").withArgs(0n, await usdcWeth.getAddress(), 0n);
      await expect(as(farm, owner).add(MAX_ALLOC_POINT, await daiWeth.getAddress()))
        .to.emit(farm, "PoolAdded").withArgs(1n, await daiWeth.getAddress(), 2n ** 16n - 1n);
      expect(await farm.totalAllocPoint()).to.equal(2n ** 16n - 1n);
    });

    it("dilutes existing pools from the next block on: a pool added in S+10 takes its share from S+11", async function () {
      const { farm, owner, alice, carol, wbtcWeth, startBlock: S } = await networkHelpers.loadFixture(twoPools);
      await mineUntilNextTxIn(ethers, S + 10n);
      await mined(as(farm, owner).add(200, await wbtcWeth.getAddress())); // 100 / 100 / 200 from S+11
      await (await as(wbtcWeth, carol).approve(await farm.getAddress(), MaxUint256)).wait(); // S+11
      await mined(as(farm, carol).deposit(2, 10n ** 12n)); // S+12: earns from S+13

      await mineUntilNextTxIn(ethers, S + 20n);
      // Alice: 10 blocks at 5, then 10 blocks at 2.5.
      await expect(as(farm, alice).harvest(0)).to.emit(farm, "Harvest").withArgs(alice.address, 0n, parseEther("75"));
      // Carol (block S+21): blocks S+13..S+21 at 5.
      await expect(as(farm, carol).harvest(2)).to.emit(farm, "Harvest").withArgs(carol.address, 2n, parseEther("45"));
    });

    it("rejects the zero address with LpTokenZeroAddress and changes nothing", async function () {
      const w = await networkHelpers.loadFixture(twoPools);
      await refusedAndMined(ethers, () => state(w), [
        { send: (o) => as(w.farm, w.owner).add(100, ZeroAddress, o), by: w.farm, error: "LpTokenZeroAddress", args: [] },
      ]);
    });

    it("rejects an EOA with LpTokenNotAContract(address) and changes nothing", async function () {
      const w = await networkHelpers.loadFixture(twoPools);
      const unused = "0x000000000000000000000000000000000000dEaD";
      await refusedAndMined(ethers, () => state(w), [w.alice.address, unused].map((lp) => ({
        send: (o) => as(w.farm, w.owner).add(100, lp, o), by: w.farm, error: "LpTokenNotAContract", args: [lp],
      })));
    });

    it("rejects the reward token with LpTokenIsRewardToken(address) and changes nothing", async function () {
      const w = await networkHelpers.loadFixture(twoPools);
      const reward = await w.rewardToken.getAddress();
      await refusedAndMined(ethers, () => state(w), [
        { send: (o) => as(w.farm, w.owner).add(100, reward, o), by: w.farm, error: "LpTokenIsRewardToken", args: [reward] },
      ]);
    });

    it("rejects a second pool for the same LP with PoolAlreadyExists(lpToken, pid) and changes nothing", async function () {
      const w = await networkHelpers.loadFixture(twoPools);
      const usdcWeth = await w.usdcWeth.getAddress();
      const daiWeth = await w.daiWeth.getAddress();
      await refusedAndMined(ethers, () => state(w), [
        { send: (o) => as(w.farm, w.owner).add(100, usdcWeth, o), by: w.farm, error: "PoolAlreadyExists", args: [usdcWeth, 0n] },
        { send: (o) => as(w.farm, w.owner).add(7, daiWeth, o), by: w.farm, error: "PoolAlreadyExists", args: [daiWeth, 1n] },
      ]);
    });

    it("rejects allocPoint 2^16 with AllocPointTooLarge(allocPoint, max) and changes nothing", async function () {
      const w = await networkHelpers.loadFixture(twoPools);
      const wbtcWeth = await w.wbtcWeth.getAddress();
      await refusedAndMined(ethers, () => state(w), [
        { send: (o) => as(w.farm, w.owner).add(2n ** 16n, wbtcWeth, o), by: w.farm, error: "AllocPointTooLarge", args: [2n ** 16n, 2n ** 16n - 1n] },
      ]);
    });
  });

  describe("set", function () {
    it("changes a pool's allocation with PoolSet(pid, allocPoint)", async function () {
      const { farm, owner } = await networkHelpers.loadFixture(twoPools);
      await expect(as(farm, owner).set(0, 300)).to.emit(farm, "PoolSet").withArgs(0n, 300n);
      expect((await farm.poolInfo(0)).allocPoint).to.equal(300n);
      expect((await farm.poolInfo(1)).allocPoint).to.equal(100n);
      expect(await farm.totalAllocPoint()).to.equal(400n);
      await expect(as(farm, owner).set(1, MAX_ALLOC_POINT)).to.emit(farm, "PoolSet").withArgs(1n, 2n ** 16n - 1n);
      expect(await farm.totalAllocPoint()).to.equal(2n ** 16n - 1n + 300n);
    });

    it("applies from the next block: set(0, 300) in S+10 pays 5/block up to S+10, then 7.5/block", async function () {
      const { farm, owner, alice, bob, startBlock: S } = await networkHelpers.loadFixture(twoPools);
      await mineUntilNextTxIn(ethers, S + 10n);
      await mined(as(farm, owner).set(0, 300));
      await mineUntilNextTxIn(ethers, S + 20n);
      await expect(as(farm, alice).harvest(0)).to.emit(farm, "Harvest").withArgs(alice.address, 0n, parseEther("125"));
      // Bob (S+21): 10 blocks at 5, 11 at 2.5.
      await expect(as(farm, bob).harvest(1)).to.emit(farm, "Harvest").withArgs(bob.address, 1n, parseEther("77.5"));
    });

    it("set(pid, 0) stops the pool earning from the next block and gives its share to the others", async function () {
      const { farm, owner, alice, bob, rewardToken, startBlock: S } = await networkHelpers.loadFixture(twoPools);
      await mineUntilNextTxIn(ethers, S + 10n);
      await mined(as(farm, owner).set(0, 0));
      await mineUntilNextTxIn(ethers, S + 20n);
      expect(await farm.pendingReward(0, alice.address)).to.equal(parseEther("50"));
      await mined(as(farm, alice).harvest(0));
      await mined(as(farm, bob).harvest(1)); // S+21: 10 blocks at 5, 11 at 10
      expect(await rewardToken.balanceOf(alice.address)).to.equal(parseEther("50"));
      expect(await rewardToken.balanceOf(bob.address)).to.equal(parseEther("160"));
    });

    it("rejects an unknown pid with PoolNotFound(pid, poolLength) and changes nothing", async function () {
      const w = await networkHelpers.loadFixture(twoPools);
      await refusedAndMined(ethers, () => state(w), [2n, MaxUint256].map((pid) => ({
        send: (o) => as(w.farm, w.owner).set(pid, 100, o), by: w.farm, error: "PoolNotFound", args: [pid, 2n],
      })));
    });

    it("rejects pid 0 on a farm with no pools with PoolNotFound(0, 0)", async function () {
      const { farm, owner } = await networkHelpers.loadFixture(world);
      await refusedAndMined(ethers, () => farmState(farm), [
        { send: (o) => as(farm, owner).set(0, 100, o), by: farm, error: "PoolNotFound", args: [0n, 0n] },
      ]);
      expect(await farm.poolLength()).to.equal(0n);
      expect(await farm.totalAllocPoint()).to.equal(0n);
    });

    it("rejects allocPoint 2^16 with AllocPointTooLarge(allocPoint, max) and changes nothing", async function () {
      const w = await networkHelpers.loadFixture(twoPools);
      await refusedAndMined(ethers, () => state(w), [
        { send: (o) => as(w.farm, w.owner).set(0, 2n ** 16n, o), by: w.farm, error: "AllocPointTooLarge", args: [2n ** 16n, 2n ** 16n - 1n] },
      ]);
    });
  });

  describe("setRewardPerBlock", function () {
    it("changes the rate with RewardPerBlockSet(rate)", async function () {
      const { farm, owner } = await networkHelpers.loadFixture(twoPools);
      await expect(as(farm, owner).setRewardPerBlock(parseEther("20")))
        .to.emit(farm, "RewardPerBlockSet")
        .withArgs(parseEther("20"));
      expect(await farm.rewardPerBlock()).to.equal(parseEther("20"));
    });

    it("applies from the next block: 20/block from S+11 after a change in S+10", async function () {
      const { farm, owner, alice, bob, rewardToken, startBlock: S } = await networkHelpers.loadFixture(twoPools);
      await mineUntilNextTxIn(ethers, S + 10n);
      await mined(as(farm, owner).setRewardPerBlock(parseEther("20")));
      await mineUntilNextTxIn(ethers, S + 20n);
      await expect(as(farm, alice).harvest(0)).to.emit(farm, "Harvest").withArgs(alice.address, 0n, parseEther("150"));
      await expect(as(farm, bob).harvest(1)).to.emit(farm, "Harvest").withArgs(bob.address, 1n, parseEther("160"));
      expect(await rewardToken.totalSupply()).to.equal(parseEther("310"));
    });

    it("rate 0 stops emission after the current block; emissionEndBlock becomes 2^256 - 1", async function () {
      const { farm, owner, alice, startBlock: S } = await networkHelpers.loadFixture(twoPools);
      await mineUntilNextTxIn(ethers, S + 10n);
      await mined(as(farm, owner).setRewardPerBlock(0));
      expect(await farm.emissionEndBlock()).to.equal(MaxUint256);
      await networkHelpers.mine(30);
      expect(await farm.pendingReward(0, alice.address)).to.equal(parseEther("50"));
      expect(await farm.rewardsRemaining()).to.equal(parseEther("1000000") - parseEther("100"));
    });

    it("accepts MAX_REWARD_PER_BLOCK (2^96 - 1): the whole remaining budget is emitted in the next block", async function () {
      const { farm, owner, alice, bob, rewardToken, startBlock: S } = await networkHelpers.loadFixture(twoPools);
      await mineUntilNextTxIn(ethers, S + 10n);
      const { block } = await mined(as(farm, owner).setRewardPerBlock(MAX_REWARD_PER_BLOCK));
      expect(await farm.rewardPerBlock()).to.equal(2n ** 96n - 1n);
      expect(await farm.emissionEndBlock()).to.equal(block + 1n);
      await networkHelpers.mine(5);
      // 100 emitted in S+1..S+10, the remaining 999,900 in S+11, split 50/50.
      expect(await farm.rewardsRemaining()).to.equal(0n);
      await mined(as(farm, alice).harvest(0));
      await mined(as(farm, bob).harvest(1));
      expect(await rewardToken.balanceOf(alice.address)).to.equal(parseEther("500000"));
      expect(await rewardToken.balanceOf(bob.address)).to.equal(parseEther("500000"));
      expect(await rewardToken.totalSupply()).to.equal(await rewardToken.cap());
    });

    it("rejects 2^96 with RewardPerBlockTooLarge(rate, max) and changes nothing", async function () {
      const w = await networkHelpers.loadFixture(twoPools);
      await refusedAndMined(ethers, () => state(w), [
        { send: (o) => as(w.farm, w.owner).setRewardPerBlock(2n ** 96n, o), by: w.farm, error: "RewardPerBlockTooLarge", args: [2n ** 96n, 2n ** 96n - 1n] },
      ]);
    });
  });

  describe("pause and unpause", function () {
    it("pause emits Paused(owner), unpause emits Unpaused(owner)", async function () {
      const { farm, owner } = await networkHelpers.loadFixture(twoPools);
      await expect(as(farm, owner).pause()).to.emit(farm, "Paused").withArgs(owner.address);
      expect(await farm.paused()).to.equal(true);
      await expect(as(farm, owner).unpause()).to.emit(farm, "Unpaused").withArgs(owner.address);
      expect(await farm.paused()).to.equal(false);
    });

    it("rejects pausing twice with EnforcedPause() and changes nothing", async function () {
      const w = await networkHelpers.loadFixture(twoPools);
      await (await as(w.farm, w.owner).pause()).wait();
      await refusedAndMined(ethers, () => state(w), [
        { send: (o) => as(w.farm, w.owner).pause(o), by: w.farm, error: "EnforcedPause", args: [] },
      ]);
    });

    it("rejects unpausing a running farm with ExpectedPause() and changes nothing", async function () {
      const w = await networkHelpers.loadFixture(twoPools);
      await refusedAndMined(ethers, () => state(w), [
        { send: (o) => as(w.farm, w.owner).unpause(o), by: w.farm, error: "ExpectedPause", args: [] },
      ]);
    });

    it("leaves the admin functions working while paused", async function () {
      const { farm, owner, wbtcWeth } = await networkHelpers.loadFixture(twoPools);
      await (await as(farm, owner).pause()).wait();
      await expect(as(farm, owner).add(50, await wbtcWeth.getAddress())).to.emit(farm, "PoolAdded");
      await expect(as(farm, owner).set(0, 10)).to.emit(farm, "PoolSet").withArgs(0n, 10n);
      await expect(as(farm, owner).setRewardPerBlock(1n)).to.emit(farm, "RewardPerBlockSet").withArgs(1n);
      expect(await farm.totalAllocPoint()).to.equal(160n);
    });
  });

  describe("access control", function () {
    // Each sent as a transaction by two non-owners, mined, and compared with two empty blocks...
    const calls: [string, (w: World, farm: Contract, o: Mined) => Promise<unknown>][] = [
      ["add", async (w, farm, o) => farm.add(100, await w.wbtcWeth.getAddress(), o)],
      ["set", async (_w, farm, o) => farm.set(0, 500, o)],
      ["setRewardPerBlock", async (_w, farm, o) => farm.setRewardPerBlock(parseEther("1"), o)],
      ["pause", async (_w, farm, o) => farm.pause(o)],
      ["unpause", async (_w, farm, o) => farm.unpause(o)],
      ["transferOwnership", async (w, farm, o) => farm.transferOwnership(w.mallory.address, o)],
      ["renounceOwnership (as a transaction)", async (_w, farm, o) => farm.renounceOwnership.send(o)],
    ];
    for (const [name, call] of calls) {
      it(`rejects ${name} by a non-owner with OwnableUnauthorizedAccount(caller) and changes nothing`, async function () {
        const w = await networkHelpers.loadFixture(twoPools);
        if (name === "unpause") await (await as(w.farm, w.owner).pause()).wait();
        await refusedAndMined(ethers, () => state(w), [w.mallory, w.alice].map((caller) => ({
          send: (o) => call(w, as(w.farm, caller), o), by: w.farm, error: "OwnableUnauthorizedAccount", args: [caller.address],
        })));
      });
    }

    // ... except renounceOwnership as a call: the function is a view, so it cannot be mined, and a
    // call changes nothing by construction: only the error is checked.
    it("rejects renounceOwnership (as a call) by a non-owner with OwnableUnauthorizedAccount(caller)", async function () {
      const w = await networkHelpers.loadFixture(twoPools);
      for (const caller of [w.mallory, w.alice]) {
        await expect(as(w.farm, caller).renounceOwnership())
          .to.be.revertedWithCustomError(w.farm, "OwnableUnauthorizedAccount")
          .withArgs(caller.address);
      }
    });
  });

  describe("ownership", function () {
    it("transfers in two steps: OwnershipTransferStarted, then OwnershipTransferred on acceptance", async function () {
      const { farm, owner, bob } = await networkHelpers.loadFixture(twoPools);
      await expect(as(farm, owner).transferOwnership(bob.address))
        .to.emit(farm, "OwnershipTransferStarted")
        .withArgs(owner.address, bob.address);
      expect(await farm.owner()).to.equal(owner.address);
      expect(await farm.pendingOwner()).to.equal(bob.address);

      await expect(as(farm, bob).acceptOwnership())
        .to.emit(farm, "OwnershipTransferred")
        .withArgs(owner.address, bob.address);
      expect(await farm.owner()).to.equal(bob.address);
      expect(await farm.pendingOwner()).to.equal(ZeroAddress);
    });

    it("keeps the old owner in charge until acceptance; the pending owner has no rights yet", async function () {
      const w = await networkHelpers.loadFixture(twoPools);
      const { farm, owner, bob } = w;
      await (await as(farm, owner).transferOwnership(bob.address)).wait();
      await refusedAndMined(ethers, () => state(w), [
        { send: (o) => as(farm, bob).pause(o), by: farm, error: "OwnableUnauthorizedAccount", args: [bob.address] },
      ]);
      await expect(as(farm, owner).pause()).to.emit(farm, "Paused").withArgs(owner.address);
    });

    it("hands every admin right to the new owner and takes them from the old one", async function () {
      const w = await networkHelpers.loadFixture(twoPools);
      const { farm, owner, bob, wbtcWeth } = w;
      await (await as(farm, owner).transferOwnership(bob.address)).wait();
      await (await as(farm, bob).acceptOwnership()).wait();
      const wbtcWethAddress = await wbtcWeth.getAddress();
      await refusedAndMined(ethers, () => state(w), [
        { send: (o) => as(farm, owner).add(100, wbtcWethAddress, o), by: farm, error: "OwnableUnauthorizedAccount", args: [owner.address] },
        { send: (o) => as(farm, owner).transferOwnership(owner.address, o), by: farm, error: "OwnableUnauthorizedAccount", args: [owner.address] },
      ]);
      await expect(as(farm, bob).add(100, await wbtcWeth.getAddress()))
        .to.emit(farm, "PoolAdded")
        .withArgs(2n, await wbtcWeth.getAddress(), 100n);
      await expect(as(farm, bob).pause()).to.emit(farm, "Paused").withArgs(bob.address);
    });

    it("rejects acceptance by anyone but the pending owner with OwnableUnauthorizedAccount(caller)", async function () {
      const w = await networkHelpers.loadFixture(twoPools);
      const { farm, owner, bob, carol } = w;
      await (await as(farm, owner).transferOwnership(bob.address)).wait();
      await refusedAndMined(ethers, () => state(w), [carol, owner].map((caller) => ({
        send: (o) => as(farm, caller).acceptOwnership(o), by: farm, error: "OwnableUnauthorizedAccount", args: [caller.address],
      })));
      expect(await farm.pendingOwner()).to.equal(bob.address);
    });

    it("rejects acceptance when no transfer is pending", async function () {
      const w = await networkHelpers.loadFixture(twoPools);
      await refusedAndMined(ethers, () => state(w), [
        { send: (o) => as(w.farm, w.bob).acceptOwnership(o), by: w.farm, error: "OwnableUnauthorizedAccount", args: [w.bob.address] },
      ]);
    });

    it("a new transferOwnership replaces the pending owner; transferOwnership(0) cancels it", async function () {
      const w = await networkHelpers.loadFixture(twoPools);
      const { farm, owner, bob, carol } = w;
      await (await as(farm, owner).transferOwnership(bob.address)).wait();
      await expect(as(farm, owner).transferOwnership(carol.address))
        .to.emit(farm, "OwnershipTransferStarted")
        .withArgs(owner.address, carol.address);
      // The replaced and the cancelled pending owner are refused, mined: owner and pendingOwner
      // are in the state compared, so neither refusal may touch them.
      await refusedAndMined(ethers, () => state(w), [
        { send: (o) => as(farm, bob).acceptOwnership(o), by: farm, error: "OwnableUnauthorizedAccount", args: [bob.address] },
      ]);
      expect(await farm.pendingOwner()).to.equal(carol.address);

      await expect(as(farm, owner).transferOwnership(ZeroAddress))
        .to.emit(farm, "OwnershipTransferStarted")
        .withArgs(owner.address, ZeroAddress);
      await refusedAndMined(ethers, () => state(w), [
        { send: (o) => as(farm, carol).acceptOwnership(o), by: farm, error: "OwnableUnauthorizedAccount", args: [carol.address] },
      ]);
      expect(await farm.owner()).to.equal(owner.address);
      expect(await farm.pendingOwner()).to.equal(ZeroAddress);
    });

    it("rejects renounceOwnership by the owner with OwnershipCannotBeRenounced, as a call and as a transaction", async function () {
      const w = await networkHelpers.loadFixture(twoPools);
      const { farm, owner, bob } = w;
      await (await as(farm, owner).transferOwnership(bob.address)).wait(); // a pending transfer survives too
      // As a call (a view: nothing to mine), then as a transaction, mined and compared.
      await expect(as(farm, owner).renounceOwnership()).to.be.revertedWithCustomError(farm, "OwnershipCannotBeRenounced").withArgs();
      await refusedAndMined(ethers, () => state(w), [
        { send: (o) => as(farm, owner).renounceOwnership.send(o), by: farm, error: "OwnershipCannotBeRenounced", args: [] },
      ]);
      expect(await farm.owner()).to.equal(owner.address);
      expect(await farm.pendingOwner()).to.equal(bob.address);
    });
  });
});

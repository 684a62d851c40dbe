/**
 * Staker safety: pause semantics (withdrawals stay open, rewards are deferred and paid exactly after
 * unpause), emergencyWithdraw (while paused, with a broken reward token), fee-on-transfer LP,
 * re-entrancy through a malicious LP token, and every staker-facing rejection.
 *
 * Reward arithmetic: 10 RWD per block after startBlock S, split by allocation points, pro rata to
 * stake; a stake change in block b earns from b + 1. Expected amounts are written out.
 */
import { expect } from "chai";
import { type Contract, MaxUint256, parseEther, type Signer, ZeroAddress } from "ethers";
import { network } from "hardhat";

import { mined, mineUntilNextTxIn, as } from "../fixtures/chain.js";
import { signPairPermit } from "../fixtures/permit.js";
import { deployFarmFor, farmState, type Mined, refusedAndMined } from "./helpers/farm-state.js";
import { addReenteringLpPool, REENTERING_STAKE } from "./helpers/reentering.js";
import { type World, buildWorld } from "../fixtures/world.js";

const { ethers, networkHelpers } = await network.create();


async function ensureBefore(block: bigint): Promise<void> {
  if (BigInt(await ethers.provider.getBlockNumber()) >= block) throw new Error("fixture ran past the start block");
}

/**
 * Pool 0: usdcWeth, 100 points: Alice 3e15, Bob 1e15 (3.75 and 1.25 RWD per block).
 * Pool 1: daiWeth, 100 points: Alice 1e18, Carol 1e18 (2.5 RWD per block each).
 * All staked before S, so everyone earns from S + 1.
 */
async function staked(): Promise<World> {
  const w = await buildWorld(ethers);
  const { farm, owner, alice, bob, carol, usdcWeth, daiWeth } = w;
  const farmAddress = await farm.getAddress();
  await (await as(farm, owner).add(100, await usdcWeth.getAddress())).wait();
  await (await as(farm, owner).add(100, await daiWeth.getAddress())).wait();
  await (await as(usdcWeth, alice).approve(farmAddress, MaxUint256)).wait();
  await (await as(daiWeth, alice).approve(farmAddress, MaxUint256)).wait();
  await (await as(usdcWeth, bob).approve(farmAddress, MaxUint256)).wait();
  await (await as(daiWeth, carol).approve(farmAddress, MaxUint256)).wait();
  await (await as(farm, alice).deposit(0, 3n * 10n ** 15n)).wait();
  await (await as(farm, bob).deposit(0, 10n ** 15n)).wait();
  await (await as(farm, alice).deposit(1, 10n ** 18n)).wait();
  await (await as(farm, carol).deposit(1, 10n ** 18n)).wait();
  await ensureBefore(w.startBlock);
  return w;
}

async function stakedState(w: World): Promise<Record<string, unknown>> {
  return farmState(w.farm, {
    pids: [0, 1],
    accounts: [w.alice.address, w.bob.address, w.carol.address, w.mallory.address],
    tokens: [w.usdcWeth, w.daiWeth, w.rewardToken],
    rewardToken: w.rewardToken,
  });
}

describe("Farm safety", function () {
  describe("pause", function () {
    async function pausedAtS10(): Promise<World> {
      const w = await staked();
      await mineUntilNextTxIn(ethers, w.startBlock + 10n);
      await (await as(w.farm, w.owner).pause()).wait();
      return w;
    }

    it("blocks deposit, depositFor, depositWithPermit, harvest and harvestAll with EnforcedPause(), changing nothing", async function () {
      const w = await networkHelpers.loadFixture(pausedAtS10);
      const { farm, alice, bob, usdcWeth } = w;
      const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
      const permit = await signPairPermit(ethers, bob, usdcWeth, {
        spender: await farm.getAddress(), value: 10n ** 14n, deadline,
      });
      const calls: [string, (o: Mined) => Promise<unknown>][] = [
        ["deposit", (o) => as(farm, alice).deposit(0, 10n ** 14n, o)],
        ["deposit(pid, 0)", (o) => as(farm, alice).deposit(0, 0, o)],
        ["depositFor", (o) => as(farm, alice).depositFor(0, 10n ** 14n, bob.address, o)],
        ["depositWithPermit", (o) => as(farm, bob).depositWithPermit(0, 10n ** 14n, deadline, permit.v, permit.r, permit.s, o)],
        ["harvest", (o) => as(farm, alice).harvest(0, o)],
        ["harvestAll", (o) => as(farm, alice).harvestAll([0, 1], o)],
      ];
      await refusedAndMined(ethers, () => stakedState(w), calls.map(([label, send]) => ({
        label, send, by: farm, error: "EnforcedPause", args: [],
      })));
      expect(await usdcWeth.nonces(bob.address)).to.equal(0n);
    });

    it("keeps rewards accruing while paused", async function () {
      const { farm, alice, bob, carol, startBlock: S } = await networkHelpers.loadFixture(pausedAtS10);
      await networkHelpers.mineUpTo(S + 20n);
      expect(await farm.pendingReward(0, alice.address)).to.equal(parseEther("75"));
      expect(await farm.pendingReward(0, bob.address)).to.equal(parseEther("25"));
      expect(await farm.pendingReward(1, alice.address)).to.equal(parseEther("50"));
      expect(await farm.pendingReward(1, carol.address)).to.equal(parseEther("50"));
    });

    it("withdraw returns the LP, defers the reward with RewardDeferred, and pays it exactly after unpause", async function () {
      const w = await networkHelpers.loadFixture(pausedAtS10);
      const { farm, owner, alice, bob, usdcWeth, rewardToken, startBlock: S } = w;
      const farmAddress = await farm.getAddress();

      // S+12: Alice has earned 12 x 3.75 = 45 and takes 2e15 of her 3e15 out.
      await mineUntilNextTxIn(ethers, S + 12n);
      const tx = as(farm, alice).withdraw(0, 2n * 10n ** 15n);
      await expect(tx).to.emit(farm, "RewardDeferred").withArgs(alice.address, 0n, parseEther("45"));
      await expect(tx).to.emit(farm, "Withdraw").withArgs(alice.address, 0n, 2n * 10n ** 15n);
      await expect(tx).to.changeTokenBalances(ethers, usdcWeth, [alice, farmAddress], [2n * 10n ** 15n, -2n * 10n ** 15n]);
      await expect(tx).to.not.emit(rewardToken, "Transfer");
      expect(await rewardToken.balanceOf(alice.address)).to.equal(0n);
      expect(await rewardToken.totalSupply()).to.equal(0n);
      expect((await farm.userInfo(0, alice.address)).amount).to.equal(10n ** 15n);
      expect((await farm.poolInfo(0)).totalStaked).to.equal(2n * 10n ** 15n);

      // A harvest while paused is refused (mined in S+20) and leaves things as an empty block would.
      await networkHelpers.mineUpTo(S + 19n);
      await refusedAndMined(ethers, () => stakedState(w), [
        { send: (o) => as(farm, alice).harvest(0, o), by: farm, error: "EnforcedPause", args: [] },
      ]);
      // From S+13 Alice and Bob hold 1e15 each: 2.5 per block each. pendingReward includes the deferred 45.
      expect(await ethers.provider.getBlockNumber()).to.equal(Number(S + 20n));
      expect(await farm.pendingReward(0, alice.address)).to.equal(parseEther("65"));
      expect(await farm.pendingReward(0, bob.address)).to.equal(parseEther("35"));

      await mined(as(farm, owner).unpause()); // S+21
      await mineUntilNextTxIn(ethers, S + 22n);
      await expect(as(farm, alice).harvest(0)).to.emit(farm, "Harvest").withArgs(alice.address, 0n, parseEther("70"));
      expect(await rewardToken.balanceOf(alice.address)).to.equal(parseEther("70"));
      expect(await farm.pendingReward(0, alice.address)).to.equal(0n);
      await expect(as(farm, bob).harvest(0)).to.emit(farm, "Harvest").withArgs(bob.address, 0n, parseEther("42.5"));
      expect(await rewardToken.balanceOf(bob.address)).to.equal(parseEther("42.5"));
    });

    describe("a reward deferred by a full withdrawal is paid by the next action after unpause", function () {
      // Pause at S+10; Alice withdraws all 3e15 at S+12 (45 deferred); unpause at S+30; act at S+31.
      async function deferredAll(): Promise<World> {
        const w = await pausedAtS10();
        await mineUntilNextTxIn(ethers, w.startBlock + 12n);
        await (await as(w.farm, w.alice).withdraw(0, 3n * 10n ** 15n)).wait();
        await mineUntilNextTxIn(ethers, w.startBlock + 30n);
        await (await as(w.farm, w.owner).unpause()).wait();
        return w;
      }

      it("emits RewardDeferred(alice, 0, 45) and keeps it in pendingReward with no stake left", async function () {
        const w = await networkHelpers.loadFixture(pausedAtS10);
        await mineUntilNextTxIn(ethers, w.startBlock + 12n);
        await expect(as(w.farm, w.alice).withdraw(0, 3n * 10n ** 15n))
          .to.emit(w.farm, "RewardDeferred")
          .withArgs(w.alice.address, 0n, parseEther("45"));
        expect((await w.farm.userInfo(0, w.alice.address)).amount).to.equal(0n);
        await networkHelpers.mine(25);
        expect(await w.farm.pendingReward(0, w.alice.address)).to.equal(parseEther("45"));
        expect(await w.rewardToken.totalSupply()).to.equal(0n);
      });

      it("by harvest: Harvest(alice, 0, 45)", async function () {
        const { farm, alice, rewardToken } = await networkHelpers.loadFixture(deferredAll);
        await expect(as(farm, alice).harvest(0)).to.emit(farm, "Harvest").withArgs(alice.address, 0n, parseEther("45"));
        expect(await rewardToken.balanceOf(alice.address)).to.equal(parseEther("45"));
        expect(await farm.pendingReward(0, alice.address)).to.equal(0n);
        await expect(as(farm, alice).harvest(0)).to.not.emit(farm, "Harvest");
        expect(await rewardToken.balanceOf(alice.address)).to.equal(parseEther("45"));
      });

      it("by deposit: minted to Alice with the new stake, no Harvest event", async function () {
        const { farm, alice, rewardToken } = await networkHelpers.loadFixture(deferredAll);
        const tx = as(farm, alice).deposit(0, 10n ** 15n);
        await expect(tx).to.emit(rewardToken, "Transfer").withArgs(ZeroAddress, alice.address, parseEther("45"));
        await expect(tx).to.emit(farm, "Deposit").withArgs(alice.address, 0n, 10n ** 15n);
        await expect(tx).to.not.emit(farm, "Harvest");
        expect(await rewardToken.balanceOf(alice.address)).to.equal(parseEther("45"));
        expect(await farm.pendingReward(0, alice.address)).to.equal(0n);
      });

      it("by withdraw(pid, 0): minted to Alice, no Harvest event", async function () {
        const { farm, alice, rewardToken } = await networkHelpers.loadFixture(deferredAll);
        const tx = as(farm, alice).withdraw(0, 0);
        await expect(tx).to.emit(rewardToken, "Transfer").withArgs(ZeroAddress, alice.address, parseEther("45"));
        await expect(tx).to.emit(farm, "Withdraw").withArgs(alice.address, 0n, 0n);
        await expect(tx).to.not.emit(farm, "RewardDeferred");
        expect(await rewardToken.balanceOf(alice.address)).to.equal(parseEther("45"));
        expect(await farm.pendingReward(0, alice.address)).to.equal(0n);
      });

      it("by harvestAll, together with the other pool's 31 x 2.5 = 77.5, in one mint", async function () {
        const { farm, alice, rewardToken } = await networkHelpers.loadFixture(deferredAll);
        const tx = as(farm, alice).harvestAll([0, 1]);
        await expect(tx).to.emit(farm, "Harvest").withArgs(alice.address, 0n, parseEther("45"));
        await expect(tx).to.emit(farm, "Harvest").withArgs(alice.address, 1n, parseEther("77.5"));
        await expect(tx).to.emit(rewardToken, "Transfer").withArgs(ZeroAddress, alice.address, parseEther("122.5"));
        expect(await rewardToken.balanceOf(alice.address)).to.equal(parseEther("122.5"));
      });

      it("leaves Bob unaffected: 12 x 1.25 + 19 x 5 = 110 at S+31", async function () {
        const { farm, bob } = await networkHelpers.loadFixture(deferredAll);
        await expect(as(farm, bob).harvest(0)).to.emit(farm, "Harvest").withArgs(bob.address, 0n, parseEther("110"));
      });
    });

    it("a second withdrawal while paused defers the whole pending again (RewardDeferred carries the running total)", async function () {
      const { farm, owner, alice, rewardToken, startBlock: S } = await networkHelpers.loadFixture(pausedAtS10);
      await mineUntilNextTxIn(ethers, S + 12n);
      await expect(as(farm, alice).withdraw(0, 2n * 10n ** 15n))
        .to.emit(farm, "RewardDeferred")
        .withArgs(alice.address, 0n, parseEther("45"));
      // S+13, S+14: 2.5 each on 1e15 of 2e15.
      await mineUntilNextTxIn(ethers, S + 14n);
      await expect(as(farm, alice).withdraw(0, 10n ** 15n))
        .to.emit(farm, "RewardDeferred")
        .withArgs(alice.address, 0n, parseEther("50"));
      await mineUntilNextTxIn(ethers, S + 20n);
      await mined(as(farm, owner).unpause());
      await expect(as(farm, alice).harvest(0)).to.emit(farm, "Harvest").withArgs(alice.address, 0n, parseEther("50"));
      expect(await rewardToken.totalSupply()).to.equal(parseEther("50"));
    });

    it("withdraw with nothing pending emits no RewardDeferred", async function () {
      const { farm, mallory } = await networkHelpers.loadFixture(pausedAtS10);
      const tx = as(farm, mallory).withdraw(0, 0);
      await expect(tx).to.emit(farm, "Withdraw").withArgs(mallory.address, 0n, 0n);
      await expect(tx).to.not.emit(farm, "RewardDeferred");
    });

    it("emergencyWithdraw after a deferral forfeits the deferred reward too", async function () {
      const { farm, owner, alice, bob, usdcWeth, rewardToken, startBlock: S } = await networkHelpers.loadFixture(pausedAtS10);
      await mineUntilNextTxIn(ethers, S + 12n);
      await mined(as(farm, alice).withdraw(0, 2n * 10n ** 15n)); // 45 deferred
      expect(await farm.pendingReward(0, alice.address)).to.equal(parseEther("45"));
      const tx = as(farm, alice).emergencyWithdraw(0); // S+13
      await expect(tx).to.emit(farm, "EmergencyWithdraw").withArgs(alice.address, 0n, 10n ** 15n);
      await expect(tx).to.changeTokenBalance(ethers, usdcWeth, alice, 10n ** 15n);
      expect([...(await farm.userInfo(0, alice.address))]).to.deep.equal([0n, 0n]);
      expect(await farm.pendingReward(0, alice.address)).to.equal(0n);
      await mined(as(farm, owner).unpause()); // S+14
      await expect(as(farm, alice).harvest(0)).to.not.emit(farm, "Harvest");
      expect(await rewardToken.balanceOf(alice.address)).to.equal(0n);
      expect((await farm.userInfo(0, bob.address)).amount).to.equal(10n ** 15n);
    });
  });

  describe("emergencyWithdraw", function () {
    it("while paused returns exactly the whole stake, forfeits pending and touches no reward token", async function () {
      const w = await networkHelpers.loadFixture(staked);
      const { farm, owner, alice, bob, carol, usdcWeth, rewardToken, startBlock: S } = w;
      await mineUntilNextTxIn(ethers, S + 10n);
      await mined(as(farm, owner).pause());
      await mineUntilNextTxIn(ethers, S + 12n);
      expect(await farm.pendingReward(0, alice.address)).to.equal(parseEther("41.25")); // 11 x 3.75, at S+11
      const tx = as(farm, alice).emergencyWithdraw(0);
      await expect(tx).to.emit(farm, "EmergencyWithdraw").withArgs(alice.address, 0n, 3n * 10n ** 15n);
      await expect(tx).to.changeTokenBalances(
        ethers, usdcWeth, [alice, await farm.getAddress()], [3n * 10n ** 15n, -3n * 10n ** 15n],
      );
      await expect(tx).to.not.emit(farm, "RewardDeferred");
      const receipt = await (await tx).wait();
      const emitters = new Set(receipt!.logs.map((log: { address: string }) => log.address));
      expect([...emitters].sort()).to.deep.equal([await farm.getAddress(), await usdcWeth.getAddress()].sort());

      expect([...(await farm.userInfo(0, alice.address))]).to.deep.equal([0n, 0n]);
      expect(await farm.pendingReward(0, alice.address)).to.equal(0n);
      expect((await farm.poolInfo(0)).totalStaked).to.equal(10n ** 15n);
      expect(await usdcWeth.balanceOf(await farm.getAddress())).to.equal(10n ** 15n);
      expect(await rewardToken.totalSupply()).to.equal(0n);

      // Bob's stake, Alice's other pool and the other pool's staker are untouched.
      // (Bob's *reward* in the same pool: see the next test.)
      expect((await farm.userInfo(0, bob.address)).amount).to.equal(10n ** 15n);
      await networkHelpers.mineUpTo(S + 20n);
      expect(await farm.pendingReward(1, alice.address)).to.equal(parseEther("50"));
      expect(await farm.pendingReward(1, carol.address)).to.equal(parseEther("50"));
      expect((await farm.userInfo(1, alice.address)).amount).to.equal(10n ** 18n);

      await mined(as(farm, owner).unpause()); // S+21
      await expect(as(farm, alice).harvest(0)).to.not.emit(farm, "Harvest"); // S+22
      await expect(as(farm, carol).harvest(1)).to.emit(farm, "Harvest").withArgs(carol.address, 1n, parseEther("57.5"));
      expect(await rewardToken.balanceOf(alice.address)).to.equal(0n);
    });

    // Minimal reproduction of the one contract issue found (see the report): emergencyWithdraw lowers
    // the pool's totalStaked without first bringing the pool's accumulator up to date, so the
    // pool's emission since its last update is then shared among the remaining stake only, and the
    // remaining stakers are credited, retroactively, with the leaver's share of past blocks.
    it("leaves the leaver's forfeited share since the pool's last update to the remaining stakers", async function () {
      const { farm, alice, bob, startBlock: S } = await networkHelpers.loadFixture(staked);
      // Pool 0 was last updated before S; it gets 5 RWD per block. Alice holds 3e15, Bob 1e15.
      await mineUntilNextTxIn(ethers, S + 11n);
      expect(await farm.pendingReward(0, bob.address)).to.equal(parseEther("12.5")); // S+1..S+10: 10 x 1.25
      // emergencyWithdraw does not settle the pool (it touches nothing but the stake, so nothing
      // can block it): as in MasterChef, the pool's emission since its last update, S+1..S+11,
      // is shared by whoever is still staked when the pool next updates. Bob: 11 x 5.
      await mined(as(farm, alice).emergencyWithdraw(0));
      expect(await farm.pendingReward(0, bob.address)).to.equal(parseEther("55"));
      // From then on Bob is alone in the pool: 5 per block.
      await networkHelpers.mine(2);
      expect(await farm.pendingReward(0, bob.address)).to.equal(parseEther("65"));
    });

    it("with no stake emits EmergencyWithdraw(user, pid, 0) and changes nothing else", async function () {
      const w = await networkHelpers.loadFixture(staked);
      const before = await stakedState(w);
      const tx = as(w.farm, w.mallory).emergencyWithdraw(0);
      await expect(tx).to.emit(w.farm, "EmergencyWithdraw").withArgs(w.mallory.address, 0n, 0n);
      const { blockNumber, ...rest } = await stakedState(w);
      const { blockNumber: blockBefore, ...restBefore } = before;
      expect(blockNumber).to.equal((blockBefore as number) + 1);
      expect(rest).to.deep.equal(restBefore);
    });

    describe("with a reward token whose mint reverts", function () {
      /**
       * A farm on BreakableRewardToken, start S'. Pool 0: usdcWeth, Alice 3e15 alone. Pool 1:
       * daiWeth, Bob 1e18 alone. 100 points each: 5 per block each. Minting breaks at S'+10.
       */
      async function breakable() {
        const w = await buildWorld(ethers);
        const { owner, alice, bob, usdcWeth, daiWeth } = w;
        const start = BigInt(await ethers.provider.getBlockNumber()) + 20n;
        const { rewardToken: brk, farm, predictedFarm } = await deployFarmFor(
          ethers,
          owner,
          (minter) => ethers.deployContract("BreakableRewardToken", [parseEther("1000000"), minter, 18], owner),
          { rewardPerBlock: parseEther("10"), startBlock: start, owner: owner.address },
        );
        expect(await brk.minter()).to.equal(predictedFarm);
        await (await as(farm, owner).add(100, await usdcWeth.getAddress())).wait();
        await (await as(farm, owner).add(100, await daiWeth.getAddress())).wait();
        await (await as(usdcWeth, alice).approve(await farm.getAddress(), MaxUint256)).wait();
        await (await as(daiWeth, bob).approve(await farm.getAddress(), MaxUint256)).wait();
        await (await as(farm, alice).deposit(0, 3n * 10n ** 15n)).wait();
        await (await as(farm, bob).deposit(1, 10n ** 18n)).wait();
        await ensureBefore(start);
        await mineUntilNextTxIn(ethers, start + 10n);
        await (await brk.setBroken(true)).wait(); // S'+10
        return { ...w, brk, farm, start };
      }

      it("harvest, withdraw and deposit revert with the token's MintingBroken; nothing changes", async function () {
        const { farm, brk, alice, bob, usdcWeth, daiWeth } = await networkHelpers.loadFixture(breakable);
        const scope = {
          pids: [0, 1], accounts: [alice.address, bob.address], tokens: [usdcWeth, daiWeth, brk], rewardToken: brk,
        };
        const sends: [string, (o: Mined) => Promise<unknown>][] = [
          ["harvest", (o) => as(farm, alice).harvest(0, o)],
          ["withdraw", (o) => as(farm, alice).withdraw(0, 10n ** 15n, o)],
          ["deposit", (o) => as(farm, alice).deposit(0, 1n, o)],
          ["harvestAll", (o) => as(farm, bob).harvestAll([1], o)],
        ];
        await refusedAndMined(ethers, () => farmState(farm, scope), sends.map(([label, send]) => ({
          label, send, by: brk, error: "MintingBroken", args: [],
        })));
      });

      it("emergencyWithdraw still returns exactly the stake; the other pool's staker keeps stake and reward", async function () {
        const { farm, brk, alice, bob, usdcWeth, start } = await networkHelpers.loadFixture(breakable);
        const tx = as(farm, alice).emergencyWithdraw(0); // S'+11
        await expect(tx).to.emit(farm, "EmergencyWithdraw").withArgs(alice.address, 0n, 3n * 10n ** 15n);
        await expect(tx).to.changeTokenBalances(
          ethers, usdcWeth, [alice, await farm.getAddress()], [3n * 10n ** 15n, -3n * 10n ** 15n],
        );
        expect([...(await farm.userInfo(0, alice.address))]).to.deep.equal([0n, 0n]);
        expect((await farm.poolInfo(0)).totalStaked).to.equal(0n);
        expect((await farm.userInfo(1, bob.address)).amount).to.equal(10n ** 18n);

        // Mint repaired: Bob is paid 20 x 5 at S'+20.
        await (await brk.setBroken(false)).wait();
        await mineUntilNextTxIn(ethers, start + 20n);
        await expect(as(farm, bob).harvest(1)).to.emit(farm, "Harvest").withArgs(bob.address, 1n, parseEther("100"));
        expect(await brk.balanceOf(bob.address)).to.equal(parseEther("100"));
        expect(await brk.balanceOf(alice.address)).to.equal(0n);
        expect(await brk.totalSupply()).to.equal(parseEther("100"));
      });

      it("emergencyWithdraw works while paused as well; so does withdraw, which defers instead of minting", async function () {
        const { farm, brk, owner, alice, bob, usdcWeth, daiWeth } = await networkHelpers.loadFixture(breakable);
        await mined(as(farm, owner).pause()); // S'+11
        await expect(as(farm, alice).emergencyWithdraw(0)) // S'+12
          .to.changeTokenBalance(ethers, usdcWeth, alice, 3n * 10n ** 15n);
        const tx = as(farm, bob).withdraw(1, 10n ** 18n); // S'+13: 13 x 5 deferred
        await expect(tx).to.emit(farm, "RewardDeferred").withArgs(bob.address, 1n, parseEther("65"));
        await expect(tx).to.changeTokenBalance(ethers, daiWeth, bob, 10n ** 18n);
        expect(await brk.totalSupply()).to.equal(0n);
        expect(await usdcWeth.balanceOf(await farm.getAddress())).to.equal(0n);
        expect(await daiWeth.balanceOf(await farm.getAddress())).to.equal(0n);
        expect(await farm.pendingReward(1, bob.address)).to.equal(parseEther("65"));
      });
    });
  });

  describe("fee-on-transfer LP", function () {
    /** Pool 0 stakes a token burning 20% of every transfer. Alice and Bob hold 1,000 and 4,000. */
    async function feeToken() {
      const w = await buildWorld(ethers);
      const { farm, owner, alice, bob } = w;
      const fot = await ethers.deployContract("FeeOnTransferToken", [2000], owner);
      await (await as(farm, owner).add(100, await fot.getAddress())).wait();
      for (const [user, amount] of [[alice, parseEther("1000")], [bob, parseEther("4000")]] as const) {
        await (await fot.mint(user.address, amount)).wait();
        await (await as(fot, user).approve(await farm.getAddress(), MaxUint256)).wait();
      }
      await ensureBefore(w.startBlock);
      return { ...w, fot };
    }

    it("credits what the farm received: 1,000 sent, 800 credited to the staker and the pool", async function () {
      const { farm, fot, alice } = await networkHelpers.loadFixture(feeToken);
      const farmAddress = await farm.getAddress();
      const tx = as(farm, alice).deposit(0, parseEther("1000"));
      await expect(tx).to.emit(farm, "Deposit").withArgs(alice.address, 0n, parseEther("800"));
      await expect(tx).to.changeTokenBalances(ethers, fot, [alice, farmAddress], [-parseEther("1000"), parseEther("800")]);
      expect((await farm.userInfo(0, alice.address)).amount).to.equal(parseEther("800"));
      expect((await farm.poolInfo(0)).totalStaked).to.equal(parseEther("800"));
    });

    it("credits the recipient of depositFor with what arrived, too", async function () {
      const { farm, fot, alice, carol } = await networkHelpers.loadFixture(feeToken);
      await expect(as(farm, alice).depositFor(0, parseEther("500"), carol.address))
        .to.emit(farm, "Deposit")
        .withArgs(carol.address, 0n, parseEther("400"));
      expect((await farm.userInfo(0, carol.address)).amount).to.equal(parseEther("400"));
      expect((await farm.userInfo(0, alice.address)).amount).to.equal(0n);
      expect(await fot.balanceOf(alice.address)).to.equal(parseEther("500"));
    });

    it("rejects withdrawing the nominal 1,000 with WithdrawExceedsStake(0, 1000, 800) and changes nothing", async function () {
      const { farm, fot, alice, rewardToken } = await networkHelpers.loadFixture(feeToken);
      await mined(as(farm, alice).deposit(0, parseEther("1000")));
      const scope = { pids: [0], accounts: [alice.address], tokens: [fot, rewardToken], rewardToken };
      await refusedAndMined(ethers, () => farmState(farm, scope), [{
        send: (o) => as(farm, alice).withdraw(0, parseEther("1000"), o),
        by: farm, error: "WithdrawExceedsStake", args: [0n, parseEther("1000"), parseEther("800")],
      }]);
    });

    it("lets every staker withdraw exactly the credited amount, leaving the farm with nothing", async function () {
      const { farm, fot, alice, bob, rewardToken, startBlock: S } = await networkHelpers.loadFixture(feeToken);
      const farmAddress = await farm.getAddress();
      await mined(as(farm, alice).deposit(0, parseEther("1000"))); // 800 credited
      await mined(as(farm, bob).deposit(0, parseEther("4000"))); // 3,200 credited
      expect((await farm.poolInfo(0)).totalStaked).to.equal(parseEther("4000"));
      expect(await fot.balanceOf(farmAddress)).to.equal(parseEther("4000"));

      await mineUntilNextTxIn(ethers, S + 10n);
      const aliceOut = as(farm, alice).withdraw(0, parseEther("800"));
      await expect(aliceOut).to.emit(farm, "Withdraw").withArgs(alice.address, 0n, parseEther("800"));
      // The farm sends 800; the token burns 20% of that on the way.
      await expect(aliceOut).to.changeTokenBalances(ethers, fot, [alice, farmAddress], [parseEther("640"), -parseEther("800")]);
      const bobOut = as(farm, bob).withdraw(0, parseEther("3200")); // S+11
      await expect(bobOut).to.changeTokenBalances(ethers, fot, [bob, farmAddress], [parseEther("2560"), -parseEther("3200")]);

      expect(await fot.balanceOf(farmAddress)).to.equal(0n);
      expect((await farm.poolInfo(0)).totalStaked).to.equal(0n);
      // Rewards pro rata to credited stakes (800 : 3,200): Alice 10 x 2; Bob 10 x 8 + 1 x 10.
      expect(await rewardToken.balanceOf(alice.address)).to.equal(parseEther("20"));
      expect(await rewardToken.balanceOf(bob.address)).to.equal(parseEther("90"));
    });
  });

  describe("re-entrancy through a malicious LP token", function () {

    /** Pool 0 stakes ReenteringToken (helpers/reentering.ts); both stakes are in before S: 5 RWD per block each. */
    async function reentering() {
      const w = await buildWorld(ethers);
      const pool = await addReenteringLpPool(w);
      await ensureBefore(w.startBlock);
      return { ...w, ...pool };
    }

    const payloads: [string, (farm: Contract, self: string) => string][] = [
      ["deposit", (farm) => farm.interface.encodeFunctionData("deposit", [0, parseEther("10")])],
      ["withdraw", (farm) => farm.interface.encodeFunctionData("withdraw", [0, parseEther("10")])],
      ["harvest", (farm) => farm.interface.encodeFunctionData("harvest", [0])],
      ["emergencyWithdraw", (farm) => farm.interface.encodeFunctionData("emergencyWithdraw", [0])],
      // The token contract acting for itself, as anyone may (IFarmOperators).
      ["withdrawFor", (farm, self) => farm.interface.encodeFunctionData("withdrawFor", [0, parseEther("10"), self, self])],
      ["harvestAllFor", (farm, self) => farm.interface.encodeFunctionData("harvestAllFor", [[0], self, self])],
    ];
    const triggers: [string, (farm: Contract, o: Mined) => Promise<unknown>][] = [
      ["deposit's transferFrom", (farm, o) => farm.deposit(0, parseEther("10"), o)],
      ["withdraw's transfer", (farm, o) => farm.withdraw(0, parseEther("10"), o)],
      ["emergencyWithdraw's transfer", (farm, o) => farm.emergencyWithdraw(0, o)],
      ["withdrawFor's transfer", async (farm, o) => {
        const self = await (farm.runner as Signer).getAddress();
        return farm.withdrawFor(0, parseEther("10"), self, self, o);
      }],
    ];

    it("is set up as intended: both stakes in, the token contract approved the farm", async function () {
      const { farm, token, tokenAddress, mallory } = await networkHelpers.loadFixture(reentering);
      expect((await farm.userInfo(0, tokenAddress)).amount).to.equal(REENTERING_STAKE);
      expect((await farm.userInfo(0, mallory.address)).amount).to.equal(REENTERING_STAKE);
      expect(await token.allowance(tokenAddress, await farm.getAddress())).to.equal(MaxUint256);
      expect(await token.balanceOf(mallory.address)).to.equal(parseEther("900"));
      expect(await token.getFunction("target")()).to.equal(ZeroAddress);
    });

    for (const [name, payload] of payloads) {
      it(`control: the ${name} callback succeeds when it is not nested in a farm call`, async function () {
        const { farm, token, tokenAddress, mallory, carol, startBlock: S } = await networkHelpers.loadFixture(reentering);
        await mined(token.arm(await farm.getAddress(), payload(farm, tokenAddress)));
        await mineUntilNextTxIn(ethers, S + 5n);
        const tx = as(token, mallory).transfer(carol.address, 1n);
        const expected: Record<string, [string, unknown[]]> = {
          deposit: ["Deposit", [tokenAddress, 0n, parseEther("10")]],
          withdraw: ["Withdraw", [tokenAddress, 0n, parseEther("10")]],
          harvest: ["Harvest", [tokenAddress, 0n, parseEther("25")]],
          emergencyWithdraw: ["EmergencyWithdraw", [tokenAddress, 0n, REENTERING_STAKE]],
          withdrawFor: ["Withdraw", [tokenAddress, 0n, parseEther("10")]],
          harvestAllFor: ["Harvest", [tokenAddress, 0n, parseEther("25")]],
        };
        const [event, args] = expected[name];
        await expect(tx).to.emit(farm, event).withArgs(...args);
      });
    }

    for (const [triggerName, trigger] of triggers) {
      for (const [payloadName, payload] of payloads) {
        it(`re-entering ${payloadName} from ${triggerName} reverts with ReentrancyGuardReentrantCall; the attacker gains nothing`, async function () {
          const { farm, token, tokenAddress, mallory, rewardToken, startBlock: S } = await networkHelpers.loadFixture(reentering);
          const farmAddress = await farm.getAddress();
          await mined(token.arm(farmAddress, payload(farm, tokenAddress)));
          await mineUntilNextTxIn(ethers, S + 5n);
          const scope = { pids: [0], accounts: [mallory.address, tokenAddress], tokens: [token, rewardToken], rewardToken };
          await refusedAndMined(ethers, () => farmState(farm, scope), [
            { send: (o) => trigger(as(farm, mallory), o), by: farm, error: "ReentrancyGuardReentrantCall", args: [] },
          ]);
          expect(await token.getFunction("target")()).to.equal(farmAddress); // still armed: the failed attempt left no trace

          // Disarmed, Mallory gets exactly her 100 back and 10 blocks x 5 RWD, nothing more.
          await mined(token.arm(ZeroAddress, "0x"));
          await mineUntilNextTxIn(ethers, S + 10n);
          await mined(as(farm, mallory).withdraw(0, REENTERING_STAKE));
          expect(await token.balanceOf(mallory.address)).to.equal(parseEther("1000"));
          expect(await rewardToken.balanceOf(mallory.address)).to.equal(parseEther("50"));
          expect(await rewardToken.balanceOf(tokenAddress)).to.equal(0n);
          expect(await farm.pendingReward(0, tokenAddress)).to.equal(parseEther("50"));
          expect((await farm.userInfo(0, tokenAddress)).amount).to.equal(REENTERING_STAKE);
          expect(await token.balanceOf(farmAddress)).to.equal(REENTERING_STAKE);
        });
      }
    }
  });

  describe("staker errors", function () {
    const unknownPidCalls: [string, (w: World, farm: Contract, o: Mined) => Promise<unknown>][] = [
      ["deposit", async (_w, farm, o) => farm.deposit(2, 10n ** 14n, o)],
      ["depositFor", async (w, farm, o) => farm.depositFor(2, 10n ** 14n, w.bob.address, o)],
      ["withdraw", async (_w, farm, o) => farm.withdraw(2, 0, o)],
      ["harvest", async (_w, farm, o) => farm.harvest(2, o)],
      ["harvestAll([2])", async (_w, farm, o) => farm.harvestAll([2], o)],
      ["harvestAll([0, 1, 2]) (nothing is paid for 0 and 1)", async (_w, farm, o) => farm.harvestAll([0, 1, 2], o)],
      ["emergencyWithdraw", async (_w, farm, o) => farm.emergencyWithdraw(2, o)],
      ["updatePool", async (_w, farm, o) => farm.updatePool(2, o)],
    ];
    for (const [name, call] of unknownPidCalls) {
      it(`${name} on an unknown pid reverts with PoolNotFound(pid, poolLength) and changes nothing`, async function () {
        const w = await networkHelpers.loadFixture(staked);
        await networkHelpers.mineUpTo(w.startBlock + 5n); // Alice has rewards pending in both pools
        await refusedAndMined(ethers, () => stakedState(w), [
          { send: (o) => call(w, as(w.farm, w.alice), o), by: w.farm, error: "PoolNotFound", args: [2n, 2n] },
        ]);
      });
    }

    // Views: a call cannot be mined and changes nothing by construction; only the error is checked.
    const unknownPidViews: [string, (w: World) => Promise<unknown>][] = [
      ["pendingReward", async (w) => w.farm.pendingReward(2, w.alice.address)],
      ["poolInfo", async (w) => w.farm.poolInfo(2)],
    ];
    for (const [name, view] of unknownPidViews) {
      it(`${name} on an unknown pid reverts with PoolNotFound(pid, poolLength)`, async function () {
        const w = await networkHelpers.loadFixture(staked);
        await expect(view(w)).to.be.revertedWithCustomError(w.farm, "PoolNotFound").withArgs(2n, 2n);
      });
    }

    it("pid 2^256 - 1 is reported as PoolNotFound too", async function () {
      const { farm, alice } = await networkHelpers.loadFixture(staked);
      await expect(as(farm, alice).withdraw(MaxUint256, 0))
        .to.be.revertedWithCustomError(farm, "PoolNotFound")
        .withArgs(MaxUint256, 2n);
      await expect(as(farm, alice).emergencyWithdraw(MaxUint256))
        .to.be.revertedWithCustomError(farm, "PoolNotFound")
        .withArgs(MaxUint256, 2n);
    });

    it("withdrawing more than staked reverts with WithdrawExceedsStake(pid, requested, staked) and changes nothing", async function () {
      const w = await networkHelpers.loadFixture(staked);
      await networkHelpers.mineUpTo(w.startBlock + 5n);
      await refusedAndMined(ethers, () => stakedState(w), [
        {
          send: (o) => as(w.farm, w.alice).withdraw(0, 3n * 10n ** 15n + 1n, o),
          by: w.farm, error: "WithdrawExceedsStake", args: [0n, 3n * 10n ** 15n + 1n, 3n * 10n ** 15n],
        },
        { send: (o) => as(w.farm, w.mallory).withdraw(1, 1n, o), by: w.farm, error: "WithdrawExceedsStake", args: [1n, 1n, 0n] },
      ]);
    });

    it("WithdrawExceedsStake also applies while paused", async function () {
      const w = await networkHelpers.loadFixture(staked);
      await (await as(w.farm, w.owner).pause()).wait();
      await refusedAndMined(ethers, () => stakedState(w), [{
        send: (o) => as(w.farm, w.bob).withdraw(0, 2n * 10n ** 15n, o),
        by: w.farm, error: "WithdrawExceedsStake", args: [0n, 2n * 10n ** 15n, 10n ** 15n],
      }]);
    });

    it("depositFor to the zero address reverts with ZeroRecipient and changes nothing", async function () {
      const w = await networkHelpers.loadFixture(staked);
      await refusedAndMined(ethers, () => stakedState(w), [
        { send: (o) => as(w.farm, w.alice).depositFor(0, 10n ** 14n, ZeroAddress, o), by: w.farm, error: "ZeroRecipient", args: [] },
      ]);
      expect([...(await w.farm.userInfo(0, ZeroAddress))]).to.deep.equal([0n, 0n]);
    });

    it("depositFor takes the caller's LP, credits the recipient and pays the recipient's pending to the recipient", async function () {
      const { farm, alice, bob, usdcWeth, rewardToken, startBlock: S } = await networkHelpers.loadFixture(staked);
      await mineUntilNextTxIn(ethers, S + 8n);
      // Bob's pending at S+8: 8 x 1.25 = 10, paid to Bob; Alice pays the LP.
      const tx = as(farm, alice).depositFor(0, 10n ** 15n, bob.address);
      await expect(tx).to.emit(farm, "Deposit").withArgs(bob.address, 0n, 10n ** 15n);
      await expect(tx).to.changeTokenBalances(ethers, usdcWeth, [alice, bob], [-(10n ** 15n), 0n]);
      await expect(tx).to.emit(rewardToken, "Transfer").withArgs(ZeroAddress, bob.address, parseEther("10"));
      expect((await farm.userInfo(0, bob.address)).amount).to.equal(2n * 10n ** 15n);
      expect((await farm.userInfo(0, alice.address)).amount).to.equal(3n * 10n ** 15n);
      expect(await rewardToken.balanceOf(alice.address)).to.equal(0n);
    });
  });
});

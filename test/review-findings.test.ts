/**
 * The outside review's findings (issue 11), one test each: every one of them failed on the farm as
 * reviewed and passes now. Expected amounts are worked out by hand in the comments, to the wei.
 *
 * The arithmetic the working follows (Farm.sol):
 * - global accumulator, in 1e-9 wei per allocation point: each update adds
 *   floor((emitted * 1e9 + remainder) / totalAllocPoint) and keeps the new remainder;
 * - pool accumulator, in 1e-48 wei per LP wei: each update adds
 *   floor(allocPoint * dAccPerPoint * 1e39 / totalStaked);
 * - a staker is owed floor(amount * accPerShare / 1e48) - debt, the debt set to the ceiling of that
 *   product when the stake changes.
 * S is the farm's startBlock; emission is for blocks b > S.
 */
import { expect } from "chai";
import { type Contract, MaxUint256, parseEther as rwd, toQuantity } from "ethers";
import { network } from "hardhat";

import { deployFarm } from "../deploy/farm.js";
import { deployTestToken } from "../worlds/tokens.js";
import { as, mined } from "../fixtures/chain.js";
import { at, inOneBlock, latestBlock, viewAt } from "./helpers/scenario.js";
import { buildWorld, type World } from "../fixtures/world.js";

const { ethers, networkHelpers } = await network.create();

/** The largest total stake of a pool (2^112 - 1) and the largest allocation (2^16 - 1). */
const MAX_TOTAL_STAKE = 2n ** 112n - 1n;
const MAX_ALLOC_POINT = 2n ** 16n - 1n;

async function world(): Promise<World> {
  return buildWorld(ethers);
}

/** A refused call, mined (a fixed gas limit skips the estimate that would stop it before a block). */
const MINED = { gasLimit: 1_000_000 };

/**
 * What a refused deposit could have moved: the pool's stake, each account's stake and LP, the
 * farm's LP and the reward supply. (Pending rewards are left out: they grow with every block.)
 */
async function holdings(farm: Contract, lp: Contract, rewardToken: Contract, accounts: string[]): Promise<unknown[]> {
  const farmAddress = await farm.getAddress();
  const perAccount = await Promise.all(accounts.map(async (a) => [(await farm.userInfo(0, a))[0], await lp.balanceOf(a)]));
  return [(await farm.poolInfo(0))[2], await lp.balanceOf(farmAddress), await rewardToken.totalSupply(), perAccount];
}

describe("Review findings (issue 11)", function () {
  describe("1. rounding nobody can grind", function () {
    /**
     * The review's case at the largest allocation and stake the farm accepts: a 6-decimal reward at
     * 1,000 wei per block, one pool, one staker, a stranger updating the pool in every block.
     * Reviewed farm: each update dropped up to 2^112 / 1e36 = 0.0052 wei of the staker's share in
     * the pool accumulator's last digit (and up to 65,535 / 1e9 wei in the global one's), so 1,000
     * updates cost it about 5 wei: it paid 999,994. Now the global accumulator carries what its
     * division leaves over and the pool's counts in 1e-48 wei: the staker is paid its exact share.
     */
    it("a stranger's updatePool in every block costs the largest staker in the largest pool nothing: 1,000 blocks pay the exact 1,000,000", async function () {
      this.timeout(120_000);
      const { owner, alice, mallory } = await networkHelpers.loadFixture(world);
      const S = (await latestBlock(ethers)) + 10n;
      const { farm, rewardToken } = await deployFarm(ethers, owner, { rewardPerBlock: 1_000n, startBlock: S, cap: 10n ** 12n, owner: owner.address, decimals: 6 });
      const lp = await deployTestToken(ethers, owner, { name: "Whale LP", symbol: "WLP", decimals: 18 });
      await mined(lp.mint(alice.address, MAX_TOTAL_STAKE + 1n));
      await mined(as(lp, alice).approve(await farm.getAddress(), MaxUint256));
      await mined(as(farm, owner).add(MAX_ALLOC_POINT, await lp.getAddress()));

      const D = S + 1n;
      await at(ethers, D, () => as(farm, alice).deposit(0, MAX_TOTAL_STAKE));
      const budgetAtDeposit = (await farm.rewardsRemaining()) as bigint;
      // Blocks D+1 .. D+999: mallory updates the pool in each one (raw sends: 999 blocks in seconds).
      const data = farm.interface.encodeFunctionData("updatePool", [0]);
      const to = await farm.getAddress();
      for (let i = 0; i < 999; i++) {
        await ethers.provider.send("eth_sendTransaction", [{ from: mallory.address, to, data, gas: toQuantity(200_000) }]);
      }
      expect(await latestBlock(ethers)).to.equal(D + 999n);

      // Harvest at D+1000: 1,000 blocks of 1,000 wei, all hers. Global: 1e12 per block over 65,535
      // points, the remainder carried: from floor(1e12 / 65,535) = 15,259,021 per point at D (58,765
      // left over) to floor(1,001e12 / 65,535) = 15,274,280,918 at D+1000, so the pool is credited
      // 65,535 x 15,259,021,897 = 1,000,000,000,019,895 (1e-9 wei): the exact 1,000,000 wei plus
      // 0.00002 wei of block D's remainder. Pool: 1,000 floors of x * 1e39 / (2^112 - 1), each
      // under 1e-48 wei per LP wei, 5e-12 wei of her stake in all: she is paid 1,000,000.
      const tx = await at(ethers, D + 1000n, () => as(farm, alice).harvest(0));
      await expect(tx).to.emit(farm, "Harvest").withArgs(alice.address, 0n, 1_000_000n);
      expect(await rewardToken.balanceOf(alice.address)).to.equal(1_000_000n);

      // What the budget was charged was paid: 1,000,000 charged, 1,000,000 paid.
      expect(budgetAtDeposit - ((await farm.rewardsRemaining()) as bigint)).to.equal(1_000_000n);
    });

    it("refuses what the exactness bound does not cover: allocation 2^16 and a pool stake of 2^112, with custom errors, changing nothing", async function () {
      const { owner, alice, bob, farm, rewardToken } = await networkHelpers.loadFixture(world);
      const lp = await deployTestToken(ethers, owner, { name: "Whale LP", symbol: "WLP", decimals: 18 });
      const lpAddress = await lp.getAddress();
      // The review's allocation 2^40 - 1 paid a staker 0 of 100,000 while the budget was charged.
      await expect(as(farm, owner).add(2n ** 40n - 1n, lpAddress))
        .to.be.revertedWithCustomError(farm, "AllocPointTooLarge")
        .withArgs(2n ** 40n - 1n, MAX_ALLOC_POINT);
      expect(await farm.MAX_ALLOC_POINT()).to.equal(MAX_ALLOC_POINT);
      expect(await farm.MAX_TOTAL_STAKE()).to.equal(MAX_TOTAL_STAKE);

      await mined(as(farm, owner).add(MAX_ALLOC_POINT, lpAddress));
      for (const who of [alice, bob]) {
        await mined(lp.mint(who.address, MAX_TOTAL_STAKE));
        await mined(as(lp, who).approve(await farm.getAddress(), MaxUint256));
      }
      await mined(as(farm, alice).deposit(0, MAX_TOTAL_STAKE - 5n));
      const accounts = [alice.address, bob.address];
      const before = await holdings(farm, lp, rewardToken, accounts);
      const block = await latestBlock(ethers);
      await expect(as(farm, bob).deposit(0, 6n, MINED))
        .to.be.revertedWithCustomError(farm, "PoolStakeTooLarge")
        .withArgs(0n, MAX_TOTAL_STAKE + 1n, MAX_TOTAL_STAKE);
      await expect(as(farm, bob).depositFor(0, 6n, alice.address, MINED))
        .to.be.revertedWithCustomError(farm, "PoolStakeTooLarge")
        .withArgs(0n, MAX_TOTAL_STAKE + 1n, MAX_TOTAL_STAKE);
      expect(await latestBlock(ethers), "both refusals were mined").to.equal(block + 2n);
      expect(await holdings(farm, lp, rewardToken, accounts)).to.deep.equal(before);
      // Up to the limit exactly is fine.
      await expect(as(farm, bob).deposit(0, 5n)).to.emit(farm, "Deposit").withArgs(bob.address, 0n, 5n);
      expect((await farm.poolInfo(0))[2]).to.equal(MAX_TOTAL_STAKE);
    });

    it("an admin change in the same block as another farm call settles at the old allocation, to the wei", async function () {
      const { owner, alice, bob, mallory, farm, usdcWeth, daiWeth, startBlock: S } = await networkHelpers.loadFixture(world);
      const farmAddress = await farm.getAddress();
      await mined(as(farm, owner).add(1, await usdcWeth.getAddress()));
      await mined(as(farm, owner).add(2, await daiWeth.getAddress()));
      await mined(as(usdcWeth, alice).approve(farmAddress, MaxUint256));
      await mined(as(daiWeth, bob).approve(farmAddress, MaxUint256));
      await mined(as(farm, alice).deposit(0, 10n ** 15n));
      await mined(as(farm, bob).deposit(1, 10n ** 15n));
      expect(await latestBlock(ethers)).to.be.lessThan(S);

      // Block S+2: mallory's update brings the global accumulator to floor(2e28 / 3) per point with
      // 2 left over; the owner's set in the same block finds it current, drops that remainder
      // (2e-9 wei: it belonged to the old total of 3 points) and settles pool 0 at 1 point:
      // 6,666,666,666.666666666 gwei for alice. From S+3, 4 points: pool 0 takes 2/4 of 10 RWD.
      await inOneBlock(ethers, S + 2n, [() => as(farm, mallory).updatePool(0), () => as(farm, owner).set(0, 2)]);
      await viewAt(ethers, S + 5n);
      // alice: 6.666666666666666666 (S+1..S+2) + 3 x 5 (S+3..S+5) = 21.666666666666666666 RWD.
      expect(await farm.pendingReward(0, alice.address)).to.equal(21_666_666_666_666_666_666n);
      // bob: 2/3 of 20 RWD (13.333333333333333333, floored) + 3 x 5 = 28.333333333333333333 RWD.
      expect(await farm.pendingReward(1, bob.address)).to.equal(28_333_333_333_333_333_333n);
    });
  });

  describe("2. start block", function () {
    it("refuses a start block of 2^64 or more with StartBlockTooLarge(startBlock, max); 2^64 - 1 starts nothing early", async function () {
      const { owner, alice, farm: worldFarm, usdcWeth } = await networkHelpers.loadFixture(world);
      // Reviewed farm: startBlock() said 2^64 while the schedule kept uint64(2^64) = 0, so emission
      // began as soon as a pool had allocation.
      for (const start of [2n ** 64n, 2n ** 255n]) {
        const nonce = await owner.getNonce();
        await expect(deployFarm(ethers, owner, { rewardPerBlock: rwd("1"), startBlock: start, cap: rwd("1000"), owner: owner.address }))
          .to.be.revertedWithCustomError(worldFarm, "StartBlockTooLarge")
          .withArgs(start, 2n ** 64n - 1n);
        expect(await owner.getNonce()).to.equal(nonce + 1); // the reward token went out, the farm did not
      }

      const { farm } = await deployFarm(ethers, owner, { rewardPerBlock: rwd("1"), startBlock: 2n ** 64n - 1n, cap: rwd("1000"), owner: owner.address });
      expect(await farm.startBlock()).to.equal(2n ** 64n - 1n);
      await mined(as(farm, owner).add(100, await usdcWeth.getAddress()));
      await mined(as(usdcWeth, alice).approve(await farm.getAddress(), MaxUint256));
      await mined(as(farm, alice).deposit(0, 10n ** 15n));
      await networkHelpers.mine(20);
      expect(await farm.pendingReward(0, alice.address)).to.equal(0n);
      expect(await farm.rewardsRemaining()).to.equal(rwd("1000"));
    });
  });

  describe("3. recipients", function () {
    it("depositFor(pid, amount, farm) reverts with FarmAsRecipient and changes nothing, with or without LP", async function () {
      const { owner, alice, farm, rewardToken, usdcWeth, startBlock: S } = await networkHelpers.loadFixture(world);
      const farmAddress = await farm.getAddress();
      await mined(as(farm, owner).add(100, await usdcWeth.getAddress()));
      await mined(as(usdcWeth, alice).approve(farmAddress, MaxUint256));
      await mined(as(farm, alice).deposit(0, 10n ** 15n));
      await viewAt(ethers, S + 3n);
      const accounts = [alice.address, farmAddress];
      const before = await holdings(farm, usdcWeth, rewardToken, accounts);
      // Reviewed farm: LP credited to the farm could never leave, and anyone could have rewards
      // minted to it with depositFor(pid, 0, farm).
      for (const amount of [10n ** 15n, 0n]) {
        await expect(as(farm, alice).depositFor(0, amount, farmAddress, MINED)).to.be.revertedWithCustomError(farm, "FarmAsRecipient");
      }
      expect(await latestBlock(ethers), "both refusals were mined").to.equal(S + 5n);
      expect(await holdings(farm, usdcWeth, rewardToken, accounts)).to.deep.equal(before);
    });
  });

  describe("4. events that say what happened", function () {
    it("RewardDeferred reports what a withdrawal while paused really keeps, the figure pendingReward shows after it", async function () {
      const { owner, alice, farm, usdcWeth, startBlock: S } = await networkHelpers.loadFixture(world);
      await mined(as(farm, owner).add(100, await usdcWeth.getAddress()));
      await mined(as(usdcWeth, alice).approve(await farm.getAddress(), MaxUint256));
      await mined(as(farm, alice).deposit(0, 7n)); // 7 LP wei, before S
      await at(ethers, S + 1n, () => as(farm, owner).pause());

      // S+3: three blocks of 10 RWD over 7 LP wei. Pool: accPerShare = floor(3e28 x 1e39 / 7) =
      // 4,285,714,285,714,285,714,285,714,285,714,285,714,285,714,285,714,285,714,285,714 (1e-48 wei).
      // alice is owed floor(7 x that / 1e48) = 29.999999999999999999.
      // Withdrawing 4 leaves 3 LP wei, whose debt is rounded up afresh: ceil(3 x acc / 1e48) =
      // 12.857142857142857143 against a floor of ...142, so 1 wei of the reward is given up and she
      // keeps 29.999999999999999998 (the reviewed farm reported ...999, 1 wei more than it kept).
      const tx = await at(ethers, S + 3n, () => as(farm, alice).withdraw(0, 4n));
      await expect(tx).to.emit(farm, "RewardDeferred").withArgs(alice.address, 0n, 29_999_999_999_999_999_998n);
      expect(await farm.pendingReward(0, alice.address)).to.equal(29_999_999_999_999_999_998n);
    });
  });
});

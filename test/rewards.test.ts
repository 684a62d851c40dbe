/**
 * Reward accounting, checked to the wei against hand-worked numbers.
 *
 * Conventions used in every working below:
 * - S is the farm's startBlock; emission is for blocks b > S. "S+5" means block startBlock + 5.
 * - A transaction in block b that changes a stake, an allocation or the rate first settles
 *   block b under the old values; the new values apply from block b + 1.
 * - Amounts are RWD (18 decimals) unless marked as LP wei.
 * - Stakes and allocations are chosen so that every share divides exactly: all expected values
 *   are exact, no rounding is involved (precision.test.ts covers the rounding).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { type Contract, type ContractTransactionResponse, parseEther as rwd } from "ethers";
import { network } from "hardhat";

import { deployFarm } from "../deploy/farm.js";
import {
  addPools,
  approveAll,
  as,
  at,
  harvestsIn,
  inOneBlock,
  latestBlock,
  mintsIn,
  viewAt,
} from "./helpers/scenario.js";
import { buildWorld, type World } from "../fixtures/world.js";

const { ethers, networkHelpers } = await network.create();

/** LP amounts in LP wei. */
const LP_E13 = 10n ** 13n;
const LP_E15 = 10n ** 15n;
const LP_E21 = 10n ** 21n;

/** The whole budget of the world's farm: cap 1,000,000 RWD, nothing minted at deployment. */
const WORLD_BUDGET = rwd("1000000");

async function rewardOf(rewardToken: Contract, who: HardhatEthersSigner): Promise<bigint> {
  return (await rewardToken.balanceOf(who.address)) as bigint;
}

async function stakeOf(farm: Contract, pid: number, who: HardhatEthersSigner): Promise<bigint> {
  return ((await farm.userInfo(pid, who.address)) as [bigint, bigint])[0];
}

async function pendingOf(farm: Contract, pid: number, who: HardhatEthersSigner): Promise<bigint> {
  return (await farm.pendingReward(pid, who.address)) as bigint;
}

/** The fixtures leave room for deposits "a few blocks before start". */
async function checkRoomBeforeStart(startBlock: bigint): Promise<void> {
  expect(await latestBlock(ethers)).to.be.lessThan(startBlock - 6n);
}

/*//////////////////////////////////////////////////////////////
                            FIXTURES
//////////////////////////////////////////////////////////////*/

/**
 * The one fixture: the Uniswap world with its farm and no pools, restored from a snapshot for each
 * test. The set-ups below start from it and add a few blocks each (pools, approvals); they are not
 * fixtures themselves because a fixture loaded for the first time is built on top of whatever the
 * previous test left behind, and nested fixtures invalidate each other's snapshots.
 */
async function baseWorld(): Promise<World> {
  return buildWorld(ethers);
}

/** Pools 0 = USDC/WETH (alloc 100), 1 = DAI/WETH (300), 2 = WBTC/WETH (600): 1 / 3 / 6 RWD per block. */
async function setUpThreePools(): Promise<World> {
  const world = await networkHelpers.loadFixture(baseWorld);
  const { farm, owner, alice, bob, carol, mallory, usdcWeth, daiWeth, wbtcWeth } = world;
  await addPools(farm, owner, [[usdcWeth, 100n], [daiWeth, 300n], [wbtcWeth, 600n]]);
  await approveAll(ethers, farm, [alice, bob, carol, mallory], [usdcWeth, daiWeth, wbtcWeth]);
  await checkRoomBeforeStart(world.startBlock);
  return world;
}

/** Pools 0 = USDC/WETH (alloc 100), 1 = DAI/WETH (300): 2.5 / 7.5 RWD per block. */
async function setUpTwoPools(): Promise<World> {
  const world = await networkHelpers.loadFixture(baseWorld);
  const { farm, owner, alice, bob, carol, mallory, usdcWeth, daiWeth } = world;
  await addPools(farm, owner, [[usdcWeth, 100n], [daiWeth, 300n]]);
  await approveAll(ethers, farm, [alice, bob, carol, mallory], [usdcWeth, daiWeth]);
  await checkRoomBeforeStart(world.startBlock);
  return world;
}

/** Pool 0 = USDC/WETH (alloc 100) alone: the whole 10 RWD per block. */
async function setUpOnePool(): Promise<World> {
  const world = await networkHelpers.loadFixture(baseWorld);
  const { farm, owner, alice, bob, carol, mallory, usdcWeth } = world;
  await addPools(farm, owner, [[usdcWeth, 100n]]);
  await approveAll(ethers, farm, [alice, bob, carol, mallory], [usdcWeth]);
  await checkRoomBeforeStart(world.startBlock);
  return world;
}

/** The world's farm with no pool at all (totalAllocPoint 0), stakers' approvals in place. */
async function setUpNoPools(): Promise<World> {
  const world = await networkHelpers.loadFixture(baseWorld);
  const { farm, alice, bob, usdcWeth } = world;
  await approveAll(ethers, farm, [alice, bob], [usdcWeth]);
  await checkRoomBeforeStart(world.startBlock);
  return world;
}

/**
 * A second farm with a small cap: cap 100 RWD, 5 RWD minted at deployment, so the farm's budget
 * is 95 RWD; 10 RWD per block. Pools 0 = USDC/WETH (alloc 100), 1 = DAI/WETH (300):
 * 2.5 / 7.5 RWD per block until the budget runs out.
 */
const CAPPED_CAP = rwd("100");
const CAPPED_INITIAL_SUPPLY = rwd("5");
async function setUpCappedFarm(): Promise<World> {
  const world = await networkHelpers.loadFixture(baseWorld);
  const { owner, alice, bob, carol, mallory, usdcWeth, daiWeth } = world;
  const startBlock = (await latestBlock(ethers)) + 20n;
  const { rewardToken, farm } = await deployFarm(ethers, owner, {
    rewardPerBlock: rwd("10"),
    startBlock,
    cap: CAPPED_CAP,
    initialSupply: CAPPED_INITIAL_SUPPLY,
    owner: owner.address,
  });
  await addPools(farm, owner, [[usdcWeth, 100n], [daiWeth, 300n]]);
  await approveAll(ethers, farm, [alice, bob, carol, mallory], [usdcWeth, daiWeth]);
  await checkRoomBeforeStart(startBlock);
  return { ...world, rewardToken, farm, startBlock };
}

/*//////////////////////////////////////////////////////////////
                             TESTS
//////////////////////////////////////////////////////////////*/

describe("Rewards: several users in several pools", function () {
  it("pays each user exactly its block-by-block share through staggered deposits, a partial withdraw and harvests", async function () {
    const { farm, rewardToken, alice, bob, carol, usdcWeth, startBlock: S } = await setUpThreePools();

    // Pool 0 (1 RWD/block): alice 2e15 LP from S+3, bob 3e15 from S+6, alice down to 1e15 from S+11.
    // Pool 1 (3 RWD/block): carol 1e21 LP from S+4, bob 4e21 from S+8.
    // Pool 2 (6 RWD/block): alice 1e13 LP from S+5, carol 1e13 from S+9.
    await at(ethers, S + 2n, () => as(farm, alice).deposit(0, 2n * LP_E15));
    await at(ethers, S + 3n, () => as(farm, carol).deposit(1, LP_E21));
    await at(ethers, S + 4n, () => as(farm, alice).deposit(2, LP_E13));
    await at(ethers, S + 5n, () => as(farm, bob).deposit(0, 3n * LP_E15));
    await at(ethers, S + 7n, () => as(farm, bob).deposit(1, 4n * LP_E21));
    await at(ethers, S + 8n, () => as(farm, carol).deposit(2, LP_E13));
    // Nobody has been paid yet: every deposit so far was a first deposit with nothing pending.
    for (const who of [alice, bob, carol]) expect(await rewardOf(rewardToken, who)).to.equal(0n);

    // Pending as of S+9:
    // pool 0: S+3..S+5 alice alone 3 x 1 = 3; S+6..S+9 alice 2/5, bob 3/5 of 1: alice 4 x 0.4 = 1.6, bob 4 x 0.6 = 2.4
    // pool 1: S+4..S+7 carol alone 4 x 3 = 12; S+8..S+9 carol 1/5, bob 4/5 of 3: carol 2 x 0.6 = 1.2, bob 2 x 2.4 = 4.8
    // pool 2: S+5..S+8 alice alone 4 x 6 = 24; S+9 half each: alice 3, carol 3
    await viewAt(ethers, S + 9n);
    expect(await pendingOf(farm, 0, alice)).to.equal(rwd("4.6")); // 3 + 1.6
    expect(await pendingOf(farm, 0, bob)).to.equal(rwd("2.4"));
    expect(await pendingOf(farm, 1, carol)).to.equal(rwd("13.2")); // 12 + 1.2
    expect(await pendingOf(farm, 1, bob)).to.equal(rwd("4.8"));
    expect(await pendingOf(farm, 2, alice)).to.equal(rwd("27")); // 24 + 3
    expect(await pendingOf(farm, 2, carol)).to.equal(rwd("3"));
    expect(await pendingOf(farm, 0, carol)).to.equal(0n);
    expect(await pendingOf(farm, 1, alice)).to.equal(0n);
    expect(await pendingOf(farm, 2, bob)).to.equal(0n);

    // S+10: alice withdraws half of her pool-0 stake; she is paid pool 0 through S+10:
    // 3 (S+3..S+5) + 5 x 0.4 (S+6..S+10) = 5.
    const lpBefore = (await usdcWeth.balanceOf(alice.address)) as bigint;
    const withdrawal = await at(ethers, S + 10n, () => as(farm, alice).withdraw(0, LP_E15));
    await expect(withdrawal).to.emit(farm, "Withdraw").withArgs(alice.address, 0n, LP_E15);
    await expect(withdrawal).not.to.emit(farm, "Harvest");
    expect(await mintsIn(rewardToken, withdrawal)).to.deep.equal([[alice.address, rwd("5")]]);
    expect(await rewardOf(rewardToken, alice)).to.equal(rwd("5"));
    expect(await usdcWeth.balanceOf(alice.address)).to.equal(lpBefore + LP_E15);
    expect(await stakeOf(farm, 0, alice)).to.equal(LP_E15);

    // S+12: carol harvests pool 1: 12 (S+4..S+7) + 5 x 0.6 (S+8..S+12) = 15.
    const carolHarvest = await at(ethers, S + 12n, () => as(farm, carol).harvest(1));
    await expect(carolHarvest).to.emit(farm, "Harvest").withArgs(carol.address, 1n, rwd("15"));
    expect(await rewardOf(rewardToken, carol)).to.equal(rwd("15"));

    // S+15: all three harvest every pool in the same block.
    // alice: pool 0 S+11..S+15 1/4 of 1: 5 x 0.25 = 1.25; pool 2: 27 (to S+9) + S+10..S+15 6 x 3 = 45.
    // bob:   pool 0 2.4 (to S+9) + S+10 0.6 + S+11..S+15 5 x 0.75 = 6.75; pool 1 4.8 (to S+9) + S+10..S+15 6 x 2.4 = 19.2.
    // carol: pool 1 S+13..S+15 3 x 0.6 = 1.8; pool 2 3 (S+9) + S+10..S+15 6 x 3 = 21.
    const [aliceAll, bobAll, carolAll] = await inOneBlock(ethers, S + 15n, [
      () => as(farm, alice).harvestAll([0, 1, 2]),
      () => as(farm, bob).harvestAll([0, 1, 2]),
      () => as(farm, carol).harvestAll([0, 1, 2]),
    ]);
    expect(await harvestsIn(farm, aliceAll)).to.deep.equal([
      [alice.address, 0n, rwd("1.25")],
      [alice.address, 2n, rwd("45")],
    ]);
    expect(await harvestsIn(farm, bobAll)).to.deep.equal([
      [bob.address, 0n, rwd("6.75")],
      [bob.address, 1n, rwd("19.2")],
    ]);
    expect(await harvestsIn(farm, carolAll)).to.deep.equal([
      [carol.address, 1n, rwd("1.8")],
      [carol.address, 2n, rwd("21")],
    ]);

    // Totals: alice 5 + 1.25 + 45 = 51.25; bob 6.75 + 19.2 = 25.95; carol 15 + 1.8 + 21 = 37.8.
    expect(await rewardOf(rewardToken, alice)).to.equal(rwd("51.25"));
    expect(await rewardOf(rewardToken, bob)).to.equal(rwd("25.95"));
    expect(await rewardOf(rewardToken, carol)).to.equal(rwd("37.8"));
    // 15 blocks x 10 = 150 emitted; unstaked pools lost pool 0 S+1..S+2 (2), pool 1 S+1..S+3 (9),
    // pool 2 S+1..S+4 (24): 150 - 35 = 115 = 51.25 + 25.95 + 37.8 minted.
    expect(await rewardToken.totalSupply()).to.equal(rwd("115"));
    expect(await farm.rewardsRemaining()).to.equal(WORLD_BUDGET - rwd("150"));
    for (const pid of [0, 1, 2]) {
      for (const who of [alice, bob, carol]) expect(await pendingOf(farm, pid, who)).to.equal(0n);
    }
    // Stakes are what was deposited minus the withdrawal.
    expect(await stakeOf(farm, 0, alice)).to.equal(LP_E15);
    expect(await stakeOf(farm, 0, bob)).to.equal(3n * LP_E15);
    expect(await stakeOf(farm, 1, carol)).to.equal(LP_E21);
    expect(await stakeOf(farm, 1, bob)).to.equal(4n * LP_E21);
    expect(await stakeOf(farm, 2, alice)).to.equal(LP_E13);
    expect(await stakeOf(farm, 2, carol)).to.equal(LP_E13);
  });
});

describe("Rewards: allocation changed mid-way with set", function () {
  it("keeps rewards before the change and follows the new split after it, for both untouched pools", async function () {
    const { farm, rewardToken, owner, alice, bob, startBlock: S } = await setUpTwoPools();
    // alice 1e15 LP in pool 0, bob 1e21 LP in pool 1, both before start; neither touches the farm
    // until they harvest, well after the change. Nobody calls massUpdatePools or updatePool.
    await at(ethers, S - 2n, () => as(farm, alice).deposit(0, LP_E15));
    await at(ethers, S - 1n, () => as(farm, bob).deposit(1, LP_E21));

    // S+5: pool 0 goes from 100 to 700 points. S+1..S+5 stay at 100/400 and 300/400
    // (2.5 and 7.5 per block); from S+6 on 700/1000 and 300/1000 (7 and 3 per block).
    const change = await at(ethers, S + 5n, () => as(farm, owner).set(0, 700));
    await expect(change).to.emit(farm, "PoolSet").withArgs(0n, 700n);
    expect(await farm.totalAllocPoint()).to.equal(1000n);

    // As of S+5: alice 5 x 2.5 = 12.5, bob 5 x 7.5 = 37.5 (the change has not applied yet).
    expect(await pendingOf(farm, 0, alice)).to.equal(rwd("12.5"));
    expect(await pendingOf(farm, 1, bob)).to.equal(rwd("37.5"));
    // As of S+6: alice 12.5 + 7 = 19.5, bob 37.5 + 3 = 40.5.
    await viewAt(ethers, S + 6n);
    expect(await pendingOf(farm, 0, alice)).to.equal(rwd("19.5"));
    expect(await pendingOf(farm, 1, bob)).to.equal(rwd("40.5"));

    // S+10: alice harvests 12.5 + S+6..S+10 5 x 7 = 47.5.
    await expect(at(ethers, S + 10n, () => as(farm, alice).harvest(0)))
      .to.emit(farm, "Harvest").withArgs(alice.address, 0n, rwd("47.5"));
    // S+11: bob harvests 37.5 + S+6..S+11 6 x 3 = 55.5.
    await expect(at(ethers, S + 11n, () => as(farm, bob).harvest(1)))
      .to.emit(farm, "Harvest").withArgs(bob.address, 1n, rwd("55.5"));
    expect(await rewardOf(rewardToken, alice)).to.equal(rwd("47.5"));
    expect(await rewardOf(rewardToken, bob)).to.equal(rwd("55.5"));
  });

  it("stops a pool set to 0 from the next block while the other pool takes the whole rate", async function () {
    const { farm, rewardToken, owner, alice, bob, startBlock: S } = await setUpTwoPools();
    await at(ethers, S - 2n, () => as(farm, alice).deposit(0, LP_E15));
    await at(ethers, S - 1n, () => as(farm, bob).deposit(1, LP_E21));

    // S+4: bob's pool (300 of 400) goes to 0 points; from S+5 alice's pool has all 10 per block.
    await at(ethers, S + 4n, () => as(farm, owner).set(1, 0));

    // As of S+8: bob 4 x 7.5 = 30 (frozen since S+4); alice 4 x 2.5 + S+5..S+8 4 x 10 = 50.
    await viewAt(ethers, S + 8n);
    expect(await pendingOf(farm, 1, bob)).to.equal(rwd("30"));
    expect(await pendingOf(farm, 0, alice)).to.equal(rwd("50"));

    // S+9: bob harvests his 30; S+10: alice harvests 10 + S+5..S+10 6 x 10 = 70.
    await at(ethers, S + 9n, () => as(farm, bob).harvest(1));
    await at(ethers, S + 10n, () => as(farm, alice).harvest(0));
    expect(await rewardOf(rewardToken, bob)).to.equal(rwd("30"));
    expect(await rewardOf(rewardToken, alice)).to.equal(rwd("70"));
    expect(await pendingOf(farm, 1, bob)).to.equal(0n);
  });
});

describe("Rewards: rate changed mid-way with setRewardPerBlock", function () {
  it("keeps rewards before each change and follows the new rate after it, for pools nobody touches", async function () {
    const { farm, rewardToken, owner, alice, bob, startBlock: S } = await setUpTwoPools();
    // alice 1e15 LP in pool 0 (100 of 400 points), bob 1e21 LP in pool 1 (300 of 400), before start.
    await at(ethers, S - 2n, () => as(farm, alice).deposit(0, LP_E15));
    await at(ethers, S - 1n, () => as(farm, bob).deposit(1, LP_E21));

    // S+5: 10 -> 20 per block (S+1..S+5 at 10: 2.5 / 7.5; from S+6 at 20: 5 / 15).
    const raise = await at(ethers, S + 5n, () => as(farm, owner).setRewardPerBlock(rwd("20")));
    await expect(raise).to.emit(farm, "RewardPerBlockSet").withArgs(rwd("20"));
    expect(await farm.rewardPerBlock()).to.equal(rwd("20"));
    // As of S+5: alice 5 x 2.5 = 12.5, bob 5 x 7.5 = 37.5; 5 x 10 = 50 emitted.
    expect(await pendingOf(farm, 0, alice)).to.equal(rwd("12.5"));
    expect(await pendingOf(farm, 1, bob)).to.equal(rwd("37.5"));
    expect(await farm.rewardsRemaining()).to.equal(WORLD_BUDGET - rwd("50"));
    // End: 999,950 left at 20 per block from S+5 = 49,997.5 blocks, so the last one is S+5+49,998.
    expect(await farm.emissionEndBlock()).to.equal(S + 5n + 49_998n);

    // S+10: 20 -> 4 per block (S+6..S+10 at 20; from S+11 at 4: 1 / 3).
    await at(ethers, S + 10n, () => as(farm, owner).setRewardPerBlock(rwd("4")));
    // As of S+10: alice 12.5 + 5 x 5 = 37.5, bob 37.5 + 5 x 15 = 112.5; emitted 50 + 5 x 20 = 150.
    expect(await pendingOf(farm, 0, alice)).to.equal(rwd("37.5"));
    expect(await pendingOf(farm, 1, bob)).to.equal(rwd("112.5"));
    expect(await farm.rewardsRemaining()).to.equal(rwd("999850")); // 1,000,000 - 150
    // 999,850 / 4 = 249,962.5 blocks from S+10: the last one is S+10+249,963.
    expect(await farm.emissionEndBlock()).to.equal(S + 10n + 249_963n);

    // S+15: alice harvests 37.5 + S+11..S+15 5 x 1 = 42.5. S+16: bob harvests 112.5 + S+11..S+16 6 x 3 = 130.5.
    await at(ethers, S + 15n, () => as(farm, alice).harvest(0));
    await at(ethers, S + 16n, () => as(farm, bob).harvest(1));
    expect(await rewardOf(rewardToken, alice)).to.equal(rwd("42.5"));
    expect(await rewardOf(rewardToken, bob)).to.equal(rwd("130.5"));
    // Emitted through S+16: 150 + 6 x 4 = 174.
    expect(await farm.rewardsRemaining()).to.equal(rwd("999826"));
  });
});

describe("Rewards: deposits before startBlock", function () {
  it("earn nothing up to startBlock, then the normal rate from the block after it", async function () {
    const { farm, rewardToken, alice, bob, startBlock: S } = await setUpOnePool();
    expect(await farm.startBlock()).to.equal(S);
    // One pool with all 10 per block. alice deposits at S-5; bob in the start block itself.
    await at(ethers, S - 5n, () => as(farm, alice).deposit(0, LP_E15));
    // A harvest before start pays nothing and emits nothing.
    const early = await at(ethers, S - 2n, () => as(farm, alice).harvest(0));
    await expect(early).not.to.emit(farm, "Harvest");
    expect(await mintsIn(rewardToken, early)).to.deep.equal([]);
    await at(ethers, S, () => as(farm, bob).deposit(0, LP_E15));

    // As of S: nothing emitted, for either.
    expect(await pendingOf(farm, 0, alice)).to.equal(0n);
    expect(await pendingOf(farm, 0, bob)).to.equal(0n);
    expect(await farm.rewardsRemaining()).to.equal(WORLD_BUDGET);
    // As of S+1: the first emitting block, split evenly: 5 each.
    await viewAt(ethers, S + 1n);
    expect(await pendingOf(farm, 0, alice)).to.equal(rwd("5"));
    expect(await pendingOf(farm, 0, bob)).to.equal(rwd("5"));

    // S+4: alice harvests S+1..S+4 4 x 5 = 20. S+5: bob harvests S+1..S+5 5 x 5 = 25.
    await expect(at(ethers, S + 4n, () => as(farm, alice).harvest(0)))
      .to.emit(farm, "Harvest").withArgs(alice.address, 0n, rwd("20"));
    await expect(at(ethers, S + 5n, () => as(farm, bob).harvest(0)))
      .to.emit(farm, "Harvest").withArgs(bob.address, 0n, rwd("25"));
    expect(await rewardOf(rewardToken, alice)).to.equal(rwd("20"));
    expect(await rewardOf(rewardToken, bob)).to.equal(rwd("25"));
  });
});

describe("Rewards: deposit(pid, 0)", function () {
  it("harvests: the balance goes up by exactly the pending reward and the stake is unchanged", async function () {
    const { farm, rewardToken, alice, bob, usdcWeth, startBlock: S } = await setUpOnePool();
    // alice and bob stake the same 1e15 LP before start: their rewards are identical (5 per block each).
    await at(ethers, S - 2n, () => as(farm, alice).deposit(0, LP_E15));
    await at(ethers, S - 1n, () => as(farm, bob).deposit(0, LP_E15));
    const aliceLp = (await usdcWeth.balanceOf(alice.address)) as bigint;

    // As of S+5: 5 x 5 = 25 each.
    await viewAt(ethers, S + 5n);
    expect(await pendingOf(farm, 0, alice)).to.equal(rwd("25"));

    // S+6: deposit(0, 0) pays alice her pending as of S+6: 6 x 5 = 30.
    const tx = await at(ethers, S + 6n, () => as(farm, alice).deposit(0, 0));
    await expect(tx).to.emit(farm, "Deposit").withArgs(alice.address, 0n, 0n);
    await expect(tx).not.to.emit(farm, "Harvest");
    expect(await mintsIn(rewardToken, tx)).to.deep.equal([[alice.address, rwd("30")]]);
    expect(await rewardOf(rewardToken, alice)).to.equal(rwd("30"));
    // Her twin's pending as of the same block S+6 is the same 30: alice got exactly her pending.
    expect(await pendingOf(farm, 0, bob)).to.equal(rwd("30"));
    expect(await pendingOf(farm, 0, alice)).to.equal(0n);
    // Stake, LP in the wallet and LP in the farm are unchanged.
    expect(await stakeOf(farm, 0, alice)).to.equal(LP_E15);
    expect(await usdcWeth.balanceOf(alice.address)).to.equal(aliceLp);
    expect(await usdcWeth.balanceOf(await farm.getAddress())).to.equal(2n * LP_E15);
    expect(((await farm.poolInfo(0)) as bigint[])[2]).to.equal(2n * LP_E15);
  });
});

describe("Rewards: harvestAll", function () {
  it("pays the exact sum over several pools in one mint, emits one Harvest per paying pool, and leaves nothing pending", async function () {
    const { farm, rewardToken, alice, bob, startBlock: S } = await setUpThreePools();
    // Pools pay 1 / 3 / 6 per block. alice stakes in all three; bob shares pool 1 with her equally.
    await at(ethers, S - 4n, () => as(farm, alice).deposit(0, LP_E15));
    await at(ethers, S - 3n, () => as(farm, alice).deposit(1, LP_E21));
    await at(ethers, S - 2n, () => as(farm, alice).deposit(2, LP_E13));
    await at(ethers, S - 1n, () => as(farm, bob).deposit(1, LP_E21));

    // S+4: alice's pools: 0: 4 x 1 = 4; 1: 4 x 1.5 = 6; 2: 4 x 6 = 24; total 34.
    const tx = await at(ethers, S + 4n, () => as(farm, alice).harvestAll([0, 1, 2]));
    await expect(tx).to.emit(farm, "Harvest").withArgs(alice.address, 0n, rwd("4"));
    await expect(tx).to.emit(farm, "Harvest").withArgs(alice.address, 1n, rwd("6"));
    await expect(tx).to.emit(farm, "Harvest").withArgs(alice.address, 2n, rwd("24"));
    expect(await harvestsIn(farm, tx)).to.have.length(3);
    expect(await mintsIn(rewardToken, tx)).to.deep.equal([[alice.address, rwd("34")]]);
    expect(await rewardOf(rewardToken, alice)).to.equal(rwd("34"));
    for (const pid of [0, 1, 2]) expect(await pendingOf(farm, pid, alice)).to.equal(0n);

    // S+5: bob harvests all three but only has pool 1: 5 x 1.5 = 7.5, a single Harvest event.
    const bobTx = await at(ethers, S + 5n, () => as(farm, bob).harvestAll([0, 1, 2]));
    expect(await harvestsIn(farm, bobTx)).to.deep.equal([[bob.address, 1n, rwd("7.5")]]);
    expect(await rewardOf(rewardToken, bob)).to.equal(rwd("7.5"));
    // As of S+5 alice has one more block: 1 + 1.5 + 6.
    expect(await pendingOf(farm, 0, alice)).to.equal(rwd("1"));
    expect(await pendingOf(farm, 1, alice)).to.equal(rwd("1.5"));
    expect(await pendingOf(farm, 2, alice)).to.equal(rwd("6"));

    // A pool that does not exist makes the whole call revert.
    await expect(as(farm, alice).harvestAll([0, 3])).to.be.revertedWithCustomError(farm, "PoolNotFound").withArgs(3n, 3n);
  });
});

describe("Rewards: depositFor", function () {
  it("takes LP from the caller, credits the recipient and pays the recipient its pending, leaving the caller's position alone", async function () {
    const { farm, rewardToken, alice, carol, usdcWeth, startBlock: S } = await setUpOnePool();
    const farmAddress = await farm.getAddress();
    // alice and carol each stake 1e15 LP before start: 5 per block each.
    await at(ethers, S - 2n, () => as(farm, alice).deposit(0, LP_E15));
    await at(ethers, S - 1n, () => as(farm, carol).deposit(0, LP_E15));
    const aliceLp = (await usdcWeth.balanceOf(alice.address)) as bigint;
    const carolLp = (await usdcWeth.balanceOf(carol.address)) as bigint;

    // S+4: alice deposits 2e15 of her LP for carol. carol is paid S+1..S+4 4 x 5 = 20.
    const tx = await at(ethers, S + 4n, () => as(farm, alice).depositFor(0, 2n * LP_E15, carol.address));
    await expect(tx).to.emit(farm, "Deposit").withArgs(carol.address, 0n, 2n * LP_E15);
    expect(await mintsIn(rewardToken, tx)).to.deep.equal([[carol.address, rwd("20")]]);
    expect(await usdcWeth.balanceOf(alice.address)).to.equal(aliceLp - 2n * LP_E15);
    expect(await usdcWeth.balanceOf(carol.address)).to.equal(carolLp);
    expect(await usdcWeth.balanceOf(farmAddress)).to.equal(4n * LP_E15);
    expect(await stakeOf(farm, 0, carol)).to.equal(3n * LP_E15);
    expect(await rewardOf(rewardToken, carol)).to.equal(rwd("20"));
    // alice's own position: same stake, nothing paid, her 20 still pending.
    expect(await stakeOf(farm, 0, alice)).to.equal(LP_E15);
    expect(await rewardOf(rewardToken, alice)).to.equal(0n);
    expect(await pendingOf(farm, 0, alice)).to.equal(rwd("20"));

    // From S+5 carol has 3/4 (7.5 per block) and alice 1/4 (2.5).
    // S+8: alice harvests 20 + S+5..S+8 4 x 2.5 = 30. S+9: carol harvests S+5..S+9 5 x 7.5 = 37.5.
    await at(ethers, S + 8n, () => as(farm, alice).harvest(0));
    await at(ethers, S + 9n, () => as(farm, carol).harvest(0));
    expect(await rewardOf(rewardToken, alice)).to.equal(rwd("30"));
    expect(await rewardOf(rewardToken, carol)).to.equal(rwd("57.5")); // 20 + 37.5
  });

  it("refuses the zero address as recipient", async function () {
    const { farm, alice } = await setUpOnePool();
    await expect(as(farm, alice).depositFor(0, LP_E15, ethers.ZeroAddress))
      .to.be.revertedWithCustomError(farm, "ZeroRecipient");
  });
});

describe("Rewards: supply cap reached mid-way", function () {
  it("stops pending at the cap block, pays everyone what they accrued, and keeps every staker action working", async function () {
    const { farm, rewardToken, alice, bob, carol, mallory, usdcWeth, startBlock: S } = await setUpCappedFarm();
    // Budget 95: S+1..S+9 emit 10 each (90), S+10 emits the last 5, nothing after.
    expect(await farm.rewardsRemaining()).to.equal(rwd("95"));
    expect(await farm.emissionEndBlock()).to.equal(S + 10n);

    // Pool 0 (1/4): alice 1e15 LP from S+1, bob 3e15 from S+5. Pool 1 (3/4): carol 1e21 from S+4.
    await at(ethers, S - 1n, () => as(farm, alice).deposit(0, LP_E15));
    await at(ethers, S + 3n, () => as(farm, carol).deposit(1, LP_E21));
    await at(ethers, S + 4n, () => as(farm, bob).deposit(0, 3n * LP_E15));
    // S+7: bob harvests S+5..S+7 3 x (3/4 of 2.5 = 1.875) = 5.625.
    await expect(at(ethers, S + 7n, () => as(farm, bob).harvest(0)))
      .to.emit(farm, "Harvest").withArgs(bob.address, 0n, rwd("5.625"));

    // As of S+9 (the last full block):
    // alice: S+1..S+4 alone 4 x 2.5 = 10, S+5..S+9 5 x 0.625 = 3.125 -> 13.125
    // bob:   S+8..S+9 2 x 1.875 = 3.75
    // carol: S+4..S+9 6 x 7.5 = 45
    await viewAt(ethers, S + 9n);
    expect(await pendingOf(farm, 0, alice)).to.equal(rwd("13.125"));
    expect(await pendingOf(farm, 0, bob)).to.equal(rwd("3.75"));
    expect(await pendingOf(farm, 1, carol)).to.equal(rwd("45"));
    expect(await farm.rewardsRemaining()).to.equal(rwd("5"));

    // S+10 emits only the 5 left: pool 0 gets 1.25 (alice 0.3125, bob 0.9375), pool 1 gets 3.75.
    const capped = { alice: rwd("13.4375"), bob: rwd("4.6875"), carol: rwd("48.75") };
    await viewAt(ethers, S + 10n);
    expect(await pendingOf(farm, 0, alice)).to.equal(capped.alice); // 13.125 + 0.3125
    expect(await pendingOf(farm, 0, bob)).to.equal(capped.bob); // 3.75 + 0.9375
    expect(await pendingOf(farm, 1, carol)).to.equal(capped.carol); // 45 + 3.75
    expect(await farm.rewardsRemaining()).to.equal(0n);

    // S+11 and later: nothing more.
    await viewAt(ethers, S + 11n);
    expect(await pendingOf(farm, 0, alice)).to.equal(capped.alice);
    expect(await pendingOf(farm, 0, bob)).to.equal(capped.bob);
    expect(await pendingOf(farm, 1, carol)).to.equal(capped.carol);

    // S+12: mallory joins after the cap; she is paid nothing and never earns.
    const lateDeposit = await at(ethers, S + 12n, () => as(farm, mallory).deposit(0, LP_E15));
    expect(await mintsIn(rewardToken, lateDeposit)).to.deep.equal([]);
    await viewAt(ethers, S + 30n);
    expect(await pendingOf(farm, 0, alice)).to.equal(capped.alice);
    expect(await pendingOf(farm, 0, bob)).to.equal(capped.bob);
    expect(await pendingOf(farm, 1, carol)).to.equal(capped.carol);
    expect(await pendingOf(farm, 0, mallory)).to.equal(0n);

    // Everyone is paid exactly what they accrued, by every kind of action.
    await expect(at(ethers, S + 31n, () => as(farm, alice).harvest(0)))
      .to.emit(farm, "Harvest").withArgs(alice.address, 0n, capped.alice);
    const bobLp = (await usdcWeth.balanceOf(bob.address)) as bigint;
    const bobOut = await at(ethers, S + 32n, () => as(farm, bob).withdraw(0, 3n * LP_E15));
    expect(await mintsIn(rewardToken, bobOut)).to.deep.equal([[bob.address, capped.bob]]);
    expect(await usdcWeth.balanceOf(bob.address)).to.equal(bobLp + 3n * LP_E15);
    const carolIn = await at(ethers, S + 33n, () => as(farm, carol).deposit(1, 0));
    expect(await mintsIn(rewardToken, carolIn)).to.deep.equal([[carol.address, capped.carol]]);

    // After the cap, every action still works and pays 0.
    const again = await at(ethers, S + 34n, () => as(farm, alice).harvest(0));
    await expect(again).not.to.emit(farm, "Harvest");
    expect(await mintsIn(rewardToken, again)).to.deep.equal([]);
    for (const [block, send] of [
      [S + 35n, () => as(farm, alice).withdraw(0, LP_E15)],
      [S + 36n, () => as(farm, mallory).withdraw(0, LP_E15)],
      [S + 37n, () => as(farm, carol).deposit(1, LP_E21)],
      [S + 38n, () => as(farm, bob).deposit(0, LP_E15)],
      [S + 39n, () => as(farm, carol).harvestAll([0, 1])],
    ] as const) {
      expect(await mintsIn(rewardToken, await at(ethers, block, send))).to.deep.equal([]);
    }

    // alice 13.4375, bob 5.625 + 4.6875 = 10.3125, carol 48.75.
    expect(await rewardOf(rewardToken, alice)).to.equal(rwd("13.4375"));
    expect(await rewardOf(rewardToken, bob)).to.equal(rwd("10.3125"));
    expect(await rewardOf(rewardToken, carol)).to.equal(rwd("48.75"));
    expect(await rewardOf(rewardToken, mallory)).to.equal(0n);
    // Supply: 5 at deployment + 72.5 paid = 77.5 = cap 100 - 22.5 that went to no one
    // (pool 1's 7.5 per block for S+1..S+3, before carol staked).
    expect(await rewardToken.totalSupply()).to.equal(rwd("77.5"));
    expect(await rewardToken.totalSupply()).to.equal(CAPPED_CAP - rwd("22.5"));
    expect(await farm.rewardsRemaining()).to.equal(0n);
  });

  it("ends the supply exactly at the cap when no emission went unclaimed", async function () {
    const { farm, rewardToken, alice, carol, startBlock: S } = await setUpCappedFarm();
    // Both pools staked before start, so every emitted wei has an owner.
    await at(ethers, S - 2n, () => as(farm, alice).deposit(0, LP_E15));
    await at(ethers, S - 1n, () => as(farm, carol).deposit(1, LP_E21));
    // alice: S+1..S+9 9 x 2.5 + S+10 1.25 = 23.75; carol: 9 x 7.5 + 3.75 = 71.25; 23.75 + 71.25 = 95.
    await at(ethers, S + 12n, () => as(farm, alice).harvest(0));
    await at(ethers, S + 13n, () => as(farm, carol).withdraw(1, LP_E21));
    expect(await rewardOf(rewardToken, alice)).to.equal(rwd("23.75"));
    expect(await rewardOf(rewardToken, carol)).to.equal(rwd("71.25"));
    expect(await rewardToken.totalSupply()).to.equal(CAPPED_CAP);
    expect(await rewardToken.totalSupply()).to.equal(rwd("100"));
  });
});

describe("Rewards: idle allocation (totalAllocPoint == 0)", function () {
  it("spends no budget while the farm runs with no pool, and emits from the block after the first add", async function () {
    const { farm, rewardToken, owner, alice, usdcWeth, startBlock: S } = await setUpNoPools();
    expect(await farm.totalAllocPoint()).to.equal(0n);
    // S+1..S+10 pass with no pool at all.
    await viewAt(ethers, S + 9n);
    expect(await farm.rewardsRemaining()).to.equal(WORLD_BUDGET);

    // S+10: the first pool is added and alice stakes, in the same block; emission starts at S+11.
    await inOneBlock(ethers, S + 10n, [
      async () => as(farm, owner).add(100, await usdcWeth.getAddress()),
      () => as(farm, alice).deposit(0, LP_E15),
    ]);
    expect(await farm.rewardsRemaining()).to.equal(WORLD_BUDGET);
    // 1,000,000 / 10 = 100,000 blocks counted from S+10.
    expect(await farm.emissionEndBlock()).to.equal(S + 10n + 100_000n);

    // As of S+15: S+11..S+15 5 x 10 = 50, all alice's.
    await viewAt(ethers, S + 15n);
    expect(await pendingOf(farm, 0, alice)).to.equal(rwd("50"));
    expect(await farm.rewardsRemaining()).to.equal(WORLD_BUDGET - rwd("50"));
    // S+20: alice harvests S+11..S+20 10 x 10 = 100.
    await at(ethers, S + 20n, () => as(farm, alice).harvest(0));
    expect(await rewardOf(rewardToken, alice)).to.equal(rwd("100"));
    expect(await farm.rewardsRemaining()).to.equal(WORLD_BUDGET - rwd("100"));
  });

  it("spends no budget while the only pool is set to 0, and resumes from the block after it is set back", async function () {
    const { farm, rewardToken, owner, alice, bob, startBlock: S } = await setUpOnePool();
    await at(ethers, S - 1n, () => as(farm, alice).deposit(0, LP_E15));

    // S+5: the only pool goes to 0 points. S+1..S+5 emitted 5 x 10 = 50, all alice's.
    await at(ethers, S + 5n, () => as(farm, owner).set(0, 0));
    expect(await farm.totalAllocPoint()).to.equal(0n);
    expect(await pendingOf(farm, 0, alice)).to.equal(rwd("50"));
    expect(await farm.rewardsRemaining()).to.equal(WORLD_BUDGET - rwd("50"));

    // During the idle spell: alice harvests her 50, bob stakes; nothing accrues, nothing is spent.
    await at(ethers, S + 10n, () => as(farm, alice).harvest(0));
    expect(await rewardOf(rewardToken, alice)).to.equal(rwd("50"));
    await at(ethers, S + 12n, () => as(farm, bob).deposit(0, LP_E15));
    await viewAt(ethers, S + 14n);
    expect(await pendingOf(farm, 0, alice)).to.equal(0n);
    expect(await pendingOf(farm, 0, bob)).to.equal(0n);
    expect(await farm.rewardsRemaining()).to.equal(WORLD_BUDGET - rwd("50"));

    // S+15: back to 100 points; S+6..S+15 emitted nothing. From S+16: 5 per block each.
    await at(ethers, S + 15n, () => as(farm, owner).set(0, 100));
    expect(await farm.rewardsRemaining()).to.equal(WORLD_BUDGET - rwd("50"));
    // 999,950 / 10 = 99,995 blocks counted from S+15.
    expect(await farm.emissionEndBlock()).to.equal(S + 15n + 99_995n);

    // S+20: alice harvests S+16..S+20 5 x 5 = 25. S+21: bob harvests S+16..S+21 6 x 5 = 30.
    await at(ethers, S + 20n, () => as(farm, alice).harvest(0));
    await at(ethers, S + 21n, () => as(farm, bob).harvest(0));
    expect(await rewardOf(rewardToken, alice)).to.equal(rwd("75")); // 50 + 25
    expect(await rewardOf(rewardToken, bob)).to.equal(rwd("30"));
    // Spent: 50 (S+1..S+5) + 60 (S+16..S+21).
    expect(await farm.rewardsRemaining()).to.equal(WORLD_BUDGET - rwd("110"));
  });
});

describe("Rewards: massUpdatePools and updatePool", function () {
  // Pool 0 (2.5 per block): alice 1e15 LP from S+1, carol 3e15 from S+4.
  // Pool 1 (7.5 per block): bob 1e21 LP from S+1.
  // alice harvests at S+10: S+1..S+3 3 x 2.5 = 7.5, S+4..S+10 7 x 0.625 = 4.375 -> 11.875
  // bob harvests at S+11: 11 x 7.5 = 82.5
  // carol harvests at S+12: S+4..S+12 9 x 1.875 = 16.875
  const EXPECTED = { alice: rwd("11.875"), bob: rwd("82.5"), carol: rwd("16.875") };

  type Call = () => Promise<ContractTransactionResponse>;

  async function play(updates: Array<[offset: bigint, call: (farm: Contract) => Promise<ContractTransactionResponse>]>): Promise<World> {
    const world = await setUpTwoPools();
    const { farm, rewardToken, alice, bob, carol, mallory, startBlock: S } = world;
    const plan: Array<[block: bigint, call: Call, isUpdate: boolean]> = [
      [S - 2n, () => as(farm, alice).deposit(0, LP_E15), false],
      [S - 1n, () => as(farm, bob).deposit(1, LP_E21), false],
      [S + 3n, () => as(farm, carol).deposit(0, 3n * LP_E15), false],
      [S + 10n, () => as(farm, alice).harvest(0), false],
      [S + 11n, () => as(farm, bob).harvest(1), false],
      [S + 12n, () => as(farm, carol).harvest(0), false],
      // Called by mallory, who has no stake anywhere.
      ...updates.map(([offset, call]): [bigint, Call, boolean] => [S + offset, () => call(as(farm, mallory)), true]),
    ];
    plan.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [block, call, isUpdate] of plan) {
      const supplyBefore = (await rewardToken.totalSupply()) as bigint;
      const tx = await at(ethers, block, call);
      if (isUpdate) {
        // An update pays nobody.
        expect(await mintsIn(rewardToken, tx)).to.deep.equal([]);
        expect(await rewardToken.totalSupply()).to.equal(supplyBefore);
      }
    }
    return world;
  }

  it("pay the hand-worked rewards when nobody calls them", async function () {
    const { rewardToken, alice, bob, carol } = await play([]);
    expect(await rewardOf(rewardToken, alice)).to.equal(EXPECTED.alice);
    expect(await rewardOf(rewardToken, bob)).to.equal(EXPECTED.bob);
    expect(await rewardOf(rewardToken, carol)).to.equal(EXPECTED.carol);
  });

  it("are callable by anyone, before and after start, and change nothing users receive", async function () {
    const { rewardToken, alice, bob, carol } = await play([
      [-3n, (farm) => farm.massUpdatePools()],
      [1n, (farm) => farm.updatePool(0)],
      [2n, (farm) => farm.massUpdatePools()],
      [4n, (farm) => farm.updatePool(0)],
      [5n, (farm) => farm.updatePool(1)],
      [6n, (farm) => farm.massUpdatePools()],
      [7n, (farm) => farm.updatePool(0)],
      [8n, (farm) => farm.massUpdatePools()],
      [9n, (farm) => farm.updatePool(1)],
    ]);
    expect(await rewardOf(rewardToken, alice)).to.equal(EXPECTED.alice);
    expect(await rewardOf(rewardToken, bob)).to.equal(EXPECTED.bob);
    expect(await rewardOf(rewardToken, carol)).to.equal(EXPECTED.carol);
  });

  it("updatePool refuses a pool that does not exist", async function () {
    const { farm } = await setUpTwoPools();
    await expect(farm.updatePool(2)).to.be.revertedWithCustomError(farm, "PoolNotFound").withArgs(2n, 2n);
  });
});

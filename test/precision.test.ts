/**
 * Rounding and range: huge LP supplies, 1-wei stakes, a 6-decimal reward token at a tiny rate, and
 * a thousand years of emission. Every expected value is worked out by hand, floors included.
 *
 * The contract's arithmetic the working follows (see Farm.sol):
 * - global accumulator, per update: accPerPoint += floor((emitted * 1e9 + remainder) / totalAllocPoint),
 *   the new remainder kept for the next update (every division below is exact, so it stays 0)
 * - pool accumulator, per update:   accPerShare += floor(allocPoint * dAccPerPoint * 1e39 / totalStaked)
 *   (i.e. reward per LP wei scaled 1e48)
 * - a staker's pending: floor(amount * accPerShare / 1e48) - debt, where the debt is set at each
 *   settlement to ceil(amount * accPerShare / 1e48) (0 for a stake deposited before any emission).
 * The working below writes accPerShare scaled 1e36 (the farm's figure / 1e12), where the numbers
 * stay readable: every division it takes is exact at 1e-36, or its floor pays the same wei at 1e-48.
 * S is the farm's startBlock; emission is for blocks b > S.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { type Contract, parseEther as rwd } from "ethers";
import { network } from "hardhat";

import { deployFarm } from "../deploy/farm.js";
import { addLiquidity } from "../worlds/liquidity.js";
import { deployTestToken } from "../worlds/tokens.js";
import { addPools, approveAll, as, at, latestBlock, mintsIn, viewAt } from "./helpers/scenario.js";
import { buildWorld, type World } from "../fixtures/world.js";

const { ethers, networkHelpers } = await network.create();

/** LP supply of the big pair: sqrt(1e30 * 1e30). */
const BIG_LP_SUPPLY = 10n ** 30n;
/** Uniswap V2 locks the first 1,000 LP wei at address 0: the provider gets the rest. */
const BIG_LP_PROVIDED = BIG_LP_SUPPLY - 1000n;

/** 2^96 - 1: the largest budget the farm accepts (MAX_EMISSION). */
const MAX_BUDGET = 79_228_162_514_264_337_593_543_950_335n;
/** A thousand years of 12-second blocks: 1,000 x 365.25 x 86,400 / 12 = 2,629,800,000, rounded up. */
const THOUSAND_YEARS = 2_630_000_000n;

interface BigWorld extends World {
  /** A real UniswapV2Pair between two 18-decimal test tokens, LP supply exactly 1e30. */
  bigPair: Contract;
}

interface Farmed {
  world: BigWorld;
  farm: Contract;
  rewardToken: Contract;
  S: bigint;
}

/** The fixture: the Uniswap world plus a pair of two 18-decimal tokens with 1e12 tokens on each side. */
async function bigPairWorld(): Promise<BigWorld> {
  const world = await buildWorld(ethers);
  const { owner, uniswap } = world;
  const tokenA = await deployTestToken(ethers, owner, { name: "Big A", symbol: "BIGA", decimals: 18 });
  const tokenB = await deployTestToken(ethers, owner, { name: "Big B", symbol: "BIGB", decimals: 18 });
  const side = 10n ** 30n; // 1e12 tokens of 18 decimals
  await (await as(tokenA, owner).mint(owner.address, side)).wait();
  await (await as(tokenB, owner).mint(owner.address, side)).wait();
  const bigPair = await addLiquidity(uniswap, owner, { tokenA, tokenB, amountA: side, amountB: side });
  expect(await bigPair.totalSupply()).to.equal(BIG_LP_SUPPLY);
  expect(await bigPair.balanceOf(owner.address)).to.equal(BIG_LP_PROVIDED);
  return { ...world, bigPair };
}

/** A new farm over the big world, starting 20 blocks from now. */
async function newFarm(world: BigWorld, params: { rewardPerBlock: bigint; cap: bigint; decimals?: number }): Promise<Farmed> {
  const S = (await latestBlock(ethers)) + 20n;
  const { farm, rewardToken } = await deployFarm(ethers, world.owner, { ...params, startBlock: S, owner: world.owner.address });
  return { world, farm, rewardToken, S };
}

async function pendingOf(farm: Contract, pid: number, who: HardhatEthersSigner): Promise<bigint> {
  return (await farm.pendingReward(pid, who.address)) as bigint;
}

async function rewardOf(rewardToken: Contract, who: HardhatEthersSigner): Promise<bigint> {
  return (await rewardToken.balanceOf(who.address)) as bigint;
}

/*//////////////////////////////////////////////////////////////
       6-DECIMAL REWARD, 1,000 WEI PER BLOCK, 1e30 LP STAKED
//////////////////////////////////////////////////////////////*/

/** alice: 7e26 LP (0.07 %) -> exact share 0.7 wei per block. */
const ALICE_LP = 7n * 10n ** 26n;
/** carol: 1e24 LP (0.0001 %) -> exact share 0.001 wei per block. */
const CAROL_LP = 10n ** 24n;
/** bob: everything else the provider has: 1e30 - 1,000 - 7e26 - 1e24 = 999,299e24 - 1,000 LP. */
const BOB_LP = 999_299n * 10n ** 24n - 1000n;

/**
 * One pool (alloc 1) over the big pair; reward token with 6 decimals, 1,000 wei (0.001 token) per
 * block, cap 1e12 wei. All of the provided LP is staked by bob, alice and carol before start:
 * totalStaked T = 1e30 - 1,000. Global accumulator: 1,000 * 1e9 / 1 = 1e12 per block, exact.
 * Pool accumulator after n blocks, whatever the updates: each update of d blocks adds
 * floor(d * 1e12 * 1e27 / T) = floor(d * 1e9 / (1 - 1e-27)) = floor(d * 1e9 + d * 1e-18 + ...) = d * 1e9
 * (for d < 1e18), so accPerShare = n * 1e9 at S+n.
 */
async function setUpSixDecimalFarm(): Promise<Farmed> {
  const world = await networkHelpers.loadFixture(bigPairWorld);
  const { owner, alice, bob, carol, bigPair } = world;
  const farmed = await newFarm(world, { rewardPerBlock: 1000n, cap: 10n ** 12n, decimals: 6 });
  const { farm, rewardToken, S } = farmed;
  expect(await rewardToken.decimals()).to.equal(6n);
  await addPools(farm, owner, [[bigPair, 1n]]);
  for (const [who, amount] of [[alice, ALICE_LP], [carol, CAROL_LP], [bob, BOB_LP]] as const) {
    await (await as(bigPair, owner).transfer(who.address, amount)).wait();
  }
  await approveAll(ethers, farm, [alice, bob, carol], [bigPair]);
  await at(ethers, S - 3n, () => as(farm, bob).deposit(0, BOB_LP));
  await at(ethers, S - 2n, () => as(farm, alice).deposit(0, ALICE_LP));
  await at(ethers, S - 1n, () => as(farm, carol).deposit(0, CAROL_LP));
  expect(((await farm.poolInfo(0)) as bigint[])[2]).to.equal(BIG_LP_PROVIDED);
  return farmed;
}

describe("Precision: 1e30 LP staked, 6-decimal reward at 1,000 wei per block", function () {
  it("pays a 0.07 % staker its first wei as soon as its exact share reaches 1 wei, and every staker the exact floor", async function () {
    const { world, farm, rewardToken, S } = await setUpSixDecimalFarm();
    const { alice, bob, carol } = world;
    // (A classic 1e12-scaled MasterChef would credit floor(1,000 * 1e12 / 1e30) = 0 per LP wei:
    // nobody but whole-pool stakers would ever earn here.)

    // S+1: accPerShare 1e9. alice floor(7e26 * 1e9 / 1e36) = floor(0.7) = 0 (exact 0.7000...);
    // carol floor(0.001) = 0; bob floor((999,299e24 - 1,000) * 1e9 / 1e36) = floor(999.299 - 1e-24) = 999.
    await viewAt(ethers, S + 1n);
    expect(await pendingOf(farm, 0, alice)).to.equal(0n);
    expect(await pendingOf(farm, 0, carol)).to.equal(0n);
    expect(await pendingOf(farm, 0, bob)).to.equal(999n);

    // S+2: accPerShare 2e9. alice floor(1.4) = 1: her exact share (1.4000... wei) has passed 1 wei.
    // bob floor(1,998.598 - 2e-24) = 1,998.
    await viewAt(ethers, S + 2n);
    expect(await pendingOf(farm, 0, alice)).to.equal(1n);
    expect(await pendingOf(farm, 0, bob)).to.equal(1998n);

    // S+10: alice harvests floor(7e26 * 10e9 / 1e36) = floor(7.0) = 7 (exact 7.000...007).
    await expect(at(ethers, S + 10n, () => as(farm, alice).harvest(0)))
      .to.emit(farm, "Harvest").withArgs(alice.address, 0n, 7n);
    expect(await rewardOf(rewardToken, alice)).to.equal(7n);

    // S+999: carol's exact share 0.999... wei: nothing yet.
    await viewAt(ethers, S + 999n);
    expect(await pendingOf(farm, 0, carol)).to.equal(0n);
    // S+1000: carol (one millionth of the pool) harvests floor(1e24 * 1,000e9 / 1e36) = floor(1.0) = 1.
    await expect(at(ethers, S + 1000n, () => as(farm, carol).harvest(0)))
      .to.emit(farm, "Harvest").withArgs(carol.address, 0n, 1n);
    // S+1001: bob harvests floor((999,299e24 - 1,000) * 1,001e9 / 1e36) = floor(1,000,298.299 - ...) = 1,000,298.
    await expect(at(ethers, S + 1001n, () => as(farm, bob).harvest(0)))
      .to.emit(farm, "Harvest").withArgs(bob.address, 0n, 1_000_298n);
    // alice since her harvest at S+10 (debt ceil(7.0) = 7): floor(7e26 * 1,001e9 / 1e36) - 7 = floor(700.7) - 7 = 693.
    expect(await pendingOf(farm, 0, alice)).to.equal(693n);

    // 1,001 blocks x 1,000 = 1,001,000 emitted. Paid or pending: 7 + 693 + 1 + 1,000,298 = 1,000,999;
    // carol's pending: floor(1.001) - ceil(1.0) = 0. The last wei is rounding dust that nobody gets.
    expect(await pendingOf(farm, 0, carol)).to.equal(0n);
    expect(await rewardToken.totalSupply()).to.equal(7n + 1n + 1_000_298n);
    expect(await farm.rewardsRemaining()).to.equal(10n ** 12n - 1_001_000n);
  });
});

/*//////////////////////////////////////////////////////////////
              FREQUENT SETTLEMENT LOSES NOTHING
//////////////////////////////////////////////////////////////*/

describe("Precision: settling often loses nothing", function () {
  it("pays the floor of the exact share earned so far at every harvest: 1 wei of 1.4, then 2 of 2.8", async function () {
    const { world, farm, rewardToken, S } = await setUpSixDecimalFarm();
    const { alice } = world;
    // alice's exact share is 0.7000... wei per block (see setUpSixDecimalFarm).
    // S+2: floor(7e26 * 2e9 / 1e36) = floor(1.4) = 1. The 0.4 wei left over is not dropped:
    await at(ethers, S + 2n, () => as(farm, alice).harvest(0));
    expect(await rewardOf(rewardToken, alice)).to.equal(1n);
    // S+4: floor(2.8) = 2 in all, so this harvest pays 1 more.
    await at(ethers, S + 4n, () => as(farm, alice).harvest(0));
    expect(await rewardOf(rewardToken, alice)).to.equal(2n);
  });

  it("a stranger's depositFor(pid, 0, victim) every block cannot grind the victim's reward away", async function () {
    const { world, farm, rewardToken, S } = await setUpSixDecimalFarm();
    const { alice, mallory } = world;
    // Mallory settles alice's position (paying her) in each of S+1..S+10.
    for (let block = S + 1n; block <= S + 10n; block++) {
      await at(ethers, block, () => as(farm, mallory).depositFor(0, 0n, alice.address));
    }
    // Ten blocks at 0.7000... wei: alice holds floor(7.000...) = 7, as if she had waited.
    expect(await rewardOf(rewardToken, alice)).to.equal(7n);
    expect(await farm.pendingReward(0, alice.address)).to.equal(0n);
  });
});

/*//////////////////////////////////////////////////////////////
                    1 WEI OF LP NEXT TO 1e30
//////////////////////////////////////////////////////////////*/

describe("Precision: 1 wei of LP in one pool, ~1e30 in another", function () {
  it("pays the 1-wei staker its whole pool's emission exactly, and the huge staker the floor", async function () {
    const world = await networkHelpers.loadFixture(bigPairWorld);
    const { owner, alice, bob, usdcWeth, bigPair } = world;
    // 18-decimal reward, 10 RWD per block. Pool 0 = USDC/WETH (100 points: 2.5 per block),
    // pool 1 = the big pair (300 points: 7.5 per block).
    const { farm, rewardToken, S } = await newFarm(world, { rewardPerBlock: rwd("10"), cap: rwd("1000000") });
    await addPools(farm, owner, [[usdcWeth, 100n], [bigPair, 300n]]);
    await (await as(bigPair, owner).transfer(bob.address, BIG_LP_PROVIDED)).wait();
    await approveAll(ethers, farm, [alice, bob], [usdcWeth, bigPair]);
    await at(ethers, S - 2n, () => as(farm, alice).deposit(0, 1n));
    await at(ethers, S - 1n, () => as(farm, bob).deposit(1, BIG_LP_PROVIDED));

    // S+1: pool 0 accPerShare = 100 * 2.5e25 * 1e27 / 1 = 2.5e54; alice 1 * 2.5e54 / 1e36 = 2.5 RWD.
    await viewAt(ethers, S + 1n);
    expect(await pendingOf(farm, 0, alice)).to.equal(rwd("2.5"));

    // S+100: alice harvests 100 x 2.5 = 250 RWD, to the wei.
    await expect(at(ethers, S + 100n, () => as(farm, alice).harvest(0)))
      .to.emit(farm, "Harvest").withArgs(alice.address, 0n, rwd("250"));
    // S+101: bob, alone in pool 1, is owed 101 x 7.5 = 757.5 RWD. One update of 101 blocks:
    // accPerShare = floor(300 * 101 * 2.5e25 * 1e27 / (1e30 - 1,000)) = floor(7.575e26 / (1 - 1e-27))
    //             = floor(7.575e26 + 0.7575 + ...) = 7.575e26;
    // bob = floor((1e30 - 1,000) * 7.575e26 / 1e36) = floor(7.575e20 - 7.575e-7) = 7.575e20 - 1.
    await expect(at(ethers, S + 101n, () => as(farm, bob).harvest(1)))
      .to.emit(farm, "Harvest").withArgs(bob.address, 1n, rwd("757.5") - 1n);
    expect(await rewardOf(rewardToken, alice)).to.equal(rwd("250"));
    expect(await rewardOf(rewardToken, bob)).to.equal(757_499_999_999_999_999_999n);
    // alice's pool after her harvest: S+101 is one more block, 2.5 exactly.
    expect(await pendingOf(farm, 0, alice)).to.equal(rwd("2.5"));
  });
});

/*//////////////////////////////////////////////////////////////
                    A THOUSAND YEARS OF EMISSION
//////////////////////////////////////////////////////////////*/

/**
 * 30 RWD per block; pool 0 = USDC/WETH (1 point of 4: 7.5 per block) staked with 1 wei of LP by
 * alice, pool 1 = DAI/WETH (3 points: 22.5 per block) staked with 1e21 LP by bob, both before start.
 * With 1 wei staked, pool 0's accumulator grows by 7.5e18 * 1e36 per block: the largest it can be.
 */
async function setUpLongRun(cap: bigint): Promise<Farmed> {
  const world = await networkHelpers.loadFixture(bigPairWorld);
  const { owner, alice, bob, usdcWeth, daiWeth } = world;
  const farmed = await newFarm(world, { rewardPerBlock: rwd("30"), cap });
  const { farm, S } = farmed;
  await addPools(farm, owner, [[usdcWeth, 1n], [daiWeth, 3n]]);
  await approveAll(ethers, farm, [alice, bob], [usdcWeth, daiWeth]);
  await at(ethers, S - 2n, () => as(farm, alice).deposit(0, 1n));
  await at(ethers, S - 1n, () => as(farm, bob).deposit(1, 10n ** 21n));
  return farmed;
}

describe("Precision: a thousand years of emission", function () {
  it("accrues 2.63e9 blocks at 30 RWD per block without overflow, exact to the wei", async function () {
    const { world, farm, rewardToken, S } = await setUpLongRun(MAX_BUDGET);
    const { alice, bob } = world;
    // Budget 2^96 - 1 = 79,228,162,514.264... RWD at 30 per block lasts 2,640,938,750.47 blocks:
    // the last emitting block is S + 2,640,938,751, after the thousand years.
    expect(await farm.emissionEndBlock()).to.equal(S + 2_640_938_751n);

    // S + 2,630,000,000: alice harvests 2,630,000,000 x 7.5 RWD = 19,725,000,000 RWD.
    await expect(at(ethers, S + THOUSAND_YEARS, () => as(farm, alice).harvest(0)))
      .to.emit(farm, "Harvest").withArgs(alice.address, 0n, 19_725_000_000_000_000_000_000_000_000n);
    // S + 2,630,000,001: bob withdraws and is paid 2,630,000,001 x 22.5 RWD = 59,175,000,022.5 RWD.
    const out = await at(ethers, S + THOUSAND_YEARS + 1n, () => as(farm, bob).withdraw(1, 10n ** 21n));
    expect(await mintsIn(rewardToken, out)).to.deep.equal([[bob.address, 59_175_000_022_500_000_000_000_000_000n]]);
    expect(await rewardOf(rewardToken, alice)).to.equal(19_725_000_000_000_000_000_000_000_000n);
    expect(await rewardOf(rewardToken, bob)).to.equal(59_175_000_022_500_000_000_000_000_000n);
    // alice: one more block, 7.5 RWD.
    expect(await pendingOf(farm, 0, alice)).to.equal(rwd("7.5"));
    // Left: 2^96 - 1 - 2,630,000,001 x 30 RWD = 79,228,162,514,264,337,593,543,950,335 - 78,900,000,030e18.
    expect(await farm.rewardsRemaining()).to.equal(328_162_484_264_337_593_543_950_335n);
  });

  it("stops emission at the cap reached after 1,666,666,667 blocks, the last block emitting the remainder", async function () {
    const cap = 5n * 10n ** 28n; // 50,000,000,000 RWD
    const { world, farm, rewardToken, S } = await setUpLongRun(cap);
    const { alice, bob } = world;
    // 5e28 / 30e18 = 1,666,666,666.67 blocks: S+1..S+1,666,666,666 emit 30 each (49,999,999,980 RWD),
    // S+1,666,666,667 emits the last 20 (alice 5, bob 15).
    expect(await farm.emissionEndBlock()).to.equal(S + 1_666_666_667n);

    await viewAt(ethers, S + 1_666_666_666n);
    expect(await pendingOf(farm, 0, alice)).to.equal(12_499_999_995_000_000_000_000_000_000n); // 1,666,666,666 x 7.5
    expect(await pendingOf(farm, 1, bob)).to.equal(37_499_999_985_000_000_000_000_000_000n); // 1,666,666,666 x 22.5
    expect(await farm.rewardsRemaining()).to.equal(rwd("20"));

    await viewAt(ethers, S + 1_666_666_667n);
    expect(await pendingOf(farm, 0, alice)).to.equal(12_500_000_000_000_000_000_000_000_000n); // + 5
    expect(await pendingOf(farm, 1, bob)).to.equal(37_500_000_000_000_000_000_000_000_000n); // + 15
    expect(await farm.rewardsRemaining()).to.equal(0n);

    // The rest of the thousand years adds nothing.
    await at(ethers, S + THOUSAND_YEARS, () => as(farm, alice).harvest(0));
    await at(ethers, S + THOUSAND_YEARS + 1n, () => as(farm, bob).withdraw(1, 10n ** 21n));
    expect(await rewardOf(rewardToken, alice)).to.equal(12_500_000_000_000_000_000_000_000_000n);
    expect(await rewardOf(rewardToken, bob)).to.equal(37_500_000_000_000_000_000_000_000_000n);
    expect(await rewardToken.totalSupply()).to.equal(cap);
  });

  it("pays the largest budget the farm accepts, 2^96 - 1, in full to a single 1-wei staker", async function () {
    const world = await networkHelpers.loadFixture(bigPairWorld);
    const { owner, alice, usdcWeth } = world;
    // One pool, 1 point, 1 wei of LP: every accumulator takes the whole emission undivided.
    // Pool accumulator at the end: (2^96 - 1) * 1e9 * 1e39 / 1 = 7.9e76 < 2^256.
    const { farm, rewardToken, S } = await newFarm(world, { rewardPerBlock: rwd("40"), cap: MAX_BUDGET });
    await addPools(farm, owner, [[usdcWeth, 1n]]);
    await approveAll(ethers, farm, [alice], [usdcWeth]);
    await at(ethers, S - 1n, () => as(farm, alice).deposit(0, 1n));
    // (2^96 - 1) / 40e18 = 1,980,704,062.86 blocks: the last one emits
    // 79,228,162,514,264,337,593,543,950,335 - 1,980,704,062 x 40e18 = 34,264,337,593,543,950,335.
    expect(await farm.emissionEndBlock()).to.equal(S + 1_980_704_063n);

    await viewAt(ethers, S + 1_980_704_062n);
    expect(await pendingOf(farm, 0, alice)).to.equal(79_228_162_480_000_000_000_000_000_000n); // 1,980,704,062 x 40e18
    await viewAt(ethers, S + 1_980_704_063n);
    expect(await pendingOf(farm, 0, alice)).to.equal(MAX_BUDGET);

    await expect(at(ethers, S + THOUSAND_YEARS, () => as(farm, alice).withdraw(0, 1n)))
      .to.emit(farm, "Withdraw").withArgs(alice.address, 0n, 1n);
    expect(await rewardOf(rewardToken, alice)).to.equal(MAX_BUDGET);
    expect(await rewardToken.totalSupply()).to.equal(MAX_BUDGET);
    expect(await rewardToken.totalSupply()).to.equal(await rewardToken.cap());
    expect(await farm.rewardsRemaining()).to.equal(0n);
  });

  it("holds every field at its widest at once: the whole 2^96 - 1 in one block over 1 point and 1 LP wei, then a stake of 2^112 - 2 joins", async function () {
    const world = await networkHelpers.loadFixture(bigPairWorld);
    const { owner, alice, bob, mallory } = world;
    // The largest rate spends the largest budget in the first block: the global accumulator gets
    // (2^96 - 1) x 1e9 = 7.9e37 < 2^126 per point, the pool (2^96 - 1) x 1e48 = 7.9e76 < 2^256 per LP wei.
    const { farm, rewardToken, S } = await newFarm(world, { rewardPerBlock: MAX_BUDGET, cap: MAX_BUDGET });
    const lp = await deployTestToken(ethers, owner, { name: "Whale LP", symbol: "WLP", decimals: 18 });
    for (const who of [alice, bob]) {
      await (await lp.mint(who.address, 2n ** 112n)).wait();
      await (await as(lp, who).approve(await farm.getAddress(), 2n ** 256n - 1n)).wait();
    }
    await addPools(farm, owner, [[lp, 1n]]);
    await at(ethers, S - 1n, () => as(farm, alice).deposit(0, 1n));
    await at(ethers, S + 1n, () => as(farm, mallory).updatePool(0));
    expect((await farm.poolInfo(0))[3]).to.equal(MAX_BUDGET * 10n ** 48n);
    expect(await pendingOf(farm, 0, alice)).to.equal(MAX_BUDGET);

    // bob's accrued at entry is (2^112 - 2) x (2^96 - 1), far past 2^128: the debt wraps, and he
    // is owed exactly 0, as nothing is emitted after him.
    await at(ethers, S + 2n, () => as(farm, bob).deposit(0, 2n ** 112n - 2n));
    await viewAt(ethers, S + 10n);
    expect(await pendingOf(farm, 0, bob)).to.equal(0n);

    // Both leave; the token sits exactly at its cap and nothing stands in the way of an exit.
    await expect(as(farm, alice).withdraw(0, 1n)).to.emit(farm, "Withdraw").withArgs(alice.address, 0n, 1n);
    await expect(as(farm, bob).withdraw(0, 2n ** 112n - 2n)).to.emit(farm, "Withdraw").withArgs(bob.address, 0n, 2n ** 112n - 2n);
    expect(await rewardOf(rewardToken, alice)).to.equal(MAX_BUDGET);
    expect(await rewardOf(rewardToken, bob)).to.equal(0n);
    expect(await rewardToken.totalSupply()).to.equal(await rewardToken.cap());
    expect(await lp.balanceOf(await farm.getAddress())).to.equal(0n);
  });
});

/**
 * FarmLens, the dapp's one read per block: it must say exactly what the farm and the pairs say
 * (locks included: the terms, each pool's weights, the user's lock and its early-exit figure),
 * read a token that reverts as zeros instead of failing, and take a request that names no pool.
 */
import { expect } from "chai";
import { MaxUint256, ZeroAddress } from "ethers";
import { network } from "hardhat";

import { as, mined } from "../fixtures/chain.js";
import { viewAt } from "./helpers/scenario.js";
import { buildWorld, type World } from "../fixtures/world.js";

const { ethers, networkHelpers } = await network.create();

async function world(): Promise<World> {
  return buildWorld(ethers);
}

describe("FarmLens", function () {
  it("reads the farm, every pool, its pair and the user's positions exactly as the contracts do", async function () {
    const w = await networkHelpers.loadFixture(world);
    const { farm, owner, alice, usdcWeth, daiWeth, rewardToken, startBlock: S } = w;
    const lens = await ethers.deployContract("FarmLens");
    await mined(as(farm, owner).add(40, await usdcWeth.getAddress()));
    await mined(as(farm, owner).add(60, await daiWeth.getAddress()));
    await mined(as(usdcWeth, alice).approve(await farm.getAddress(), MaxUint256));
    await mined(as(farm, alice).deposit(0, 10n ** 15n));
    await viewAt(ethers, S + 5n);

    const [state, pools, pairs] = await lens.read(await farm.getAddress(), alice.address, [await daiWeth.getAddress()], 0, 100);
    const block = await ethers.provider.getBlock("latest");
    expect(state.blockNumber).to.equal(BigInt(block!.number));
    expect(state.timestamp).to.equal(BigInt(block!.timestamp));
    expect([state.rewardPerBlock, state.totalAllocPoint, state.startBlock, state.rewardsRemaining, state.emissionEndBlock])
      .to.deep.equal([await farm.rewardPerBlock(), 100n, S, await farm.rewardsRemaining(), await farm.emissionEndBlock()]);
    expect([state.paused, state.owner, state.poolLength]).to.deep.equal([false, owner.address, 2n]);
    expect(state.rewardBalance).to.equal(await rewardToken.balanceOf(alice.address));
    expect(state.ethBalance).to.equal(await ethers.provider.getBalance(alice.address));

    expect(pools).to.have.length(2);
    for (const [pid, pair] of [usdcWeth, daiWeth].entries()) {
      const [reserve0, reserve1] = await pair.getReserves();
      const [lpToken, allocPoint, totalStaked] = await farm.poolInfo(pid);
      const [staked] = await farm.userInfo(pid, alice.address);
      expect([...pools[pid]]).to.deep.equal([
        lpToken, allocPoint, totalStaked, reserve0, reserve1, await pair.totalSupply(),
        ...(await farm.poolShares(pid)), staked,
        await farm.pendingReward(pid, alice.address), await pair.balanceOf(alice.address),
        await pair.allowance(alice.address, await farm.getAddress()),
        0n, 0n, 0n, 0n, 0n, ZeroAddress, 0n, // no lock
        0n, 0n, "0x", "0x", // no partner streams
      ]);
    }
    expect(pools[0].pending).to.equal(5n * 4n * 10n ** 18n); // 5 blocks of 40% of 10 RWD, all hers
    const [daiReserve0, daiReserve1] = await daiWeth.getReserves();
    expect([...pairs[0]]).to.deep.equal([daiReserve0, daiReserve1, await daiWeth.totalSupply()]);
  });

  it("reads no user for the zero address, and a pool or pair whose token reverts as zeros", async function () {
    const w = await networkHelpers.loadFixture(world);
    const { farm, owner, uniswap } = w;
    const lens = await ethers.deployContract("FarmLens");
    // The factory has code but none of a token's functions: every call to it reverts.
    const notAToken = await uniswap.factory.getAddress();
    await mined(as(farm, owner).add(1, notAToken));

    const [state, pools, pairs] = await lens.read(await farm.getAddress(), ZeroAddress, [notAToken], 0, 10);
    expect([state.rewardBalance, state.ethBalance]).to.deep.equal([0n, 0n]);
    const nothing = [0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, ZeroAddress, 0n, 0n, 0n, "0x", "0x"];
    expect([...pools[0]]).to.deep.equal([notAToken, 1n, 0n, ...nothing]);
    expect([...pairs[0]]).to.deep.equal([0n, 0n, 0n]);

    const [, forUser] = await lens.read(await farm.getAddress(), w.alice.address, [], 0, 10);
    expect([...forUser[0]]).to.deep.equal([notAToken, 1n, 0n, ...nothing]);
  });

  it("reads pools a range at a time: from a pid, at most so many, none past the last", async function () {
    const w = await networkHelpers.loadFixture(world);
    const { farm, owner, usdcWeth, daiWeth, wbtcWeth } = w;
    const lens = await ethers.deployContract("FarmLens");
    for (const pair of [usdcWeth, daiWeth, wbtcWeth]) await mined(as(farm, owner).add(1, await pair.getAddress()));
    const lpTokens = async (from: number, max: number) => {
      const [state, pools] = await lens.read(await farm.getAddress(), ZeroAddress, [], from, max);
      expect(state.poolLength).to.equal(3n);
      return pools.map((p: { lpToken: string }) => p.lpToken);
    };
    const addresses = await Promise.all([usdcWeth, daiWeth, wbtcWeth].map((p) => p.getAddress()));
    expect(await lpTokens(0, 2)).to.deep.equal(addresses.slice(0, 2));
    expect(await lpTokens(2, 2)).to.deep.equal(addresses.slice(2));
    expect(await lpTokens(1, 5)).to.deep.equal(addresses.slice(1));
    expect(await lpTokens(3, 5)).to.deep.equal([]);
    expect(await lpTokens(9, 5)).to.deep.equal([]);
  });

  it("reads just the pools asked for, in the order asked, as read does", async function () {
    const w = await networkHelpers.loadFixture(world);
    const { farm, owner, alice, usdcWeth, daiWeth, wbtcWeth } = w;
    const lens = await ethers.deployContract("FarmLens");
    for (const pair of [usdcWeth, daiWeth, wbtcWeth]) await mined(as(farm, owner).add(1, await pair.getAddress()));
    const farmAddress = await farm.getAddress();
    const [, all, allPairs] = await lens.read(farmAddress, alice.address, [await daiWeth.getAddress()], 0, 10);
    // Pids 2 and 0, 3 bytes each.
    const [state, some, somePairs] = await lens.readPools(farmAddress, alice.address, [await daiWeth.getAddress()], "0x000002000000");
    expect(state.poolLength).to.equal(3n);
    expect(some.map((p: unknown[]) => [...p])).to.deep.equal([[...all[2]], [...all[0]]]);
    expect(somePairs.map((p: unknown[]) => [...p])).to.deep.equal(allPairs.map((p: unknown[]) => [...p]));
  });

  it("reads the lock terms, each pool's weights and the user's lock with its early-exit figure, as the farm has them", async function () {
    const w = await networkHelpers.loadFixture(world);
    const { farm, owner, alice, bob, carol, usdcWeth, daiWeth, startBlock: S } = w;
    const lens = await ethers.deployContract("FarmLens");
    const farmAddress = await farm.getAddress();
    await mined(as(farm, owner).add(40, await usdcWeth.getAddress()));
    await mined(as(farm, owner).add(60, await daiWeth.getAddress()));
    await mined(as(farm, owner).setLockTiers([100, 1_000], [15_000, 30_000]));
    await mined(as(farm, owner).setEarlyExitPenalty(2_500, carol.address));
    for (const staker of [alice, bob]) await mined(as(usdcWeth, staker).approve(farmAddress, MaxUint256));
    // Alice: 1e15 unlocked and 2e15 locked at 3x; Bob: 1e15 locked at 1.5x.
    await mined(as(farm, alice).deposit(0, 10n ** 15n));
    await mined(as(farm, alice).lock(0, 2n * 10n ** 15n, 1, await farm.lockTermsVersion()));
    await mined(as(farm, bob).lock(0, 10n ** 15n, 0, await farm.lockTermsVersion()));
    await viewAt(ethers, S + 5n);

    const [state, pools] = await lens.read(farmAddress, alice.address, [], 0, 10);
    expect(state.epochBlocks).to.equal(await farm.epochBlocks());
    expect([state.penaltyBps, state.penaltyRecipient]).to.deep.equal([2_500n, carol.address]);
    // The tiers come as the farm's own answer, undecoded.
    const [durations, boosts] = farm.interface.decodeFunctionResult("lockTiers", state.lockTiers);
    expect([[...durations], [...boosts]]).to.deep.equal([[100n, 1_000n], [15_000n, 30_000n]]);

    // Weights: 1e15 + 2e15 x 3 + 1e15 x 1.5 = 8.5e15, of which the boosts add 2e15 x 2 + 0.5e15.
    expect([pools[0].totalShares, pools[0].boostShares, pools[0].emergencyUnlockBlock]).to.deep.equal([85n * 10n ** 14n, 45n * 10n ** 14n, 0n]);
    expect([pools[0].totalShares, pools[0].boostShares, pools[0].emergencyUnlockBlock]).to.deep.equal([...(await farm.poolShares(0))]);
    const lock = await farm.lockInfo(0, alice.address);
    expect([pools[0].lockAmount, pools[0].lockBoostBps, pools[0].lockStartBlock, pools[0].lockEndBlock, pools[0].lockPenaltyBps, pools[0].lockPenaltyRecipient])
      .to.deep.equal([...lock]);
    expect([lock[0], lock[1], lock[4], lock[5]]).to.deep.equal([2n * 10n ** 15n, 30_000n, 2_500n, carol.address]);
    expect(pools[0].staked).to.equal(3n * 10n ** 15n);
    expect(pools[0].exitPenalty).to.equal(await farm.earlyExitPenaltyOf(0, alice.address));
    expect(pools[0].exitPenalty).to.be.greaterThan(0n);
    // No lock in the other pool: zeros.
    expect([pools[1].lockAmount, pools[1].lockEndBlock, pools[1].lockPenaltyRecipient, pools[1].exitPenalty]).to.deep.equal([0n, 0n, ZeroAddress, 0n]);

    // Another user's read shows Bob's lock, and nobody's the pool's weights only.
    const [, forBob] = await lens.read(farmAddress, bob.address, [], 0, 1);
    expect([forBob[0].lockAmount, forBob[0].lockBoostBps]).to.deep.equal([10n ** 15n, 15_000n]);
    const [, forNobody] = await lens.read(farmAddress, ZeroAddress, [], 0, 1);
    expect([forNobody[0].totalShares, forNobody[0].lockAmount, forNobody[0].exitPenalty]).to.deep.equal([85n * 10n ** 14n, 0n, 0n]);
  });

  it("reads an ended lock with no early-exit penalty, and an emergency-unlocked pool's block", async function () {
    const w = await networkHelpers.loadFixture(world);
    const { farm, owner, alice, carol, usdcWeth, startBlock: S } = w;
    const lens = await ethers.deployContract("FarmLens");
    const farmAddress = await farm.getAddress();
    await mined(as(farm, owner).add(40, await usdcWeth.getAddress()));
    await mined(as(farm, owner).setLockTiers([100], [20_000]));
    await mined(as(farm, owner).setEarlyExitPenalty(2_500, carol.address));
    await mined(as(usdcWeth, alice).approve(farmAddress, MaxUint256));
    await mined(as(farm, alice).lock(0, 10n ** 15n, 0, await farm.lockTermsVersion()));
    const [, , , end] = await farm.lockInfo(0, alice.address);
    await viewAt(ethers, end > S ? end : S);

    // From its end block on the lock has ended: no penalty, and it shows until Alice acts. The
    // farm stores the pool's weights as of its last update: the boost leaves them when the pool is
    // next updated, which counts it up to the end block, exactly.
    const [, ended] = await lens.read(farmAddress, alice.address, [], 0, 1);
    expect([ended[0].lockAmount, ended[0].lockEndBlock, ended[0].exitPenalty]).to.deep.equal([10n ** 15n, end, 0n]);
    expect([ended[0].totalShares, ended[0].boostShares]).to.deep.equal([...(await farm.poolShares(0))].slice(0, 2));
    await mined(as(farm, owner).updatePool(0));
    const [, updated] = await lens.read(farmAddress, alice.address, [], 0, 1);
    expect([updated[0].totalShares, updated[0].boostShares]).to.deep.equal([10n ** 15n, 0n]);

    await mined(as(farm, owner).emergencyUnlock(0));
    const unlockedAt = BigInt(await ethers.provider.getBlockNumber());
    const [, unlocked] = await lens.read(farmAddress, alice.address, [], 0, 1);
    expect(unlocked[0].emergencyUnlockBlock).to.equal(unlockedAt);
  });

  it("reads each pool's partner streams, their weights and the user's pending partner rewards as the rewarder has them, and nothing for a pool without", async function () {
    const w = await networkHelpers.loadFixture(world);
    const { farm, owner, alice, bob, usdcWeth, daiWeth, dai, startBlock: S } = w;
    const lens = await ethers.deployContract("FarmLens");
    const farmAddress = await farm.getAddress();
    const rewarder = await ethers.getContractAt("PartnerRewarder", await farm.partnerRewarder());
    await mined(as(farm, owner).add(40, await usdcWeth.getAddress()));
    await mined(as(farm, owner).add(60, await daiWeth.getAddress()));
    for (const staker of [alice, bob]) await mined(as(usdcWeth, staker).approve(farmAddress, MaxUint256));
    await mined(as(farm, alice).deposit(0, 10n ** 15n));
    await mined(as(farm, bob).deposit(0, 3n * 10n ** 15n));
    // DAI streams on pool 0 for 100 blocks; Alice enrols (a deposit of 0), Bob staked before and has not.
    await mined(as(dai, owner).mint(owner.address, 10n ** 20n));
    await mined(as(dai, owner).approve(await rewarder.getAddress(), MaxUint256));
    const end = BigInt(await ethers.provider.getBlockNumber()) + 100n;
    await mined(as(rewarder, owner).fund(0, await dai.getAddress(), 10n ** 20n, end));
    await mined(as(farm, alice).deposit(0, 0));
    await viewAt(ethers, S + 5n);

    const [state, pools] = await lens.read(farmAddress, alice.address, [], 0, 10);
    expect(state.partnerRewarder).to.equal(await rewarder.getAddress());
    const streams = rewarder.interface.decodeFunctionResult("streams", pools[0].partnerStreams)[0];
    expect(streams.map((s: unknown[]) => [...s])).to.deep.equal((await rewarder.streams(0)).map((s: unknown[]) => [...s]));
    expect(streams[0].token).to.equal(await dai.getAddress());
    expect([pools[0].partnerWeight, pools[0].partnerTotalWeight]).to.deep.equal([...(await rewarder.weights(0, alice.address))]);
    expect([pools[0].partnerWeight, pools[0].partnerTotalWeight]).to.deep.equal([10n ** 15n, 10n ** 15n]);
    const [tokens, amounts] = rewarder.interface.decodeFunctionResult("pendingRewards", pools[0].partnerPending);
    const [chainTokens, chainAmounts] = await rewarder.pendingRewards(0, alice.address);
    expect([[...tokens], [...amounts]]).to.deep.equal([[...chainTokens], [...chainAmounts]]);
    expect(amounts[0]).to.be.greaterThan(0n);
    // Pool 1 has no stream: nothing read, nothing answered.
    expect([pools[1].partnerWeight, pools[1].partnerTotalWeight, pools[1].partnerStreams, pools[1].partnerPending]).to.deep.equal([0n, 0n, "0x", "0x"]);

    // Bob's stake predates the stream: weight 0 until he acts; nobody's read has the pool's weights only.
    const [, forBob] = await lens.read(farmAddress, bob.address, [], 0, 1);
    expect([forBob[0].partnerWeight, forBob[0].partnerTotalWeight]).to.deep.equal([0n, 10n ** 15n]);
    const [, forNobody] = await lens.readPools(farmAddress, ZeroAddress, [], "0x000000");
    expect([forNobody[0].partnerTotalWeight, forNobody[0].partnerPending]).to.deep.equal([10n ** 15n, "0x"]);
    expect(forNobody[0].partnerStreams).to.equal(pools[0].partnerStreams);
  });

  it("reads a pool with a user's stake and lock in it for under 62,000 gas (its partner rewarder asked too): 250 pools a call stay under a node's eth_call cap", async function () {
    // Coverage instruments the contracts, so each statement costs extra gas: no budget applies there.
    if (process.argv.includes("--coverage") || process.env.HARDHAT_COVERAGE === "true") this.skip();
    const w = await networkHelpers.loadFixture(world);
    const { farm, owner, alice, carol, usdcWeth, daiWeth, wbtcWeth, startBlock: S } = w;
    const lens = await ethers.deployContract("FarmLens");
    const farmAddress = await farm.getAddress();
    await mined(as(farm, owner).setLockTiers([100], [20_000]));
    await mined(as(farm, owner).setEarlyExitPenalty(2_500, carol.address));
    // The dearest pool to read: the user has LP in the wallet, a stake, a pending reward and a running lock.
    for (const pair of [usdcWeth, daiWeth, wbtcWeth]) {
      await mined(as(farm, owner).add(10, await pair.getAddress()));
      await mined(as(pair, alice).approve(farmAddress, MaxUint256));
    }
    for (const pid of [0, 1, 2]) {
      await mined(as(farm, alice).deposit(pid, 10n ** 12n));
      await mined(as(farm, alice).lock(pid, 10n ** 12n, 0, await farm.lockTermsVersion()));
    }
    await viewAt(ethers, S + 5n);
    const one = await lens.read.estimateGas(farmAddress, alice.address, [], 0, 1);
    const three = await lens.read.estimateGas(farmAddress, alice.address, [], 0, 3);
    const perPool = (three - one) / 2n;
    expect(perPool).to.be.lessThan(62_000n);
    // frontend/src/chain/farm-reads.ts reads 250 pools a call (POOLS_PER_CALL), leaving room for
    // pools with partner streams, which cost more.
    expect(one + 249n * perPool).to.be.lessThan(16_000_000n);
  });
});

/**
 * FarmLens, the dapp's one read per block: it must say exactly what the farm and the pairs say,
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
        lpToken, allocPoint, totalStaked, reserve0, reserve1, await pair.totalSupply(), staked,
        await farm.pendingReward(pid, alice.address), await pair.balanceOf(alice.address),
        await pair.allowance(alice.address, await farm.getAddress()),
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
    expect([...pools[0]]).to.deep.equal([notAToken, 1n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n]);
    expect([...pairs[0]]).to.deep.equal([0n, 0n, 0n]);

    const [, forUser] = await lens.read(await farm.getAddress(), w.alice.address, [], 0, 10);
    expect([...forUser[0]]).to.deep.equal([notAToken, 1n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n]);
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
});

/**
 * The farm on a mainnet fork, over the real Uniswap V2 pairs at their mainnet addresses (forked
 * from FORK_URL, or from the in-process mainnet-shaped upstream): rewards to the wei, LP moving
 * exactly between stakers and the farm as the pair itself counts it, and a deployments file that
 * names the real pairs.
 *
 * Working, for every reward below (all in pool 0, USDC/WETH):
 * - 2 RWD per block over 180 allocation points (40 + 20 + 20 + 100). Pool 0 has 40, so it emits
 *   2 x 40 / 180 = 4/9 RWD per block: 4 RWD every 9 blocks. Every interval is a multiple of 9
 *   blocks, so the farm's per-point accumulator (scaled by 1e9) takes no rounding.
 * - The dev accounts already stake T0 LP wei in the pool, an amount set by the market. The tester
 *   stakes a = 10^k - T0, so the pool holds T = 10^k (k <= 18): every stake s then earns s / T of
 *   the pool's reward, a whole number of wei, with no rounding.
 * - A new stake's debt is rounded up, so its first payment is 1 wei short of its share unless
 *   a x accRewardPerShare at the deposit (read from poolInfo, scaled 1e48) is a multiple of 1e48. Later payments
 *   are exact.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { type Contract, MaxUint256, parseEther as rwd } from "ethers";

import { readDeployment } from "../../deploy/deployments.js";
import { REWARD_MARKET } from "../../worlds/demo-farm.js";
import { acquireLp, type ForkWorld, setUpForkWorld } from "../../worlds/fork-world.js";
import type { Upstream } from "../../worlds/mainnet-shaped.js";
import { MAINNET } from "../../worlds/mainnet.js";
import { MULTICALL3_ADDRESS } from "../../deploy/multicall.js";
import { as, at, latestBlock, mintsIn, viewAt } from "../helpers/scenario.js";
import { forkOf, MAINNET_PAIRS, mainnet } from "./upstream.js";

/** Pool 0's emission every 9 blocks: 9 x 2 RWD x 40 / 180. */
const POOL0_PER_9_BLOCKS = rwd("4");
const ACC_PER_SHARE_SCALE = 10n ** 48n;

/** Not a dev account: it holds nothing until the fixture gives it LP. */
const TESTER_INDEX = 10;
/** Enough for up to 9 x T0 LP (the tester's stake a is below 10^k <= 10 x T0): the dev accounts put in 1 ETH a side each. */
const TESTER_ETH_PER_SIDE = rwd("25");

interface World extends ForkWorld {
  tester: HardhatEthersSigner;
  usdcWeth: Contract;
}

interface RoundStake {
  /** The tester's stake. */
  a: bigint;
  /** The pool's total after it, a power of ten. */
  total: bigint;
  depositBlock: bigint;
  /** 1 when the rounded-up debt keeps a wei of the first payment, else 0. */
  firstPaymentShortBy: bigint;
}

describe("Farm on a mainnet fork (real Uniswap V2 pairs)", function () {
  let upstream: Upstream;
  let fork: Awaited<ReturnType<typeof forkOf>>;
  let ethers: HardhatEthers;
  let dir: string;

  before(async function () {
    upstream = await mainnet();
    fork = await forkOf(upstream.url);
    ethers = fork.ethers;
    // The deployments file goes to a temporary directory: the repository's deployments/ stays untouched.
    dir = await mkdtemp(path.join(os.tmpdir(), "fork-deployments-"));
  });

  after(async function () {
    await fork?.close();
    await upstream?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The fork world, plus a tester with USDC/WETH LP who has approved the farm. */
  async function world(): Promise<World> {
    const forkWorld = await setUpForkWorld(ethers, { network: "default", dir });
    const tester = (await ethers.getSigners())[TESTER_INDEX];
    const usdcWeth = forkWorld.pairs[0];
    await acquireLp(forkWorld.uniswap, tester, forkWorld.tokens[0], TESTER_ETH_PER_SIDE);
    await (await as(usdcWeth, tester).approve(await forkWorld.farm.getAddress(), MaxUint256)).wait();
    return { ...forkWorld, tester, usdcWeth };
  }

  async function loadWorld(): Promise<World> {
    const w = await fork.networkHelpers.loadFixture(world);
    // The working in the header rests on these.
    expect(await w.farm.rewardPerBlock()).to.equal(rwd("2"));
    expect(await w.farm.totalAllocPoint()).to.equal(180n);
    expect((await poolOf(w.farm, 0)).allocPoint).to.equal(40n);
    return w;
  }

  async function poolOf(farm: Contract, pid: number) {
    const [lpToken, allocPoint, totalStaked, accRewardPerShare] = (await farm.poolInfo(pid)) as [string, bigint, bigint, bigint];
    return { lpToken, allocPoint, totalStaked, accRewardPerShare };
  }

  async function stakeOf(farm: Contract, pid: number, who: HardhatEthersSigner): Promise<bigint> {
    return ((await farm.userInfo(pid, who.address)) as [bigint, bigint])[0];
  }

  async function pendingOf(farm: Contract, pid: number, who: HardhatEthersSigner): Promise<bigint> {
    return (await farm.pendingReward(pid, who.address)) as bigint;
  }

  /** `stake`'s share of `poolReward` when the pool holds `total`, checked to be a whole number of wei. */
  function shareOf(poolReward: bigint, stake: bigint, total: bigint): bigint {
    expect((poolReward * stake) % total, "the share is not a whole number of wei").to.equal(0n);
    return (poolReward * stake) / total;
  }

  /** The tester stakes a = 10^k - T0 in pool 0 in the next block, bringing the pool to 10^k. */
  async function stakeToRoundTotal(w: World): Promise<RoundStake> {
    const before = (await poolOf(w.farm, 0)).totalStaked;
    const total = 10n ** BigInt(before.toString().length);
    expect(total, "the pool's LP is too large for whole-wei shares").to.be.at.most(10n ** 18n);
    const a = total - before;
    expect(await w.usdcWeth.balanceOf(w.tester.address)).to.be.at.least(a);

    const depositBlock = (await latestBlock(ethers)) + 1n;
    await at(ethers, depositBlock, () => as(w.farm, w.tester).deposit(0, a));
    const { totalStaked, accRewardPerShare } = await poolOf(w.farm, 0);
    expect(totalStaked).to.equal(total);
    const firstPaymentShortBy = (a * accRewardPerShare) % ACC_PER_SHARE_SCALE === 0n ? 0n : 1n;
    return { a, total, depositBlock, firstPaymentShortBy };
  }

  it("pendingReward gives every stake of real-pair LP its exact share of the pool's emission", async function () {
    const w = await loadWorld();
    const { a, total, depositBlock: D, firstPaymentShortBy } = await stakeToRoundTotal(w);
    const devPendingAtD = await Promise.all(w.devAccounts.map((dev) => pendingOf(w.farm, 0, dev)));

    // D+1..D+18: pool 0 emits 2 x 4 = 8 RWD.
    await viewAt(ethers, D + 18n);
    const poolReward = 2n * POOL0_PER_9_BLOCKS;
    const testerPending = await pendingOf(w.farm, 0, w.tester);
    expect(testerPending).to.equal(shareOf(poolReward, a, total) - firstPaymentShortBy);

    let shared = testerPending;
    for (const [i, dev] of w.devAccounts.entries()) {
      const gained = (await pendingOf(w.farm, 0, dev)) - devPendingAtD[i];
      expect(gained).to.equal(shareOf(poolReward, await stakeOf(w.farm, 0, dev), total));
      shared += gained;
    }
    // All of the 8 RWD has an owner, less the wei the new stake's rounding keeps.
    expect(shared).to.equal(poolReward - firstPaymentShortBy);
  });

  it("harvest pays exactly the pending reward, then exactly the share of each later block", async function () {
    const w = await loadWorld();
    const { farm, rewardToken, tester } = w;
    const { a, total, depositBlock: D, firstPaymentShortBy } = await stakeToRoundTotal(w);

    // D+9: D+1..D+9, 4 RWD for the pool.
    const first = shareOf(POOL0_PER_9_BLOCKS, a, total) - firstPaymentShortBy;
    await expect(at(ethers, D + 9n, () => as(farm, tester).harvest(0)))
      .to.emit(farm, "Harvest").withArgs(tester.address, 0n, first);
    expect(await pendingOf(farm, 0, tester)).to.equal(0n);

    // D+27: D+10..D+27, 8 RWD for the pool; no rounding left to keep.
    const second = shareOf(2n * POOL0_PER_9_BLOCKS, a, total);
    await expect(at(ethers, D + 27n, () => as(farm, tester).harvest(0)))
      .to.emit(farm, "Harvest").withArgs(tester.address, 0n, second);
    expect(await rewardToken.balanceOf(tester.address)).to.equal(first + second);
    expect(await stakeOf(farm, 0, tester)).to.equal(a);
  });

  it("withdraw returns exactly the LP and pays exactly the reward", async function () {
    const w = await loadWorld();
    const { farm, rewardToken, tester, usdcWeth } = w;
    const farmAddress = await farm.getAddress();
    const { a, total, depositBlock: D, firstPaymentShortBy } = await stakeToRoundTotal(w);
    const held = (await usdcWeth.balanceOf(tester.address)) as bigint;
    expect(await usdcWeth.balanceOf(farmAddress)).to.equal(total);

    // D+9: D+1..D+9, 4 RWD for the pool.
    const out = await at(ethers, D + 9n, () => as(farm, tester).withdraw(0, a));
    expect(await mintsIn(rewardToken, out)).to.deep.equal([[tester.address, shareOf(POOL0_PER_9_BLOCKS, a, total) - firstPaymentShortBy]]);
    await expect(out).to.emit(farm, "Withdraw").withArgs(tester.address, 0n, a);
    expect(await usdcWeth.balanceOf(tester.address)).to.equal(held + a);
    expect(await usdcWeth.balanceOf(farmAddress)).to.equal(total - a);
    expect((await poolOf(farm, 0)).totalStaked).to.equal(total - a);
    expect(await stakeOf(farm, 0, tester)).to.equal(0n);
  });

  it("emergencyWithdraw returns exactly the stake and forfeits the reward", async function () {
    const w = await loadWorld();
    const { farm, rewardToken, tester, usdcWeth } = w;
    const { a, total, depositBlock: D } = await stakeToRoundTotal(w);
    const held = (await usdcWeth.balanceOf(tester.address)) as bigint;
    await viewAt(ethers, D + 8n);
    expect(await pendingOf(farm, 0, tester)).to.be.greaterThan(0n);

    const out = await at(ethers, D + 9n, () => as(farm, tester).emergencyWithdraw(0));
    await expect(out).to.emit(farm, "EmergencyWithdraw").withArgs(tester.address, 0n, a);
    expect(await mintsIn(rewardToken, out)).to.deep.equal([]);
    expect(await rewardToken.balanceOf(tester.address)).to.equal(0n);
    expect(await usdcWeth.balanceOf(tester.address)).to.equal(held + a);
    expect(await usdcWeth.balanceOf(await farm.getAddress())).to.equal(total - a);
    expect(await farm.userInfo(0, tester.address)).to.deep.equal([0n, 0n]);
    await viewAt(ethers, D + 18n);
    expect(await pendingOf(farm, 0, tester)).to.equal(0n);
  });

  it("holds in every pool exactly the LP the pair says it holds, and moves LP without loss", async function () {
    const w = await loadWorld();
    const { farm, tester, usdcWeth } = w;
    const farmAddress = await farm.getAddress();
    for (const [pid, pair] of w.pairs.entries()) {
      let staked = 0n;
      for (const dev of w.devAccounts) staked += await stakeOf(farm, pid, dev);
      expect(staked, `pool ${pid}`).to.be.greaterThan(0n);
      expect((await poolOf(farm, pid)).totalStaked, `pool ${pid}`).to.equal(staked);
      expect(await pair.balanceOf(farmAddress), `pool ${pid}`).to.equal(staked);
    }

    // Deposit, withdraw and emergency withdrawal move LP between the tester and the farm, and
    // nowhere else: their sum and the pair's supply stay put.
    const testerLp = (await usdcWeth.balanceOf(tester.address)) as bigint;
    const farmLp = (await usdcWeth.balanceOf(farmAddress)) as bigint;
    const supply = (await usdcWeth.totalSupply()) as bigint;
    const amount = testerLp / 3n;
    for (const [send, testerDelta] of [
      [() => as(farm, tester).deposit(0, amount), -amount],
      [() => as(farm, tester).withdraw(0, amount / 2n), amount / 2n - amount],
      [() => as(farm, tester).emergencyWithdraw(0), 0n],
    ] as const) {
      await (await send()).wait();
      expect(await usdcWeth.balanceOf(tester.address)).to.equal(testerLp + testerDelta);
      expect(await usdcWeth.balanceOf(farmAddress)).to.equal(farmLp - testerDelta);
      expect((await poolOf(farm, 0)).totalStaked).to.equal(farmLp - testerDelta);
      expect(await usdcWeth.totalSupply()).to.equal(supply);
    }
  });

  it("writes a deployments file naming the real pairs, their tokens, symbols and decimals", async function () {
    const w = await loadWorld();
    const file = await readDeployment((await ethers.provider.getNetwork()).chainId, dir);
    expect(file).to.deep.equal(w.deployment);
    expect(file).to.include({
      chainId: 31337,
      farm: await w.farm.getAddress(),
      rewardToken: await w.rewardToken.getAddress(),
      uniswapV2Factory: MAINNET.uniswapV2Factory,
      uniswapV2Router: MAINNET.uniswapV2Router,
      weth: MAINNET.weth,
      multicall3: MULTICALL3_ADDRESS,
      stablecoin: MAINNET.usdc,
    });
    const weth = { token1: MAINNET.weth, symbol1: "WETH", decimals1: 18 };
    expect(file!.pools.slice(0, 3)).to.deep.equal([
      { pid: 0, lpToken: MAINNET_PAIRS.usdcWeth, token0: MAINNET.usdc, symbol0: "USDC", decimals0: 6, ...weth },
      { pid: 1, lpToken: MAINNET_PAIRS.daiWeth, token0: MAINNET.dai, symbol0: "DAI", decimals0: 18, ...weth },
      { pid: 2, lpToken: MAINNET_PAIRS.wbtcWeth, token0: MAINNET.wbtc, symbol0: "WBTC", decimals0: 8, ...weth },
    ]);
    // The reward pair's token order depends on the reward token's address.
    const rewardPool = file!.pools[3];
    expect(rewardPool.pid).to.equal(3);
    expect([rewardPool.token0, rewardPool.token1]).to.have.members([file!.rewardToken, MAINNET.weth]);
    expect([rewardPool.symbol0, rewardPool.symbol1]).to.have.members(["RWD", "WETH"]);
    expect([rewardPool.decimals0, rewardPool.decimals1]).to.deep.equal([18, 18]);
  });

  it("gives the reward token a WETH market with a price, farmed as pool 3", async function () {
    const w = await loadWorld();
    const rewardToken = await w.rewardToken.getAddress();
    const pair = (await w.uniswap.factory.getPair(rewardToken, MAINNET.weth)) as string;
    expect(pair).to.equal(w.deployment.pools[3].lpToken);
    expect((await poolOf(w.farm, 3)).lpToken).to.equal(pair);

    // Seeded at 0.0005 ETH per RWD; the dev accounts' buys can only have raised it.
    const seedPrice = (REWARD_MARKET.eth * rwd("1")) / REWARD_MARKET.rwd;
    const [, wethOut] = (await w.uniswap.router.getAmountsOut(rwd("1"), [rewardToken, MAINNET.weth])) as bigint[];
    expect(wethOut).to.be.within((seedPrice * 99n) / 100n, 2n * seedPrice); // 0.3% fee and 1 RWD of slippage below
    // And a USD price, through WETH to the stablecoin.
    const [, , usdcOut] = (await w.uniswap.router.getAmountsOut(rwd("1"), [rewardToken, MAINNET.weth, MAINNET.usdc])) as bigint[];
    expect(usdcOut).to.be.greaterThan(0n);
  });
});

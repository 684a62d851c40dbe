/**
 * Outside audit of the operator feature (IFarmOperators in Farm.sol) and the zap (FarmZap.sol,
 * deploy/zap.ts). One `describe` per finding, its proof of concept written as the test of the
 * correct behaviour (it failed against the audited code, 95abff1; all four are fixed: L-01 the
 * deploy compares the recorded zap's code with this build's, I-01 amounts past 2^112 are refused by
 * name, I-02 an empty hop is EmptyPair(hop), I-03 preflight ties the router to the plan's factory
 * and WETH), then `withstood`: the attacks tried that the code resists, kept as regressions.
 *
 * Worlds: helpers/zap-world.ts (pid 0 USDC/WETH, 1 DAI/WETH, 2 RWD/WETH, 3 USDC/DAI over the real
 * Uniswap V2 router and pairs; alice and bob hold and approved the zap for USDC, DAI, WETH, RWD).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { type Contract, MaxUint256, parseEther, parseUnits } from "ethers";
import { network } from "hardhat";

import { deployFarm } from "../deploy/farm.js";
import type { FarmPlan } from "../deploy/plan.js";
import { checkPlan } from "../deploy/preflight.js";
import { deployUniswap, pairAt } from "../deploy/uniswap.js";
import { ensureZap } from "../deploy/zap.js";
import { as, mined } from "../fixtures/chain.js";
import { MULTICALL3_ADDRESS } from "../deploy/multicall.js";
import { addLiquidity } from "../worlds/liquidity.js";
import { farmState, type Mined, type Refusal, refusedAndMined } from "./helpers/farm-state.js";
import * as model from "./helpers/zap-model.js";
import { buildZapWorld, expectZapHoldsNothing, PID, pairState, type ZapWorld } from "./helpers/zap-world.js";

const { ethers, networkHelpers } = await network.create();
const ZERO = ethers.ZeroAddress;
const quiet = () => {};

/** Alice and Bob each zapped 20 ETH into USDC/WETH and 0.5 ETH into RWD/WETH, approved the zap as their farm operator, and earned for 20 blocks. */
async function earning(): Promise<ZapWorld> {
  const w = await buildZapWorld(ethers);
  const { zap, farm } = w;
  for (const user of [w.alice, w.bob]) {
    await mined(as(zap, user).zapIn(PID.usdcWeth, ZERO, parseEther("20"), 0n, MaxUint256, { value: parseEther("20") }));
    await mined(as(zap, user).zapIn(PID.rwdWeth, ZERO, parseEther("0.5"), 0n, MaxUint256, { value: parseEther("0.5") }));
    await mined(as(farm, user).setOperator(w.zapAddress, true));
  }
  await networkHelpers.mine(20);
  return w;
}

/** Everything the attacks below could change: the farm for everyone (the zap included), every watched balance, reserves, the zap's ETH. */
async function stateOf(w: ZapWorld, extra: Contract[] = []): Promise<Record<string, unknown>> {
  const pairs = [w.usdcWeth, w.daiWeth, w.rwdWeth, w.usdcDai];
  return {
    farm: await farmState(w.farm, {
      pids: [0, 1, 2, 3],
      accounts: [w.alice.address, w.bob.address, w.mallory.address, w.zapAddress],
      tokens: [...w.watched, ...extra],
      rewardToken: w.rewardToken,
    }),
    reserves: await Promise.all(pairs.map(async (p) => [...(await p.getReserves())].slice(0, 2))),
    zapEth: await ethers.provider.getBalance(w.zapAddress),
  };
}

async function refused(w: ZapWorld, refusals: Refusal[], extra: Contract[] = []): Promise<void> {
  await refusedAndMined(ethers, () => stateOf(w, extra), refusals);
}

/** What `run` returns when sent from the current state, the chain then rewound. */
async function dryRun<T>(run: () => Promise<T>): Promise<T> {
  const snapshot = await networkHelpers.takeSnapshot();
  try {
    return await run();
  } finally {
    await snapshot.restore();
  }
}

/** The LP `user` gets staked by `send` (the staker's amount in `pid` before and after). */
async function staked(w: ZapWorld, pid: bigint, user: HardhatEthersSigner, send: () => Promise<unknown>): Promise<bigint> {
  const before = (await w.farm.userInfo(pid, user.address)).amount as bigint;
  await mined(send() as never);
  return ((await w.farm.userInfo(pid, user.address)).amount as bigint) - before;
}

/*//////////////////////////////////////////////////////////////
                            FINDINGS
//////////////////////////////////////////////////////////////*/

describe("L-01 (Low) deploy rerun keeps a recorded zap that is not the current FarmZap build", function () {
  it("ensureZap replaces a recorded zap whose runtime code differs from the current build, even if it serves the same farm and router", async function () {
    const w = await networkHelpers.loadFixture(earning);
    const farm = await w.farm.getAddress();
    const router = await w.uniswap.router.getAddress();
    const first = await ensureZap(ethers, w.owner, farm, router, undefined, quiet);
    // An older (say, pre-fix) build at the recorded address: it still answers farm() and router()
    // with this farm and router, but its code is not what contracts/FarmZap.sol now compiles to.
    // (Simulated by the current code with one byte more after it, never executed.)
    const code = await ethers.provider.getCode(first);
    await ethers.provider.send("hardhat_setCode", [first, `${code}fe`]);
    const stale = await ethers.getContractAt("FarmZap", first);
    expect(await stale.farm()).to.equal(farm);
    expect(await stale.router()).to.equal(router);

    const lines: string[] = [];
    const second = await ensureZap(ethers, w.owner, farm, router, first, (line) => lines.push(line));
    expect(second, "a rerun must not keep serving the dapp a zap built from other code").to.not.equal(first);
  });
});

describe("I-01 (Informational) zapIn of an amount past the pair's range panics instead of a named error", function () {
  it("an amount no pair could take (2^200 USDC) is refused with InvalidAmount, not Panic(0x11) from _swapAmount", async function () {
    const w = await networkHelpers.loadFixture(earning);
    const { zap, alice, usdc } = w;
    const huge = 2n ** 200n;
    await mined(usdc.mint(alice.address, huge));
    await refused(w, [{
      send: (o: Mined) => as(zap, alice).zapIn(PID.usdcWeth, usdc, huge, 0n, MaxUint256, o),
      by: zap, error: "InvalidAmount", args: [],
    }]);
  });
});

describe("I-02 (Informational) compound through an existing but empty pair ends in the library's message, not a named error", function () {
  it("a path hop whose pair exists with no reserves is refused with EmptyPair(hop)", async function () {
    const w = await networkHelpers.loadFixture(earning);
    const { zap, alice, uniswap, owner, rewardToken, dai } = w;
    await mined(as(uniswap.factory, owner).createPair(await rewardToken.getAddress(), await dai.getAddress()));
    const hop = await uniswap.factory.getPair(await rewardToken.getAddress(), await dai.getAddress());
    await refused(w, [{
      send: (o: Mined) => as(zap, alice).compound([PID.usdcWeth], PID.usdcDai, [rewardToken, dai], 0n, MaxUint256, o),
      by: zap, error: "EmptyPair", args: [hop],
    }]);
  });
});

describe("I-03 (Informational) preflight does not check that the plan's router is over the plan's factory and WETH", function () {
  it("a plan whose router belongs to another factory is reported before anything is deployed", async function () {
    const w = await networkHelpers.loadFixture(earning);
    const other = await deployUniswap(w.owner); // another factory, router and WETH
    const plan: FarmPlan = {
      rewardToken: { name: "Plan Reward", symbol: "PLN", decimals: 18, cap: parseEther("1000000"), initialSupply: 0n },
      rewardPerBlock: parseEther("1"),
      startBlock: { afterBlocks: 7n },
      uniswapV2Factory: await w.uniswap.factory.getAddress(),
      uniswapV2Router: await other.router.getAddress(), // its factory is not the plan's
      weth: await w.uniswap.weth.getAddress(),
      stablecoin: await w.usdc.getAddress(),
      multicall3: MULTICALL3_ADDRESS,
      pools: [{ lpToken: await w.usdcWeth.getAddress(), allocPoint: 100n }],
    } as FarmPlan;
    // The zap deployed over that router would refuse every pool (NotAPair): its factory made none.
    const zap = await ethers.deployContract("FarmZap", [await w.farm.getAddress(), await other.router.getAddress()], w.owner);
    await expect(as(zap, w.alice).zapIn(PID.usdcWeth, ZERO, 1000n, 0n, MaxUint256, { value: 1000n }))
      .to.be.revertedWithCustomError(zap, "NotAPair");
    const problems = await checkPlan(ethers, plan, w.owner);
    expect(problems.join("\n"), "preflight should name the router/factory mismatch").to.match(/router/i);
  });
});

/*//////////////////////////////////////////////////////////////
                            WITHSTOOD
//////////////////////////////////////////////////////////////*/

describe("withstood", function () {
  it("a third party cannot move an approved staker's stake or rewards, through the zap or the farm", async function () {
    const w = await networkHelpers.loadFixture(earning);
    const { zap, farm, alice, mallory, rewardToken } = w;
    const stake = (await farm.userInfo(PID.usdcWeth, alice.address)).amount as bigint;
    const z = as(zap, mallory);
    const f = as(farm, mallory);
    await refused(w, [
      // Every zap action acts for its caller: mallory has no approval of her own and no stake.
      { send: (o) => z.zapOut(PID.usdcWeth, stake, 0n, 0n, MaxUint256, o), by: farm, error: "NotOperator", args: [mallory.address, w.zapAddress] },
      { send: (o) => z.zapOutTo(PID.usdcWeth, stake, ZERO, 0n, MaxUint256, o), by: farm, error: "NotOperator", args: [mallory.address, w.zapAddress] },
      { send: (o) => z.compound([PID.usdcWeth, PID.rwdWeth], PID.rwdWeth, [rewardToken], 0n, MaxUint256, o), by: farm, error: "NotOperator", args: [mallory.address, w.zapAddress] },
      // And the farm's operator functions for alice, directly, with any recipient.
      { send: (o) => f.withdrawFor(PID.usdcWeth, stake, alice.address, mallory.address, o), by: farm, error: "NotOperator", args: [alice.address, mallory.address] },
      { send: (o) => f.withdrawFor(PID.usdcWeth, stake, alice.address, w.zapAddress, o), by: farm, error: "NotOperator", args: [alice.address, mallory.address] },
      { send: (o) => f.harvestAllFor([PID.usdcWeth, PID.rwdWeth], alice.address, mallory.address, o), by: farm, error: "NotOperator", args: [alice.address, mallory.address] },
    ]);
    // Once mallory approves the zap for herself, the zap still only reaches mallory's (empty) stake.
    await mined(f.setOperator(w.zapAddress, true));
    await refused(w, [
      { send: (o) => z.zapOut(PID.usdcWeth, stake, 0n, 0n, MaxUint256, o), by: farm, error: "WithdrawExceedsStake", args: [PID.usdcWeth, stake, 0n] },
      { send: (o) => z.compound([PID.usdcWeth], PID.rwdWeth, [rewardToken], 0n, MaxUint256, o), by: zap, error: "InvalidAmount", args: [] },
    ]);
    // Self-approval and approving the farm itself change nothing for anyone else.
    await mined(f.setOperator(mallory.address, true));
    await mined(f.setOperator(await farm.getAddress(), true));
    expect(await farm.isOperator(alice.address, mallory.address)).to.equal(false);
    expect(await farm.isOperator(alice.address, await farm.getAddress())).to.equal(false);
  });

  it("tokens, LP, rewards and a stake left with the zap are never taken by the next caller", async function () {
    const w = await networkHelpers.loadFixture(earning);
    const { zap, farm, alice, bob, mallory, usdc, dai, weth, rewardToken, usdcWeth, rwdWeth } = w;
    // Stray funds: plain transfers, alice's own withdrawFor/harvestAllFor naming the zap as the
    // recipient, and LP staked in the farm *for* the zap (depositFor), whose reward the farm mints
    // to the zap at every later depositFor to it.
    await mined(as(usdc, alice).transfer(w.zapAddress, parseUnits("1000", 6)));
    await mined(as(dai, alice).transfer(w.zapAddress, parseEther("1000")));
    await mined(as(weth, alice).transfer(w.zapAddress, parseEther("1")));
    await mined(as(farm, alice).harvestAllFor([PID.usdcWeth], alice.address, w.zapAddress));
    await mined(as(farm, alice).withdrawFor(PID.usdcWeth, 10n ** 6n, alice.address, w.zapAddress));
    const lp = ((await farm.userInfo(PID.rwdWeth, alice.address)).amount as bigint) / 4n;
    await mined(as(farm, alice).withdrawFor(PID.rwdWeth, lp, alice.address, w.zapAddress));
    await mined(as(farm, alice).withdrawFor(PID.rwdWeth, lp, alice.address, alice.address));
    await mined(as(rwdWeth, alice).approve(await farm.getAddress(), MaxUint256));
    await mined(as(farm, alice).depositFor(PID.rwdWeth, lp, w.zapAddress));
    await networkHelpers.mine(5);
    await mined(as(farm, alice).depositFor(PID.rwdWeth, 0n, w.zapAddress)); // pays the zap's reward to the zap

    const tokens = [usdc, dai, weth, rewardToken, usdcWeth, rwdWeth];
    const held = async () => Promise.all(tokens.map((t) => t.balanceOf(w.zapAddress)));
    const stray = await held();
    expect(stray.every((b) => (b as bigint) > 0n)).to.equal(true);
    const zapStake = (await farm.userInfo(PID.rwdWeth, w.zapAddress)).amount as bigint;
    expect(zapStake).to.equal(lp);

    // Bob uses every action; the zap must hold exactly the stray funds after each one.
    const bz = as(zap, bob);
    await mined(bz.zapIn(PID.usdcWeth, await usdc.getAddress(), parseUnits("5000", 6), 1n, MaxUint256));
    expect(await held()).to.deep.equal(stray);
    await mined(bz.zapIn(PID.rwdWeth, ZERO, parseEther("0.3"), 1n, MaxUint256, { value: parseEther("0.3") }));
    expect(await held()).to.deep.equal(stray);
    await mined(bz.compound([PID.usdcWeth, PID.rwdWeth], PID.rwdWeth, [rewardToken], 1n, MaxUint256));
    expect(await held()).to.deep.equal(stray);
    await mined(bz.compound([PID.usdcWeth], PID.usdcWeth, [rewardToken, weth], 1n, MaxUint256));
    expect(await held()).to.deep.equal(stray);
    const bobStake = (await farm.userInfo(PID.usdcWeth, bob.address)).amount as bigint;
    await mined(bz.zapOut(PID.usdcWeth, bobStake / 3n, 1n, 1n, MaxUint256));
    expect(await held()).to.deep.equal(stray);
    await mined(bz.zapOutTo(PID.usdcWeth, bobStake / 3n, ZERO, 1n, MaxUint256));
    expect(await held()).to.deep.equal(stray);
    await mined(bz.zapOutTo(PID.rwdWeth, ((await farm.userInfo(PID.rwdWeth, bob.address)).amount as bigint) / 2n, rewardToken, 1n, MaxUint256));
    expect(await held()).to.deep.equal(stray);
    expect(await ethers.provider.getBalance(w.zapAddress)).to.equal(0n);

    // The stake held for the zap cannot be moved by anyone: the zap never names itself as the staker.
    await refused(w, [
      { send: (o) => as(farm, mallory).withdrawFor(PID.rwdWeth, zapStake, w.zapAddress, mallory.address, o), by: farm, error: "NotOperator", args: [w.zapAddress, mallory.address] },
      { send: (o) => as(farm, mallory).harvestAllFor([PID.rwdWeth], w.zapAddress, mallory.address, o), by: farm, error: "NotOperator", args: [w.zapAddress, mallory.address] },
    ]);
    expect((await farm.userInfo(PID.rwdWeth, w.zapAddress)).amount).to.equal(zapStake);
  });

  it("minLiquidity bounds a sandwich of zapIn's pair, and of compound's intermediate pair (its swap has no minimum of its own)", async function () {
    const w = await networkHelpers.loadFixture(earning);
    const { zap, farm, alice, mallory, usdc, weth, rewardToken, uniswap, owner } = w;
    const router = as(uniswap.router, mallory);
    const routerAddress = await uniswap.router.getAddress();
    const usdcAddress = await usdc.getAddress();
    const wethAddress = await weth.getAddress();
    const rwdAddress = await rewardToken.getAddress();
    const amountIn = parseUnits("30000", 6);

    // zapIn: the LP alice would get unmolested, and 0.5% below it as her bound.
    const fair = await dryRun(() => staked(w, PID.usdcWeth, alice, () => as(zap, alice).zapIn(PID.usdcWeth, usdcAddress, amountIn, 0n, MaxUint256)));
    const bound = (fair * 995n) / 1000n;
    // Mallory's front-run sells USDC into the pair, so alice's USDC buys less: 600,000 USDC.
    await mined(as(usdc, mallory).approve(routerAddress, MaxUint256));
    await mined(usdc.mint(mallory.address, parseUnits("600000", 6)));
    await mined(router.swapExactTokensForTokens(parseUnits("600000", 6), 0n, [usdcAddress, wethAddress], mallory.address, MaxUint256));
    await refused(w, [{
      send: (o) => as(zap, alice).zapIn(PID.usdcWeth, usdcAddress, amountIn, bound, MaxUint256, o),
      by: zap, error: "InsufficientOutput", args: [(v: bigint) => v < bound, bound],
    }]);

    // compound RWD -> WETH -> USDC/WETH: the fair result, then mallory dumps RWD into RWD/WETH.
    const fairCompound = await dryRun(() => staked(w, PID.usdcWeth, alice, () => as(zap, alice).compound([PID.usdcWeth, PID.rwdWeth], PID.usdcWeth, [rwdAddress, wethAddress], 0n, MaxUint256)));
    expect(fairCompound).to.be.greaterThan(0n);
    const compoundBound = (fairCompound * 99n) / 100n;
    // The bound itself passes unmolested (the test is not vacuous).
    await dryRun(async () => {
      await mined(as(zap, alice).compound([PID.usdcWeth, PID.rwdWeth], PID.usdcWeth, [rwdAddress, wethAddress], compoundBound, MaxUint256));
    });
    const ownerRwd = (await rewardToken.balanceOf(owner.address)) as bigint;
    await mined(as(rewardToken, owner).transfer(mallory.address, ownerRwd));
    await mined(as(rewardToken, mallory).approve(routerAddress, MaxUint256));
    await mined(router.swapExactTokensForTokens(ownerRwd, 0n, [rwdAddress, wethAddress], mallory.address, MaxUint256));
    await refused(w, [{
      send: (o) => as(zap, alice).compound([PID.usdcWeth, PID.rwdWeth], PID.usdcWeth, [rwdAddress, wethAddress], compoundBound, MaxUint256, o),
      by: zap, error: "InsufficientOutput", args: [(v: bigint) => v < compoundBound, compoundBound],
    }]);
    expect(await farm.isOperator(alice.address, w.zapAddress)).to.equal(true);
  });

  it("a hostile token on a compound path cannot re-enter the zap nor act for another staker in the farm", async function () {
    const w = await networkHelpers.loadFixture(earning);
    const { zap, farm, alice, bob, owner, uniswap, rewardToken, weth } = w;
    // Anyone can make factory pairs: RWD/EVIL and EVIL/WETH, with EVIL calling back on transfer.
    const evil = await ethers.deployContract("ReenteringToken", [], owner);
    await mined(evil.mint(owner.address, parseEther("1000")));
    const ownerRwd = (await rewardToken.balanceOf(owner.address)) as bigint;
    expect(ownerRwd).to.be.greaterThan(parseEther("20"));
    const p1 = await addLiquidity(uniswap, owner, { tokenA: rewardToken, tokenB: evil, amountA: parseEther("20"), amountB: parseEther("100") });
    const p2 = await addLiquidity(uniswap, owner, { tokenA: evil, tokenB: weth, amountA: parseEther("100"), amountB: parseEther("1") });
    const path = [await rewardToken.getAddress(), await evil.getAddress(), await weth.getAddress()];
    const extra = [evil, pairAt(await p1.getAddress(), owner), pairAt(await p2.getAddress(), owner)];
    const aliceStake = (await farm.userInfo(PID.usdcWeth, alice.address)).amount as bigint;

    // Mid-swap, EVIL calls the zap (for itself) and then the farm for alice: both refused, so the
    // pair's transfer fails and the whole compound with it; nothing changes.
    await mined(evil.arm(w.zapAddress, zap.interface.encodeFunctionData("zapOut", [PID.usdcWeth, aliceStake, 0n, 0n, MaxUint256])));
    const bobStake = (await farm.userInfo(PID.usdcWeth, bob.address)).amount as bigint;
    const bobPending = (await farm.pendingReward(PID.usdcWeth, bob.address)) as bigint;
    // The pair wraps the failed callback in its own message.
    await expect(as(zap, bob).compound([PID.usdcWeth], PID.usdcWeth, path, 0n, MaxUint256, { gasLimit: 3_000_000 }))
      .to.be.revertedWith("UniswapV2: TRANSFER_FAILED");
    await mined(evil.arm(await farm.getAddress(), farm.interface.encodeFunctionData("withdrawFor", [PID.usdcWeth, aliceStake, alice.address, owner.address])));
    await expect(as(zap, bob).compound([PID.usdcWeth], PID.usdcWeth, path, 0n, MaxUint256, { gasLimit: 3_000_000 }))
      .to.be.revertedWith("UniswapV2: TRANSFER_FAILED");
    expect((await farm.userInfo(PID.usdcWeth, alice.address)).amount).to.equal(aliceStake);
    expect((await farm.userInfo(PID.usdcWeth, bob.address)).amount).to.equal(bobStake);
    expect(await farm.pendingReward(PID.usdcWeth, bob.address)).to.be.greaterThan(bobPending); // bob's reward still in the farm
    await expectZapHoldsNothing(w, extra);
    // Called directly (not through a pair), EVIL's farm call shows the farm's own refusal.
    await expect(as(farm, owner).withdrawFor(PID.usdcWeth, aliceStake, alice.address, owner.address))
      .to.be.revertedWithCustomError(farm, "NotOperator").withArgs(alice.address, owner.address);
    // The callbacks themselves are what failed: EVIL calling a harmless view lets the same compound through.
    await mined(evil.arm(await farm.getAddress(), farm.interface.encodeFunctionData("poolLength", [])));
    await mined(as(zap, bob).compound([PID.usdcWeth], PID.usdcWeth, path, 1n, MaxUint256));
    expect(await evil.getFunction("target")()).to.equal(ZERO); // the callback ran
    expect((await farm.userInfo(PID.usdcWeth, alice.address)).amount).to.equal(aliceStake);
    await expectZapHoldsNothing(w, extra);
  });

  it("compound with duplicated pids harvests each pool once, exactly what the staker's own harvestAll pays", async function () {
    const w = await networkHelpers.loadFixture(earning);
    const { zap, farm, alice, rewardToken } = w;
    const own = await dryRun(async () => {
      const before = (await rewardToken.balanceOf(alice.address)) as bigint;
      await mined(as(farm, alice).harvestAll([PID.usdcWeth, PID.rwdWeth]));
      return ((await rewardToken.balanceOf(alice.address)) as bigint) - before;
    });
    const dup = [PID.usdcWeth, PID.rwdWeth, PID.usdcWeth, PID.rwdWeth, PID.rwdWeth];
    const tx = as(zap, alice).compound(dup, PID.rwdWeth, [rewardToken], 1n, MaxUint256);
    await expect(tx).to.emit(zap, "Compounded").withArgs(alice.address, PID.rwdWeth, own, (v: bigint) => v > 0n, (v: bigint) => v >= 0n, (v: bigint) => v >= 0n);
    await expectZapHoldsNothing(w);
  });

  it("while paused: the zap's zapOut still exits, the reward kept for the staker (RewardDeferred names it) and paid exactly after unpause", async function () {
    const w = await networkHelpers.loadFixture(earning);
    const { zap, farm, alice, owner, rewardToken, mallory } = w;
    await mined(as(farm, alice).setOperator(mallory.address, true)); // a second operator: it cannot block her either
    await mined(as(farm, owner).pause());
    const stake = (await farm.userInfo(PID.usdcWeth, alice.address)).amount as bigint;
    const ownPending = await dryRun(async () => {
      await mined(as(farm, alice).withdraw(PID.usdcWeth, stake / 2n));
      return (await farm.pendingReward(PID.usdcWeth, alice.address)) as bigint;
    });
    const tx = as(zap, alice).zapOut(PID.usdcWeth, stake / 2n, 1n, 1n, MaxUint256);
    await expect(tx).to.emit(farm, "RewardDeferred").withArgs(alice.address, PID.usdcWeth, ownPending);
    await expect(tx).to.emit(farm, "Withdraw").withArgs(alice.address, PID.usdcWeth, stake / 2n);
    await expect(tx).to.changeTokenBalances(ethers, rewardToken, [alice, w.zapAddress], [0n, 0n]);
    expect(await farm.pendingReward(PID.usdcWeth, alice.address)).to.equal(ownPending);
    // Her own exits stay open whatever her operators do; an operator's harvest waits for unpause.
    await refused(w, [{ send: (o) => as(farm, mallory).harvestAllFor([PID.usdcWeth], alice.address, mallory.address, o), by: farm, error: "EnforcedPause", args: [] }]);
    await mined(as(farm, alice).emergencyWithdraw(PID.rwdWeth));
    await mined(as(farm, owner).unpause());
    const before = (await rewardToken.balanceOf(alice.address)) as bigint;
    const pendingNow = (await farm.pendingReward(PID.usdcWeth, alice.address)) as bigint;
    await mined(as(farm, alice).harvest(PID.usdcWeth));
    expect(((await rewardToken.balanceOf(alice.address)) as bigint) - before).to.be.greaterThanOrEqual(pendingNow);
    await expectZapHoldsNothing(w);
  });

  it("LP donated to the pair before a zapOut neither blocks it nor is lost: it goes to the zapper", async function () {
    const w = await networkHelpers.loadFixture(earning);
    const { zap, farm, alice, bob, usdcWeth } = w;
    const stake = (await farm.userInfo(PID.usdcWeth, bob.address)).amount as bigint;
    await mined(as(farm, bob).withdraw(PID.usdcWeth, stake));
    await mined(as(usdcWeth, bob).transfer(await usdcWeth.getAddress(), stake)); // donation (or a stuck burn)
    const aliceStake = (await farm.userInfo(PID.usdcWeth, alice.address)).amount as bigint;
    const expected = model.removeLiquidity(await pairState(w, usdcWeth), aliceStake + stake);
    await expect(as(zap, alice).zapOut(PID.usdcWeth, aliceStake, 1n, 1n, MaxUint256))
      .to.emit(zap, "ZappedOut").withArgs(alice.address, PID.usdcWeth, aliceStake, expected.amount0, expected.amount1);
    await expectZapHoldsNothing(w);
  });

  it("no overflow in the swap share near the pair's uint112 limits: 2^110 into a 2^110 reserve matches the model", async function () {
    const w = await networkHelpers.loadFixture(earning);
    const { zap, farm, alice, owner, uniswap } = w;
    const big = await ethers.deployContract("TestERC20", ["Big", "BIG", 18], owner);
    const small = await ethers.deployContract("TestERC20", ["Small", "SML", 18], owner);
    const reserve = 2n ** 110n;
    await mined(big.mint(owner.address, reserve));
    await mined(small.mint(owner.address, 2n ** 40n));
    const pair = pairAt(await (await addLiquidity(uniswap, owner, { tokenA: big, tokenB: small, amountA: reserve, amountB: 2n ** 40n })).getAddress(), owner);
    await mined(as(farm, owner).add(100, await pair.getAddress()));
    const pid = ((await farm.poolLength()) as bigint) - 1n;
    await mined(big.mint(alice.address, reserve));
    await mined(as(big, alice).approve(w.zapAddress, MaxUint256));
    const bigIsToken0 = (await pair.token0()) === (await big.getAddress());
    const expected = model.zapIn(await pairState(w, pair), reserve, bigIsToken0);
    await expect(as(zap, alice).zapIn(pid, big, reserve, expected.liquidity, MaxUint256))
      .to.emit(zap, "ZappedIn").withArgs(alice.address, pid, await big.getAddress(), reserve, expected.liquidity, expected.leftover0, expected.leftover1);
    await expectZapHoldsNothing(w, [big, small, pair]);
  });

  it("deploy: a recorded zap serving another farm is never reused; one serving this farm and router is", async function () {
    const w = await networkHelpers.loadFixture(earning);
    const router = await w.uniswap.router.getAddress();
    const { farm: other } = await deployFarm(ethers, w.owner, {
      rewardPerBlock: parseEther("1"), startBlock: 0n, cap: parseEther("1000"), owner: w.owner.address,
    });
    const otherAddress = await other.getAddress();
    // The file names the first farm's zap, but the run is for the other farm: a new zap for it.
    const fresh = await ensureZap(ethers, w.owner, otherAddress, router, w.zapAddress, quiet);
    expect(fresh).to.not.equal(w.zapAddress);
    expect(await (await ethers.getContractAt("FarmZap", fresh)).farm()).to.equal(otherAddress);
    // The right one is kept.
    expect(await ensureZap(ethers, w.owner, otherAddress, router, fresh, quiet)).to.equal(fresh);
  });
});

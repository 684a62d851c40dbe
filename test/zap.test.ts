/**
 * FarmZap against the real Uniswap V2 router, factory and pairs (official npm artifacts): every
 * amount checked to the wei against the independent model in helpers/zap-model.ts, every bad input
 * refused with nothing changed, and the zap holding nothing (no token, no ETH) after every
 * transaction, refused ones included.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { type Contract, MaxUint256, parseEther, parseUnits, Signature, type TransactionReceipt } from "ethers";
import fc from "fast-check";
import { network } from "hardhat";

import { pairAt } from "../deploy/uniswap.js";
import { as, mined } from "../fixtures/chain.js";
import { PERMIT_TYPES } from "../fixtures/permit.js";
import { addLiquidity } from "../worlds/liquidity.js";
import { farmState, type Mined, type Refusal, refusedAndMined } from "./helpers/farm-state.js";
import * as model from "./helpers/zap-model.js";
import { buildZapWorld, expectZapHoldsNothing, PID, pairState, type ZapWorld } from "./helpers/zap-world.js";

const { ethers, networkHelpers } = await network.create();
const ZERO = ethers.ZeroAddress;

async function world(): Promise<ZapWorld> {
  return buildZapWorld(ethers);
}

/** An argument matcher: a block timestamp later than `time`. */
function after(time: bigint): (value: bigint) => boolean {
  return (value) => value > time;
}

async function inAnHour(): Promise<bigint> {
  return BigInt(await networkHelpers.time.latest()) + 3600n;
}

/** Mines `tx`, then checks the zap holds nothing. */
async function zapped(w: ZapWorld, tx: Promise<unknown>, extra: Contract[] = []): Promise<TransactionReceipt> {
  const receipt = await ((await tx) as { wait(): Promise<TransactionReceipt> }).wait();
  await expectZapHoldsNothing(w, extra);
  return receipt;
}

/** Everything a zap could change, for the refusal tests (alice's ETH aside: she pays gas). */
async function state(w: ZapWorld, extra: Contract[] = []): Promise<Record<string, unknown>> {
  const pairs = [w.usdcWeth, w.daiWeth, w.rwdWeth, w.usdcDai];
  return {
    farm: await farmState(w.farm, {
      pids: [0, 1, 2, 3],
      accounts: [w.alice.address, w.bob.address, w.zapAddress],
      tokens: [...w.watched, ...extra],
      rewardToken: w.rewardToken,
    }),
    reserves: await Promise.all(pairs.map(async (p) => [...(await p.getReserves())].slice(0, 2))),
    zapEth: await ethers.provider.getBalance(w.zapAddress),
    allowances: await Promise.all(
      [w.usdc, w.dai, w.weth].map((t) => t.allowance(w.alice.address, w.zapAddress)),
    ),
  };
}

/** Each refusal is mined, reverts with its error, changes nothing, and leaves the zap empty. */
async function refused(w: ZapWorld, refusals: Refusal[], extra: Contract[] = []): Promise<void> {
  await refusedAndMined(ethers, () => state(w, extra), refusals);
  await expectZapHoldsNothing(w, extra);
}

async function tokensOf(pair: Contract): Promise<[string, string]> {
  return [await pair.token0(), await pair.token1()];
}

/** Signs an EIP-2612 permit on an OpenZeppelin ERC20Permit token (domain read from EIP-5267). */
async function signTokenPermit(token: Contract, owner: HardhatEthersSigner, spender: string, value: bigint, deadline: bigint) {
  const domain = await token.eip712Domain();
  const message = { owner: owner.address, spender, value, nonce: await token.nonces(owner.address), deadline };
  const signature = Signature.from(
    await owner.signTypedData({ name: domain[1], version: domain[2], chainId: domain[3], verifyingContract: domain[4] }, PERMIT_TYPES, message),
  );
  return { v: signature.v, r: signature.r, s: signature.s };
}

describe("FarmZap", function () {
  describe("deployment", function () {
    it("knows its farm and router, and takes ETH from WETH only", async function () {
      const w = await networkHelpers.loadFixture(world);
      expect(await w.zap.farm()).to.equal(await w.farm.getAddress());
      expect(await w.zap.router()).to.equal(await w.uniswap.router.getAddress());
      await refused(w, [{
        send: (o: Mined) => w.alice.sendTransaction({ to: w.zapAddress, value: 1n, ...o }),
        by: w.zap, error: "UnexpectedEth", args: [],
      }]);
    });
  });

  describe("zapIn", function () {
    for (const [label, symbol] of [["USDC, token0 or token1 of USDC/WETH", "usdc"], ["WETH as a token", "weth"]] as const) {
      it(`from ${label}: swap, LP and leftovers exact to the wei, staked for the caller`, async function () {
        const w = await networkHelpers.loadFixture(world);
        const { zap, alice, farm, usdcWeth } = w;
        const token = symbol === "usdc" ? w.usdc : w.weth;
        const tokenAddress = await token.getAddress();
        const amountIn = symbol === "usdc" ? parseUnits("12345.678901", 6) : parseEther("3.1415926535");
        const [token0] = await tokensOf(usdcWeth);
        const inIsToken0 = token0 === tokenAddress;
        const expected = model.zapIn(await pairState(w, usdcWeth), amountIn, inIsToken0);
        expect(expected.swapIn).to.be.greaterThan(0n);
        const other = inIsToken0 ? await usdcWeth.token1() : token0;
        const otherToken = other === (await w.usdc.getAddress()) ? w.usdc : w.weth;
        const leftIn = inIsToken0 ? expected.leftover0 : expected.leftover1;
        const leftOut = inIsToken0 ? expected.leftover1 : expected.leftover0;

        const tx = as(zap, alice).zapIn(PID.usdcWeth, tokenAddress, amountIn, expected.liquidity, await inAnHour());
        await expect(tx)
          .to.emit(zap, "ZappedIn")
          .withArgs(alice.address, PID.usdcWeth, tokenAddress, amountIn, expected.liquidity, expected.leftover0, expected.leftover1);
        await expect(tx).to.changeTokenBalances(ethers, token, [alice], [-amountIn + leftIn]);
        await expect(tx).to.changeTokenBalances(ethers, otherToken, [alice], [leftOut]);
        await expectZapHoldsNothing(w);
        expect((await farm.userInfo(PID.usdcWeth, alice.address)).amount).to.equal(expected.liquidity);
        const after = await pairState(w, usdcWeth);
        expect([after.reserve0, after.reserve1, after.totalSupply]).to.deep.equal([
          expected.after.reserve0, expected.after.reserve1, expected.after.totalSupply,
        ]);
      });
    }

    it("from ETH: wraps, zaps, and returns the WETH leftover as ETH", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { zap, alice, farm, daiWeth, dai } = w;
      const amountIn = parseEther("1.23456789");
      const wethIsToken0 = (await daiWeth.token0()) === (await w.weth.getAddress());
      const expected = model.zapIn(await pairState(w, daiWeth), amountIn, wethIsToken0);
      const [leftEth, leftDai] = wethIsToken0 ? [expected.leftover0, expected.leftover1] : [expected.leftover1, expected.leftover0];
      expect(leftEth + leftDai, "a leftover to return").to.be.greaterThan(0n);

      const ethBefore = await ethers.provider.getBalance(alice.address);
      const tx = as(zap, alice).zapIn(PID.daiWeth, ZERO, amountIn, 0n, await inAnHour(), { value: amountIn });
      await expect(tx)
        .to.emit(zap, "ZappedIn")
        .withArgs(alice.address, PID.daiWeth, ZERO, amountIn, expected.liquidity, expected.leftover0, expected.leftover1);
      const receipt = await zapped(w, tx);
      expect(await ethers.provider.getBalance(alice.address)).to.equal(ethBefore - amountIn + leftEth - receipt.fee);
      await expect(tx).to.changeTokenBalances(ethers, dai, [alice], [leftDai]);
      await expect(tx).to.changeTokenBalances(ethers, w.weth, [alice], [0n]);
      expect((await farm.userInfo(PID.daiWeth, alice.address)).amount).to.equal(expected.liquidity);
    });

    it("pays the caller's pending reward like depositFor, and mints the factory's fee exactly when it is on", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { zap, alice, owner, usdcWeth, uniswap, rewardToken, farm } = w;
      await mined(as(uniswap.factory, owner).setFeeTo(owner.address));
      await mined(w.usdc.mint(owner.address, parseUnits("3000", 6)));
      // kLast is recorded at the next mint; trades then grow k, so the zap's mint pays a fee.
      await addLiquidity(uniswap, owner, { tokenA: w.usdc, tokenB: w.weth, amountA: parseUnits("3000", 6), amountB: parseEther("1") });
      expect(await usdcWeth.kLast()).to.be.greaterThan(0n);
      await mined(as(zap, alice).zapIn(PID.usdcWeth, await w.usdc.getAddress(), parseUnits("500000", 6), 0n, MaxUint256));
      await mined(as(zap, alice).zapIn(PID.usdcWeth, ZERO, parseEther("100"), 0n, MaxUint256, { value: parseEther("100") }));

      const before = await pairState(w, usdcWeth);
      const amountIn = parseUnits("777.777777", 6);
      const usdcIsToken0 = (await usdcWeth.token0()) === (await w.usdc.getAddress());
      const expected = model.zapIn(before, amountIn, usdcIsToken0);
      expect(model.protocolFee({ ...before, reserve0: expected.after.reserve0, reserve1: expected.after.reserve1 })).to.be.greaterThan(0n);
      const feeBefore = await usdcWeth.balanceOf(owner.address);
      const pending = await farm.pendingReward(PID.usdcWeth, alice.address);
      const tx = as(zap, alice).zapIn(PID.usdcWeth, await w.usdc.getAddress(), amountIn, expected.liquidity, MaxUint256);
      await expect(tx)
        .to.emit(zap, "ZappedIn")
        .withArgs(alice.address, PID.usdcWeth, await w.usdc.getAddress(), amountIn, expected.liquidity, expected.leftover0, expected.leftover1);
      await zapped(w, tx);
      expect((await pairState(w, usdcWeth)).totalSupply).to.equal(expected.after.totalSupply);
      expect(await usdcWeth.balanceOf(owner.address)).to.be.greaterThan(feeBefore);
      // One block of alice's share of pool 0's emission more than she was shown before.
      expect(await rewardToken.balanceOf(alice.address)).to.be.greaterThan(pending);
    });

    it("with an EIP-2612 permit, in one transaction and no approval; a permit used first by someone else serves", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { zap, alice, bob, usdc, dai, daiWeth, farm } = w;
      await mined(as(dai, alice).approve(w.zapAddress, 0n));
      const amountIn = parseEther("2500");
      const deadline = await inAnHour();
      const permit = await signTokenPermit(dai, alice, w.zapAddress, amountIn, deadline);
      const daiIsToken0 = (await daiWeth.token0()) === (await dai.getAddress());
      const expected = model.zapIn(await pairState(w, daiWeth), amountIn, daiIsToken0);
      const tx = as(zap, alice).zapInWithPermit(PID.daiWeth, await dai.getAddress(), amountIn, expected.liquidity, deadline, permit.v, permit.r, permit.s);
      await expect(tx).to.emit(dai, "Approval").withArgs(alice.address, w.zapAddress, amountIn);
      await expect(tx).to.emit(zap, "ZappedIn").withArgs(alice.address, PID.daiWeth, await dai.getAddress(), amountIn, expected.liquidity, expected.leftover0, expected.leftover1);
      await zapped(w, tx);
      expect((await farm.userInfo(PID.daiWeth, alice.address)).amount).to.equal(expected.liquidity);
      expect(await dai.allowance(alice.address, w.zapAddress)).to.equal(0n);

      // Bob's signed permit, submitted by someone else first: the allowance it set serves.
      await mined(as(usdc, bob).approve(w.zapAddress, 0n));
      const usdcIn = parseUnits("1000", 6);
      const bobPermit = await signTokenPermit(usdc, bob, w.zapAddress, usdcIn, deadline);
      await mined(as(usdc, alice).permit(bob.address, w.zapAddress, usdcIn, deadline, bobPermit.v, bobPermit.r, bobPermit.s));
      await zapped(w, as(zap, bob).zapInWithPermit(PID.usdcWeth, await usdc.getAddress(), usdcIn, 1n, deadline, bobPermit.v, bobPermit.r, bobPermit.s));
      expect((await farm.userInfo(PID.usdcWeth, bob.address)).amount).to.be.greaterThan(0n);
    });

    it("matches the model to the wei over random reserves and amounts, leftovers within the bound (fast-check)", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { alice, owner, farm, zap, uniswap } = w;
      const tokenA = await ethers.deployContract("TestERC20", ["Token A", "A", 18], owner);
      const tokenB = await ethers.deployContract("TestERC20", ["Token B", "B", 6], owner);
      for (const t of [tokenA, tokenB]) {
        await mined(t.mint(owner.address, 2n ** 111n));
        await mined(t.mint(alice.address, 2n ** 111n));
        await mined(as(t, alice).approve(w.zapAddress, MaxUint256));
      }
      const pid = await farm.poolLength();
      let snapshot: string = await ethers.provider.send("evm_snapshot", []);
      let runs = 0;
      let worstBoundShare = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.bigInt({ min: 10n ** 4n, max: 10n ** 30n }),
          fc.bigInt({ min: 10n ** 4n, max: 10n ** 30n }),
          fc.bigInt({ min: 1n, max: 10n ** 6n }),
          fc.boolean(),
          async (reserveA, reserveB, perMillion, fromA) => {
            // A snapshot is used up by reverting to it: take it again.
            await ethers.provider.send("evm_revert", [snapshot]);
            snapshot = await ethers.provider.send("evm_snapshot", []);
            const pair = await addLiquidity(uniswap, owner, { tokenA, tokenB, amountA: reserveA, amountB: reserveB });
            await mined(as(farm, owner).add(100, await pair.getAddress()));
            const token = fromA ? tokenA : tokenB;
            const inIsToken0 = (await pair.token0()) === (await token.getAddress());
            const before = await pairState(w, pair);
            const reserveIn = inIsToken0 ? before.reserve0 : before.reserve1;
            // Up to the pair's whole reserve of the input token.
            const amountIn = (reserveIn * perMillion) / 10n ** 6n;
            const expected = model.zapIn(before, amountIn, inIsToken0);
            if (amountIn === 0n || expected.swapOut === 0n || expected.liquidity === 0n) return;
            const tx = as(zap, alice).zapIn(pid, await token.getAddress(), amountIn, expected.liquidity, MaxUint256);
            await expect(tx).to.emit(zap, "ZappedIn")
              .withArgs(alice.address, pid, await token.getAddress(), amountIn, expected.liquidity, expected.leftover0, expected.leftover1);
            await expectZapHoldsNothing(w, [tokenA, tokenB, pair]);
            const share = leftoverBoundShare(before, expected, inIsToken0);
            expect(share, "leftover within its bound").to.be.at.most(1);
            worstBoundShare = Math.max(worstBoundShare, share);
            runs += 1;
          },
        ),
        { numRuns: 40, seed: 15 },
      );
      await ethers.provider.send("evm_revert", [snapshot]);
      expect(runs).to.be.greaterThan(30);
      console.log(`      ${runs} zaps on chain; worst leftover / bound = ${worstBoundShare.toFixed(3)}`);
    });

    describe("refuses bad input with a named error, nothing moved, nothing left in the zap", function () {
      it("a token not in the pair, ETH into a pair without WETH, ETH with a token, wrong ETH, zero and dust amounts", async function () {
        const w = await networkHelpers.loadFixture(world);
        const { zap, alice, dai, usdc, usdcWeth, usdcDai } = w;
        const z = as(zap, alice);
        const deadline = await inAnHour();
        const daiAddress = await dai.getAddress();
        const usdcAddress = await usdc.getAddress();
        const usdcWethAddress = await usdcWeth.getAddress();
        const usdcDaiAddress = await usdcDai.getAddress();
        await refused(w, [
          { send: (o) => z.zapIn(PID.usdcWeth, daiAddress, 1000n, 0n, deadline, o), by: zap, error: "TokenNotInPair", args: [daiAddress, usdcWethAddress] },
          { send: (o) => z.zapIn(PID.usdcDai, ZERO, 10n ** 18n, 0n, deadline, { ...o, value: 10n ** 18n }), by: zap, error: "TokenNotInPair", args: [ZERO, usdcDaiAddress] },
          { send: (o) => z.zapIn(PID.usdcWeth, usdcAddress, 10n ** 6n, 0n, deadline, { ...o, value: 1n }), by: zap, error: "InvalidAmount", args: [] },
          { send: (o) => z.zapIn(PID.usdcWeth, ZERO, 10n ** 18n, 0n, deadline, { ...o, value: 10n ** 18n - 1n }), by: zap, error: "InvalidAmount", args: [] },
          { send: (o) => z.zapIn(PID.usdcWeth, ZERO, 0n, 0n, deadline, o), by: zap, error: "InvalidAmount", args: [] },
          { send: (o) => z.zapIn(PID.usdcWeth, usdcAddress, 0n, 0n, deadline, o), by: zap, error: "InvalidAmount", args: [] },
          // 1,000 wei of ETH buys less than a wei of USDC: too small to zap.
          { send: (o) => z.zapIn(PID.usdcWeth, ZERO, 1000n, 0n, deadline, { ...o, value: 1000n }), by: zap, error: "InvalidAmount", args: [] },
          { send: (o) => z.zapInWithPermit(PID.usdcWeth, ZERO, 1000n, 0n, deadline, 27, ethers.ZeroHash, ethers.ZeroHash, o), by: zap, error: "InvalidAmount", args: [] },
          { send: (o) => z.zapInWithPermit(PID.usdcWeth, usdcAddress, 0n, 0n, deadline, 27, ethers.ZeroHash, ethers.ZeroHash, o), by: zap, error: "InvalidAmount", args: [] },
        ]);
      });

      it("slippage beyond the bound, an expired deadline, an unknown pool, a bad permit", async function () {
        const w = await networkHelpers.loadFixture(world);
        const { zap, alice, usdc, usdcWeth, farm, dai } = w;
        const z = as(zap, alice);
        const amountIn = parseUnits("5000", 6);
        const usdcIsToken0 = (await usdcWeth.token0()) === (await usdc.getAddress());
        const expected = model.zapIn(await pairState(w, usdcWeth), amountIn, usdcIsToken0);
        const now = BigInt(await networkHelpers.time.latest());
        await mined(as(dai, alice).approve(w.zapAddress, 0n));
        await networkHelpers.time.setNextBlockTimestamp(now + 10n);
        const usdcAddress = await usdc.getAddress();
        const daiAddress = await dai.getAddress();
        await refused(w, [
          { send: (o) => z.zapIn(PID.usdcWeth, usdcAddress, amountIn, expected.liquidity + 1n, now + 100n, o), by: zap, error: "InsufficientOutput", args: [expected.liquidity, expected.liquidity + 1n] },
          { send: (o) => z.zapIn(PID.usdcWeth, usdcAddress, amountIn, 0n, now + 10n, o), by: zap, error: "Expired", args: [now + 10n, now + 11n] },
          { send: (o) => z.zapIn(9n, usdcAddress, amountIn, 0n, now + 100n, o), by: farm, error: "PoolNotFound", args: [9n, 4n] },
          { send: (o) => z.zapInWithPermit(PID.daiWeth, daiAddress, 10n ** 18n, 0n, now + 100n, 27, ethers.ZeroHash, ethers.ZeroHash, o), by: zap, error: "PermitInvalid", args: [daiAddress] },
        ]);
      });

      it("a pool whose LP is not the factory's pair: another factory's pair, a plain token, an empty pair", async function () {
        const w = await networkHelpers.loadFixture(world);
        const { zap, alice, owner, farm, usdc, weth, uniswap } = w;
        // The same tokens paired by a second, genuine Uniswap V2 factory the zap does not use.
        const { deployUniswap } = await import("../deploy/uniswap.js");
        const other = await deployUniswap(owner);
        await mined(as(other.factory, owner).createPair(await usdc.getAddress(), await weth.getAddress()));
        const foreign = await other.factory.getPair(await usdc.getAddress(), await weth.getAddress());
        const plain = await ethers.deployContract("ReenteringToken", [], owner);
        const stray = await ethers.deployContract("TestERC20", ["Stray", "STRAY", 18], owner);
        await mined(as(uniswap.factory, owner).createPair(await stray.getAddress(), await weth.getAddress()));
        const empty = await uniswap.factory.getPair(await stray.getAddress(), await weth.getAddress());
        for (const lp of [foreign, await plain.getAddress(), empty]) await mined(as(farm, owner).add(10, lp));
        const z = as(zap, alice);
        const deadline = await inAnHour();
        const usdcAddress = await usdc.getAddress();
        const plainAddress = await plain.getAddress();
        await refused(w, [
          { send: (o) => z.zapIn(4n, usdcAddress, 10n ** 6n, 0n, deadline, o), by: zap, error: "NotAPair", args: [4n, foreign] },
          { send: (o) => z.zapIn(5n, usdcAddress, 10n ** 6n, 0n, deadline, o), by: zap, error: "NotAPair", args: [5n, plainAddress] },
          { send: (o) => z.zapIn(6n, ZERO, 10n ** 18n, 0n, deadline, { ...o, value: 10n ** 18n }), by: zap, error: "EmptyPair", args: [empty] },
        ], [pairAt(empty, owner)]);
      });

      it("a fee-on-transfer input token", async function () {
        const w = await networkHelpers.loadFixture(world);
        const { zap, alice, owner, farm, uniswap } = w;
        const fot = await ethers.deployContract("FeeOnTransferToken", [100], owner); // 1%
        await mined(fot.mint(owner.address, parseEther("1000")));
        await mined(fot.mint(alice.address, parseEther("1000")));
        await mined(as(fot, alice).approve(w.zapAddress, MaxUint256));
        const pair = await addLiquidity(uniswap, owner, { tokenA: fot, tokenB: w.weth, amountA: parseEther("100"), amountB: parseEther("1") });
        await mined(as(farm, owner).add(100, await pair.getAddress()));
        const amount = parseEther("10");
        const fotAddress = await fot.getAddress();
        await refused(w, [{
          send: (o) => as(zap, alice).zapIn(4n, fot, amount, 0n, MaxUint256, o),
          by: zap, error: "FeeOnTransferToken", args: [fotAddress, amount, amount - amount / 100n],
        }], [fot, pair]);
      });

      it("an ETH refund the caller cannot take (EthTransferFailed)", async function () {
        const w = await networkHelpers.loadFixture(world);
        const { zap, alice } = w;
        const wallet = await ethers.deployContract("EthRefusingCaller", [], alice);
        // An amount whose leftover is WETH, so there is ETH to refund.
        const before = await pairState(w, w.daiWeth);
        const wethIsToken0 = (await w.daiWeth.token0()) === (await w.weth.getAddress());
        const wethLeft = (a: bigint) => {
          const z = model.zapIn(before, a, wethIsToken0);
          return wethIsToken0 ? z.leftover0 : z.leftover1;
        };
        let amountIn = parseEther("1");
        for (let i = 0; wethLeft(amountIn) === 0n; i++) {
          if (i === 1000) throw new Error("no amount with a WETH leftover");
          amountIn += 123_456_789n;
        }
        const data = zap.interface.encodeFunctionData("zapIn", [PID.daiWeth, ZERO, amountIn, 0n, MaxUint256]);
        const walletAddress = await wallet.getAddress();
        await refused(w, [{
          send: (o) => as(wallet, alice).execute(w.zapAddress, data, { ...o, value: amountIn }),
          by: zap, error: "EthTransferFailed", args: [walletAddress],
        }]);
      });
    });

    it("stops re-entrancy through a pair token", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { zap, alice, owner, farm, uniswap } = w;
      const token = await ethers.deployContract("ReenteringToken", [], owner);
      await mined(token.mint(owner.address, parseEther("1000")));
      await mined(token.mint(alice.address, parseEther("1000")));
      const pair = await addLiquidity(uniswap, owner, { tokenA: token, tokenB: w.weth, amountA: parseEther("100"), amountB: parseEther("1") });
      await mined(as(farm, owner).add(100, await pair.getAddress()));
      await mined(as(token, alice).approve(w.zapAddress, MaxUint256));
      // The token calls the zap back, in the middle of moving alice's tokens to it.
      const again = zap.interface.encodeFunctionData("zapIn", [4n, ZERO, 10n ** 18n, 0n, MaxUint256]);
      await mined(token.arm(w.zapAddress, again));
      await refused(w, [{
        send: (o) => as(zap, alice).zapIn(4n, token, parseEther("10"), 0n, MaxUint256, o),
        by: zap, error: "ReentrancyGuardReentrantCall", args: [],
      }], [token, pair]);
      // Disarmed, the same zap goes through.
      await mined(token.arm(ZERO, "0x"));
      await zapped(w, as(zap, alice).zapIn(4n, token, parseEther("10"), 1n, MaxUint256), [token, pair]);
    });
  });

  describe("zapOut and zapOutTo", function () {
    /** Alice holds `STAKE` LP of USDC/WETH and DAI/WETH staked (zapped in), and approved the zap. */
    async function staked(): Promise<ZapWorld> {
      const w = await world();
      const { zap, alice, farm } = w;
      await mined(as(zap, alice).zapIn(PID.usdcWeth, ZERO, parseEther("20"), 0n, MaxUint256, { value: parseEther("20") }));
      await mined(as(zap, alice).zapIn(PID.daiWeth, await w.dai.getAddress(), parseEther("50000"), 0n, MaxUint256));
      await mined(as(zap, alice).zapIn(PID.rwdWeth, ZERO, parseEther("0.5"), 0n, MaxUint256, { value: parseEther("0.5") }));
      await mined(as(farm, alice).setOperator(w.zapAddress, true));
      await networkHelpers.mine(10);
      return w;
    }

    /** The reward `withdraw` by alice herself would pay her in the next block (the chain is rewound). */
    async function ownWithdrawReward(w: ZapWorld, pid: bigint, amount: bigint): Promise<bigint> {
      const snapshot = await networkHelpers.takeSnapshot();
      const before = await w.rewardToken.balanceOf(w.alice.address);
      await mined(as(w.farm, w.alice).withdraw(pid, amount));
      const reward = ((await w.rewardToken.balanceOf(w.alice.address)) as bigint) - (before as bigint);
      await snapshot.restore();
      return reward;
    }

    it("zapOut: unstakes, removes, and sends both tokens exact to the wei; the farm pays the reward to the staker", async function () {
      const w = await networkHelpers.loadFixture(staked);
      const { zap, alice, farm, usdcWeth, rewardToken } = w;
      const stake = (await farm.userInfo(PID.usdcWeth, alice.address)).amount as bigint;
      const liquidity = stake / 3n;
      const expected = model.removeLiquidity(await pairState(w, usdcWeth), liquidity);
      const reward = await ownWithdrawReward(w, PID.usdcWeth, liquidity);
      expect(reward).to.be.greaterThan(0n);
      const [token0, token1] = await tokensOf(usdcWeth);
      const t0 = token0 === (await w.usdc.getAddress()) ? w.usdc : w.weth;
      const t1 = t0 === w.usdc ? w.weth : w.usdc;
      const tx = as(zap, alice).zapOut(PID.usdcWeth, liquidity, expected.amount0, expected.amount1, MaxUint256);
      await expect(tx).to.emit(zap, "ZappedOut").withArgs(alice.address, PID.usdcWeth, liquidity, expected.amount0, expected.amount1);
      await expect(tx).to.emit(farm, "Withdraw").withArgs(alice.address, PID.usdcWeth, liquidity);
      await expect(tx).to.changeTokenBalances(ethers, t0, [alice], [expected.amount0]);
      await expect(tx).to.changeTokenBalances(ethers, t1, [alice], [expected.amount1]);
      await expect(tx).to.changeTokenBalances(ethers, rewardToken, [alice], [reward]);
      await expectZapHoldsNothing(w);
      expect((await farm.userInfo(PID.usdcWeth, alice.address)).amount).to.equal(stake - liquidity);
      expect(await farm.pendingReward(PID.usdcWeth, alice.address)).to.equal(0n);
      expect(token1).to.equal(await t1.getAddress());
    });

    for (const target of ["token0", "token1", "ETH"] as const) {
      it(`zapOutTo ${target}: removes, swaps the other token, exact to the wei`, async function () {
        const w = await networkHelpers.loadFixture(staked);
        const { zap, alice, farm, daiWeth } = w;
        const stake = (await farm.userInfo(PID.daiWeth, alice.address)).amount as bigint;
        const [token0, token1] = await tokensOf(daiWeth);
        const wethAddress = await w.weth.getAddress();
        const tokenOut = target === "ETH" ? ZERO : target === "token0" ? token0 : token1;
        const toToken0 = (tokenOut === ZERO ? wethAddress : tokenOut) === token0;
        const expected = model.zapOutTo(await pairState(w, daiWeth), stake, toToken0);
        const reward = await ownWithdrawReward(w, PID.daiWeth, stake);
        const ethBefore = await ethers.provider.getBalance(alice.address);
        const tx = as(zap, alice).zapOutTo(PID.daiWeth, stake, tokenOut, expected.amountOut, MaxUint256);
        await expect(tx).to.emit(zap, "ZappedOutTo").withArgs(alice.address, PID.daiWeth, stake, tokenOut, expected.amountOut);
        const receipt = await zapped(w, tx);
        await expect(tx).to.changeTokenBalances(ethers, w.rewardToken, [alice], [reward]);
        if (tokenOut === ZERO) {
          expect(await ethers.provider.getBalance(alice.address)).to.equal(ethBefore + expected.amountOut - receipt.fee);
          await expect(tx).to.changeTokenBalances(ethers, w.weth, [alice], [0n]);
        } else {
          const out = tokenOut === wethAddress ? w.weth : w.dai;
          const other = out === w.weth ? w.dai : w.weth;
          await expect(tx).to.changeTokenBalances(ethers, out, [alice], [expected.amountOut]);
          await expect(tx).to.changeTokenBalances(ethers, other, [alice], [0n]);
        }
        const after = await pairState(w, daiWeth);
        expect([after.reserve0, after.reserve1]).to.deep.equal([expected.after.reserve0, expected.after.reserve1]);
        expect((await farm.userInfo(PID.daiWeth, alice.address)).amount).to.equal(0n);
      });
    }

    it("refuses without the staker's operator approval, beyond its bounds, after its deadline, and bad tokens", async function () {
      const w = await networkHelpers.loadFixture(staked);
      const { zap, alice, bob, farm, usdcWeth, usdcDai, dai } = w;
      await mined(as(zap, bob).zapIn(PID.usdcWeth, await w.usdc.getAddress(), parseUnits("1000", 6), 0n, MaxUint256));
      const bobStake = (await farm.userInfo(PID.usdcWeth, bob.address)).amount as bigint;
      const stake = (await farm.userInfo(PID.usdcWeth, alice.address)).amount as bigint;
      const expected = model.removeLiquidity(await pairState(w, usdcWeth), stake);
      const [token0] = await tokensOf(usdcWeth);
      const toToken0 = model.zapOutTo(await pairState(w, usdcWeth), stake, true);
      const z = as(zap, alice);
      const now = BigInt(await networkHelpers.time.latest());
      const daiAddress = await dai.getAddress();
      await mined(as(farm, w.mallory).setOperator(w.zapAddress, true));
      await refused(w, [
        // Bob never approved the zap: it cannot move his stake, nor anyone's but its caller's.
        { send: (o) => as(zap, bob).zapOut(PID.usdcWeth, bobStake, 0n, 0n, MaxUint256, o), by: farm, error: "NotOperator", args: [bob.address, w.zapAddress] },
        { send: (o) => as(zap, bob).zapOutTo(PID.usdcWeth, bobStake, ZERO, 0n, MaxUint256, o), by: farm, error: "NotOperator", args: [bob.address, w.zapAddress] },
        // Mallory approved the zap too: it still moves only its caller's stake, and hers is empty.
        { send: (o) => as(zap, w.mallory).zapOut(PID.usdcWeth, stake, 0n, 0n, MaxUint256, o), by: farm, error: "WithdrawExceedsStake", args: [PID.usdcWeth, stake, 0n] },
        { send: (o) => as(zap, w.mallory).compound([PID.usdcWeth], PID.usdcWeth, [w.rewardToken, w.weth], 0n, MaxUint256, o), by: zap, error: "InvalidAmount", args: [] },
        { send: (o) => z.zapOut(PID.usdcWeth, stake + 1n, 0n, 0n, MaxUint256, o), by: farm, error: "WithdrawExceedsStake", args: [PID.usdcWeth, stake + 1n, stake] },
        { send: (o) => z.zapOut(PID.usdcWeth, 0n, 0n, 0n, MaxUint256, o), by: zap, error: "InvalidAmount", args: [] },
        { send: (o) => z.zapOutTo(PID.usdcWeth, 0n, ZERO, 0n, MaxUint256, o), by: zap, error: "InvalidAmount", args: [] },
        { send: (o) => z.zapOut(PID.usdcWeth, stake, expected.amount0 + 1n, 0n, MaxUint256, o), by: zap, error: "InsufficientOutput", args: [expected.amount0, expected.amount0 + 1n] },
        { send: (o) => z.zapOut(PID.usdcWeth, stake, 0n, expected.amount1 + 1n, MaxUint256, o), by: zap, error: "InsufficientOutput", args: [expected.amount1, expected.amount1 + 1n] },
        { send: (o) => z.zapOutTo(PID.usdcWeth, stake, token0, toToken0.amountOut + 1n, MaxUint256, o), by: zap, error: "InsufficientOutput", args: [toToken0.amountOut, toToken0.amountOut + 1n] },
        { send: (o) => z.zapOutTo(PID.usdcWeth, stake, daiAddress, 0n, MaxUint256, o), by: zap, error: "TokenNotInPair", args: [daiAddress, await usdcWeth.getAddress()] },
        { send: (o) => z.zapOutTo(PID.usdcDai, 1n, ZERO, 0n, MaxUint256, o), by: zap, error: "TokenNotInPair", args: [ZERO, await usdcDai.getAddress()] },
        { send: (o) => z.zapOut(PID.usdcWeth, stake, 0n, 0n, now, o), by: zap, error: "Expired", args: [now, after(now)] },
        { send: (o) => z.zapOutTo(PID.usdcWeth, stake, ZERO, 0n, now, o), by: zap, error: "Expired", args: [now, after(now)] },
      ]);
    });

    it("cannot take a running lock's LP; the unlocked rest comes out", async function () {
      const w = await networkHelpers.loadFixture(staked);
      const { zap, alice, owner, farm, usdcWeth } = w;
      await mined(as(farm, owner).setLockTiers([2n], [20_000n]));
      const unlocked = (await farm.userInfo(PID.usdcWeth, alice.address)).amount as bigint;
      const locked = 10n ** 12n;
      await mined(as(usdcWeth, alice).approve(await farm.getAddress(), locked));
      await mined(as(farm, alice).lock(PID.usdcWeth, locked, 0n, await farm.lockTermsVersion()));
      expect((await farm.userInfo(PID.usdcWeth, alice.address)).amount).to.equal(unlocked + locked);
      await refused(w, [{
        send: (o) => as(zap, alice).zapOut(PID.usdcWeth, unlocked + 1n, 0n, 0n, MaxUint256, o),
        by: farm, error: "WithdrawExceedsStake", args: [PID.usdcWeth, unlocked + 1n, unlocked],
      }]);
      await zapped(w, as(zap, alice).zapOut(PID.usdcWeth, unlocked, 0n, 0n, MaxUint256));
      expect((await farm.lockInfo(PID.usdcWeth, alice.address))[0]).to.equal(locked);
    });

    it("works while the farm is paused (the farm keeps the reward for later); zap in and compound are refused by the farm", async function () {
      const w = await networkHelpers.loadFixture(staked);
      const { zap, alice, owner, farm, usdc } = w;
      await mined(as(farm, owner).pause());
      const stake = (await farm.userInfo(PID.usdcWeth, alice.address)).amount as bigint;
      const tx = as(zap, alice).zapOutTo(PID.usdcWeth, stake / 2n, await usdc.getAddress(), 1n, MaxUint256);
      await expect(tx).to.emit(farm, "RewardDeferred");
      await expect(tx).to.changeTokenBalances(ethers, w.rewardToken, [alice], [0n]);
      await expectZapHoldsNothing(w);
      expect(await farm.pendingReward(PID.usdcWeth, alice.address)).to.be.greaterThan(0n);
      await refused(w, [
        { send: (o) => as(zap, alice).zapIn(PID.usdcWeth, ZERO, 10n ** 18n, 0n, MaxUint256, { ...o, value: 10n ** 18n }), by: farm, error: "EnforcedPause", args: [] },
        { send: (o) => as(zap, alice).compound([PID.usdcWeth], PID.rwdWeth, [w.rewardToken], 0n, MaxUint256, o), by: farm, error: "EnforcedPause", args: [] },
      ]);
    });
  });

  describe("compound", function () {
    async function earning(): Promise<ZapWorld> {
      const w = await world();
      const { zap, alice, farm } = w;
      await mined(as(zap, alice).zapIn(PID.usdcWeth, ZERO, parseEther("20"), 0n, MaxUint256, { value: parseEther("20") }));
      await mined(as(zap, alice).zapIn(PID.rwdWeth, ZERO, parseEther("0.5"), 0n, MaxUint256, { value: parseEther("0.5") }));
      await mined(as(farm, alice).setOperator(w.zapAddress, true));
      await networkHelpers.mine(20);
      return w;
    }

    /** What harvestAll(pids) by alice herself would pay her in the next block (the chain is rewound). */
    async function ownHarvest(w: ZapWorld, pids: bigint[]): Promise<bigint> {
      const snapshot = await networkHelpers.takeSnapshot();
      const before = await w.rewardToken.balanceOf(w.alice.address);
      await mined(as(w.farm, w.alice).harvestAll(pids));
      const reward = ((await w.rewardToken.balanceOf(w.alice.address)) as bigint) - (before as bigint);
      await snapshot.restore();
      return reward;
    }

    it("into the reward token's own pair (path [RWD]): harvest, zap, stake, exact to the wei", async function () {
      const w = await networkHelpers.loadFixture(earning);
      const { zap, alice, farm, rwdWeth, rewardToken } = w;
      const pids = [PID.usdcWeth, PID.rwdWeth];
      const reward = await ownHarvest(w, pids);
      const rwdIsToken0 = (await rwdWeth.token0()) === (await rewardToken.getAddress());
      const expected = model.zapIn(await pairState(w, rwdWeth), reward, rwdIsToken0);
      const stake = (await farm.userInfo(PID.rwdWeth, alice.address)).amount as bigint;
      const tx = as(zap, alice).compound(pids, PID.rwdWeth, [rewardToken], expected.liquidity, MaxUint256);
      await expect(tx).to.emit(zap, "Compounded").withArgs(alice.address, PID.rwdWeth, reward, expected.liquidity, expected.leftover0, expected.leftover1);
      const [leftRwd, leftWeth] = rwdIsToken0 ? [expected.leftover0, expected.leftover1] : [expected.leftover1, expected.leftover0];
      await expect(tx).to.changeTokenBalances(ethers, rewardToken, [alice], [leftRwd]);
      await expect(tx).to.changeTokenBalances(ethers, w.weth, [alice], [leftWeth]);
      await zapped(w, tx);
      expect((await farm.userInfo(PID.rwdWeth, alice.address)).amount).to.equal(stake + expected.liquidity);
      for (const pid of pids) expect(await farm.pendingReward(pid, alice.address)).to.equal(0n);
    });

    it("into another pool through a path (RWD -> WETH, into USDC/WETH), exact to the wei", async function () {
      const w = await networkHelpers.loadFixture(earning);
      const { zap, alice, farm, rwdWeth, usdcWeth, rewardToken, weth } = w;
      const reward = await ownHarvest(w, [PID.usdcWeth]);
      const rwdIsToken0 = (await rwdWeth.token0()) === (await rewardToken.getAddress());
      const swapped = model.swap(await pairState(w, rwdWeth), reward, rwdIsToken0);
      const wethIsToken0 = (await usdcWeth.token0()) === (await weth.getAddress());
      const expected = model.zapIn(await pairState(w, usdcWeth), swapped.amountOut, wethIsToken0);
      const stake = (await farm.userInfo(PID.usdcWeth, alice.address)).amount as bigint;
      const tx = as(zap, alice).compound([PID.usdcWeth], PID.usdcWeth, [rewardToken, weth], expected.liquidity, MaxUint256);
      await expect(tx).to.emit(zap, "Compounded").withArgs(alice.address, PID.usdcWeth, reward, expected.liquidity, expected.leftover0, expected.leftover1);
      await expect(tx).to.changeTokenBalances(ethers, rewardToken, [alice], [0n]);
      await zapped(w, tx);
      // Pool 0's own pending reward was paid to the zap by the harvest, so depositFor paid none.
      expect((await farm.userInfo(PID.usdcWeth, alice.address)).amount).to.equal(stake + expected.liquidity);
    });

    it("refuses bad paths, nothing to compound, slippage, an expired deadline, and stakers who did not approve it", async function () {
      const w = await networkHelpers.loadFixture(earning);
      const { zap, alice, bob, farm, rewardToken, weth, usdc, dai, rwdWeth } = w;
      const z = as(zap, alice);
      const rwd = await rewardToken.getAddress();
      // The reward grows every block: the slippage refusal goes alone, in the block it was computed for.
      const reward = await ownHarvest(w, [PID.rwdWeth]);
      const rwdIsToken0 = (await rwdWeth.token0()) === rwd;
      const expected = model.zapIn(await pairState(w, rwdWeth), reward, rwdIsToken0);
      await refused(w, [
        { send: (o) => z.compound([PID.rwdWeth], PID.rwdWeth, [rwd], expected.liquidity + 1n, MaxUint256, o), by: zap, error: "InsufficientOutput", args: [expected.liquidity, expected.liquidity + 1n] },
      ]);
      await mined(as(farm, bob).setOperator(w.zapAddress, true));
      const now = BigInt(await networkHelpers.time.latest());
      await refused(w, [
        { send: (o) => z.compound([PID.rwdWeth], PID.rwdWeth, [], 0n, MaxUint256, o), by: zap, error: "InvalidPath", args: [] },
        { send: (o) => z.compound([PID.rwdWeth], PID.rwdWeth, [weth], 0n, MaxUint256, o), by: zap, error: "InvalidPath", args: [] },
        { send: (o) => z.compound([PID.rwdWeth], PID.usdcWeth, [rwd], 0n, MaxUint256, o), by: zap, error: "InvalidPath", args: [] },
        { send: (o) => z.compound([PID.rwdWeth], PID.usdcWeth, [rwd, weth, dai], 0n, MaxUint256, o), by: zap, error: "InvalidPath", args: [] },
        // No RWD/USDC pair: the hop does not exist.
        { send: (o) => z.compound([PID.rwdWeth], PID.usdcWeth, [rwd, usdc], 0n, MaxUint256, o), by: zap, error: "InvalidPath", args: [] },
        { send: (o) => z.compound([PID.rwdWeth], PID.rwdWeth, [rwd], 0n, now, o), by: zap, error: "Expired", args: [now, after(now)] },
        // Bob approved the zap but has nothing to compound.
        { send: (o) => as(zap, bob).compound([PID.rwdWeth], PID.rwdWeth, [rwd], 0n, MaxUint256, o), by: zap, error: "InvalidAmount", args: [] },
        { send: (o) => as(zap, w.carol).compound([PID.rwdWeth], PID.rwdWeth, [rwd], 0n, MaxUint256, o), by: farm, error: "NotOperator", args: [w.carol.address, w.zapAddress] },
      ]);
    });
  });

  describe("leftover bound (model sweep)", function () {
    it("leftover <= (g + 2)(u + 2) wei of the input token's worth, for amounts up to 1,000 times the reserve", function () {
      let worst = 0;
      fc.assert(
        fc.property(
          fc.bigInt({ min: 1000n, max: 2n ** 100n }),
          fc.bigInt({ min: 1000n, max: 2n ** 100n }),
          fc.bigInt({ min: 1n, max: 10n ** 9n }),
          (reserve0, reserve1, perMillion) => {
            const pair = { reserve0, reserve1, totalSupply: 10n ** 9n, kLast: 0n, feeOn: false };
            const amountIn = (reserve0 * perMillion) / 10n ** 6n;
            const z = model.zapIn(pair, amountIn, true);
            if (amountIn === 0n || z.swapOut === 0n || z.liquidity === 0n) return;
            const share = leftoverBoundShare(pair, z, true);
            worst = Math.max(worst, share);
            expect(share).to.be.at.most(1);
          },
        ),
        { numRuns: 20_000, seed: 15 },
      );
      console.log(`      worst leftover / bound over 20,000 zaps = ${worst.toFixed(3)}`);
    });
  });
});

/**
 * The leftover's worth in wei of the input token at the pair's price after the swap, divided by its
 * bound (g + 2)(u + 2): u = ceil(reserveIn / reserveOut) is one wei of the other token's worth, and
 * g = ceil(swapOut / reserveOut) how many times the swap bought what it left in the pair (below 1
 * for any zap up to the input reserve, so the bound is then under 2u + 4: a few wei).
 * Why: the swap amount is rounded down (under 1 wei), and so is its output (under 1 wei of the
 * other token); each moves the ratio of what is left by the share the swap took.
 */
function leftoverBoundShare(
  before: model.PairState,
  z: ReturnType<typeof model.zapIn>,
  inIsToken0: boolean,
): number {
  const ceil = (a: bigint, b: bigint) => (a + b - 1n) / b;
  const reserveIn = (inIsToken0 ? before.reserve0 : before.reserve1) + z.swapIn;
  const reserveOut = (inIsToken0 ? before.reserve1 : before.reserve0) - z.swapOut;
  const [leftIn, leftOut] = inIsToken0 ? [z.leftover0, z.leftover1] : [z.leftover1, z.leftover0];
  const worth = leftIn + ceil(leftOut * reserveIn, reserveOut);
  const bound = (ceil(z.swapOut, reserveOut) + 2n) * (ceil(reserveIn, reserveOut) + 2n);
  return Number((worth * 1_000_000n) / bound) / 1_000_000;
}

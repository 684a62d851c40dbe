/**
 * depositWithPermit: real EIP-2612 permits signed for the real UniswapV2Pair (domain "Uniswap V2",
 * version "1"), approve-free staking in one transaction, and every way the permit can fail.
 */
import { expect } from "chai";
import { MaxUint256, parseEther } from "ethers";
import { network } from "hardhat";

import { mined, mineUntilNextTxIn, as } from "../fixtures/chain.js";
import { pairPermitDomain, signPairPermit } from "../fixtures/permit.js";
import { farmState, type Mined, refusedAndMined } from "./helpers/farm-state.js";
import { type World, buildWorld } from "../fixtures/world.js";

const { ethers, networkHelpers } = await network.create();

const AMOUNT = 10n ** 15n;


/** Pool 0: usdcWeth, pool 1: daiWeth, 100 points each. Nobody has approved the farm. */
async function pools(): Promise<World> {
  const w = await buildWorld(ethers);
  await (await as(w.farm, w.owner).add(100, await w.usdcWeth.getAddress())).wait();
  await (await as(w.farm, w.owner).add(100, await w.daiWeth.getAddress())).wait();
  if (BigInt(await ethers.provider.getBlockNumber()) >= w.startBlock) throw new Error("fixture ran past the start block");
  return w;
}

/**
 * `send` (given the overrides that get it mined) reverts with the farm's custom error `error(...args)`
 * in a block of its own, and `state` then shows what it shows after an empty block.
 */
async function expectRefused(w: World, send: (o: Mined) => Promise<unknown>, error: string, args: unknown[]): Promise<void> {
  await refusedAndMined(ethers, () => state(w), [{ send, by: w.farm, error, args }]);
}

async function state(w: World): Promise<Record<string, unknown>> {
  return {
    farm: await farmState(w.farm, {
      pids: [0, 1],
      accounts: [w.alice.address, w.bob.address, w.mallory.address],
      tokens: [w.usdcWeth, w.rewardToken],
      rewardToken: w.rewardToken,
    }),
    nonces: [await w.usdcWeth.nonces(w.alice.address), await w.usdcWeth.nonces(w.bob.address)],
    allowances: [
      await w.usdcWeth.allowance(w.alice.address, await w.farm.getAddress()),
      await w.usdcWeth.allowance(w.bob.address, await w.farm.getAddress()),
    ],
  };
}

async function inAnHour(): Promise<bigint> {
  return BigInt(await networkHelpers.time.latest()) + 3600n;
}

describe("depositWithPermit", function () {
  it("signs against the pair's real EIP-712 domain", async function () {
    const { usdcWeth } = await networkHelpers.loadFixture(pools);
    const domain = await pairPermitDomain(ethers, usdcWeth);
    expect(domain.chainId).to.equal(31337n);
    expect(await usdcWeth.DOMAIN_SEPARATOR()).to.equal(ethers.TypedDataEncoder.hashDomain(domain));
    expect(await usdcWeth.name()).to.equal("Uniswap V2");
  });

  it("stakes in one transaction with no prior approve", async function () {
    const { farm, alice, usdcWeth } = await networkHelpers.loadFixture(pools);
    const farmAddress = await farm.getAddress();
    expect(await usdcWeth.allowance(alice.address, farmAddress)).to.equal(0n);
    const nonceBefore = await ethers.provider.getTransactionCount(alice.address);
    const deadline = await inAnHour();
    const { v, r, s } = await signPairPermit(ethers, alice, usdcWeth, { spender: farmAddress, value: AMOUNT, deadline });

    const tx = as(farm, alice).depositWithPermit(0, AMOUNT, deadline, v, r, s);
    await expect(tx).to.emit(usdcWeth, "Approval").withArgs(alice.address, farmAddress, AMOUNT);
    await expect(tx).to.emit(farm, "Deposit").withArgs(alice.address, 0n, AMOUNT);
    await expect(tx).to.changeTokenBalances(ethers, usdcWeth, [alice, farmAddress], [-AMOUNT, AMOUNT]);

    expect(await ethers.provider.getTransactionCount(alice.address)).to.equal(nonceBefore + 1);
    expect((await farm.userInfo(0, alice.address)).amount).to.equal(AMOUNT);
    expect((await farm.poolInfo(0)).totalStaked).to.equal(AMOUNT);
    expect(await usdcWeth.nonces(alice.address)).to.equal(1n);
    expect(await usdcWeth.allowance(alice.address, farmAddress)).to.equal(0n); // the permit was spent exactly
  });

  it("pays the pending reward like deposit does", async function () {
    const { farm, alice, usdcWeth, rewardToken, startBlock: S } = await networkHelpers.loadFixture(pools);
    const farmAddress = await farm.getAddress();
    const first = await signPairPermit(ethers, alice, usdcWeth, { spender: farmAddress, value: AMOUNT, deadline: await inAnHour() });
    await mined(as(farm, alice).depositWithPermit(0, AMOUNT, first.message.deadline, first.v, first.r, first.s));

    const second = await signPairPermit(ethers, alice, usdcWeth, { spender: farmAddress, value: AMOUNT, deadline: await inAnHour() });
    expect(second.message.nonce).to.equal(1n);
    await mineUntilNextTxIn(ethers, S + 10n);
    // Alice alone in pool 0 (half the emission): 10 x 5.
    await expect(as(farm, alice).depositWithPermit(0, AMOUNT, second.message.deadline, second.v, second.r, second.s))
      .to.emit(rewardToken, "Transfer")
      .withArgs(ethers.ZeroAddress, alice.address, parseEther("50"));
    expect((await farm.userInfo(0, alice.address)).amount).to.equal(2n * AMOUNT);
  });

  it("accepts a deadline equal to the block timestamp", async function () {
    const { farm, alice, usdcWeth } = await networkHelpers.loadFixture(pools);
    const deadline = await inAnHour();
    const { v, r, s } = await signPairPermit(ethers, alice, usdcWeth, {
      spender: await farm.getAddress(), value: AMOUNT, deadline,
    });
    await networkHelpers.time.setNextBlockTimestamp(deadline);
    await expect(as(farm, alice).depositWithPermit(0, AMOUNT, deadline, v, r, s))
      .to.emit(farm, "Deposit")
      .withArgs(alice.address, 0n, AMOUNT);
  });

  it("rejects an expired deadline with PermitExpired(deadline, blockTimestamp) and changes nothing", async function () {
    const w = await networkHelpers.loadFixture(pools);
    const { farm, alice, usdcWeth } = w;
    const deadline = await inAnHour();
    const { v, r, s } = await signPairPermit(ethers, alice, usdcWeth, {
      spender: await farm.getAddress(), value: AMOUNT, deadline,
    });
    await networkHelpers.time.increaseTo(deadline);
    await networkHelpers.time.setNextBlockTimestamp(deadline + 1n);
    await expectRefused(
      w, (o) => as(farm, alice).depositWithPermit(0, AMOUNT, deadline, v, r, s, o),
      "PermitExpired", [deadline, deadline + 1n],
    );
  });

  it("rejects a permit signed by someone other than the caller with PermitInvalid(lpToken) and changes nothing", async function () {
    const w = await networkHelpers.loadFixture(pools);
    const { farm, alice, bob, usdcWeth } = w;
    const deadline = await inAnHour();
    // Bob signs a permit naming Alice as owner.
    const { v, r, s } = await signPairPermit(ethers, bob, usdcWeth, {
      owner: alice.address, spender: await farm.getAddress(), value: AMOUNT, deadline,
    });
    await expectRefused(
      w, (o) => as(farm, alice).depositWithPermit(0, AMOUNT, deadline, v, r, s, o),
      "PermitInvalid", [await usdcWeth.getAddress()],
    );
  });

  it("rejects Alice's valid signature submitted by Bob with PermitInvalid(lpToken): it approves nothing of Bob's", async function () {
    const w = await networkHelpers.loadFixture(pools);
    const { farm, alice, bob, usdcWeth } = w;
    const deadline = await inAnHour();
    const { v, r, s } = await signPairPermit(ethers, alice, usdcWeth, { spender: await farm.getAddress(), value: AMOUNT, deadline });
    await expectRefused(
      w, (o) => as(farm, bob).depositWithPermit(0, AMOUNT, deadline, v, r, s, o),
      "PermitInvalid", [await usdcWeth.getAddress()],
    );
  });

  for (const [label, submitted] of [["more", 2n * AMOUNT], ["less", AMOUNT / 2n]] as const) {
    it(`rejects an amount ${label} than the signed value with PermitInvalid(lpToken) and changes nothing`, async function () {
      const w = await networkHelpers.loadFixture(pools);
      const { farm, alice, usdcWeth } = w;
      const deadline = await inAnHour();
      const { v, r, s } = await signPairPermit(ethers, alice, usdcWeth, { spender: await farm.getAddress(), value: AMOUNT, deadline });
      await expectRefused(
        w, (o) => as(farm, alice).depositWithPermit(0, submitted, deadline, v, r, s, o),
        "PermitInvalid", [await usdcWeth.getAddress()],
      );
    });
  }

  it("rejects a permit for another spender with PermitInvalid(lpToken) and changes nothing", async function () {
    const w = await networkHelpers.loadFixture(pools);
    const { farm, alice, mallory, usdcWeth } = w;
    const deadline = await inAnHour();
    const { v, r, s } = await signPairPermit(ethers, alice, usdcWeth, { spender: mallory.address, value: AMOUNT, deadline });
    await expectRefused(
      w, (o) => as(farm, alice).depositWithPermit(0, AMOUNT, deadline, v, r, s, o),
      "PermitInvalid", [await usdcWeth.getAddress()],
    );
  });

  it("rejects a permit for the other pool's LP with PermitInvalid(this pool's lpToken)", async function () {
    const w = await networkHelpers.loadFixture(pools);
    const { farm, alice, usdcWeth, daiWeth } = w;
    const deadline = await inAnHour();
    const { v, r, s } = await signPairPermit(ethers, alice, usdcWeth, { spender: await farm.getAddress(), value: AMOUNT, deadline });
    await expectRefused(
      w, (o) => as(farm, alice).depositWithPermit(1, AMOUNT, deadline, v, r, s, o),
      "PermitInvalid", [await daiWeth.getAddress()],
    );
    expect(await daiWeth.nonces(alice.address)).to.equal(0n);
  });

  it("rejects an unknown pid with PoolNotFound(pid, poolLength) and changes nothing", async function () {
    const w = await networkHelpers.loadFixture(pools);
    const { farm, alice, usdcWeth } = w;
    const deadline = await inAnHour();
    const { v, r, s } = await signPairPermit(ethers, alice, usdcWeth, { spender: await farm.getAddress(), value: AMOUNT, deadline });
    await expectRefused(w, (o) => as(farm, alice).depositWithPermit(2, AMOUNT, deadline, v, r, s, o), "PoolNotFound", [2n, 2n]);
  });

  it("still succeeds when the permit was front-run: someone submitted it to the pair first", async function () {
    const { farm, alice, mallory, usdcWeth } = await networkHelpers.loadFixture(pools);
    const farmAddress = await farm.getAddress();
    const deadline = await inAnHour();
    const { v, r, s } = await signPairPermit(ethers, alice, usdcWeth, { spender: farmAddress, value: AMOUNT, deadline });

    await expect(as(usdcWeth, mallory).permit(alice.address, farmAddress, AMOUNT, deadline, v, r, s))
      .to.emit(usdcWeth, "Approval")
      .withArgs(alice.address, farmAddress, AMOUNT);
    expect(await usdcWeth.nonces(alice.address)).to.equal(1n);

    const tx = as(farm, alice).depositWithPermit(0, AMOUNT, deadline, v, r, s);
    await expect(tx).to.emit(farm, "Deposit").withArgs(alice.address, 0n, AMOUNT);
    await expect(tx).to.changeTokenBalances(ethers, usdcWeth, [alice, farmAddress], [-AMOUNT, AMOUNT]);
    expect((await farm.userInfo(0, alice.address)).amount).to.equal(AMOUNT);
    expect(await usdcWeth.allowance(alice.address, farmAddress)).to.equal(0n);
    expect(await usdcWeth.nonces(alice.address)).to.equal(1n);
  });

  it("falls back on an existing allowance when the signature is bad (documented behaviour)", async function () {
    const { farm, alice, bob, usdcWeth } = await networkHelpers.loadFixture(pools);
    const farmAddress = await farm.getAddress();
    await (await as(usdcWeth, alice).approve(farmAddress, MaxUint256)).wait();
    const deadline = await inAnHour();
    const { v, r, s } = await signPairPermit(ethers, bob, usdcWeth, {
      owner: alice.address, spender: farmAddress, value: AMOUNT, deadline,
    });
    await expect(as(farm, alice).depositWithPermit(0, AMOUNT, deadline, v, r, s))
      .to.emit(farm, "Deposit")
      .withArgs(alice.address, 0n, AMOUNT);
    expect(await usdcWeth.nonces(alice.address)).to.equal(0n);
  });

  it("rejects a replayed permit (nonce used, allowance spent) with PermitInvalid(lpToken) and changes nothing", async function () {
    const w = await networkHelpers.loadFixture(pools);
    const { farm, alice, usdcWeth } = w;
    const farmAddress = await farm.getAddress();
    const deadline = await inAnHour();
    const { v, r, s } = await signPairPermit(ethers, alice, usdcWeth, { spender: farmAddress, value: AMOUNT, deadline });
    await mined(as(farm, alice).depositWithPermit(0, AMOUNT, deadline, v, r, s));
    // Same signature again: the nonce is used and the allowance is gone.
    await expectRefused(
      w, (o) => as(farm, alice).depositWithPermit(0, AMOUNT, deadline, v, r, s, o),
      "PermitInvalid", [await usdcWeth.getAddress()],
    );
  });
});

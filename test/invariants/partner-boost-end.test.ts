/**
 * A finding of the partner model's campaign (issue 17), shown on its own: a staker whose lock's
 * boost ends between two catch-ups of the pool must earn partner rewards boosted up to the end and
 * at 1x after it (IPartnerRewarder: "a lock's boost ending at its end block with nobody acting").
 *
 * PartnerRewarder._catchUp keeps each stream's acc at the boundary it passes with
 * `caught.accAt[caught.passed++] = caught.acc`: a memory-to-memory assignment, which in Solidity
 * copies a reference, not the values. The acc "at the end" then follows every later release of
 * the same catch-up, and is stored so (`_accAt`): the staker whose boost ended is paid its boosted
 * weight for the blocks after the end too, more than the stream released (here Alice is owed
 * 16,600 wei instead of 13,600: 3,000 more than the 6,000 released over the 10 blocks after the
 * end allow, which would be paid from tokens owed to others).
 * Fix: copy the values (`uint256[MAX_STREAMS] memory at; for (...) at[i] = caught.acc[i];`).
 */
import { expect } from "chai";
import type { Contract } from "ethers";
import { network } from "hardhat";

import { buildLockWorld, E15, endOf, type LockWorld } from "../helpers/lock-world.js";
import { as, at, latestBlock, viewAt } from "../helpers/scenario.js";

const { ethers, networkHelpers } = await network.create();

async function lockWorld(): Promise<LockWorld> {
  return buildLockWorld(ethers);
}

describe("Partner rewards: a boost that ends between catch-ups (found by the invariant campaign)", function () {
  it("pays the boost up to its end and 1x after, never more than the stream released", async function () {
    const world = await networkHelpers.loadFixture(lockWorld);
    const { lockFarm: farm, owner, alice, bob } = world;
    const rewarder = (await ethers.getContractAt("PartnerRewarder", (await farm.partnerRewarder()) as string)) as unknown as Contract;
    const token = await ethers.deployContract("TestERC20", ["Partner", "PART", 18], owner);
    const X = (await latestBlock(ethers)) + 5n;
    const BLOCKS = 100n;
    const PER_BLOCK = 600n;
    await (await token.mint(owner.address, PER_BLOCK * BLOCKS)).wait();
    await (await as(token as unknown as Contract, owner).approve(await rewarder.getAddress(), PER_BLOCK * BLOCKS)).wait();

    // Block X: the stream starts (600 wei per block to X + 100). X + 1: Alice locks 1e15 LP at 2x
    // (weight 2e15) to E. X + 2: Bob stakes 1e15 (weight 1e15).
    await at(ethers, X, () => as(rewarder, owner).fund(0, token.getAddress(), PER_BLOCK * BLOCKS, X + BLOCKS));
    const terms = (await farm.lockTermsVersion()) as bigint;
    await at(ethers, X + 1n, () => as(farm, alice).lock(0, E15, 0, terms));
    await at(ethers, X + 2n, () => as(farm, bob).deposit(0, E15));
    const E = endOf(X + 1n, 0);

    // Nobody acts until E + 10: block X + 2 is Alice's alone (600), X + 3 … E split 2:1
    // (400 and 200), E + 1 … E + 10 split 1:1 (300 each).
    await viewAt(ethers, E + 10n);
    const boosted = E - (X + 2n);
    const [, aliceAmounts] = (await rewarder.pendingRewards(0, alice.address)) as [string[], bigint[]];
    const [, bobAmounts] = (await rewarder.pendingRewards(0, bob.address)) as [string[], bigint[]];
    expect(bobAmounts[0]).to.equal(200n * boosted + 300n * 10n);
    expect(aliceAmounts[0]).to.equal(600n + 400n * boosted + 300n * 10n);
    expect(aliceAmounts[0] + bobAmounts[0]).to.be.at.most(PER_BLOCK * (E + 10n - (X + 1n)));
  });
});

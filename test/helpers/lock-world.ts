/**
 * The farm the lock tests share (locks.test.ts, audit-locks.test.ts): the contract tests' world
 * plus a farm of 10 RWD per block with 10-block epochs, tiers of 20 blocks at 2x and 40 blocks at
 * 3x, a 20% early-exit penalty to Carol, and pool 0 = USDC/WETH, approved by every staker.
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { type Contract, parseEther } from "ethers";

import { deployFarm } from "../../deploy/farm.js";
import { buildWorld, type World } from "../../fixtures/world.js";
import { approveAll, as, latestBlock } from "./scenario.js";

export const E15 = 10n ** 15n;
export const EPOCH = 10n;
export const TIER_DURATIONS = [20n, 40n];
export const TIER_BOOSTS = [20_000n, 30_000n];
export const PENALTY_BPS = 2_000n;

export interface LockWorld extends World {
  lockFarm: Contract;
  lockToken: Contract;
  S: bigint;
}

/** Builds the lock world; each test file wraps it in a named fixture for loadFixture. */
export async function buildLockWorld(ethers: HardhatEthers): Promise<LockWorld> {
  const world = await buildWorld(ethers);
  const { owner, alice, bob, carol, mallory, usdcWeth, daiWeth } = world;
  const S = (await latestBlock(ethers)) + 40n;
  const { farm, rewardToken } = await deployFarm(ethers, owner, {
    rewardPerBlock: parseEther("10"),
    startBlock: S,
    cap: parseEther("1000000"),
    owner: owner.address,
    epochBlocks: EPOCH,
  });
  await (await as(farm, owner).add(100, await usdcWeth.getAddress())).wait();
  await (await as(farm, owner).setLockTiers(TIER_DURATIONS, TIER_BOOSTS)).wait();
  await (await as(farm, owner).setEarlyExitPenalty(PENALTY_BPS, carol.address)).wait();
  await approveAll(ethers, farm, [alice, bob, carol, mallory], [usdcWeth, daiWeth]);
  // Room for locks and stakes "a few blocks before start".
  expect(await latestBlock(ethers)).to.be.lessThan(S - 30n);
  return { ...world, lockFarm: farm, lockToken: rewardToken, S };
}

/** The end a lock made in block `block` for `tier` gets: block + duration, rounded up to the epoch. */
export function endOf(block: bigint, tier: number): bigint {
  const raw = block + TIER_DURATIONS[tier];
  return ((raw + EPOCH - 1n) / EPOCH) * EPOCH;
}

export async function pending(farm: Contract, who: HardhatEthersSigner, pid = 0): Promise<bigint> {
  return (await farm.pendingReward(pid, who.address)) as bigint;
}

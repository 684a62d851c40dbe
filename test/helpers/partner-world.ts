/**
 * The partner-rewards tests' world (partners.test.ts, audit-partners.test.ts): the lock world
 * (lock-world.ts) with a second pool, DAI/WETH, the farm's rewarder, and three partner tokens
 * (PTN, a plain ERC-20; a HostilePartnerToken; an OddReturnPartnerToken) minted to the owner and
 * Carol and approved to the rewarder. Alice and Bob have acted in pool 0 before any stream, so
 * they are not yet enrolled for partner rewards.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { type Contract, MaxUint256, parseEther } from "ethers";

import { buildLockWorld, type LockWorld } from "./lock-world.js";
import { as } from "./scenario.js";

export interface PartnerWorld extends LockWorld {
  rewarder: Contract;
  partner: Contract;
  hostile: Contract;
  odd: Contract;
}

/** Builds the partner world; each test file wraps it in a named fixture for loadFixture. */
export async function buildPartnerWorld(ethers: HardhatEthers): Promise<PartnerWorld> {
  const world = await buildLockWorld(ethers);
  const { lockFarm: farm, owner, alice, bob, carol, daiWeth } = world;
  await (await as(farm, owner).add(100, await daiWeth.getAddress())).wait();
  const rewarder = await ethers.getContractAt("PartnerRewarder", await farm.partnerRewarder());
  const partner = await ethers.deployContract("TestERC20", ["Partner", "PTN", 18]);
  const hostile = await ethers.deployContract("HostilePartnerToken");
  const odd = await ethers.deployContract("OddReturnPartnerToken");
  for (const token of [partner, hostile, odd]) {
    for (const sponsor of [owner, carol]) {
      await (await token.mint(sponsor.address, parseEther("1000000"))).wait();
      await (await as(token, sponsor).approve(await rewarder.getAddress(), MaxUint256)).wait();
    }
  }
  for (const staker of [alice, bob]) await (await as(farm, staker).deposit(0, 0)).wait(); // not yet partnered
  return { ...world, rewarder, partner, hostile, odd };
}

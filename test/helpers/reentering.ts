/**
 * A pool whose LP token (contracts/test/ReenteringToken.sol) calls back into the farm from the
 * middle of its own transfers, for the re-entrancy tests.
 */
import { type Contract, MaxUint256, parseEther } from "ethers";

import { as, mined } from "../../fixtures/chain.js";
import type { World } from "../../fixtures/world.js";

/** What each of the two stakers of the re-entering pool holds staked. */
export const REENTERING_STAKE = parseEther("100");

/**
 * Adds the pool (100 points). The token contract itself becomes a staker of REENTERING_STAKE: it
 * is armed to approve the farm and then to deposit, from two plain transfers, so every call it
 * makes from a callback would succeed on its own and only the farm's guard can stop it. Mallory
 * stakes REENTERING_STAKE too and keeps 900.
 */
export async function addReenteringLpPool(w: World): Promise<{ token: Contract; tokenAddress: string; pid: bigint }> {
  const { ethers, farm, owner, mallory } = w;
  const token = await ethers.deployContract("ReenteringToken", [], owner);
  const tokenAddress = await token.getAddress();
  const farmAddress = await farm.getAddress();
  await mined(as(farm, owner).add(100, tokenAddress));
  const pid = (await farm.poolLength()) - 1n;
  await mined(token.mint(mallory.address, parseEther("1000")));
  await mined(token.mint(tokenAddress, parseEther("1000")));
  await mined(as(token, mallory).approve(farmAddress, MaxUint256));
  await mined(token.arm(tokenAddress, token.interface.encodeFunctionData("approve", [farmAddress, MaxUint256])));
  await mined(as(token, mallory).transfer(mallory.address, 0n));
  await mined(token.arm(farmAddress, farm.interface.encodeFunctionData("deposit", [pid, REENTERING_STAKE])));
  await mined(as(token, mallory).transfer(mallory.address, 0n));
  await mined(as(farm, mallory).deposit(pid, REENTERING_STAKE));
  return { token, tokenAddress, pid };
}

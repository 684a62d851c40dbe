/**
 * The steady state every gas figure is measured in (issue 6):
 * - the measured pool, pid 0, stakes a real UniswapV2Pair (USDC/WETH, official artifacts); it
 *   already has other stakers and was last updated in an earlier block;
 * - alice is an existing staker there (and in the other pools `harvestAll` sweeps) who already
 *   holds reward tokens from an earlier harvest and keeps LP in her wallet, so no measured
 *   transaction pays for a fresh balance slot;
 * - carol holds the same LP and reward tokens but never staked in pid 0 (the "new staker");
 * - every approval is in place, except where a permit is what is being measured.
 * The farm then grows to any number of pools (filler pools over plain test ERC20s) and any number
 * of stakers in pid 0 (credited with depositFor), so the same operations can be measured at every
 * size.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { type Contract, MaxUint256, toBeHex, toQuantity } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { as } from "../fixtures/chain.js";
import { signPairPermit } from "../fixtures/permit.js";
import { buildWorld, type World } from "../fixtures/world.js";

/** The measured pool. */
export const PID = 0;
/** `harvestAll` sweeps pid 0 and the next filler pools, up to this many in all. */
const HARVEST_POOLS = 10;

/** LP wei: alice's and bob's stakes, then what each measured deposit or withdrawal moves. */
const STAKE = 10n ** 15n;
export const AMOUNT = 10n ** 14n;
/** Each extra staker's stake in pid 0: small, so 1,000 of them fit in the owner's LP. */
const EXTRA_STAKE = 10n ** 12n;
const ALLOC_POINT = 100n;
/** Gas limit of the bulk setup transactions (a filler token's deployment is the largest). */
const SETUP_GAS = 3_000_000;

/** Lock tiers at the farm's 7,200-block (a day of 12 s blocks) epochs: 30 days at 1.5x, a year at 3x. */
export const DAY_BLOCKS = 7_200n;
export const LOCK_TIERS = { month: 0, year: 1 } as const;
const TIER_DURATIONS = [30n * DAY_BLOCKS, 365n * DAY_BLOCKS];
const TIER_BOOSTS = [15_000n, 30_000n];
/** Early exits pay 20% at the start to the owner, who already holds the LP (no fresh balance slot). */
const PENALTY_BPS = 2_000n;
/** The lock terms version after the scenario sets the tiers and the penalty: what a staker names. */
export const LOCK_TERMS_VERSION = 2n;

export interface Scenario {
  connection: NetworkConnection;
  world: World;
  /** LP tokens of pools 1, 2, ... in order: plain test ERC20s, deployed once up front. */
  fillers: string[];
  /** The zap, once a zap operation's preparation deployed it (zap.ts). */
  zap?: Contract;
}

async function mined(tx: Promise<{ wait(): Promise<unknown> }>): Promise<void> {
  await (await tx).wait();
}

/**
 * Sends a bulk setup transaction, mined at once (automine), without the gas estimate and receipt
 * polling ethers adds: the setup sends thousands, and this keeps the benchmark within seconds.
 * A revert still throws.
 */
export async function quickly(ethers: HardhatEthers, from: string, tx: { to?: string; data: string }): Promise<string> {
  return ethers.provider.send("eth_sendTransaction", [{ from, ...tx, gas: toQuantity(SETUP_GAS) }]);
}

/**
 * One pool (the real pair, pid 0) with two stakers, bob and alice, both earning; filler tokens
 * for up to `maxPools` pools are deployed, and alice and bob hold and approved those `harvestAll`
 * sweeps.
 */
export async function steadyFarm(connection: NetworkConnection, maxPools: number): Promise<Scenario> {
  const { ethers, networkHelpers } = connection;
  const world = await buildWorld(ethers);
  const { farm, owner, alice, bob, carol, usdcWeth, rewardToken } = world;
  const farmAddress = await farm.getAddress();

  await mined(as(farm, owner).add(ALLOC_POINT, await usdcWeth.getAddress()));
  await mined(as(farm, owner).setLockTiers(TIER_DURATIONS, TIER_BOOSTS));
  await mined(as(farm, owner).setEarlyExitPenalty(PENALTY_BPS, owner.address));
  if ((await farm.lockTermsVersion()) !== LOCK_TERMS_VERSION) throw new Error("unexpected lock terms version");
  for (const account of [owner, bob, carol]) await mined(as(usdcWeth, account).approve(farmAddress, MaxUint256));
  await networkHelpers.mineUpTo(world.startBlock + 1n);
  await mined(as(farm, bob).deposit(PID, STAKE));
  // Alice stakes once with a permit, so her permit nonce is no longer a fresh slot, then approves.
  const { v, r, s } = await signPairPermit(ethers, alice, usdcWeth, { spender: farmAddress, value: STAKE, deadline: MaxUint256 });
  await mined(as(farm, alice).depositWithPermit(PID, STAKE, MaxUint256, v, r, s));
  await mined(as(usdcWeth, alice).approve(farmAddress, MaxUint256));

  await networkHelpers.mine(5);
  await mined(as(farm, alice).harvest(PID));
  const rewards = (await rewardToken.balanceOf(alice.address)) as bigint;
  await mined(as(rewardToken, alice).transfer(carol.address, rewards / 2n));

  const token = await ethers.getContractFactory("TestERC20", owner);
  const { data } = await token.getDeployTransaction("Filler", "FIL", 18);
  const fillers: string[] = [];
  for (let pid = 1; pid < maxPools; pid++) {
    const receipt = await ethers.provider.getTransactionReceipt(await quickly(ethers, owner.address, { data }));
    fillers.push(receipt!.contractAddress!);
  }
  for (const filler of fillers.slice(0, HARVEST_POOLS - 1)) {
    for (const staker of [alice, bob]) {
      await mined(as(token.attach(filler), staker).mint(staker.address, 2n * STAKE));
      await mined(as(token.attach(filler), staker).approve(farmAddress, MaxUint256));
    }
  }
  return { connection, world, fillers };
}

/** Adds filler pools until the farm has `pools`; alice and bob stake in those `harvestAll` sweeps. */
export async function growPools({ connection: { ethers }, world, fillers }: Scenario, pools: number): Promise<void> {
  const { farm, owner, alice, bob } = world;
  const to = await farm.getAddress();
  for (let pid = Number(await farm.poolLength()); pid < pools; pid++) {
    await quickly(ethers, owner.address, { to, data: farm.interface.encodeFunctionData("add", [ALLOC_POINT, fillers[pid - 1]]) });
    if (pid < HARVEST_POOLS) {
      await mined(as(farm, bob).deposit(pid, STAKE));
      await mined(as(farm, alice).deposit(pid, STAKE));
    }
  }
}

/** From the steady farm (bob alone beside alice), credits stakes in pid 0 until it has `stakers` besides alice. */
export async function addStakers({ connection: { ethers }, world }: Scenario, stakers: number): Promise<void> {
  const { farm, owner } = world;
  const to = await farm.getAddress();
  for (let i = 1; i < stakers; i++) {
    const staker = toBeHex(0xbe0000 + i, 20);
    await quickly(ethers, owner.address, { to, data: farm.interface.encodeFunctionData("depositFor", [PID, EXTRA_STAKE, staker]) });
  }
}

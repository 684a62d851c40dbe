/**
 * Helpers for the contract tests (admin, safety, permit, regressions):
 * - `farmState` reads everything a call could change, so a rejected call can be shown to change nothing;
 * - `refusedAndMined` mines refused calls and shows they left things as empty blocks would;
 * - `deployFarmFor` deploys a Farm against a reward token built for its predicted address.
 * Permit signing, which the gas benchmark shares, is in fixtures/permit.ts.
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import type { Contract } from "ethers";

import { deployFarmOver, predictFarmAddress } from "../../deploy/farm.js";

export interface StateScope {
  /** Existing pool ids whose poolInfo / userInfo / pendingReward are read. */
  pids?: number[];
  /** Accounts whose stakes, pending rewards and token balances are read. */
  accounts?: string[];
  /** Tokens (LP or not) whose balances of `accounts` and of the farm are read. */
  tokens?: Contract[];
  /** The farm's reward token, if its supply and balances should be read (balances also go in `tokens`). */
  rewardToken?: Contract;
}

/** A plain, deep-comparable picture of the farm and of the balances around it. */
export async function farmState(farm: Contract, scope: StateScope = {}): Promise<Record<string, unknown>> {
  const farmAddress = await farm.getAddress();
  const accounts = scope.accounts ?? [];
  const state: Record<string, unknown> = {
    blockNumber: await farm.runner!.provider!.getBlockNumber(),
    owner: await farm.owner(),
    pendingOwner: await farm.pendingOwner(),
    paused: await farm.paused(),
    poolLength: await farm.poolLength(),
    totalAllocPoint: await farm.totalAllocPoint(),
    rewardPerBlock: await farm.rewardPerBlock(),
    rewardsRemaining: await farm.rewardsRemaining(),
    emissionEndBlock: await farm.emissionEndBlock(),
    lockTiers: (await farm.lockTiers()).map((list: bigint[]) => [...list]),
    earlyExitPenalty: [...(await farm.earlyExitPenalty())],
    lockTermsVersion: await farm.lockTermsVersion(),
  };
  for (const pid of scope.pids ?? []) {
    state[`poolInfo(${pid})`] = [...(await farm.poolInfo(pid))];
    state[`poolShares(${pid})`] = [...(await farm.poolShares(pid))];
    for (const account of accounts) {
      state[`userInfo(${pid},${account})`] = [...(await farm.userInfo(pid, account))];
      state[`pendingReward(${pid},${account})`] = await farm.pendingReward(pid, account);
      state[`lockInfo(${pid},${account})`] = [...(await farm.lockInfo(pid, account))];
      state[`earlyExitPenaltyOf(${pid},${account})`] = await farm.earlyExitPenaltyOf(pid, account);
    }
  }
  for (const token of scope.tokens ?? []) {
    const tokenAddress = await token.getAddress();
    for (const account of [...accounts, farmAddress]) {
      state[`balanceOf(${tokenAddress},${account})`] = await token.balanceOf(account);
    }
    state[`totalSupply(${tokenAddress})`] = await token.totalSupply();
  }
  if (scope.rewardToken !== undefined) {
    state.rewardSupply = await scope.rewardToken.totalSupply();
  }
  return state;
}

/** A fixed gas limit: it skips ethers' gas estimate, which stops a refused call before any block. */
export const MINED = { gasLimit: 1_000_000 } as const;
export type Mined = typeof MINED;

/** A call the contract must refuse, and the custom error it must refuse it with. */
export interface Refusal {
  /** Sends the call with `overrides` as its last argument (a state-changing function, not a view). */
  send: (overrides: Mined) => Promise<unknown>;
  /** The contract whose ABI declares `error` (the callee, or the token whose error bubbles up). */
  by: Contract;
  error: string;
  /** All of the error's arguments: [] for an error that has none. */
  args: unknown[];
  /** Names the refusal in a failure message. */
  label?: string;
}

/**
 * Sends each refusal so that the node mines it (`MINED`), checks the custom error and its arguments
 * on the mined transaction, checks that each one took exactly one block holding just that
 * transaction, reverted (status 0), and finally that `read()` shows exactly what it shows after as
 * many empty blocks. Those empty blocks are mined first, read, and rewound (evm_snapshot /
 * evm_revert, which also restores a pending setNextBlockTimestamp), so views that move with the
 * block number (blockNumber, pendingReward, rewardsRemaining) are compared too, to the wei.
 *
 * Without the fixed gas limit ethers refuses the call at its gas estimate: nothing is sent, no block
 * is mined, and a before/after comparison could not fail.
 */
export async function refusedAndMined(
  ethers: HardhatEthers,
  read: () => Promise<unknown>,
  refusals: Refusal[],
): Promise<void> {
  if (refusals.length === 0) throw new Error("refusedAndMined: no refusals");
  const provider = ethers.provider;
  const snapshot: string = await provider.send("evm_snapshot", []);
  await provider.send("hardhat_mine", [`0x${refusals.length.toString(16)}`]);
  const emptyBlocks = await read();
  if ((await provider.send("evm_revert", [snapshot])) !== true) throw new Error("refusedAndMined: could not rewind");

  for (const [i, refusal] of refusals.entries()) {
    const name = refusal.label ?? `refusal ${i + 1} of ${refusals.length} (${refusal.error})`;
    const before = await provider.getBlockNumber();
    await expect(refusal.send(MINED), name)
      .to.be.revertedWithCustomError(refusal.by, refusal.error)
      .withArgs(...refusal.args);
    const block = await provider.getBlock("latest");
    expect(block?.number, `${name} was mined, in a block of its own`).to.equal(before + 1);
    expect(block!.transactions.length, `${name}: its block holds it alone`).to.equal(1);
    const receipt = await provider.getTransactionReceipt(block!.transactions[0]);
    expect(receipt?.status, `${name} reverted in its block`).to.equal(0);
  }
  expect(await read(), "the refused calls left a difference that as many empty blocks do not").to.deep.equal(emptyBlocks);
}

/**
 * Deploys `makeRewardToken(predictedFarm)` and then a Farm at the predicted address, as
 * deploy/farm.ts does. The token may name any minter it likes.
 */
export async function deployFarmFor(
  ethers: HardhatEthers,
  deployer: HardhatEthersSigner,
  makeRewardToken: (predictedFarm: string) => Promise<Contract>,
  farmArgs: { rewardPerBlock: bigint; startBlock: bigint; owner: string; epochBlocks?: bigint },
): Promise<{ rewardToken: Contract; farm: Contract; predictedFarm: string }> {
  const predictedFarm = await predictFarmAddress(deployer);
  const rewardToken = await makeRewardToken(predictedFarm);
  await rewardToken.waitForDeployment();
  const farm = await deployFarmOver(ethers, deployer, rewardToken, farmArgs);
  if ((await farm.getAddress()) !== predictedFarm) throw new Error("farm address prediction failed");
  return { rewardToken, farm, predictedFarm };
}

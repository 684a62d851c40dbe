/**
 * Block-exact scheduling for the reward tests: every expected number in those tests is worked out
 * by hand block by block, so each transaction must land in exactly the block the working assumes.
 * Nothing here computes a reward: these helpers only place transactions, read events and check
 * where things landed.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import {
  type Contract,
  type ContractTransactionReceipt,
  type ContractTransactionResponse,
  MaxUint256,
  type Signer,
  ZeroAddress,
} from "ethers";

import { as, mineUntilNextTxIn } from "../../fixtures/chain.js";

export { as };

type Send = () => Promise<ContractTransactionResponse>;

async function receiptOf(tx: ContractTransactionResponse): Promise<ContractTransactionReceipt> {
  const receipt = await tx.wait();
  if (receipt === null) throw new Error("transaction was dropped");
  return receipt;
}

/** Sends one transaction so that it is mined in block `target`, and checks that it was. */
export async function at(ethers: HardhatEthers, target: bigint, send: Send): Promise<ContractTransactionResponse> {
  await mineUntilNextTxIn(ethers, target);
  const tx = await send();
  const receipt = await receiptOf(tx);
  expect(BigInt(receipt.blockNumber), "transaction landed in the wrong block").to.equal(target);
  return tx;
}

/**
 * Sends several transactions and mines them together, in this order, in block `target`
 * (automine off, one `evm_mine`, automine back on).
 */
export async function inOneBlock(ethers: HardhatEthers, target: bigint, sends: Send[]): Promise<ContractTransactionResponse[]> {
  await mineUntilNextTxIn(ethers, target);
  const txs: ContractTransactionResponse[] = [];
  await ethers.provider.send("evm_setAutomine", [false]);
  try {
    for (const send of sends) txs.push(await send());
    await ethers.provider.send("evm_mine", []);
  } finally {
    await ethers.provider.send("evm_setAutomine", [true]);
  }
  for (const [i, tx] of txs.entries()) {
    const receipt = await receiptOf(tx);
    expect(BigInt(receipt.blockNumber), `transaction ${i} landed in the wrong block`).to.equal(target);
    expect(receipt.index, `transaction ${i} is out of order`).to.equal(i);
  }
  return txs;
}

/** Mines empty blocks until the latest block is `target`, so that views are evaluated at `target`. */
export async function viewAt(ethers: HardhatEthers, target: bigint): Promise<void> {
  const current = BigInt(await ethers.provider.getBlockNumber());
  if (target < current) throw new Error(`block ${target} is already past (at ${current})`);
  if (target > current) await ethers.provider.send("hardhat_mine", [`0x${(target - current).toString(16)}`]);
}

export async function latestBlock(ethers: HardhatEthers): Promise<bigint> {
  return BigInt(await ethers.provider.getBlockNumber());
}

/** Adds the pools in order (pid 0, 1, ...), one transaction each. */
export async function addPools(farm: Contract, owner: Signer, pools: Array<[lpToken: Contract, allocPoint: bigint]>): Promise<void> {
  for (const [lpToken, allocPoint] of pools) {
    await (await as(farm, owner).add(allocPoint, await lpToken.getAddress())).wait();
  }
}

/** Every staker approves the farm for every LP token, all in one block. */
export async function approveAll(ethers: HardhatEthers, farm: Contract, stakers: Signer[], lpTokens: Contract[]): Promise<void> {
  const spender = await farm.getAddress();
  const sends: Send[] = [];
  for (const staker of stakers) {
    for (const lpToken of lpTokens) sends.push(() => as(lpToken, staker).approve(spender, MaxUint256));
  }
  await inOneBlock(ethers, (await latestBlock(ethers)) + 1n, sends);
}

/** The farm's Harvest events in `tx`, as [user, pid, amount], in log order. */
export async function harvestsIn(farm: Contract, tx: ContractTransactionResponse): Promise<Array<[string, bigint, bigint]>> {
  const receipt = await receiptOf(tx);
  const address = await farm.getAddress();
  const found: Array<[string, bigint, bigint]> = [];
  for (const log of receipt.logs) {
    if (log.address !== address) continue;
    const parsed = farm.interface.parseLog(log);
    if (parsed?.name === "Harvest") found.push([parsed.args[0] as string, parsed.args[1] as bigint, parsed.args[2] as bigint]);
  }
  return found;
}

/** The reward token mints (Transfer from the zero address) in `tx`, as [to, amount], in log order. */
export async function mintsIn(rewardToken: Contract, tx: ContractTransactionResponse): Promise<Array<[string, bigint]>> {
  const receipt = await receiptOf(tx);
  const address = await rewardToken.getAddress();
  const found: Array<[string, bigint]> = [];
  for (const log of receipt.logs) {
    if (log.address !== address) continue;
    const parsed = rewardToken.interface.parseLog(log);
    if (parsed?.name === "Transfer" && parsed.args[0] === ZeroAddress) found.push([parsed.args[1] as string, parsed.args[2] as bigint]);
  }
  return found;
}

/** Small helpers for driving blocks and reading transactions in tests. */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { Contract, ContractTransactionResponse, Signer } from "ethers";

/** Mines empty blocks until the next transaction lands in block `target`. */
export async function mineUntilNextTxIn(ethers: HardhatEthers, target: bigint): Promise<void> {
  const current = BigInt(await ethers.provider.getBlockNumber());
  if (target <= current) throw new Error(`block ${target} is already past (at ${current})`);
  const blocks = target - current - 1n;
  if (blocks > 0n) await ethers.provider.send("hardhat_mine", [`0x${blocks.toString(16)}`]);
}

/** Waits for `tx` and returns the block it was mined in and the gas it used. */
export async function mined(tx: Promise<ContractTransactionResponse>): Promise<{ block: bigint; gasUsed: bigint }> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("transaction was dropped");
  return { block: BigInt(receipt.blockNumber), gasUsed: receipt.gasUsed };
}

/** `contract` connected to `signer`, keeping the untyped Contract call surface. */
export function as(contract: Contract, signer: Signer): Contract {
  return contract.connect(signer) as Contract;
}

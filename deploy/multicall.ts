/**
 * Multicall3 at its canonical address, so the frontend batches reads the same way on every chain.
 * Mainnet and most public chains already have it; a local chain gets it through `hardhat_setCode`.
 * The bytecode is the canonical deployment's, as shipped inside viem (which uses it for deployless
 * multicalls): nothing here is compiled or hand-written.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { getAddress } from "viem";
import { mainnet } from "viem/chains";

/** The canonical address, as viem knows it (the same on every chain that has Multicall3), checksummed. */
export const MULTICALL3_ADDRESS = getAddress(mainnet.contracts.multicall3.address);

async function multicall3CreationCode(): Promise<string> {
  // viem keeps the bytecode in a module its package exports do not list, so load it by path.
  const viemPackage = createRequire(import.meta.url).resolve("viem/package.json");
  const contracts = path.join(path.dirname(viemPackage), "_esm", "constants", "contracts.js");
  const { multicall3Bytecode } = (await import(pathToFileURL(contracts).href)) as { multicall3Bytecode: string };
  return multicall3Bytecode;
}

/** Places Multicall3 at its canonical address unless the chain already has code there. */
export async function ensureMulticall3(ethers: HardhatEthers): Promise<string> {
  if ((await ethers.provider.getCode(MULTICALL3_ADDRESS)) !== "0x") return MULTICALL3_ADDRESS;
  // Running the creation code in a call returns the runtime code without deploying anything.
  const runtime = await ethers.provider.call({ data: await multicall3CreationCode() });
  await ethers.provider.send("hardhat_setCode", [MULTICALL3_ADDRESS, runtime]);
  return MULTICALL3_ADDRESS;
}

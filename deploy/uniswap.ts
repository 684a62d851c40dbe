/**
 * Uniswap V2 from the official npm build artifacts. Never recompiled: the router hard-codes the
 * pair's init-code hash, which only the published bytecode matches.
 */
import { createRequire } from "node:module";

import { Contract, ContractFactory, type ContractRunner, type Signer } from "ethers";

const require = createRequire(import.meta.url);

interface BuildArtifact {
  abi: unknown[];
  bytecode: string;
}

function load(path: string): BuildArtifact {
  const artifact = require(path) as BuildArtifact;
  const bytecode = artifact.bytecode.startsWith("0x") ? artifact.bytecode : `0x${artifact.bytecode}`;
  return { abi: artifact.abi, bytecode };
}

export const uniswapArtifacts = {
  factory: load("@uniswap/v2-core/build/UniswapV2Factory.json"),
  pair: load("@uniswap/v2-core/build/UniswapV2Pair.json"),
  router: load("@uniswap/v2-periphery/build/UniswapV2Router02.json"),
  weth: load("@uniswap/v2-periphery/build/WETH9.json"),
};

export interface UniswapWorld {
  factory: Contract;
  router: Contract;
  weth: Contract;
}

async function deployArtifact(artifact: BuildArtifact, signer: Signer, args: unknown[] = []): Promise<Contract> {
  const factory = new ContractFactory(artifact.abi as never, artifact.bytecode, signer);
  const contract = await factory.deploy(...args);
  await contract.waitForDeployment();
  return contract as Contract;
}

/** Deploys WETH9, UniswapV2Factory (fee switch off) and UniswapV2Router02. */
export async function deployUniswap(signer: Signer): Promise<UniswapWorld> {
  const weth = await deployArtifact(uniswapArtifacts.weth, signer);
  const factory = await deployArtifact(uniswapArtifacts.factory, signer, [await signer.getAddress()]);
  const router = await deployArtifact(uniswapArtifacts.router, signer, [
    await factory.getAddress(),
    await weth.getAddress(),
  ]);
  return { factory, router, weth };
}

/** The real UniswapV2Pair at `address`. */
export function pairAt(address: string, runner: ContractRunner): Contract {
  return new Contract(address, uniswapArtifacts.pair.abi as never, runner);
}

/** The Uniswap V2 contracts already deployed at `addresses` (mainnet, a fork, a live network). */
export function uniswapAt(addresses: { factory: string; router: string; weth: string }, runner: ContractRunner): UniswapWorld {
  return {
    factory: new Contract(addresses.factory, uniswapArtifacts.factory.abi as never, runner),
    router: new Contract(addresses.router, uniswapArtifacts.router.abi as never, runner),
    weth: new Contract(addresses.weth, uniswapArtifacts.weth.abi as never, runner),
  };
}

/**
 * A mainnet-shaped chain: an offline stand-in for Ethereum mainnet that a forking node cannot tell
 * apart from the real one where the farm looks. Chain id 1, block numbers past 24,000,000, and WETH9,
 * Uniswap V2 (official artifacts), USDC, DAI, WBTC and Multicall3 at their real mainnet addresses.
 * The factory at its real address has the official init-code hash, so the pairs created through
 * the router land at their real mainnet addresses too.
 *
 * Contracts cannot be deployed to a chosen address, so each is deployed normally and its runtime
 * code and first storage slots are copied to the real address. Nothing has been minted or paired
 * at that point, so mappings (which live at hashed slots) are still empty and nothing is lost.
 */
import { readdir, rm } from "node:fs/promises";
import path from "node:path";

import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { type Contract, ContractFactory, parseEther, parseUnits, toQuantity, ZeroHash } from "ethers";
import hre from "hardhat";

import { ensureMulticall3 } from "../deploy/multicall.js";
import { uniswapArtifacts, uniswapAt, type UniswapWorld } from "../deploy/uniswap.js";
import { addLiquidity } from "./liquidity.js";
import { MAINNET } from "./mainnet.js";
import { swapExact } from "./swaps.js";
import { deployTestToken, TEST_TOKENS } from "./tokens.js";

/** Blocks mined before anything else, so block numbers (and the hardforks they imply) are mainnet's. */
const MAINNET_SHAPED_HEIGHT = 24_000_000n;

/** A forking node forks at (latest - 32): everything must lie deeper than that. */
const SETTLING_BLOCKS = 64;

/** Storage slots copied with the code: every non-mapping variable of the placed contracts. */
const COPIED_SLOTS = 16;

/** The account that builds the chain: not a Hardhat dev account, so dev accounts start empty as on mainnet. */
const MARKET_MAKER = "0x00000000000000000000000000000000000A11cE";

/** Copies `contract`'s runtime code and first storage slots to `target`. */
async function placeAt(ethers: HardhatEthers, contract: Contract, target: string): Promise<void> {
  const from = await contract.getAddress();
  await ethers.provider.send("hardhat_setCode", [target, await ethers.provider.getCode(from)]);
  for (let slot = 0; slot < COPIED_SLOTS; slot++) {
    const value = await ethers.provider.getStorage(from, slot);
    if (value !== ZeroHash) await ethers.provider.send("hardhat_setStorageAt", [target, toQuantity(slot), value]);
  }
}

async function deployArtifactAt(
  ethers: HardhatEthers,
  deployer: HardhatEthersSigner,
  artifact: { abi: unknown[]; bytecode: string },
  target: string,
  args: unknown[] = [],
): Promise<void> {
  const contract = await new ContractFactory(artifact.abi as never, artifact.bytecode, deployer).deploy(...args);
  await placeAt(ethers, (await contract.waitForDeployment()) as Contract, target);
}

/** WETH9, the factory and the router at their mainnet addresses. */
async function placeUniswap(ethers: HardhatEthers, deployer: HardhatEthersSigner): Promise<UniswapWorld> {
  await deployArtifactAt(ethers, deployer, uniswapArtifacts.weth, MAINNET.weth);
  await deployArtifactAt(ethers, deployer, uniswapArtifacts.factory, MAINNET.uniswapV2Factory, [deployer.address]);
  // The router keeps the factory and WETH in immutables (inside its code): give it the real ones.
  await deployArtifactAt(ethers, deployer, uniswapArtifacts.router, MAINNET.uniswapV2Router, [
    MAINNET.uniswapV2Factory,
    MAINNET.weth,
  ]);
  return uniswapAt(
    { factory: MAINNET.uniswapV2Factory, router: MAINNET.uniswapV2Router, weth: MAINNET.weth },
    deployer,
  );
}

/** USDC, DAI and WBTC (test tokens with the real names, symbols and decimals) at their mainnet addresses. */
async function placeTokens(ethers: HardhatEthers, deployer: HardhatEthersSigner) {
  const place = async (spec: (typeof TEST_TOKENS)[keyof typeof TEST_TOKENS], target: string) => {
    await placeAt(ethers, await deployTestToken(ethers, deployer, spec), target);
    return (await ethers.getContractAt("TestERC20", target, deployer)) as unknown as Contract;
  };
  return {
    usdc: await place(TEST_TOKENS.usdc, MAINNET.usdc),
    dai: await place(TEST_TOKENS.dai, MAINNET.dai),
    wbtc: await place(TEST_TOKENS.wbtc, MAINNET.wbtc),
  };
}

/** A market maker with money: impersonated, so no dev account holds anything mainnet would not give it. */
async function marketMaker(ethers: HardhatEthers): Promise<HardhatEthersSigner> {
  await ethers.provider.send("hardhat_impersonateAccount", [MARKET_MAKER]);
  await ethers.provider.send("hardhat_setBalance", [MARKET_MAKER, toQuantity(parseEther("1000000"))]);
  return ethers.getSigner(MARKET_MAKER);
}

/**
 * Builds the mainnet-shaped world on `ethers`' chain, which must be a fresh Hardhat chain with
 * chain id 1. Prices: 3,000 USD per WETH, 20 WETH per WBTC.
 */
export async function buildMainnetShapedChain(ethers: HardhatEthers): Promise<void> {
  // Before any state change: mining a range of blocks after one would leave the range without state.
  await ethers.provider.send("hardhat_mine", [toQuantity(MAINNET_SHAPED_HEIGHT), "0x0"]);

  const maker = await marketMaker(ethers);
  const uniswap = await placeUniswap(ethers, maker);
  const { usdc, dai, wbtc } = await placeTokens(ethers, maker);
  await ensureMulticall3(ethers);

  await (await usdc.mint(maker.address, parseUnits("3020000", 6))).wait();
  await (await dai.mint(maker.address, parseUnits("3000000", 18))).wait();
  await (await wbtc.mint(maker.address, parseUnits("51", 8))).wait();
  await (await uniswap.weth.deposit({ value: parseEther("3100") })).wait();

  for (const [token, amount] of [
    [usdc, parseUnits("3000000", 6)],
    [dai, parseUnits("3000000", 18)],
    [wbtc, parseUnits("50", 8)],
  ] as const) {
    await addLiquidity(uniswap, maker, { tokenA: token, tokenB: uniswap.weth, amountA: amount, amountB: parseEther("1000") });
  }

  // Some volume both ways, so the pairs have earned fees and moved off their seeding prices.
  await swapExact(uniswap, maker, uniswap.weth, usdc, parseEther("10"));
  await swapExact(uniswap, maker, usdc, uniswap.weth, parseUnits("15000", 6));
  await swapExact(uniswap, maker, uniswap.weth, dai, parseEther("5"));
  await swapExact(uniswap, maker, wbtc, uniswap.weth, parseUnits("0.5", 8));

  // One block at a time: see the first line.
  for (let i = 0; i < SETTLING_BLOCKS; i++) await ethers.provider.send("evm_mine", []);
}

/**
 * Removes Hardhat's on-disk fork cache for `url` (every EDR cache version). The cache is keyed by
 * URL and block number, so a new upstream on a port used before would otherwise be answered with
 * the old upstream's state.
 */
export async function clearForkCache(cacheDir: string, url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const root = path.join(cacheDir, "edr-fork-cache", "rpc_cache");
  let versions: string[];
  try {
    versions = await readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  await Promise.all(versions.map((version) => rm(path.join(root, version, `${hostname}_${port}`), { recursive: true, force: true })));
}

export interface Upstream {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts an in-process Hardhat node with chain id 1 on 127.0.0.1:`port` (any free port when 0 or
 * absent), builds the mainnet-shaped world on it and clears the fork cache for its URL.
 */
export async function startMainnetShapedUpstream(port = 0): Promise<Upstream> {
  const server = await hre.network.createServer({ network: "default", override: { chainId: 1 } }, "127.0.0.1", port);
  const { port: actualPort } = await server.listen();
  const url = `http://127.0.0.1:${actualPort}`;
  const connection = await hre.network.create({ network: "localhost", override: { url } });
  const close = async () => {
    await connection.close();
    await server.close();
    await clearForkCache(hre.config.paths.cache, url); // random ports would leave one directory per run
  };
  try {
    await clearForkCache(hre.config.paths.cache, url);
    await buildMainnetShapedChain(connection.ethers);
  } catch (error) {
    await close();
    throw error;
  }
  return { url, close };
}

/**
 * Checks a plan against the chain before anything is sent: the Uniswap contracts and stablecoin
 * exist, every pool's LP token is a pair of that factory, and the deployer can pay. A live deploy
 * that fails half-way costs real gas, so every problem is found and told at once.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { formatEther, getAddress, type Signer } from "ethers";

import type { FarmPlan } from "./plan.js";
import { pairAt, uniswapAt } from "./uniswap.js";

async function isContract(ethers: HardhatEthers, address: string): Promise<boolean> {
  return (await ethers.provider.getCode(address)) !== "0x";
}

async function pairProblem(ethers: HardhatEthers, plan: FarmPlan, lpToken: string): Promise<string | undefined> {
  if (!(await isContract(ethers, lpToken))) return `pool LP ${lpToken} has no contract on this chain`;
  try {
    const pair = pairAt(lpToken, ethers.provider);
    const [token0, token1] = await Promise.all([pair.token0() as Promise<string>, pair.token1() as Promise<string>]);
    const { factory } = uniswapAt({ factory: plan.uniswapV2Factory, router: plan.uniswapV2Router, weth: plan.weth }, ethers.provider);
    if (getAddress(await factory.getPair(token0, token1)) !== getAddress(lpToken)) {
      return `pool LP ${lpToken} is not a pair of the Uniswap V2 factory ${plan.uniswapV2Factory}`;
    }
  } catch {
    return `pool LP ${lpToken} is not a Uniswap V2 pair (no token0/token1)`;
  }
  return undefined;
}

/** The zap swaps through the router, and stakes in pools of the plan's factory: they must agree. */
async function routerMismatch(ethers: HardhatEthers, plan: FarmPlan): Promise<string | undefined> {
  if (!(await isContract(ethers, plan.uniswapV2Router))) return undefined; // reported as missing
  const { router } = uniswapAt({ factory: plan.uniswapV2Factory, router: plan.uniswapV2Router, weth: plan.weth }, ethers.provider);
  try {
    const [factory, weth] = await Promise.all([router.factory() as Promise<string>, router.WETH() as Promise<string>]);
    if (getAddress(factory) !== getAddress(plan.uniswapV2Factory) || getAddress(weth) !== getAddress(plan.weth)) {
      return `"uniswapV2Router" ${plan.uniswapV2Router} works with factory ${factory} and WETH ${weth}, not the plan's ${plan.uniswapV2Factory} and ${plan.weth}`;
    }
  } catch {
    return `"uniswapV2Router" ${plan.uniswapV2Router} is not a Uniswap V2 router (no factory/WETH)`;
  }
  return undefined;
}

/** Every problem found, as sentences; empty when the plan can be deployed. */
export async function checkPlan(ethers: HardhatEthers, plan: FarmPlan, deployer: Signer): Promise<string[]> {
  const problems: string[] = [];
  const required = { uniswapV2Factory: plan.uniswapV2Factory, uniswapV2Router: plan.uniswapV2Router, weth: plan.weth, stablecoin: plan.stablecoin };
  for (const [name, address] of Object.entries(required)) {
    if (!(await isContract(ethers, address))) problems.push(`"${name}" ${address} has no contract on this chain`);
  }
  const routerProblem = await routerMismatch(ethers, plan);
  if (routerProblem) problems.push(routerProblem);
  if (await isContract(ethers, plan.uniswapV2Factory)) {
    for (const pool of plan.pools) {
      const problem = await pairProblem(ethers, plan, pool.lpToken);
      if (problem) problems.push(problem);
    }
  }
  const seen = new Set<string>();
  for (const pool of plan.pools) {
    if (seen.has(pool.lpToken)) problems.push(`pool LP ${pool.lpToken} is listed twice (one pool per LP token)`);
    seen.add(pool.lpToken);
  }
  const balance = await ethers.provider.getBalance(await deployer.getAddress());
  if (balance === 0n) problems.push(`the deployer ${await deployer.getAddress()} has no ETH (balance ${formatEther(balance)})`);
  return problems;
}

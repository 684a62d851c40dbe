/**
 * One path from a plan to a working farm on any chain: the reward token and the farm (unless the
 * deployments file names a live one), its zap (likewise), the pools the plan lists that do not
 * exist yet, the owner, and the deployments file. The local world, the fork launcher, `npm run deploy` and the tests all
 * come through here, and a rerun deploys nothing that exists.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { type Contract, getAddress, type Signer } from "ethers";

import { type Deployment, readDeployment, writeDeployment } from "./deployments.js";
import { deployFarm } from "./farm.js";
import { configureLocks } from "./locks.js";
import type { FarmPlan } from "./plan.js";
import { addMissingPools, describePools, poolTokens } from "./pools.js";
import { ensureZap } from "./zap.js";

export interface StackOptions {
  /** Hardhat network name, recorded in the file. */
  network: string;
  /** Where deployments/<chainId>.json lives (default: DEPLOYMENTS_DIR or the repository's). */
  dir?: string;
  /** Ignore an existing deployments file (a brand-new local chain). */
  fresh?: boolean;
  log?: (line: string) => void;
}

export interface FarmStack {
  deployment: Deployment;
  farm: Contract;
  rewardToken: Contract;
  /** True when this run deployed the farm, false when it resumed an existing one. */
  deployed: boolean;
}

/** The farm the file names, if it is still there: code at the address and the recorded token. */
async function existingFarm(ethers: HardhatEthers, previous: Deployment | undefined, signer: Signer): Promise<Contract | undefined> {
  if (!previous || (await ethers.provider.getCode(previous.farm)) === "0x") return undefined;
  const farm = await ethers.getContractAt("Farm", previous.farm, signer);
  try {
    if (getAddress(await farm.rewardToken()) === getAddress(previous.rewardToken)) return farm as unknown as Contract;
  } catch {
    // Something else lives at that address now (a restarted local chain): deploy afresh.
  }
  return undefined;
}

async function resolveStartBlock(ethers: HardhatEthers, plan: FarmPlan): Promise<bigint> {
  if (typeof plan.startBlock === "bigint") return plan.startBlock;
  return BigInt(await ethers.provider.getBlockNumber()) + plan.startBlock.afterBlocks;
}

async function deployNew(ethers: HardhatEthers, deployer: Signer, plan: FarmPlan, log: (line: string) => void) {
  const startBlock = await resolveStartBlock(ethers, plan);
  const { rewardToken, farm } = await deployFarm(ethers, deployer, {
    ...plan.rewardToken,
    rewardPerBlock: plan.rewardPerBlock,
    startBlock,
    epochBlocks: plan.epochBlocks,
    owner: await deployer.getAddress(), // the deployer adds the pools, then hands over ownership
  });
  log(`reward token ${plan.rewardToken.symbol} at ${await rewardToken.getAddress()}`);
  log(`farm at ${await farm.getAddress()}, emitting from block ${await farm.startBlock()}`);
  return { rewardToken, farm };
}

async function handOver(farm: Contract, deployer: Signer, plan: FarmPlan, log: (line: string) => void): Promise<void> {
  if (!plan.owner) return;
  const [owner, pending] = await Promise.all([farm.owner() as Promise<string>, farm.pendingOwner() as Promise<string>]);
  if (getAddress(owner) === plan.owner || getAddress(pending) === plan.owner) return;
  if (getAddress(owner) !== getAddress(await deployer.getAddress())) {
    log(`note: the farm's owner is ${owner}, not ${plan.owner}; only the current owner can transfer it`);
    return;
  }
  await (await (farm.connect(deployer) as Contract).transferOwnership(plan.owner)).wait();
  log(`ownership offered to ${plan.owner}: it becomes owner when it calls acceptOwnership()`);
}

/** Refuses early, before any transaction, when pools are missing and the deployer cannot add them. */
async function checkCanAddPools(farm: Contract, deployer: Signer, plan: FarmPlan): Promise<void> {
  const existing = new Set(await poolTokens(farm));
  const missing = plan.pools.filter((pool) => !existing.has(getAddress(pool.lpToken))).length;
  const owner = getAddress(await farm.owner());
  if (missing > 0 && owner !== getAddress(await deployer.getAddress())) {
    throw new Error(`${missing} pool(s) to add, but the farm's owner is ${owner}, not the deployer: add them from the admin page, or deploy with the owner's key.`);
  }
}

async function addPools(farm: Contract, deployer: Signer, plan: FarmPlan, log: (line: string) => void): Promise<void> {
  let added = 0;
  for (const { spec, existing } of await addMissingPools(farm, deployer, plan.pools)) {
    if (!existing) {
      added++;
      log(`pool added: ${spec.lpToken} with ${spec.allocPoint} allocation points`);
    } else if (existing.allocPoint !== spec.allocPoint) {
      log(`note: pool ${existing.pid} has ${existing.allocPoint} allocation points, the plan says ${spec.allocPoint}; left as it is`);
    }
  }
  if (added === 0) log("no pools to add");
}

export async function deployFarmStack(ethers: HardhatEthers, deployer: Signer, plan: FarmPlan, options: StackOptions): Promise<FarmStack> {
  const log = options.log ?? (() => {});
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const previous = options.fresh ? undefined : await readDeployment(chainId, options.dir);

  const reused = await existingFarm(ethers, previous, deployer);
  let farm: Contract;
  let rewardToken: Contract;
  let deployedAtBlock: number;
  if (reused && previous) {
    log(`farm already deployed at ${previous.farm}: reusing it`);
    await checkCanAddPools(reused, deployer, plan);
    farm = reused;
    rewardToken = (await ethers.getContractAt("RewardToken", previous.rewardToken, deployer)) as unknown as Contract;
    deployedAtBlock = previous.deployedAtBlock;
  } else {
    ({ farm, rewardToken } = await deployNew(ethers, deployer, plan, log));
    deployedAtBlock = (await farm.deploymentTransaction()!.wait())!.blockNumber;
  }

  const deployment: Deployment = {
    chainId: Number(chainId),
    network: options.network,
    farm: await farm.getAddress(),
    partnerRewarder: (await farm.partnerRewarder()) as string,
    rewardToken: await rewardToken.getAddress(),
    startBlock: Number(await farm.startBlock()),
    deployedAtBlock,
    uniswapV2Factory: plan.uniswapV2Factory,
    uniswapV2Router: plan.uniswapV2Router,
    weth: plan.weth,
    multicall3: plan.multicall3,
    stablecoin: plan.stablecoin,
    pools: await describePools(farm, ethers.provider),
  };
  // Recorded before the zap and the pools, so a failure while adding them resumes with this farm.
  await writeDeployment(deployment, options.dir);
  deployment.zap = await ensureZap(ethers, deployer, deployment.farm, plan.uniswapV2Router, reused ? previous?.zap : undefined, log);
  await writeDeployment(deployment, options.dir);
  const stack = { deployment, farm, rewardToken, deployed: !reused };
  await completeStack(ethers, deployer, stack, plan, options);
  return stack;
}

/**
 * The plan's pools that `stack`'s farm lacks, the owner, and the deployments file brought up to
 * date. For a plan that grows once the farm exists (a pool over the reward token's own pair).
 */
export async function completeStack(ethers: HardhatEthers, deployer: Signer, stack: FarmStack, plan: FarmPlan, options: StackOptions): Promise<void> {
  const log = options.log ?? (() => {});
  await addPools(stack.farm, deployer, plan, log);
  await configureLocks(stack.farm, deployer, plan, log);
  await handOver(stack.farm, deployer, plan, log);
  stack.deployment.pools = await describePools(stack.farm, ethers.provider);
  log(`deployments file ${await writeDeployment(stack.deployment, options.dir)}`);
}

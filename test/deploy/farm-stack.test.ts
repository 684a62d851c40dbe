/**
 * The deployment path every launcher shares (deploy/farm-stack.ts): a first run deploys and writes
 * the deployments file; a rerun sends no transaction; a plan that grows adds only what is new;
 * ownership is handed over in two steps; a file naming a farm that is not there is not trusted.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { parseEther } from "ethers";
import { network } from "hardhat";

import type { Deployment } from "../../deploy/deployments.js";
import { deployFarmStack } from "../../deploy/farm-stack.js";
import { MULTICALL3_ADDRESS } from "../../deploy/multicall.js";
import type { FarmPlan } from "../../deploy/plan.js";
import { buildWorld, type World } from "../../fixtures/world.js";

const { ethers, networkHelpers } = await network.create();

/** The world, no pools (a named fixture, so loadFixture snapshots it once). */
async function worldFixture(): Promise<World> {
  return buildWorld(ethers);
}

/** The message a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: Error) => e);
  expect(error, "expected a rejection").to.be.instanceOf(Error);
  return error!.message;
}

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), "farm-deployments-"));
}

async function plan(world: World, pools: { lpToken: string; allocPoint: bigint }[], owner?: string): Promise<FarmPlan> {
  return {
    rewardToken: { name: "Stack Reward", symbol: "STK", decimals: 18, cap: parseEther("1000000"), initialSupply: parseEther("10") },
    rewardPerBlock: parseEther("3"),
    startBlock: { afterBlocks: 7n },
    owner,
    uniswapV2Factory: await world.uniswap.factory.getAddress(),
    uniswapV2Router: await world.uniswap.router.getAddress(),
    weth: await world.uniswap.weth.getAddress(),
    stablecoin: await world.usdc.getAddress(),
    multicall3: MULTICALL3_ADDRESS,
    pools,
  };
}

describe("deploy/farm-stack: one deployment path, idempotent", function () {
  let world: World;
  let deployer: HardhatEthersSigner;
  let pools: { lpToken: string; allocPoint: bigint }[];

  beforeEach(async function () {
    world = await networkHelpers.loadFixture(worldFixture);
    deployer = world.owner;
    pools = [
      { lpToken: await world.usdcWeth.getAddress(), allocPoint: 30n },
      { lpToken: await world.wbtcWeth.getAddress(), allocPoint: 70n },
    ];
  });

  it("deploys the token, the farm and the pools, and writes every field of the deployments file", async function () {
    const dir = await tempDir();
    const blockBefore = await ethers.provider.getBlockNumber();
    const stack = await deployFarmStack(ethers, deployer, await plan(world, pools), { network: "test", dir });
    const file = JSON.parse(await readFile(path.join(dir, "31337.json"), "utf8")) as Deployment;

    expect(stack.deployed).to.equal(true);
    expect(file).to.deep.equal(stack.deployment);
    expect(file.farm).to.equal(await stack.farm.getAddress());
    expect(file.rewardToken).to.equal(await stack.rewardToken.getAddress());
    expect(file.startBlock).to.equal(blockBefore + 7);
    expect(file.deployedAtBlock).to.equal((await stack.farm.deploymentTransaction()!.wait())!.blockNumber);
    expect(file.stablecoin).to.equal(await world.usdc.getAddress());
    expect(file.weth).to.equal(await world.uniswap.weth.getAddress());
    expect(file.multicall3).to.equal(MULTICALL3_ADDRESS);
    expect(file.pools).to.have.length(2);
    const [usdcWeth, wbtcWeth] = file.pools;
    expect(usdcWeth.pid).to.equal(0);
    expect(usdcWeth.lpToken).to.equal(pools[0].lpToken);
    expect([usdcWeth.token0, usdcWeth.token1]).to.have.members([await world.usdc.getAddress(), await world.uniswap.weth.getAddress()]);
    const wbtc = wbtcWeth.symbol0 === "WBTC" ? { symbol: wbtcWeth.symbol0, decimals: wbtcWeth.decimals0 } : { symbol: wbtcWeth.symbol1, decimals: wbtcWeth.decimals1 };
    expect(wbtc).to.deep.equal({ symbol: "WBTC", decimals: 8 });
    expect(await stack.farm.totalAllocPoint()).to.equal(100n);
    expect(await stack.farm.rewardPerBlock()).to.equal(parseEther("3"));
    expect(await stack.rewardToken.balanceOf(deployer.address)).to.equal(parseEther("10"));
    expect(await stack.farm.owner()).to.equal(deployer.address);
    const zap = await ethers.getContractAt("FarmZap", file.zap!);
    expect(await zap.farm()).to.equal(file.farm);
    expect(await zap.router()).to.equal(await world.uniswap.router.getAddress());
    // Nobody approved it as an operator: each staker does that for itself.
    expect(await stack.farm.isOperator(deployer.address, file.zap)).to.equal(false);
  });

  it("deploys the zap that a run stopped before, and a new one when the recorded zap is gone", async function () {
    const dir = await tempDir();
    const first = await deployFarmStack(ethers, deployer, await plan(world, pools), { network: "test", dir });
    // A run that stopped right after the farm: the file has no zap yet.
    const { writeDeployment } = await import("../../deploy/deployments.js");
    await writeDeployment({ ...first.deployment, zap: undefined }, dir);
    const lines: string[] = [];
    const second = await deployFarmStack(ethers, deployer, await plan(world, pools), { network: "test", dir, log: (l) => lines.push(l) });
    expect(second.deployment.farm).to.equal(first.deployment.farm);
    expect(second.deployment.zap).to.not.equal(first.deployment.zap);
    expect(lines).to.include(`zap at ${second.deployment.zap}`);
    // Code gone from the recorded address (a restarted node): a new zap.
    await ethers.provider.send("hardhat_setCode", [second.deployment.zap, "0x"]);
    const third = await deployFarmStack(ethers, deployer, await plan(world, pools), { network: "test", dir });
    expect(third.deployment.zap).to.not.equal(second.deployment.zap);
    expect(await ethers.provider.getCode(third.deployment.zap!)).to.not.equal("0x");
    // A contract there that is no zap of this farm: a new zap too.
    await ethers.provider.send("hardhat_setCode", [third.deployment.zap, await ethers.provider.getCode(third.deployment.farm)]);
    const fourth = await deployFarmStack(ethers, deployer, await plan(world, pools), { network: "test", dir });
    expect(fourth.deployment.zap).to.not.equal(third.deployment.zap);
  });

  it("sends no transaction on a rerun with the same plan", async function () {
    const dir = await tempDir();
    const first = await deployFarmStack(ethers, deployer, await plan(world, pools), { network: "test", dir });
    const nonce = await deployer.getNonce();
    const lines: string[] = [];
    const second = await deployFarmStack(ethers, deployer, await plan(world, pools), { network: "test", dir, log: (l) => lines.push(l) });

    expect(await deployer.getNonce()).to.equal(nonce);
    expect(second.deployed).to.equal(false);
    expect(second.deployment).to.deep.equal(first.deployment);
    expect(lines).to.include(`farm already deployed at ${first.deployment.farm}: reusing it`);
    expect(lines).to.include(`zap already deployed at ${first.deployment.zap}: reusing it`);
    expect(lines).to.include("no pools to add");
  });

  it("deploys with the plan's epoch and brings the lock terms to the plan's once: a rerun sends nothing, a change sends only what changed", async function () {
    const dir = await tempDir();
    const locks = { tiers: [{ blocks: 300n, boostBps: 15_000n }, { blocks: 900n, boostBps: 30_000n }], penaltyBps: 2_000n };
    const withLocks = { ...(await plan(world, pools)), epochBlocks: 30n, locks };
    const lines: string[] = [];
    const first = await deployFarmStack(ethers, deployer, withLocks, { network: "test", dir, log: (l) => lines.push(l) });
    const farm = first.farm;
    expect(await farm.epochBlocks()).to.equal(30n);
    expect((await farm.lockTiers()).map((list: bigint[]) => [...list])).to.deep.equal([[300n, 900n], [15_000n, 30_000n]]);
    expect([...(await farm.earlyExitPenalty())]).to.deep.equal([2_000n, deployer.address]);
    expect(lines).to.include("lock tiers: 300 blocks at 1.5x, 900 blocks at 3x");
    expect(lines).to.include(`early-exit penalty: 20% at the start of a lock, to ${deployer.address}`);

    const nonce = await deployer.getNonce();
    await deployFarmStack(ethers, deployer, withLocks, { network: "test", dir });
    expect(await deployer.getNonce()).to.equal(nonce);

    const recipient = world.carol.address;
    await deployFarmStack(ethers, deployer, { ...withLocks, locks: { ...locks, penaltyRecipient: recipient } }, { network: "test", dir });
    expect(await deployer.getNonce()).to.equal(nonce + 1);
    expect([...(await farm.earlyExitPenalty())]).to.deep.equal([2_000n, recipient]);
  });

  it("adds only the new pool when the plan grows, and leaves changed allocations to the admin", async function () {
    const dir = await tempDir();
    await deployFarmStack(ethers, deployer, await plan(world, pools), { network: "test", dir });
    const nonce = await deployer.getNonce();
    const grown = [{ ...pools[0], allocPoint: 99n }, pools[1], { lpToken: await world.daiWeth.getAddress(), allocPoint: 5n }];
    const lines: string[] = [];
    const stack = await deployFarmStack(ethers, deployer, await plan(world, grown), { network: "test", dir, log: (l) => lines.push(l) });

    expect(await deployer.getNonce()).to.equal(nonce + 1); // one add()
    expect(stack.deployment.pools.map((p) => p.lpToken)).to.deep.equal(grown.map((p) => p.lpToken));
    expect((await stack.farm.poolInfo(0)).allocPoint).to.equal(30n);
    expect(lines).to.include("note: pool 0 has 30 allocation points, the plan says 99; left as it is");
  });

  it("offers ownership to the planned owner, who must accept it", async function () {
    const dir = await tempDir();
    const stack = await deployFarmStack(ethers, deployer, await plan(world, pools, world.alice.address), { network: "test", dir });
    expect(await stack.farm.owner()).to.equal(deployer.address);
    expect(await stack.farm.pendingOwner()).to.equal(world.alice.address);

    const nonce = await deployer.getNonce();
    await deployFarmStack(ethers, deployer, await plan(world, pools, world.alice.address), { network: "test", dir });
    expect(await deployer.getNonce(), "a rerun offers it again").to.equal(nonce);
  });

  it("refuses, before sending anything, to add pools it could not add once ownership has moved", async function () {
    const dir = await tempDir();
    const stack = await deployFarmStack(ethers, deployer, await plan(world, pools, world.alice.address), { network: "test", dir });
    await (await (stack.farm.connect(world.alice) as typeof stack.farm).acceptOwnership()).wait();
    const nonce = await deployer.getNonce();
    const grown = [...pools, { lpToken: await world.daiWeth.getAddress(), allocPoint: 5n }];

    const message = await rejection(deployFarmStack(ethers, deployer, await plan(world, grown, world.alice.address), { network: "test", dir }));
    expect(message).to.include(`1 pool(s) to add, but the farm's owner is ${world.alice.address}, not the deployer`);
    expect(await deployer.getNonce()).to.equal(nonce);
  });

  it("does not trust a file whose farm is not on this chain: it deploys afresh", async function () {
    const dir = await tempDir();
    const first = await deployFarmStack(ethers, deployer, await plan(world, pools), { network: "test", dir });
    // The chain the file was written for is gone (a restarted node): nothing at that address now.
    await ethers.provider.send("hardhat_setCode", [first.deployment.farm, "0x"]);
    const second = await deployFarmStack(ethers, deployer, await plan(world, pools), { network: "test", dir });

    expect(second.deployed).to.equal(true);
    expect(second.deployment.farm).to.not.equal(first.deployment.farm);
  });

  it("ignores the file entirely when told the chain is new", async function () {
    const dir = await tempDir();
    const first = await deployFarmStack(ethers, deployer, await plan(world, pools), { network: "test", dir });
    const second = await deployFarmStack(ethers, deployer, await plan(world, pools), { network: "test", dir, fresh: true });
    expect(second.deployment.farm).to.not.equal(first.deployment.farm);
  });
});

/**
 * `npm run deploy -- --network <name>`: deploys (or resumes) the farm on any configured network
 * from deploy/config/<name>.json, or from the file FARM_CONFIG names, and writes
 * deployments/<chainId>.json. A rerun deploys nothing that exists and adds only missing pools.
 */
import { network } from "hardhat";

import { deployFarmStack } from "../deploy/farm-stack.js";
import { readPlan } from "../deploy/plan.js";
import { checkPlan } from "../deploy/preflight.js";
import { pairName } from "../frontend/src/lib/pair-name.js";
import { fail, Steps } from "./lib/steps.js";

async function main(): Promise<void> {
  const steps = new Steps(3);
  const { ethers, networkName } = await network.create();
  const configFile = process.env.FARM_CONFIG ?? `deploy/config/${networkName}.json`;

  const { plan, deployer } = await steps.run(`Reading ${configFile} and checking it against ${networkName}`, async (note) => {
    const plan = await readPlan(configFile);
    const [deployer] = await ethers.getSigners();
    if (!deployer) throw new Error(`no account for ${networkName}: set its private key (see the README, "Deploying to a real network").`);
    const chainId = (await ethers.provider.getNetwork()).chainId;
    note(`chain ${chainId}, deployer ${deployer.address}, ${plan.pools.length} pool(s) planned`);
    const problems = await checkPlan(ethers, plan, deployer);
    if (problems.length > 0) throw new Error(`the plan cannot be deployed:\n  - ${problems.join("\n  - ")}`);
    return { plan, deployer };
  });

  const stack = await steps.run("Deploying the reward token, the farm and its pools", (note) =>
    deployFarmStack(ethers, deployer, plan, { network: networkName, log: note }),
  );

  await steps.run("Summary", async (note) => {
    const d = stack.deployment;
    note(stack.deployed ? "deployed a new farm" : "resumed the existing farm");
    note(`farm ${d.farm}, reward token ${d.rewardToken}, start block ${d.startBlock}`);
    for (const p of d.pools) note(`pool #${p.pid} ${pairName(p, [d.weth, d.stablecoin])} ${p.lpToken}`);
  });
}

await main().catch(fail);

/**
 * `npm start`: a Hardhat node on 127.0.0.1 (PORT, default 8545) with the whole local world
 * deployed on it, mining on every transaction and every BLOCK_SECONDS (default 3) so pending
 * rewards visibly grow. WORLD_POOLS (default 5) sets the farm's pool count, to see the dapp at
 * scale. Ctrl-C stops everything this process started.
 */
import { buildLocalWorld, DEFAULT_POOLS, localWorldSteps, NEWCOMER_ACCOUNT } from "../worlds/local-world.js";
import { assertLauncherPortsFree, SERVE_STEPS, serveWorld } from "./lib/launch.js";
import { portFromEnv, startNode } from "./lib/node.js";
import { fail, Steps } from "./lib/steps.js";

/** WORLD_POOLS, or the default world's five; a bad value is a sentence before anything starts. */
function worldPools(): number {
  const raw = process.env.WORLD_POOLS;
  if (raw === undefined || raw === "") return DEFAULT_POOLS;
  const pools = Number(raw);
  if (!Number.isInteger(pools) || pools < 2) throw new Error(`WORLD_POOLS=${raw} is not a pool count (a whole number, at least 2).`);
  return pools;
}

async function main(): Promise<never> {
  const pools = worldPools();
  const steps = new Steps(1 + localWorldSteps(pools) + SERVE_STEPS);
  const port = portFromEnv("PORT", 8545);
  const node = await steps.run(`Starting a Hardhat node on 127.0.0.1:${port}`, async () => {
    await assertLauncherPortsFree(port);
    return startNode(port);
  });
  return serveWorld(steps, node, async (ethers) => {
    const world = await buildLocalWorld(ethers, { network: "localhost", pools, step: (title, work) => steps.run(title, work) });
    return { deployment: world.stack.deployment, newcomer: NEWCOMER_ACCOUNT };
  });
}

await main().catch(fail);

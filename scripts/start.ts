/**
 * `npm start`: a Hardhat node on 127.0.0.1 (PORT, default 8545) with the whole local world
 * deployed on it, mining on every transaction and every BLOCK_SECONDS (default 3) so pending
 * rewards visibly grow. Ctrl-C stops everything this process started.
 */
import { buildLocalWorld, LOCAL_WORLD_STEPS } from "../deploy/local-world.js";
import { SERVE_STEPS, serveWorld } from "./lib/launch.js";
import { assertPortFree, portFromEnv, startNode } from "./lib/node.js";
import { fail, Steps } from "./lib/steps.js";

async function main(): Promise<never> {
  const steps = new Steps(1 + LOCAL_WORLD_STEPS + SERVE_STEPS);
  const port = portFromEnv("PORT", 8545);
  const node = await steps.run(`Starting a Hardhat node on 127.0.0.1:${port}`, async () => {
    await assertPortFree(port, "PORT");
    return startNode(port);
  });
  return serveWorld(steps, node, async (ethers) => {
    const world = await buildLocalWorld(ethers, { network: "localhost", step: (title, work) => steps.run(title, work) });
    return world.stack.deployment;
  });
}

await main().catch(fail);

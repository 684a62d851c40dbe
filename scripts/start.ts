/**
 * `npm start`: a Hardhat node on 127.0.0.1 (PORT, default 8545) with the whole local world
 * deployed on it, mining on every transaction and every BLOCK_SECONDS (default 3) so pending
 * rewards visibly grow. Ctrl-C stops everything this process started.
 */
import { buildLocalWorld, FUNDED_ACCOUNTS, LOCAL_WORLD_STEPS } from "../deploy/local-world.js";
import { assertPortFree, blockSeconds, interrupted, portFromEnv, startNode, untilStopped } from "./lib/node.js";
import { fail, Steps } from "./lib/steps.js";
import { printSummary } from "./lib/summary.js";

async function main(): Promise<void> {
  const steps = new Steps(LOCAL_WORLD_STEPS + 2);
  const port = portFromEnv("PORT", 8545);
  const interval = blockSeconds();

  const node = await steps.run(`Starting a Hardhat node on 127.0.0.1:${port}`, async () => {
    await assertPortFree(port, "PORT");
    return startNode(port);
  });
  const stop = untilStopped();
  try {
    const { ethers } = node.connection;
    const build = async () => {
      const world = await buildLocalWorld(ethers, { network: "localhost", step: (title, work) => steps.run(title, work) });
      await steps.run(`Mining a block every ${interval} s as well as on every transaction`, async () => {
        await ethers.provider.send("evm_setIntervalMining", [interval * 1000]);
      });
      return world;
    };
    const world = await Promise.race([build(), stop.then(interrupted)]);
    printSummary({ rpcUrl: node.url, deployment: world.stack.deployment, accounts: FUNDED_ACCOUNTS, elapsed: steps.elapsed() });
    await stop;
  } finally {
    await node.close();
  }
  console.log("Stopped: the node is shut down.");
  process.exit(0);
}

await main().catch(fail);

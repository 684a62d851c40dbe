/**
 * `FORK_URL=<mainnet JSON-RPC URL> npm run fork`: a Hardhat node on 127.0.0.1 (PORT, default 8545)
 * forking Ethereum mainnet, with the farm deployed over the real Uniswap V2 pairs at their mainnet
 * addresses, a reward/WETH market made through the real router, and dev accounts holding LP got
 * the way a tester would. The same command works against the offline mainnet-shaped upstream
 * (`npm run upstream`); nothing here knows or asks which one it talks to.
 */
import { checkForkUrl, redact } from "../worlds/fork-url.js";
import { setUpForkWorld } from "../worlds/fork-world.js";
import { FUNDED_ACCOUNTS } from "../worlds/local-world.js";
import { assertLauncherPortsFree, SERVE_STEPS, serveWorld } from "./lib/launch.js";
import { portFromEnv, startNode } from "./lib/node.js";
import { fail, Steps } from "./lib/steps.js";

async function main(): Promise<never> {
  const steps = new Steps(3 + SERVE_STEPS);
  const port = portFromEnv("PORT", 8545);
  const forkUrl = await steps.run("Checking FORK_URL", async (note) => {
    const url = await checkForkUrl(process.env.FORK_URL);
    note(`${redact(new URL(url))} is Ethereum mainnet (chain 1)`);
    return url;
  });
  const node = await steps.run(`Starting a Hardhat node on 127.0.0.1:${port} forking mainnet`, async (note) => {
    await assertLauncherPortsFree(port);
    const node = await startNode(port, forkUrl);
    note(`forked at block ${await node.connection.ethers.provider.getBlockNumber()}`);
    return node;
  });
  return serveWorld(steps, node, async (ethers) => {
    const world = await steps.run("Deploying the farm over the real pairs and getting LP for the dev accounts", (note) =>
      setUpForkWorld(ethers, { network: "localhost", log: note, devAccounts: FUNDED_ACCOUNTS }),
    );
    return { deployment: world.deployment };
  });
}

await main().catch(fail);

/**
 * `FORK_URL=<mainnet JSON-RPC URL> npm run fork`: a Hardhat node on 127.0.0.1 (PORT, default 8545)
 * forking Ethereum mainnet, with the farm deployed over the real Uniswap V2 pairs at their mainnet
 * addresses, a reward/WETH market made through the real router, and dev accounts holding LP got
 * the way a tester would. The same command works against the offline mainnet-shaped upstream
 * (`npm run upstream`); nothing here knows or asks which one it talks to.
 */
import { FUNDED_ACCOUNTS } from "../deploy/local-world.js";
import { setUpForkWorld } from "../deploy/fork-world.js";
import { checkForkUrl, redact } from "../deploy/fork-url.js";
import { assertPortFree, blockSeconds, interrupted, portFromEnv, startNode, untilStopped } from "./lib/node.js";
import { fail, Steps } from "./lib/steps.js";
import { printSummary } from "./lib/summary.js";

async function main(): Promise<void> {
  const steps = new Steps(4);
  const port = portFromEnv("PORT", 8545);
  const interval = blockSeconds();
  const forkUrl = await steps.run("Checking FORK_URL", async (note) => {
    const url = await checkForkUrl(process.env.FORK_URL);
    note(`${redact(new URL(url))} is Ethereum mainnet (chain 1)`);
    return url;
  });
  const node = await steps.run(`Starting a Hardhat node on 127.0.0.1:${port} forking mainnet`, async (note) => {
    await assertPortFree(port, "PORT");
    const node = await startNode(port, forkUrl);
    note(`forked at block ${await node.connection.ethers.provider.getBlockNumber()}`);
    return node;
  });
  const stop = untilStopped();
  try {
    const { ethers } = node.connection;
    const build = async () => {
      const world = await steps.run("Deploying the farm over the real pairs and getting LP for the dev accounts", (note) =>
        setUpForkWorld(ethers, { network: "localhost", log: note, devAccounts: FUNDED_ACCOUNTS }),
      );
      await steps.run(`Mining a block every ${interval} s as well as on every transaction`, async () => {
        await ethers.provider.send("evm_setIntervalMining", [interval * 1000]);
      });
      return world;
    };
    const world = await Promise.race([build(), stop.then(interrupted)]);
    printSummary({ rpcUrl: node.url, deployment: world.deployment, accounts: FUNDED_ACCOUNTS, elapsed: steps.elapsed() });
    await stop;
  } finally {
    await node.close();
  }
  console.log("Stopped: the fork node is shut down.");
  process.exit(0);
}

await main().catch(fail);

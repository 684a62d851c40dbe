/**
 * What `npm start` and `npm run fork` share once their node is up: build the world on it (a
 * Ctrl-C meanwhile stops the start-up), mine on a timer too, serve the dapp, print where
 * everything is, then serve until Ctrl-C and shut everything down.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";

import { type Deployment, deploymentPath, recordBlockSeconds, recordIndexer } from "../../deploy/deployments.js";
import { FUNDED_ACCOUNTS } from "../../worlds/local-world.js";
import { type AppServer, serveApp } from "./app-server.js";
import { indexerWanted, type RunningIndexer, startIndexer } from "./indexer.js";
import {
  assertPortFree,
  blockSeconds,
  interrupted,
  mineBlockTimeHistory,
  portFromEnv,
  type RunningNode,
  untilStopped,
} from "./node.js";
import { explain, type Steps } from "./steps.js";
import { printSummary } from "./summary.js";

/** Steps `serveWorld` adds to the launcher's own. */
export const SERVE_STEPS = 3;

function appPortFromEnv(): number {
  return portFromEnv("UI_PORT", 5173);
}

/**
 * The node's port and the dapp's, checked before anything starts: a dapp port held by another
 * server (another Vite app, say) fails in a second, not after the whole world is built.
 */
export async function assertLauncherPortsFree(nodePort: number): Promise<void> {
  await assertPortFree(nodePort, "PORT");
  await assertPortFree(appPortFromEnv(), "UI_PORT");
}

/** What a launcher's world tells the summary: its deployment and, if it has one, its newcomer account. */
export interface BuiltWorld {
  deployment: Deployment;
  /** The dev account holding tokens and LP but no approvals (the local world's #4). */
  newcomer?: number;
}

export async function serveWorld(
  steps: Steps,
  node: RunningNode,
  build: (ethers: HardhatEthers) => Promise<BuiltWorld>,
): Promise<never> {
  const interval = blockSeconds();
  const appPort = appPortFromEnv();
  const stop = untilStopped();
  let app: AppServer | undefined;
  let indexer: RunningIndexer | undefined;
  let indexerProblem: string | undefined;
  try {
    const { ethers } = node.connection;
    const ready = async () => {
      const built = await build(ethers);
      // The dapp's figures use this pace, not a sample of blocks (transactions mine blocks too).
      let deployment = await recordBlockSeconds(built.deployment, interval);
      await steps.run(`Mining a block every ${interval} s as well as on every transaction`, async () => {
        await mineBlockTimeHistory(ethers, interval);
        await ethers.provider.send("evm_setIntervalMining", [interval * 1000]);
      });
      // Optional: a world whose indexer fails still serves the dapp, which then shows no history.
      await steps.run("Starting the indexer (history and analytics)", async (note) => {
        if (!indexerWanted()) return note("skipped: INDEXER=off");
        try {
          indexer = await startIndexer(node.url, deploymentPath(deployment.chainId));
          note(`${indexer.url} on ${indexer.storage}; it catches up with the chain in the background (${indexer.url}/ready)`);
        } catch (error) {
          indexerProblem = explain(error);
          note(`not started: ${indexerProblem}. The dapp works without it; history is unavailable.`);
        }
      });
      deployment = await recordIndexer(deployment, indexer?.url);
      app = await steps.run(`Serving the dapp on 127.0.0.1:${appPort}`, async () => {
        await assertPortFree(appPort, "UI_PORT");
        return serveApp(appPort, node.url);
      });
      return { ...built, deployment };
    };
    const { deployment, newcomer } = await Promise.race([ready(), stop.then(interrupted)]);
    printSummary({
      rpcUrl: node.url, appUrl: app?.url, indexerUrl: indexer?.url, indexerProblem, deployment, accounts: FUNDED_ACCOUNTS, newcomer, elapsed: steps.elapsed(),
    });
    await stop;
  } finally {
    await app?.close();
    await indexer?.close();
    await node.close();
  }
  console.log("Stopped: the node is shut down.");
  process.exit(0);
}

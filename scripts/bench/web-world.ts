/**
 * A local world for the web benchmark: a Hardhat node in this process, on a free port, with the
 * local world of `pools` pools, and a production build (`appDir`) served by `vite preview`
 * pointed at it. Blocks come every `blockSeconds` from a timer here rather than from the node's
 * interval mining, so the benchmark knows when each one lands.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { readDeployment, recordBlockSeconds } from "../../deploy/deployments.js";
import { buildLocalWorld } from "../../worlds/local-world.js";
import { freePort, Launched } from "../../fixtures/processes.js";
import { HOST, mineBlockTimeHistory, startNode } from "../lib/node.js";

export interface BenchWorld {
  pools: number;
  /** The built app, served by `vite preview`. */
  appUrl: string;
  /** Resolves once the next block is mined. */
  nextBlock(): Promise<void>;
  close(): Promise<void>;
}

export interface BenchWorldOptions {
  pools: number;
  blockSeconds: number;
  /** The built app to serve. */
  appDir: string;
  note(line: string): void;
  /** Rejects on Ctrl-C: the world then stops what it started and rejects with it. */
  stopped: Promise<never>;
}

export async function startBenchWorld({ pools, blockSeconds, appDir, note, stopped }: BenchWorldOptions): Promise<BenchWorld> {
  const node = await startNode(await freePort());
  const dir = await mkdtemp(path.join(os.tmpdir(), "farm-bench-"));
  const port = await freePort();
  // A child process: the preview server takes its node and deployments folder from its environment.
  const preview = new Launched(
    "npx",
    ["vite", "preview", "--config", "frontend/vite.config.ts", "--outDir", appDir, "--port", String(port), "--strictPort"],
    { DEPLOYMENTS_DIR: dir, FARM_RPC_URL: node.url },
  );
  const { ethers } = node.connection;
  const waiting: { resolve(): void; reject(error: unknown): void }[] = [];
  let miner: ReturnType<typeof setInterval> | undefined;
  const close = async () => {
    clearInterval(miner);
    await preview.stop();
    await node.close();
    await rm(dir, { recursive: true, force: true });
  };

  const prepare = async () => {
    const world = await buildLocalWorld(ethers, { network: "localhost", dir, pools, step: (title, work) => (note(title), work(() => {})) });
    const deployment = await readDeployment(world.stack.deployment.chainId, dir);
    if (deployment === undefined) throw new Error(`the local world wrote no deployments file in ${dir}`);
    await recordBlockSeconds(deployment, blockSeconds, dir);
    await mineBlockTimeHistory(ethers, blockSeconds);
    miner = setInterval(() => {
      ethers.provider.send("evm_mine", []).then(
        () => waiting.splice(0).forEach((w) => w.resolve()),
        (error) => waiting.splice(0).forEach((w) => w.reject(error)),
      );
    }, blockSeconds * 1000);
    await preview.waitFor(/127\.0\.0\.1:\d+/, 30_000);
  };
  const ready = prepare();
  ready.catch(() => undefined); // after a stop, its failing on the closed node is no news
  try {
    await Promise.race([ready, stopped]);
  } catch (error) {
    await close();
    throw error;
  }
  note(`${pools} pools ready: node ${node.url}, built app http://${HOST}:${port}/`);
  return {
    pools,
    appUrl: `http://${HOST}:${port}/`,
    nextBlock: () => new Promise((resolve, reject) => waiting.push({ resolve, reject })),
    close,
  };
}

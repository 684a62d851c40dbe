/**
 * The indexer benchmark's Hardhat node, in a process of its own. In the benchmark's process it
 * shared one event loop (one core) with the benchmark's own work, and serving the backfill's blocks
 * and logs took two thirds of the backfill; a node is its own process everywhere but a launcher.
 *
 * `hardhat run scripts/bench/indexer-node.ts` with PORT starts the node (scripts/lib/node.ts, as
 * `npm start` does) and prints READY once it answers; `startNodeProcess` runs that and connects.
 */
import { spawn } from "node:child_process";
import path from "node:path";

import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { stop } from "../lib/indexer.js";
import { HOST, portFromEnv, startNode, untilStopped } from "../lib/node.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const HARDHAT_BIN = path.join(ROOT, "node_modules", "hardhat", "dist", "src", "cli.js");
const READY = "READY";
const START_MS = 120_000;

export interface NodeProcess {
  url: string;
  connection: NetworkConnection<"l1">;
  close(): Promise<void>;
}

/** Spawns the node on `port`, resolving once it serves, with a connection over HTTP. */
export async function startNodeProcess(port: number): Promise<NodeProcess> {
  const child = spawn(process.execPath, [HARDHAT_BIN, "run", path.relative(ROOT, import.meta.filename)], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), BENCH_NODE_CHILD: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the node did not start within ${START_MS / 1000} s: ${output}`)), START_MS);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(READY)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the node exited (${code ?? signal}) before serving: ${output}`));
    });
  });
  // Its answers to each call are not printed: drain its output so it never blocks on a full pipe.
  child.stdout!.resume();
  child.stderr!.resume();
  const url = `http://${HOST}:${port}`;
  const connection = await network.create({ network: "localhost", chainType: "l1", override: { url } });
  return {
    url,
    connection,
    async close() {
      await connection.close();
      await stop(child);
    },
  };
}


// Run as the child: serve until told to stop.
if (process.env.BENCH_NODE_CHILD === "1") {
  const node = await startNode(portFromEnv("PORT", 8545));
  console.log(READY);
  await untilStopped();
  await node.close();
  process.exit(0);
}

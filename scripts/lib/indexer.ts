/**
 * The indexer embedded in the launchers: Ponder (indexer/) started as a child process on the
 * world's node and deployments file, on PGlite in a fresh temporary directory (so a new world
 * never sees an old chain's rows), or on Postgres when DATABASE_URL is set. It is optional: if it
 * cannot start, the launcher says why and the dapp works without history.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import { assertPortFree, HOST, portFromEnv } from "./node.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const PONDER_BIN = path.join(ROOT, "node_modules", "ponder", "dist", "esm", "bin", "ponder.js");
export const DEFAULT_INDEXER_PORT = 42069;
/** Ponder builds the indexer and opens its database before it serves: seconds, or a minute on a busy machine. */
const START_MS = 90_000;

export interface RunningIndexer {
  url: string;
  /** Where its output goes. */
  logFile: string;
  /** PGlite's directory, or "Postgres" with DATABASE_URL. */
  storage: string;
  /** Stops it and removes its directory. */
  close(): Promise<void>;
}

/** INDEXER=off skips it (a world with no history). */
export function indexerWanted(): boolean {
  return !["off", "0", "false"].includes((process.env.INDEXER ?? "").toLowerCase());
}

/**
 * INDEXER_PORT, or 42069; when the default is taken (another world runs), any free port: the
 * indexer is found through the deployments file, not by its port.
 */
async function indexerPort(): Promise<number> {
  const chosen = portFromEnv("INDEXER_PORT", DEFAULT_INDEXER_PORT);
  try {
    await assertPortFree(chosen, "INDEXER_PORT");
    return chosen;
  } catch (error) {
    if (process.env.INDEXER_PORT) throw error;
    return 0;
  }
}

/** Starts the indexer for `deploymentFile`'s farm on `rpcUrl`, resolving once its HTTP API answers. */
export async function startIndexer(rpcUrl: string, deploymentFile: string): Promise<RunningIndexer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "farm-indexer-"));
  const logFile = path.join(dir, "ponder.log");
  const port = (await indexerPort()) || (await anyFreePort());
  const postgres = Boolean(process.env.DATABASE_URL);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    INDEXER_DEPLOYMENT: deploymentFile,
    INDEXER_RPC_URL: rpcUrl,
    INDEXER_PGLITE_DIR: path.join(dir, "pglite"),
    // A schema per world on a shared Postgres, so a new chain never meets an old one's rows.
    DATABASE_SCHEMA: process.env.DATABASE_SCHEMA ?? (postgres ? `farm_world_${Date.now()}` : "farm"),
    PONDER_TELEMETRY_DISABLED: "true",
  };
  delete env.PORT; // Ponder would serve on the node's port
  const child = spawn(process.execPath, [PONDER_BIN, "start", "--port", String(port), "--hostname", HOST, "--log-format", "json"], {
    cwd: path.join(ROOT, "indexer"),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = createWriteStream(logFile);
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const url = `http://${HOST}:${port}`;
  // Its directory goes with it; after a failed start only the log stays, for the sentence to name.
  const close = async (keepLog = false) => {
    await stop(child);
    await new Promise<void>((resolve) => log.end(() => resolve()));
    await rm(keepLog ? path.join(dir, "pglite") : dir, { recursive: true, force: true });
  };
  try {
    await untilHealthy(url, child, logFile);
  } catch (error) {
    await close(true);
    throw error;
  }
  return { url, logFile, storage: postgres ? `Postgres (schema ${env.DATABASE_SCHEMA})` : `PGlite in ${path.join(dir, "pglite")}`, close: () => close() };
}

async function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls Ponder's /health until it answers; fails if the process ends or time runs out. */
async function untilHealthy(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + START_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`it exited (${child.exitCode ?? child.signalCode}) before serving; its log: ${logFile}`);
    }
    const healthy = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`it did not answer on ${url} within ${START_MS / 1000} s; its log: ${logFile}`);
}

/** SIGTERM, then SIGKILL if it is still there after 5 s (Ponder flushes its database first). */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

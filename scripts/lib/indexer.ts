/**
 * The indexer embedded in the launchers: Ponder (indexer/) started as a child process on the
 * world's node and deployments file, on PGlite in a fresh temporary directory (so a new world
 * never sees an old chain's rows), or on Postgres when DATABASE_URL is set. It is optional: if it
 * cannot start, the launcher says why and the dapp works without history.
 *
 * It heals itself: Ponder follows a reorg only within its last 30 to 60 blocks on chain 31337, and a
 * tester's revert to an older snapshot (the toolbar, the browser tests) goes deeper, after which it
 * stops following the chain. So while the world runs, a supervisor restarts it afresh, on the same
 * URL, when it exits or stops moving while the chain moves on; it re-indexes the world in seconds
 * and the dapp's history recovers by itself.
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
/**
 * How the supervisor watches: how often it looks, and how long the indexer may stand still off the
 * chain's head before it is restarted. The defaults are the launchers'; a test of the supervisor
 * sets INDEXER_WATCH_MS and INDEXER_STALL_MS to see it act in seconds.
 */
interface SupervisorTimings {
  watchMs: number;
  stallMs: number;
}
function supervisorTimings(): SupervisorTimings {
  const ms = (variable: string, fallback: number) => {
    const raw = process.env[variable];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 100) throw new Error(`${variable}=${raw} is not a whole number of milliseconds (100 or more).`);
    return value;
  };
  return { watchMs: ms("INDEXER_WATCH_MS", 2_000), stallMs: ms("INDEXER_STALL_MS", 20_000) };
}
/** Blocks behind the head that count as behind (a block or two is the normal live lag). */
const BEHIND_BLOCKS = 3;

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
  const timings = supervisorTimings();
  const dir = await mkdtemp(path.join(os.tmpdir(), "farm-indexer-"));
  const logFile = path.join(dir, "ponder.log");
  const port = (await indexerPort()) || (await anyFreePort());
  const postgres = Boolean(process.env.DATABASE_URL);
  const schema = process.env.DATABASE_SCHEMA ?? (postgres ? `farm_world_${Date.now()}` : "farm");
  const log = createWriteStream(logFile);
  const url = `http://${HOST}:${port}`;
  /** Ponder said the chain went back further than it follows (see watchForLostBranch). */
  let lostBranch = false;
  const launch = (run: number) => {
    const child = spawnPonder(port, {
      INDEXER_DEPLOYMENT: deploymentFile,
      INDEXER_RPC_URL: rpcUrl,
      INDEXER_PGLITE_DIR: path.join(dir, "pglite"),
      // A schema per world on a shared Postgres, so a new chain never meets an old one's rows; and
      // one per restart, so a restart never resumes the branch it lost.
      DATABASE_SCHEMA: run === 0 ? schema : `${schema}_${run}`,
    });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    lostBranch = false;
    watchForLostBranch(child, () => (lostBranch = true));
    return child;
  };
  let child = launch(0);
  // Its directory goes with it; after a failed start only the log stays, for the sentence to name.
  const close = async (keepLog = false) => {
    supervisor?.stop();
    await stop(child);
    await new Promise<void>((resolve) => log.end(() => resolve()));
    await rm(keepLog ? path.join(dir, "pglite") : dir, { recursive: true, force: true });
  };
  let supervisor: Supervisor | undefined;
  try {
    await untilHealthy(url, child, logFile);
  } catch (error) {
    await close(true);
    throw error;
  }
  supervisor = supervise(url, rpcUrl, timings, () => ({ child, lostBranch }), async (run, why) => {
    log.write(`\n[launcher] restarting the indexer afresh: ${why}\n`);
    console.log(`Indexer: ${why}; restarting it afresh on ${url} (history back in seconds).`);
    await stop(child);
    await rm(path.join(dir, "pglite"), { recursive: true, force: true });
    child = launch(run);
  });
  return { url, logFile, storage: postgres ? `Postgres (schema ${schema})` : `PGlite in ${path.join(dir, "pglite")}`, close: () => close() };
}

function spawnPonder(port: number, settings: NodeJS.ProcessEnv): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, ...settings, PONDER_TELEMETRY_DISABLED: "true" };
  delete env.PORT; // Ponder would serve on the node's port
  return spawn(process.execPath, [PONDER_BIN, "start", "--port", String(port), "--hostname", HOST, "--log-format", "json"], {
    cwd: path.join(ROOT, "indexer"),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

interface Supervisor {
  stop(): void;
}

/**
 * Ponder's own word that it lost the chain: after a revert deeper than its finalized block it logs
 * "Encountered unrecoverable reorg" and keeps retrying, and its /status may still move with the
 * head meanwhile (seen: a 44-block revert left it at the abandoned branch's last block for minutes
 * while the stall check below saw nothing wrong). Calls `lost` once it says so.
 */
function watchForLostBranch(child: ChildProcess, lost: () => void): void {
  const SIGN = "Encountered unrecoverable reorg";
  let tail = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    const text = tail + chunk.toString();
    if (text.includes(SIGN)) lost();
    // A message split between two chunks is still found.
    tail = text.slice(-SIGN.length);
  });
}

/**
 * Every `watchMs`: restarts the indexer (`restart(run, why)`) when its process has ended, when it
 * said it lost the chain (a reorg deeper than it follows), when, having caught up once
 * (`/ready`), it stands ahead of the chain's head (on a branch the chain abandoned), or when it
 * stands still for `stallMs` more than BEHIND_BLOCKS behind the head.
 */
function supervise(
  url: string,
  rpcUrl: string,
  { watchMs, stallMs }: SupervisorTimings,
  current: () => { child: ChildProcess; lostBranch: boolean },
  restart: (run: number, why: string) => Promise<void>,
): Supervisor {
  let runs = 0;
  let busy = false;
  let caughtUp = false;
  let last = { indexed: -1, since: Date.now() };
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void check().finally(() => {
      busy = false;
    });
  }, watchMs);
  timer.unref();
  async function check(): Promise<void> {
    const { child, lostBranch } = current();
    let why: string | undefined;
    if (child.exitCode !== null || child.signalCode !== null) {
      why = `it exited (${child.exitCode ?? child.signalCode})`;
    } else if (lostBranch) {
      why = "the chain went back further than it follows (a revert to an older snapshot)";
    } else {
      caughtUp ||= await fetch(`${url}/ready`, { signal: AbortSignal.timeout(watchMs) }).then((r) => r.ok, () => false);
      if (!caughtUp) return; // a first backfill may take minutes: it is moving, not stuck
      // The head asked after the indexer, so a block mined in between cannot put the indexer ahead.
      const indexed = await indexedBlock(url, watchMs);
      const head = await headBlock(rpcUrl, watchMs);
      if (indexed === undefined || head === undefined) return; // the node or the indexer is away
      // Ahead of the head is on a branch the chain abandoned (a revert): Ponder notices only once
      // the chain grows past it, and meanwhile its /status looks caught up to anyone waiting.
      if (indexed > head) why = `it stood at block ${indexed}, past the chain's head ${head} (a revert)`;
      else if (head - indexed <= BEHIND_BLOCKS || indexed !== last.indexed) last = { indexed, since: Date.now() };
      else if (Date.now() - last.since > stallMs) {
        why = `it stood at block ${indexed} while the chain's head is ${head} (a reorg deeper than it follows)`;
      }
    }
    if (why === undefined) return;
    runs += 1;
    await restart(runs, why);
    caughtUp = false;
    last = { indexed: -1, since: Date.now() };
  }
  return { stop: () => clearInterval(timer) };
}

/** The last block the indexer has indexed (its /status), or undefined if it does not say. */
async function indexedBlock(url: string, timeoutMs: number): Promise<number | undefined> {
  const status = await fetch(`${url}/status`, { signal: AbortSignal.timeout(timeoutMs) }).then(
    (r) => (r.ok ? (r.json() as Promise<Record<string, { block?: { number: number } | null }>>) : undefined),
    () => undefined,
  );
  const numbers = Object.values(status ?? {}).map((chain) => chain.block?.number ?? -1);
  return numbers.length === 0 ? undefined : Math.max(...numbers);
}

/** The node's head, or undefined if it does not answer. */
async function headBlock(rpcUrl: string, timeoutMs: number): Promise<number | undefined> {
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] });
  const answer = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body, signal: AbortSignal.timeout(timeoutMs) }).then(
    (r) => r.json() as Promise<{ result?: string }>,
    () => undefined,
  );
  return answer?.result === undefined ? undefined : Number(BigInt(answer.result));
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
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Where the indexer finds its farm, its chain and its database, from the environment: the
 * deployments file the launchers and `npm run deploy` write (deploy/deployments.ts), the node's
 * JSON-RPC URL, and Postgres when `DATABASE_URL` is set, PGlite (a Postgres in WASM, in a
 * directory) otherwise.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { Deployment } from "../../deploy/deployments";

// Ponder loads this through vite-node, which has import.meta.url but not import.meta.dirname.
const REPO = fileURLToPath(new URL("../../", import.meta.url));

export interface IndexerSettings {
  deployment: Deployment;
  deploymentFile: string;
  rpcUrl: string;
  /** Postgres when set; otherwise PGlite in `pgliteDir`. */
  databaseUrl?: string;
  pgliteDir: string;
  /** How often the node is asked for a new block, in ms. */
  pollingMs: number;
}

/**
 * `INDEXER_DEPLOYMENT` (a deployments file), else `<DEPLOYMENTS_DIR>/<INDEXER_CHAIN_ID>.json`
 * (chain 31337, the local worlds', by default).
 */
function deploymentFile(env: NodeJS.ProcessEnv): string {
  if (env.INDEXER_DEPLOYMENT) return path.resolve(env.INDEXER_DEPLOYMENT);
  const dir = env.DEPLOYMENTS_DIR ?? path.join(REPO, "deployments");
  return path.join(dir, `${env.INDEXER_CHAIN_ID ?? "31337"}.json`);
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): IndexerSettings {
  const file = deploymentFile(env);
  let deployment: Deployment;
  try {
    deployment = JSON.parse(readFileSync(file, "utf8")) as Deployment;
  } catch (error) {
    throw new Error(`The indexer needs the farm's deployments file, and ${file} could not be read (${(error as Error).message}). Start a world first (npm start), or set INDEXER_DEPLOYMENT.`);
  }
  // Polling every second is Ponder's default; a local node mining every second or two needs no
  // more, and a test may ask for less.
  const pollingMs = Number(env.INDEXER_POLLING_MS ?? 1000);
  return {
    deployment,
    deploymentFile: file,
    // Not PORT: Ponder takes PORT for its own server.
    rpcUrl: env.INDEXER_RPC_URL ?? "http://127.0.0.1:8545",
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDir: path.resolve(env.INDEXER_PGLITE_DIR ?? path.join(REPO, "indexer", ".ponder", "pglite")),
    pollingMs: Number.isFinite(pollingMs) && pollingMs >= 100 ? pollingMs : 1000,
  };
}

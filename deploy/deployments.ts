/**
 * The deployments file, `deployments/<chainId>.json`: what the frontend and the scripts read to
 * find the farm. Written after every step that deploys something, so a failed run resumes where it
 * stopped instead of deploying twice.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface PoolRecord {
  pid: number;
  lpToken: string;
  token0: string;
  token1: string;
  symbol0: string;
  symbol1: string;
  decimals0: number;
  decimals1: number;
}

export interface Deployment {
  chainId: number;
  /** The Hardhat network name it was deployed through (informational). */
  network: string;
  farm: string;
  /**
   * The farm's zap (FarmZap): zap in, zap out, compound. Absent only for the moment between the
   * farm's deployment and the zap's (a run that stopped there deploys it on its rerun).
   */
  zap?: string;
  /** The farm's partner rewarder (PartnerRewarder), which the farm's constructor created. */
  partnerRewarder: string;
  rewardToken: string;
  startBlock: number;
  /** Block of the farm's deployment: where event scans can start. */
  deployedAtBlock: number;
  uniswapV2Factory: string;
  uniswapV2Router: string;
  weth: string;
  multicall3: string;
  /** USD prices are quoted in this token. */
  stablecoin: string;
  pools: PoolRecord[];
  /**
   * The chain's nominal seconds per block, which every figure of the dapp uses (APR, emission per
   * day, dates): the local launchers write the interval they mine at. Absent, the dapp takes the
   * chain's slot time, or measures a long window (frontend/src/lib/block-time.ts).
   */
  blockSeconds?: number;
  /**
   * The indexer's HTTP API (indexer/, README "Indexer") for this deployment, where one runs: the
   * launchers write the one they embed. Absent, the dapp shows no history.
   */
  indexer?: string;
}

const REPO_DEPLOYMENTS = fileURLToPath(new URL("../deployments/", import.meta.url));

/** `DEPLOYMENTS_DIR` when set (tests write elsewhere), else the repository's `deployments/`. */
export function deploymentsDir(): string {
  return process.env.DEPLOYMENTS_DIR ?? REPO_DEPLOYMENTS;
}

export function deploymentPath(chainId: bigint | number, dir = deploymentsDir()): string {
  return path.join(dir, `${chainId}.json`);
}

export async function readDeployment(chainId: bigint | number, dir = deploymentsDir()): Promise<Deployment | undefined> {
  try {
    return JSON.parse(await readFile(deploymentPath(chainId, dir), "utf8")) as Deployment;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Writes atomically (temp file + rename), so a reader never sees half a file. */
export async function writeDeployment(deployment: Deployment, dir = deploymentsDir()): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = deploymentPath(deployment.chainId, dir);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(deployment, null, 2)}\n`);
  await rename(temp, file);
  return file;
}

/** Records where the indexer of `deployment` answers (or that none does: `url` undefined). */
export async function recordIndexer(deployment: Deployment, url: string | undefined, dir = deploymentsDir()): Promise<Deployment> {
  const { indexer: _old, ...rest } = deployment;
  const stamped = url === undefined ? rest : { ...rest, indexer: url };
  await writeDeployment(stamped, dir);
  return stamped;
}

/** Records the block time the chain is mined at (a local launcher's interval) in the deployment. */
export async function recordBlockSeconds(deployment: Deployment, blockSeconds: number, dir = deploymentsDir()): Promise<Deployment> {
  const stamped = { ...deployment, blockSeconds };
  await writeDeployment(stamped, dir);
  return stamped;
}

/**
 * Reading the indexer in tests: its HTTP API (typed by indexer/api-types.ts), waiting until it
 * has caught up, and a second Ponder process of our own (on Postgres) beside the one `npm start`
 * embeds (on PGlite).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { Contract, type JsonRpcProvider, ZeroAddress } from "ethers";
import hre from "hardhat";

import type { Deployment } from "../../deploy/deployments.js";
import { npm } from "../../fixtures/processes.js";
import type { Action, Earnings, FarmTotals, HistoryPage, PoolSeries, Position } from "../../indexer/api-types.js";
import { freePort, Launched } from "../../fixtures/processes.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const PONDER_BIN = path.join(ROOT, "node_modules", "ponder", "dist", "esm", "bin", "ponder.js");

export class IndexerApi {
  constructor(readonly url: string, readonly name: string) {}

  async get<T>(route: string): Promise<T> {
    const response = await fetch(`${this.url}${route}`);
    if (!response.ok) throw new Error(`${this.name} ${route}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** The block the indexer has processed up to. */
  async block(): Promise<number> {
    const status = await this.get<Record<string, { block: { number: number } | null }>>("/status");
    return Object.values(status)[0]?.block?.number ?? 0;
  }

  /** Every action of `user`, newest first, read page by page (`query` adds filters). */
  async history(user: string, query = "", limit = 2): Promise<Action[]> {
    const items: Action[] = [];
    let cursor = "";
    for (;;) {
      const page = await this.get<HistoryPage>(`/api/history/${user}?limit=${limit}${query}${cursor}`);
      items.push(...page.items);
      if (!page.next) return items;
      cursor = `&cursor=${page.next}`;
    }
  }

  earnings(user: string): Promise<Earnings> {
    return this.get(`/api/earnings/${user}`);
  }

  position(user: string, pid: number): Promise<Position> {
    return this.get(`/api/position/${user}/${pid}`);
  }

  series(pid: number, interval: "hour" | "day"): Promise<PoolSeries> {
    return this.get(`/api/pools/${pid}/series?interval=${interval}`);
  }

  farm(): Promise<FarmTotals> {
    return this.get("/api/farm");
  }
}

/** Polls `check` until it returns true; fails after `timeoutMs` with `what` and the last error. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `ponder start` of indexer/ for the farm in `deploymentFile` on `rpcUrl`, with `env` (DATABASE_URL...). */
export async function launchPonder(deploymentFile: string, rpcUrl: string, env: Record<string, string>): Promise<{ process: Launched; api: IndexerApi }> {
  const port = await freePort();
  const launched = new Launched(
    process.execPath,
    [PONDER_BIN, "start", "--hostname", "127.0.0.1", "--log-format", "json"],
    // Ponder serves on PORT when it is set, whatever --port says: give it its own.
    { INDEXER_DEPLOYMENT: deploymentFile, INDEXER_RPC_URL: rpcUrl, PONDER_TELEMETRY_DISABLED: "true", PORT: String(port), ...env },
    path.join(ROOT, "indexer"),
  );
  const api = new IndexerApi(`http://127.0.0.1:${port}`, env.DATABASE_URL ? "Postgres indexer" : "indexer");
  await until(`${api.name} to serve`, async () => (await fetch(`${api.url}/health`)).ok, 90_000).catch((error) => {
    launched.kill();
    throw new Error(`${(error as Error).message}\n${launched.output.slice(-3000)}`);
  });
  return { process: launched, api };
}

/** A local world of our own: `npm start` on free ports, its deployments file in a temporary folder. */
export interface TestWorld {
  process: Launched;
  rpcUrl: string;
  deploymentFile: string;
  deployment: Deployment;
  /** Stops it and removes its folder. */
  stop(): Promise<void>;
}

/**
 * `npm start` (a block every 2 s) with `env` added (INDEXER=off for a world without the embedded
 * indexer), resolved once it is ready; the embedded indexer, if any, is named in `deployment`.
 */
export async function launchWorld(env: Record<string, string> = {}): Promise<TestWorld> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "farm-indexer-test-"));
  const [port, appPort, indexerPort] = [await freePort(), await freePort(), await freePort()];
  const launched = npm(["start"], { PORT: String(port), UI_PORT: String(appPort), DEPLOYMENTS_DIR: dir, BLOCK_SECONDS: "2", INDEXER_PORT: String(indexerPort), ...env });
  const stop = async () => {
    await launched.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await launched.waitFor(/Press Ctrl-C to stop/, 120_000);
    const deploymentFile = path.join(dir, "31337.json");
    const deployment = JSON.parse(await readFile(deploymentFile, "utf8")) as Deployment;
    return { process: launched, rpcUrl: `http://127.0.0.1:${port}`, deploymentFile, deployment, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Which action kind each farm event is, for users who neither zap nor leave in an emergency. */
const KIND_OF_EVENT: Record<string, string> = { Deposit: "deposit", Withdraw: "withdraw", Harvest: "harvest", Locked: "lock", LockExited: "lockExit", Unlocked: "unlock" };

/** An action as the chain tells it, in the indexer's terms (amounts in base units as decimal strings). */
export interface ChainAction {
  kind: string;
  pid: number;
  lp: string;
  reward: string;
  block: number;
  txHash: string;
  logIndex: number;
}

/**
 * `user`'s farm actions from the node alone, oldest first: every farm event naming it since the
 * deployment (the LP it moved), and the reward token's mints to it in each transaction (what a
 * deposit, withdrawal or lock paid; a harvest says its own amount), and its rows of the partner
 * rewarder's events (`chainPartnerRows`).
 */
export async function chainActions(rpc: JsonRpcProvider, deployment: Deployment, user: string): Promise<ChainAction[]> {
  const farm = new Contract(deployment.farm, (await hre.artifacts.readArtifact("Farm")).abi, rpc);
  const reward = new Contract(deployment.rewardToken, ["event Transfer(address indexed from, address indexed to, uint256 value)"], rpc);
  // The head asked of the node itself: the provider's own block number may be a cached one from
  // before a revert, and logs up to it would include the abandoned branch's.
  const head = Number(await rpc.send("eth_blockNumber", []));
  const minted = new Map<string, bigint>();
  for (const log of await reward.queryFilter(reward.filters.Transfer(ZeroAddress, user), deployment.deployedAtBlock, head)) {
    minted.set(log.transactionHash, (minted.get(log.transactionHash) ?? 0n) + (reward.interface.parseLog(log)!.args.value as bigint));
  }
  const logs = await rpc.getLogs({ address: deployment.farm, fromBlock: deployment.deployedAtBlock, toBlock: head });
  const farmActions = logs.flatMap((log) => {
    const event = farm.interface.parseLog(log);
    if (!event || typeof event.args.user !== "string" || event.args.user.toLowerCase() !== user.toLowerCase()) return [];
    const kind = KIND_OF_EVENT[event.name];
    if (!kind) throw new Error(`${user} made a ${event.name}: not one these tests expect`);
    const a = event.args;
    const lp = kind === "harvest" ? 0n : kind === "lock" ? (a.added as bigint) : kind === "lockExit" ? (a.returned as bigint) : (a.amount as bigint);
    const paid = kind === "harvest" ? (a.amount as bigint) : kind === "unlock" ? 0n : (minted.get(log.transactionHash) ?? 0n);
    return [{ kind, pid: Number(a.pid), lp: lp.toString(), reward: paid.toString(), block: log.blockNumber, txHash: log.transactionHash, logIndex: log.index }];
  });
  // The partner rewarder's rows of `user` (partner tokens paid or owed, streams it funded or
  // reclaimed): no LP, no reward token; their amounts are checked in test/indexer/partners.test.ts.
  const partnerActions = (await chainPartnerRows(rpc, deployment, head))
    .filter((row) => row.user === user.toLowerCase())
    .map(({ kind, pid, block, txHash, logIndex }) => ({ kind, pid, lp: "0", reward: "0", block, txHash, logIndex }));
  return [...farmActions, ...partnerActions].sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
}

/** The history kinds the partner rewarder's events make (indexer/src/partners.ts). */
export const PARTNER_KINDS = ["partner", "partnerOwed", "streamFunded", "streamReclaimed"] as const;

const KIND_OF_PARTNER_EVENT: Record<string, (typeof PARTNER_KINDS)[number]> = {
  PartnerRewardPaid: "partner", PartnerRewardOwed: "partnerOwed", StreamFunded: "streamFunded", StreamReclaimed: "streamReclaimed",
};

/** A partner row as the chain tells it: whose history, and what the API's `partner` should say. */
export interface ChainPartnerRow {
  user: string;
  kind: string;
  pid: number;
  token: string;
  amount: string;
  to: string | null;
  detail: Record<string, string> | null;
  block: number;
  txHash: string;
  logIndex: number;
}

/**
 * Every row the partner rewarder's logs make, oldest first, from the node alone: a payment or an
 * owed amount in its staker's history, a funding or a reclaim in its sponsor's (addresses in
 * lower case, as the indexer keeps them). SponsorSet makes none.
 */
export async function chainPartnerRows(rpc: JsonRpcProvider, deployment: Deployment, upTo?: number): Promise<ChainPartnerRow[]> {
  const rewarder = new Contract(deployment.partnerRewarder, (await hre.artifacts.readArtifact("PartnerRewarder")).abi, rpc);
  const head = upTo ?? Number(await rpc.send("eth_blockNumber", []));
  const logs = await rpc.getLogs({ address: deployment.partnerRewarder, fromBlock: deployment.deployedAtBlock, toBlock: head });
  const lower = (a: unknown) => (a as string).toLowerCase();
  return logs.flatMap((log) => {
    const event = rewarder.interface.parseLog(log);
    const kind = event && KIND_OF_PARTNER_EVENT[event.name];
    if (!event || !kind) return [];
    const a = event.args;
    const sponsor = kind === "streamFunded" || kind === "streamReclaimed";
    return [{
      user: lower(sponsor ? a.sponsor : a.user),
      kind, pid: Number(a.pid), token: lower(a.token), amount: (a.amount as bigint).toString(),
      to: kind === "partner" ? lower(a.to) : kind === "streamReclaimed" ? lower(a.sponsor) : null,
      detail: kind === "streamFunded" ? { streaming: (a.streaming as bigint).toString(), endBlock: (a.endBlock as bigint).toString() } : null,
      block: log.blockNumber, txHash: log.transactionHash, logIndex: log.index,
    }];
  });
}

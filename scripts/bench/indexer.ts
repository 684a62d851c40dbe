/**
 * `npm run bench:indexer`: the indexer against its budgets, on a local world of 1,000 pools
 * (BENCH_INDEXER_POOLS) in this process:
 *   - backfill: 100,000 farm events (10 stakers × 100 pools × 100 actions: a deposit, then 99
 *     harvest-alls of their 100 pools) indexed from nothing by a fresh indexer, time and rate;
 *   - history: p95 of `/api/history` for one of those stakers (10,000 events): first pages, pages
 *     deep in the history through the cursor, pages filtered by pool and by kind;
 *   - lag: the chain mining a block a second, a harvest-all of 100 pools (100 events) in each,
 *     how many blocks the indexer is behind the head, sampled twice a second for a minute.
 * PGlite as embedded, or Postgres with DATABASE_URL. Prints a table, writes reports/indexer.json,
 * exits non-zero when a budget is missed.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { Contract, MaxUint256 } from "ethers";
import hre from "hardhat";

import { deploymentPath, readDeployment } from "../../deploy/deployments.js";
import type { HistoryPage } from "../../indexer/api-types.js";
import { freePort } from "../../fixtures/processes.js";
import { buildLocalWorld } from "../../worlds/local-world.js";
import { startIndexer } from "../lib/indexer.js";
import { startNode } from "../lib/node.js";
import { fail, Steps } from "../lib/steps.js";

const POOLS = Number(process.env.BENCH_INDEXER_POOLS ?? 1000);
const STAKERS = 10;
const POOLS_EACH = 100;
const ACTIONS_EACH = 100;
/** Dev accounts #10-#19: none of the world's own. */
const FIRST_STAKER = 10;
const LAG_SECONDS = 60;
const QUERIES = 200;
const LP_ABI = ["function transfer(address,uint256) returns (bool)", "function approve(address,uint256) returns (bool)", "function balanceOf(address) view returns (uint256)"];
const REPORT = path.resolve(import.meta.dirname, "..", "..", "reports", "indexer.json");

/**
 * Budgets, and why:
 * - backfill ≤ 300 s for 100,000 events (≥ 333 events/s): re-indexing a busy farm's year (a
 *   million events) must fit in an hour on a small server, and a local world's restart in seconds;
 * - history p95 ≤ 150 ms: a page of history must show as fast as the farms page's figures
 *   (under 1.5 s, README "Web") with room for the network and the render;
 * - lag p95 ≤ 3 blocks at one block a second: history a few seconds behind the wallet's receipt,
 *   given Ponder asks the node once a second.
 */
const BUDGET = { backfillSeconds: 300, historyP95Ms: 150, lagP95Blocks: 3 };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const steps = new Steps(6);
  const node = await steps.run(`Starting a Hardhat node and a local world of ${POOLS} pools`, async (note) => {
    const node = await startNode(await freePort());
    const dir = await mkdtemp(path.join(os.tmpdir(), "farm-bench-indexer-"));
    process.env.DEPLOYMENTS_DIR = dir;
    await buildLocalWorld(node.connection.ethers, { network: "localhost", dir, pools: POOLS, step: (title, work) => (note(title), work(() => {})) });
    return { ...node, dir };
  });
  const { ethers } = node.connection;
  let indexer: Awaited<ReturnType<typeof startIndexer>> | undefined;
  try {
    const deployment = (await readDeployment(31337, node.dir))!;
    const signers = await ethers.getSigners();
    const deployer = signers[0];
    const farm = new Contract(deployment.farm, (await hre.artifacts.readArtifact("Farm")).abi, deployer);
    const stakers = signers.slice(FIRST_STAKER, FIRST_STAKER + STAKERS);
    // The quiet pools, where only the deployer stakes: each staker takes 100 of them.
    const quiet = deployment.pools.slice(-STAKERS * POOLS_EACH);
    if (quiet.length < STAKERS * POOLS_EACH) throw new Error(`BENCH_INDEXER_POOLS=${POOLS}: at least ${STAKERS * POOLS_EACH + 25} pools are needed`);
    const poolsOf = (i: number) => quiet.slice(i * POOLS_EACH, (i + 1) * POOLS_EACH);

    const events = await steps.run(`Sending ${STAKERS * POOLS_EACH * ACTIONS_EACH} farm events: ${STAKERS} stakers × ${POOLS_EACH} pools × ${ACTIONS_EACH} actions`, async (note) => {
      const from = await ethers.provider.getBlockNumber();
      for (const [i, staker] of stakers.entries()) {
        for (const pool of poolsOf(i)) {
          const lp = new Contract(pool.lpToken, LP_ABI, deployer);
          const amount = ((await lp.balanceOf(deployer.address)) as bigint) / 20n;
          await lp.transfer(staker.address, amount);
          await (lp.connect(staker) as Contract).approve(deployment.farm, MaxUint256);
          await (farm.connect(staker) as Contract).deposit(pool.pid, amount);
        }
      }
      note("deposits sent");
      for (let round = 1; round < ACTIONS_EACH; round++) {
        for (const [i, staker] of stakers.entries()) await (farm.connect(staker) as Contract).harvestAll(poolsOf(i).map((p) => p.pid));
        if (round % 20 === 0) note(`${round} harvest-all rounds`);
      }
      // Counted in slices: one answer with every log is too large for the node's HTTP server.
      const to = await ethers.provider.getBlockNumber();
      let count = 0;
      for (let start = from + 1; start <= to; start += 50) {
        count += (await ethers.provider.getLogs({ address: deployment.farm, fromBlock: start, toBlock: Math.min(to, start + 49) })).length;
      }
      note(`${count} farm events in ${to - from} blocks`);
      return count;
    });

    const backfill = await steps.run("Indexing them from nothing: a fresh indexer until /ready", async (note) => {
      const started = Date.now();
      indexer = await startIndexer(node.url, deploymentPath(31337, node.dir));
      const served = (Date.now() - started) / 1000;
      while ((await fetch(`${indexer.url}/ready`)).status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
      const seconds = (Date.now() - started) / 1000;
      // Ponder logs how long fetching the chain's data took: the node's share of the time.
      const fetched = /"msg":"Finished fetching backfill JSON-RPC data"[^\n]*?"duration":([\d.]+)/.exec(await readFile(indexer.logFile, "utf8"));
      const fetchSeconds = fetched ? Number(fetched[1]) / 1000 : undefined;
      note(`serving after ${served.toFixed(1)} s, caught up after ${seconds.toFixed(1)} s on ${indexer.storage}: ${Math.round(events / seconds)} farm events/s`);
      if (fetchSeconds !== undefined) note(`of which ${fetchSeconds.toFixed(1)} s fetching blocks and logs from the node (alongside the indexing)`);
      return { seconds, served, rate: events / seconds, fetchSeconds };
    });

    const history = await steps.run(`Querying a staker's history (${ACTIONS_EACH * POOLS_EACH} events) ${QUERIES} times`, async (note) => {
      const user = stakers[0].address;
      const first = (await (await fetch(`${indexer!.url}/api/history/${user}?limit=500`)).json()) as HistoryPage;
      const cursors = [first.next!];
      for (let page = 0; page < 10 && cursors.at(-1); page++) {
        const next = (await (await fetch(`${indexer!.url}/api/history/${user}?limit=500&cursor=${cursors.at(-1)}`)).json()) as HistoryPage;
        if (next.next) cursors.push(next.next);
      }
      const pid = poolsOf(0)[7].pid;
      const routes: [string, string][] = [
        ["first page", "?limit=50"], ["by kind", "?limit=50&kind=deposit"], ["by pool", `?limit=50&pid=${pid}`],
        ["by pool and kind", `?limit=50&pid=${pid}&kind=harvest`], ...cursors.map((c): [string, string] => ["deep page", `?limit=50&cursor=${c}`]),
      ];
      const times: number[] = [];
      const byRoute = new Map<string, number[]>();
      for (let i = 0; i < QUERIES; i++) {
        const [label, query] = routes[i % routes.length];
        const started = performance.now();
        const response = await fetch(`${indexer!.url}/api/history/${user}${query}`);
        await response.json();
        const ms = performance.now() - started;
        times.push(ms);
        byRoute.set(label, [...(byRoute.get(label) ?? []), ms]);
      }
      note(`p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`);
      note([...byRoute].map(([label, ms]) => `${label} p95 ${percentile(ms, 95).toFixed(1)} ms`).join(", "));
      return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) };
    });

    const lag = await steps.run(`Mining a block a second for ${LAG_SECONDS} s with actions, sampling the indexer's lag`, async (note) => {
      await ethers.provider.send("evm_setAutomine", [false]);
      await ethers.provider.send("evm_setIntervalMining", [1000]);
      const samples: number[] = [];
      const ends = Date.now() + LAG_SECONDS * 1000;
      let turn = 0;
      while (Date.now() < ends) {
        const staker = stakers[turn % STAKERS];
        // One harvest-all (100 events) queued for the next block every other half second.
        if (turn % 2 === 0) await (farm.connect(staker) as Contract).harvestAll(poolsOf(turn % STAKERS).map((p) => p.pid), { gasLimit: 15_000_000 });
        turn++;
        const [head, status] = await Promise.all([
          ethers.provider.getBlockNumber(),
          fetch(`${indexer!.url}/status`).then((r) => r.json() as Promise<Record<string, { block: { number: number } }>>),
        ]);
        samples.push(head - Object.values(status)[0].block.number);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      await ethers.provider.send("evm_setIntervalMining", [0]);
      await ethers.provider.send("evm_setAutomine", [true]);
      note(`behind the head by: median ${percentile(samples, 50)}, p95 ${percentile(samples, 95)}, max ${Math.max(...samples)} blocks (${samples.length} samples)`);
      return { median: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples), samples: samples.length };
    });

    await steps.run("Writing reports/indexer.json", async () => {
      const figures = [
        { figure: "backfill of 100,000 farm events", value: `${backfill.seconds.toFixed(1)} s (${Math.round(backfill.rate)} events/s)`, budget: `≤ ${BUDGET.backfillSeconds} s`, pass: backfill.seconds <= BUDGET.backfillSeconds },
        { figure: "history query p95 (10,000 events)", value: `${history.p95.toFixed(1)} ms`, budget: `≤ ${BUDGET.historyP95Ms} ms`, pass: history.p95 <= BUDGET.historyP95Ms },
        { figure: `lag p95 at 1 block/s, ${POOLS} pools`, value: `${lag.p95} blocks`, budget: `≤ ${BUDGET.lagP95Blocks} blocks`, pass: lag.p95 <= BUDGET.lagP95Blocks },
      ];
      console.log("");
      for (const f of figures) console.log(`${f.pass ? "pass" : "FAIL"}  ${f.figure.padEnd(40)} ${f.value.padEnd(28)} budget ${f.budget}`);
      await mkdir(path.dirname(REPORT), { recursive: true });
      const environment = { cpus: os.cpus().length, loadavg: os.loadavg(), node: process.version, storage: indexer!.storage.split(" ")[0] };
      await writeFile(REPORT, `${JSON.stringify({ pools: POOLS, events, backfill, history, lag, budgets: BUDGET, figures, environment }, null, 2)}\n`);
      if (figures.some((f) => !f.pass)) process.exitCode = 1;
    });
  } finally {
    await indexer?.close();
    await node.close();
    await rm(node.dir, { recursive: true, force: true });
  }
}

await main().catch(fail);

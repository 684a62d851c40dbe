/**
 * `npm run bench:web`: how fast the dapp is, against its budgets, in headless Chromium against the
 * production build on local worlds of 1,000, 20 and 4 pools:
 *   - data on screen: from navigation to the first page's APRs and liquidity painted
 *     (web-figures.ts), the median of several first visits to the largest farm;
 *   - JSON-RPC requests and request bytes per block on the farms page, at every size: one read
 *     per poll and polls paced by the block time, so neither may grow with the pools;
 *   - the production JavaScript, gzipped.
 * Prints a table, writes reports/web.json, exits non-zero when a budget is missed. Everything it
 * starts (nodes, preview servers, Chromium) is stopped before it exits, Ctrl-C included.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import type { Browser } from "playwright-core";

import { launchBrowser } from "../../fixtures/chromium.js";
import { untilStopped } from "../lib/node.js";
import { explain, fail, Steps } from "../lib/steps.js";
import { buildApp, javascriptGzipBytes } from "./web-build.js";
import { timeToFigures } from "./web-load.js";
import { type Figure, passes, printTable, writeReport } from "./web-report.js";
import { requestsPerBlock } from "./web-requests.js";
import { type BenchWorld, startBenchWorld } from "./web-world.js";

const BUDGET = { dataOnScreenSeconds: 1.5, requestsPerBlock: 2, requestKbPerBlock: 16, javascriptKb: 250 };
/** BENCH_POOLS (say "50,4"): the worlds to measure, largest first; 1,000, 20 and 4 unless given. */
const POOL_COUNTS = (process.env.BENCH_POOLS ?? "1000,20,4").split(",").map(Number).sort((a, b) => b - a);
/** As the browser tests' world: blocks often enough for a quick count, slow enough to be real. */
const BLOCK_SECONDS = 2;
const LOAD_RUNS = 7;
const COUNTED_BLOCKS = 10;
const REPORT = path.resolve(import.meta.dirname, "..", "..", "reports", "web.json");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** What `measure` started, for `main` to stop and remove whatever happens. */
interface Started {
  /** The build under test, in a temporary folder. */
  appDir: string;
  /** Pending too: a world interrupted while starting stops itself, and is awaited doing so. */
  worlds: Promise<BenchWorld>[];
  browser?: Browser;
}

async function measure(steps: Steps, started: Started, stopped: Promise<never>): Promise<{ figures: Figure[]; chromium: string }> {
  const javascript = await steps.run("Building the app (npm run build:web) and gzipping its JavaScript", async (note) => {
    await buildApp(started.appDir);
    const sizes = await javascriptGzipBytes(started.appDir);
    const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
    const largest = Object.entries(sizes.files).sort(([, a], [, b]) => b - a).slice(0, 3);
    note(`${Object.keys(sizes.files).length} files, ${kb(sizes.total)} gzip; ${kb(sizes.initial)} of it loaded up front by index.html`);
    note(`largest: ${largest.map(([file, bytes]) => `${file} ${kb(bytes)}`).join(", ")}`);
    return sizes;
  });

  await steps.run(`Bringing up local worlds of ${POOL_COUNTS.join(" and ")} pools, a block every ${BLOCK_SECONDS} s`, async (note) => {
    // One after the other: both would send their transactions through this one process, so
    // building them at once saves little and muddles the progress.
    for (const pools of POOL_COUNTS) {
      const world = startBenchWorld({
        pools, blockSeconds: BLOCK_SECONDS, appDir: started.appDir, note: (line) => note(`[${pools} pools] ${line}`), stopped,
      });
      started.worlds.push(world);
      await world;
    }
  });
  const worlds = await Promise.all(started.worlds);
  const many = worlds[0];

  const browser = await steps.run("Launching headless Chromium", async () => (started.browser = await launchBrowser()));

  const loads = await steps.run(`Loading the farms page with ${many.pools} pools: 1 warm-up + ${LOAD_RUNS} timed first visits`, async (note) => {
    // Time depends on what else the machine runs: say so, so a slow figure can be judged.
    const [load] = os.loadavg();
    const cpus = os.cpus().length;
    note(`machine load ${load.toFixed(1)} on ${cpus} cores${load > cpus ? ": busy, so these times run high" : ""}`);
    // The first visit also warms the preview server's file reads and Chromium's start-up: not timed.
    note(`warm-up: ${(await timeToFigures(browser, many.appUrl, many.pools)).toFixed(0)} ms`);
    const samples: number[] = [];
    for (let i = 1; i <= LOAD_RUNS; i++) {
      samples.push(await timeToFigures(browser, many.appUrl, many.pools));
      note(`visit ${i}: ${samples.at(-1)!.toFixed(0)} ms to every pool's figures on screen`);
    }
    return samples;
  });

  const counts = await steps.run(`Counting JSON-RPC requests over ${COUNTED_BLOCKS} blocks, ${POOL_COUNTS.join(", ")} pools at once`, async (note) => {
    const counts = await Promise.all(worlds.map((world) => requestsPerBlock(browser, world, COUNTED_BLOCKS)));
    for (const [i, count] of counts.entries()) {
      note(`${worlds[i].pools} pools: ${count.calls} calls, ${count.bytes} bytes in ${count.blocks} blocks ${JSON.stringify(count.methods)}`);
    }
    return counts;
  });

  const figures: Figure[] = [
    {
      name: `data on screen, ${many.pools} pools (median of ${LOAD_RUNS})`,
      value: Math.round(median(loads)) / 1000,
      unit: "s",
      budget: BUDGET.dataOnScreenSeconds,
      decimals: 2,
      detail: { samplesMs: loads.map(Math.round), definition: "navigation start to the first frame in which every pool card shows an APR (a percentage) and its staked liquidity (a dollar figure); fresh browser context each visit, no wallet" },
    },
    ...worlds.map((world, i) => ({
      name: `JSON-RPC requests per block, ${world.pools} pools`,
      value: counts[i].perBlock,
      unit: "calls",
      budget: BUDGET.requestsPerBlock,
      decimals: 1,
      detail: { ...counts[i], definition: `calls to /rpc (batch members counted one by one) from the farms page with dev account #1 connected, over ${COUNTED_BLOCKS} blocks mined every ${BLOCK_SECONDS} s once the page settled` },
    })),
    ...worlds.map((world, i) => ({
      name: `JSON-RPC request bytes per block, ${world.pools} pools`,
      value: counts[i].bytesPerBlock / 1000,
      unit: "kB",
      budget: BUDGET.requestKbPerBlock,
      decimals: 1,
      detail: { bytes: counts[i].bytes, blocks: counts[i].blocks, definition: "bytes of the request bodies the farms page sends to /rpc, over the same blocks; 1 kB = 1000 bytes" },
    })),
    {
      name: "JavaScript, gzip",
      value: javascript.total / 1000,
      unit: "kB",
      budget: BUDGET.javascriptKb,
      decimals: 1,
      detail: {
        bytes: javascript.total,
        initialBytes: javascript.initial,
        files: javascript.files,
        definition: "the production build's assets/*.js (as frontend/dist), lazy chunks included, each gzipped at zlib's default level; 1 kB = 1000 bytes. initialBytes: the files index.html loads up front",
      },
    },
  ];
  return { figures, chromium: browser.version() };
}

async function main(): Promise<number> {
  const steps = new Steps(5);
  const started: Started = { appDir: await mkdtemp(path.join(os.tmpdir(), "farm-bench-app-")), worlds: [] };
  const stopped = untilStopped().then((signal): never => {
    throw new Error(`stopped by ${signal}`);
  });
  stopped.catch(() => undefined); // handled where it is raced
  try {
    const { figures, chromium } = await Promise.race([measure(steps, started, stopped), stopped]);
    console.log(`\nWeb benchmark (${steps.elapsed()}):\n`);
    printTable(figures);
    await writeReport(REPORT, figures, {
      node: process.version,
      chromium,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown"}`,
      loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
      blockSeconds: BLOCK_SECONDS,
      elapsed: steps.elapsed(),
      server: "vite preview of a fresh production build, /rpc proxied to a Hardhat node in the benchmark's process",
    });
    const failed = figures.filter((f) => !passes(f));
    console.log(`\nWritten to ${path.relative(process.cwd(), REPORT)}. ${failed.length === 0 ? "Every budget is met." : `Over budget: ${failed.map((f) => f.name).join(", ")}.`}`);
    return failed.length === 0 ? 0 : 1;
  } finally {
    await started.browser?.close().catch((error: unknown) => console.error(`closing Chromium: ${explain(error)}`));
    for (const world of started.worlds) {
      await world.then((w) => w.close(), () => undefined).catch((error: unknown) => console.error(`stopping a world: ${explain(error)}`));
    }
    await rm(started.appDir, { recursive: true, force: true });
  }
}

await main().then((code) => process.exit(code), fail);

/**
 * The Activity page's CSV holds the user's whole filtered history, not the pages on screen
 * (issue 16): dev account #24 stakes a wei of LP 505 times in WBTC/WETH and 25 times in DAI/WETH,
 * 530 actions, more than the indexer's largest page (500, indexer/src/api), so the export must
 * follow the API's cursor; it says how many rows it has while it fetches. Each file's rows are
 * compared with the farm's logs for the user read from the node (block, transaction, pool, kind,
 * exact LP) and the reward token's mints to it in each transaction, unfiltered and filtered by
 * pool. #24 is beyond the node's 20 unlocked accounts: the node sends for it as an impersonated
 * account, and the page connects through a stand-in browser wallet.
 */
import { readFile } from "node:fs/promises";

import type { Browser, Download, Page } from "playwright-core";
import { type Address, createTestClient, encodeFunctionData, erc20Abi, formatUnits, type Hash, type Hex, http, parseEther, parseEventLogs, parseUnits, toHex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { farmAbi } from "../src/chain/abis.generated";
import { KINDS } from "../src/lib/history-rows";
import { launchBrowser, openApp, screenshot } from "./browser";
import { nodeWallet, openWorld, poolBySymbols, provideLiquidity, type World } from "./chain";
import { injectFakeWallet } from "./fake-wallet";
import { sent, waitForIndexer } from "./history-chain";
import { partnerRowsOf } from "./partner-history";

const ACCOUNT = 24;
const LOCAL = 31337;
const WALLET = "CSV Wallet";
/** Hardhat's well-known dev mnemonic: dev account #i is its i-th address. */
const DEV_MNEMONIC = "test test test test test test test test test test test junk";
/** The indexer's largest page (indexer/src/api MAX_PAGE), which the export asks for. */
const API_PAGE = 500;
const STAKES = { WBTC: 505, DAI: 25 };
const EVENT_KINDS: Record<string, keyof typeof KINDS> = { Deposit: "deposit", Withdraw: "withdraw", Harvest: "harvest" };

const node = createTestClient({ mode: "hardhat", transport: http(inject("rpcUrl")) });
let world: World;
let browser: Browser;
let user: Address;
const pids: Record<keyof typeof STAKES, number> = { WBTC: -1, DAI: -1 };

/**
 * Sends `count` copies of a call as `from` in one JSON-RPC batch: the node takes them in order,
 * each its next nonce. With automine off, the interval miner puts them in a few blocks rather than
 * a block each (hundreds of blocks the indexer would fetch one by one).
 */
async function sendMany(from: Address, to: Address, data: Hex, count: number): Promise<Hash[]> {
  const transaction = { from, to, data, gas: toHex(300_000) };
  const batch = Array.from({ length: count }, (_, id) => ({ jsonrpc: "2.0", id, method: "eth_sendTransaction", params: [transaction] }));
  const response = await fetch(inject("rpcUrl"), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(batch) });
  const answers = (await response.json()) as { id: number; result?: Hash; error?: { message: string } }[];
  return answers.sort((a, b) => a.id - b.id).map((a) => {
    if (!a.result) throw new Error(`The node refused a deposit: ${a.error?.message}`);
    return a.result;
  });
}

/** The user's farm actions from the node's logs, newest first, as CSV cells: block, tx, pid, kind, LP, reward. */
async function chainRows(pid?: number): Promise<string[]> {
  const farmLogs = await world.client.getLogs({ address: world.deployment.farm as Address, fromBlock: BigInt(world.deployment.deployedAtBlock) });
  const events = parseEventLogs({ abi: farmAbi, logs: farmLogs }).filter((e) => (e.args as { user?: Address }).user?.toLowerCase() === user.toLowerCase());
  const mints = parseEventLogs({
    abi: erc20Abi,
    eventName: "Transfer",
    args: { from: "0x0000000000000000000000000000000000000000", to: user },
    logs: await world.client.getLogs({ address: world.deployment.rewardToken as Address, fromBlock: BigInt(world.deployment.deployedAtBlock) }),
  });
  const minted = new Map<Hash, bigint>();
  for (const m of mints) minted.set(m.transactionHash, (minted.get(m.transactionHash) ?? 0n) + m.args.value);
  // Partner tokens the deposits paid, if another file streams one on these pools: rows of their own.
  const partner = (await partnerRowsOf(world, user)).map((p) => ({
    key: [p.blockNumber, p.logIndex] as const, pid: p.pid, cells: [String(p.blockNumber), p.transactionHash, String(p.pid), p.label, "0", "0"].join(","),
  }));
  return events
    .map((e) => {
      const kind = EVENT_KINDS[e.eventName];
      if (!kind) throw new Error(`#24 made a ${e.eventName}: not expected here`);
      const args = e.args as { pid: bigint; amount: bigint };
      const lp = kind === "harvest" ? 0n : args.amount;
      const reward = kind === "harvest" ? args.amount : (minted.get(e.transactionHash) ?? 0n);
      return { key: [e.blockNumber, e.logIndex] as const, pid: Number(args.pid), cells: [String(e.blockNumber), e.transactionHash, String(args.pid), KINDS[kind]!.label, formatUnits(lp, 18), formatUnits(reward, 18)].join(",") };
    })
    .concat(partner)
    .filter((row) => pid === undefined || row.pid === pid)
    .sort((a, b) => Number(b.key[0] - a.key[0]) || b.key[1] - a.key[1])
    .map((row) => row.cells);
}

/** The CSV's rows as the same cells (its pool column is "pid SYM/SYM"). */
async function csvRows(download: Download): Promise<string[]> {
  const lines = (await readFile((await download.path())!, "utf8")).trim().split("\r\n");
  expect(lines[0]).toMatch(/^time \(UTC\),block,transaction,pool,kind,LP,/);
  return lines.slice(1).map((line) => {
    const cells = line.split(",");
    return [cells[1], cells[2], cells[3]!.split(" ")[0], cells[4], cells[5], cells[10]].join(",");
  });
}

beforeAll(async () => {
  world = await openWorld();
  user = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: ACCOUNT }).address;
  await node.impersonateAccount({ address: user });
  await node.setBalance({ address: user, value: parseEther("10000") });
  const wallet = nodeWallet(user);
  const farm = { address: world.deployment.farm as Address, abi: farmAbi, chain: null } as const;
  const batches: { pid: number; count: number }[] = [];
  for (const [symbol, count] of Object.entries(STAKES) as [keyof typeof STAKES, number][]) {
    const pool = poolBySymbols(world, symbol, "WETH");
    pids[symbol] = pool.pid;
    await provideLiquidity(world, user, symbol, parseUnits(symbol === "WBTC" ? "0.1" : "300", symbol === "WBTC" ? 8 : 18), parseEther("1"));
    await sent(world, wallet.writeContract({ address: pool.lpToken as Address, abi: erc20Abi, functionName: "approve", args: [farm.address, BigInt(count)], chain: null }));
    batches.push({ pid: pool.pid, count });
  }
  const hashes: Hash[] = [];
  await node.setAutomine(false);
  try {
    for (const { pid, count } of batches) hashes.push(...(await sendMany(user, farm.address, encodeFunctionData({ abi: farmAbi, functionName: "deposit", args: [BigInt(pid), 1n] }), count)));
  } finally {
    await node.setAutomine(true); // the world as the other files expect it: a block on every transaction too
  }
  const last = await sent(world, Promise.resolve(hashes.at(-1)!));
  await waitForIndexer(world, last.blockNumber, 120_000);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await node.stopImpersonatingAccount({ address: user });
});

async function openActivity(): Promise<Page> {
  const page = await openApp(browser, "activity", (p) => injectFakeWallet(p, { name: WALLET, account: user, chainId: LOCAL, knownChains: [LOCAL] }));
  await page.locator("[data-test=connect-button]").click();
  await page.locator("[data-test=injected-wallet]", { hasText: WALLET }).click();
  await page.locator("[data-test=activity-rows] > li").first().waitFor();
  return page;
}

async function exportCsv(page: Page): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-test=export-csv]").click()]);
  return download;
}

describe("Activity CSV beyond one page", () => {
  test("exports all 530 actions through the cursor, saying how many rows it has meanwhile, each as the chain's logs say", async () => {
    const want = await chainRows();
    expect(want.filter((row) => row.split(",")[3] === KINDS.deposit!.label).length, "more than one API page of history").toBe(STAKES.WBTC + STAKES.DAI);
    expect(want.length).toBeGreaterThan(API_PAGE);
    const page = await openActivity();
    // The page shows its first 25; the file has to fetch the rest. Hold the second page back a
    // moment to see the progress the export shows while it fetches.
    expect(await page.locator("[data-test=activity-rows] > li").count()).toBe(25);
    let later = 0;
    await page.route(/\/api\/history\/.*cursor=/, async (route) => {
      later++;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    const downloading = exportCsv(page);
    const button = page.locator("[data-test=export-csv]");
    await expect.poll(() => button.innerText()).toBe(`Exporting… ${API_PAGE} rows`);
    expect(await button.isDisabled()).toBe(true);
    await screenshot(page, "activity-csv-progress", false);
    const got = await csvRows(await downloading);
    expect(later, "pages fetched through the cursor").toBe(1);
    expect(got).toEqual(want);
    await expect.poll(() => button.innerText()).toBe("Export CSV");
    await page.close();
  });

  test("exports the whole history of the pool filtered to, beyond a page too", async () => {
    const want = await chainRows(pids.WBTC);
    expect(want.filter((row) => row.split(",")[3] === KINDS.deposit!.label).length).toBe(STAKES.WBTC);
    const page = await openActivity();
    await page.locator("[data-test=filter-pool]").selectOption(String(pids.WBTC));
    await expect.poll(() => page.locator("[data-test=activity-rows] > li[data-test=action-deposit] [data-test=row-pool]").first().getAttribute("href")).toBe(`#/pools/${pids.WBTC}`);
    expect(await csvRows(await exportCsv(page))).toEqual(want);
    await page.locator("[data-test=filter-pool]").selectOption(String(pids.DAI));
    await expect.poll(() => page.locator("[data-test=activity-rows] > li [data-test=row-pool]").first().getAttribute("href")).toBe(`#/pools/${pids.DAI}`);
    expect(await csvRows(await exportCsv(page))).toEqual(await chainRows(pids.DAI));
    await page.close();
  });
});

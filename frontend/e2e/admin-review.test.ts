/**
 * The admin page's safety (issue 13, item 8) and its fit on a phone (item 6): every owner action
 * is reviewed before it is sent, and the review's figures are computed here again from the chain
 * alone, at the block the review says it read: the rate, the emission per day in RWD and in USD
 * (the reward priced from the RWD/WETH and USDC/WETH reserves), the cap's block and date (the
 * farm's own emissionEndBlock for now; for a new rate, the schedule the farm restarts when the
 * change is mined, checked against the farm once it is), every pool's share. A rate that spends
 * the cap within a week is warned about, 0 is accepted, and the pair picker finds pairs, creates a
 * missing one and adds it. Notices name the pair. Every farm-wide change is undone before the end.
 *
 * Accounts: #0 owns the farm; #14 is a stranger (the phone test) and deploys this file's token.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

import type { Browser, Locator, Page } from "playwright-core";
import { type Address, decodeFunctionData, erc20Abi, formatUnits, getAddress, type Hash, maxUint256, parseAbi, parseEther, zeroAddress } from "viem";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { farmAbi, uniswapV2FactoryAbi, uniswapV2PairAbi } from "../src/chain/abis.generated";
import { connectDevAccount, launchBrowser, openApp, parseUsd, readAmount, screenshot, settledNotice, UI_TIMEOUT } from "./browser";
import { nodeWallet, nonceOf, openWorld, poolCount, transactionsSince, type World } from "./chain";
import { injectFakeWallet } from "./fake-wallet";

const OWNER = 0;
const STRANGER = 14;
const E18 = 10n ** 18n;
const WEEK_SECONDS = 7 * 86_400;

let world: World;
let browser: Browser;
let page: Page;
/** The farm as deployed: what every test leaves it as. */
let original: { rate: bigint; paused: boolean; allocs: bigint[] };

const farm = () => ({ address: world.deployment.farm as Address, abi: farmAbi }) as const;
const readFarm = <const name extends "rewardPerBlock" | "paused" | "totalAllocPoint" | "rewardsRemaining" | "emissionEndBlock" | "startBlock" | "poolLength">(
  functionName: name,
  blockNumber?: bigint,
) => world.client.readContract({ ...farm(), functionName, blockNumber });

async function allocations(blockNumber?: bigint): Promise<bigint[]> {
  const length = Number(await readFarm("poolLength", blockNumber));
  return Promise.all(Array.from({ length }, async (_, pid) => (await world.client.readContract({ ...farm(), functionName: "poolInfo", args: [BigInt(pid)], blockNumber }))[1]));
}

/** Sends as the owner from outside the app: only to put the farm back if a test failed half-way. */
async function asOwner(send: (owner: ReturnType<typeof nodeWallet>) => Promise<Hash>): Promise<void> {
  await world.client.waitForTransactionReceipt({ hash: await send(nodeWallet(world.accounts[OWNER])) });
}

beforeAll(async () => {
  world = await openWorld();
  original = { rate: await readFarm("rewardPerBlock"), paused: await readFarm("paused"), allocs: await allocations() };
  browser = await launchBrowser();
  page = await openApp(browser, "admin");
  await connectDevAccount(page, OWNER);
  await page.locator("[data-test=pause]:enabled").waitFor();
});

afterAll(async () => {
  // The world as deployed for the files after this one, whatever happened here.
  if (world) {
    const rate = original.rate;
    if ((await readFarm("rewardPerBlock")) !== rate) await asOwner((w) => w.writeContract({ ...farm(), functionName: "setRewardPerBlock", args: [rate], chain: null }));
    if ((await readFarm("paused")) && !original.paused) await asOwner((w) => w.writeContract({ ...farm(), functionName: "unpause", chain: null }));
    const now = await allocations();
    for (const [pid, points] of original.allocs.entries()) {
      if (now[pid] !== points) await asOwner((w) => w.writeContract({ ...farm(), functionName: "set", args: [BigInt(pid), points], chain: null }));
    }
  }
  await browser?.close();
});

// ---- The chain's own figures -------------------------------------------------------------------

interface ChainAt {
  block: bigint;
  timestamp: bigint;
  rate: bigint;
  remaining: bigint;
  endBlock: bigint;
  start: bigint;
  totalAlloc: bigint;
  allocs: bigint[];
  rewardUsd: number;
}

const whole = (wei: bigint, decimals: number) => Number(wei) / 10 ** decimals;

/** USD per RWD at `block`: RWD in WETH from the RWD/WETH pair, WETH in USDC from the USDC/WETH pair. */
async function rewardUsdAt(block: bigint): Promise<number> {
  const [rewardToken, weth, stablecoin, uniswapV2Factory] = [world.deployment.rewardToken, world.deployment.weth, world.deployment.stablecoin, world.deployment.uniswapV2Factory] as Address[];
  const sides = async (token: Address, quote: Address) => {
    const pair = await world.client.readContract({ address: uniswapV2Factory, abi: uniswapV2FactoryAbi, functionName: "getPair", args: [token, quote], blockNumber: block });
    const [r0, r1] = await world.client.readContract({ address: pair, abi: uniswapV2PairAbi, functionName: "getReserves", blockNumber: block });
    const token0 = await world.client.readContract({ address: pair, abi: uniswapV2PairAbi, functionName: "token0" });
    const decimals = (t: Address) => world.client.readContract({ address: t, abi: erc20Abi, functionName: "decimals" });
    const [tokenReserve, quoteReserve] = getAddress(token0) === getAddress(token) ? [r0, r1] : [r1, r0];
    return whole(quoteReserve, await decimals(quote)) / whole(tokenReserve, await decimals(token));
  };
  return (await sides(rewardToken, weth)) * (await sides(weth, stablecoin));
}

async function chainAt(block: bigint): Promise<ChainAt> {
  const [timestamp, rate, remaining, endBlock, start, totalAlloc, allocs, rewardUsd] = await Promise.all([
    world.client.getBlock({ blockNumber: block }).then((b) => b.timestamp),
    readFarm("rewardPerBlock", block),
    readFarm("rewardsRemaining", block),
    readFarm("emissionEndBlock", block),
    readFarm("startBlock", block),
    readFarm("totalAllocPoint", block),
    allocations(block),
    rewardUsdAt(block),
  ]);
  return { block, timestamp, rate, remaining, endBlock, start, totalAlloc, allocs, rewardUsd };
}

const blockSeconds = () => world.deployment.blockSeconds!;
const dayBlocks = () => BigInt(Math.round(86_400 / blockSeconds()));

/**
 * The block the farm will report as its emissionEndBlock once `newRate` is set by a transaction
 * mined in block `minedIn`: blocks up to it pay the old rate (those after the start block, while
 * any pool has points), what is left then is paid at the new rate from the block after, the last
 * block paying whatever remains.
 */
function endAfter(c: ChainAt, newRate: bigint, minedIn: bigint): bigint {
  const paidFrom = c.block > c.start ? c.block : c.start;
  const paid = c.totalAlloc > 0n && minedIn > paidFrom ? (minedIn - paidFrom) * c.rate : 0n;
  const left = paid >= c.remaining ? 0n : c.remaining - paid;
  const restart = minedIn > c.start ? minedIn : c.start;
  return restart + (left + newRate - 1n) / newRate;
}

/** When block `end` comes at the nominal block time, counted from block `c.block`'s timestamp: ISO, as the page's <time> says. */
function dateOf(c: ChainAt, end: bigint): string {
  return new Date((Number(c.timestamp) + Number(end - c.block) * blockSeconds()) * 1000).toISOString();
}

// ---- The page's review -------------------------------------------------------------------------

const review = () => page.locator("[data-test=review]");

interface ShownCap {
  block?: bigint;
  iso?: string;
  text: string;
}

/** Everything the review shows, read in one go so that a new block cannot change it half-way. */
async function readReview(on: Page = page) {
  const raw = await on.locator("[data-test=review]").evaluate((el) => {
    const text = (test: string) => el.querySelector(`[data-test=${test}]`)?.textContent?.replace(/\s+/g, " ").trim();
    const cap = (key: string) => {
      const cell = el.querySelector(`[data-test=review-cap-${key}]`)!;
      return {
        block: cell.querySelector("[data-test=cap-block]")?.textContent ?? undefined,
        iso: cell.querySelector("[data-test=cap-date]")?.getAttribute("datetime") ?? undefined,
        text: cell.textContent!.replace(/\s+/g, " ").trim(),
      };
    };
    const list = (test: string) => [...el.querySelectorAll(`[data-test=${test}] li`)].map((li) => li.textContent!.replace(/\s+/g, " ").trim());
    const shares = [...el.querySelectorAll("tr[data-test^=share-]")].map((row) => ({
      pid: Number(row.getAttribute("data-test")!.slice("share-".length)),
      cells: [...row.querySelectorAll("td")].map((td) => td.textContent!.replace(/\s+/g, " ").trim()),
      now: row.querySelector("[data-test=share-now]")!.textContent!,
      after: row.querySelector("[data-test=share-after]")!.textContent!,
    }));
    return {
      title: text("review-title")!,
      block: text("review-block")!,
      rateNow: text("review-rate-now"),
      rateAfter: text("review-rate-after"),
      stateNow: text("review-state-now"),
      stateAfter: text("review-state-after"),
      pointsNow: text("review-points-now"),
      pointsAfter: text("review-points-after"),
      poolDayNow: text("review-pool-day-now"),
      poolDayAfter: text("review-pool-day-after"),
      dayNow: text("review-day-now")!,
      dayAfter: text("review-day-after")!,
      capNow: cap("now"),
      capAfter: cap("after"),
      warnings: list("review-warnings"),
      notes: list("review-notes"),
      shares,
    };
  });
  const cap = (c: { block?: string; iso?: string; text: string }): ShownCap => ({ ...c, block: c.block === undefined ? undefined : BigInt(c.block.replaceAll(",", "")) });
  return { ...raw, block: BigInt(raw.block.replaceAll(",", "")), capNow: cap(raw.capNow), capAfter: cap(raw.capAfter) };
}

/** A token amount as shown ("86,400 RWD ($129,541.63)"), in wei; the page cuts (never rounds) to 2 decimals. */
function shownTokens(text: string): bigint {
  const number = /^[\d,]+(?:\.\d+)?/.exec(text)![0].replaceAll(",", "");
  const [integer, fraction = ""] = number.split(".");
  return BigInt(integer) * E18 + BigInt(fraction.padEnd(18, "0"));
}

/** Cut to 2 decimals, as the page shows tokens per day. */
const cut2 = (wei: bigint) => wei - (wei % 10n ** 16n);

/** The USD figure in brackets, within the rounding of its last digit. */
function expectUsd(label: string, text: string, computed: number): void {
  const shown = /\((<?\$[\d,.]+[MB]?)\)/.exec(text)?.[1];
  expect(shown, `${label}: "${text}" has a dollar figure`).toBeDefined();
  const unit = shown!.endsWith("B") ? 1e7 : shown!.endsWith("M") ? 1e4 : 0.01;
  expect(Math.abs(parseUsd(shown!) - computed), `${label}: shown ${shown}, computed ${computed}`).toBeLessThanOrEqual(unit / 2 + computed * 1e-9);
}

/** The cap as the review shows it, against a block computed here and its date. */
function expectCap(label: string, shown: ShownCap, c: ChainAt, end: bigint): void {
  expect(shown.block, `${label}: the cap's block`).toBe(end);
  expect(shown.iso, `${label}: the cap's date`).toBe(dateOf(c, end));
}

/** A whole-page screenshot, from the top: the sticky bar would otherwise sit wherever the page was scrolled to. */
async function fullShot(on: Page, name: string): Promise<void> {
  await on.evaluate(() => window.scrollTo(0, 0));
  await screenshot(on, name);
}

async function openReview(action: () => Promise<void>) {
  await action();
  await review().waitFor();
  const shown = await readReview();
  return { shown, chain: await chainAt(shown.block) };
}

async function back(): Promise<void> {
  await page.locator("[data-test=review-back]").click();
  await review().waitFor({ state: "detached" });
}

/** Confirms the review and returns the notice once it settles; it must be confirmed and carry `title`. */
async function confirm(title: string): Promise<void> {
  const notice = await settledNotice(page, () => page.locator("[data-test=review-confirm]").click());
  expect(notice.text, "the notice").toContain(title);
  expect(notice.status, notice.text).toBe("confirmed");
}

async function reviewRate(rate: string) {
  return openReview(async () => {
    await page.locator("[data-test=rate]").fill(rate);
    await page.locator("[data-test=rate-review]").click();
  });
}

// ---- The tests -----------------------------------------------------------------------------------

describe("the review before every owner action", () => {
  test("a new rate: rate, emission per day (RWD and USD) and the cap's block and date, old and new, as the chain says; sent, the farm agrees", async () => {
    const newRate = original.rate + E18;
    const { shown, chain } = await reviewRate(String(newRate / E18));
    expect(shown.title).toBe(`Set the emission to ${newRate / E18} RWD per block`);
    expect(shown.rateNow).toBe(`${chain.rate / E18} RWD`);
    expect(shown.rateAfter).toBe(`${newRate / E18} RWD`);
    expect(shownTokens(shown.dayNow)).toBe(cut2(chain.rate * dayBlocks()));
    expect(shownTokens(shown.dayAfter)).toBe(cut2(newRate * dayBlocks()));
    expectUsd("per day now", shown.dayNow, whole(chain.rate * dayBlocks(), 18) * chain.rewardUsd);
    expectUsd("per day after", shown.dayAfter, whole(newRate * dayBlocks(), 18) * chain.rewardUsd);
    expectCap("now", shown.capNow, chain, chain.endBlock); // the farm's own figure
    expectCap("after", shown.capAfter, chain, endAfter(chain, newRate, chain.block + 1n));
    expect(shown.capAfter.block!).toBeLessThan(shown.capNow.block!);
    expect(shown.warnings).toEqual([]);
    await screenshot(page, "item8-review-emission", false);

    // Sent: the farm's own end block is the one this test computes for the block it was mined in.
    const before = await world.client.getBlockNumber();
    await confirm(shown.title);
    const [sent] = await transactionsSince(world, world.accounts[OWNER], before);
    const minedIn = (await world.client.getTransactionReceipt({ hash: sent.hash as Hash })).blockNumber;
    expect(await readFarm("rewardPerBlock")).toBe(newRate);
    const earliest = await chainAt(minedIn - 1n);
    expect(await readFarm("emissionEndBlock")).toBe(endAfter(earliest, newRate, minedIn));
    if (minedIn === shown.block + 1n) expect(await readFarm("emissionEndBlock")).toBe(shown.capAfter.block);

    // Put back, through the page too.
    const restore = await reviewRate(String(original.rate / E18));
    await confirm(restore.shown.title);
    expect(await readFarm("rewardPerBlock")).toBe(original.rate);
  });

  test("a rate that reaches the cap within a week is warned about (100,000 RWD a block: minutes); one that lasts 8 days is not; Back sends nothing", async () => {
    const sentBefore = await nonceOf(world, world.accounts[OWNER]);
    const { shown, chain } = await reviewRate("100000");
    const end = endAfter(chain, 100_000n * E18, chain.block + 1n);
    expectCap("after", shown.capAfter, chain, end);
    expect(Number(end - chain.block) * blockSeconds()).toBeLessThan(WEEK_SECONDS);
    expect(shown.warnings[0]).toMatch(new RegExp(`^⚠️ The cap would be reached in \\d+ min \\(block ${end.toLocaleString("en-US")}, .+\\): after that the farm emits nothing`));
    expect(shown.warnings[1]).toBe(`⚠️ That is ${(100_000n * E18 / chain.rate).toLocaleString("en-US")} times the current rate of ${chain.rate / E18} RWD per block.`);
    expect(await page.locator("[data-test=review-confirm]").innerText()).toBe("Confirm anyway");
    await screenshot(page, "item8-review-week-warning", false);
    await back();

    // Just over a week: the slowest rate that spends what is left in 8 days of blocks.
    const eightDays = (chain.remaining + 8n * dayBlocks() - 1n) / (8n * dayBlocks());
    const slow = await reviewRate(formatUnits(eightDays, 18));
    expect(slow.shown.rateAfter).toBe(`${formatUnits(eightDays, 18)} RWD`);
    const slowEnd = endAfter(slow.chain, eightDays, slow.chain.block + 1n);
    expectCap("after", slow.shown.capAfter, slow.chain, slowEnd);
    expect(Number(slowEnd - slow.chain.block) * blockSeconds()).toBeGreaterThan(WEEK_SECONDS);
    expect(slow.shown.warnings.filter((w) => w.includes("The cap would be reached"))).toEqual([]);
    await back();
    expect(await nonceOf(world, world.accounts[OWNER]), "nothing sent").toBe(sentBefore);
    expect(await readFarm("rewardPerBlock")).toBe(original.rate);
  });

  test("0 RWD a block is accepted: the review says emission stops; sent, nothing is emitted; put back", async () => {
    const { shown, chain } = await reviewRate("0");
    expect(shown.title).toBe("Stop the emission (0 RWD per block)");
    expect(shown.rateAfter).toBe("0 RWD");
    expect(shown.dayAfter).toBe("0 RWD ($0.00)");
    expect(shown.capAfter).toEqual({ block: undefined, iso: undefined, text: "Never: emission stops" });
    expectCap("now", shown.capNow, chain, chain.endBlock);
    expect(shown.notes[0]).toMatch(/^Emission stops from the next block: stakers earn nothing until a rate is set again\./);
    await screenshot(page, "item8-review-zero", false);
    await confirm(shown.title);
    expect(await readFarm("rewardPerBlock")).toBe(0n);
    const block = await world.client.getBlockNumber();
    const left = await readFarm("rewardsRemaining", block);
    await expect.poll(() => world.client.getBlockNumber(), { timeout: 10_000 }).toBeGreaterThan(block);
    expect(await readFarm("rewardsRemaining"), "nothing emitted at 0 a block").toBe(left);
    // The form says so too.
    await expect.poll(() => page.locator("[data-test=emission-now]").innerText(), { timeout: UI_TIMEOUT }).toContain("emission is stopped");

    const restore = await reviewRate(String(original.rate / E18));
    expect(restore.shown.capNow.text).toBe("Never: emission stops");
    expectCap("after", restore.shown.capAfter, restore.chain, endAfter(restore.chain, original.rate, restore.chain.block + 1n));
    await confirm(`Set the emission to ${original.rate / E18} RWD per block`);
    expect(await readFarm("rewardPerBlock")).toBe(original.rate);
  });

  test("an allocation: every pool's points and share old -> new as the chain's allocations make them; the notice names the pair; put back", async () => {
    const pid = world.deployment.pools.find((p) => [p.symbol0, p.symbol1].sort().join() === "DAI,USDC")!.pid;
    const was = original.allocs[pid];
    const wanted = was + 20n;
    const { shown, chain } = await openReview(async () => {
      await page.locator(`[data-test=alloc-${pid}]`).fill(String(wanted));
      await page.locator(`[data-test=alloc-review-${pid}]`).click();
    });
    expect(shown.title).toBe(`Set DAI/USDC to ${wanted} points`);
    expect(shown.pointsNow).toBe(String(chain.allocs[pid]));
    expect(shown.pointsAfter).toBe(String(wanted));
    const totalAfter = chain.totalAlloc - chain.allocs[pid] + wanted;
    expect(shown.shares.map((s) => s.pid)).toEqual(chain.allocs.map((_, i) => i));
    for (const row of shown.shares) {
      const after = row.pid === pid ? wanted : chain.allocs[row.pid];
      expect(row.cells[1], `pool ${row.pid}'s points`).toBe(`${chain.allocs[row.pid]} → ${after}`);
      expect(Math.abs(parseFloat(row.now) - (100 * Number(chain.allocs[row.pid])) / Number(chain.totalAlloc)), `pool ${row.pid}'s share now`).toBeLessThanOrEqual(0.005);
      expect(Math.abs(parseFloat(row.after) - (100 * Number(after)) / Number(totalAfter)), `pool ${row.pid}'s share after`).toBeLessThanOrEqual(0.005);
    }
    const perDay = chain.rate * dayBlocks();
    expect(shownTokens(shown.poolDayNow!)).toBe(cut2((perDay * chain.allocs[pid]) / chain.totalAlloc));
    expect(shownTokens(shown.poolDayAfter!)).toBe(cut2((perDay * wanted) / totalAfter));
    expectUsd("pool per day after", shown.poolDayAfter!, whole((perDay * wanted) / totalAfter, 18) * chain.rewardUsd);
    expectCap("after (unchanged)", shown.capAfter, chain, chain.endBlock);
    await screenshot(page, "item8-review-allocation", false);
    await confirm(`Set DAI/USDC to ${wanted} points`);
    expect((await allocations())[pid]).toBe(wanted);

    await openReview(async () => {
      await page.locator(`[data-test=alloc-${pid}]`).fill(String(was));
      await page.locator(`[data-test=alloc-review-${pid}]`).click();
    });
    await confirm(`Set DAI/USDC to ${was} points`);
    expect((await allocations())[pid]).toBe(was);
  });

  test("pause and unpause: the state old -> new and what stays open; both sent and seen on chain", async () => {
    const { shown, chain } = await openReview(() => page.locator("[data-test=pause]").click());
    expect([shown.title, shown.stateNow, shown.stateAfter]).toEqual(["Pause the farm", "Running", "Paused"]);
    expectCap("unchanged", shown.capAfter, chain, chain.endBlock);
    expect(shown.notes[0]).toMatch(/unstaking and emergency withdrawal stay open/);
    await screenshot(page, "item8-review-pause", false);
    await confirm("Pause the farm");
    expect(await readFarm("paused")).toBe(true);
    await page.locator("[data-test=pause]", { hasText: "Unpause" }).waitFor();
    const unpause = await openReview(() => page.locator("[data-test=pause]").click());
    expect([unpause.shown.title, unpause.shown.stateNow, unpause.shown.stateAfter]).toEqual(["Unpause the farm", "Paused", "Running"]);
    await confirm("Unpause the farm");
    expect(await readFarm("paused")).toBe(false);
  });
});

// ---- The pair picker -------------------------------------------------------------------------------

const testTokenAbi = parseAbi(["function mint(address to, uint256 amount)", "function approve(address spender, uint256 amount) returns (bool)"]);
const routerAbi = parseAbi([
  "function addLiquidityETH(address token, uint256 amountTokenDesired, uint256 amountTokenMin, uint256 amountETHMin, address to, uint256 deadline) payable returns (uint256, uint256, uint256)",
]);

async function mined(hash: Promise<Hash>) {
  const receipt = await world.client.waitForTransactionReceipt({ hash: await hash });
  expect(receipt.status).toBe("success");
  return receipt;
}

/** A fresh 18-decimal test token ("ADM"), deployed by the stranger from the Hardhat build's artifact: a token no pair has yet. */
async function deployToken(): Promise<Address> {
  const file = path.join(import.meta.dirname, "../../artifacts/contracts/test/TestERC20.sol/TestERC20.json");
  const artifact = JSON.parse(await readFile(file, "utf8")) as { abi: unknown[]; bytecode: Hash };
  const wallet = nodeWallet(world.accounts[STRANGER]);
  const receipt = await mined(wallet.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args: ["Admin Test Token", "ADM", 18], chain: null }));
  return receipt.contractAddress!;
}

const picker = () => page.locator("[data-test=add-pool]");

async function pickKnown(side: "token-a" | "token-b", token: string): Promise<void> {
  await picker().locator(`[data-test=${side}-select]`).selectOption(getAddress(token));
}

async function pairAt(a: string, b: string): Promise<Address> {
  return world.client.readContract({ address: world.deployment.uniswapV2Factory as Address, abi: uniswapV2FactoryAbi, functionName: "getPair", args: [a as Address, b as Address] });
}

async function reservesOf(pair: Address, token: Address) {
  const [r0, r1] = await world.client.readContract({ address: pair, abi: uniswapV2PairAbi, functionName: "getReserves" });
  const token0 = await world.client.readContract({ address: pair, abi: uniswapV2PairAbi, functionName: "token0" });
  return getAddress(token0) === getAddress(token) ? [r0, r1] : [r1, r0];
}

describe("the pair picker", () => {
  test("finds an existing pair by its two tokens, with its reserves and its pool", async () => {
    const { stablecoin, weth } = world.deployment;
    await pickKnown("token-a", stablecoin);
    await pickKnown("token-b", weth);
    const found = picker().locator("[data-test=pair-found]");
    await found.waitFor();
    const pair = await pairAt(stablecoin, weth);
    expect(await found.locator("[data-test=pair-name]").innerText()).toBe("WETH/USDC");
    expect(await found.locator("[title]").first().getAttribute("title")).toBe(pair);
    const pid = world.deployment.pools.find((p) => getAddress(p.lpToken) === getAddress(pair))!.pid;
    expect(await found.locator("[data-test=pair-has-pool]").innerText()).toContain(`pool #${pid}`);
    // Reserves, as shown (cut to 4 decimals), against the chain's (WETH is token0 here or not: by symbol).
    const [wethReserve, usdcReserve] = await reservesOf(pair, weth as Address);
    const shownWeth = await readAmount(found.locator("[data-test=reserve0], [data-test=reserve1]").filter({ hasText: "WETH" }), 18);
    const shownUsdc = await readAmount(found.locator("[data-test=reserve0], [data-test=reserve1]").filter({ hasText: "USDC" }), 6);
    expect(wethReserve - shownWeth).toBeGreaterThanOrEqual(0n);
    expect(wethReserve - shownWeth).toBeLessThan(10n ** 14n);
    expect(usdcReserve - shownUsdc).toBeGreaterThanOrEqual(0n);
    expect(usdcReserve - shownUsdc).toBeLessThan(100n);
    expect(await picker().locator("[data-test=add-submit]").isDisabled(), "no second pool for a pair").toBe(true);
    await fullShot(page, "item8-picker-found");
  });

  test("a token typed by address is checked in words; a missing pair is created, filled by someone, then added as a pool; every notice names the pair", async () => {
    const token = await deployToken();
    const { weth, stablecoin } = world.deployment;
    const side = picker().locator("[data-test=token-a-select]");
    await side.selectOption("other");
    const typed = picker().locator("[data-test=token-a-address]");
    const error = picker().locator("[data-test=token-a-error]");
    for (const [input, sentence] of [
      ["0x1234", "Enter an address: 0x followed by 40 hexadecimal digits."],
      [world.accounts[STRANGER], "There is no contract at this address on this network."],
      [await pairAt(stablecoin, weth), "That is a Uniswap V2 pair (an LP token)"],
      [world.deployment.farm, "That contract is not an ERC-20 token: it has no symbol or decimals."],
    ]) {
      await typed.fill(input);
      await expect.poll(() => error.innerText().catch(() => ""), { timeout: UI_TIMEOUT, message: input }).toContain(sentence);
    }
    await typed.fill(` ${token.toLowerCase()} `);
    await expect.poll(() => picker().locator("[data-test=token-a-found]").innerText().catch(() => "")).toBe("ADM, 18 decimals");
    await pickKnown("token-b", weth);
    const missing = picker().locator("[data-test=pair-missing]");
    await missing.waitFor();
    expect(await missing.locator("[data-test=pair-name]").innerText()).toBe("ADM/WETH");
    expect(await picker().locator("[data-test=add-submit]").isDisabled()).toBe(true);
    await fullShot(page, "item8-picker-missing");

    // Created by the owner's one transaction to the factory.
    const before = await world.client.getBlockNumber();
    const notice = await settledNotice(page, () => missing.locator("[data-test=create-pair]").click());
    expect(notice.status, notice.text).toBe("confirmed");
    expect(notice.text).toContain("Create the ADM/WETH pair");
    const sent = await transactionsSince(world, world.accounts[OWNER], before);
    expect(sent).toHaveLength(1);
    expect(getAddress(sent[0].to!)).toBe(getAddress(world.deployment.uniswapV2Factory));
    expect(decodeFunctionData({ abi: uniswapV2FactoryAbi, data: sent[0].input })).toMatchObject({ functionName: "createPair" });
    const pair = await pairAt(token, weth);
    expect(pair).not.toBe(zeroAddress);
    const found = picker().locator("[data-test=pair-found]");
    await found.waitFor();
    expect(await found.locator("[data-test=pair-reserves]").innerText()).toBe("Empty: nobody has added liquidity yet.");
    expect(await found.locator("[data-test=pair-no-pool]").isVisible()).toBe(true);
    await fullShot(page, "item8-picker-created");

    // Someone adds liquidity (3,000 ADM and 1 ETH); the picker shows it within a block or two.
    const maker = world.accounts[STRANGER];
    const wallet = nodeWallet(maker);
    const router = world.deployment.uniswapV2Router as Address;
    await mined(wallet.writeContract({ address: token, abi: testTokenAbi, functionName: "mint", args: [maker, 3_000n * E18], chain: null }));
    await mined(wallet.writeContract({ address: token, abi: testTokenAbi, functionName: "approve", args: [router, 3_000n * E18], chain: null }));
    await mined(wallet.writeContract({ address: router, abi: routerAbi, functionName: "addLiquidityETH", args: [token, 3_000n * E18, 0n, 0n, maker, maxUint256], value: parseEther("1"), chain: null }));
    const [admReserve, wethReserve] = await reservesOf(pair, token);
    expect([admReserve, wethReserve]).toEqual([3_000n * E18, E18]);
    await expect.poll(() => found.locator("[data-test=pair-reserves]").innerText(), { timeout: UI_TIMEOUT }).toMatch(/^Reserves (3,000 ADM \+ 1 WETH|1 WETH \+ 3,000 ADM)/);

    // Added at 10 points, reviewed with every pool's new share.
    const poolsBefore = await poolCount(world);
    await picker().locator("[data-test=add-alloc]").fill("10");
    const { shown, chain } = await openReview(() => picker().locator("[data-test=add-submit]").click());
    expect(shown.title).toBe("Add a pool for ADM/WETH (10 points)");
    expect([shown.pointsNow, shown.pointsAfter]).toEqual(["no pool", "10"]);
    const added = shown.shares.at(-1)!;
    expect(added.pid).toBe(poolsBefore);
    expect(added.cells[0]).toBe(`#${poolsBefore} ADM/WETH`);
    for (const row of shown.shares.slice(0, -1)) {
      expect(Math.abs(parseFloat(row.after) - (100 * Number(chain.allocs[row.pid])) / Number(chain.totalAlloc + 10n)), `pool ${row.pid}'s share after`).toBeLessThanOrEqual(0.005);
    }
    expect(Math.abs(parseFloat(added.after) - 1000 / Number(chain.totalAlloc + 10n))).toBeLessThanOrEqual(0.005);
    expect(shown.warnings).toEqual([]);
    await screenshot(page, "item8-review-add-pool", false);
    await confirm("Add a pool for ADM/WETH (10 points)");
    expect(await poolCount(world)).toBe(poolsBefore + 1);
    const [lpToken, allocPoint] = await world.client.readContract({ ...farm(), functionName: "poolInfo", args: [BigInt(poolsBefore)] });
    expect([getAddress(lpToken), allocPoint]).toEqual([getAddress(pair), 10n]);
    await expect.poll(() => found.locator("[data-test=pair-has-pool]").innerText().catch(() => ""), { timeout: UI_TIMEOUT }).toContain(`pool #${poolsBefore}`);
    await expect.poll(() => page.locator("[data-test=allocations]").innerText(), { timeout: UI_TIMEOUT }).toContain(`#${poolsBefore} ADM/WETH`);
  });
});

// ---- Phones ----------------------------------------------------------------------------------------

const PHONE = { width: 390, height: 844 };

/** How far the page reaches past the screen's right edge, in CSS pixels: 0 when it fits. */
const overflow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function expectOnScreen(locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  expect(box, `${what} is shown`).not.toBeNull();
  expect(box!.x, `${what}'s left edge`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what}'s right edge`).toBeLessThanOrEqual(PHONE.width);
}

describe("the admin page on a 390 px phone", () => {
  test("without a wallet: fits the width, says who the owner is in short, and copies the whole address", async () => {
    const phone = await openApp(browser, "admin");
    try {
      await phone.setViewportSize(PHONE);
      await phone.context().grantPermissions(["clipboard-read", "clipboard-write"]);
      const banner = phone.locator("[data-test=not-owner]");
      await banner.waitFor();
      const owner = getAddress(await world.client.readContract({ ...farm(), functionName: "owner" }));
      expect(await banner.innerText()).toContain(`${owner.slice(0, 6)}…${owner.slice(-4)}`);
      expect(await overflow(phone)).toBe(0);
      await expectOnScreen(banner, "the owner banner");
      await banner.locator("[data-test=copy-chip]").first().click();
      expect(await phone.evaluate(() => navigator.clipboard.readText())).toBe(owner);
      await fullShot(phone, "item6-admin-390-no-wallet");
    } finally {
      await phone.close();
    }
  });

  test("as a stranger (#14): fits the width, every control off, both addresses short", async () => {
    const stranger = world.accounts[STRANGER];
    const wallet = { name: "Admin Test Wallet", account: stranger, chainId: 31337, knownChains: [31337], rpcUrl: inject("rpcUrl") };
    const phone = await openApp(browser, "admin", (p) => injectFakeWallet(p, wallet));
    try {
      await phone.setViewportSize(PHONE);
      await phone.locator("[data-test=connect-button]").click();
      await phone.locator("[data-test=injected-wallet]", { hasText: wallet.name }).click();
      const banner = phone.locator("[data-test=not-owner]");
      await expect.poll(async () => (await banner.innerText()).replace(/\s+/g, " "), { timeout: UI_TIMEOUT }).toContain(`you are connected as ${stranger.slice(0, 6)}…${stranger.slice(-4)}`);
      expect(await overflow(phone)).toBe(0);
      expect(await phone.locator("[data-test=pause]").isDisabled()).toBe(true);
      expect(await phone.locator("[data-test=rate-review]").isDisabled()).toBe(true);
      await fullShot(phone, "item6-admin-390-stranger");
    } finally {
      await phone.close();
    }
  });

  test("as the owner: the page and the review fit the width, Confirm within reach", async () => {
    await page.setViewportSize(PHONE);
    try {
      expect(await overflow(page)).toBe(0);
      await fullShot(page, "item6-admin-390-owner");
      const { shown } = await reviewRate("100000");
      expect(shown.warnings.length).toBeGreaterThan(0);
      expect(await overflow(page)).toBe(0);
      await expectOnScreen(review(), "the review");
      await page.locator("[data-test=review-confirm]").scrollIntoViewIfNeeded();
      await expectOnScreen(page.locator("[data-test=review-confirm]"), "Confirm");
      await screenshot(page, "item8-review-390", false);
      await page.keyboard.press("Escape"); // Escape is Back
      await review().waitFor({ state: "detached" });
      expect(await readFarm("rewardPerBlock")).toBe(original.rate);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});

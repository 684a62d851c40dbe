/**
 * Locks and zaps on the Activity page (issue 16), as dev account #4, straight through the node:
 * a stake locked with a boost (DAI/WETH, the 1.5× tier), left early (a penalty), a second lock
 * (the 1.25× tier) run to its end and settled by a harvest, then a zap in from ETH and a zap out
 * (USDC/WETH). Once the indexer has caught up, each is a row with its kind, its pool, its LP,
 * reward and their USD at that block, and what only the lock or zap event knows (boost, end block,
 * penalty, what went in, what came out): every figure computed here from the chain's receipts
 * (the farm's and the zap's events, the reward token's mints, the pairs' reserves at the block),
 * never from the indexer's API. A pool streaming a partner token (USDC/WETH streams PTN) adds a
 * "Partner reward" row after the action that paid it, from the rewarder's own event
 * (./partner-history.ts). Desktop and a 390 px phone.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { type Address, type ContractEventName, createTestClient, erc20Abi, formatUnits, http, type Log, parseEther, parseEventLogs, parseUnits, type TransactionReceipt, zeroAddress } from "viem";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { farmAbi, farmZapAbi } from "../src/chain/abis.generated";
import { connectDevAccount, isCutToSignificant, launchBrowser, openApp, readAmount, screenshot } from "./browser";
import { nodeWallet, openWorld, poolBySymbols, provideLiquidity, type World } from "./chain";
import { expectShown, lpUsdAt, rewardMinted, rewardPriceAt, sent, usdShown, waitForIndexer } from "./history-chain";
import { expectPartnerPhrase, partnerRowsOf } from "./partner-history";

const ACCOUNT = 4;
const PHONE = { width: 390, height: 844 };
const node = createTestClient({ mode: "hardhat", transport: http(inject("rpcUrl")) });

/** A row the page must show, from the chain alone. */
interface Expected {
  kind: string;
  label: string;
  pid: number;
  receipt: TransactionReceipt;
  lp: bigint;
  reward: bigint;
  /** What the detail phrases must say, as checks of their text. */
  details: Record<string, (text: string) => void | Promise<void>>;
}

let world: World;
let browser: Browser;
let user: Address;
let lockPid: number;
let zapPid: number;
const expected: Expected[] = [];

const logsOf = (receipt: TransactionReceipt, address: string) => receipt.logs.filter((l) => l.address.toLowerCase() === address.toLowerCase());
const mine = (args: { user: Address }) => args.user.toLowerCase() === user.toLowerCase();

/** The one farm event `name` for the user in `receipt`, read from its logs. */
function farmEvent<N extends ContractEventName<typeof farmAbi>>(receipt: TransactionReceipt, name: N): Log<bigint, number, false, undefined, true, typeof farmAbi, N>["args"] {
  const found = parseEventLogs({ abi: farmAbi, eventName: name, logs: logsOf(receipt, world.deployment.farm) }).filter((e) => mine(e.args as { user: Address }));
  expect(found, `one ${name} event`).toHaveLength(1);
  return found[0]!.args;
}

/** The one zap event `name` for the user in `receipt`. */
function zapEvent<N extends ContractEventName<typeof farmZapAbi>>(receipt: TransactionReceipt, name: N): Log<bigint, number, false, undefined, true, typeof farmZapAbi, N>["args"] {
  const found = parseEventLogs({ abi: farmZapAbi, eventName: name, logs: logsOf(receipt, world.deployment.zap!) }).filter((e) => mine(e.args as { user: Address }));
  expect(found, `one ${name} event`).toHaveLength(1);
  return found[0]!.args;
}

/** A whole-token amount shown cut to 4 decimals (lib/format formatTokenAmount): never above, less than one unit of its last digit below. */
function expectCut(what: string, text: string, wei: bigint, decimals: number): void {
  const number = /[\d,]+(?:\.\d+)?/.exec(text)?.[0];
  expect(number, `${what}: "${text}"`).toBeDefined();
  const shown = parseUnits(number!.replaceAll(",", ""), decimals);
  expect(shown <= wei && wei - shown < 10n ** BigInt(Math.max(0, decimals - 4)), `${what}: shown ${text}, on chain ${formatUnits(wei, decimals)}`).toBe(true);
}

beforeAll(async () => {
  world = await openWorld();
  user = world.accounts[ACCOUNT]!;
  const wallet = nodeWallet(user);
  const farm = { address: world.deployment.farm as Address, abi: farmAbi, chain: null } as const;
  const zap = { address: world.deployment.zap as Address, abi: farmZapAbi, chain: null } as const;

  // Locks: DAI/WETH LP, half locked at the 1.5× tier and left at once, a quarter at the shortest tier and run out.
  const dai = poolBySymbols(world, "DAI", "WETH");
  lockPid = dai.pid;
  const { lp } = await provideLiquidity(world, user, "DAI", parseUnits("3000", 18), parseEther("1"));
  await sent(world, wallet.writeContract({ address: dai.lpToken as Address, abi: erc20Abi, functionName: "approve", args: [farm.address, lp], chain: null }));
  const version = await world.client.readContract({ ...farm, functionName: "lockTermsVersion" });
  const [, boosts] = await world.client.readContract({ ...farm, functionName: "lockTiers" });
  const locked = await sent(world, wallet.writeContract({ ...farm, functionName: "lock", args: [BigInt(lockPid), lp / 2n, 1n, version] }));
  const exited = await sent(world, wallet.writeContract({ ...farm, functionName: "exitLock", args: [BigInt(lockPid)] }));
  const relocked = await sent(world, wallet.writeContract({ ...farm, functionName: "lock", args: [BigInt(lockPid), lp / 4n, 0n, version] }));
  const lockEvent = (receipt: TransactionReceipt) => farmEvent(receipt, "Locked");
  const end = lockEvent(relocked).endBlock;
  const head = await world.client.getBlockNumber();
  if (end > head) await node.mine({ blocks: Number(end - head) });
  const settled = await sent(world, wallet.writeContract({ ...farm, functionName: "harvest", args: [BigInt(lockPid)] }));

  // Zaps: 1 ETH into USDC/WETH, then a third of that LP out to both tokens.
  zapPid = poolBySymbols(world, "USDC", "WETH").pid;
  await sent(world, wallet.writeContract({ ...farm, functionName: "setOperator", args: [zap.address, true] }));
  const zappedIn = await sent(world, wallet.writeContract({ ...zap, functionName: "zapIn", args: [BigInt(zapPid), zeroAddress, parseEther("1"), 1n, 2n ** 40n], value: parseEther("1") }));
  const zapInEvent = zapEvent(zappedIn, "ZappedIn");
  const zappedOut = await sent(world, wallet.writeContract({ ...zap, functionName: "zapOut", args: [BigInt(zapPid), zapInEvent.liquidity / 3n, 0n, 0n, 2n ** 40n] }));
  const zapOutEvent = zapEvent(zappedOut, "ZappedOut");
  const zapPool = poolBySymbols(world, "USDC", "WETH");

  const first = lockEvent(locked);
  const exit = farmEvent(exited, "LockExited");
  const second = lockEvent(relocked);
  const unlocked = farmEvent(settled, "Unlocked");
  const harvested = farmEvent(settled, "Harvest");
  const boostText = (bps: bigint) => (text: string) => expect(text).toBe(`${Number(bps) / 10_000}× boost`);
  const endText = (block: bigint) => (text: string) => expect(text).toBe(`until block ${block.toLocaleString("en-US")}`);
  expect(first.boostBps, "the 1.5× tier").toBe(boosts[1]);
  expect(exit.penalty, "left early: a penalty").toBeGreaterThan(0n);
  expect(unlocked.amount, "the ended lock settled whole").toBe(second.locked);
  expected.push(
    { kind: "lock", label: "Lock", pid: lockPid, receipt: locked, lp: first.added, reward: rewardMinted(world, locked, user), details: { "detail-boost": boostText(first.boostBps), "detail-end": endText(first.endBlock), "detail-locked": (t) => expectCut("locked", t, first.locked, 18) } },
    { kind: "lockExit", label: "Early exit", pid: lockPid, receipt: exited, lp: exit.returned, reward: rewardMinted(world, exited, user), details: { "detail-penalty": (t) => expectCut("penalty", t, exit.penalty, 18) } },
    { kind: "lock", label: "Lock", pid: lockPid, receipt: relocked, lp: second.added, reward: rewardMinted(world, relocked, user), details: { "detail-boost": boostText(second.boostBps), "detail-end": endText(second.endBlock) } },
    { kind: "unlock", label: "Unlock", pid: lockPid, receipt: settled, lp: unlocked.amount, reward: 0n, details: { "detail-unlocked": (t) => expect(t).toBe("lock ended: back to 1×") } },
    { kind: "harvest", label: "Harvest", pid: lockPid, receipt: settled, lp: 0n, reward: harvested.amount, details: {} },
    {
      kind: "zapIn", label: "Zap in", pid: zapPid, receipt: zappedIn, lp: farmEvent(zappedIn, "Deposit").amount, reward: rewardMinted(world, zappedIn, user),
      details: { "detail-in": (t) => expect(t).toBe("from 1 ETH") },
    },
    {
      kind: "zapOut", label: "Zap out", pid: zapPid, receipt: zappedOut, lp: farmEvent(zappedOut, "Withdraw").amount, reward: rewardMinted(world, zappedOut, user),
      details: {
        "detail-out": (t) => {
          const [a, b] = t.replace(/^received /, "").split(" + ");
          expectCut(`received ${zapPool.symbol0}`, a!, zapOutEvent.amount0, zapPool.decimals0);
          expectCut(`received ${zapPool.symbol1}`, b!, zapOutEvent.amount1, zapPool.decimals1);
          expect(a).toMatch(new RegExp(` ${zapPool.symbol0}$`));
          expect(b).toMatch(new RegExp(` ${zapPool.symbol1}$`));
        },
      },
    },
  );
  expect(expected.find((e) => e.kind === "zapIn")!.lp).toBe(zapInEvent.liquidity);
  expect(expected.find((e) => e.kind === "zapOut")!.lp).toBe(zapOutEvent.liquidity);
  expect(harvested.amount, "the settling harvest paid the lock's reward").toBeGreaterThan(0n);
  // Partner tokens paid by these actions: a row each, right after the action that paid it (the
  // rewarder reports after the farm's event, in the same transaction).
  for (const paid of await partnerRowsOf(world, user, { fromBlock: locked.blockNumber })) {
    const at = expected.map((e) => e.receipt.transactionHash).lastIndexOf(paid.transactionHash);
    expect(at, `${paid.kind} in a transaction of this file's`).toBeGreaterThanOrEqual(0);
    expected.splice(at + 1, 0, {
      kind: paid.kind, label: paid.label, pid: paid.pid, receipt: expected[at]!.receipt, lp: 0n, reward: 0n,
      details: { "detail-partner": (t) => expectPartnerPhrase(world, t, paid) },
    });
  }
  expect(expected.some((e) => e.kind === "partner"), "the zap out paid PTN").toBe(true);
  await waitForIndexer(world, zappedOut.blockNumber, 120_000);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function openActivity(viewport?: { width: number; height: number }): Promise<Page> {
  const page = await openApp(browser, "activity");
  if (viewport) await page.setViewportSize(viewport);
  await connectDevAccount(page, ACCOUNT);
  await page.locator("[data-test=earnings]").waitFor();
  return page;
}

const rows = (page: Page) => page.locator("[data-test=activity-rows] > li");

/** The row of `want`: its kind in its transaction (a settling harvest has two rows). */
async function rowOf(page: Page, want: Expected): Promise<Locator> {
  const all = rows(page);
  for (let i = 0; i < (await all.count()); i++) {
    const row = all.nth(i);
    if ((await row.getAttribute("data-test")) === `action-${want.kind}` && (await row.locator("[data-test=row-tx]").getAttribute("title")) === want.receipt.transactionHash) return row;
  }
  throw new Error(`No ${want.kind} row for ${want.receipt.transactionHash}`);
}

async function checkRow(row: Locator, want: Expected): Promise<void> {
  const what = `${want.kind} in block ${want.receipt.blockNumber}`;
  expect(await row.getAttribute("data-block")).toBe(String(want.receipt.blockNumber));
  expect(await row.locator("[data-test=row-kind]").innerText(), what).toBe(want.label);
  expect(await row.locator("[data-test=row-pool]").getAttribute("href"), what).toBe(`#/pools/${want.pid}`);
  if (want.lp > 0n) {
    expect(isCutToSignificant(want.lp, await readAmount(row.locator("[data-test=row-lp]"))), `${what}: LP`).toBe(true);
    expectShown(`${what}: USD`, usdShown(await row.locator("[data-test=row-value-usd]").innerText()), await lpUsdAt(world, want.pid, want.lp, want.receipt.blockNumber));
  } else {
    expect(await row.locator("[data-test=row-lp]").count(), `${what}: no LP`).toBe(0);
  }
  if (want.reward > 0n) {
    const shown = await readAmount(row.locator("[data-test=row-reward]"));
    expect(shown <= want.reward && want.reward - shown < 10n ** 14n, `${what}: reward ${shown} of ${want.reward}`).toBe(true);
    const usd = Number(formatUnits(want.reward, 18)) * (await rewardPriceAt(world, want.receipt.blockNumber));
    expectShown(`${what}: reward USD`, usdShown(await row.locator("[data-test=row-reward-usd]").innerText()), usd);
  } else {
    expect(await row.locator("[data-test=row-reward]").count(), `${what}: no reward`).toBe(0);
  }
  for (const [test, check] of Object.entries(want.details)) await check(await row.locator(`[data-test=${test}]`).innerText());
}

describe("Activity page: locks and zaps", () => {
  test("lists the lock, its early exit and penalty, the ended lock, the zap in and out, each as the chain's receipts say", async () => {
    const page = await openActivity();
    await expect.poll(() => rows(page).count()).toBe(expected.length);
    // Newest first: the order the chain made them in, reversed (a settling harvest's Unlocked comes before its Harvest).
    const order = [...expected].reverse().map((e) => `action-${e.kind}`);
    const shown = await rows(page).evaluateAll((items) => items.map((li) => li.getAttribute("data-test")));
    expect(shown).toEqual(order);
    for (const want of expected) await checkRow(await rowOf(page, want), want);
    await page.locator("[data-test=filter-kind]").selectOption("lockExit");
    await expect.poll(() => rows(page).count()).toBe(1);
    await page.locator("[data-test=filter-kind]").selectOption("all");
    await expect.poll(() => rows(page).count()).toBe(expected.length);
    await screenshot(page, "activity-locks-zaps-desktop");
    await page.close();
  });

  test("fits a 390 px phone without sideways scrolling, every figure still there", async () => {
    const page = await openActivity(PHONE);
    await expect.poll(() => rows(page).count()).toBe(expected.length);
    for (const want of expected) await checkRow(await rowOf(page, want), want);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, "activity-locks-zaps-phone");
    await page.close();
  });
});

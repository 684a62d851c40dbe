/**
 * Harvesting, as dev account #2, checked on chain: the reward token balance rises by exactly what
 * the farm says it paid, in one transaction; "Harvest all" empties every pool's pending reward
 * in one harvestAll call, and the page's total falls to what the few blocks since have earned.
 */
import { type Address, parseEventLogs, zeroAddress } from "viem";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { farmAbi, rewardTokenAbi } from "../src/chain/abis.generated";
import { connectDevAccount, expectConfirmed, launchBrowser, openApp, readAmount, waitForPosition } from "./browser";
import {
  type FarmCall,
  onlyFarmCallDuring,
  openWorld,
  pendingOf,
  poolBySymbols,
  poolCount,
  rewardBalance,
  stakedOf,
  waitForBlockAfter,
  type World,
} from "./chain";

const ACCOUNT = 2;

let browser: Browser;
let page: Page;
let world: World;
let user: Address;

beforeAll(async () => {
  world = await openWorld();
  user = world.accounts[ACCOUNT];
  browser = await launchBrowser();
  page = await openApp(browser, "farms");
  await connectDevAccount(page, ACCOUNT);
  await waitForPosition(page, 0);
});

afterAll(async () => {
  await browser?.close();
});

/** Clicks `button` and returns the account's one resulting farm call, confirmed on the page. */
function clickAndGetCall(button: Locator): Promise<FarmCall> {
  return onlyFarmCallDuring(world, user, () => expectConfirmed(page, () => button.click()));
}

/** What the farm says it paid in a receipt: its Harvest events, per pool. */
function harvested(call: FarmCall): Map<bigint, bigint> {
  const events = parseEventLogs({ abi: farmAbi, eventName: "Harvest", logs: call.receipt.logs });
  return new Map(events.filter((e) => e.args.user.toLowerCase() === user.toLowerCase()).map((e) => [e.args.pid, e.args.amount]));
}

/** The reward token minted to the account in a receipt (its Transfer events from address zero). */
function minted(call: FarmCall): bigint {
  const transfers = parseEventLogs({ abi: rewardTokenAbi, eventName: "Transfer", logs: call.receipt.logs });
  return transfers
    .filter((t) => t.address.toLowerCase() === world.deployment.rewardToken.toLowerCase())
    .filter((t) => t.args.from === zeroAddress && t.args.to.toLowerCase() === user.toLowerCase())
    .reduce((sum, t) => sum + t.args.value, 0n);
}

/** The account's reward balance change made in the call's block (one transaction per block here). */
async function balanceChangeAt(call: FarmCall): Promise<bigint> {
  const block = call.receipt.blockNumber;
  return (await rewardBalance(world, user, block)) - (await rewardBalance(world, user, block - 1n));
}

describe("harvest, dev account #2", () => {
  test("Harvest pays exactly the pool's pending reward into the wallet", async () => {
    const { pid } = poolBySymbols(world, "RWD", "WETH");
    const pool = page.locator(`[data-test=pool-${pid}]`);
    const balanceBefore = await rewardBalance(world, user);
    const shownBefore = await readAmount(pool.locator("[data-test=pending]"));
    expect(shownBefore).toBeGreaterThan(0n);

    const call = await clickAndGetCall(pool.locator("[data-test=harvest]"));
    expect(call.functionName).toBe("harvest");
    expect(call.args).toEqual([BigInt(pid)]);

    const paid = harvested(call).get(BigInt(pid)) ?? 0n;
    const block = call.receipt.blockNumber;
    // What was owed one block earlier, plus that block's accrual: at least the former.
    expect(paid).toBeGreaterThanOrEqual(await pendingOf(world, pid, user, block - 1n));
    expect(await pendingOf(world, pid, user, block)).toBe(0n);
    expect(minted(call)).toBe(paid);
    expect(await balanceChangeAt(call)).toBe(paid);
    expect(await rewardBalance(world, user)).toBe(balanceBefore + paid);

    // The page follows: the pool's pending starts again from zero.
    await expect.poll(() => readAmount(pool.locator("[data-test=pending]")), { timeout: 10_000 }).toBeLessThan(shownBefore);
  });

  test("Harvest all pays every pool in one harvestAll transaction and leaves ~0 pending", async () => {
    const pids = Array.from({ length: await poolCount(world) }, (_, pid) => pid);
    const stakedPids: number[] = [];
    for (const pid of pids) if ((await stakedOf(world, pid, user)) > 0n) stakedPids.push(pid);
    expect(stakedPids.length).toBeGreaterThan(1);
    // "All" is what the page shows as earned: wait until every staked pool shows some (a pool
    // harvested a moment ago shows zero until the next block).
    for (const pid of stakedPids) {
      const pending = page.locator(`[data-test=pool-${pid}] [data-test=pending]`);
      await expect.poll(() => pending.innerText(), { timeout: 10_000, message: `pool ${pid} shows a pending reward` }).not.toMatch(/^0 /);
    }
    const total = page.locator("[data-test=total-pending]");
    const shownBefore = await readAmount(total);
    const balanceBefore = await rewardBalance(world, user);

    const call = await clickAndGetCall(page.locator("[data-test=harvest-all]"));
    expect(call.functionName).toBe("harvestAll");
    const calledPids = (call.args[0] as readonly bigint[]).map(Number);
    expect(calledPids).toEqual(expect.arrayContaining(stakedPids));

    const block = call.receipt.blockNumber;
    const paid = [...harvested(call).values()].reduce((a, b) => a + b, 0n);
    expect(paid).toBeGreaterThan(0n);
    expect(minted(call)).toBe(paid);
    expect(await balanceChangeAt(call)).toBe(paid);
    expect(await rewardBalance(world, user)).toBe(balanceBefore + paid);
    for (const pid of stakedPids) expect(await pendingOf(world, pid, user, block), `pool ${pid} pending at the harvest block`).toBe(0n);

    // The page's total falls to what the blocks since the harvest have earned, a few blocks' worth.
    const oneBlockLater = await waitForBlockAfter(world, block);
    let perBlock = 0n;
    for (const pid of stakedPids) perBlock += await pendingOf(world, pid, user, block + 1n);
    await expect.poll(() => readAmount(total), { timeout: 10_000 }).toBeLessThan(shownBefore);
    const shownAfter = await readAmount(total);
    const blocksSince = (await world.client.getBlockNumber()) - block;
    expect(oneBlockLater).toBeGreaterThan(block);
    expect(shownAfter).toBeLessThanOrEqual(perBlock * (blocksSince + 1n));
  });
});

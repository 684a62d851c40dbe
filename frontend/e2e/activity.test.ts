/**
 * The Activity page (issue 16): dev account #7 stakes USDC/WETH LP, harvests and unstakes a third,
 * straight through the node; once the indexer has caught up, the page lists exactly those actions,
 * newest first, a page at a time, each with its LP, its reward (the reward token's mint in that
 * transaction) and their USD value at that block (reserves read from the chain at the block);
 * the earnings totals are the sum of the mints and of their values; the filters narrow it; the
 * CSV holds every filtered action with exact amounts. USDC/WETH streams PTN, so the harvest and
 * the unstake also pay PTN: each payment is a "Partner reward" row of its own, its amount from the
 * rewarder's PartnerRewardPaid (./partner-history.ts). Desktop and a 390 px phone.
 */
import { readFile } from "node:fs/promises";

import type { Browser, Page } from "playwright-core";
import { type Address, formatUnits, parseUnits, type TransactionReceipt } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { connectDevAccount, isCutToSignificant, launchBrowser, openApp, readAmount, screenshot } from "./browser";
import { openWorld, poolBySymbols, provideLiquidity, waitForBlockAfter, type World } from "./chain";
import { expectShown, farmAs, lpUsdAt, rewardMinted, rewardPriceAt, usdShown, waitForIndexer } from "./history-chain";
import { expectPartnerPhrase, type PartnerRow, partnerRowsOf } from "./partner-history";

const ACCOUNT = 7;

let world: World;
let browser: Browser;
let user: Address;
let pid: number;
/** What was sent, oldest first, with what the chain says each should show. */
let expected: { kind: string; lp: bigint; reward: bigint; valueUsd: number; rewardUsd: number; receipt: TransactionReceipt }[];
/** Every row the pool's history shows, oldest first: the farm's actions, each followed by the partner tokens it paid. */
let listed: ({ farm: (typeof expected)[number]; partner?: undefined } | { partner: PartnerRow; farm?: undefined })[];

beforeAll(async () => {
  world = await openWorld();
  user = world.accounts[ACCOUNT]!;
  const { pool, lp } = await provideLiquidity(world, user, "USDC", parseUnits("300000", 6), parseUnits("100", 18));
  pid = pool.pid;
  const farm = farmAs(world, user);
  await farm.approve(pool.lpToken as Address);
  const deposit = await farm.deposit(pid, lp);
  await waitForBlockAfter(world, deposit.blockNumber + 1n);
  const harvest = await farm.harvest(pid);
  const third = lp / 3n;
  const withdraw = await farm.withdraw(pid, third);
  const valued = async (kind: string, moved: bigint, receipt: TransactionReceipt) => {
    const reward = rewardMinted(world, receipt, user);
    return {
      kind, lp: moved, reward, receipt,
      valueUsd: moved === 0n ? 0 : await lpUsdAt(world, pid, moved, receipt.blockNumber),
      rewardUsd: Number(formatUnits(reward, 18)) * (await rewardPriceAt(world, receipt.blockNumber)),
    };
  };
  expected = [await valued("deposit", lp, deposit), await valued("harvest", 0n, harvest), await valued("withdraw", third, withdraw)];
  expect(expected[1]!.reward, "the harvest paid a reward").toBeGreaterThan(0n);
  // The rewarder reports after the farm's event, in the same transaction.
  const partner = await partnerRowsOf(world, user, { pid, fromBlock: deposit.blockNumber });
  expect(partner.map((p) => p.kind), "the harvest and the unstake paid PTN").toEqual(["partner", "partner"]);
  listed = expected.flatMap((farm) => [{ farm }, ...partner.filter((p) => p.transactionHash === farm.receipt.transactionHash).map((p) => ({ partner: p }))]);
  expect(listed).toHaveLength(expected.length + partner.length);
  await waitForIndexer(world, withdraw.blockNumber);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function openActivity(route = "activity?size=2", viewport?: { width: number; height: number }): Promise<Page> {
  const page = await openApp(browser, route);
  if (viewport) await page.setViewportSize(viewport);
  await connectDevAccount(page, ACCOUNT);
  await page.locator("[data-test=earnings]").waitFor();
  await expect.poll(() => page.locator("[data-test=earned-reward]").innerText()).not.toMatch(/^…/);
  return page;
}

const rows = (page: Page) => page.locator("[data-test=activity-rows] > li");

/** Only this file's pool: other files in the shared world may have this account act elsewhere. */
async function ownPoolOnly(page: Page): Promise<void> {
  await page.locator("[data-test=filter-pool]").selectOption(String(pid));
}

describe("Activity page", () => {
  test("lists the account's actions newest first, a page at a time, each with its LP, reward and their USD then", async () => {
    const page = await openActivity();
    await ownPoolOnly(page);
    await expect.poll(() => rows(page).count()).toBe(2);
    for (let shown = 2; shown < listed.length; shown = Math.min(shown + 2, listed.length)) {
      await page.locator("[data-test=load-older]").click();
      await expect.poll(() => rows(page).count()).toBe(Math.min(shown + 2, listed.length));
    }
    await expect(page.locator("[data-test=load-older]").count()).resolves.toBe(0);
    for (const [i, item] of [...listed].reverse().entries()) {
      const row = rows(page).nth(i);
      if (item.partner) {
        expect(await row.getAttribute("data-test")).toBe("action-partner");
        expect(await row.getAttribute("data-block")).toBe(String(item.partner.blockNumber));
        expect(await row.locator("[data-test=row-kind]").innerText()).toBe("Partner reward");
        await expectPartnerPhrase(world, await row.locator("[data-test=detail-partner]").innerText(), item.partner);
        expect(await row.locator("[data-test=row-reward]").count(), "no RWD on a partner row").toBe(0);
        continue;
      }
      const want = item.farm;
      expect(await row.getAttribute("data-test")).toBe(`action-${want.kind}`);
      expect(await row.getAttribute("data-block")).toBe(String(want.receipt.blockNumber));
      expect(await row.locator("[data-test=row-pool]").innerText()).toBe("WETH/USDC");
      if (want.lp > 0n) {
        expect(isCutToSignificant(want.lp, await readAmount(row.locator("[data-test=row-lp]"))), `${want.kind} LP`).toBe(true);
        expectShown(`${want.kind} USD`, usdShown(await row.locator("[data-test=row-value-usd]").innerText()), want.valueUsd);
      }
      if (want.reward > 0n) {
        const shown = await readAmount(row.locator("[data-test=row-reward]"));
        expect(shown <= want.reward && want.reward - shown < 10n ** 14n, `${want.kind} reward ${shown} of ${want.reward}`).toBe(true);
        expectShown(`${want.kind} reward USD`, usdShown(await row.locator("[data-test=row-reward-usd]").innerText()), want.rewardUsd);
      } else {
        expect(await row.locator("[data-test=row-reward]").count()).toBe(0);
      }
      expect(await row.locator("[data-test=row-tx]").getAttribute("title")).toBe(want.receipt.transactionHash);
      // Its time: the block's timestamp, in the reader's time zone (the browser's and this process's are the machine's).
      const { timestamp } = await world.client.getBlock({ blockNumber: want.receipt.blockNumber });
      const when = new Date(Number(timestamp) * 1000).toLocaleString("en-US", { month: "short", day: "numeric", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });
      expect(await row.locator("[data-test=row-time]").innerText()).toBe(when);
    }
    await screenshot(page, "history-activity");
    await page.close();
  });

  test("totals the earnings: every reward minted to the account, each valued at its block", async () => {
    const page = await openActivity("activity");
    const minted = expected.reduce((sum, e) => sum + e.reward, 0n);
    const usd = expected.reduce((sum, e) => sum + e.rewardUsd, 0);
    const shown = await readAmount(page.locator("[data-test=earned-reward]"));
    expect(shown <= minted && minted - shown < 10n ** 14n, `earned ${shown} of ${minted}`).toBe(true);
    expectShown("earned USD", usdShown(await page.locator("[data-test=earned-usd]").innerText()), usd);
    // The chart's last point says the same total, with its date, on hover.
    const chart = page.locator("[data-test=earnings-chart] svg");
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width - 14, box.y + box.height / 2);
    const tip = page.locator("[data-test=chart-tip]");
    await tip.waitFor();
    expectShown("chart total", usdShown(await tip.locator("strong").innerText()), usd);
    // In RWD: the same point says the reward minted, to 6 significant digits.
    await page.locator("[data-test=unit-reward]").click();
    await page.mouse.move(box.x + box.width - 14, box.y + box.height / 2);
    await expect.poll(() => tip.locator("strong").innerText()).toMatch(/^[\d.,]+$/);
    const rwd = Number((await tip.locator("strong").innerText()).replaceAll(",", ""));
    expect(Math.abs(rwd - Number(formatUnits(minted, 18)))).toBeLessThanOrEqual(Number(formatUnits(minted, 18)) * 5e-6);
    await screenshot(page, "history-earnings");
    await page.close();
  });

  test("filters by kind and by pool, and exports every filtered action to CSV with exact amounts", async () => {
    const page = await openActivity("activity");
    await page.locator("[data-test=filter-kind]").selectOption("harvest");
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().getAttribute("data-test")).toBe("action-harvest");
    const other = poolBySymbols(world, "WBTC", "WETH").pid;
    await page.locator("[data-test=filter-pool]").selectOption(String(other));
    await page.locator("[data-test=activity-empty]").waitFor();
    await page.locator("[data-test=filter-pool]").selectOption(String(pid));
    await page.locator("[data-test=filter-kind]").selectOption("all");
    await expect.poll(() => rows(page).count()).toBe(listed.length);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-test=export-csv]").click()]);
    const csv = await readFile((await download.path())!, "utf8");
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(1 + listed.length);
    const body = lines.slice(1).map((line) => line.split(","));
    for (const [i, item] of [...listed].reverse().entries()) {
      const cells = body[i]!;
      if (item.partner) {
        // A partner row: no LP, no RWD; its token amount exact, in PTN.
        expect([cells[1], cells[2], cells[4], cells[5], cells[10], cells[13], cells[14]]).toEqual([
          String(item.partner.blockNumber), item.partner.transactionHash, "Partner reward", "0", "0", formatUnits(item.partner.amount, 18), "PTN",
        ]);
        continue;
      }
      const want = item.farm;
      expect(cells[1]).toBe(String(want.receipt.blockNumber));
      expect(cells[2]).toBe(want.receipt.transactionHash);
      expect(cells[5]).toBe(formatUnits(want.lp, 18));
      expect(cells[10]).toBe(formatUnits(want.reward, 18));
      if (want.lp > 0n) expect(Math.abs(Number(cells[11]) - want.valueUsd)).toBeLessThan(Math.abs(want.valueUsd) * 1e-6);
    }
    await page.close();
  });

  test("fits a 390 px phone without sideways scrolling", async () => {
    const page = await openActivity("activity", { width: 390, height: 844 });
    await ownPoolOnly(page);
    await expect.poll(() => rows(page).count()).toBe(listed.length);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "history-activity-phone");
    await page.close();
  });
});

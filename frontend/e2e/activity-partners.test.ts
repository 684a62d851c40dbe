/**
 * A sponsor's partner streams on the Activity page (issues 16 and 17), as dev account #23: approved
 * by the owner for a pool that has never streamed anything (so no stake earns from it), it funds a
 * short PTN stream, and once it has ended reclaims what nobody earned. Once the indexer has caught
 * up, its history holds exactly a "Funded stream" row (amount, rate and end block) and a "Reclaimed
 * from stream" row, each checked against the rewarder's StreamFunded and StreamReclaimed events
 * (./partner-history.ts), PTN valued through its own PTN/WETH market (which the indexer reads at
 * each partner event: no pool of the farm is made of it); the kind filter finds each. Desktop and a 390 px phone. The file reverts the chain to where it found it.
 */
import type { Browser, Page } from "playwright-core";
import { type Address, type Hex, parseEther, parseEventLogs } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { partnerRewarderAbi } from "../src/chain/abis.generated";
import { launchBrowser, screenshot } from "./browser";
import { nodeWallet, openWorld, type World } from "./chain";
import { waitForIndexer } from "./history-chain";
import { expectPartnerPhrase, type PartnerRow, partnerRowsOf } from "./partner-history";
import { devAccount, fundAs, mined, mint, node, pageAs, partnerToken, rewarderOf } from "./partners-chain";

const SPONSOR = 23;
const PHONE = { width: 390, height: 844 };

let startSnapshot: Hex;
let world: World;
let browser: Browser;
let sponsor: Address;
let rows: PartnerRow[];
let endBlock: bigint;

beforeAll(async () => {
  startSnapshot = await node.snapshot();
  world = await openWorld();
  sponsor = await devAccount(SPONSOR);
  const ptn = await partnerToken(world);
  const rewarder = await rewarderOf(world);
  // A pool no stream has ever paid on: no stake there is enrolled, so all it streams goes back.
  const counts = await Promise.all(
    world.deployment.pools.map((p) => world.client.readContract({ address: rewarder, abi: partnerRewarderAbi, functionName: "streams", args: [BigInt(p.pid)] })),
  );
  const pid = world.deployment.pools.find((_, i) => counts[i]!.length === 0)!.pid;
  await mint(world, ptn, sponsor, parseEther("1000"));
  const owner = world.accounts[0]!;
  await mined(world, nodeWallet(owner).writeContract({ address: rewarder, abi: partnerRewarderAbi, functionName: "setSponsor", args: [BigInt(pid), sponsor, true], chain: null }));
  await fundAs(world, sponsor, pid, ptn, parseEther("1000"), 5n);
  await node.mine({ blocks: 6 });
  const reclaimed = await mined(world, nodeWallet(sponsor).writeContract({ address: rewarder, abi: partnerRewarderAbi, functionName: "reclaim", args: [BigInt(pid), ptn], chain: null }));
  rows = await partnerRowsOf(world, sponsor);
  expect(rows.map((r) => r.kind)).toEqual(["streamFunded", "streamReclaimed"]);
  expect(rows[1]!.amount, "nobody earned: the whole stream comes back").toBe(parseEther("1000"));
  const at = rows[0]!.blockNumber;
  const funded = parseEventLogs({ abi: partnerRewarderAbi, eventName: "StreamFunded", logs: await world.client.getLogs({ address: rewarder, fromBlock: at, toBlock: at }) });
  endBlock = funded[0]!.args.endBlock;
  await waitForIndexer(world, reclaimed.blockNumber, 120_000);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (startSnapshot) await node.revert({ id: startSnapshot });
});

const listed = (page: Page) => page.locator("[data-test=activity-rows] > li");

async function openActivity(viewport?: { width: number; height: number }): Promise<Page> {
  const page = await pageAs(browser, sponsor, "activity", viewport);
  await page.locator("[data-test=earnings]").waitFor();
  await expect.poll(() => listed(page).count()).toBe(rows.length);
  return page;
}

/** Both rows, newest first, as the chain's events say. */
async function checkRows(page: Page): Promise<void> {
  const [funded, reclaimed] = rows as [PartnerRow, PartnerRow];
  const reclaimRow = listed(page).nth(0);
  const fundRow = listed(page).nth(1);
  expect(await reclaimRow.getAttribute("data-test")).toBe("action-streamReclaimed");
  expect(await reclaimRow.getAttribute("data-block")).toBe(String(reclaimed.blockNumber));
  expect(await reclaimRow.locator("[data-test=row-kind]").innerText()).toBe("Reclaimed from stream");
  const took = await reclaimRow.locator("[data-test=detail-partner]").innerText();
  expect(took).toMatch(/^took back .* \(\$[\d,.]+\), released while nothing was staked$/);
  await expectPartnerPhrase(world, took, reclaimed);
  expect(await fundRow.getAttribute("data-test")).toBe("action-streamFunded");
  expect(await fundRow.getAttribute("data-block")).toBe(String(funded.blockNumber));
  expect(await fundRow.locator("[data-test=row-kind]").innerText()).toBe("Funded stream");
  const added = await fundRow.locator("[data-test=detail-partner]").innerText();
  expect(added).toMatch(/^added 1,000 PTN \(\$[\d,.]+\)$/);
  await expectPartnerPhrase(world, added, funded);
  expect(await fundRow.locator("[data-test=detail-stream]").innerText()).toBe(`now streams 1,000 PTN until block ${endBlock.toLocaleString("en-US")}`);
  for (const row of [fundRow, reclaimRow]) {
    expect(await row.locator("[data-test=row-lp]").count(), "no LP on a stream's row").toBe(0);
    expect(await row.locator("[data-test=row-reward]").count(), "no RWD either").toBe(0);
  }
}

describe("Activity page: a sponsor's streams", () => {
  test("lists the funding and the reclaim as the rewarder's events say, and filters by each kind", async () => {
    const page = await openActivity();
    await checkRows(page);
    await screenshot(page, "activity-partners-desktop");
    for (const kind of ["streamFunded", "streamReclaimed"]) {
      await page.locator("[data-test=filter-kind]").selectOption(kind);
      // One row either way: wait for the filtered one, then count.
      await expect.poll(() => listed(page).first().getAttribute("data-test")).toBe(`action-${kind}`);
      expect(await listed(page).count()).toBe(1);
    }
    await page.close();
  });

  test("fits a 390 px phone without sideways scrolling", async () => {
    const page = await openActivity(PHONE);
    await checkRows(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, "activity-partners-phone");
    await page.close();
  });
});

/**
 * Partner rewards in a position's PnL against holding (issues 16 and 17), as dev account #27 in the
 * USDC/WETH pool, which streams PTN in the demo world (topped up here by the owner, so that a few
 * blocks pay dollars rather than cents): it adds liquidity, stakes it (which enrols it), and
 * harvests a few blocks later, which pays RWD and PTN. Once the indexer has caught up, the pool
 * page shows:
 *
 * - partner rewards paid: the PTN the harvest's PartnerRewardPaid logged, valued at PTN's price
 *   before the harvest's block (its PTN/WETH reserves, WETH's from USDC/WETH), as the chain says;
 * - partner rewards pending: the rewarder's pending PTN while the page was read, at today's price;
 * - a net that counts both beside the reward token's.
 *
 * The file reverts the chain to where it found it.
 */
import type { Browser, Page } from "playwright-core";
import { type Address, erc20Abi, type Hex, maxUint256, parseEther, parseEventLogs, parseUnits, type TransactionReceipt } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { partnerRewarderAbi } from "../src/chain/abis.generated";
import { isCutToSignificant, launchBrowser, readAmount, screenshot } from "./browser";
import { nodeWallet, openWorld, provideLiquidity, waitForBlockAfter, type World } from "./chain";
import { expectShown, farmAs, usdShown, waitForIndexer } from "./history-chain";
import { devAccount, mined, mint, node, pageAs, pairWithWeth, partnerToken, pendingPartner, pricesAt, rewarderOf, streamAt } from "./partners-chain";
import { whole } from "./pool-figures";

const ACCOUNT = 27;
/** The owner's top-up of the pool's PTN stream, to the same end: about 10 PTN more a block. */
const TOP_UP = parseEther("2000000");

let startSnapshot: Hex;
let world: World;
let browser: Browser;
let user: Address;
let pid: number;
let ptn: Address;
let ptnPair: Address;
let harvest: TransactionReceipt;
let paid: bigint;

beforeAll(async () => {
  startSnapshot = await node.snapshot();
  world = await openWorld();
  user = await devAccount(ACCOUNT);
  ptn = await partnerToken(world);
  ptnPair = await pairWithWeth(world, ptn);
  // About a sixth of the pool's stake: 300,000 USDC and 100 ETH.
  const provided = await provideLiquidity(world, user, "USDC", parseUnits("300000", 6), parseEther("100"));
  pid = provided.pool.pid;
  const owner = world.accounts[0]!;
  const rewarder = await rewarderOf(world);
  await mint(world, ptn, owner, TOP_UP);
  await mined(world, nodeWallet(owner).writeContract({ address: ptn, abi: erc20Abi, functionName: "approve", args: [rewarder, maxUint256], chain: null }));
  const { endBlock } = await streamAt(world, pid, ptn);
  await mined(world, nodeWallet(owner).writeContract({ address: rewarder, abi: partnerRewarderAbi, functionName: "fund", args: [BigInt(pid), ptn, TOP_UP, endBlock], chain: null }));
  const farm = farmAs(world, user);
  await farm.approve(provided.pool.lpToken as Address);
  await farm.deposit(pid, provided.lp);
  await node.mine({ blocks: 5 });
  harvest = await farm.harvest(pid);
  const logs = parseEventLogs({ abi: partnerRewarderAbi, eventName: "PartnerRewardPaid", logs: harvest.logs.filter((l) => l.address.toLowerCase() === rewarder.toLowerCase()) });
  paid = logs.filter((l) => l.args.token.toLowerCase() === ptn.toLowerCase()).reduce((sum, l) => sum + l.args.amount, 0n);
  expect(paid, "the harvest paid PTN").toBeGreaterThan(0n);
  await waitForIndexer(world, harvest.blockNumber);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (startSnapshot) await node.revert({ id: startSnapshot });
});

async function openPool(viewport?: { width: number; height: number }): Promise<Page> {
  await waitForIndexer(world, await world.client.getBlockNumber(), 120_000);
  const page = await pageAs(browser, user, `pools/${pid}`, viewport);
  await page.locator("[data-test=pnl-partner-usd]").waitFor({ timeout: 30_000 });
  return page;
}

const text = (page: Page, name: string) => page.locator(`[data-test=${name}]`).innerText();

describe("position PnL with partner rewards", () => {
  test("counts the PTN paid at its price then and the PTN pending at today's, and adds both to the net", async () => {
    await waitForBlockAfter(world, harvest.blockNumber + 1n);
    const pendingBefore = await pendingPartner(world, pid, user, ptn);
    expect(pendingBefore, "PTN accrued since the harvest").toBeGreaterThan(0n);
    const page = await openPool();

    const { prices: then } = await pricesAt(world, harvest.blockNumber - 1n, [ptnPair]);
    const paidUsd = whole(paid, 18) * then(ptn);
    expect(paidUsd, "dollars, not cents: the figure is worth checking").toBeGreaterThan(1);
    expectShown("partner rewards paid", usdShown(await text(page, "pnl-partner-usd")), paidUsd);
    expect(await text(page, "pnl-partner")).toMatch(/^[\d,.]+ PTN$/);
    const shownPaid = await readAmount(page.locator("[data-test=pnl-partner]"));
    expect(isCutToSignificant(paid, shownPaid), `PTN paid shown ${shownPaid}, on chain ${paid}`).toBe(true);

    const now = await world.client.getBlockNumber();
    const pendingAfter = await pendingPartner(world, pid, user, ptn);
    const { prices: today } = await pricesAt(world, now, [ptnPair]);
    const pendingUsd = usdShown(await text(page, "pnl-partner-pending-usd"));
    expect(pendingUsd.value).toBeGreaterThanOrEqual(whole(pendingBefore, 18) * today(ptn) * 0.999 - pendingUsd.unit);
    expect(pendingUsd.value).toBeLessThanOrEqual(whole(pendingAfter, 18) * today(ptn) * 1.001 + pendingUsd.unit);

    // The net is the sum of its parts as shown, the partner tokens' included.
    const parts = ["pnl-il", "pnl-fees", "pnl-rewards-usd", "pnl-pending-usd", "pnl-partner-usd", "pnl-partner-pending-usd"];
    const shown = await Promise.all(parts.map(async (name) => usdShown(await text(page, name))));
    const net = usdShown(await text(page, "pnl-net"));
    const sum = shown.reduce((s, p) => s + p.value, 0);
    const slack = shown.reduce((s, p) => s + p.unit / 2, 0);
    expect(Math.abs(net.value - sum), `net ${net.value}, parts ${sum}`).toBeLessThanOrEqual(slack + net.unit / 2 + Math.abs(sum) * 1e-4);
    expect(await text(page, "pnl-net-hint")).toContain("partner tokens included");
    await screenshot(page, "history-pool-page-partners");
    await page.close();
  });
});

/**
 * The pool page (#/pools/N, issue 16) and a position's PnL against holding. Dev account #8 adds
 * WBTC/WETH liquidity, stakes all of it, buys WBTC with ETH (the price moves and the swap leaves
 * its 0.3% in the pair), and harvests. Once the indexer has caught up:
 *
 * - the PnL figures equal what the chain says, computed here: the tokens the LP stood for at the
 *   deposit's block (its share of the reserves then), the LP's value now, the loss of a 50/50 pool
 *   for the price move (2√r/(1+r) − 1 of the held value), the fees (the growth of √(reserve0·reserve1)
 *   per LP since the deposit), the reward minted by the harvest valued at its block, and pending
 *   reward; WBTC is priced by this very pair, so position − held = loss + fees;
 * - the pool's last staked value and reward and fee APRs equal those computed from the chain at the
 *   block the indexer's last bucket stands at; hourly and daily agree on it.
 */
import type { Browser, Page } from "playwright-core";
import { type Address, formatUnits, parseAbiItem, parseEther, parseUnits, type TransactionReceipt } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { farmAbi, uniswapV2PairAbi } from "../src/chain/abis.generated";
import { connectDevAccount, launchBrowser, openApp, readAmount, screenshot } from "./browser";
import { openWorld, pendingOf, provideLiquidity, waitForBlockAfter, type World } from "./chain";
import { expectShown, farmAs, indexerUrl, marketAt, rewardMinted, rewardPriceAt, swapEthFor, usdShown, waitForIndexer } from "./history-chain";
import { readPair, shownValue, whole } from "./pool-figures";

const ACCOUNT = 8;
const YEAR_SECONDS = 365 * 86_400;
const SWAP = parseAbiItem("event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)");

let world: World;
let browser: Browser;
let user: Address;
let pid: number;
let lp: bigint;
let deposit: TransactionReceipt;
let harvest: TransactionReceipt;
let lastBlock: bigint;

beforeAll(async () => {
  world = await openWorld();
  user = world.accounts[ACCOUNT]!;
  const provided = await provideLiquidity(world, user, "WBTC", parseUnits("5", 8), parseEther("100"));
  pid = provided.pool.pid;
  lp = provided.lp;
  const farm = farmAs(world, user);
  await farm.approve(provided.pool.lpToken as Address);
  deposit = await farm.deposit(pid, lp);
  const wbtc = (provided.pool.symbol0 === "WBTC" ? provided.pool.token0 : provided.pool.token1) as Address;
  const swap = await swapEthFor(world, user, wbtc, parseEther("30"));
  await waitForBlockAfter(world, swap.blockNumber);
  harvest = await farm.harvest(pid);
  lastBlock = harvest.blockNumber;
  await waitForIndexer(world, lastBlock);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function openPool(viewport?: { width: number; height: number }): Promise<Page> {
  // The indexer may have been restarted since (another file's revert, a stall on a busy machine):
  // the page and the API must both read a caught-up indexer, not one re-indexing between them.
  await waitForIndexer(world, await world.client.getBlockNumber(), 120_000);
  const page = await openApp(browser, `pools/${pid}`);
  if (viewport) await page.setViewportSize(viewport);
  await connectDevAccount(page, ACCOUNT);
  await page.locator("[data-test=pnl-net]").waitFor({ timeout: 30_000 });
  await page.locator("[data-test=tvl-chart]").waitFor();
  return page;
}

const text = (page: Page, name: string) => page.locator(`[data-test=${name}]`).innerText();

describe("position PnL against holding", () => {
  test("shows the position, the value held, the loss, the fees, the rewards and the net as the chain has them", async () => {
    // Pending grows every block: the page shows it between what it is before opening and after reading.
    await waitForBlockAfter(world, lastBlock + 1n);
    const pendingBefore = await pendingOf(world, pid, user);
    expect(pendingBefore, "reward accrued since the harvest").toBeGreaterThan(0n);
    const page = await openPool();
    // Nothing moves this pair after the harvest: the reserves now are those of the last block.
    const now = await world.client.getBlockNumber();
    const pairAddress = world.deployment.pools[pid]!.lpToken as Address;
    const [then, current] = await Promise.all([readPair(world, pairAddress, deposit.blockNumber), readPair(world, pairAddress, now)]);
    const { price } = await marketAt(world, now);
    const [p0, p1] = [price(current.token0), price(current.token1)];
    const share = whole(lp, 18);
    // The tokens the LP stood for when staked: what burning it would have paid then, the pair's
    // floor(lp · reserve / supply) in base units (a satoshi's rounding of 5 WBTC is 2e-9 of it,
    // and the fees below are the growth of a share of the reserves of 4e-5: taken from the rounded
    // amounts, as the indexer records them, or the last cent would be a coin toss).
    const [reserve0Then, reserve1Then] = await world.client.readContract({ address: pairAddress, abi: uniswapV2PairAbi, functionName: "getReserves", blockNumber: deposit.blockNumber });
    const a0 = whole((lp * reserve0Then) / then.supply, then.decimals0);
    const a1 = whole((lp * reserve1Then) / then.supply, then.decimals1);
    // And what they are worth today held.
    const held = a0 * p0 + a1 * p1;
    const position = (share / whole(current.supply, 18)) * (current.reserve0 * p0 + current.reserve1 * p1);
    const r = current.reserve1 / current.reserve0 / (a1 / a0);
    const il = held * ((2 * Math.sqrt(r)) / (1 + r) - 1);
    const growth = Math.sqrt(current.reserve0 * current.reserve1) / whole(current.supply, 18) / (Math.sqrt(a0 * a1) / share);
    const fees = position * (1 - 1 / growth);
    expect(r, "the swap moved the price").not.toBeCloseTo(1, 3);
    expect(fees, "the swap left a fee").toBeGreaterThan(0);
    expect(position - held).toBeCloseTo(il + fees, 6);
    const reward = rewardMinted(world, harvest, user);
    const rewardUsd = whole(reward, 18) * (await rewardPriceAt(world, harvest.blockNumber));

    expectShown("position", usdShown(await text(page, "pnl-position")), position);
    expectShown("held", usdShown(await text(page, "pnl-held")), held);
    expectShown("impermanent loss", usdShown(await text(page, "pnl-il")), il);
    expectShown("fees", usdShown(await text(page, "pnl-fees")), fees);
    expectShown("rewards paid", usdShown(await text(page, "pnl-rewards-usd")), rewardUsd);
    expect(await text(page, "pnl-rewards")).toBe(`${shownRwd(reward)} RWD`);
    const pendingAfter = await pendingOf(world, pid, user);
    const pendingShown = await readAmount(page.locator("[data-test=pnl-pending]"));
    expect(pendingShown + 10n ** 14n > pendingBefore && pendingShown <= pendingAfter, `pending ${pendingShown} between ${pendingBefore} and ${pendingAfter}`).toBe(true);
    const pendingUsd = usdShown(await text(page, "pnl-pending-usd"));
    const rewardPrice = await rewardPriceAt(world, now);
    expect(pendingUsd.value).toBeGreaterThanOrEqual(whole(pendingBefore, 18) * rewardPrice * 0.999 - pendingUsd.unit);
    expect(pendingUsd.value).toBeLessThanOrEqual(whole(pendingAfter, 18) * rewardPrice * 1.001 + pendingUsd.unit);
    // WBTC is priced by this very pair: no gap between the pair's price and the USD prices.
    expect(await page.locator("[data-test=pnl-price-gap]").count()).toBe(0);
    // The net is the sum of its parts as shown.
    const net = usdShown(await text(page, "pnl-net"));
    expectShown("net", net, il + fees + rewardUsd + pendingUsd.value, 1e-4);
    // The chart's last point is now: hovered, it says the same net.
    const chart = page.locator("[data-test=pnl-chart] svg");
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width - 14, box.y + box.height / 2);
    const tip = page.locator("[data-test=pnl-chart] [data-test=chart-tip]");
    await tip.waitFor();
    expect(await tip.innerText()).toContain(`Net against holding ${net.value < 0 ? "-" : ""}$`);
    expectShown("chart net", usdShown(await tip.locator("div", { hasText: "Net against holding" }).locator("strong").innerText()), net.value, 1e-4);
    await screenshot(page, "history-pool-page");
    await page.close();
  });
});

/** An RWD amount as the page cuts it: at most 4 decimals, trailing zeros dropped. */
function shownRwd(wei: bigint): string {
  const [i, f = ""] = formatUnits(wei, 18).split(".");
  const frac = f.slice(0, 4).replace(/0+$/, "");
  return `${Number(i).toLocaleString("en-US")}${frac ? `.${frac}` : ""}`;
}

describe("pool page", () => {
  test("shows the last bucket's staked value and APRs as the chain computes them at its block, hourly and daily alike", async () => {
    const page = await openPool();
    const series = (await (await fetch(`${indexerUrl(world)}/api/pools/${pid}/series?interval=hour`)).json()) as { points: { start: number; block: number }[] };
    const last = series.points.at(-1)!;
    const block = BigInt(last.block);
    const { pairs, price } = await marketAt(world, block);
    const pair = pairs[pid]!;
    const farm = { address: world.deployment.farm as Address, abi: farmAbi, blockNumber: block } as const;
    const [[, allocPoint, totalStaked], rewardPerBlock, totalAlloc] = await Promise.all([
      world.client.readContract({ ...farm, functionName: "poolInfo", args: [BigInt(pid)] }),
      world.client.readContract({ ...farm, functionName: "rewardPerBlock" }),
      world.client.readContract({ ...farm, functionName: "totalAllocPoint" }),
    ]);
    const reserveUsd = pair.reserve0 * price(pair.token0) + pair.reserve1 * price(pair.token1);
    const stakedUsd = (whole(totalStaked, 18) / whole(pair.supply, 18)) * reserveUsd;
    const blockSeconds = world.deployment.blockSeconds!;
    const rewardApr = (whole(rewardPerBlock, 18) * (YEAR_SECONDS / blockSeconds) * (Number(allocPoint) / Number(totalAlloc)) * price(world.deployment.rewardToken)) / stakedUsd;
    expectShown("last TVL", usdShown(await text(page, "last-tvl")), stakedUsd);
    const aprShown = shownValue(await text(page, "last-reward-apr"));
    expectShown("last reward APR (%)", aprShown, rewardApr * 100);
    // Fee APR: the bucket's swaps (blocks stamped within its hour), each valued on its input side at
    // its block's prices, 0.3% of it scaled from an hour to a year, over the reserves at the bucket's block.
    const swaps = await world.client.getLogs({ address: pair.address, event: SWAP, fromBlock: 0n, toBlock: block });
    let volume = 0;
    for (const log of swaps) {
      const stamp = Number((await world.client.getBlock({ blockNumber: log.blockNumber })).timestamp);
      if (stamp < last.start || stamp >= last.start + 3_600) continue;
      const at = await marketAt(world, log.blockNumber);
      volume += whole(log.args.amount0In!, pair.decimals0) * at.price(pair.token0) + whole(log.args.amount1In!, pair.decimals1) * at.price(pair.token1);
    }
    // (The swap lands in this hour unless the hour turned between it and the harvest: then 0%.)
    const feeApr = (0.003 * volume * (YEAR_SECONDS / 3_600)) / reserveUsd;
    expectShown("last fee APR (%)", shownValue(await text(page, "last-fee-apr")), feeApr * 100, 1e-4);
    await page.locator("[data-test=interval-day]").click();
    await page.locator("[data-test=charts][data-interval=day]").waitFor();
    expectShown("last TVL (daily)", usdShown(await text(page, "last-tvl")), stakedUsd);
    await page.close();
  });

  test("is linked from the pool's card, and fits a 390 px phone", async () => {
    const page = await openApp(browser, "farms");
    await page.setViewportSize({ width: 390, height: 844 });
    await connectDevAccount(page, ACCOUNT);
    await page.locator(`[data-test=pool-${pid}] [data-test=pool-page-link]`).click();
    await page.locator("[data-test=pnl-net]").waitFor({ timeout: 30_000 });
    expect(page.url()).toContain(`#/pools/${pid}`);
    await page.locator("[data-test=apr-chart]").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Tap the PnL chart: its tooltip names the date and every series' value there.
    const chart = page.locator("[data-test=pnl-chart] svg");
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    await page.mouse.click(box.x + box.width - 10, box.y + box.height / 2);
    await expect.poll(() => page.locator("[data-test=pnl-chart] [data-test=chart-tip]").innerText()).toMatch(/Net against holding/);
    await screenshot(page, "history-pool-page-phone");
    await page.close();
  });
});

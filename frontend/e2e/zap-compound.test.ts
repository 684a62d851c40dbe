/**
 * Compound (issue 15), as dev account #13 staked in DAI/WETH and USDC/WETH: "Compound" beside
 * Harvest all harvests both pools' pending reward and stakes it as LP of RWD/WETH in one
 * zap.compound with the path [RWD]; then again into DAI/WETH, the path [RWD, WETH]. Each time the
 * LP staked on chain is computed here from the reward the farm paid and the pairs at the block
 * before (never from the app), and is at least the minimum the dialog showed. The APY the dialog
 * gives is recomputed from the chain's figures (e2e/pool-figures.ts) and the gas it states.
 */
import { type Address, erc20Abi, parseEther, parseEventLogs } from "viem";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { farmAbi, farmZapAbi } from "../src/chain/abis.generated";
import { connectDevAccount, launchBrowser, openApp, screenshot, settledNotice, waitForPosition } from "./browser";
import { balanceOf, nodeWallet, openWorld, pendingOf, poolBySymbols, provideLiquidity, stakedOf, transactionsSince, waitForBlockAfter, type World } from "./chain";
import { poolFigures } from "./pool-figures";
import { lessSlippage, pairAt, sideOf, swapThrough, zapInto } from "./zap-math";

const COMPOUNDER = 13;
const PHONE = { width: 390, height: 844 };
const SLIPPAGE_BPS = 50n;

let browser: Browser;
let page: Page;
let world: World;
let user: Address;
let zap: Address;
const gas: Record<string, bigint> = {};

beforeAll(async () => {
  world = await openWorld();
  user = world.accounts[COMPOUNDER];
  zap = world.deployment.zap as Address;
  const farm = world.deployment.farm as Address;
  const mined = async (hash: `0x${string}`) => expect((await world.client.waitForTransactionReceipt({ hash })).status).toBe("success");
  // Stakes in two pools, made by hand as any staker would.
  for (const [symbol, amount] of [["DAI", parseEther("3000")], ["USDC", 3_000_000_000n]] as const) {
    const { pool, lp } = await provideLiquidity(world, user, symbol, amount, parseEther("1"));
    await mined(await nodeWallet(user).writeContract({ address: pool.lpToken as Address, abi: erc20Abi, functionName: "approve", args: [farm, lp], chain: null }));
    await mined(await nodeWallet(user).writeContract({ address: farm, abi: farmAbi, functionName: "deposit", args: [BigInt(pool.pid), lp], chain: null }));
  }
  await waitForBlockAfter(world, (await world.client.getBlockNumber()) + 2n); // a few blocks of reward
  browser = await launchBrowser();
  page = await openApp(browser);
  await connectDevAccount(page, COMPOUNDER);
  await waitForPosition(page, poolBySymbols(world, "DAI", "WETH").pid);
});

afterAll(async () => {
  if (Object.keys(gas).length > 0) console.log(`compound gas used: ${Object.entries(gas).map(([what, used]) => `${what} ${used}`).join(", ")}`);
  await browser?.close();
});

async function promised(locator: Locator): Promise<bigint> {
  return BigInt((await locator.getAttribute("data-wei"))!);
}

/** Sends the dialog's compound and returns its receipt and the Compounded event, after checking it was #13's one transaction, to the zap. */
async function compoundFrom(dialog: Locator) {
  const block = await world.client.getBlockNumber();
  const notice = await settledNotice(page, () => dialog.locator("[data-test=compound-confirm]").click());
  expect(notice.status, notice.text).toBe("confirmed");
  const sent = (await transactionsSince(world, user, block)).filter((t) => t.to?.toLowerCase() === zap.toLowerCase());
  expect(sent, "one transaction to the zap").toHaveLength(1);
  const receipt = await world.client.getTransactionReceipt({ hash: sent[0].hash });
  expect(receipt.status).toBe("success");
  const [event] = parseEventLogs({ abi: farmZapAbi, logs: receipt.logs, eventName: "Compounded" });
  const harvested = parseEventLogs({ abi: farmAbi, logs: receipt.logs, eventName: "Harvest" }).filter((h) => h.args.user.toLowerCase() === user.toLowerCase());
  // The reward compounded is exactly what the farm paid from the pools harvested.
  expect(event.args.reward).toBe(harvested.reduce((sum, h) => sum + h.args.amount, 0n));
  return { receipt, event: event.args, notice, harvestedPids: harvested.map((h) => Number(h.args.pid)) };
}

describe("compound", () => {
  test("into RWD/WETH (the pair holds RWD: no swap path): both pools' reward becomes staked LP, as computed from the chain", async () => {
    const dai = poolBySymbols(world, "DAI", "WETH");
    const usdc = poolBySymbols(world, "USDC", "WETH");
    const rwd = poolBySymbols(world, "RWD", "WETH");
    await page.locator("[data-test=compound]").click();
    const dialog = page.locator("[data-test=compound-dialog]");
    expect(await dialog.locator("[data-test=compound-target]").inputValue()).toBe(String(rwd.pid));
    await dialog.locator(`[data-test=compound-from-${dai.pid}]`).waitFor();
    await dialog.locator(`[data-test=compound-from-${usdc.pid}]`).waitFor();
    const quote = dialog.locator("[data-test=compound-quote]");
    await quote.waitFor();
    expect(await quote.locator("[data-test=compound-path]").innerText()).toBe("RWD, zapped straight in");
    // The reward shown is the pending at the block the page read: one of the last few blocks' sums.
    const shownReward = await promised(dialog.locator("[data-test=compound-reward]"));
    const now = await world.client.getBlockNumber();
    const pendingAt = async (block: bigint) => (await pendingOf(world, dai.pid, user, block)) + (await pendingOf(world, usdc.pid, user, block));
    const recent = await Promise.all([0n, 1n, 2n, 3n, 4n].map((back) => pendingAt(now - back)));
    expect(recent).toContain(shownReward);

    // The one-time step first.
    const step = dialog.locator("[data-test=operator-step]");
    await step.waitFor();
    expect(await dialog.locator("[data-test=compound-confirm]").isDisabled()).toBe(true);
    await screenshot(page, "zap-compound-step-desktop", false);
    expect((await settledNotice(page, () => step.locator("[data-test=allow-zap]").click())).status).toBe("confirmed");
    await dialog.locator("[data-test=operator-allowed]").waitFor();

    // The APY at each frequency, from the chain's own figures and the gas the dialog states.
    for (const every of ["daily", "weekly", "monthly"] as const) {
      await dialog.locator(`[data-test=compound-every-${every}]`).click();
      await expectApy(dialog, rwd.pid, { daily: 365, weekly: 52, monthly: 12 }[every]);
    }
    await screenshot(page, "zap-compound-desktop", false);

    const shownLp = await promised(quote.locator("[data-test=compound-lp]"));
    const shownMin = await promised(quote.locator("[data-test=compound-min-lp]"));
    expect(shownMin).toBe(lessSlippage(shownLp, SLIPPAGE_BPS));
    const stakedBefore = await stakedOf(world, rwd.pid, user);
    const rwdBefore = await balanceOf(world, world.deployment.rewardToken as Address, user);
    const wethBefore = await balanceOf(world, world.deployment.weth as Address, user);
    const { receipt, event, notice, harvestedPids } = await compoundFrom(dialog);
    gas.compoundDirect = receipt.gasUsed;
    expect(harvestedPids.sort()).toEqual([dai.pid, usdc.pid].sort());
    expect(await pendingOf(world, dai.pid, user, receipt.blockNumber)).toBe(0n);
    expect(await pendingOf(world, usdc.pid, user, receipt.blockNumber)).toBe(0n);

    const pair = await pairAt(world, rwd.lpToken as Address, receipt.blockNumber - 1n);
    const expected = zapInto(pair, sideOf(pair, world.deployment.rewardToken), event.reward);
    const staked = (await stakedOf(world, rwd.pid, user)) - stakedBefore;
    expect(staked).toBe(expected.lp);
    expect(staked).toBe(event.liquidity);
    expect(staked).toBeGreaterThanOrEqual(shownMin);
    // A block or two more of reward than the dialog quoted: at least the LP shown, give or take the rounding.
    expect(staked + 2n).toBeGreaterThanOrEqual(shownLp);
    // The leftovers, as the event says, in the wallet.
    expect((await balanceOf(world, world.deployment.rewardToken as Address, user)) - rwdBefore).toBe(expected.leftovers[sideOf(pair, world.deployment.rewardToken)]);
    expect((await balanceOf(world, world.deployment.weth as Address, user)) - wethBefore).toBe(expected.leftovers[sideOf(pair, world.deployment.weth)]);
    expect(notice.text).toMatch(/Compounded [\d.,]+ RWD \(\$[\d,.]+\) into [\d.]+ RWD\/WETH LP \(\$[\d,.]+\), staked\./);
  });

  test("into DAI/WETH: swapped to WETH in RWD/WETH first (path RWD → WETH); on a 390 px phone", async () => {
    const dai = poolBySymbols(world, "DAI", "WETH");
    const rwd = poolBySymbols(world, "RWD", "WETH");
    await waitForBlockAfter(world, (await world.client.getBlockNumber()) + 2n);
    await page.setViewportSize(PHONE);
    await page.locator("[data-test=compound]").click();
    const dialog = page.locator("[data-test=compound-dialog]");
    await dialog.locator("[data-test=compound-target]").selectOption(String(dai.pid));
    const quote = dialog.locator("[data-test=compound-quote]");
    await expect.poll(() => quote.locator("[data-test=compound-path]").innerText().catch(() => ""), { timeout: 10_000 }).toBe("RWD → WETH");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // #13's DAI/WETH stake is worth thousands: gas weighs little, and the APY is well above the APR.
    for (const every of ["daily", "weekly", "monthly"] as const) {
      await dialog.locator(`[data-test=compound-every-${every}]`).click();
      await expectApy(dialog, dai.pid, { daily: 365, weekly: 52, monthly: 12 }[every]);
    }
    await screenshot(page, "zap-compound-phone", false);
    const shownMin = await promised(quote.locator("[data-test=compound-min-lp]"));
    const stakedBefore = await stakedOf(world, dai.pid, user);
    const { receipt, event } = await compoundFrom(dialog);
    gas.compoundViaWeth = receipt.gasUsed;
    const before = receipt.blockNumber - 1n;
    const hop = swapThrough(await pairAt(world, rwd.lpToken as Address, before), world.deployment.rewardToken, event.reward);
    const target = await pairAt(world, dai.lpToken as Address, before);
    const expected = zapInto(target, sideOf(target, world.deployment.weth), hop.out);
    const staked = (await stakedOf(world, dai.pid, user)) - stakedBefore;
    expect(staked).toBe(expected.lp);
    expect(staked).toBeGreaterThanOrEqual(shownMin);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

/**
 * The dialog's APY at `periods` a year against the same year worked out here: the pool's reward
 * APR for unlocked LP (its yearly reward over its staked value: the world's RWD/WETH pool holds no
 * lock) plus its fee APR, from the chain; the gas each compound costs as the dialog states it
 * (units × gwei × ETH's price, ETH's price from the chain), paid out of the position at each of the
 * year's re-stakings but the last, which would change nothing.
 */
async function expectApy(dialog: Locator, pid: number, periods: number): Promise<void> {
  const f = await poolFigures(world, pid, user);
  const assumptions = await dialog.locator("[data-test=compound-assumptions]").innerText();
  const [, units, gwei] = /\(about ([\d,]+) gas at ([\d.]+) gwei|\(([\d,]+) gas, the node's estimate at ([\d.]+) gwei/.exec(assumptions)!.filter(Boolean);
  const ethPrice = Number(/ETH at \$([\d,.]+)\)/.exec(assumptions)![1].replaceAll(",", ""));
  const gasUsd = Number(units.replaceAll(",", "")) * Number(gwei) * 1e-9 * ethPrice;
  const lpUsd = Number(/\$([\d,.]+)/.exec(await dialog.locator("[data-test=compound-quote] dd span.muted").first().innerText())![1].replaceAll(",", ""));
  const position = f.userStakedUsd + lpUsd;
  const rewardApr = f.yearlyRewardUsd / f.stakedUsd;
  let stake = 1;
  // Gas beyond the stake ends the compounding with nothing left (−100%).
  for (let i = 0; i < periods - 1 && stake > 0; i++) stake = Math.max(0, stake * (1 + rewardApr / periods) - gasUsd / position);
  const apy = stake * Math.exp(f.feeApr) + (stake * rewardApr) / periods - 1;
  const shown = Number((await dialog.locator("[data-test=compound-apy]").innerText()).replace(/[%,]/g, "")) / 100;
  // Prices and the stake move a little between the page's block and these reads: a hundredth of a point.
  expect(Math.abs(shown - apy), `APY ${periods}×/year: shown ${shown}, computed ${apy}`).toBeLessThan(1e-4 + Math.abs(apy) * 1e-3);
  const apr = Number((await dialog.locator("[data-test=compound-apr]").innerText()).replace(/[%,]/g, "")) / 100;
  expect(Math.abs(apr - (rewardApr + f.feeApr))).toBeLessThan(1e-4 + apr * 1e-3);
}

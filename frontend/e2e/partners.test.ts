/**
 * Partner rewards on the farms page (issue 17), as dev account #25 in the WBTC/WETH pool: a stake
 * made before the pool's first stream earns no partner token until its next deposit, so its card
 * says so and its Harvest sends a deposit of 0 ("Harvest and start earning …"); then each partner
 * token's APR (a token without a USD price shows "—" and why), the combined APR, the pending
 * amount per token with USD, a harvest that pays the partner token, and, after an emergency
 * withdrawal (which leaves partner rewards owed), the owed amount and its Claim. Every figure is
 * computed here from the chain alone (e2e/partners-chain.ts). The owner (#0) funds the streams for
 * the setup; the file reverts the chain to where it found it when it ends.
 */
import { type Address, erc20Abi, type Hex, parseEther, parseEventLogs, parseUnits } from "viem";
import type { Browser, Locator, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { farmAbi, partnerRewarderAbi } from "../src/chain/abis.generated";
import { launchBrowser, parseUsd, readAmount, screenshot, settledNotice, UI_TIMEOUT } from "./browser";
import { balanceOf, decodeFarmCall, nodeWallet, onlyFarmCallDuring, openWorld, poolBySymbols, provideLiquidity, stakedOf, transactionsSince, type World } from "./chain";
import { devAccount, fundAs, isShownPercent, mined, mint, node, pageAs, pairWithWeth, partnerAprAt, partnerToken, pendingPartner, pricesAt, rewarderOf } from "./partners-chain";

const STAKER = 25;
const PHONE = { width: 390, height: 844 };

let startSnapshot: Hex;
let world: World;
let browser: Browser;
let page: Page;
let card: Locator;
let user: Address;
let pid: number;
/** A second pool where #25's stake predates the stream: Harvest all enrols it. */
let second: number;
let ptn: Address;
/** A token with no pair to price it: another pool's LP token (UNI-V2). */
let unpriced: Address;

beforeAll(async () => {
  startSnapshot = await node.snapshot();
  world = await openWorld();
  pid = poolBySymbols(world, "WBTC", "WETH").pid;
  second = poolBySymbols(world, "DAI", "WETH").pid;
  user = await devAccount(STAKER);
  // #25 stakes WBTC/WETH and DAI/WETH LP while the pools have no stream yet.
  const wallet = nodeWallet(user);
  for (const [symbol, amount] of [["WBTC", parseUnits("1", 8)], ["DAI", parseEther("60000")]] as const) {
    const { pool, lp } = await provideLiquidity(world, user, symbol, amount, parseEther("20"));
    await mined(world, wallet.writeContract({ address: pool.lpToken as Address, abi: erc20Abi, functionName: "approve", args: [world.deployment.farm as Address, lp], chain: null }));
    await mined(world, wallet.writeContract({ address: world.deployment.farm as Address, abi: farmAbi, functionName: "deposit", args: [BigInt(pool.pid), lp], chain: null }));
  }
  // Then the owner streams PTN on it, and DAI/WETH LP, which no pair prices.
  const owner = world.accounts[0];
  ptn = await partnerToken(world);
  unpriced = poolBySymbols(world, "DAI", "USDC").lpToken as Address;
  await mint(world, ptn, owner, parseEther("6000"));
  await fundAs(world, owner, pid, ptn, parseEther("5000"), 100_000n);
  await fundAs(world, owner, second, ptn, parseEther("1000"), 100_000n);
  await fundAs(world, owner, pid, unpriced, parseEther("0.01"), 100_000n);
  browser = await launchBrowser();
  page = await pageAs(browser, user);
  card = page.locator(`[data-test=pool-${pid}]`);
  await card.locator("[data-test=partners]").waitFor();
});

afterAll(async () => {
  await browser?.close();
  if (startSnapshot) await node.revert({ id: startSnapshot });
});

describe("partner rewards on the farms page", () => {
  test("a stake made before the pool's first stream earns no partner token, and Harvest enrols it with a deposit of 0", async () => {
    const [weight] = await world.client.readContract({ address: await rewarderOf(world), abi: partnerRewarderAbi, functionName: "weights", args: [BigInt(pid), user] });
    expect(weight, "the rewarder does not count #25's stake yet").toBe(0n);
    expect(await stakedOf(world, pid, user)).toBeGreaterThan(0n);

    // The demo world's PTN stream on USDC/WETH has its price from the first figures shown: its pair joins the read first.
    expect(await page.locator("[data-test=pool-0] [data-test=partner-PTN] [data-test=partner-apr]").innerText()).toMatch(/^[\d,.]+%$/);
    const harvest = card.locator("[data-test=harvest]");
    await expect.poll(() => harvest.innerText()).toBe("Harvest and start earning PTN and UNI-V2");
    await expect.poll(() => card.locator("[data-test=partner-enrol-note]").innerText()).toContain("Your stake here was made before the PTN and UNI-V2 stream began, so it earns no PTN and UNI-V2 yet");
    expect(await page.locator("[data-test=harvest-all-enrol-note]").innerText()).toMatch(/^Harvest all pays every token, and also starts partner rewards for your stakes in 2 pools made before their first stream/);
    await screenshot(page, "partners-enrol");

    const call = await onlyFarmCallDuring(world, user, async () => {
      const notice = await settledNotice(page, () => harvest.click());
      expect(notice.status, notice.text).toBe("confirmed");
    });
    expect([call.functionName, call.args]).toEqual(["deposit", [BigInt(pid), 0n]]);
    const [after] = await world.client.readContract({ address: await rewarderOf(world), abi: partnerRewarderAbi, functionName: "weights", args: [BigInt(pid), user] });
    expect(after, "counted from the deposit of 0 on, at its stake").toBe(await stakedOf(world, pid, user));
    await expect.poll(() => harvest.innerText()).toBe("Harvest");
    await expect(card.locator("[data-test=partner-enrol-note]").count()).resolves.toBe(0);
  });

  test("Harvest all pays every pool and enrols the stake that earns no partner token yet, with a deposit of 0", async () => {
    const note = page.locator("[data-test=harvest-all-enrol-note]");
    await expect.poll(() => note.innerText()).toMatch(/stakes in 1 pool made before/);
    // Something to harvest in the enrolled pool too (its last action was a block or two ago).
    await expect.poll(() => readAmount(card.locator("[data-test=pending]")), { timeout: UI_TIMEOUT }).toBeGreaterThan(0n);
    const from = await world.client.getBlockNumber();
    const notice = await settledNotice(page, () => page.locator("[data-test=harvest-all]").click());
    expect(notice.status, notice.text).toBe("confirmed");
    // Two transactions: harvestAll over the pools with something to pay, then the enrolment.
    await expect.poll(async () => (await transactionsSince(world, user, from)).length, { timeout: 20_000 }).toBe(2);
    const calls = await Promise.all((await transactionsSince(world, user, from)).map((t) => decodeFarmCall(world, t)));
    expect(calls.map((c) => [c.functionName, c.receipt.status])).toEqual([["harvestAll", "success"], ["deposit", "success"]]);
    expect(calls[0].args[0]).toContain(BigInt(pid));
    expect(calls[0].args[0]).not.toContain(BigInt(second));
    expect(calls[1].args).toEqual([BigInt(second), 0n]);
    const [weight] = await world.client.readContract({ address: await rewarderOf(world), abi: partnerRewarderAbi, functionName: "weights", args: [BigInt(second), user] });
    expect(weight).toBe(await stakedOf(world, second, user));
    await expect.poll(() => note.count()).toBe(0);
  });

  test("each partner token's APR, the combined APR and the pending amounts are the chain's", async () => {
    // Let PTN accrue, then read the card's figures and the block they are for, at once. Meanwhile
    // the page reads the rewarder's events (for owed payments) only when the account changes or
    // sends: never every block (the swap window's one read of logs may fall in these 6 s).
    const logReads: string[] = [];
    const count = (request: Request) => {
      if (request.method() !== "POST" || !request.url().endsWith("/rpc")) return;
      for (const call of [request.postDataJSON() as { method: string }].flat()) if (call.method === "eth_getLogs") logReads.push(call.method);
    };
    page.on("request", count);
    await node.mine({ blocks: 3 });
    await page.waitForTimeout(6_000);
    page.off("request", count);
    expect(logReads.length, "no reads of logs every block").toBeLessThanOrEqual(1);
    await expect.poll(async () => readAmount(card.locator(`[data-test=partner-PTN] [data-test=partner-pending]`)), { timeout: UI_TIMEOUT }).toBeGreaterThan(0n);
    const shown = await card.locator("[data-test=partners]").evaluate((row) => {
      const text = (selector: string) => row.querySelector(selector)?.textContent?.trim() ?? "";
      return {
        block: BigInt(row.getAttribute("data-block")!),
        ptnApr: text("[data-test=partner-PTN] [data-test=partner-apr]"),
        ptnPending: text("[data-test=partner-PTN] [data-test=partner-pending]"),
        ptnPendingUsd: text("[data-test=partner-PTN] [data-test=partner-pending-usd]"),
        lpApr: text("[data-test=partner-UNI-V2] [data-test=partner-apr]"),
        lpReason: text("[data-test=partner-UNI-V2] [data-test=partner-apr-reason]"),
        lpPendingUsd: text("[data-test=partner-UNI-V2] [data-test=partner-pending-usd]"),
        combined: text("[data-test=combined-apr]"),
      };
    });
    const block = shown.block;
    const ptnApr = await partnerAprAt(world, pid, ptn, block);
    expect(isShownPercent(shown.ptnApr, ptnApr), `PTN APR ${shown.ptnApr} vs ${ptnApr * 100}%`).toBe(true);
    expect(shown.lpApr).toBe("—");
    expect(shown.lpReason).toBe("UNI-V2 has no Uniswap pair with WETH or the stablecoin, so it has no USD price and its APR cannot be told.");
    expect(shown.lpPendingUsd).toBe("no USD price");

    // Pending: the rewarder's figure at that block, cut to 4 decimals, and in USD at PTN's price.
    const pending = await pendingPartner(world, pid, user, ptn, block);
    const shownPending = parseUnits(shown.ptnPending.replace(" PTN", "").replaceAll(",", ""), 18);
    expect(shownPending <= pending && pending - shownPending < 10n ** 14n, `${shown.ptnPending} vs ${pending}`).toBe(true);
    const { prices } = await pricesAt(world, block, [await pairWithWeth(world, ptn)]);
    expect(Math.abs(parseUsd(shown.ptnPendingUsd) - (Number(pending) / 1e18) * prices(ptn))).toBeLessThanOrEqual(0.006);

    // Combined: the farm's reward and fee APRs the card shows beside it, plus PTN's.
    const rewardPart = await card.locator("[data-test=reward-apr]").innerText();
    const feePart = await card.locator("[data-test=fee-apr]").innerText();
    const parts = [rewardPart, feePart].map((t) => Number(t.replace(/[%,]/g, "")) / 100);
    expect(Math.abs(Number(shown.combined.replace(/[%,]/g, "")) / 100 - (parts[0] + parts[1] + ptnApr))).toBeLessThan(0.0002);

    await screenshot(page, "partners-card");
    await page.setViewportSize(PHONE);
    await card.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "no horizontal scroll at 390 px").toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, "partners-card-phone");
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test("Harvest pays the partner token with the farm's reward", async () => {
    const before = await balanceOf(world, ptn, user);
    const call = await onlyFarmCallDuring(world, user, async () => {
      const notice = await settledNotice(page, () => card.locator("[data-test=harvest]").click());
      expect(notice.status, notice.text).toBe("confirmed");
    });
    expect(call.functionName).toBe("harvest");
    const paid = parseEventLogs({ abi: partnerRewarderAbi, logs: call.receipt.logs, eventName: "PartnerRewardPaid" }).filter((l) => l.args.token.toLowerCase() === ptn.toLowerCase());
    expect(paid).toHaveLength(1);
    expect(paid[0].args.amount).toBeGreaterThan(0n);
    expect(await balanceOf(world, ptn, user)).toBe(before + paid[0].args.amount);
  });

  test("an emergency withdrawal leaves partner rewards owed: the card shows the amount, and Claim pays it", async () => {
    await page.locator(`[data-test=pool-${pid}] [data-test=emergency]`).click();
    const dialog = page.locator("[data-test=emergency-dialog]");
    const notice = await settledNotice(page, () => dialog.locator("[data-test=confirm]").click());
    expect(notice.status, notice.text).toBe("confirmed");
    expect(await stakedOf(world, pid, user)).toBe(0n);

    // Nothing earns any more: what is owed stays put, and the card shows it with Claim.
    const owed = await pendingPartner(world, pid, user, ptn);
    expect(owed).toBeGreaterThan(0n);
    const owedRow = card.locator("[data-test=partner-PTN] [data-test=partner-owed]");
    await owedRow.waitFor();
    expect(await owedRow.innerText()).toMatch(/^Owed to you: [\d,.]+ PTN \(a payment failed or was held back\); Claim pays it\.$/);
    const shownOwed = await readAmount(owedRow.locator("[data-test=partner-owed-amount]"));
    expect(shownOwed <= owed && owed - shownOwed < 10n ** 14n).toBe(true);
    await screenshot(page, "partners-owed");

    const before = await balanceOf(world, ptn, user);
    const claimed = await settledNotice(page, () => card.locator("[data-test=partner-claim]").click());
    expect(claimed.status, claimed.text).toBe("confirmed");
    expect(await balanceOf(world, ptn, user)).toBe(before + owed);
    expect(await pendingPartner(world, pid, user, ptn)).toBe(0n);
    await expect.poll(() => card.locator("[data-test=partner-claim]").count()).toBe(0);
  });
});

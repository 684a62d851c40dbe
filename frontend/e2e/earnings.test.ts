/**
 * What an LP earned and what each action did, as dev account #19 through a browser wallet: the
 * pending reward and the wallet's reward tokens in USD, "add to wallet", notices that say what a
 * transaction paid with its hash, the pool's pair and farm addresses, the paused farm's unstake
 * dialog, the APR breakdown on a phone, and the emergency exit with what it gives up. Every
 * figure is read back from the chain.
 */
import { type Address, erc20Abi, type Hash, isAddressEqual, maxUint256, parseEther, parseEventLogs } from "viem";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { farmAbi } from "../src/chain/abis.generated";
import { type FarmsChain, isCutToSignificant, openFarmsAs, parseUsd, readAmount, screenshot, settledNotice, UI_TIMEOUT } from "./browser";
import { balanceOf, nodeWallet, pendingOf, provideLiquidity, rewardBalance, stakedOf, type World } from "./chain";
import { injectFakeWallet, watchedAssets } from "./fake-wallet";

/** An unlocked node account no other test uses. */
const ACCOUNT = 19;
const OWNER = 0;
const WALLET = "Earnings Wallet";
const LOCAL = 31337;

let browser: Browser;
let page: Page;
let world: World;
let user: Address;
let pid: number;
let lpToken: Address;
let pool: Locator;

/** Waits for a transaction sent from a node account, which must succeed. */
async function mined(on: World, hash: Promise<Hash>): Promise<void> {
  expect((await on.client.waitForTransactionReceipt({ hash: await hash })).status).toBe("success");
}

/** LP of DAI/WETH, half of it staked, and one harvest so the wallet holds reward tokens. */
async function stakeAndHarvest(chain: FarmsChain): Promise<void> {
  const { lp } = await provideLiquidity(chain.world, chain.user, "DAI", parseEther("3000"), parseEther("1"));
  const wallet = nodeWallet(chain.user);
  const farm = { address: chain.world.deployment.farm as Address, abi: farmAbi, chain: null } as const;
  await mined(chain.world, wallet.writeContract({ address: chain.lpToken, abi: erc20Abi, functionName: "approve", args: [farm.address, maxUint256], chain: null }));
  await mined(chain.world, wallet.writeContract({ ...farm, functionName: "deposit", args: [BigInt(chain.pid), lp / 2n] }));
  await mined(chain.world, wallet.writeContract({ ...farm, functionName: "harvest", args: [BigInt(chain.pid)] }));
}

beforeAll(async () => {
  const setup = {
    before: stakeAndHarvest,
    init: (p: Page, chain: FarmsChain) => {
      const rpcUrl = new URL("rpc", inject("appUrl")).href;
      return injectFakeWallet(p, { name: WALLET, account: chain.user, chainId: LOCAL, knownChains: [LOCAL], rpcUrl });
    },
    connect: async (p: Page) => {
      await p.locator("[data-test=connect-button]").click();
      await p.locator("[data-test=injected-wallet]", { hasText: WALLET }).click();
    },
  };
  ({ world, user, pid, lpToken, browser, page, pool } = await openFarmsAs(ACCOUNT, "DAI", "WETH", setup));
});

afterAll(async () => {
  await browser?.close();
});

/** Texts read in one go, from one render: figures that move every block stay consistent. */
function texts(selectors: string[]): Promise<string[]> {
  return page.evaluate((list) => list.map((s) => document.querySelector<HTMLElement>(s)?.innerText ?? ""), selectors);
}

describe("earnings, dev account #19 with a browser wallet", () => {
  test("the card shows the pending reward in RWD and USD; the summary the RWD in the wallet, in USD too", async () => {
    await expect.poll(async () => readAmount(pool.locator("[data-test=pending]")), { timeout: UI_TIMEOUT }).toBeGreaterThan(0n);
    const card = `[data-test=pool-${pid}]`;
    const [pending, pendingUsd, price, walletReward, walletRewardUsd] = await texts([
      `${card} [data-test=pending]`,
      `${card} [data-test=pending-usd]`,
      "[data-test=reward-price]",
      "[data-test=wallet-reward]",
      "[data-test=wallet-reward-usd]",
    ]);
    const toNumber = (text: string) => Number(/[\d,.]+/.exec(text)![0].replaceAll(",", ""));
    // The reward price itself is checked against the chain's reserves in figures.test.ts.
    expect(parseUsd(pendingUsd)).toBeCloseTo(toNumber(pending) * parseUsd(price), 1);
    const held = await rewardBalance(world, user);
    expect(held).toBeGreaterThan(0n);
    const shownHeld = parseEther(walletReward.replace(/[^\d.]/g, ""));
    expect(held - shownHeld).toBeGreaterThanOrEqual(0n);
    expect(held - shownHeld).toBeLessThan(10n ** 14n); // cut to 4 decimals
    expect(parseUsd(walletRewardUsd)).toBeCloseTo(toNumber(walletReward) * parseUsd(price), 1);
  });

  test("'Add RWD to your wallet' asks the wallet to show the reward token, with its address and decimals", async () => {
    await page.locator("[data-test=add-to-wallet]").click();
    await expect.poll(() => watchedAssets(page)).toHaveLength(1);
    expect(await watchedAssets(page)).toEqual([
      { type: "ERC20", options: { address: world.deployment.rewardToken, symbol: "RWD", decimals: 18 } },
    ]);
    expect(await page.locator("[data-test=add-to-wallet-result]").innerText()).toBe("Your wallet now shows RWD.");
  });

  test("a harvest's notice says what it paid, in RWD and USD, as the farm's event says, with the transaction", async () => {
    const notice = await settledNotice(page, () => pool.locator("[data-test=harvest]").click());
    expect(notice.status, notice.text).toBe("confirmed");
    const said = /Harvested ([\d,.]+) RWD \((<?\$[\d,.]+)\)\. Block ([\d,]+)\./.exec(notice.text);
    expect(said, notice.text).not.toBeNull();
    const block = BigInt(said![3].replaceAll(",", ""));
    const sent = (await world.client.getBlock({ blockNumber: block, includeTransactions: true })).transactions.find((t) => isAddressEqual(t.from, user))!;
    const logs = (await world.client.getTransactionReceipt({ hash: sent.hash })).logs;
    const [harvest] = parseEventLogs({ abi: farmAbi, logs, eventName: "Harvest" });
    const shown = parseEther(said![1].replaceAll(",", ""));
    expect(harvest.args.amount - shown).toBeGreaterThanOrEqual(0n);
    expect(harvest.args.amount - shown).toBeLessThan(10n ** 14n);
    expect(parseUsd(said![2])).toBeCloseTo(Number(said![1].replaceAll(",", "")) * parseUsd((await texts(["[data-test=reward-price]"]))[0]), 1);
    // The local chain has no explorer: the hash is shown to copy, not linked.
    const hash = page.locator("[data-test=notice-hash]").first();
    expect(await hash.getAttribute("title")).toBe(sent.hash);
    await screenshot(page, "13-4-harvest-notice", false);
  });

  test("each pool names its pair and the farm, with their full addresses to copy on a chain without an explorer", async () => {
    expect(await pool.locator("[data-test=pair-link]").getAttribute("title")).toContain(lpToken);
    expect(await pool.locator("[data-test=farm-link]").getAttribute("title")).toContain(world.deployment.farm);
  });

  test("while the farm is paused, the unstake dialog says the reward stays in the farm, not that it is paid", async () => {
    const owner = nodeWallet(world.accounts[OWNER]);
    const farm = { address: world.deployment.farm as Address, abi: farmAbi, chain: null } as const;
    await mined(world, owner.writeContract({ ...farm, functionName: "pause" }));
    try {
      await pool.locator("[data-test=unstake]").click();
      const dialog = page.locator("[data-test=unstake-dialog]");
      const paused = dialog.locator("[data-test=paused-unstake]");
      await paused.waitFor({ timeout: UI_TIMEOUT });
      expect(await paused.innerText()).toMatch(/The farm is paused: unstaking returns your LP now, and your earned reward \([\d,.<]+ RWD\) stays yours/);
      expect(await dialog.innerText()).not.toContain("Unstaking also pays");
      await screenshot(page, "13-5-paused-unstake", false);
      await dialog.getByRole("button", { name: "Cancel" }).click();
    } finally {
      await mined(world, owner.writeContract({ ...farm, functionName: "unpause" }));
    }
  });

  test("on a 390 px phone the tapped APR breakdown is whole on screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const cards = page.locator("article.pool");
      for (let i = 0; i < Math.min(4, await cards.count()); i++) {
        const badge = cards.nth(i).locator("[data-test=apr]");
        await badge.scrollIntoViewIfNeeded();
        await badge.tap().catch(() => badge.focus());
        await badge.focus();
        const box = await badge.locator(".tooltip").boundingBox();
        expect(box, `card ${i}'s breakdown is shown`).not.toBeNull();
        expect(box!.x, `card ${i}'s breakdown starts on screen`).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width, `card ${i}'s breakdown ends on screen`).toBeLessThanOrEqual(390);
        expect(box!.y + box!.height, `card ${i}'s breakdown is above the screen's bottom`).toBeLessThanOrEqual(844);
      }
      await screenshot(page, "13-6-apr-breakdown-phone", false);
    } finally {
      await page.locator("body").click({ position: { x: 5, y: 5 } });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test("emergency withdraw says what comes back and what is given up, then returns all the LP and pays nothing (on a 390 px phone)", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await pool.locator("[data-test=emergency]").scrollIntoViewIfNeeded();
    await screenshot(page, "13-3-earnings-phone", false);
    await pool.locator("[data-test=emergency]").click();
    const dialog = page.locator("[data-test=emergency-dialog]");
    await dialog.waitFor();
    const staked = await stakedOf(world, pid, user);
    expect(isCutToSignificant(staked, await readAmount(dialog.locator("[data-test=emergency-lp]")))).toBe(true);
    const forfeit = await readAmount(dialog.locator("[data-test=emergency-forfeit]"));
    expect(forfeit).toBeGreaterThan(0n);
    expect(forfeit).toBeLessThanOrEqual(await pendingOf(world, pid, user));
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "nothing wider than the phone").toBeLessThanOrEqual(390);
    await screenshot(page, "13-5-emergency-dialog-phone", false);

    const [walletBefore, rewardBefore] = [await balanceOf(world, lpToken, user), await rewardBalance(world, user)];
    const notice = await settledNotice(page, () => dialog.locator("[data-test=confirm]").click());
    expect(notice.status, notice.text).toBe("confirmed");
    expect(notice.text).toMatch(/Withdrew [\d,.]+ DAI\/WETH LP \(\$[\d,.]+\) in an emergency, forgoing its reward\./);
    expect(await stakedOf(world, pid, user)).toBe(0n);
    expect(await balanceOf(world, lpToken, user)).toBe(walletBefore + staked);
    expect(await rewardBalance(world, user)).toBe(rewardBefore);
    await dialog.waitFor({ state: "detached" });
    await screenshot(page, "13-4-emergency-notice-phone", false);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

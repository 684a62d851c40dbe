/**
 * Item 12 of issue 13, the demo world showing what the dapp can do, in the browser: every pool of
 * the demo world (the deployments file's, RWD/WETH included) has had swaps, so its card shows a fee
 * APR above 0, and that APR is the one computed here from the chain's Swap logs over the window the
 * page uses, the last day of blocks (e2e/pool-figures.ts: 0.3% of the volume valued on each swap's
 * input side × 365 ÷ the reserves). And the newcomer, dev account #4 (tokens and LP, no approval
 * anywhere), sees the permit path in the stake dialog on a 390 px phone. Read-only: the newcomer's
 * dialog is opened and cancelled, nothing is sent from it (its nonce is checked).
 */
import type { Browser } from "playwright-core";
import { type Address, erc20Abi, zeroAddress } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { connectDevAccount, fitsWidth, isCutToSignificant, launchBrowser, openApp, parseUsd, readAmount, screenshot, UI_TIMEOUT, waitForPosition } from "./browser";
import { balanceOf, nonceOf, openWorld, poolBySymbols, type World } from "./chain";
import { poolFigures, shownValue } from "./pool-figures";

const NEWCOMER = 4;
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let world: World;

beforeAll(async () => {
  world = await openWorld();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** True when the page's figure ("12.34%") is `percent` as shown: within half a unit of its last digit. */
function isShown(shown: string, percent: number): boolean {
  const { value, unit } = shownValue(shown);
  return Math.abs(value - percent) <= unit / 2 + Math.abs(percent) * 1e-9;
}


describe("item 12: the demo world", () => {
  test("every demo pool's card, RWD/WETH included, shows a fee APR above 0, the one the chain's Swap logs give", async () => {
    const pools = world.deployment.pools;
    expect(pools.map((p) => [p.symbol0, p.symbol1].sort().join("/"))).toContain("RWD/WETH");
    const page = await openApp(browser, "farms");
    try {
      for (const { pid, symbol0, symbol1 } of pools) {
        const name = `${symbol0}/${symbol1} (pool ${pid})`;
        const shown = page.locator(`[data-test=pool-${pid}] [data-test=fee-apr]`);
        await shown.waitFor({ timeout: UI_TIMEOUT });
        // The page reads its window's swaps every 20 blocks: compared until both sides have read the same ones.
        const compared = async () => {
          const [text, { feeApr }] = await Promise.all([shown.innerText(), poolFigures(world, pid, zeroAddress)]);
          return feeApr > 0 && isShown(text, feeApr * 100) ? "equal" : `${name}: shown ${text}, computed ${(feeApr * 100).toFixed(4)}%`;
        };
        await expect.poll(compared, { timeout: UI_TIMEOUT }).toBe("equal");
        expect(shownValue(await shown.innerText()).value, `${name} shows a fee APR above 0`).toBeGreaterThan(0);
      }
      await screenshot(page, "13-12-fee-apr-every-pool");
      await page.setViewportSize(PHONE);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, "13-12-fee-apr-every-pool-390");
    } finally {
      await page.close();
    }
  });

  test("the newcomer (#4: LP, no approval) sees the permit path in the stake dialog on a 390 px phone; nothing is sent", async () => {
    const newcomer = world.accounts[NEWCOMER];
    const rwd = poolBySymbols(world, "RWD", "WETH");
    const lp = rwd.lpToken as Address;
    const held = await balanceOf(world, lp, newcomer);
    expect(held, "the newcomer holds RWD/WETH LP").toBeGreaterThan(0n);
    const allowance = await world.client.readContract({ address: lp, abi: erc20Abi, functionName: "allowance", args: [newcomer, world.deployment.farm as Address] });
    expect(allowance, "and never approved the farm").toBe(0n);
    const nonce = await nonceOf(world, newcomer);

    const page = await openApp(browser, "farms");
    try {
      await page.setViewportSize(PHONE);
      await connectDevAccount(page, NEWCOMER);
      const card = await waitForPosition(page, rwd.pid);
      await card.locator("[data-test=stake]").click();
      const dialog = page.locator("[data-test=stake-dialog]");
      await dialog.waitFor();
      expect(isCutToSignificant(held, await readAmount(dialog.locator("[data-test=dialog-balance]"))), "the wallet's LP, as the chain has it").toBe(true);
      expect(await dialog.innerText()).toContain("Staking signs the LP token's permit and deposits (or locks) in one transaction.");
      await dialog.locator("[data-test=amount]").fill("1");
      // One LP at the chain's LP price (the pair's reserves × prices ÷ its supply).
      const { lpPrice } = await poolFigures(world, rwd.pid, newcomer);
      const usd = dialog.getByText(/≈ \$/);
      const value = parseUsd((await usd.innerText()).replace(/^.*≈ /, ""));
      expect(Math.abs(value - lpPrice), `1 LP shown ${value}, chain ${lpPrice}`).toBeLessThanOrEqual(Math.max(0.005, lpPrice * 1e-6));
      expect(await dialog.locator("[data-test=confirm]").isEnabled(), "no approval step before it").toBe(true);
      expect(await dialog.locator("[data-test=amount-error]").count()).toBe(0);

      const box = (await dialog.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, "13-12-newcomer-stake-dialog-390", false);
      // The dialog scrolls inside the phone's screen (the lock tiers make it tall): down to the permit sentence and Confirm.
      await dialog.locator("[data-test=confirm]").scrollIntoViewIfNeeded();
      expect(await dialog.getByText("Staking signs the LP token's permit").isVisible()).toBe(true);
      await screenshot(page, "13-12-newcomer-stake-dialog-permit-390", false);

      await dialog.getByRole("button", { name: "Cancel" }).click();
      await dialog.waitFor({ state: "detached" });
    } finally {
      await page.close();
    }
    expect(await nonceOf(world, newcomer), "nothing sent from the newcomer").toBe(nonce);
    expect(await world.client.readContract({ address: lp, abi: erc20Abi, functionName: "allowance", args: [newcomer, world.deployment.farm as Address] })).toBe(0n);
  });
});

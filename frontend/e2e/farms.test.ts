/**
 * The farms page with dev account #1 connected: every pool of the world shows a real APR and
 * liquidity, the summary a TVL and a reward price that agree with the chain's reserves, the
 * account's own LP as the chain holds it, and pending rewards that grow as blocks pass.
 */
import type { Address } from "viem";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { uniswapV2PairAbi } from "../src/chain/abis.generated";
import { connectDevAccount, isCutToSignificant, launchBrowser, openApp, parseUsd, readAmount, screenshot, waitForPosition } from "./browser";
import { balanceOf, openWorld, pendingOf, poolBySymbols, type World } from "./chain";

const ACCOUNT = 1;

let browser: Browser;
let page: Page;
let world: World;

beforeAll(async () => {
  world = await openWorld();
  browser = await launchBrowser();
  page = await openApp(browser, "farms");
  await connectDevAccount(page, ACCOUNT);
});

afterAll(async () => {
  await browser?.close();
});

/** RWD in USD from the chain's reserves: RWD→WETH in the RWD/WETH pool, WETH→USDC in the USDC/WETH pool. */
async function rewardPriceFromReserves(): Promise<number> {
  const reserves = async (pool: World["deployment"]["pools"][number]) => {
    const [r0, r1] = await world.client.readContract({ address: pool.lpToken as Address, abi: uniswapV2PairAbi, functionName: "getReserves" });
    const amount = (r: bigint, decimals: number) => Number(r) / 10 ** decimals;
    return { [pool.symbol0]: amount(r0, pool.decimals0), [pool.symbol1]: amount(r1, pool.decimals1) };
  };
  const rwd = await reserves(poolBySymbols(world, "RWD", "WETH"));
  const usdc = await reserves(poolBySymbols(world, "USDC", "WETH"));
  return (rwd.WETH / rwd.RWD) * (usdc.USDC / usdc.WETH);
}

describe("farms page, dev account #1", () => {
  test("every pool shows a positive APR and liquidity; the summary a TVL and a reward price", async () => {
    await waitForPosition(page, 0);
    for (const { pid } of world.deployment.pools) {
      const pool = page.locator(`[data-test=pool-${pid}]`);
      const apr = (await pool.locator("[data-test=apr]").innerText()).trim();
      expect(apr, `pool ${pid} APR`).toMatch(/^[\d,]+(\.\d+)?%$/);
      expect(Number(apr.replace(/[,%]/g, "")), `pool ${pid} APR`).toBeGreaterThan(0);
      expect(parseUsd(await pool.locator("[data-test=pool-tvl]").innerText()), `pool ${pid} TVL`).toBeGreaterThan(0);
    }
    expect(parseUsd(await page.locator("[data-test=tvl]").innerText())).toBeGreaterThan(0);

    // The price must be the market's, not just any positive number: shown to the cent.
    const shownPrice = parseUsd(await page.locator("[data-test=reward-price]").innerText());
    expect(shownPrice).toBeGreaterThan(0);
    expect(shownPrice).toBeCloseTo(await rewardPriceFromReserves(), 1);
    await screenshot(page, "farms-connected");
  });

  test("the page shows the connected account's own LP, as the chain holds it", async () => {
    const user = world.accounts[ACCOUNT];
    for (const { pid, lpToken } of world.deployment.pools) {
      const onChain = await balanceOf(world, lpToken as Address, user);
      const shown = await readAmount(page.locator(`[data-test=pool-${pid}] [data-test=wallet-lp]`));
      // Shown cut (never rounded up) to 6 significant digits.
      expect(isCutToSignificant(onChain, shown), `pool ${pid} wallet LP: ${shown} shown, ${onChain} held`).toBe(true);
    }
  });

  test("as blocks pass, the pending reward on the page grows", async () => {
    const { pid } = poolBySymbols(world, "DAI", "WETH");
    const pending = page.locator(`[data-test=pool-${pid}] [data-test=pending]`);
    const before = await readAmount(pending);
    // Blocks come every 2 s and the page polls about every 1.2 s: a rise within a few blocks.
    await expect.poll(() => readAmount(pending), { timeout: 12_000, interval: 500 }).toBeGreaterThan(before);
    // What the page shows was really owed on chain (pending only grows between harvests).
    expect(await readAmount(pending)).toBeLessThanOrEqual(await pendingOf(world, pid, world.accounts[ACCOUNT]));
  });
});

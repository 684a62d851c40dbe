/**
 * Small habits people bring from other apps, as dev account #17 with LP of its own in DAI/WETH:
 * Escape closes what is open (the stake and unstake dialogs, the wallet menu) and sends nothing;
 * an amount typed with a decimal comma ("1,5") stakes exactly 1.5 LP, checked on chain, while a
 * comma that could be a thousands separator ("1,500") or a comma beside a point is refused in
 * words and sends nothing; and the search finds WBTC/WETH however its pair is typed.
 */
import { type Address, parseEther } from "viem";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { expectConfirmed, type FarmsChain, openFarmsAs, screenshot, UI_TIMEOUT } from "./browser";
import { nonceOf, onlyFarmCallDuring, provideLiquidity, stakedOf, type World } from "./chain";

const ACCOUNT = 17;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let browser: Browser;
let page: Page;
let world: World;
let user: Address;
let pid: number;
let pool: Locator;

beforeAll(async () => {
  ({ world, user, pid, browser, page, pool } = await openFarmsAs(ACCOUNT, "DAI", "WETH", { before: provideLp }));
});

afterAll(async () => {
  await browser?.close();
});

/** LP of the account's own, so it has something to stake. */
async function provideLp(chain: FarmsChain): Promise<void> {
  const { lp } = await provideLiquidity(chain.world, chain.user, "DAI", parseEther("3000"), parseEther("1"));
  expect(lp).toBeGreaterThan(parseEther("10"));
}

const stakeDialog = () => page.locator("[data-test=stake-dialog]");
const unstakeDialog = () => page.locator("[data-test=unstake-dialog]");

/** Opens the stake dialog and types `typed` into it. */
async function typeStake(typed: string): Promise<void> {
  if ((await stakeDialog().count()) === 0) await pool.locator("[data-test=stake]").click();
  await stakeDialog().locator("[data-test=amount]").fill(typed);
}

/** Pool names on screen, in order. */
function shownPools(): Promise<string[]> {
  return page.locator("article.pool .pool-name strong").allInnerTexts();
}

describe("Escape, dev account #17", () => {
  test("Escape closes the stake dialog, with an amount typed, and sends nothing", async () => {
    const nonce = await nonceOf(world, user);
    await typeStake("2");
    await page.keyboard.press("Escape");
    await stakeDialog().waitFor({ state: "detached", timeout: 2_000 });
    // Also with the focus elsewhere in the dialog (the Max button), as after a click.
    await typeStake("1");
    await stakeDialog().locator("[data-test=max]").focus();
    await page.keyboard.press("Escape");
    await stakeDialog().waitFor({ state: "detached", timeout: 2_000 });
    expect(await nonceOf(world, user)).toBe(nonce);
  });

  test("Escape closes the wallet menu, and the next Escape has nothing left to close", async () => {
    await page.locator("[data-test=wallet-button]").click();
    const menu = page.locator("[data-test=wallet-menu]");
    await menu.waitFor();
    await page.keyboard.press("Escape");
    await menu.waitFor({ state: "detached", timeout: 2_000 });
    await page.keyboard.press("Escape");
    expect(await page.locator("[data-test=wallet-button]").isVisible()).toBe(true);
  });
});

describe("a decimal comma, dev account #17", () => {
  test('"1,5" is read as 1.5: the dialog says so, and exactly 1.5 LP is staked', async () => {
    const stakedBefore = await stakedOf(world, pid, user);
    await typeStake("1,5");
    const readAs = stakeDialog().locator("[data-test=read-as]");
    await readAs.waitFor();
    expect(await readAs.innerText()).toBe("Read as 1.5 LP");
    expect(await stakeDialog().locator("[data-test=amount-error]").count()).toBe(0);
    await screenshot(page, "10-comma-read-as-point", false);

    const call = await onlyFarmCallDuring(world, user, async () => {
      await expectConfirmed(page, () => stakeDialog().locator("[data-test=confirm]").click());
    });
    expect(["deposit", "depositWithPermit"]).toContain(call.functionName);
    expect(call.args.slice(0, 2)).toEqual([BigInt(pid), parseEther("1.5")]);
    expect(await stakedOf(world, pid, user)).toBe(stakedBefore + parseEther("1.5"));
  });

  test('"1,500" and "1.000,5" are refused in words, Confirm stays disabled, nothing is sent', async () => {
    const nonce = await nonceOf(world, user);
    const refusals: [string, string][] = [
      ["1,500", '"1,500" could mean 1.500 or 1500: type it with a dot for decimals and no thousands separator.'],
      ["1.000,5", "Use a dot for decimals and no thousands separators, like 1500.25."],
      ["1,000,000", "Use a dot for decimals and no thousands separators, like 1500.25."],
    ];
    for (const [typed, sentence] of refusals) {
      await typeStake(typed);
      const error = stakeDialog().locator("[data-test=amount-error]");
      await expect.poll(() => error.innerText(), { message: typed }).toBe(sentence);
      expect(await stakeDialog().locator("[data-test=confirm]").isDisabled(), typed).toBe(true);
      // Enter in the field submits the form: refused all the same.
      await stakeDialog().locator("[data-test=amount]").press("Enter");
    }
    await screenshot(page, "10-comma-refused", false);
    await page.setViewportSize(PHONE);
    await typeStake("1,500");
    await screenshot(page, "10-comma-refused-390", false);
    await page.setViewportSize(DESKTOP);
    await page.waitForTimeout(2_000); // a block or so: anything sent would be counted now
    expect(await nonceOf(world, user)).toBe(nonce);
    await page.keyboard.press("Escape");
    await stakeDialog().waitFor({ state: "detached", timeout: 2_000 });
  });

  test("Escape closes the unstake dialog too", async () => {
    await expect.poll(() => pool.locator("[data-test=unstake]").isEnabled(), { timeout: UI_TIMEOUT }).toBe(true);
    await pool.locator("[data-test=unstake]").click();
    await unstakeDialog().waitFor();
    await unstakeDialog().locator("[data-test=amount]").fill("0,5");
    expect(await unstakeDialog().locator("[data-test=read-as]").innerText()).toBe("Read as 0.5 LP");
    await page.keyboard.press("Escape");
    await unstakeDialog().waitFor({ state: "detached", timeout: 2_000 });
  });
});

describe("search", () => {
  const search = () => page.locator("[data-test=search]");

  test("WBTC/WETH is found however the pair is typed", async () => {
    const all = await shownPools();
    expect(all).toContain("WBTC/WETH");
    // Other test files may add pools to the shared world (WBTC/DAI, say): expectations come from what is listed.
    const withAll = (...parts: string[]) => all.filter((name) => parts.every((part) => name.split("/").some((symbol) => symbol.includes(part))));
    expect(withAll("WBTC", "WETH")).toEqual(["WBTC/WETH"]);
    for (const query of ["wbtc weth", "weth wbtc", "WBTC/WETH", "wbtc-weth"]) {
      await search().fill(query);
      await expect.poll(() => shownPools(), { message: query }).toEqual(["WBTC/WETH"]);
    }
    await search().fill("btc");
    await expect.poll(async () => (await shownPools()).sort(), { message: "btc" }).toEqual(withAll("BTC").sort());
    await screenshot(page, "10-search");
    await page.setViewportSize(PHONE);
    await search().fill("weth wbtc");
    await expect.poll(() => shownPools()).toEqual(["WBTC/WETH"]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    await screenshot(page, "10-search-390", false);
    await page.setViewportSize(DESKTOP);
  });

  test("every word must match: one word per token narrows, a word no token has finds nothing", async () => {
    await search().fill("weth");
    await expect.poll(async () => (await shownPools()).length).toBeGreaterThanOrEqual(4);
    for (const name of await shownPools()) expect(name).toContain("WETH");

    await search().fill("wbtc zzz");
    await expect.poll(() => shownPools()).toEqual([]);
    expect(await page.locator(".pools").innerText()).toContain("No pool matches these filters.");

    // Emptied, the search shows every pool again.
    await search().fill("");
    await expect.poll(async () => (await shownPools()).length).toBeGreaterThanOrEqual(5);
    expect(await shownPools()).toContain("WBTC/WETH");
  });
});

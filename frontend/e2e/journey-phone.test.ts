/**
 * Issue 13's earnings and honest states on a 390 px phone, as dev account #30 (impersonated, its
 * browser wallet passing everything to the node) with DAI/WETH LP of its own (about $60,000), half of it staked:
 * - item 3: the staked value on the card is the account's LP share of the pair's reserves at the
 *   chain's prices (e2e/pool-figures.ts), on the phone and on a desktop;
 * - item 4: a harvest's notice says what it paid, as the farm's Harvest event says, whole on screen;
 * - item 5: while the farm is paused (by the owner, #0, and resumed before the test ends) the
 *   unstake dialog says the reward stays in the farm; the offline banner (refused connections)
 *   and the frozen one (requests held open, never answered) show within a few blocks, fit the
 *   screen, and every action is off meanwhile. The outage is made in this page's /rpc alone.
 * The desktop side of items 4 and 5 is in earnings.test.ts and node-outage.test.ts.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { type Address, erc20Abi, type Hash, isAddressEqual, maxUint256, parseEther, parseEventLogs } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { farmAbi } from "../src/chain/abis.generated";
import { fitsWidth, isCutToSignificant, launchBrowser, parseUsd, readAmount, screenshot, settledNotice, UI_TIMEOUT, waitForPosition } from "./browser";
import { nodeWallet, openWorld, provideLiquidity, type World } from "./chain";
import { FEW_BLOCKS_MS, NODE_AWAY, RPC } from "./node-away";
import { devAccount, pageAs } from "./partners-chain";
import { poolFigures, shownValue, whole } from "./pool-figures";

const ACCOUNT = 30;
const OWNER = 0;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let browser: Browser;
let page: Page;
let world: World;
let user: Address;
let pid: number;
let pool: Locator;

async function mined(hash: Promise<Hash>): Promise<void> {
  expect((await world.client.waitForTransactionReceipt({ hash: await hash })).status).toBe("success");
}

beforeAll(async () => {
  world = await openWorld();
  user = await devAccount(ACCOUNT);
  const { pool: record, lp } = await provideLiquidity(world, user, "DAI", parseEther("30000"), parseEther("10"));
  pid = record.pid;
  const wallet = nodeWallet(user);
  const farm = world.deployment.farm as Address;
  await mined(wallet.writeContract({ address: record.lpToken as Address, abi: erc20Abi, functionName: "approve", args: [farm, maxUint256], chain: null }));
  await mined(wallet.writeContract({ address: farm, abi: farmAbi, functionName: "deposit", args: [BigInt(pid), lp / 2n], chain: null }));
  browser = await launchBrowser();
  page = await pageAs(browser, user, "farms", PHONE);
  pool = await waitForPosition(page, pid);
});

afterAll(async () => {
  await browser?.close();
});

/** `locator` lies within the phone's width. */
async function expectWithinPhone(locator: Locator, what: string): Promise<void> {
  const box = (await locator.boundingBox())!;
  expect(box.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: right edge`).toBeLessThanOrEqual(PHONE.width);
}

const banner = () => page.locator("[data-test=offline]");

describe("item 3: the staked value on the card, dev account #30", () => {
  test("is the account's LP share of the reserves at the chain's prices, on a 390 px phone and a desktop", async () => {
    // The USD figure beside the staked LP (the card gives it no name of its own).
    const stakedUsd = pool.locator("[data-test=staked-lp] + span");
    for (const [viewport, shot] of [[PHONE, "13-3-staked-usd-390"], [DESKTOP, "13-3-staked-usd"]] as const) {
      await page.setViewportSize(viewport);
      const compared = async () => {
        const [text, figures] = await Promise.all([stakedUsd.innerText(), poolFigures(world, pid, user)]);
        const { value, unit } = shownValue(text);
        const equal = figures.userStaked > 0n && text.startsWith("$") && Math.abs(value - figures.userStakedUsd) <= unit / 2 + figures.userStakedUsd * 1e-9;
        return equal ? "equal" : `staked USD shown ${text}, chain ${figures.userStakedUsd} (${figures.userStaked} LP wei)`;
      };
      await expect.poll(compared, { timeout: UI_TIMEOUT }).toBe("equal");
      const { userStaked } = await poolFigures(world, pid, user);
      expect(isCutToSignificant(userStaked, await readAmount(pool.locator("[data-test=staked-lp]"))), "the staked LP beside it").toBe(true);
      if (viewport === PHONE) expect(await fitsWidth(page)).toBe(true);
      await pool.scrollIntoViewIfNeeded();
      await screenshot(page, shot, false);
    }
    await page.setViewportSize(PHONE);
  });
});

describe("item 4: a harvest's notice on a 390 px phone, dev account #30", () => {
  test("says what it paid in RWD and USD, as the farm's Harvest event says, and is whole on screen", async () => {
    // A few cents earned first, so the notice's dollar figure is a figure, not "<$0.01".
    await expect.poll(async () => parseUsd(await pool.locator("[data-test=pending-usd]").innerText()), { timeout: 30_000 }).toBeGreaterThanOrEqual(0.02);
    await expect.poll(() => pool.locator("[data-test=harvest]").isEnabled(), { timeout: UI_TIMEOUT }).toBe(true);
    const notice = await settledNotice(page, () => pool.locator("[data-test=harvest]").click());
    expect(notice.status, notice.text).toBe("confirmed");
    const said = /Harvested ([\d,.]+) RWD \((<?\$[\d,.]+)\)\. Block ([\d,]+)\./.exec(notice.text);
    expect(said, notice.text).not.toBeNull();
    const block = BigInt(said![3].replaceAll(",", ""));
    const sent = (await world.client.getBlock({ blockNumber: block, includeTransactions: true })).transactions.find((t) => isAddressEqual(t.from, user));
    expect(sent, `a transaction from #30 in block ${block}`).toBeDefined();
    const logs = (await world.client.getTransactionReceipt({ hash: sent!.hash })).logs;
    const [harvest] = parseEventLogs({ abi: farmAbi, logs, eventName: "Harvest" });
    const shown = parseEther(said![1].replaceAll(",", ""));
    // Cut to 4 decimals, never rounded up.
    expect(harvest.args.amount - shown).toBeGreaterThanOrEqual(0n);
    expect(harvest.args.amount - shown).toBeLessThan(10n ** 14n);
    // In USD, to the cent, at the chain's reward price (RWD/WETH × WETH/USDC reserves; no swap since).
    const { rewardPrice } = await poolFigures(world, pid, user);
    expect(said![2].startsWith("<"), "a few cents, shown as such").toBe(false);
    expect(Math.abs(parseUsd(said![2]) - whole(harvest.args.amount, 18) * rewardPrice)).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(await page.locator("[data-test=notice-hash]").first().getAttribute("title")).toBe(sent!.hash);

    const box = page.locator("[data-test=notice-confirmed]").first();
    await expectWithinPhone(box, "the notice");
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, "13-4-harvest-notice-390", false);
  });
});

describe("item 5: honest states on a 390 px phone, dev account #30", () => {
  test("while the farm is paused, the unstake dialog says the reward stays in the farm, not that it is paid", async () => {
    const owner = nodeWallet(world.accounts[OWNER]);
    const farm = { address: world.deployment.farm as Address, abi: farmAbi, chain: null } as const;
    await mined(owner.writeContract({ ...farm, functionName: "pause" }));
    try {
      // Stake and harvest go off once the page has read the pause.
      await expect.poll(() => pool.locator("[data-test=stake]").isDisabled(), { timeout: UI_TIMEOUT }).toBe(true);
      expect(await pool.locator("[data-test=harvest]").isDisabled()).toBe(true);
      await pool.locator("[data-test=unstake]").click();
      const dialog = page.locator("[data-test=unstake-dialog]");
      const paused = dialog.locator("[data-test=paused-unstake]");
      await paused.waitFor({ timeout: UI_TIMEOUT });
      expect(await paused.innerText()).toMatch(
        /^The farm is paused: unstaking returns your LP now, and your earned reward \([\d,.<]+ RWD\) stays yours in the farm, paid when you harvest after it resumes\.$/,
      );
      expect(await dialog.innerText()).not.toContain("Unstaking also pays");
      await expectWithinPhone(dialog, "the dialog");
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, "13-5-paused-unstake-390", false);
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await dialog.waitFor({ state: "detached" });
    } finally {
      await mined(owner.writeContract({ ...farm, functionName: "unpause" }));
    }
    expect(await world.client.readContract({ ...farm, functionName: "paused" })).toBe(false);
    await expect.poll(() => pool.locator("[data-test=stake]").isEnabled(), { timeout: UI_TIMEOUT }).toBe(true);
  });

  test("the node refusing connections: the banner within a few blocks, fitting the screen, every action off", async () => {
    const gone = Date.now();
    await page.route(RPC, (route) => route.abort("connectionrefused"));
    try {
      await banner().waitFor({ timeout: UI_TIMEOUT });
      expect(Date.now() - gone, "ms until the page said so").toBeLessThan(FEW_BLOCKS_MS);
      expect(await banner().innerText()).toBe(NODE_AWAY);
      await expectWithinPhone(banner(), "the banner");
      expect(await fitsWidth(page)).toBe(true);
      for (const action of ["stake", "unstake", "harvest", "emergency"]) expect(await pool.locator(`[data-test=${action}]`).isDisabled(), `${action} is off`).toBe(true);
      expect(await page.locator("[data-test=harvest-all]").isDisabled(), "harvest all is off").toBe(true);
      expect(await readAmount(pool.locator("[data-test=staked-lp]")), "the last figures stay").toBeGreaterThan(0n);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, "13-5-offline-390", false);
    } finally {
      await page.unroute(RPC);
    }
    await banner().waitFor({ state: "detached", timeout: UI_TIMEOUT });
  });

  test("the node frozen (requests held open, never answered): the banner within a few blocks, fitting the screen", async () => {
    // Every request from now on is held open: a frozen node, or a proxy in front of one.
    await page.route(RPC, () => undefined);
    const frozen = Date.now();
    try {
      await banner().waitFor({ timeout: UI_TIMEOUT });
      expect(Date.now() - frozen, "ms until the page said so").toBeLessThan(FEW_BLOCKS_MS);
      expect(await banner().innerText()).toBe(NODE_AWAY);
      await expectWithinPhone(banner(), "the banner");
      expect(await fitsWidth(page)).toBe(true);
      for (const action of ["stake", "unstake", "harvest"]) expect(await pool.locator(`[data-test=${action}]`).isDisabled(), `${action} is off`).toBe(true);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, "13-5-frozen-390", false);
    } finally {
      await page.unroute(RPC);
    }
    await banner().waitFor({ state: "detached", timeout: 30_000 });
  }, 60_000);
});

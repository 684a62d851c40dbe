/**
 * Real headless Chromium for the browser tests (./chromium), and the few page moves every test
 * makes: open the built app at a route, connect a dev account, read a figure, save a screenshot.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";

import type { Browser, Locator, Page } from "playwright-core";
import { type Address, parseUnits } from "viem";
import { expect, inject } from "vitest";

import { openWorld, poolBySymbols, type World } from "./chain";
import { launchBrowser } from "../../fixtures/chromium";

export { launchBrowser };

/** Screenshots are test artifacts: repo-root reports/ is gitignored. */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "..", "..", "reports", "screenshots");

/** How long a page may take to show what the chain already says: a few 2 s blocks and polls. */
export const UI_TIMEOUT = 15_000;

/**
 * A new page on the built app at `route` ("farms", "il?pid=2", "admin"), once the farm has loaded.
 * Browser console errors are echoed so a failing test says what the app complained about.
 */
export async function openApp(browser: Browser, route = "farms", init?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(UI_TIMEOUT);
  page.on("pageerror", (error) => console.error(`[browser] ${error.message}`));
  if (init) await init(page);
  await page.goto(`${inject("appUrl")}#${route}`);
  await page.locator("[data-test=connect-button], [data-test=wallet-button]").first().waitFor();
  return page;
}

/** Connects dev account #`index` (the node's unlocked account of that index) and waits for its positions. */
export async function connectDevAccount(page: Page, index: number): Promise<void> {
  await page.locator("[data-test=connect-button]").click();
  await page.locator("[data-test=dev-account]").nth(index).click();
  await page.locator("[data-test=wallet-button]").waitFor();
}

/** Waits until the farms page shows the connected user's figures for pool `pid`. */
export async function waitForPosition(page: Page, pid: number): Promise<Locator> {
  const pool = page.locator(`[data-test=pool-${pid}]`);
  await pool.locator("[data-test=staked-lp]").waitFor();
  return pool;
}

/** The chain side of a farms-page test: the world, the account the page is connected as, and its pool. */
export interface FarmsChain {
  world: World;
  user: Address;
  pid: number;
  lpToken: Address;
}

/** A farms-page test's start: its chain side, the browser (for afterAll to close), and the pool's card. */
export interface FarmsPage extends FarmsChain {
  browser: Browser;
  page: Page;
  /** The pool's card, once it shows the user's figures. */
  pool: Locator;
}

export interface FarmsSetup {
  /** Chain setup the page must not see being done (LP provided, an allowance taken back): runs before it loads. */
  before?: (chain: FarmsChain) => Promise<void>;
  /** As openApp's `init`, told the chain side: e.g. a fake wallet for `chain.user`. */
  init?: (page: Page, chain: FarmsChain) => Promise<void>;
  /** How the user connects; dev account #`account` from the app's own list unless said. */
  connect?: (page: Page) => Promise<void>;
}

/**
 * The farms page connected as dev account #`account`, once it shows the account's figures in the `a`/`b` pool.
 * The start the staking tests share, kept in one place so each says only what it does differently (`setup`).
 * A failure on the way closes the browser itself: the caller never got it to close.
 */
export async function openFarmsAs(account: number, a: string, b: string, setup: FarmsSetup = {}): Promise<FarmsPage> {
  const { before, init, connect = (p: Page) => connectDevAccount(p, account) } = setup;
  const world = await openWorld();
  const { pid, lpToken } = poolBySymbols(world, a, b);
  const chain: FarmsChain = { world, user: world.accounts[account], pid, lpToken: lpToken as Address };
  await before?.(chain);
  const browser = await launchBrowser();
  try {
    const page = await openApp(browser, "farms", init && ((p) => init(p, chain)));
    await connect(page);
    return { ...chain, browser, page, pool: await waitForPosition(page, pid) };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * A token figure as the page shows it ("1,234.5678 LP", "<0.0001 RWD") in base units of
 * `decimals`; "<x" reads as 0, since the page only promises it is below x.
 */
export async function readAmount(locator: Locator, decimals = 18): Promise<bigint> {
  const text = (await locator.innerText()).trim();
  if (text.startsWith("<")) return 0n;
  const number = /^-?[\d,]+(?:\.\d+)?/.exec(text)?.[0];
  if (!number) throw new Error(`Not an amount: "${text}"`);
  return parseUnits(number.replaceAll(",", ""), decimals);
}

/**
 * True when `shown` is `onChain` cut (never rounded up) to the 6 significant digits LP amounts
 * are shown with: at most `onChain` / 100,000 below it, and never above.
 */
export function isCutToSignificant(onChain: bigint, shown: bigint): boolean {
  return shown <= onChain && onChain - shown <= onChain / 100_000n;
}

/**
 * Runs `action` (a click that sends a transaction) and waits for the notice it raises to settle.
 * Anything but "confirmed" fails the test with the notice's own words (the app's error sentence).
 */
export async function expectConfirmed(page: Page, action: () => Promise<void>): Promise<void> {
  const settled = page.locator("[data-test=notice-confirmed], [data-test=notice-failed], [data-test=notice-cancelled]");
  const before = await settled.count();
  await action();
  await expect.poll(() => settled.count(), { timeout: 20_000, message: "the transaction's notice settles" }).toBeGreaterThan(before);
  const notice = settled.last();
  expect(await notice.getAttribute("data-test"), await notice.innerText()).toBe("notice-confirmed");
}

/**
 * Runs `action` on a page with no settled notice left (earlier ones are dismissed first, so one
 * timing out meanwhile cannot be mistaken for the new one) and returns the notice it raises once
 * it settles: its status ("confirmed", "failed", "cancelled") and its words.
 */
export async function settledNotice(page: Page, action: () => Promise<void>): Promise<{ status: string; text: string }> {
  const settled = page.locator("[data-test=notice-confirmed], [data-test=notice-failed], [data-test=notice-cancelled]");
  // A notice may time out by itself while being dismissed: then there is nothing left to click.
  while ((await settled.count()) > 0) await settled.first().getByRole("button", { name: "Dismiss" }).click({ timeout: 1_000 }).catch(() => undefined);
  await action();
  await settled.first().waitFor({ timeout: 20_000 });
  const notice = settled.first();
  return { status: (await notice.getAttribute("data-test"))!.replace("notice-", ""), text: await notice.innerText() };
}

/** The page has no horizontal scroll (a phone's width holds all of it). */
export function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** A dollar figure as the page shows it ("$1,234.56", "$1.23M", "<$0.01") as a number. */
export function parseUsd(text: string): number {
  const match = /^-?<?\$([\d,]+(?:\.\d+)?)([MB])?$/.exec(text.trim());
  if (!match) throw new Error(`Not a dollar figure: "${text}"`);
  const scale = match[2] === "B" ? 1e9 : match[2] === "M" ? 1e6 : 1;
  return Number(match[1].replaceAll(",", "")) * scale;
}

/** Saves reports/screenshots/<name>.png: the whole page, or just the viewport (a dialog's overlay covers only that). */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}

/**
 * Item 10 of issue 13, Escape in the liquidity dialog and the ROI calculator, as dev account #31
 * (impersonated, its browser wallet passing everything to the node). Both dialogs take Escape
 * through the shared stack (components/useEscape.ts): Escape closes each, and when something is
 * open on top of the liquidity dialog (its slippage and deadline settings, or the ROI calculator
 * opened from a card behind it) one press closes only the top one, the next press the dialog
 * below. Tab never leaves an open dialog for the page behind it (components/useFocusTrap.ts), and
 * closing one gives the focus back to the button that opened it. Nothing is sent.
 */
import type { Browser, Locator, Page } from "playwright-core";
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { launchBrowser, screenshot } from "./browser";
import { nonceOf, openWorld, poolBySymbols, type World } from "./chain";
import { devAccount, pageAs } from "./partners-chain";

const ACCOUNT = 31;
/** Long enough for a second dialog to have closed too, had the same press reached it. */
const SETTLE_MS = 500;

let browser: Browser;
let page: Page;
let world: World;
let user: Address;
let card: Locator;

beforeAll(async () => {
  world = await openWorld();
  user = await devAccount(ACCOUNT);
  browser = await launchBrowser();
  page = await pageAs(browser, user);
  card = page.locator(`[data-test=pool-${poolBySymbols(world, "DAI", "WETH").pid}]`);
  await card.waitFor();
});

afterAll(async () => {
  await browser?.close();
});

const liquidityDialog = () => page.locator("[data-test=liquidity-dialog]");
const roiDialog = () => page.locator("[data-test=roi-dialog]");
const settings = () => page.locator("[data-test=liquidity-settings]");

async function openLiquidity(): Promise<void> {
  await card.locator("[data-test=liquidity]").click();
  await liquidityDialog().waitFor();
}

/** Presses Escape and gives any other dialog the time to (wrongly) close as well. */
async function escape(): Promise<void> {
  await page.keyboard.press("Escape");
  await page.waitForTimeout(SETTLE_MS);
}

describe("item 10: Escape in the liquidity dialog and the ROI calculator, dev account #31", () => {
  test("Escape closes the liquidity dialog, and the ROI calculator", async () => {
    await openLiquidity();
    await screenshot(page, "13-10-liquidity-dialog", false);
    await page.keyboard.press("Escape");
    await liquidityDialog().waitFor({ state: "detached", timeout: 2_000 });

    await card.locator("[data-test=roi]").click();
    await roiDialog().waitFor();
    // With the focus in a field, as after typing an amount.
    await roiDialog().locator("[data-test=roi-amount]").fill("2500");
    await page.keyboard.press("Escape");
    await roiDialog().waitFor({ state: "detached", timeout: 2_000 });
  });

  test("with the settings open, one Escape closes only the settings, the next the dialog", async () => {
    const nonce = await nonceOf(world, user);
    await openLiquidity();
    await liquidityDialog().locator("[data-test=settings-toggle]").click();
    await settings().waitFor();
    await screenshot(page, "13-10-liquidity-settings-open", false);

    await escape();
    expect(await settings().count(), "the settings closed").toBe(0);
    expect(await liquidityDialog().isVisible(), "the dialog under them stays").toBe(true);
    expect(await liquidityDialog().locator("[data-test=settings-toggle]").getAttribute("aria-expanded")).toBe("false");

    await page.keyboard.press("Escape");
    await liquidityDialog().waitFor({ state: "detached", timeout: 2_000 });
    expect(await nonceOf(world, user)).toBe(nonce);
  });

  test("with the ROI calculator opened on top from a card (by keyboard), one Escape closes only the calculator", async () => {
    await openLiquidity();
    // Tab cannot leave the dialog (the next test), but a screen reader's cursor or a script can
    // still reach a card behind it: the stack must hold then too.
    await card.locator("[data-test=roi]").focus();
    await page.keyboard.press("Enter");
    await roiDialog().waitFor();
    expect(await liquidityDialog().isVisible()).toBe(true);
    await screenshot(page, "13-10-roi-over-liquidity", false);

    await escape();
    expect(await roiDialog().count(), "the calculator on top closed").toBe(0);
    expect(await liquidityDialog().isVisible(), "the liquidity dialog under it stays").toBe(true);

    await page.keyboard.press("Escape");
    await liquidityDialog().waitFor({ state: "detached", timeout: 2_000 });
    // Nothing left open: a further press changes nothing.
    await escape();
    expect(await card.isVisible()).toBe(true);
  });

  test("Tab and Shift+Tab go round the dialog's own controls, never the page behind it; closing gives the focus back", async () => {
    const opener = card.locator("[data-test=liquidity]");
    await openLiquidity();
    const inDialog = () => page.evaluate(() => document.activeElement?.closest("[data-test=liquidity-dialog]") !== null);
    expect(await inDialog(), "the dialog takes the focus as it opens").toBe(true);
    // More presses than the dialog has controls: each way round, the focus stays inside.
    let visited = new Set<string>();
    for (const key of ["Tab", "Shift+Tab"]) {
      visited = new Set();
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press(key);
        expect(await inDialog(), `${key} #${i + 1} left the dialog`).toBe(true);
        visited.add(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? ""));
      }
      expect(visited.size, `${key} went round several controls`).toBeGreaterThan(3);
    }
    await page.keyboard.press("Escape");
    await liquidityDialog().waitFor({ state: "detached", timeout: 2_000 });
    expect(await opener.evaluate((el) => el === document.activeElement), "the focus is back on the button that opened it").toBe(true);
  });
});

/**
 * On a phone (360 × 800, a common Android size, and 390 × 844, an iPhone's) every page fits the
 * screen's width: nothing to scroll sideways, and the wallet button, a pool's Stake / Unstake /
 * Harvest and the stake dialog all within reach. Connected as the owner, so the admin page shows
 * all of its controls.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { connectDevAccount, launchBrowser, openApp, screenshot, waitForPosition } from "./browser";

const PHONES = [
  { width: 360, height: 800 },
  { width: 390, height: 844 },
];
const OWNER = 0;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The app on `route` at `phone`'s size, connected as the owner. */
async function openOnPhone(route: string, phone: (typeof PHONES)[number]): Promise<Page> {
  const page = await openApp(browser, route);
  await page.setViewportSize(phone);
  await connectDevAccount(page, OWNER);
  return page;
}

/** How far the page reaches past the screen's right edge, in CSS pixels: 0 when it fits. */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function expectOnScreen(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  expect(box, `${what} is shown`).not.toBeNull();
  expect(box!.x, `${what}'s left edge`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what}'s right edge`).toBeLessThanOrEqual(page.viewportSize()!.width);
}

describe.each(PHONES)("on a $width × $height phone", (phone) => {
  test("the farms page fits the width, with the wallet, a pool's actions and the stake dialog in reach", async () => {
    const page = await openOnPhone("farms", phone);
    const pool = await waitForPosition(page, 0);
    expect(await sidewaysOverflow(page)).toBe(0);
    await expectOnScreen(page, page.locator("[data-test=wallet-button]"), "the wallet button");
    for (const action of ["stake", "unstake", "harvest"]) await expectOnScreen(page, pool.locator(`[data-test=${action}]`), action);
    await screenshot(page, `phone-${phone.width}-farms`, false);
    await pool.locator("[data-test=stake]").click();
    const dialog = page.locator(".dialog");
    await dialog.waitFor();
    await expectOnScreen(page, dialog, "the stake dialog");
    expect(await sidewaysOverflow(page)).toBe(0);
    await page.close();
  });

  // Each page once its widest parts are in: the IL chart; the allocation table and the controls.
  test.each([
    ["il", "[data-test=il-chart]"],
    ["admin", "[data-test=pause]:enabled"],
  ])("the %s page fits the width", async (route, ready) => {
    const page = await openOnPhone(route, phone);
    await page.locator(ready).waitFor();
    expect(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, `phone-${phone.width}-${route}`);
    await page.close();
  });
});

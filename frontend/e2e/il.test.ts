/**
 * The impermanent-loss estimator: the textbook figure (−5.72% when one token doubles against the
 * other, the same when it halves), the slider and the field agreeing, and `#il?pid=N` choosing
 * pool N so the estimate runs at that pool's APR.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { launchBrowser, openApp, screenshot } from "./browser";
import { openWorld, poolBySymbols, type World } from "./chain";

let browser: Browser;
let world: World;

beforeAll(async () => {
  world = await openWorld();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const ilValue = (page: Page) => page.locator("[data-test=il-value]").innerText();

describe("impermanent-loss estimator", () => {
  test("shows −5.72% at 2× and at 0.5×, none at 1×, and the net against holding", async () => {
    const page = await openApp(browser, "il");
    const ratio = page.locator("[data-test=ratio]");
    // Move away first, so the 2× figure is computed from what was typed, not left from the default.
    await ratio.fill("1");
    await expect.poll(() => ilValue(page)).toBe("0.00%");
    await ratio.fill("2");
    await expect.poll(() => ilValue(page)).toBe("-5.72%");
    // $1,000 at 2×: held $1,500, pooled $1,414.21, plus 30 days at the default 50% APR ($41.10).
    await page.locator("[data-test=days]").fill("30");
    await page.locator("[data-test=il-amount]").fill("1000");
    await expect.poll(() => page.locator("[data-test=il-net]").innerText()).toBe("-$44.69");
    expect(await page.locator("[data-test=il-breakeven]").innerText()).toBe("62.6 days");
    await page.locator("[data-test=il-chart]").waitFor();
    await screenshot(page, "il-estimator");
    await ratio.fill("0.5");
    await expect.poll(() => ilValue(page)).toBe("-5.72%");
    await page.close();
  });

  test("the slider moves on a log scale: its middle is 1×, log10(2) of the way up is 2×", async () => {
    const page = await openApp(browser, "il");
    const slider = page.locator("[data-test=ratio-slider]");
    await slider.fill("0");
    await expect.poll(() => page.locator("[data-test=ratio]").inputValue()).toBe("1");
    await expect.poll(() => ilValue(page)).toBe("0.00%");
    await slider.fill(String(Math.log10(2)));
    await expect.poll(() => ilValue(page)).toBe("-5.72%");
    await page.close();
  });

  test("#il?pid=N preselects pool N and estimates at its APR", async () => {
    const { pid } = poolBySymbols(world, "DAI", "WETH");
    const page = await openApp(browser, `il?pid=${pid}`);
    await expect.poll(() => page.locator("[data-test=il-pool]").inputValue()).toBe(String(pid));
    await page.locator("[data-test=ratio]").fill("2");
    await page.locator("[data-test=days]").fill("30");
    await page.locator("[data-test=il-amount]").fill("1000");
    await expect.poll(() => ilValue(page)).toBe("-5.72%");
    // $1,000 over 30 days at the pool's (positive) APR earns something: the net beats the bare
    // loss against holding ($1,414.21 − $1,500).
    const net = await page.locator("[data-test=il-net]").innerText();
    expect(net).toMatch(/^-?\$[\d,.]+$/);
    expect(Number(net.replace(/[$,]/g, ""))).toBeGreaterThan(-85.79);
    expect(await page.locator("[data-test=il-breakeven]").innerText()).toMatch(/days$/);
    await page.close();
  });
});

/**
 * The impermanent-loss estimator: the textbook figure (−5.72% when one token doubles against the
 * other, the same when it halves), the slider and the field agreeing, and `#il?pid=N` choosing
 * pool N so the estimate runs at that pool's APRs. Item 7 of issue 13: a bad horizon, amount or
 * APR gets a sentence and no chart; the y-axis follows the IL curve however large the pool's APR;
 * the chart's text is legible on a 390 px phone; values are in the stablecoin, labelled with its
 * symbol; and the rewards of RWD/WETH, the reward token being the pair's base, are valued at the
 * scenario's RWD price (checked against the chain: ./pool-figures.ts).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { launchBrowser, openApp, screenshot } from "./browser";
import { openWorld, poolBySymbols, type World } from "./chain";
import { poolFigures, shownValue } from "./pool-figures";

/** An account with no stake anywhere: the page is not connected, so an amount is all new to the pool. */
const NOBODY = 13;

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
const shown = async (page: Page, name: string) => shownValue(await page.locator(`[data-test=${name}]`).innerText());

async function expectFigure(page: Page, name: string, computed: number): Promise<void> {
  const text = await page.locator(`[data-test=${name}]`).innerText();
  const { value, unit } = shownValue(text);
  expect(Math.abs(value - computed), `${name}: shown ${text}, computed ${computed}`).toBeLessThanOrEqual(unit / 2 + Math.abs(computed) * 1e-9);
}

/** The page at `#il?pid=N`, once it estimates at pool N's rates (not the any-pair default). */
async function openPool(pid: number): Promise<Page> {
  const page = await openApp(browser, `il?pid=${pid}`);
  await page.locator("[data-test=il-rates]").waitFor();
  return page;
}

/** Fills the scenario's fields: the price ratio, the horizon in days and the amount. */
async function fillScenario(page: Page, ratio: string, days: string, amount: string): Promise<void> {
  await page.locator("[data-test=ratio]").fill(ratio);
  await page.locator("[data-test=days]").fill(days);
  await page.locator("[data-test=il-amount]").fill(amount);
}

describe("impermanent-loss estimator", () => {
  test("shows −5.72% at 2× and at 0.5×, none at 1×, and the net against holding in USDC", async () => {
    const page = await openApp(browser, "il");
    const ratio = page.locator("[data-test=ratio]");
    // Move away first, so the 2× figure is computed from what was typed, not left from the default.
    await ratio.fill("1");
    await expect.poll(() => ilValue(page)).toBe("0.00%");
    await ratio.fill("2");
    await expect.poll(() => ilValue(page)).toBe("-5.72%");
    // 1,000 USDC at 2×: held 1,500, pooled 1,414.21, plus 30 days at the default 50% APR (41.10).
    await page.locator("[data-test=days]").fill("30");
    await page.locator("[data-test=il-amount]").fill("1000");
    await expect.poll(() => page.locator("[data-test=il-net]").innerText()).toBe("-44.69 USDC");
    expect(await page.locator("[data-test=il-hold]").innerText()).toBe("1,500.00 USDC");
    expect(await page.locator("[data-test=il-pooled]").innerText()).toBe("1,414.21 USDC");
    expect(await page.locator("[data-test=il-rewards]").innerText()).toBe("+41.10 USDC");
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

  test("#il?pid=N preselects pool N and estimates at its APRs", async () => {
    const { pid } = poolBySymbols(world, "DAI", "WETH");
    const page = await openPool(pid);
    expect(await page.locator("[data-test=il-pool]").inputValue()).toBe(String(pid));
    await fillScenario(page, "2", "30", "1000");
    await expect.poll(() => ilValue(page)).toBe("-5.72%");
    // 1,000 USDC over 30 days at the pool's (positive) APRs earns something: the net beats the bare
    // loss against holding (1,414.21 − 1,500).
    expect((await shown(page, "il-net")).value).toBeGreaterThan(-85.79);
    expect(await page.locator("[data-test=il-breakeven]").innerText()).toMatch(/days$/);
    await page.close();
  });
});

describe("item 7: the IL page's inputs, axis, text size, unit and reward valuation", () => {
  test("a negative, empty or non-number horizon, amount or APR gives a sentence, and no results or chart", async () => {
    const page = await openApp(browser, "il");
    await page.locator("[data-test=il-chart]").waitFor();
    const cases: [string, string, string][] = [
      ["days", "-5", "The horizon cannot be negative: enter 0 or more, like 30."],
      ["days", "", "Enter a horizon in days."],
      ["days", "ten", "Enter a number, like 30."],
      ["il-amount", "-1000", "The amount cannot be negative: enter a number above 0, like 1000."],
      ["il-amount", "", "Enter an amount."],
      ["il-amount", "0", "Enter an amount above 0."],
      ["il-amount", "1,000", "\"1,000\" could mean 1.000 or 1000: type it with a dot for decimals and no thousands separator."],
      ["il-apr", "-50", "The APR cannot be negative: enter 0 or more, like 50."],
    ];
    for (const [name, typed, sentence] of cases) {
      await fillScenario(page, "2", "30", "1000");
      await page.locator("[data-test=il-apr]").fill("50");
      await page.locator("[data-test=il-chart]").waitFor();
      await page.locator(`[data-test=${name}]`).fill(typed);
      await expect.poll(() => page.locator("[data-test=il-problem]").allInnerTexts(), { message: `${name} = "${typed}"` }).toEqual([sentence]);
      expect(await page.locator("[data-test=il-chart]").count(), `no chart for ${name} = "${typed}"`).toBe(0);
      expect(await page.locator("[data-test=il-value]").count(), `no results for ${name} = "${typed}"`).toBe(0);
      expect(await page.locator("[data-test=il-estimator]").innerText()).not.toMatch(/APR × horizon|NaN|Infinity/);
    }
    // Two fields wrong: a sentence for each.
    await page.locator("[data-test=il-apr]").fill("50");
    await page.locator("[data-test=days]").fill("-1");
    await page.locator("[data-test=il-amount]").fill("");
    await expect.poll(() => page.locator("[data-test=il-problem]").count()).toBe(2);
    await screenshot(page, "item7-il-bad-input");
    // A horizon of 0 days is fine: the loss alone.
    await fillScenario(page, "2", "0", "1000");
    await expect.poll(() => page.locator("[data-test=il-net]").innerText()).toBe("-85.79 USDC");
    await page.close();
  });

  test("RWD/WETH: the y-axis follows the IL curve, not its 20,000% APR, and the net line's value is said in the legend", async () => {
    const page = await openPool(poolBySymbols(world, "RWD", "WETH").pid);
    await fillScenario(page, "2", "30", "1000");
    await page.locator("[data-test=il-chart]").waitFor();
    const ticks = (await page.locator("[data-test=y-tick]").allTextContents()).map((text) => Number(text.replace(/[%,]/g, "")));
    // The loss reaches −42.5% at 0.1× and 10×: the axis spans about that, up to as much above 0 at most.
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(-50);
    expect(Math.min(...ticks)).toBeLessThanOrEqual(-40);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(50);
    // The IL curve takes up at least 40% of the chart's height (it was a flat line on a ±1,000% axis).
    const curve = (await page.locator("[data-test=il-line]").boundingBox())!;
    const chart = (await page.locator("[data-test=il-chart]").boundingBox())!;
    expect(curve.height / chart.height).toBeGreaterThan(0.4);
    // The net against holding is far above: said, not drawn off the chart.
    expect((await shown(page, "chart-net")).value).toBeGreaterThan(100);
    expect(await page.locator("[data-test=chart-net-off]").innerText()).toContain("above the scale");
    await screenshot(page, "item7-il-rwd-weth-axis");
    await page.close();
  });

  test("the chart's text is at least 11 px on a 390 px phone, and the page fits its width", async () => {
    const page = await openApp(browser, "il");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator("[data-test=il-chart]").waitFor();
    // Rendered size: the font size times the SVG's scale to the screen (6–7 px before: a 560-wide drawing shrunk to 370).
    await expect.poll(() => page.locator("[data-test=il-chart] text").evaluateAll((texts) =>
      Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * (t as SVGTextElement).getScreenCTM()!.a))),
    ).toBeGreaterThanOrEqual(11);
    // And no two x labels overlap.
    const boxes = await page.locator("[data-test=il-chart] text[text-anchor=middle]").evaluateAll((texts) => texts.map((t) => t.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, top: r.top })));
    const row = boxes.filter((b) => Math.abs(b.top - boxes[0]!.top) < 2).sort((a, b) => a.left - b.left);
    for (let i = 1; i < row.length; i++) expect(row[i]!.left).toBeGreaterThan(row[i - 1]!.right);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    await screenshot(page, "item7-il-phone-390");
    await page.close();
  });

  test("values are in the stablecoin and say so: USDC, never $", async () => {
    const page = await openPool(poolBySymbols(world, "USDC", "WETH").pid);
    await fillScenario(page, "2", "30", "1000");
    await page.locator("[data-test=il-net]").waitFor();
    const estimator = await page.locator("[data-test=il-estimator]").innerText();
    expect(estimator).not.toContain("$");
    expect(estimator).toContain("Amount (USDC)");
    for (const name of ["il-hold", "il-pooled", "il-rewards", "il-fees", "il-net"]) expect(await page.locator(`[data-test=${name}]`).innerText()).toMatch(/ USDC$/);
    expect(await page.locator("[data-test=il-notes]").innerText()).toContain("Values in USDC, the stablecoin the farm prices in");
    await screenshot(page, "item7-il-desktop");
    await page.close();
  });

  test("rewards valued at the scenario's price: RWD/WETH's at r × today's RWD price, WETH/USDC's (RWD, outside the pair) at today's", async () => {
    const rwd = poolBySymbols(world, "RWD", "WETH");
    const page = await openPool(rwd.pid);
    for (const ratio of [2, 0.5]) {
      await fillScenario(page, String(ratio), "30", "1000");
      await page.locator("[data-test=il-rewards]").waitFor();
      const f = await poolFigures(world, rwd.pid, world.accounts[NOBODY]);
      expect(f.base).toBe(world.deployment.rewardToken);
      const t = 30 / 365;
      const rewardApr = f.yearlyRewardUsd / (f.stakedUsd + 1000);
      const pool = 1000 * Math.sqrt(ratio);
      const rewards = 1000 * rewardApr * t * ratio;
      const fees = pool * (Math.exp(f.feeApr * t) - 1);
      await expectFigure(page, "il-rewards", rewards);
      await expectFigure(page, "il-fees", fees);
      await expectFigure(page, "il-net", pool + rewards + fees - (1000 * (1 + ratio)) / 2);
    }
    await page.close();

    const usdc = poolBySymbols(world, "USDC", "WETH");
    const other = await openPool(usdc.pid);
    const rewardsAt = async (ratio: string) => {
      await fillScenario(other, ratio, "30", "1000");
      await other.locator("[data-test=il-rewards]").waitFor();
      return (await shown(other, "il-rewards")).value;
    };
    const f = await poolFigures(world, usdc.pid, world.accounts[NOBODY]);
    const expected = 1000 * (f.yearlyRewardUsd / (f.stakedUsd + 1000)) * (30 / 365);
    expect(Math.abs((await rewardsAt("2")) - expected)).toBeLessThanOrEqual(0.005 + expected * 1e-9);
    expect(await rewardsAt("0.5")).toBe(await rewardsAt("2"));
    await other.close();
  });
});

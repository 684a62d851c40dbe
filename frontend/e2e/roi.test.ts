/**
 * Item 2 of issue 13: the APY beside each pool's APR, and the ROI calculator, checked against
 * figures computed here from the chain alone (./pool-figures.ts: reserves, supplies, the farm's
 * emission and allocation, the deployments file's block time, the pairs' Swap logs) and the
 * closed forms the README states: fees compound inside the pair, e^(fee APR · t); rewards
 * re-staked n times a year grow the LP by (1 + reward APR / n) per re-staking, those since the
 * last one are kept as tokens; a price scenario r values the LP at √r of today's, the tokens held
 * instead at (1 + r)/2, and reward tokens kept at r when the reward is the pair's base. Dev account
 * #12 (through a browser wallet the node signs for) stakes some WETH/USDC LP first, so the
 * calculator has a stake to start from.
 */
import { type Address, formatUnits, parseEther, parseUnits } from "viem";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from "vitest";

import { farmAbi, uniswapV2PairAbi } from "../src/chain/abis.generated";
import { type FarmsChain, openFarmsAs, screenshot } from "./browser";
import { nodeWallet, poolBySymbols, provideLiquidity, type World } from "./chain";
import { injectFakeWallet } from "./fake-wallet";
import { type PoolFigures, poolFigures, shownValue } from "./pool-figures";

const ACCOUNT = 12;
const WALLET = "Fake Browser Wallet";
const LOCAL = 31337;
const DAYS_PER_YEAR = 365;

let browser: Browser;
let page: Page;
let world: World;
let user: Address;
let pid: number;
let card: Locator;

beforeAll(async () => {
  ({ world, user, pid, browser, page, pool: card } = await openFarmsAs(ACCOUNT, "USDC", "WETH", { before: stakeSome, init: nodeSignedWallet, connect: connectWallet }));
});

afterAll(async () => {
  await browser?.close();
});

// A test that fails with the dialog open leaves the next one a page to click on.
afterEach(async () => {
  if (await page.locator("[data-test=roi-dialog]").count()) await page.keyboard.press("Escape");
});

/** About 2,469 USDC of WETH/USDC LP, half of it staked: a stake for the calculator to start from, unlike its default 1,000. */
async function stakeSome(chain: FarmsChain): Promise<void> {
  const { lp } = await provideLiquidity(chain.world, chain.user, "USDC", parseUnits("1234.5", 6), parseEther("1"));
  const wallet = nodeWallet(chain.user);
  const mined = async (hash: Promise<`0x${string}`>) => expect((await chain.world.client.waitForTransactionReceipt({ hash: await hash })).status).toBe("success");
  const farm = chain.world.deployment.farm as Address;
  await mined(wallet.writeContract({ address: chain.lpToken, abi: uniswapV2PairAbi, functionName: "approve", args: [farm, lp], chain: null }));
  await mined(wallet.writeContract({ address: farm, abi: farmAbi, functionName: "deposit", args: [BigInt(chain.pid), lp / 2n], chain: null }));
}

function nodeSignedWallet(p: Page, chain: FarmsChain): Promise<void> {
  const rpcUrl = new URL("rpc", inject("appUrl")).href;
  return injectFakeWallet(p, { name: WALLET, account: chain.user, chainId: LOCAL, knownChains: [LOCAL], rpcUrl });
}

async function connectWallet(p: Page): Promise<void> {
  await p.locator("[data-test=connect-button]").click();
  await p.locator("[data-test=injected-wallet]", { hasText: WALLET }).click();
}

interface Scenario {
  principal: number;
  days: number;
  rewardApr: number;
  feeApr: number;
  /** Re-stakings a year; 0: rewards kept. */
  perYear: number;
  ratio: number;
  rewardIsBase: boolean;
  gasEach: number;
  /** The stake's share of the pool once it joined: re-staked rewards dilute in turn (README). 0: negligible. */
  share?: number;
}

/** The closed forms, written out apart from the app's code. */
function expected(s: Scenario) {
  const t = s.days / DAYS_PER_YEAR;
  // Re-stakings strictly before the end: at 1/n, 2/n, … of a year.
  let restakes = 0;
  if (s.perYear > 0) while ((restakes + 1) / s.perYear < t - 1e-12) restakes += 1;
  // A stake x times its start earns rewardApr · x / (1 − share + share · x): re-staked LP dilutes too.
  const share = s.share ?? 0;
  const rate = (x: number) => (s.rewardApr * x) / (1 - share + share * x);
  let lpGrowth = 1;
  for (let i = 0; i < restakes; i++) lpGrowth += rate(lpGrowth) / s.perYear;
  const keptToday = s.principal * rate(lpGrowth) * (s.perYear > 0 ? t - restakes / s.perYear : t);
  const kept = keptToday * (s.rewardIsBase ? s.ratio : 1);
  const pool = s.principal * Math.sqrt(s.ratio);
  const hold = (s.principal * (1 + s.ratio)) / 2;
  const feeGrowth = Math.exp(s.feeApr * t);
  const gas = restakes * s.gasEach;
  const end = pool * lpGrowth * feeGrowth + kept - gas;
  // A year: n − 1 re-stakings, the last period's reward kept.
  let yearGrowth = 1;
  for (let i = 0; i < s.perYear - 1; i++) yearGrowth += rate(yearGrowth) / s.perYear;
  const apy = s.perYear > 0 ? yearGrowth * Math.exp(s.feeApr) + rate(yearGrowth) / s.perYear - 1 : Math.exp(s.feeApr) + s.rewardApr - 1;
  return { restakes, rewards: pool * (lpGrowth - 1) + kept, fees: pool * lpGrowth * (feeGrowth - 1), il: pool - hold, gas, net: end - hold, end, hold, apy, gainPercent: ((end - s.principal) / s.principal) * 100 };
}

/** A shown figure within half a unit of its last digit of `computed` (and a relative 1e-9 for float order). */
async function expectFigure(locator: Locator, computed: number, label: string): Promise<void> {
  const shown = await locator.innerText();
  const { value, unit } = shownValue(shown);
  expect(Math.abs(value - computed), `${label}: shown ${shown}, computed ${computed}`).toBeLessThanOrEqual(unit / 2 + Math.abs(computed) * 1e-9);
}

const dialog = () => page.locator("[data-test=roi-dialog]");
const field = (name: string) => dialog().locator(`[data-test=${name}]`);

async function openCalculator(of: Locator): Promise<void> {
  await of.locator("[data-test=roi]").click();
  await dialog().waitFor();
}

/** Every result of the dialog against the closed forms. */
async function expectResults(s: Scenario): Promise<void> {
  const e = expected(s);
  await field("roi-results").waitFor();
  if (e.apy >= 1e6) expect(await field("roi-apy").innerText()).toBe(">100,000,000%");
  else await expectFigure(field("roi-apy"), e.apy * 100, "APY");
  await expectFigure(field("roi-reward-apr"), s.rewardApr * 100, "reward APR");
  await expectFigure(field("roi-fee-apr"), s.feeApr * 100, "fee APR");
  await expectFigure(field("roi-rewards"), e.rewards, "rewards");
  await expectFigure(field("roi-fees"), e.fees, "fees");
  await expectFigure(field("roi-il"), e.il, "impermanent loss");
  await expectFigure(field("roi-net"), e.net, "net against holding");
  await expectFigure(field("roi-end"), e.end, "value at the end");
  await expectFigure(field("roi-hold"), e.hold, "value held instead");
  await expectFigure(field("roi-gain"), e.gainPercent, "gain on the principal");
  if (e.gas > 0) await expectFigure(field("roi-gas"), -e.gas, "gas");
  else expect(await field("roi-gas").count()).toBe(0);
  for (const text of await dialog().locator(".roi-results dd").allInnerTexts()) expect(text).not.toContain("$");
}

/** The stake's share of the pool once what `principal` adds has joined it. */
const shareFor = (f: PoolFigures, principal: number) => Math.min(1, principal / (f.stakedUsd + Math.max(0, principal - f.userStakedUsd)));

/** The reward APR a stake of `principal` would earn once what it adds joins the pool. */
const rewardAprFor = (f: PoolFigures, principal: number) => f.yearlyRewardUsd / (f.stakedUsd + Math.max(0, principal - f.userStakedUsd));

describe("APY beside the APR", () => {
  test("each live pool's card shows the APY of its APRs, rewards re-staked daily, fees compounding in the pair", async () => {
    for (const { pid: id } of world.deployment.pools) {
      const f = await poolFigures(world, id, user);
      const apy = expected({ principal: 1, days: 365, rewardApr: f.yearlyRewardUsd / f.stakedUsd, feeApr: f.feeApr, perYear: 365, ratio: 1, rewardIsBase: false, gasEach: 0 }).apy;
      const shown = page.locator(`[data-test=pool-${id}] [data-test=apy]`);
      if (apy >= 1e6) expect(await shown.innerText()).toBe(">100,000,000%");
      else await expectFigure(shown, apy * 100, `pool ${id} APY`);
    }
    await card.locator("[data-test=apr]").hover();
    expect(await card.locator(".tooltip").innerText()).toMatch(/APY[\s\S]*re-staked every day[\s\S]*gas is not counted/);
    await screenshot(page, "item2-apy-cards", false);
  });
});

describe("ROI calculator", () => {
  test("starts from the user's stake, in the stablecoin or exactly in LP, and matches the chain for a year re-staked daily", async () => {
    const f = await poolFigures(world, pid, user);
    expect(f.userStaked, "the account staked in beforeAll").toBeGreaterThan(0n);
    await openCalculator(card);
    // Prefilled with the stake in USDC, to the cent.
    const prefilled = Number(await field("roi-amount").inputValue());
    expect(Math.abs(prefilled - f.userStakedUsd)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(prefilled - 1000), "the stake, not the default").toBeGreaterThan(100);
    expect(await field("roi-in-stable").innerText()).toBe("USDC");
    await field("roi-days-365").click();
    const base = { days: 365, feeApr: f.feeApr, perYear: 365, ratio: 1, rewardIsBase: false, gasEach: 0 };
    // The stake is already in the pool: nothing added, today's reward APR; the prefill stands for the exact stake.
    await expectResults({ ...base, principal: f.userStakedUsd, rewardApr: f.yearlyRewardUsd / f.stakedUsd, share: shareFor(f, f.userStakedUsd) });
    expect(await field("roi-dilution").count()).toBe(0);
    await screenshot(page, "item2-roi-desktop", false);

    // In LP: the exact stake, to the wei.
    await field("roi-in-lp").click();
    expect(await field("roi-amount").inputValue()).toBe(formatUnits(f.userStaked, 18));
    await expectResults({ ...base, principal: f.userStakedUsd, rewardApr: rewardAprFor(f, f.userStakedUsd), share: shareFor(f, f.userStakedUsd) });
    await field("roi-in-stable").click();
    expect(Number(await field("roi-amount").inputValue())).toBe(prefilled);
    await field("roi-close").click();
  });

  test("5,000 USDC for 30 days re-staked weekly with gas, WETH at 2×: the added stake lowers the reward APR, IL and gas come off", async () => {
    const f = await poolFigures(world, pid, user);
    await openCalculator(card);
    await field("roi-amount").fill("5000");
    await field("roi-days-30").click();
    await field("roi-every-weekly").click();
    await field("roi-gas-cost").fill("1.5");
    await field("ratio").fill("2");
    const rewardApr = rewardAprFor(f, 5000);
    expect(rewardApr).toBeLessThan(f.yearlyRewardUsd / f.stakedUsd);
    await expectResults({ principal: 5000, days: 30, rewardApr, feeApr: f.feeApr, perYear: 52, ratio: 2, rewardIsBase: false, gasEach: 1.5, share: shareFor(f, 5000) });
    expect(await field("roi-dilution").innerText()).toContain("USDC staked");
    // 30 days re-staked weekly: 4 re-stakings (weeks of 365 / 52 days), 6 USDC of gas.
    expect(expected({ principal: 1, days: 30, rewardApr, feeApr: 0, perYear: 52, ratio: 1, rewardIsBase: false, gasEach: 1.5 }).gas).toBe(6);

    // Monthly, then not at all: fewer re-stakings, then rewards kept as RWD.
    await field("roi-every-monthly").click();
    await expectResults({ principal: 5000, days: 30, rewardApr, feeApr: f.feeApr, perYear: 12, ratio: 2, rewardIsBase: false, gasEach: 1.5, share: shareFor(f, 5000) });
    await field("roi-compound").uncheck();
    await field("roi-days-7").click();
    await expectResults({ principal: 5000, days: 7, rewardApr, feeApr: f.feeApr, perYear: 0, ratio: 2, rewardIsBase: false, gasEach: 0 });
    await field("roi-days-1").click();
    await expectResults({ principal: 5000, days: 1, rewardApr, feeApr: f.feeApr, perYear: 0, ratio: 2, rewardIsBase: false, gasEach: 0 });
    await page.keyboard.press("Escape");
    await dialog().waitFor({ state: "detached" });
  });

  test("RWD/WETH, RWD at 2×: the rewards kept are valued at the scenario's RWD price", async () => {
    const rwd = poolBySymbols(world, "RWD", "WETH");
    const f = await poolFigures(world, rwd.pid, user);
    expect(f.base, "RWD is the base of RWD/WETH").toBe(world.deployment.rewardToken);
    await openCalculator(page.locator(`[data-test=pool-${rwd.pid}]`));
    expect(await field("roi-amount").inputValue(), "no stake here: a round amount").toBe("1000");
    await field("roi-compound").uncheck();
    await field("roi-days-30").click();
    await field("ratio").fill("2");
    const scenario = { principal: 1000, days: 30, rewardApr: rewardAprFor(f, 1000), feeApr: f.feeApr, perYear: 0, ratio: 2, rewardIsBase: true, gasEach: 0 };
    await expectResults(scenario);
    // The same RWD valued at today's price would be half: the page did not.
    const atTodaysPrice = expected({ ...scenario, rewardIsBase: false }).rewards;
    expect(shownValue(await field("roi-rewards").innerText()).value).toBeGreaterThan(atTodaysPrice * 1.9);
    await field("roi-close").click();
  });

  test("bad amounts and gas costs get a sentence, not figures", async () => {
    await openCalculator(card);
    const cases: [string, string][] = [
      ["", "Enter an amount."],
      ["-5", "The amount cannot be negative: enter a number above 0, like 1000."],
      ["0", "Enter an amount above 0."],
      ["abc", "Enter a number, like 1000."],
      ["1,500", "\"1,500\" could mean 1.500 or 1500: type it with a dot for decimals and no thousands separator."],
    ];
    for (const [typed, sentence] of cases) {
      await field("roi-amount").fill(typed);
      await expect.poll(() => field("roi-problem").allInnerTexts()).toEqual([sentence]);
      expect(await field("roi-results").count(), `no figures for "${typed}"`).toBe(0);
    }
    await field("roi-amount").fill("100");
    await field("roi-gas-cost").fill("-1");
    await expect.poll(() => field("roi-problem").allInnerTexts()).toEqual(["The gas cost cannot be negative: enter 0 or more, like 2.5."]);
    await field("ratio").fill("20");
    expect(await field("ratio-error").innerText()).toBe("Enter a price change between 0.1× and 10× today's.");
    await screenshot(page, "item2-roi-bad-input", false);
    await field("roi-close").click();
  });

  test("on a 390 px phone the calculator fits the screen, nothing to scroll sideways", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openCalculator(card);
    const box = (await dialog().boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    expect(await dialog().evaluate((el) => el.scrollWidth - el.clientWidth), "nothing inside the dialog is wider than it").toBe(0);
    await screenshot(page, "item2-roi-phone-390", false);
    await dialog().evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await screenshot(page, "item2-roi-phone-390-results", false);
    await field("roi-close").click();
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

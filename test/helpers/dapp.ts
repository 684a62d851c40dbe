/**
 * The dapp a launcher serves, as a newcomer first meets it: its farms page in real headless
 * Chromium, read once every pool has its figures. This proves more than an HTML answer does: the
 * dev server's whole module graph resolves on a fresh clone (generated files included), and the
 * app reaches the node and the deployments file through its own origin.
 */
import { expect } from "chai";

import { launchBrowser } from "../../fixtures/chromium.js";

interface ShownPool {
  pid: number;
  apr: string;
  tvl: string;
}

interface FarmsPage {
  pools: ShownPool[];
  /** Uncaught errors and console errors the page raised while loading. */
  errors: string[];
}

const LOAD_TIMEOUT = 60_000;

/** Asserts that `appUrl`'s farms page loads with no error and shows an APR and a TVL for each of `pids`. */
export async function expectFarmsPageShows(appUrl: string, pids: number[]): Promise<void> {
  const page = await readFarmsPage(appUrl, pids);
  expect(page.errors).to.deep.equal([]);
  for (const pool of page.pools) {
    expect(pool.apr, `pool ${pool.pid} APR`).to.match(/^[\d,]+(\.\d+)?%$/);
    expect(pool.tvl, `pool ${pool.pid} TVL`).to.match(/^\$[\d,]+\.\d\d[MB]?$/);
  }
}

/** Opens `appUrl`'s farms page and reads the APR and TVL each of `pids` shows. */
async function readFarmsPage(appUrl: string, pids: number[]): Promise<FarmsPage> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(`${appUrl}#farms`);
    const pools: ShownPool[] = [];
    for (const pid of pids) {
      const card = page.locator(`[data-test=pool-${pid}]`);
      // The TVL shows "—" until the pool's prices are known.
      const tvl = card.locator("[data-test=pool-tvl]", { hasText: "$" });
      await tvl.waitFor({ timeout: LOAD_TIMEOUT }).catch((error: Error) => {
        throw new Error(`pool ${pid} never showed its TVL (${error.message.split("\n")[0]}); the page said: ${errors.join(" | ") || "nothing"}`);
      });
      pools.push({ pid, apr: (await card.locator("[data-test=apr]").innerText()).trim(), tvl: (await tvl.innerText()).trim() });
    }
    return { pools, errors };
  } finally {
    await browser.close();
  }
}

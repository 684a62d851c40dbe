/**
 * History without its indexer (issue 16): the farms page keeps working on chain reads alone, the
 * history pages say plainly why history is unavailable, and come back by themselves. The shared
 * world's indexer is never stopped: this page alone is made to miss it (its requests to the
 * indexer aborted, as a dead URL would be; or a deployments file that names no indexer), then
 * given it back.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { connectDevAccount, launchBrowser, openApp, screenshot } from "./browser";
import { openWorld, poolCount, type World } from "./chain";
import { indexerUrl } from "./history-chain";

const ACCOUNT = 16;

let world: World;
let browser: Browser;

beforeAll(async () => {
  world = await openWorld();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Every request this page makes to the indexer fails as a dead server's would. */
async function cutIndexer(page: Page): Promise<void> {
  await page.route(`${indexerUrl(world)}/**`, (route) => route.abort("connectionrefused"));
}

describe("history without the indexer", () => {
  test("the farms page works, Activity says the indexer is not answering, and recovers when it answers again", async () => {
    const page = await openApp(browser, "farms", cutIndexer);
    await connectDevAccount(page, ACCOUNT);
    // The farms page: every pool with its APR and staked value, from the chain (earlier files in
    // the shared world may have added pools).
    await expect.poll(() => page.locator("article.pool").count()).toBe(await poolCount(world));
    // (A pool added by an earlier file, with nothing staked yet, shows "new" rather than a rate.)
    await expect.poll(async () => (await page.locator("article.pool [data-test=apr]").allInnerTexts()).some((apr) => apr.includes("%"))).toBe(true);
    await page.getByRole("link", { name: "Activity" }).click();
    const down = page.locator("[data-test=history-unreachable]");
    await down.waitFor();
    expect(await down.innerText()).toContain(`History is unavailable: the indexer at ${indexerUrl(world)} is not answering. Farms, staking and harvesting work as usual.`);
    await screenshot(page, "history-unavailable");
    // The farms page still works meanwhile.
    await page.getByRole("link", { name: "Farms" }).click();
    await page.locator("article.pool").first().waitFor();
    await page.getByRole("link", { name: "Activity" }).click();
    await page.unrouteAll();
    // Back by itself (the next check after the backoff): its earnings and an empty history.
    await page.locator("[data-test=earnings]").waitFor({ timeout: 30_000 });
    await page.locator("[data-test=activity-empty]").waitFor();
    expect(await down.count()).toBe(0);
    await screenshot(page, "history-recovered");
    await page.close();
  });

  test("a deployment that names no indexer: history says so, the pool page shows the chain's figures", async () => {
    const page = await openApp(browser, "activity", async (p) => {
      await p.route("**/deployments/31337.json", async (route) => {
        const file = (await (await route.fetch()).json()) as Record<string, unknown>;
        delete file.indexer;
        await route.fulfill({ json: file });
      });
    });
    await connectDevAccount(page, ACCOUNT);
    await page.locator("[data-test=history-none]").waitFor();
    expect(await page.locator("[data-test=history-none]").innerText()).toMatch(/names no indexer/);
    await page.goto(page.url().replace(/#.*$/, "#/pools/0"));
    await page.locator("[data-test=now-tvl]").waitFor();
    expect(await page.locator("[data-test=now-tvl]").innerText()).toMatch(/^\$/);
    await page.locator("[data-test=history-none]").waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "history-no-indexer-phone");
    await page.close();
  });

  test("an indexer still catching up: history says how far it has got, and fills in once it is ready", async () => {
    let catchingUp = true;
    const page = await openApp(browser, "activity", async (p) => {
      await p.route(`${indexerUrl(world)}/ready`, (route) => (catchingUp ? route.fulfill({ status: 503, body: "Historical indexing is not complete." }) : route.fallback()));
    });
    await connectDevAccount(page, ACCOUNT);
    const waiting = page.locator("[data-test=history-catching-up]");
    await waiting.waitFor();
    expect(await waiting.innerText()).toMatch(/still catching up with the chain \((at )?block [\d,]+/);
    catchingUp = false;
    await page.locator("[data-test=earnings]").waitFor({ timeout: 30_000 });
    await page.close();
  });
});

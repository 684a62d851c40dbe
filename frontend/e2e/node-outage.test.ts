/**
 * The node disappearing mid-session, as dev account #3 on the farms page. The page reaches its
 * node only through the serving origin's /rpc, so the outage is made there, in this page alone
 * (the world's node keeps running for everyone else): first refused connections, then the
 * "502 Bad Gateway" a proxy answers when the node behind it is gone. The page must say so within
 * a few blocks, keep its last figures (no blanks, no NaN), refuse a stake in words and send
 * nothing; when the node is back, recover by itself, with no reload.
 */
import { type Address, parseEther } from "viem";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { openFarmsAs, readAmount, screenshot, settledNotice, UI_TIMEOUT } from "./browser";
import { accountState, onlyFarmCallDuring, type World } from "./chain";
import { FEW_BLOCKS_MS, NODE_AWAY, RPC } from "./node-away";

/** Funded by the world; no other browser test uses it (the store test does, in its own file). */
const ACCOUNT = 3;

let browser: Browser;
let page: Page;
let world: World;
let user: Address;
let pid: number;
let lpToken: Address;
let pool: Locator;
/** How the page's /rpc fails meanwhile; every request it made to it during the outage. */
let outage: "refused" | "bad-gateway" = "refused";
let failedRequests = 0;

beforeAll(async () => {
  ({ world, user, pid, lpToken, browser, page, pool } = await openFarmsAs(ACCOUNT, "DAI", "WETH"));
});

afterAll(async () => {
  await browser?.close();
});

const banner = () => page.locator("[data-test=offline]");
const dialog = () => page.locator("[data-test=stake-dialog]");

/** The summary and every pool card, as shown: each figure with its label. */
function figures(): Promise<string[]> {
  return page.locator("[data-test=summary] .stat, article.pool").allInnerTexts();
}

async function nodeGone(): Promise<void> {
  await page.route(RPC, async (route) => {
    failedRequests++;
    if (outage === "refused") await route.abort("connectionrefused");
    else await route.fulfill({ status: 502, contentType: "text/plain", body: "Bad Gateway" });
  });
}

describe("the node disappears mid-session, dev account #3", () => {
  test("the page says so within a few blocks and keeps its last figures, whole", async () => {
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    const cards = await page.locator("article.pool").count();
    expect(cards).toBeGreaterThan(1);

    const gone = Date.now();
    await nodeGone();
    await banner().waitFor({ timeout: UI_TIMEOUT });
    expect(Date.now() - gone, "ms until the page said so").toBeLessThan(FEW_BLOCKS_MS);
    expect(await banner().innerText()).toBe(NODE_AWAY);

    // The page keeps asking (it reconnects by itself), and meanwhile shows what it last knew.
    const shown = await figures();
    const asked = failedRequests;
    await expect.poll(() => failedRequests, { timeout: UI_TIMEOUT, message: "the page tries the node again" }).toBeGreaterThan(asked + 2);
    expect(await figures()).toEqual(shown);
    expect(shown).toHaveLength(cards + 6); // six summary figures for a connected account
    for (const figure of shown) expect(figure).not.toMatch(/NaN|undefined|Infinity/);
    expect(await readAmount(pool.locator("[data-test=staked-lp]"))).toBeGreaterThan(0n);
    await screenshot(page, "node-offline");
  });

  test("while the node is away nothing can be sent: every action is off, an open dialog says why and keeps its amount", async () => {
    for (const action of ["stake", "unstake", "harvest", "emergency"]) {
      expect(await pool.locator(`[data-test=${action}]`).isDisabled(), `${action} is off`).toBe(true);
    }
    expect(await page.locator("[data-test=harvest-all]").isDisabled()).toBe(true);

    // A stake dialog opened while the node answered, and the node gone again while it is open.
    await page.unroute(RPC);
    await banner().waitFor({ state: "detached", timeout: UI_TIMEOUT });
    await pool.locator("[data-test=stake]").click();
    await dialog().locator("[data-test=amount]").fill("0.1");
    outage = "bad-gateway";
    const before = await accountState(world, user, pid, lpToken);
    await nodeGone();
    await banner().waitFor({ timeout: UI_TIMEOUT });
    expect(await dialog().locator("[data-test=amount-error]").innerText()).toBe(NODE_AWAY);
    expect(await dialog().locator("[data-test=confirm]").isDisabled()).toBe(true);
    expect(await dialog().locator("[data-test=amount]").inputValue()).toBe("0.1");
    expect(await accountState(world, user, pid, lpToken)).toEqual(before);
    await screenshot(page, "stake-while-offline", false);
  });

  test("when the node is back the banner goes and the figures move again by themselves", async () => {
    const pending = pool.locator("[data-test=pending]");
    const pendingBefore = await readAmount(pending);
    await page.unroute(RPC);
    await banner().waitFor({ state: "detached", timeout: UI_TIMEOUT });
    // Pending rewards grow every block: the page follows the chain again.
    await expect.poll(() => readAmount(pending), { timeout: UI_TIMEOUT, message: "the pending reward moves again" }).toBeGreaterThan(pendingBefore);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), "no reload").toBe(true);

    // The dialog kept through the outage now stakes, once.
    const call = await onlyFarmCallDuring(world, user, async () => {
      const notice = await settledNotice(page, () => dialog().locator("[data-test=confirm]").click());
      expect(notice.status, notice.text).toBe("confirmed");
    });
    expect(["deposit", "depositWithPermit"]).toContain(call.functionName);
    expect(call.args.slice(0, 2)).toEqual([BigInt(pid), parseEther("0.1")]);
  });
});

describe("the node freezes: the connection stays open and nothing answers, dev account #3", () => {
  test("a harvest sent as it freezes fails in words instead of hanging, and the page says so within a few blocks", async () => {
    await pool.locator("[data-test=harvest]").waitFor();
    await expect.poll(() => pool.locator("[data-test=harvest]").isEnabled(), { timeout: UI_TIMEOUT }).toBe(true);
    const before = await accountState(world, user, pid, lpToken);
    // Every request from now on is held open, never answered: a frozen node, or a proxy in front of one.
    await page.route(RPC, () => undefined);
    const frozen = Date.now();
    const notice = settledNotice(page, () => pool.locator("[data-test=harvest]").click());
    await banner().waitFor({ timeout: UI_TIMEOUT });
    expect(Date.now() - frozen, "ms until the page said so").toBeLessThan(FEW_BLOCKS_MS);
    expect(await pool.locator("[data-test=harvest]").isDisabled()).toBe(true);
    const settled = await notice;
    expect(Date.now() - frozen, "ms until the harvest gave up").toBeLessThan(25_000);
    expect(settled.status).toBe("failed");
    expect(settled.text).toContain(NODE_AWAY);
    expect(await accountState(world, user, pid, lpToken)).toEqual(before);
    await screenshot(page, "node-frozen", false);

    await page.unroute(RPC);
    await banner().waitFor({ state: "detached", timeout: 30_000 });
  }, 60_000);
});

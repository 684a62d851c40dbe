/**
 * Item 11 of issue 13, "never on real networks", in the browser: the testers' toolbar shows on the
 * local Hardhat node (desktop and a 390 px phone), and not when the node behind the app's /rpc
 * (chain/chains.ts: the page reaches its node only there) says it is something else. The page's
 * JSON-RPC is intercepted in that page alone: `web3_clientVersion` answered as Geth's, or
 * `eth_chainId` as mainnet's, everything else passed to the real node, so the farm loads as usual
 * and only the node's identity differs. Read-only: no wallet, nothing sent.
 */
import type { Browser, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { launchBrowser, openApp, screenshot, UI_TIMEOUT } from "./browser";

const RPC = "**/rpc";
const GETH = "Geth/v1.14.11-stable-f3c696fa/linux-amd64/go1.23.2";
const PHONE = { width: 390, height: 844 };
/** Time for the page to have shown the toolbar, had it taken the answer for Hardhat's: a few 2 s blocks. */
const FEW_BLOCKS_MS = 6_000;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

type RpcCall = { id: number | string; method: string };

/**
 * Has the page's node answer `method` with `result` itself; every other call goes to the real
 * node. Returns how many times the page asked for `method`.
 */
async function answerAs(page: Page, method: string, result: string): Promise<() => number> {
  let asked = 0;
  await page.route(RPC, async (route: Route) => {
    const body = route.request().postDataJSON() as RpcCall | RpcCall[] | null;
    const calls = body === null ? [] : Array.isArray(body) ? body : [body];
    if (!calls.some((call) => call.method === method)) return route.fallback();
    asked++;
    // A batch is answered whole: the other calls of it from the real node.
    const real = calls.length > 1 ? ((await (await route.fetch()).json()) as { id: RpcCall["id"] }[]) : [];
    const answer = (call: RpcCall) => (call.method === method ? { jsonrpc: "2.0", id: call.id, result } : real.find((r) => r.id === call.id));
    await route.fulfill({ status: 200, contentType: "application/json", json: Array.isArray(body) ? calls.map(answer) : answer(calls[0]) });
  });
  return () => asked;
}

const toolbar = (page: Page) => page.locator("[data-test=tester-toolbar]");

/** The farms page loaded, with its pool cards: the farm was read through the same /rpc. */
async function farmShown(page: Page): Promise<void> {
  await page.locator("article.pool").first().waitFor({ timeout: UI_TIMEOUT });
}

describe("item 11: the testers' toolbar only on Hardhat's node", () => {
  test("present on the local Hardhat node, on a desktop and a 390 px phone", async () => {
    const page = await openApp(browser, "farms");
    try {
      await farmShown(page);
      await toolbar(page).waitFor({ timeout: UI_TIMEOUT });
      await screenshot(page, "13-11-toolbar-on-hardhat", false);
      await page.setViewportSize(PHONE);
      expect(await toolbar(page).isVisible()).toBe(true);
      const box = (await toolbar(page).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, "13-11-toolbar-on-hardhat-390", false);
    } finally {
      await page.close();
    }
  });

  const impostors = [
    { node: "a Geth node (web3_clientVersion), chain 31337", method: "web3_clientVersion", result: GETH, shot: "13-11-no-toolbar-geth" },
    { node: "a Hardhat node on chain 1 (eth_chainId)", method: "eth_chainId", result: "0x1", shot: "13-11-no-toolbar-chain-1" },
  ];
  for (const { node, method, result, shot } of impostors) {
    test(`absent when the node is ${node}; the farm still shows`, async () => {
      let asked: () => number = () => 0;
      const page = await openApp(browser, "farms", async (p) => void (asked = await answerAs(p, method, result)));
      try {
        await farmShown(page);
        // The page did ask who the node is (else this test could not fail), and shows no toolbar after.
        await expect.poll(asked, { timeout: UI_TIMEOUT, message: `the page asks ${method}` }).toBeGreaterThan(0);
        await page.waitForTimeout(FEW_BLOCKS_MS);
        expect(await toolbar(page).count()).toBe(0);
        expect(await page.locator("[data-test=tester-toggle]").count()).toBe(0);
        await screenshot(page, shot, false);
        await page.setViewportSize(PHONE);
        expect(await toolbar(page).count()).toBe(0);
        await screenshot(page, `${shot}-390`, false);
      } finally {
        await page.close();
      }
    });
  }
});

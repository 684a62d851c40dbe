/**
 * A browser wallet on another chain (mainnet, where this farm is not deployed): the page says so
 * in the wrong-network banner and offers the switch; once the wallet is on the farm's chain the
 * banner goes. The wallet is a stand-in injected before the app loads (./fake-wallet.ts).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { launchBrowser, openApp, screenshot } from "./browser";
import { injectFakeWallet } from "./fake-wallet";

const WALLET = "Fake Mainnet Wallet";
const MAINNET = 1;
const LOCAL = 31337;
/** Not a dev account: this wallet holds nothing on the farm's chain, and need not. */
const ACCOUNT = "0x00000000000000000000000000000000000b0b01";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await openApp(browser, "farms", (p) => injectFakeWallet(p, { name: WALLET, account: ACCOUNT, chainId: MAINNET, knownChains: [MAINNET, LOCAL] }));
});

afterAll(async () => {
  await browser?.close();
});

describe("wrong network", () => {
  test("a wallet on mainnet gets the wrong-network banner", async () => {
    const banner = page.locator("[data-test=wrong-network]");
    await page.locator("[data-test=pool-0]").waitFor();
    expect(await banner.count(), "no banner before a wallet is connected").toBe(0);

    await page.locator("[data-test=connect-button]").click();
    await page.locator("[data-test=injected-wallet]", { hasText: WALLET }).click();
    await banner.waitFor();
    const text = await banner.innerText();
    expect(text).toMatch(/Your wallet is on Ethereum/);
    expect(text).toMatch(/the farm is on Local \(Hardhat\)/);
    // The farm shown is still the local one: it is not deployed where the wallet is.
    await page.locator("[data-test=pool-0]").waitFor();
    await screenshot(page, "wrong-network");
  });

  test("switching the wallet to the farm's chain clears the banner", async () => {
    const banner = page.locator("[data-test=wrong-network]");
    await banner.getByRole("button", { name: /Switch to/ }).click();
    await banner.waitFor({ state: "detached" });
    expect(await page.locator("[data-test=wallet-button]").innerText()).toMatch(/^0x0000/);
  });
});

/**
 * The wallet menu as people with different browsers meet it: wallets that announce themselves
 * (EIP-6963) by their names and icons, an older wallet that only sets `window.ethereum`, no
 * wallet at all (a sentence saying how to get one, and no "Injected" entry that answers "Provider
 * not found."), copying the address (and what happens when the browser refuses), and staying
 * connected while the node behind /rpc goes away and comes back, with a reload in between (the dev
 * server reloads the page when `npm start` restarts). The outage is made in the page's /rpc alone,
 * as in node-outage.test.ts: the world's node keeps running for the other files.
 *
 * Dev accounts #17 (the wallets' account and the copy) and #18 (the restart) are this file's.
 */
import type { Browser, Page } from "playwright-core";
import { type Address, getAddress } from "viem";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { connectDevAccount, launchBrowser, openApp, screenshot, UI_TIMEOUT, waitForPosition } from "./browser";
import { openWorld, poolBySymbols, type World } from "./chain";
import { FAKE_WALLET_ICON, type FakeWalletOptions, injectFakeWallet } from "./fake-wallet";

const WALLET_ACCOUNT = 17;
const RESTART_ACCOUNT = 18;
const LOCAL = 31337;
const PHONE = { width: 390, height: 844 };
const RPC = "**/rpc";
const NO_WALLET =
  "No browser wallet found. Install a wallet extension such as MetaMask or Rabby from its official site, then reload this page. " +
  "Or use a dev account below: the local node signs for it, no extension needed.";
/** A red square, so the second wallet's icon is told from the first's in a screenshot. */
const SECOND_ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='6' fill='%23d9534f'/%3E%3C/svg%3E";

let browser: Browser;
let world: World;

beforeAll(async () => {
  world = await openWorld();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;
const menu = (page: Page) => page.locator("[data-test=wallet-menu]");
const browserWallets = (page: Page) => page.locator("[data-test=injected-wallet]");

/** A fake wallet whose requests the node signs for dev account #17. */
function wallet(name: string, extra: Partial<FakeWalletOptions> = {}): FakeWalletOptions {
  const rpcUrl = new URL("rpc", inject("appUrl")).href;
  return { name, account: world.accounts[WALLET_ACCOUNT], chainId: LOCAL, knownChains: [LOCAL], rpcUrl, ...extra };
}

/** The farms page with these wallets installed (none: a browser without any), its wallet menu open. */
async function openMenuWith(wallets: FakeWalletOptions[]): Promise<Page> {
  const page = await openApp(browser, "farms", async (p) => {
    for (const options of wallets) await injectFakeWallet(p, options);
  });
  await page.locator("[data-test=connect-button]").click();
  await menu(page).waitFor();
  return page;
}

/** Each browser wallet's line in the menu: its text and the icon it shows (undefined: none). */
function listedWallets(page: Page): Promise<{ name: string; icon?: string; loaded: boolean }[]> {
  return browserWallets(page).evaluateAll((buttons) =>
    buttons.map((button) => {
      const img = button.querySelector("img");
      return { name: (button.querySelector(".label") as HTMLElement).innerText, icon: img?.getAttribute("src") ?? undefined, loaded: !!img && img.complete && img.naturalWidth > 0 };
    }),
  );
}

/** How far the page reaches past the screen's right edge, in CSS pixels: 0 when it fits. */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** The menu, whole, within the screen's width. */
async function expectMenuOnScreen(page: Page): Promise<void> {
  const box = (await menu(page).boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  expect(await sidewaysOverflow(page)).toBe(0);
}

describe("wallets the browser has", () => {
  test("wallets that announce themselves are listed by name with their own icons, and no generic entry beside them", async () => {
    // The first also sets window.ethereum, as most extensions do: it must not appear twice.
    const page = await openMenuWith([wallet("Green Wallet", { windowEthereum: true }), wallet("Red Wallet", { icon: SECOND_ICON })]);
    await expect.poll(() => listedWallets(page), { message: "both wallets listed, their icons loaded" }).toEqual([
      { name: "Green Wallet", icon: FAKE_WALLET_ICON, loaded: true },
      { name: "Red Wallet", icon: SECOND_ICON, loaded: true },
    ]);
    const text = await menu(page).innerText();
    expect(text).not.toMatch(/Injected|Browser wallet|No browser wallet/);
    await screenshot(page, "9-wallets-detected", false);
    await page.setViewportSize(PHONE);
    await expectMenuOnScreen(page);
    await screenshot(page, "9-wallets-detected-390", false);

    // Picking one connects through it: the account is the wallet's, and its icon is on the button.
    await browserWallets(page).filter({ hasText: "Red Wallet" }).click();
    const button = page.locator("[data-test=wallet-button]");
    await button.waitFor();
    expect(await button.innerText()).toBe(short(world.accounts[WALLET_ACCOUNT]));
    expect(await button.locator("img").getAttribute("src")).toBe(SECOND_ICON);
    await page.close();
  });

  test("a wallet's name is shown as text and an icon that is not an image data URI is not loaded", async () => {
    const name = `<img src=x onerror="window.injectedHtml=1">Odd Wallet`;
    const page = await openMenuWith([wallet(name, { icon: "javascript:window.injectedHtml=2" }), wallet("Remote Wallet", { icon: "https://wallet.example/icon.png" })]);
    await expect.poll(() => browserWallets(page).count()).toBe(2);
    expect(await listedWallets(page)).toEqual([
      { name, icon: undefined, loaded: false },
      { name: "Remote Wallet", icon: undefined, loaded: false },
    ]);
    expect(await page.evaluate(() => (window as unknown as { injectedHtml?: number }).injectedHtml)).toBeUndefined();
    await page.close();
  });

  test("an older wallet that only sets window.ethereum is offered as \"Browser wallet\" and connects", async () => {
    const page = await openMenuWith([wallet("Old Wallet", { announce: false, windowEthereum: true })]);
    expect(await listedWallets(page)).toEqual([{ name: "Browser wallet", icon: undefined, loaded: false }]);
    await browserWallets(page).click();
    const button = page.locator("[data-test=wallet-button]");
    await button.waitFor();
    expect(await button.innerText()).toBe(short(world.accounts[WALLET_ACCOUNT]));
    await page.close();
  });

  test("with no wallet at all: a sentence saying how to get one, the dev accounts, and no \"Injected\"", async () => {
    const page = await openMenuWith([]);
    await page.locator("[data-test=dev-account]").first().waitFor();
    expect(await browserWallets(page).count()).toBe(0);
    expect(await page.locator("[data-test=no-wallet]").innerText()).toBe(NO_WALLET);
    const text = await menu(page).innerText();
    expect(text).not.toMatch(/Injected|Provider not found/i);
    // Every unlocked node account is offered, ours among them, each with its own address.
    const dev = await page.locator("[data-test=dev-account]").allInnerTexts();
    expect(dev).toHaveLength(world.accounts.length);
    expect(dev[RESTART_ACCOUNT]).toBe(`Dev account #${RESTART_ACCOUNT} (${short(getAddress(world.accounts[RESTART_ACCOUNT]))})`);
    await screenshot(page, "9-no-wallet", false);
    await page.setViewportSize(PHONE);
    await expectMenuOnScreen(page);
    await screenshot(page, "9-no-wallet-390", false);
    await page.close();
  });
});

describe("copying the address, dev account #17", () => {
  /** The farms page connected as dev account #17, its wallet menu open; `init` runs before the page loads. */
  async function connectedMenu(init?: (page: Page) => Promise<void>): Promise<Page> {
    const page = await openApp(browser, "farms", init);
    await connectDevAccount(page, WALLET_ACCOUNT);
    await page.locator("[data-test=wallet-button]").click();
    await menu(page).waitFor();
    return page;
  }

  test("Copy address puts the whole checksummed address on the clipboard and says Copied", async () => {
    const page = await connectedMenu((p) => p.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(inject("appUrl")).origin }));
    const expected = getAddress(world.accounts[WALLET_ACCOUNT]);
    expect(await page.locator("[data-test=full-address]").innerText()).toBe(expected);
    const copy = page.locator("[data-test=copy-address]");
    await copy.click();
    await expect.poll(() => copy.innerText()).toBe("Copied ✓");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    await screenshot(page, "9-address-copied", false);
    // The note goes by itself, ready for another copy.
    await expect.poll(() => copy.innerText(), { timeout: 5_000 }).toBe("Copy address");
    await page.setViewportSize(PHONE);
    await expectMenuOnScreen(page);
    await screenshot(page, "9-address-copied-390", false);
    await page.close();
  });

  test("a refused copy says so and leaves the address selected, to copy by hand", async () => {
    const refuse = () => {
      Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError")) } });
    };
    const page = await connectedMenu(async (p) => {
      await p.addInitScript(refuse);
    });
    await page.locator("[data-test=copy-address]").click();
    const refused = page.locator("[data-test=copy-refused]");
    await refused.waitFor();
    expect(await refused.innerText()).toBe(
      "Your browser did not let the page copy. The address above is selected: copy it with Ctrl-C (⌘-C), or press and hold on a phone.",
    );
    expect(await page.locator("[data-test=copy-address]").innerText()).toBe("Copy address");
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(getAddress(world.accounts[WALLET_ACCOUNT]));
    await screenshot(page, "9-copy-refused", false);
    await page.close();
  });
});

describe("staying connected while the node restarts, dev account #18", () => {
  let page: Page;
  let account: Address;
  let pid: number;
  let failedRequests = 0;

  const walletButton = () => page.locator("[data-test=wallet-button]");
  const banner = () => page.locator("[data-test=offline]");

  async function nodeGone(): Promise<void> {
    await page.route(RPC, async (route) => {
      failedRequests++;
      await route.abort("connectionrefused");
    });
  }

  beforeAll(async () => {
    account = getAddress(world.accounts[RESTART_ACCOUNT]);
    pid = poolBySymbols(world, "WBTC", "WETH").pid;
    page = await openApp(browser, "farms");
    await connectDevAccount(page, RESTART_ACCOUNT);
    await waitForPosition(page, pid);
  });

  afterAll(async () => {
    await page?.close();
  });

  test("a reload keeps the dev account connected", async () => {
    await page.reload();
    await walletButton().waitFor();
    expect(await walletButton().innerText()).toBe(short(account));
    await waitForPosition(page, pid); // the account's own figures, read from the node
  });

  test("while the node is away the account stays connected, and the page says the node is away", async () => {
    await nodeGone();
    await banner().waitFor({ timeout: UI_TIMEOUT });
    const asked = failedRequests;
    await expect.poll(() => failedRequests, { timeout: UI_TIMEOUT, message: "the page keeps trying the node" }).toBeGreaterThan(asked + 2);
    expect(await walletButton().innerText()).toBe(short(account));
  });

  test("reloaded while the node is away, the page waits for it and says so, then reconnects the account by itself", async () => {
    // As the dev server does when `npm start` restarts: the page reloads before the node is back.
    await page.reload();
    const waiting = page.locator("[data-test=reconnecting]");
    await waiting.waitFor({ timeout: UI_TIMEOUT });
    expect(await waiting.innerText()).toBe(`Reconnecting ${short(account)}…`);
    await waiting.click();
    expect(await page.locator("[data-test=awaiting-dev-account]").innerText()).toContain(
      `${short(account)} reconnects by itself as soon as the local node answers again.`,
    );
    expect(await page.locator("[data-test=dev-node-away]").innerText()).toBe("The local node is not answering: its dev accounts come back with it.");
    await screenshot(page, "9-reconnecting-after-restart", false);
    await page.setViewportSize(PHONE);
    await expectMenuOnScreen(page);
    await screenshot(page, "9-reconnecting-after-restart-390", false);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.keyboard.press("Escape");

    // The node is back: no click, no reload.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await page.unroute(RPC);
    await walletButton().waitFor({ timeout: UI_TIMEOUT });
    expect(await walletButton().innerText()).toBe(short(account));
    await banner().waitFor({ state: "detached", timeout: UI_TIMEOUT });
    await waitForPosition(page, pid);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), "no reload").toBe(true);
    await screenshot(page, "9-reconnected-after-restart");
  });

  test("after Disconnect, a reload leaves the page disconnected", async () => {
    await walletButton().click();
    await page.locator("[data-test=disconnect]").click();
    await page.locator("[data-test=connect-button]").waitFor();
    await page.reload();
    await page.locator("[data-test=connect-button]").waitFor();
    await page.waitForTimeout(2_000); // a reconnect would have happened by now
    expect(await walletButton().count()).toBe(0);
  });

  test("a browser wallet that remembers the site is reconnected after a reload while the node is away", async () => {
    const withWallet = await openApp(browser, "farms", (p) => injectFakeWallet(p, wallet("Green Wallet", { remembers: true })));
    await withWallet.locator("[data-test=connect-button]").click();
    await browserWallets(withWallet).filter({ hasText: "Green Wallet" }).click();
    await withWallet.locator("[data-test=wallet-button]").waitFor();
    await withWallet.route(RPC, (route) => route.abort("connectionrefused"));
    await withWallet.reload();
    await withWallet.locator("[data-test=wallet-button]").waitFor({ timeout: UI_TIMEOUT });
    expect(await withWallet.locator("[data-test=wallet-button]").innerText()).toBe(short(world.accounts[WALLET_ACCOUNT]));
    await withWallet.close();
  });
});

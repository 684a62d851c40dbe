/**
 * What the person holding the wallet can get wrong, or have go wrong, while staking, through a
 * browser wallet (./fake-wallet.ts) whose requests the node signs for dev account #6: refusing
 * the permit signature or the transaction, a deposit the farm refuses (paused meanwhile by its
 * owner), and a wallet moved to another chain (also the owner's, on the admin page). Each is told
 * in a sentence, sends nothing (checked on the node, pending transactions included), and keeps
 * the dialog and the typed amount, so a retry is one click.
 */
import { type Address, parseEther } from "viem";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { farmAbi } from "../src/chain/abis.generated";
import { type FarmsChain, isCutToSignificant, openApp, openFarmsAs, readAmount, screenshot, settledNotice, UI_TIMEOUT } from "./browser";
import { accountState, balanceOf, nodeWallet, onlyFarmCallDuring, provideLiquidity, stakedOf, type World } from "./chain";
import { injectFakeWallet, refuseInWallet, switchWalletChain, walletRequests } from "./fake-wallet";

/** An unlocked node account no other test uses; it gets its LP here, with no allowance for the farm. */
const ACCOUNT = 6;
const OWNER = 0;
const WALLET = "Fake Browser Wallet";
const LOCAL = 31337;
const MAINNET = 1;
const SIGN = "eth_signTypedData_v4";
const SEND = "eth_sendTransaction";
const CANCELLED = "You cancelled it in your wallet; nothing was sent.";

let browser: Browser;
let page: Page;
let world: World;
let user: Address;
let pid: number;
let lpToken: Address;
let pool: Locator;

beforeAll(async () => {
  const setup = { before: provideLp, init: nodeSignedWallet, connect: connectWallet };
  ({ world, user, pid, lpToken, browser, page, pool } = await openFarmsAs(ACCOUNT, "DAI", "WETH", setup));
});

/** The account's LP of the pool, with no allowance for the farm. */
async function provideLp(chain: FarmsChain): Promise<void> {
  const provided = await provideLiquidity(chain.world, chain.user, "DAI", parseEther("3000"), parseEther("1"));
  expect(provided.lp).toBeGreaterThan(parseEther("10"));
}

/** The browser wallet, on the farm's chain, whose requests the node signs for the account. */
function nodeSignedWallet(p: Page, chain: FarmsChain): Promise<void> {
  const rpcUrl = new URL("rpc", inject("appUrl")).href;
  return injectFakeWallet(p, { name: WALLET, account: chain.user, chainId: LOCAL, knownChains: [LOCAL, MAINNET], rpcUrl });
}

/** Connects through the fake wallet, as a person picks it from the app's list. */
async function connectWallet(p: Page): Promise<void> {
  await p.locator("[data-test=connect-button]").click();
  await p.locator("[data-test=injected-wallet]", { hasText: WALLET }).click();
}

afterAll(async () => {
  await browser?.close();
});

const dialog = () => page.locator("[data-test=stake-dialog]");
const amountInput = () => dialog().locator("[data-test=amount]");
const confirm = () => dialog().locator("[data-test=confirm]");
const state = () => accountState(world, user, pid, lpToken);

/** Opens the stake dialog (unless open) with `typed` in it. */
async function typeStake(typed: string): Promise<void> {
  if ((await dialog().count()) === 0) await pool.locator("[data-test=stake]").click();
  await amountInput().fill(typed);
  await expect.poll(() => confirm().isEnabled(), { timeout: UI_TIMEOUT, message: `Confirm enabled for "${typed}"` }).toBe(true);
}

/** The wallet requests made (on `on`, the staking page unless said) while `action` ran. */
async function requestsDuring(action: () => Promise<void>, on = page): Promise<string[]> {
  const before = (await walletRequests(on)).length;
  await action();
  return (await walletRequests(on)).slice(before);
}

/** The dialog is still open, with the amount as typed and Confirm ready for another try. */
async function expectDialogKept(typed: string): Promise<void> {
  expect(await amountInput().inputValue()).toBe(typed);
  // Ready once the page has read the wallet's balance (at once, unless the chain just changed).
  await expect.poll(() => confirm().isEnabled(), { timeout: UI_TIMEOUT, message: "Confirm enabled again" }).toBe(true);
  expect(await confirm().innerText()).toBe("Stake");
}

describe("refusals in the wallet, dev account #6", () => {
  test("a refused permit signature is not an error: nothing is sent and the typed amount stays", async () => {
    const before = await state();
    await typeStake("2.5");
    await refuseInWallet(page, [SIGN]);
    let notice = { status: "", text: "" };
    const asked = await requestsDuring(async () => {
      notice = await settledNotice(page, () => confirm().click());
    });

    expect(asked).toContain(SIGN);
    expect(asked).not.toContain(SEND);
    expect(notice.status).toBe("cancelled");
    expect(notice.text).toContain(CANCELLED);
    expect(await page.locator("[data-test=notice-failed]").count()).toBe(0);
    expect(await state()).toEqual(before);
    await expectDialogKept("2.5");
    await screenshot(page, "signature-refused", false);
  });

  test("a transaction refused after the signature is not an error either, and sends nothing", async () => {
    const before = await state();
    await refuseInWallet(page, [SEND]);
    let notice = { status: "", text: "" };
    const asked = await requestsDuring(async () => {
      notice = await settledNotice(page, () => confirm().click());
    });

    expect(asked).toEqual(expect.arrayContaining([SIGN, SEND]));
    expect(notice.status).toBe("cancelled");
    expect(notice.text).toContain(CANCELLED);
    expect(await state()).toEqual(before);
    await expectDialogKept("2.5");
  });

  test("confirming again, with the wallet accepting, stakes the typed amount in one transaction", async () => {
    await refuseInWallet(page, []);
    const stakedBefore = await stakedOf(world, pid, user);
    const call = await onlyFarmCallDuring(world, user, async () => {
      const notice = await settledNotice(page, () => confirm().click());
      expect(notice.status, notice.text).toBe("confirmed");
    });
    expect(call.functionName).toBe("depositWithPermit");
    expect(call.args.slice(0, 2)).toEqual([BigInt(pid), parseEther("2.5")]);
    expect(await stakedOf(world, pid, user)).toBe(stakedBefore + parseEther("2.5"));
    await dialog().waitFor({ state: "detached" });
  });
});

describe("a deposit the farm refuses", () => {
  test("paused by the owner while the dialog is open: the reason in words, no signature asked, nothing sent", async () => {
    const owner = nodeWallet(world.accounts[OWNER]);
    const farm = { address: world.deployment.farm as Address, abi: farmAbi, chain: null } as const;
    await typeStake("1");
    const before = await state();
    const pause = await owner.writeContract({ ...farm, functionName: "pause" });
    expect((await world.client.waitForTransactionReceipt({ hash: pause })).status).toBe("success");
    try {
      let notice = { status: "", text: "" };
      const asked = await requestsDuring(async () => {
        notice = await settledNotice(page, () => confirm().click());
      });
      expect(notice.status).toBe("failed");
      expect(notice.text).toContain("The farm is paused: staking and harvesting are stopped for now. Unstaking still works.");
      // The simulation told before the wallet was asked for anything.
      expect(asked).not.toContain(SIGN);
      expect(asked).not.toContain(SEND);
      expect(await state()).toEqual(before);
      await expectDialogKept("1");
      await page.locator("[data-test=paused]").waitFor(); // the page has seen it too, by itself
      await screenshot(page, "stake-refused-paused", false);
      await dialog().getByRole("button", { name: "Cancel" }).click();
      expect(await pool.locator("[data-test=stake]").isDisabled(), "Stake while paused").toBe(true);
    } finally {
      const unpause = await owner.writeContract({ ...farm, functionName: "unpause" });
      expect((await world.client.waitForTransactionReceipt({ hash: unpause })).status).toBe("success");
    }
  });
});

describe("a wallet moved to another chain", () => {
  test("nothing can be sent: the dialog says why, Confirm is off, the pool offers no action", async () => {
    await expect.poll(() => pool.locator("[data-test=stake]").isEnabled(), { timeout: UI_TIMEOUT, message: "Stake again once unpaused" }).toBe(true);
    await typeStake("1");
    const before = await state();
    const asked = await requestsDuring(async () => {
      await switchWalletChain(page, MAINNET);
      await page.locator("[data-test=wrong-network]").waitFor();
      const error = dialog().locator("[data-test=amount-error]");
      await expect.poll(() => error.innerText().catch(() => ""), { timeout: UI_TIMEOUT }).toMatch(/Your wallet is on another network/);
      expect(await confirm().isDisabled()).toBe(true);
      await amountInput().press("Enter");
      await screenshot(page, "wrong-network-dialog", false);
    });
    expect(asked).not.toContain(SIGN);
    expect(asked).not.toContain(SEND);
    expect(await page.locator("[data-test=notice-pending]").count()).toBe(0);
    expect(await state()).toEqual(before);
    // The wallet's figures on this chain are unknown from there, not zero: none shown, no buttons.
    await expect.poll(() => pool.locator("[data-test=staked-lp]").count(), { timeout: UI_TIMEOUT }).toBe(0);
    const userOnly = "[data-test=stake], [data-test=unstake], [data-test=harvest], [data-test=harvest-all], [data-test=user-staked], [data-test=total-pending], [data-test=dialog-balance]";
    expect(await page.locator(userOnly).count()).toBe(0);
  });

  test("back on the farm's chain: today's figures, the typed amount still there, and Confirm on", async () => {
    // Meanwhile the account's stake changed on the farm's chain (another device, say).
    const withdrawn = parseEther("0.5");
    const hash = await nodeWallet(user).writeContract({ address: world.deployment.farm as Address, abi: farmAbi, functionName: "withdraw", args: [BigInt(pid), withdrawn], chain: null });
    expect((await world.client.waitForTransactionReceipt({ hash })).status).toBe("success");

    // Switched from the dialog itself: the banner's button is behind it.
    await dialog().locator("[data-test=switch-network]").click();
    await page.locator("[data-test=wrong-network]").waitFor({ state: "detached" });
    await expectDialogKept("1");
    expect(await dialog().locator("[data-test=amount-error]").count()).toBe(0);

    const staked = await stakedOf(world, pid, user);
    const wallet = await balanceOf(world, lpToken, user);
    const shownStaked = () => readAmount(pool.locator("[data-test=staked-lp]"));
    await expect.poll(async () => isCutToSignificant(staked, await shownStaked()), { timeout: UI_TIMEOUT }).toBe(true);
    expect(isCutToSignificant(wallet, await readAmount(dialog().locator("[data-test=dialog-balance]")))).toBe(true);
    await dialog().getByRole("button", { name: "Cancel" }).click();
  });
});

describe("the owner's wallet on another chain", () => {
  test("the admin page refuses to pause the farm in words, and sends nothing", async () => {
    const owner = world.accounts[OWNER];
    const admin = await openApp(browser, "admin", (p) => injectFakeWallet(p, { name: WALLET, account: owner, chainId: MAINNET, knownChains: [LOCAL, MAINNET] }));
    try {
      await connectWallet(admin);
      await admin.locator("[data-test=wrong-network]").waitFor();
      const pause = admin.locator("[data-test=pause]");
      await expect.poll(() => pause.isEnabled(), { timeout: UI_TIMEOUT, message: "the owner may pause" }).toBe(true);
      const sentBefore = await world.client.getTransactionCount({ address: owner, blockTag: "pending" });

      const asked = await requestsDuring(async () => {
        const notice = await settledNotice(admin, () => pause.click());
        expect(notice.status).toBe("failed");
        expect(notice.text).toContain("Your wallet is on another network. Switch to the farm's network and try again.");
      }, admin);
      expect(asked).not.toContain(SEND);
      expect(await world.client.getTransactionCount({ address: owner, blockTag: "pending" })).toBe(sentBefore);
      expect(await world.client.readContract({ address: world.deployment.farm as Address, abi: farmAbi, functionName: "paused" })).toBe(false);
    } finally {
      await admin.close();
    }
  });
});

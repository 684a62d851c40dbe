/**
 * Item 11, the testers' toolbar, on the local world: mine blocks and skip time (the page's block,
 * pending reward and chain time follow, checked against the chain and against the reward computed
 * from the farm's own figures), get a token/WETH and a token/token pool's LP through the router
 * (the page's wallet LP is the chain's balance), snapshot, stake, revert (the stake is gone on
 * chain and on the page). Item 12's newcomer, dev account #4, stakes in one permit transaction.
 *
 * Accounts: #15, connected through a stand-in browser wallet whose requests the node signs (the
 * app lists dev accounts #0-#9 only), a wallet the node does not hold (a MetaMask account: the
 * toolbar impersonates it), and #4 for the newcomer. Every change is undone: the chain is reverted
 * to a snapshot taken before the first test, so later files see the world as it was.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { type Address, createTestClient, formatEther, type Hex, http, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { farmAbi, uniswapV2PairAbi } from "../src/chain/abis.generated";
import { connectDevAccount, expectConfirmed, type FarmsChain, openApp, openFarmsAs, readAmount, screenshot, waitForPosition } from "./browser";
import { balanceOf, onlyFarmCallDuring, pendingOf, poolBySymbols, stakedOf, type World } from "./chain";
import { injectFakeWallet } from "./fake-wallet";

const USER = 15;
const NEWCOMER = 4;
/** A wallet's account that no node holds the key of, as a MetaMask user's (not a dev account). */
const STRANGER = "0x00000000000000000000000000000000000b0b15" as Address;
const WALLET = "Tester Wallet";
const LOCAL = 31337;
const ONE_DAY = 86_400n;

const node = createTestClient({ mode: "hardhat", transport: http(inject("rpcUrl")) });
let startSnapshot: Hex;

let browser: Browser;
let page: Page;
let world: World;
let user: Address;
let pid: number;
let lpToken: Address;
let pool: Locator;

beforeAll(async () => {
  startSnapshot = await node.snapshot();
  ({ world, user, pid, lpToken, browser, page, pool } = await openFarmsAs(USER, "USDC", "WETH", { init: nodeSignedWallet, connect: connectWallet }));
});

afterAll(async () => {
  await browser?.close();
  // Everything this file did, on every account, undone. viem's revert drops the node's answer.
  const reverted = await node.request<{ Method: "evm_revert"; Parameters: [Hex]; ReturnType: boolean }>({ method: "evm_revert", params: [startSnapshot] });
  expect(reverted, "the world is back as this file found it").toBe(true);
});

/** The browser wallet for `account` on the local chain; the node signs what it cannot answer. */
function walletFor(account: Address) {
  return (p: Page) => injectFakeWallet(p, { name: WALLET, account, chainId: LOCAL, knownChains: [LOCAL], rpcUrl: new URL("rpc", inject("appUrl")).href });
}

function nodeSignedWallet(p: Page, chain: FarmsChain): Promise<void> {
  return walletFor(chain.user)(p);
}

async function connectWallet(p: Page): Promise<void> {
  await p.locator("[data-test=connect-button]").click();
  await p.locator("[data-test=injected-wallet]", { hasText: WALLET }).click();
}

/** Opens the toolbar's panel unless it is open. */
async function openToolbar(p: Page): Promise<Locator> {
  const panel = p.locator("[data-test=tester-panel]");
  if (!(await panel.isVisible())) await p.locator("[data-test=tester-toggle]").click();
  await panel.waitFor();
  return panel;
}

/**
 * Runs a toolbar action (`click`) after dismissing the last outcome, and returns the sentence it
 * ends with and whether it is a success. The progress line shows meanwhile.
 */
async function act(p: Page, click: (panel: Locator) => Promise<void>): Promise<{ ok: boolean; text: string }> {
  const panel = await openToolbar(p);
  const outcome = panel.locator("[data-test=tester-outcome]");
  if (await outcome.isVisible()) await outcome.getByRole("button", { name: "Dismiss" }).click();
  await click(panel);
  await outcome.waitFor({ timeout: 30_000 });
  const text = (await outcome.innerText()).replace(/\s*×\s*$/, "");
  return { ok: (await outcome.getAttribute("class"))!.includes("gain"), text };
}

/** The block number the page shows (the toolbar's pill). */
async function pageBlock(p: Page): Promise<bigint> {
  return BigInt((await p.locator("[data-test=tester-block]").innerText()).replaceAll(",", ""));
}

/** How many digits a shown amount has after its point: "12.3456" → 4. */
function shownDigits(text: string): number {
  return /\.(\d+)/.exec(text)?.[1].length ?? 0;
}

/**
 * The page shows `amount` (18 decimals) cut to the digits it shows: at most `amount`, and below it by
 * less than one unit of its last shown digit. Waits for the page to catch up with the chain.
 */
async function expectShows(locator: Locator, amount: bigint): Promise<void> {
  const gap = async () => {
    const text = await locator.innerText();
    const under = amount - (await readAmount(locator));
    return under >= 0n && under < 10n ** BigInt(18 - shownDigits(text)) ? "shown" : `"${text}" for ${amount} wei`;
  };
  await expect.poll(gap, { timeout: 10_000 }).toBe("shown");
}

/** The LP amount a "Added 0.0123 USDC/WETH LP …" sentence names. */
function addedLp(text: string): { shown: string; wei: bigint } {
  const shown = /^Added ([\d,.]+) /.exec(text)?.[1];
  if (!shown) throw new Error(`not a funding sentence: ${text}`);
  return { shown, wei: parseEther(shown.replaceAll(",", "")) };
}

describe("the testers' toolbar on the local world", () => {
  test("is there on the local chain, folded into a pill until opened, naming the node it talks to", async () => {
    const toggle = page.locator("[data-test=tester-toggle]");
    expect(await toggle.innerText()).toMatch(/^Tester tools · block [\d,]+/);
    expect(await page.locator("[data-test=tester-panel]").count()).toBe(0);
    const panel = await openToolbar(page);
    expect(await panel.innerText()).toContain("Local Hardhat node (HardhatNetwork 3.");
    expect(await panel.innerText()).toContain("chain 31337");
    await screenshot(page, "11-toolbar-open", false);
  });

  test("gets a token/WETH pool's LP through the router: the page's wallet LP is the chain's balance", async () => {
    const before = await balanceOf(world, lpToken, user);
    const result = await act(page, async (panel) => {
      await panel.locator("[data-test=fund-pool]").selectOption(String(pid));
      await panel.locator("[data-test=fund-eth]").fill("1");
      await panel.locator("[data-test=fund]").click();
    });
    expect(result.ok, result.text).toBe(true);
    const after = await balanceOf(world, lpToken, user);
    const added = after - before;
    // 1 ETH buys about 0.5 ETH of USDC and adds it with 0.5 ETH: about $3,000 of a $6M pair's LP.
    const supply = await world.client.readContract({ address: lpToken, abi: uniswapV2PairAbi, functionName: "totalSupply" });
    const [reserve0, reserve1] = await world.client.readContract({ address: lpToken, abi: uniswapV2PairAbi, functionName: "getReserves" });
    const wethReserve = poolBySymbols(world, "USDC", "WETH").symbol0 === "WETH" ? reserve0 : reserve1;
    const wethInLp = (added * wethReserve) / supply;
    expect(wethInLp).toBeGreaterThan(parseEther("0.49"));
    expect(wethInLp).toBeLessThanOrEqual(parseEther("0.5"));
    // The sentence names what was added, cut to the digits it shows, and its worth (two sides of
    // about 0.5 ETH at about 3,000 USD, less the swap's fee); the card shows the balance.
    expect(result.text).toMatch(/^Added [\d.]+ WETH\/USDC LP to your wallet \(≈ \$[\d,.]+\) for 1 ETH\.$/);
    expect(usdIn(result.text)).toBeGreaterThan(2_850);
    expect(usdIn(result.text)).toBeLessThan(3_100);
    const { shown, wei } = addedLp(result.text);
    expect(added - wei).toBeGreaterThanOrEqual(0n);
    expect(added - wei).toBeLessThan(10n ** BigInt(18 - shownDigits(shown)));
    await expectShows(pool.locator("[data-test=wallet-lp]"), after);
  });

  test("gets a token/token pool's LP (DAI/USDC) by buying both sides with ETH", async () => {
    const daiUsdc = poolBySymbols(world, "DAI", "USDC");
    const before = await balanceOf(world, daiUsdc.lpToken as Address, user);
    const result = await act(page, async (panel) => {
      await panel.locator("[data-test=fund-pool]").selectOption(String(daiUsdc.pid));
      await panel.locator("[data-test=fund-eth]").fill("0.5");
      await panel.locator("[data-test=fund]").click();
    });
    expect(result.ok, result.text).toBe(true);
    const after = await balanceOf(world, daiUsdc.lpToken as Address, user);
    expect(after).toBeGreaterThan(before);
    expect(addedLp(result.text).wei).toBeLessThanOrEqual(after - before);
    expect(result.text).toMatch(/^Added [\d.]+ DAI\/USDC LP to your wallet \(≈ \$[\d,.]+\) for 0\.5 ETH\.$/);
    expect(usdIn(result.text)).toBeGreaterThan(1_400);
    expect(usdIn(result.text)).toBeLessThan(1_550);
    await expectShows(page.locator(`[data-test=pool-${daiUsdc.pid}] [data-test=wallet-lp]`), after);
  });

  test("gets LP of a small pool too (RWD/WETH), where the buy moves the price by percents", async () => {
    const rwdWeth = poolBySymbols(world, "RWD", "WETH");
    const before = await balanceOf(world, rwdWeth.lpToken as Address, user);
    const result = await act(page, async (panel) => {
      await panel.locator("[data-test=fund-pool]").selectOption(String(rwdWeth.pid));
      await panel.locator("[data-test=fund-eth]").fill("4");
      await panel.locator("[data-test=fund]").click();
    });
    expect(result.ok, result.text).toBe(true);
    const after = await balanceOf(world, rwdWeth.lpToken as Address, user);
    expect(after - before).toBeGreaterThanOrEqual(addedLp(result.text).wei);
    await expectShows(page.locator(`[data-test=pool-${rwdWeth.pid}] [data-test=wallet-lp]`), after);
  });

  test("mining 100 blocks moves the page's block by 100 and its pending reward by 100 blocks of the pool's share", async () => {
    // Half the LP just got, staked through the page (permit and deposit in one transaction).
    const stake = (await balanceOf(world, lpToken, user)) / 2n;
    await pool.locator("[data-test=stake]").click();
    const dialog = page.locator("[data-test=stake-dialog]");
    await dialog.locator("[data-test=amount]").fill(formatEther(stake));
    const call = await onlyFarmCallDuring(world, user, () => expectConfirmed(page, () => dialog.locator("[data-test=confirm]").click()));
    const stakedAt = call.receipt.blockNumber;
    expect(await stakedOf(world, pid, user)).toBe(stake);

    const chainBefore = await world.client.getBlockNumber();
    const result = await act(page, async (panel) => {
      await panel.locator("[data-test=mine-blocks]").fill("100");
      await panel.locator("[data-test=mine]").click();
    });
    expect(result.ok, result.text).toBe(true);
    const mined = BigInt(/now block ([\d,]+)/.exec(result.text)![1].replaceAll(",", ""));
    expect(mined).toBeGreaterThanOrEqual(chainBefore + 100n);
    expect(mined).toBeLessThan(chainBefore + 100n + 5n); // interval mining adds a block every 2 s meanwhile
    expect(result.text).toMatch(/^Mined 100 blocks \(2 s apart\): now block/);

    // The page's block and pending reward, from one render (read in one go, so no poll between).
    const shown = await page.evaluate((p) => ({
      block: document.querySelector("[data-test=tester-block]")!.textContent!,
      pending: document.querySelector(`[data-test=pool-${p}] [data-test=pending]`)!.textContent!,
    }), pid);
    const block = BigInt(shown.block.replaceAll(",", ""));
    expect(block).toBeGreaterThanOrEqual(mined);
    await screenshot(page, "11-toolbar-mined");

    // Independently: blocks since the stake × the emission × the pool's share × the stake's share
    // of the pool (nothing else staked in it or changed the farm meanwhile).
    const farm = { address: world.deployment.farm as Address, abi: farmAbi } as const;
    const [rate, totalAlloc, info] = await Promise.all([
      world.client.readContract({ ...farm, functionName: "rewardPerBlock", blockNumber: block }),
      world.client.readContract({ ...farm, functionName: "totalAllocPoint", blockNumber: block }),
      world.client.readContract({ ...farm, functionName: "poolInfo", args: [BigInt(pid)], blockNumber: block }),
    ]);
    const [, alloc, totalStaked] = info;
    const expected = ((block - stakedAt) * rate * alloc * stake) / (totalAlloc * totalStaked);
    const onChain = await pendingOf(world, pid, user, block);
    expect(onChain - expected).toBeGreaterThanOrEqual(-3n);
    expect(onChain - expected).toBeLessThanOrEqual(3n);
    expect(block - stakedAt).toBeGreaterThanOrEqual(100n);
    const shownPending = parseEther(shown.pending.split(" ")[0].replaceAll(",", ""));
    expect(expected - shownPending).toBeGreaterThanOrEqual(-3n);
    expect(expected - shownPending).toBeLessThan(10n ** BigInt(18 - shownDigits(shown.pending)));
  });

  test("skipping a day moves the chain's clock a day ahead in one block, and the page shows the new time", async () => {
    const before = await world.client.getBlock({ blockTag: "latest" });
    const result = await act(page, async (panel) => {
      await panel.locator("[data-test=skip-amount]").fill("1");
      await panel.locator("[data-test=skip-unit]").selectOption("days");
      await panel.locator("[data-test=skip]").click();
    });
    expect(result.ok, result.text).toBe(true);
    expect(result.text).toMatch(/^Moved the clock 1 day ahead and mined a block: block [\d,]+ is at /);
    const skippedTo = BigInt(/block ([\d,]+) is at/.exec(result.text)![1].replaceAll(",", ""));
    const block = await world.client.getBlock({ blockNumber: skippedTo });
    expect(block.timestamp - before.timestamp).toBeGreaterThanOrEqual(ONE_DAY);
    expect(block.timestamp - before.timestamp).toBeLessThan(ONE_DAY + 60n);
    // The panel shows the time of the block the page is at, as a person reads it.
    const timeOf = (ts: bigint) => page.evaluate((s) => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" }).format(new Date(s * 1000)), Number(ts));
    await expect.poll(async () => {
      const shownBlock = await pageBlock(page);
      const shownTime = await page.locator("[data-test=tester-time]").innerText();
      return shownTime === (await timeOf((await world.client.getBlock({ blockNumber: shownBlock })).timestamp));
    }, { timeout: 10_000 }).toBe(true);
  });

  test("snapshot, stake, revert: the stake is gone on chain and on the page, and the page carries on from the snapshot's block", async () => {
    const daiUsdc = poolBySymbols(world, "DAI", "USDC");
    const card = page.locator(`[data-test=pool-${daiUsdc.pid}]`);
    const lpBefore = await balanceOf(world, daiUsdc.lpToken as Address, user);
    expect(await stakedOf(world, daiUsdc.pid, user)).toBe(0n);

    const taken = await act(page, async (panel) => {
      await panel.locator("[data-test=snapshot-name]").fill("before the DAI/USDC stake");
      await panel.locator("[data-test=snapshot]").click();
    });
    expect(taken.text).toMatch(/^Took "before the DAI\/USDC stake" at block [\d,]+, /);
    const snapshotBlock = BigInt(/at block ([\d,]+)/.exec(taken.text)![1].replaceAll(",", ""));
    expect(await page.locator("[data-test=snapshot-entry]").innerText()).toContain("before the DAI/USDC stake");

    await card.locator("[data-test=stake]").click();
    const dialog = page.locator("[data-test=stake-dialog]");
    await dialog.locator("[data-test=max]").click();
    await expectConfirmed(page, () => dialog.locator("[data-test=confirm]").click());
    expect(await stakedOf(world, daiUsdc.pid, user)).toBe(lpBefore);
    await expectShows(card.locator("[data-test=staked-lp]"), lpBefore);
    await screenshot(page, "11-toolbar-snapshot-staked", false);

    const reverted = await act(page, (panel) => panel.locator("[data-test=revert]").first().click());
    expect(reverted.ok, reverted.text).toBe(true);
    expect(reverted.text).toMatch(/^Reverted to "before the DAI\/USDC stake": now block [\d,]+, .* A revert uses its snapshot up/);
    expect(await stakedOf(world, daiUsdc.pid, user)).toBe(0n);
    expect(await balanceOf(world, daiUsdc.lpToken as Address, user)).toBe(lpBefore);
    await expectShows(card.locator("[data-test=staked-lp]"), 0n);
    await expectShows(card.locator("[data-test=wallet-lp]"), lpBefore);
    // The page went back with the chain, and follows it on from there (no figure stuck in the future).
    const back = await pageBlock(page);
    expect(back).toBeGreaterThanOrEqual(snapshotBlock);
    expect(back).toBeLessThan(snapshotBlock + 5n);
    await expect.poll(() => pageBlock(page), { timeout: 10_000 }).toBeGreaterThan(back);
    expect(await page.locator("[data-test=snapshot-entry]").count()).toBe(0);
    // The stake's "Confirmed in block …" notice went with the stake.
    expect(await page.locator("[data-test=notice-confirmed]").count()).toBe(0);
    await screenshot(page, "11-toolbar-reverted", false);
  });

  test("a snapshot the node no longer has is reported, not silently 'reverted'", async () => {
    const taken = await act(page, (panel) => panel.locator("[data-test=snapshot]").click());
    expect(taken.ok).toBe(true);
    // Someone else (another tab, a script) reverts to it: the node uses it up. Its id is the one
    // before the next (the node numbers snapshots one after another).
    const next = await node.snapshot();
    await node.revert({ id: `0x${(BigInt(next) - 1n).toString(16)}` });
    const blockBefore = await world.client.getBlockNumber();
    const result = await act(page, (panel) => panel.locator("[data-test=revert]").first().click());
    expect(result.ok).toBe(false);
    expect(result.text).toMatch(/^The node no longer has "Snapshot \d+" \(it restarted, or a revert to an earlier snapshot removed it\): nothing changed\. It is off the list\.$/);
    expect(await world.client.getBlockNumber()).toBeGreaterThanOrEqual(blockBefore);
    expect(await page.locator("[data-test=snapshot-entry]").count()).toBe(0);
  });

  test("bad numbers get a sentence and a disabled button; nothing reaches the node", async () => {
    const panel = await openToolbar(page);
    const cases: [string, string, string, string][] = [
      ["mine-blocks", "mine", "0", "Enter at least 1 block."],
      ["mine-blocks", "mine", "1.5", "Enter a whole number of blocks, like 100 (digits only)."],
      ["mine-blocks", "mine", "1e3", "Enter a whole number of blocks, like 100 (digits only)."],
      ["mine-blocks", "mine", "2000000", "Mine at most 1,000,000 blocks at a time."],
      ["skip-amount", "skip", "-1", "Enter a number of days, like 1.5 (digits and a dot only)."],
      ["skip-amount", "skip", "400", "Skip at most 365 days at a time."],
      ["fund-eth", "fund", "0", "Enter an amount above zero."],
      ["fund-eth", "fund", "1,500", "\"1,500\" could mean 1.500 or 1500: type it with a dot for decimals and no thousands separator."],
      ["fund-eth", "fund", "5000", "That is more than the toolbar spends at once (1,000)."],
    ];
    const blockBefore = await world.client.getBlockNumber();
    for (const [field, action, typed, sentence] of cases) {
      const input = panel.locator(`[data-test=${field}]`);
      await input.fill(typed);
      expect(await panel.locator(`[data-test=${action}-error]`).innerText(), typed).toBe(sentence);
      expect(await panel.locator(`[data-test=${action}]`).isDisabled(), typed).toBe(true);
      await input.press("Enter");
    }
    await screenshot(page, "11-toolbar-bad-input", false);
    // Only interval blocks (one every 2 s) came meanwhile: no 2,000,000 or anything mined.
    expect(await world.client.getBlockNumber()).toBeLessThan(blockBefore + 10n);
    await panel.locator("[data-test=mine-blocks]").fill("100");
    await panel.locator("[data-test=skip-amount]").fill("1");
    await panel.locator("[data-test=fund-eth]").fill("1");
  });

  test("fits a 390 px phone: the panel within the screen, nothing to scroll sideways", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const panel = await openToolbar(page);
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    await screenshot(page, "11-toolbar-phone-390", false);
    await page.locator("[data-test=tester-toggle]").click();
    expect(await page.locator("[data-test=tester-panel]").count()).toBe(0);
    const pill = (await page.locator("[data-test=tester-toggle]").boundingBox())!;
    expect(pill.width).toBeLessThan(250);
    await screenshot(page, "11-toolbar-phone-390-folded", false);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe("a wallet the node does not hold (a MetaMask account)", () => {
  test("gets LP through the toolbar with no ETH of its own: the node tops it up and sends as it", async () => {
    expect(world.accounts.map((a) => a.toLowerCase())).not.toContain(STRANGER);
    expect(await world.client.getBalance({ address: STRANGER })).toBe(0n);
    const stranger = await openApp(browser, "farms", walletFor(STRANGER));
    try {
      await connectWallet(stranger);
      const card = await waitForPosition(stranger, pid);
      const result = await act(stranger, async (panel) => {
        await panel.locator("[data-test=fund-pool]").selectOption(String(pid));
        await panel.locator("[data-test=fund-eth]").fill("0.2");
        await panel.locator("[data-test=fund]").click();
      });
      expect(result.ok, result.text).toBe(true);
      expect(result.text).toMatch(/ The node first topped up your ETH from 0 \(hardhat_setBalance\)\.$/);
      const lp = await balanceOf(world, lpToken, STRANGER);
      expect(lp).toBeGreaterThan(0n);
      await expectShows(card.locator("[data-test=wallet-lp]"), lp);
      // The transactions were the stranger's own (nonce 3: buy, approve, add), and the node gave its impersonation back.
      expect(await world.client.getTransactionCount({ address: STRANGER })).toBe(3);
      await screenshot(stranger, "11-toolbar-stranger-funded", false);
    } finally {
      await stranger.close();
    }
  });
});

describe("item 12: the newcomer, dev account #4", () => {
  test("holds LP it never approved, and its first stake is one depositWithPermit transaction", async () => {
    const newcomer = world.accounts[NEWCOMER];
    const rwd = poolBySymbols(world, "RWD", "WETH");
    const lp = rwd.lpToken as Address;
    const held = await balanceOf(world, lp, newcomer);
    expect(held).toBeGreaterThan(0n);
    const allowance = await world.client.readContract({ address: lp, abi: uniswapV2PairAbi, functionName: "allowance", args: [newcomer, world.deployment.farm as Address] });
    expect(allowance).toBe(0n);

    const p = await openApp(browser, "farms");
    try {
      await connectDevAccount(p, NEWCOMER);
      const card = await waitForPosition(p, rwd.pid);
      await card.locator("[data-test=stake]").click();
      const dialog = p.locator("[data-test=stake-dialog]");
      await dialog.locator("[data-test=amount]").fill("1");
      await screenshot(p, "12-newcomer-stake-dialog", false);
      const call = await onlyFarmCallDuring(world, newcomer, () => expectConfirmed(p, () => dialog.locator("[data-test=confirm]").click()));
      expect(call.functionName).toBe("depositWithPermit");
      expect(await stakedOf(world, rwd.pid, newcomer)).toBe(parseEther("1"));
    } finally {
      await p.close();
    }
  });
});

/** The dollar figure of a sentence: "(≈ $2,985.12)" → 2985.12. */
function usdIn(text: string): number {
  return Number(/\(≈ \$([\d,.]+)\)/.exec(text)![1].replaceAll(",", ""));
}

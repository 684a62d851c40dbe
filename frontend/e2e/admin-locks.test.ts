/**
 * Issue 14, the admin side of locks: the tiers new locks choose from, the early-exit terms, and
 * the irreversible emergency unlock of a pool, each behind its review. What the page shows is
 * checked against the chain, read here independently (the tiers' blocks, their time at the
 * deployment's block time, boosts, the penalty, the boost share an unlock removes); every bad
 * input gets a sentence and sends nothing (the owner's nonce does not move); what is confirmed
 * is on chain exactly as reviewed, read back from the node.
 *
 * Accounts: #0 owns the farm; #22, a non-owner, through a stand-in browser wallet (the app lists
 * dev accounts #0-#19), which never signs. Everything this file changes is undone: the chain is
 * reverted to a snapshot taken before the first test (an emergency unlock cannot be undone any
 * other way), and the tiers and terms are then read back as they were found.
 */
import path from "node:path";

import type { Browser, Locator, Page } from "playwright-core";
import { type Address, createTestClient, erc20Abi, getAddress, type Hex, http, zeroAddress } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { farmAbi } from "../src/chain/abis.generated";
import { connectDevAccount, expectConfirmed, launchBrowser, openApp, screenshot, SCREENSHOT_DIR } from "./browser";
import { balanceOf, nodeWallet, onlyFarmCallDuring, openWorld, poolBySymbols, type World } from "./chain";
import { injectFakeWallet } from "./fake-wallet";

const OWNER = 0;
/** The non-owner: Hardhat's dev mnemonic's account #22, held by no node, so it can sign nothing. */
const STRANGER = 22;
const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";
const LOCAL = 31337;
const BPS = 10_000n;

interface Tier {
  durationBlocks: bigint;
  boostBps: bigint;
}
interface LockState {
  tiers: Tier[];
  penaltyBps: bigint;
  recipient: Address;
  epochBlocks: bigint;
}

const node = createTestClient({ mode: "hardhat", transport: http(inject("rpcUrl")) });
let startSnapshot: Hex;
let world: World;
let browser: Browser;
let page: Page;
let found: LockState;
let owner: Address;

const farm = () => ({ address: world.deployment.farm as Address, abi: farmAbi }) as const;
const blockSeconds = () => world.deployment.blockSeconds!;

async function lockState(blockNumber?: bigint): Promise<LockState> {
  const [[durations, boosts], [penaltyBps, recipient], epochBlocks] = await Promise.all([
    world.client.readContract({ ...farm(), functionName: "lockTiers", blockNumber }),
    world.client.readContract({ ...farm(), functionName: "earlyExitPenalty", blockNumber }),
    world.client.readContract({ ...farm(), functionName: "epochBlocks", blockNumber }),
  ]);
  return { tiers: durations.map((d, i) => ({ durationBlocks: d, boostBps: boosts[i]! })), penaltyBps, recipient, epochBlocks };
}

/** What the owner has sent, mined or waiting: unchanged means nothing was sent. */
const sentByOwner = () => world.client.getTransactionCount({ address: owner, blockTag: "pending" });

beforeAll(async () => {
  world = await openWorld();
  owner = world.accounts[OWNER];
  startSnapshot = await node.snapshot();
  found = await lockState();
  browser = await launchBrowser();
  page = await openApp(browser, "admin");
  await connectDevAccount(page, OWNER);
  await page.locator("[data-test=tiers-now], [data-test=tiers-none]").first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  // Everything this file did undone, the emergency unlock included; viem's revert drops the node's answer.
  const reverted = await node.request<{ Method: "evm_revert"; Parameters: [Hex]; ReturnType: boolean }>({ method: "evm_revert", params: [startSnapshot] });
  if (!reverted) await restoreAsOwner(found); // then at least the tiers and terms, and the failure below
  expect(reverted, "the world is back as this file found it").toBe(true);
  const now = await lockState();
  expect(now.tiers).toEqual(found.tiers);
  expect([now.penaltyBps, now.recipient]).toEqual([found.penaltyBps, found.recipient]);
});

/** Puts the tiers and terms back as the owner, from outside the app: only if the revert failed. */
async function restoreAsOwner(state: LockState): Promise<void> {
  const wallet = nodeWallet(owner);
  const mined = async (hash: Promise<Hex>) => world.client.waitForTransactionReceipt({ hash: await hash });
  const [durations, boosts] = [state.tiers.map((t) => t.durationBlocks), state.tiers.map((t) => t.boostBps)];
  await mined(wallet.writeContract({ ...farm(), functionName: "setLockTiers", args: [durations, boosts], chain: null }));
  await mined(wallet.writeContract({ ...farm(), functionName: "setEarlyExitPenalty", args: [state.penaltyBps, state.recipient], chain: null }));
}

// ---- Reading the page, independently of the app's own formatting --------------------------------

const UNIT_SECONDS: Record<string, number> = { min: 60, h: 3_600, day: 86_400, days: 86_400, year: 31_536_000, years: 31_536_000 };

/**
 * The seconds a shown duration ("1 day", "23 h 59 min", "2 years 41 days", "under a minute")
 * can stand for: rounded down to its smallest unit, so the true figure is in [low, low + unit).
 */
function secondsRange(text: string): [number, number] {
  if (text === "under a minute") return [0, 60];
  const parts = [...text.replaceAll(",", "").matchAll(/(\d+) (min|h|days?|years?)/g)];
  expect(parts.length, `a duration: "${text}"`).toBeGreaterThan(0);
  const low = parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_SECONDS[unit]!, 0);
  return [low, low + UNIT_SECONDS[parts.at(-1)![2]!]!];
}

function expectTimeOf(shown: string, blocks: bigint): void {
  const seconds = Number(blocks) * blockSeconds();
  const [low, high] = secondsRange(shown.replace(/^≈\s*/, "").trim());
  expect(seconds, `${blocks} blocks at ${blockSeconds()} s shown as "${shown}"`).toBeGreaterThanOrEqual(low);
  expect(seconds).toBeLessThan(high);
}

/** "1.5×" → 15,000 basis points. */
function boostOf(text: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,4}))?×$/.exec(text.trim());
  expect(match, `a boost: "${text}"`).not.toBeNull();
  return BigInt(match![1]!) * BPS + BigInt((match![2] ?? "").padEnd(4, "0"));
}

/** "12.5%" → 1,250 basis points. */
function bpsOf(text: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,2}))?%$/.exec(text.trim());
  expect(match, `a rate: "${text}"`).not.toBeNull();
  return BigInt(match![1]!) * 100n + BigInt((match![2] ?? "").padEnd(2, "0"));
}

/** "43,200 blocks (≈ 1 day), 1.5×": the tier it describes, its time checked against its blocks. */
function tierOf(text: string): Tier {
  const match = /^([\d,]+) blocks? \((≈ [^)]+)\), (.+)$/.exec(text.trim());
  expect(match, `a tier: "${text}"`).not.toBeNull();
  const durationBlocks = BigInt(match![1]!.replaceAll(",", ""));
  expectTimeOf(match![2]!, durationBlocks);
  return { durationBlocks, boostBps: boostOf(match![3]!) };
}

async function shownTiers(p: Page): Promise<Tier[]> {
  const rows = p.locator("[data-test^=tier-now-]");
  const tiers: Tier[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const durationBlocks = BigInt((await row.locator("[data-test=tier-blocks]").innerText()).replace(/ blocks?$/, "").replaceAll(",", ""));
    expectTimeOf(await row.locator("[data-test=tier-time]").innerText(), durationBlocks);
    tiers.push({ durationBlocks, boostBps: boostOf(await row.locator("[data-test=tier-boost]").innerText()) });
  }
  return tiers;
}

// ---- Moving the page -----------------------------------------------------------------------------

const editorRows = () => page.locator("[data-test^=tier-row-]");
const tiersReview = () => page.locator("[data-test=tiers-review]");

/** Puts exactly these rows (duration, boost, as typed) in the tier editor. */
async function typeTiers(rows: [string, string][]): Promise<void> {
  await page.locator("[data-test=tier-reset]").click();
  while ((await editorRows().count()) > rows.length) await editorRows().last().locator("[data-test=tier-remove]").click();
  while ((await editorRows().count()) < rows.length) await page.locator("[data-test=tier-add]").click();
  for (const [i, [duration, boost]] of rows.entries()) {
    await editorRows().nth(i).locator("[data-test=tier-duration]").fill(duration);
    await editorRows().nth(i).locator("[data-test=tier-boost-input]").fill(boost);
  }
}

/** Rows typing `tiers` as the owner would. */
const rowsOf = (tiers: Tier[]): [string, string][] => tiers.map((t) => [t.durationBlocks.toString(), (Number(t.boostBps) / 10_000).toString()]);

async function errorsShown(scope: Locator | Page, selector: string): Promise<string[]> {
  return scope.locator(selector).allInnerTexts();
}

// ---- The tests -------------------------------------------------------------------------------------

describe("admin: locks", () => {
  test("the section shows the farm's tiers (blocks, time at the block time, boost) and penalty as the chain has them", async () => {
    expect(found.tiers.length, "the local world sets tiers").toBeGreaterThan(0);
    await expect.poll(() => shownTiers(page)).toEqual(found.tiers);
    expect(bpsOf(await page.locator("[data-test=penalty-rate-now]").innerText())).toBe(found.penaltyBps);
    expect(await page.locator("[data-test=penalty-now] .address-chip").getAttribute("title")).toBe(getAddress(found.recipient));
    // The editor starts as the tiers set now, so there is nothing to review yet.
    expect(await editorRows().count()).toBe(found.tiers.length);
    expect(await tiersReview().isDisabled()).toBe(true);
    expect(await page.locator("[data-test=tiers-hint]").isVisible()).toBe(true);
    await page.locator("[data-test=locks-admin]").scrollIntoViewIfNeeded();
    await screenshot(page, "14-admin-locks");
  });

  test("a non-owner (#22) sees the settings, and nothing can be reviewed or unlocked", async () => {
    const stranger = mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex: STRANGER }).address;
    expect(getAddress(stranger)).not.toBe(getAddress(owner));
    const other = await openApp(browser, "admin", (p) => injectFakeWallet(p, { name: "Stranger Wallet", account: stranger, chainId: LOCAL, knownChains: [LOCAL] }));
    try {
      await other.locator("[data-test=connect-button]").click();
      await other.locator("[data-test=injected-wallet]", { hasText: "Stranger Wallet" }).click();
      await other.locator("[data-test=not-owner]").waitFor();
      await expect.poll(() => shownTiers(other)).toEqual(found.tiers);
      // A valid new list, typed: still nothing to send for someone who does not own the farm.
      await other.locator("[data-test^=tier-row-] [data-test=tier-duration]").first().fill(String(found.tiers[0]!.durationBlocks + 1n));
      expect(await other.locator("[data-test=tiers-review]").isDisabled()).toBe(true);
      await other.locator("[data-test=penalty-rate]").fill("1");
      expect(await other.locator("[data-test=penalty-review]").isDisabled()).toBe(true);
      const unlocks = other.locator("[data-test=emergency-unlock] [data-test=unlock]");
      expect(await unlocks.count()).toBeGreaterThan(0);
      for (const button of await unlocks.all()) expect(await button.isDisabled()).toBe(true);
    } finally {
      await other.close();
    }
  });

  test("every bad tier list is refused with a sentence on its row, and nothing is sent", async () => {
    const sentBefore = await sentByOwner();
    const longest = 365n * found.epochBlocks;
    const cases: { rows: [string, string][]; field: string; row: number; sentence: RegExp }[] = [
      { rows: [["0", "1"]], field: "duration", row: 0, sentence: /^Tier 1's duration must be at least 1 block\.$/ },
      // The longest tier: 365 epochs (MAX_LOCK_EPOCHS) of the farm's epoch.
      { rows: [[String(longest + 1n), "1"]], field: "duration", row: 0, sentence: new RegExp(`^Tier 1's duration can be at most ${longest.toLocaleString("en-US")} blocks \\(365 epochs of `) },
      { rows: [["1.5", "1"]], field: "duration", row: 0, sentence: /^Tier 1's duration is a whole number of blocks/ },
      { rows: [["100", "1"], ["100", "1.5"]], field: "duration", row: 1, sentence: /^Tier 2 must last longer than tier 1 \(100 blocks\)/ },
      { rows: [["100", "0.99"]], field: "boost", row: 0, sentence: /^Tier 1's boost must be at least 1× \(no boost\)\.$/ },
      { rows: [["100", "3.01"]], field: "boost", row: 0, sentence: /^Tier 1's boost can be at most 3×: the farm's limit\.$/ },
      { rows: [["100", "2"], ["200", "1.5"]], field: "boost", row: 1, sentence: /^Tier 2's boost must be at least tier 1's 2×/ },
      { rows: [["100", "1.23456"]], field: "boost", row: 0, sentence: /^Tier 1's boost has at most 4 decimals/ },
      { rows: [["100", ""]], field: "boost", row: 0, sentence: /^Enter tier 1's boost/ },
      { rows: [["", "1.5"]], field: "duration", row: 0, sentence: /^Enter tier 1's duration in blocks/ },
      { rows: [["100", "1,500"]], field: "boost", row: 0, sentence: /could mean 1\.500 or 1500/ },
    ];
    for (const c of cases) {
      await typeTiers(c.rows);
      const shown = await errorsShown(editorRows().nth(c.row), `[data-test=tier-error-${c.field}]`);
      expect(shown.join(" | "), JSON.stringify(c.rows)).toMatch(c.sentence);
      expect(await tiersReview().isDisabled(), JSON.stringify(c.rows)).toBe(true);
      // Enter in a field submits the form: still no review.
      await editorRows().nth(c.row).locator("[data-test=tier-duration]").press("Enter");
      expect(await page.locator("[data-test=lock-review]").count()).toBe(0);
    }
    // At most 8 tiers: the ninth cannot be added, and the page says why.
    await typeTiers(Array.from({ length: 8 }, (_, i): [string, string] => [String((i + 1) * 1000), "1"]));
    expect(await page.locator("[data-test=tier-add]").isDisabled()).toBe(true);
    expect(await page.locator("[data-test=tiers-full]").innerText()).toBe("8 tiers at most: the farm's limit.");
    // The tiers set now, typed again, are no change.
    await typeTiers(rowsOf(found.tiers));
    expect(await tiersReview().isDisabled()).toBe(true);
    await page.locator("[data-test=tiers-hint]").waitFor();
    await page.locator("[data-test=lock-tiers]").scrollIntoViewIfNeeded();
    await typeTiers([["100", "2"], ["50", "1.5"]]);
    await screenshot(page, "14-admin-locks-tier-errors");
    expect(await sentByOwner(), "transactions sent by the owner").toBe(sentBefore);
  });

  test("every bad penalty is refused with a sentence, and nothing is sent", async () => {
    const sentBefore = await sentByOwner();
    const rate = page.locator("[data-test=penalty-rate]");
    const recipient = page.locator("[data-test=penalty-recipient]");
    const review = page.locator("[data-test=penalty-review]");
    const rateCases: [string, RegExp][] = [
      ["50.01", /^The penalty can be at most 50% of the locked LP: the farm's cap\.$/],
      ["-1", /^The penalty cannot be negative/],
      ["ten", /^Enter the penalty as a number of percent/],
      ["12.345", /^The penalty has at most 2 decimals/],
    ];
    for (const [typed, sentence] of rateCases) {
      await rate.fill(typed);
      expect(await page.locator("[data-test=penalty-rate-error]").innerText(), typed).toMatch(sentence);
      expect(await review.isDisabled()).toBe(true);
      await rate.press("Enter");
    }
    await rate.fill("20");
    const recipientCases: [string, RegExp][] = [
      [zeroAddress, /^The penalty cannot go to the zero address/],
      [world.deployment.farm.toLowerCase(), /^The penalty cannot go to the farm itself/],
      ["0x1234", /^That is not an address/],
      ["", /^Enter the address the penalties go to/],
    ];
    for (const [typed, sentence] of recipientCases) {
      await recipient.fill(typed);
      expect(await page.locator("[data-test=penalty-recipient-error]").innerText(), typed).toMatch(sentence);
      expect(await review.isDisabled()).toBe(true);
      await recipient.press("Enter");
    }
    // The terms set now are no change.
    await rate.fill(String(Number(found.penaltyBps) / 100));
    await recipient.fill(found.recipient);
    await page.locator("[data-test=penalty-hint]").waitFor();
    expect(await review.isDisabled()).toBe(true);
    expect(await page.locator("[data-test=lock-review]").count()).toBe(0);
    expect(await sentByOwner(), "transactions sent by the owner").toBe(sentBefore);
  });

  test("new tiers: reviewed old → new (existing locks keep their terms), Back sends nothing, Confirm sets exactly them", async () => {
    const epoch = found.epochBlocks;
    // Three tiers an epoch or more apart (so no warning), the last at the farm's top boost.
    const wanted: Tier[] = [
      { durationBlocks: epoch * 3n + 7n, boostBps: 11_000n },
      { durationBlocks: epoch * 10n, boostBps: 17_500n },
      { durationBlocks: epoch * 30n, boostBps: 30_000n },
    ];
    await typeTiers(rowsOf(wanted));
    expect(await tiersReview().isEnabled()).toBe(true);

    const sentBefore = await sentByOwner();
    await tiersReview().click();
    const dialog = page.locator("[data-test=lock-review]");
    await dialog.waitFor();
    expect(await dialog.locator("[data-test=lock-review-title]").innerText()).toBe("Set 3 lock tiers (1.1× to 3×)");
    // Now: the chain's tiers at the block the review says it read; after: what was typed.
    const block = BigInt((await dialog.locator("[data-test=lock-review-block]").innerText()).replaceAll(",", ""));
    const atBlock = await lockState(block);
    const rows = Math.max(atBlock.tiers.length, wanted.length);
    for (let row = 0; row < rows; row++) {
      const now = await dialog.locator(`[data-test=tier-${row}-now]`).innerText();
      const after = await dialog.locator(`[data-test=tier-${row}-after]`).innerText();
      if (atBlock.tiers[row]) expect(tierOf(now)).toEqual(atBlock.tiers[row]);
      else expect(now).toBe("—");
      if (wanted[row]) expect(tierOf(after)).toEqual(wanted[row]);
      else expect(after).toBe("removed");
    }
    expect(await dialog.locator("[data-test=lock-review-notes]").innerText()).toMatch(/Existing locks keep their terms/);
    expect(await dialog.locator("[data-test=lock-review-warnings]").count()).toBe(0);
    await screenshot(page, "14-admin-locks-tiers-review", false);
    await dialog.locator("[data-test=lock-review-back]").click();
    await dialog.waitFor({ state: "detached" });
    expect(await sentByOwner(), "Back sends nothing").toBe(sentBefore);

    const call = await onlyFarmCallDuring(world, owner, () =>
      expectConfirmed(page, async () => {
        await tiersReview().click();
        await dialog.locator("[data-test=lock-review-confirm]").click();
      }),
    );
    expect(call.functionName).toBe("setLockTiers");
    expect(call.args).toEqual([wanted.map((t) => t.durationBlocks), wanted.map((t) => t.boostBps)]);
    expect((await lockState()).tiers).toEqual(wanted);
    await expect.poll(() => shownTiers(page), { timeout: 10_000 }).toEqual(wanted);
    // The editor starts again from the tiers now set.
    await expect.poll(() => editorRows().count()).toBe(3);
  });

  test("tiers less than an epoch apart are warned about before Confirm (Confirm anyway)", async ({ skip }) => {
    const epoch = found.epochBlocks;
    if (epoch < 2n) skip("an epoch of 1 block rounds nothing");
    await typeTiers([["100", "1.2"], [String(100n + epoch - 1n), "1.5"]]);
    await tiersReview().click();
    const dialog = page.locator("[data-test=lock-review]");
    await dialog.waitFor();
    expect(await dialog.locator("[data-test=lock-review-warnings]").innerText()).toMatch(/Tier 1 and tier 2 are less than an epoch .* apart/);
    expect(await dialog.locator("[data-test=lock-review-confirm]").innerText()).toBe("Confirm anyway");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
  });

  test("new early-exit terms: reviewed (rate, halfway cost, recipient), set exactly as reviewed", async () => {
    const recipient = world.accounts[5]!;
    const before = await lockState();
    await page.locator("[data-test=penalty-rate]").fill("20.5");
    await page.locator("[data-test=penalty-recipient]").fill(recipient.toLowerCase());
    await page.locator("[data-test=penalty-review]").click();
    const dialog = page.locator("[data-test=lock-review]");
    await dialog.waitFor();
    expect(await dialog.locator("[data-test=lock-review-title]").innerText()).toBe("Set the early-exit penalty to 20.5%, paid to a new recipient");
    expect(bpsOf(await dialog.locator("[data-test=rate-now]").innerText())).toBe(before.penaltyBps);
    expect(bpsOf(await dialog.locator("[data-test=rate-after]").innerText())).toBe(2_050n);
    // Halfway through a lock, the rate times the half left: 10.25% of the LP after.
    expect(await dialog.locator("[data-test=halfway-after]").innerText()).toBe("10.25% of the LP");
    expect(await dialog.locator("[data-test=recipient-now] .address-chip").getAttribute("title")).toBe(getAddress(before.recipient));
    expect(await dialog.locator("[data-test=recipient-after] .address-chip").getAttribute("title")).toBe(getAddress(recipient));
    expect(await dialog.locator("[data-test=lock-review-notes]").innerText()).toMatch(/Existing locks keep the rate and recipient fixed when they were made/);
    await screenshot(page, "14-admin-locks-penalty-review", false);

    const call = await onlyFarmCallDuring(world, owner, () => expectConfirmed(page, () => dialog.locator("[data-test=lock-review-confirm]").click()));
    expect(call.functionName).toBe("setEarlyExitPenalty");
    expect(call.args).toEqual([2_050n, getAddress(recipient)]);
    const after = await lockState();
    expect([after.penaltyBps, after.recipient]).toEqual([2_050n, getAddress(recipient)]);
    await expect.poll(() => page.locator("[data-test=penalty-rate-now]").innerText(), { timeout: 10_000 }).toBe("20.5%");
  });

  test("emergency unlock: irreversible said first, the pool's name typed, done once; the pool then offers nothing", async () => {
    const pool = poolBySymbols(world, "DAI", "USDC");
    const pid = BigInt(pool.pid);
    const row = page.locator(`[data-test=unlock-row-${pool.pid}]`);
    // A running lock in the pool (the owner's, from outside the app), so the unlock has a boost to end.
    const locked = (await balanceOf(world, pool.lpToken as Address, owner)) / 2n;
    expect(locked).toBeGreaterThan(0n);
    const tiers = (await lockState()).tiers;
    const wallet = nodeWallet(owner);
    const mined = async (hash: Promise<Hex>) => expect((await world.client.waitForTransactionReceipt({ hash: await hash })).status).toBe("success");
    await mined(wallet.writeContract({ address: pool.lpToken as Address, abi: erc20Abi, functionName: "approve", args: [world.deployment.farm as Address, locked], chain: null }));
    const version = await world.client.readContract({ ...farm(), functionName: "lockTermsVersion" });
    await mined(wallet.writeContract({ ...farm(), functionName: "lock", args: [pid, locked, BigInt(tiers.length - 1), version], chain: null }));
    const sentBefore = await sentByOwner();
    await row.locator("[data-test=unlock]").click();
    const dialog = page.locator("[data-test=unlock-review]");
    await dialog.waitFor();
    const name = (await dialog.locator("[data-test=unlock-phrase]").innerText()).trim();
    expect([`${pool.symbol0}/${pool.symbol1}`, `${pool.symbol1}/${pool.symbol0}`]).toContain(name);
    expect(await dialog.locator("[data-test=unlock-review-title]").innerText()).toBe(`Emergency unlock ${name}`);
    expect(await dialog.locator("[data-test=unlock-irreversible]").innerText()).toMatch(/^⚠️ Irreversible\. This cannot be undone/);
    const effects = await dialog.locator("[data-test=unlock-effects]").innerText();
    expect(effects).toMatch(/Every lock in .* ends at the block this is mined in, boosts included/);
    expect(effects).toMatch(/without any penalty/);
    expect(effects).toMatch(/The owner receives nothing/);

    // The boost share it removes, from the chain's poolShares at the block the review read.
    const said = await dialog.locator("[data-test=unlock-boost]").innerText();
    const block = BigInt(/block ([\d,]+)/.exec(said)![1]!.replaceAll(",", ""));
    const [total, boost] = await world.client.readContract({ ...farm(), functionName: "poolShares", args: [pid], blockNumber: block });
    expect(boost, "the owner's lock runs at its boost").toBe((locked * tiers.at(-1)!.boostBps) / BPS - locked);
    const shown = Number((await dialog.locator("[data-test=unlock-boost-share]").innerText()).replace("%", ""));
    expect(Math.abs(shown - (Number(boost) / Number(total)) * 100), `${shown}% shown`).toBeLessThanOrEqual(0.005);

    // Nothing to confirm until the name is typed; a wrong name says so.
    const confirm = dialog.locator("[data-test=unlock-confirm]");
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.locator("[data-test=unlock-typed]").fill("USDC");
    expect(await dialog.locator("[data-test=unlock-typed-error]").innerText()).toMatch(/^That is not “.*”: type the pool's name/);
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.locator("[data-test=unlock-typed]").press("Enter");
    await screenshot(page, "14-admin-locks-unlock-review", false);
    await dialog.locator("[data-test=unlock-back]").click();
    await dialog.waitFor({ state: "detached" });
    expect(await sentByOwner(), "nothing sent before Confirm").toBe(sentBefore);

    const call = await onlyFarmCallDuring(world, owner, () =>
      expectConfirmed(page, async () => {
        await row.locator("[data-test=unlock]").click();
        await dialog.locator("[data-test=unlock-typed]").fill(` ${name.toLowerCase()} `);
        expect(await confirm.isEnabled()).toBe(true);
        await confirm.click();
      }),
    );
    expect(call.functionName).toBe("emergencyUnlock");
    expect(call.args).toEqual([pid]);
    const [, boostAfter, unlockedAt] = await world.client.readContract({ ...farm(), functionName: "poolShares", args: [pid] });
    expect(unlockedAt).toBe(call.receipt.blockNumber);
    expect(boostAfter).toBe(0n);
    // As the review said: the lock ended at that block, and its LP leaves whole, without penalty.
    const [lockedAfter, , , endBlock] = await world.client.readContract({ ...farm(), functionName: "lockInfo", args: [pid, owner] });
    expect([lockedAfter, endBlock]).toEqual([locked, unlockedAt]);
    expect(await world.client.readContract({ ...farm(), functionName: "earlyExitPenaltyOf", args: [pid, owner] })).toBe(0n);
    const [staked] = await world.client.readContract({ ...farm(), functionName: "userInfo", args: [pid, owner] });
    const lpBefore = await balanceOf(world, pool.lpToken as Address, owner);
    await mined(wallet.writeContract({ ...farm(), functionName: "withdraw", args: [pid, staked], chain: null }));
    expect((await balanceOf(world, pool.lpToken as Address, owner)) - lpBefore).toBe(staked);
    // The pool shows it is unlocked, and offers nothing more.
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain(`Unlocked for good at block ${unlockedAt.toLocaleString("en-US")}`);
    expect(await row.locator("[data-test=unlock]").count()).toBe(0);
    await row.scrollIntoViewIfNeeded();
    for (const dismiss of await page.getByRole("button", { name: "Dismiss" }).all()) await dismiss.click().catch(() => undefined); // notices over the row
    await screenshot(page, "14-admin-locks-unlocked", false);
  });

  test("on a 390 px phone the section fits the width, its reviews too", async () => {
    const phone = await openApp(browser, "admin");
    try {
      await phone.setViewportSize({ width: 390, height: 844 });
      await connectDevAccount(phone, OWNER);
      await phone.locator("[data-test=tiers-now]").waitFor();
      const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBe(0);
      await phone.locator("[data-test=locks-admin]").scrollIntoViewIfNeeded();
      await screenshot(phone, "14-admin-locks-phone");
      await phone.locator("[data-test=locks-admin]").screenshot({ path: path.join(SCREENSHOT_DIR, "14-admin-locks-phone-section.png") });
      await phone.locator("[data-test^=tier-row-] [data-test=tier-boost-input]").first().fill("1.01");
      await phone.locator("[data-test=tiers-review]").click();
      await phone.locator("[data-test=lock-review]").waitFor();
      expect(await overflow()).toBe(0);
      await screenshot(phone, "14-admin-locks-phone-tiers-review", false);
      await phone.keyboard.press("Escape");
      const live = phone.locator("[data-test=emergency-unlock] [data-test=unlock]").first();
      await live.click();
      await phone.locator("[data-test=unlock-review]").waitFor();
      expect(await overflow()).toBe(0);
      await screenshot(phone, "14-admin-locks-phone-unlock-review", false);
      await phone.locator("[data-test=unlock-back]").click();
    } finally {
      await phone.close();
    }
  });
});

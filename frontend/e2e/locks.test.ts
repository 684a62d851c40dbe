/**
 * Time-locked stakes from the staker's side (issue 14), as dev accounts #20 and #21 through a
 * browser wallet in the WBTC/WETH pool: the stake dialog's lock selector (each tier's boost,
 * duration, "your APR", exact unlock block and date, early-exit terms), locking with a permit,
 * extending and topping up a running lock (a tier that would shorten it refused in words), the
 * card's countdown and its "unlocked" state once the end block has come (mined with hardhat_mine),
 * and the early-exit dialog. Every figure is computed here from the chain alone (the farm's
 * lockTiers, earlyExitPenalty, poolShares, lockInfo, earlyExitPenaltyOf, the pairs' reserves) by
 * the rules IFarmLocks states, never taken from the app. The file undoes everything it did on
 * the chain when it ends (evm_snapshot / evm_revert), so later files find the world as it was.
 */
import { type Address, createTestClient, erc20Abi, type Hex, http, isAddressEqual, type LocalAccount, parseEther, parseEventLogs, parseUnits, type TypedDataDefinition } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { farmAbi } from "../src/chain/abis.generated";
import { isCutToSignificant, launchBrowser, openApp, parseUsd, readAmount, screenshot, settledNotice, UI_TIMEOUT, waitForPosition } from "./browser";
import { balanceOf, nodeWallet, onlyFarmCallDuring, openWorld, poolBySymbols, provideLiquidity, stakedOf, type World } from "./chain";
import { injectFakeWallet } from "./fake-wallet";
import { poolFigures } from "./pool-figures";

const LOCKER = 20;
const LEAVER = 21;
const LOCAL = 31337;
const BPS = 10_000n;
const PHONE = { width: 390, height: 844 };
/** Hardhat's well-known dev mnemonic: dev account #i is its i-th address. */
const DEV_MNEMONIC = "test test test test test test test test test test test junk";

const node = createTestClient({ mode: "hardhat", transport: http(inject("rpcUrl")) });
let startSnapshot: Hex;

let browser: Browser;
let page: Page;
let world: World;
let user: Address;
let pid: number;
let lpToken: Address;
let pool: Locator;

/**
 * Dev account #`index`. The node unlocks #0 to #19 only: it sends for #20 and #21 as impersonated
 * accounts (with ETH for gas), and their signatures (the LP token's permit) are made here, with
 * the key the mnemonic gives them, as their wallet would.
 */
async function devAccount(index: number): Promise<LocalAccount> {
  const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
  await node.impersonateAccount({ address: account.address });
  await node.setBalance({ address: account.address, value: parseEther("10000") });
  return account;
}

/** Typed data as a wallet receives it (eth_signTypedData_v4: JSON, numbers as strings), for viem to sign. */
function typedDataOf(json: string): TypedDataDefinition {
  const { domain, types, primaryType, message } = JSON.parse(json) as { domain: Record<string, unknown>; types: Record<string, { name: string; type: string }[]>; primaryType: string; message: Record<string, unknown> };
  const { EIP712Domain: _, ...rest } = types;
  const numeric = (type: string) => /^u?int\d*$/.test(type);
  const values = Object.fromEntries(rest[primaryType].map(({ name, type }) => [name, numeric(type) ? BigInt(String(message[name])) : message[name]]));
  return { domain: { ...domain, chainId: Number(domain.chainId) }, types: rest, primaryType, message: values } as unknown as TypedDataDefinition;
}

/**
 * A browser wallet for `signer` in `p`: the fake wallet answers connecting, its JSON-RPC goes to a
 * path of the app's own origin that this test answers: typed data signed with the account's key,
 * everything else passed to the node (which sends for the impersonated account).
 */
async function walletFor(p: Page, name: string, signer: LocalAccount): Promise<void> {
  const path = `locks-wallet-${signer.address}`;
  await p.route(`**/${path}`, async (route) => {
    const body = route.request().postDataJSON() as { id: number; method: string; params: unknown[] };
    if (body.method === "eth_signTypedData_v4") {
      const result = await signer.signTypedData(typedDataOf(body.params[1] as string));
      return route.fulfill({ json: { jsonrpc: "2.0", id: body.id, result } });
    }
    const answer = await fetch(inject("rpcUrl"), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return route.fulfill({ status: answer.status, json: await answer.json() });
  });
  await injectFakeWallet(p, { name, account: signer.address, chainId: LOCAL, knownChains: [LOCAL], rpcUrl: new URL(path, inject("appUrl")).href });
}

function connectWith(name: string) {
  return async (p: Page) => {
    await p.locator("[data-test=connect-button]").click();
    await p.locator("[data-test=injected-wallet]", { hasText: name }).click();
  };
}

/** WBTC/WETH LP for `account`, bought through the router, with no allowance for the farm: a first lock signs a permit. */
async function provideLp(account: Address): Promise<void> {
  await provideLiquidity(world, account, "WBTC", parseUnits("1", 8), parseEther("20"));
}

/** The farms page in `browser`, connected through `name`'s wallet for `signer`, once it shows the pool's card. */
async function farmsPageAs(name: string, signer: LocalAccount): Promise<{ page: Page; pool: Locator }> {
  const opened = await openApp(browser, "farms", (p) => walletFor(p, name, signer));
  await connectWith(name)(opened);
  return { page: opened, pool: await waitForPosition(opened, pid) };
}

beforeAll(async () => {
  startSnapshot = await node.snapshot();
  world = await openWorld();
  ({ pid, lpToken } = poolBySymbols(world, "WBTC", "WETH") as { pid: number; lpToken: Address });
  const locker = await devAccount(LOCKER);
  user = locker.address;
  await provideLp(user);
  browser = await launchBrowser();
  ({ page, pool } = await farmsPageAs("Locks Wallet", locker));
});

afterAll(async () => {
  await browser?.close();
  // Every lock, block and transaction of this file undone, on every account.
  const reverted = await node.request<{ Method: "evm_revert"; Parameters: [Hex]; ReturnType: boolean }>({ method: "evm_revert", params: [startSnapshot] });
  expect(reverted, "the world is back as this file found it").toBe(true);
});

/* ----------------------------- the chain, read here ----------------------------- */

const farm = (blockNumber?: bigint) => ({ address: world.deployment.farm as Address, abi: farmAbi, blockNumber }) as const;

/** The farm's terms for new locks. */
async function lockTerms() {
  const [[durations, boosts], [penaltyBps, recipient], epochBlocks] = await Promise.all([
    world.client.readContract({ ...farm(), functionName: "lockTiers" }),
    world.client.readContract({ ...farm(), functionName: "earlyExitPenalty" }),
    world.client.readContract({ ...farm(), functionName: "epochBlocks" }),
  ]);
  return { durations, boosts, penaltyBps, recipient, epochBlocks };
}

async function lockInfo(account: Address, blockNumber?: bigint) {
  const [amount, boostBps, startBlock, endBlock, penaltyBps, penaltyRecipient] = await world.client.readContract({
    ...farm(blockNumber),
    functionName: "lockInfo",
    args: [BigInt(pid), account],
  });
  return { amount, boostBps, startBlock, endBlock, penaltyBps, penaltyRecipient };
}

async function totalShares(blockNumber?: bigint): Promise<bigint> {
  const [shares] = await world.client.readContract({ ...farm(blockNumber), functionName: "poolShares", args: [BigInt(pid)] });
  return shares;
}

const roundUp = (n: bigint, epoch: bigint) => ((n + epoch - 1n) / epoch) * epoch;
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
const whole = (lp: bigint) => Number(lp) / 1e18;
/** "2×", "1.5×": the boost in basis points as a multiple. */
const boostText = (bps: bigint) => `${Number(bps) / 10_000}×`;

/** The last few blocks: the page shows the figures of one of them (it reads every 0.6 of a block). */
async function recentBlocks(count = 4): Promise<bigint[]> {
  const head = await world.client.getBlockNumber();
  return Array.from({ length: count }, (_, i) => head - BigInt(i)).filter((b) => b >= 0n);
}

async function timestampOf(blockNumber: bigint): Promise<number> {
  return Number((await world.client.getBlock({ blockNumber })).timestamp);
}

/** A percentage as the page shows it ("123.45%") is `expected` (a fraction) within its rounding. */
function expectPercent(label: string, shown: string, expected: number): void {
  const value = Number(shown.replace(/[,%]/g, ""));
  expect(Math.abs(value - expected * 100), `${label}: shown ${shown}, computed ${(expected * 100).toFixed(4)}%`).toBeLessThanOrEqual(0.005 + Math.abs(expected) * 1e-6);
}

/** Page width beyond the screen's: 0 when nothing scrolls sideways. */
function overflow(p: Page): Promise<number> {
  return p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * Screenshots the viewport on a 390 px phone (scrolled to `focus`, if given) and checks nothing is
 * wider than it, then goes back to the desktop.
 */
async function onPhone(p: Page, name: string, focus?: Locator): Promise<void> {
  const desktop = p.viewportSize()!;
  await p.setViewportSize(PHONE);
  try {
    await focus?.scrollIntoViewIfNeeded();
    expect(await overflow(p), `${name}: nothing wider than a 390 px phone`).toBeLessThanOrEqual(0);
    await screenshot(p, name, false);
  } finally {
    await p.setViewportSize(desktop);
  }
}

async function confirmAndWait(p: Page, dialog: Locator): Promise<{ status: string; text: string }> {
  const notice = await settledNotice(p, () => dialog.locator("[data-test=confirm]").click());
  expect(notice.status, notice.text).toBe("confirmed");
  await dialog.waitFor({ state: "detached" });
  return notice;
}

/* ----------------------------------- tests ----------------------------------- */

describe("locks, dev accounts #20 and #21", () => {
  // About $27,000 of WBTC/WETH LP (whose LP is worth some $2.7 billion a whole token).
  const AMOUNT = "0.00001";
  const amount = parseEther(AMOUNT);

  test("1. the stake dialog offers no lock and each tier: boost, duration, your APR, unlock block and date, penalty terms", async () => {
    const terms = await lockTerms();
    expect(terms.durations.length, "the local world offers lock tiers").toBeGreaterThan(0);
    expect(await balanceOf(world, lpToken, user)).toBeGreaterThan(amount);
    await pool.locator("[data-test=stake]").click();
    const dialog = page.locator("[data-test=stake-dialog]");
    await dialog.locator("[data-test=amount]").fill(AMOUNT);
    const options = dialog.locator("[data-test=lock-selector]");
    await options.waitFor();

    // Figures that move with the pool (APRs) and the block (ends, dates): read in one go, then
    // matched with the chain at the block they were worked out for.
    const rows = await Promise.all(terms.durations.map(async (_, i) => {
      const row = options.locator(`[data-test=lock-option-${i}]`);
      return {
        boost: await row.locator("[data-test=lock-boost]").innerText(),
        duration: await row.locator("[data-test=lock-duration]").innerText(),
        apr: await row.locator("[data-test=lock-apr]").innerText(),
        end: BigInt((await row.locator("[data-test=lock-end]").innerText()).replaceAll(",", "")),
        last: BigInt((await row.locator("[data-test=lock-last-block]").innerText()).replaceAll(",", "")),
        date: Date.parse((await row.locator("[data-test=lock-date]").getAttribute("datetime"))!) / 1000,
        rate: await row.locator("[data-test=lock-penalty-rate]").innerText(),
      };
    }));
    const noLockApr = await options.locator("[data-test=lock-option-none] [data-test=lock-apr]").innerText();

    // The block the dialog worked from: every tier ends at (that block + 1 + its duration) rounded
    // up to an epoch, and its date is that block's timestamp plus the blocks between at 2 s.
    const blockSeconds = world.deployment.blockSeconds!;
    let seen: bigint | undefined;
    for (const b of await recentBlocks(6)) {
      const ends = terms.durations.map((d) => roundUp(b + 1n + d, terms.epochBlocks));
      if (ends.every((end, i) => end === rows[i].end)) {
        const ts = await timestampOf(b);
        if (rows.every((r) => r.date === ts + Number(r.end - b) * blockSeconds)) seen = b;
        if (seen !== undefined) break;
      }
    }
    expect(seen, `the ends and dates shown (${rows.map((r) => `${r.end} at ${r.date}`).join(", ")}) are those of a recent block`).toBeDefined();

    const f = await poolFigures(world, pid, user);
    const shares = await totalShares();
    for (const [i, row] of rows.entries()) {
      const d = terms.durations[i];
      expect(row.boost).toBe(boostText(terms.boosts[i]));
      expect(row.duration).toContain(`${d.toLocaleString("en-US")} ${d === 1n ? "block" : "blocks"}`);
      expect(row.end % terms.epochBlocks, "ends fall on epoch boundaries").toBe(0n);
      expect(row.last, "the last block that keeps the end").toBe(row.end - d);
      expect(row.rate).toBe(`${(Number(terms.penaltyBps) / 100).toFixed(2)}%`);
      // Your APR: the lock's weight joins the pool's, its share of the pool's yearly reward over its LP's value, plus fees.
      const weight = (amount * terms.boosts[i]) / BPS;
      const rewardApr = (f.yearlyRewardUsd * (Number(weight) / Number(shares + weight))) / (whole(amount) * f.lpPrice);
      expectPercent(`tier ${i} your APR`, row.apr, rewardApr + f.feeApr);
    }
    expectPercent("no lock, your APR", noLockApr, (f.yearlyRewardUsd * (Number(amount) / Number(shares + amount))) / (whole(amount) * f.lpPrice) + f.feeApr);

    // The chosen tier's early-exit terms: the whole rate of the lock right after locking, to the recipient.
    await options.locator("[data-test=lock-option-0] input").check();
    const penaltyShown = await readAmount(options.locator("[data-test=lock-penalty-lp]"));
    expect(isCutToSignificant(ceilDiv(amount * terms.penaltyBps, BPS), penaltyShown), `penalty at the start ${penaltyShown}`).toBe(true);
    expect(isAddressEqual((await options.locator("[data-test=lock-recipient]").getAttribute("title"))! as Address, terms.recipient)).toBe(true);
    expect(await dialog.locator("[data-test=confirm]").innerText()).toBe("Lock");

    await screenshot(page, "locks-1-selector", false);
    await onPhone(page, "locks-1-selector-phone");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
  });

  test("2. locking signs a permit and sends lockWithPermit; the chain's lock has the tier's boost and the end shown", async () => {
    const terms = await lockTerms();
    // The second longest: the shorter tiers would shorten it, the longest would not.
    const tier = Math.max(0, terms.durations.length - 2);
    await pool.locator("[data-test=stake]").click();
    const dialog = page.locator("[data-test=stake-dialog]");
    await dialog.locator("[data-test=amount]").fill(AMOUNT);
    const row = dialog.locator(`[data-test=lock-option-${tier}]`);
    await row.locator("input").check();
    const shownEnd = BigInt((await row.locator("[data-test=lock-end]").innerText()).replaceAll(",", ""));
    const shownLast = BigInt((await row.locator("[data-test=lock-last-block]").innerText()).replaceAll(",", ""));
    const call = await onlyFarmCallDuring(world, user, () => confirmAndWait(page, dialog).then(() => undefined));

    expect(call.functionName).toBe("lockWithPermit");
    expect(call.args.slice(0, 4)).toEqual([BigInt(pid), amount, BigInt(tier), await world.client.readContract({ ...farm(), functionName: "lockTermsVersion" })]);
    const mined = call.receipt.blockNumber;
    const lock = await lockInfo(user, mined);
    expect(lock.amount).toBe(amount);
    expect(lock.boostBps).toBe(terms.boosts[tier]);
    expect(lock.startBlock).toBe(mined);
    expect(lock.endBlock).toBe(roundUp(mined + terms.durations[tier], terms.epochBlocks));
    if (mined <= shownLast) expect(lock.endBlock, "landed by the last block shown: the end shown").toBe(shownEnd);
    expect([lock.penaltyBps, lock.penaltyRecipient]).toEqual([terms.penaltyBps, terms.recipient]);

    // The card: locked LP, boost, end and the blocks left, as the chain has them.
    const row_ = pool.locator("[data-test=lock]");
    await expect.poll(() => row_.getAttribute("data-lock-state"), { timeout: UI_TIMEOUT }).toBe("locked");
    expect(isCutToSignificant(amount, await readAmount(row_.locator("[data-test=locked-lp]")))).toBe(true);
    expect(await row_.locator("[data-test=lock-boost]").innerText()).toBe(boostText(lock.boostBps));
    expect(await row_.locator("[data-test=lock-end]").innerText()).toBe(lock.endBlock.toLocaleString("en-US"));
    const left = BigInt(/^([\d,]+) blocks? left/.exec(await row_.locator("[data-test=lock-countdown]").innerText())![1].replaceAll(",", ""));
    expect((await recentBlocks(6)).map((b) => lock.endBlock - b), "blocks left from a recent block").toContain(left);
    // Unstake offers only what is outside the lock: nothing here.
    expect(await pool.locator("[data-test=unstake]").isDisabled()).toBe(true);
    expect(await stakedOf(world, pid, user)).toBe(amount);

    // The pool's reward APR is per weight now: the lock's boost leaves an unlocked LP less than
    // emission ÷ TVL, by more than the figure's rounding. Your APR: the position's weight.
    const f = await poolFigures(world, pid, user);
    const shares = await totalShares();
    const [, , totalStaked] = await world.client.readContract({ ...farm(), functionName: "poolInfo", args: [BigInt(pid)] });
    expect(shares, "the lock's boost adds weight").toBe(totalStaked + (amount * lock.boostBps) / BPS - amount);
    const perWeight = f.yearlyRewardUsd / (whole(shares) * f.lpPrice);
    expect((f.yearlyRewardUsd / f.stakedUsd - perWeight) * 100, "per weight and per LP differ visibly").toBeGreaterThan(0.01);
    await expect.poll(async () => Math.abs(Number((await pool.locator("[data-test=reward-apr]").innerText()).replace(/[,%]/g, "")) - perWeight * 100), { timeout: UI_TIMEOUT }).toBeLessThanOrEqual(0.005 + perWeight * 1e-6);
    const weight = (amount * lock.boostBps) / BPS;
    expectPercent("your APR", await pool.locator("[data-test=your-apr]").innerText(), (f.yearlyRewardUsd * (Number(weight) / Number(shares))) / (whole(amount) * f.lpPrice) + f.feeApr);
    await screenshot(page, "locks-2-card-locked");
    await onPhone(page, "locks-2-card-locked-phone", row_);
  });

  test("3. a running lock: a tier that would end it sooner is refused in a sentence; an extension and a top-up restart the whole lock", async () => {
    const terms = await lockTerms();
    const tier = Math.max(0, terms.durations.length - 2); // the tier test 2 locked for
    const before = await lockInfo(user);
    await pool.locator("[data-test=extend]").click();
    const dialog = page.locator("[data-test=stake-dialog]");
    await dialog.locator("[data-test=lock-rules]").waitFor();
    expect(await dialog.locator("[data-test=lock-rules]").innerText()).toMatch(/restarts the whole lock/);

    // Each tier that would end the lock before its end is disabled with the reason.
    const head = await world.client.getBlockNumber();
    let refused = 0;
    for (const [i, d] of terms.durations.entries()) {
      const row = dialog.locator(`[data-test=lock-option-${i}]`);
      const end = BigInt((await row.locator("[data-test=lock-end]").innerText()).replaceAll(",", ""));
      const shortens = end < before.endBlock;
      expect(await row.locator("input").isDisabled(), `tier ${i} disabled`).toBe(shortens);
      if (shortens) {
        refused += 1;
        expect(end, `tier ${i} ends where the chain says it would`).toBeLessThanOrEqual(roundUp(head + 1n + d, terms.epochBlocks));
        expect(await row.locator("[data-test=lock-blocked]").innerText()).toBe(
          `It would end at block ${end.toLocaleString("en-US")}, before your lock's end at block ${before.endBlock.toLocaleString("en-US")}: a lock's end never moves earlier.`,
        );
      }
    }
    if (terms.durations.length > 1) expect(refused, "a shorter tier would shorten a lock just made at the longest").toBeGreaterThan(0);
    await screenshot(page, "locks-3-extend", false);
    await onPhone(page, "locks-3-extend-phone");

    // Extension: nothing typed, the longest tier: lock(pid, 0, tier).
    await dialog.locator(`[data-test=lock-option-${tier}] input`).check();
    expect(await dialog.locator("[data-test=confirm]").innerText()).toBe("Extend lock");
    const extended = await onlyFarmCallDuring(world, user, () => confirmAndWait(page, dialog).then(() => undefined));
    expect(extended.functionName).toBe("lock");
    // The lock names the terms version the page checked: the chain's own.
    const version = await world.client.readContract({ ...farm(), functionName: "lockTermsVersion" });
    expect(extended.args).toEqual([BigInt(pid), 0n, BigInt(tier), version]);
    const afterExtension = await lockInfo(user, extended.receipt.blockNumber);
    expect(afterExtension.amount).toBe(before.amount);
    expect(afterExtension.startBlock).toBe(extended.receipt.blockNumber);
    expect(afterExtension.endBlock).toBe(roundUp(extended.receipt.blockNumber + terms.durations[tier], terms.epochBlocks));
    expect(afterExtension.endBlock).toBeGreaterThanOrEqual(before.endBlock);

    // Top-up: more LP into the same lock, restarted for the tier.
    await pool.locator("[data-test=extend]").click();
    await dialog.locator("[data-test=amount]").fill(AMOUNT);
    await dialog.locator(`[data-test=lock-option-${tier}] input`).check();
    expect(await dialog.locator("[data-test=confirm]").innerText()).toBe("Lock");
    const toppedUp = await onlyFarmCallDuring(world, user, () => confirmAndWait(page, dialog).then(() => undefined));
    expect(["lock", "lockWithPermit"]).toContain(toppedUp.functionName);
    expect(toppedUp.args.slice(0, 3)).toEqual([BigInt(pid), amount, BigInt(tier)]);
    const afterTopUp = await lockInfo(user, toppedUp.receipt.blockNumber);
    expect(afterTopUp.amount).toBe(before.amount + amount);
    expect(afterTopUp.boostBps).toBe(terms.boosts[tier]);
    expect(afterTopUp.endBlock).toBe(roundUp(toppedUp.receipt.blockNumber + terms.durations[tier], terms.epochBlocks));
    await expect.poll(async () => isCutToSignificant(afterTopUp.amount, await readAmount(pool.locator("[data-test=locked-lp]"))), { timeout: UI_TIMEOUT }).toBe(true);
  });

  test("4. the card counts down to the unlock block, then says unlocked; the whole stake can then be unstaked", async () => {
    const lock = await lockInfo(user);
    const head = await world.client.getBlockNumber();
    // Mined at once to two blocks before the end: the card then counts the last blocks down.
    if (lock.endBlock - head > 2n) await node.mine({ blocks: Number(lock.endBlock - head - 2n) });
    const row = pool.locator("[data-test=lock]");
    await expect.poll(async () => (await row.locator("[data-test=lock-countdown]").innerText().catch(() => "")), { timeout: UI_TIMEOUT }).toMatch(/^[12] blocks? left/);
    await expect.poll(() => row.getAttribute("data-lock-state"), { timeout: UI_TIMEOUT }).toBe("unlocked");
    expect(await world.client.getBlockNumber()).toBeGreaterThanOrEqual(lock.endBlock);
    expect(await row.locator("[data-test=lock-unlocked]").innerText()).toContain(`ended at block ${lock.endBlock.toLocaleString("en-US")}`);
    await screenshot(page, "locks-4-unlocked");
    await onPhone(page, "locks-4-unlocked-phone", row);

    // Its LP leaves without penalty: Unstake offers all of it.
    const staked = await stakedOf(world, pid, user);
    await pool.locator("[data-test=unstake]").click();
    const dialog = page.locator("[data-test=unstake-dialog]");
    expect(isCutToSignificant(staked, await readAmount(dialog.locator("[data-test=dialog-balance]")))).toBe(true);
    await dialog.locator("[data-test=max]").click();
    const walletBefore = await balanceOf(world, lpToken, user);
    const call = await onlyFarmCallDuring(world, user, () => confirmAndWait(page, dialog).then(() => undefined));
    expect(call.functionName).toBe("withdraw");
    expect(call.args).toEqual([BigInt(pid), staked]);
    expect(await stakedOf(world, pid, user)).toBe(0n);
    expect(await balanceOf(world, lpToken, user)).toBe(walletBefore + staked);
    expect((await lockInfo(user)).amount).toBe(0n);
  });

  test("5. leaving a lock early (#21): the penalty in LP and USD, what comes back, the recipient, rewards untouched; exitLock pays as the farm counts", async () => {
    const terms = await lockTerms();
    const leaverAccount = await devAccount(LEAVER);
    const leaver = leaverAccount.address;
    await provideLp(leaver);
    // Locked from the chain directly (the dialog was tested above): approve, then the longest tier.
    const wallet = nodeWallet(leaver);
    const approve = await wallet.writeContract({ address: lpToken, abi: erc20Abi, functionName: "approve", args: [world.deployment.farm as Address, amount], chain: null });
    await world.client.waitForTransactionReceipt({ hash: approve });
    const tier = terms.durations.length - 1;
    const version = await world.client.readContract({ ...farm(), functionName: "lockTermsVersion" });
    const locked = await wallet.writeContract({ ...farm(), functionName: "lock", args: [BigInt(pid), amount, BigInt(tier), version], chain: null });
    expect((await world.client.waitForTransactionReceipt({ hash: locked })).status).toBe("success");
    await node.mine({ blocks: 3 }); // the lock earns for a few blocks before it is left

    const { page: leaverPage, pool: card } = await farmsPageAs("Leaver Wallet", leaverAccount);
    try {
      await card.locator("[data-test=lock][data-lock-state=locked]").waitFor();
      await card.locator("[data-test=exit]").click();
      const dialog = leaverPage.locator("[data-test=exit-dialog]");
      await dialog.waitFor();

      const lock = await lockInfo(leaver);
      const penaltyShown = await readAmount(dialog.locator("[data-test=exit-penalty-lp]"));
      const returnedShown = await readAmount(dialog.locator("[data-test=exit-returned-lp]"));
      // The farm's own figure at a recent block, and the formula at that block, agree with what is shown.
      const candidates = await Promise.all((await recentBlocks(6)).map(async (b) => ({
        b,
        farm: await world.client.readContract({ ...farm(b), functionName: "earlyExitPenaltyOf", args: [BigInt(pid), leaver] }),
        formula: ceilDiv(lock.amount * lock.penaltyBps * (lock.endBlock - b), BPS * (lock.endBlock - lock.startBlock)),
      })));
      const at = candidates.find((c) => isCutToSignificant(c.farm, penaltyShown) && isCutToSignificant(lock.amount - c.farm, returnedShown));
      expect(at, `penalty ${penaltyShown} and return ${returnedShown} are the farm's at a recent block: ${candidates.map((c) => `${c.b}: ${c.farm}`).join(", ")}`).toBeDefined();
      expect(at!.farm, "the farm counts as IFarmLocks says").toBe(at!.formula);
      expect(at!.farm).toBeGreaterThan(0n);
      const f = await poolFigures(world, pid, leaver);
      const usd = parseUsd(await dialog.locator("[data-test=exit-penalty-usd]").innerText());
      expect(Math.abs(usd - whole(at!.farm) * f.lpPrice)).toBeLessThanOrEqual(0.005 + whole(at!.farm) * f.lpPrice * 1e-6);
      expect(isAddressEqual((await dialog.locator("[data-test=exit-recipient]").getAttribute("title"))! as Address, lock.penaltyRecipient)).toBe(true);
      expect(await dialog.locator("[data-test=exit-rewards]").innerText()).toMatch(/Your rewards are not touched/);
      await screenshot(leaverPage, "locks-5-exit-dialog", false);
      await onPhone(leaverPage, "locks-5-exit-dialog-phone");

      const recipientBefore = await balanceOf(world, lpToken, lock.penaltyRecipient);
      const walletBefore = await balanceOf(world, lpToken, leaver);
      const rewardBefore = await balanceOf(world, world.deployment.rewardToken as Address, leaver);
      const call = await onlyFarmCallDuring(world, leaver, () => confirmAndWait(leaverPage, dialog).then(() => undefined));
      expect(call.functionName).toBe("exitLock");
      expect(call.args).toEqual([BigInt(pid)]);
      const mined = call.receipt.blockNumber;
      const [exited] = parseEventLogs({ abi: farmAbi, logs: call.receipt.logs, eventName: "LockExited" });
      const expectedPenalty = ceilDiv(lock.amount * lock.penaltyBps * (lock.endBlock - mined), BPS * (lock.endBlock - lock.startBlock));
      expect(exited.args.penalty, "the penalty of the block it landed in").toBe(expectedPenalty);
      expect(exited.args.penalty, "no more than shown").toBeLessThanOrEqual(at!.farm);
      expect(exited.args.returned).toBe(lock.amount - expectedPenalty);
      expect(await balanceOf(world, lpToken, lock.penaltyRecipient)).toBe(recipientBefore + expectedPenalty);
      expect(await balanceOf(world, lpToken, leaver)).toBe(walletBefore + lock.amount - expectedPenalty);
      // Rewards untouched: what the lock earned up to the exit was minted to the leaver beside it
      // (as a withdrawal pays, the mint's Transfer records it): pendingReward of the block before,
      // and the exit block's own share on top.
      const minted = parseEventLogs({ abi: erc20Abi, logs: call.receipt.logs, eventName: "Transfer" })
        .filter((e) => isAddressEqual(e.address, world.deployment.rewardToken as Address) && isAddressEqual(e.args.to, leaver))
        .reduce((sum, e) => sum + e.args.value, 0n);
      const pendingBefore = await world.client.readContract({ ...farm(mined - 1n), functionName: "pendingReward", args: [BigInt(pid), leaver] });
      expect(pendingBefore).toBeGreaterThan(0n);
      expect(minted).toBeGreaterThan(pendingBefore);
      expect(await balanceOf(world, world.deployment.rewardToken as Address, leaver)).toBe(rewardBefore + minted);
      await card.locator("[data-test=lock]").waitFor({ state: "detached", timeout: UI_TIMEOUT });
    } finally {
      await leaverPage.close();
    }
  });

  test("6. terms changed by the owner after the dialog showed them: nothing is sent, and the notice says why", async () => {
    const terms = await lockTerms();
    // The page's reads are held at what it last saw (answered from the last lens answer), as on a
    // slow connection: the dialog keeps showing the old terms while the owner changes them.
    const LENS = "0x00000000000000000000000000000000fa2a1e25";
    let held = false;
    let last: { result?: unknown } | undefined;
    await page.route("**/rpc", async (route) => {
      const body = route.request().postDataJSON() as { id: number; method: string; params?: { to?: string }[] };
      if (body.method !== "eth_call" || body.params?.[0]?.to?.toLowerCase() !== LENS) return route.continue();
      if (held && last) return route.fulfill({ json: { ...last, id: body.id } });
      const response = await route.fetch();
      last = (await response.json()) as { result?: unknown };
      return route.fulfill({ response, json: last });
    });
    try {
      await pool.locator("[data-test=stake]").click();
      const dialog = page.locator("[data-test=stake-dialog]");
      await dialog.locator("[data-test=amount]").fill(AMOUNT);
      await dialog.locator("[data-test=lock-option-0] input").check();
      await expect.poll(() => last !== undefined, { timeout: UI_TIMEOUT }).toBe(true);
      held = true;
      // The owner (dev account #0) raises the penalty; the file's revert takes it back.
      const raised = terms.penaltyBps + 100n;
      const set = await nodeWallet(world.accounts[0]).writeContract({ ...farm(), functionName: "setEarlyExitPenalty", args: [raised, terms.recipient], chain: null });
      expect((await world.client.waitForTransactionReceipt({ hash: set })).status).toBe("success");
      expect(await dialog.locator("[data-test=lock-option-0] [data-test=lock-penalty-rate]").innerText(), "the dialog still shows the old rate").toBe(`${(Number(terms.penaltyBps) / 100).toFixed(2)}%`);
      const sentBefore = await world.client.getTransactionCount({ address: user, blockTag: "pending" });
      const staked = await stakedOf(world, pid, user);

      const notice = await settledNotice(page, () => dialog.locator("[data-test=confirm]").click());
      expect(notice.status).toBe("failed");
      expect(notice.text).toContain("The farm's lock terms changed since this dialog showed them. Check the new terms and confirm again.");
      expect(await world.client.getTransactionCount({ address: user, blockTag: "pending" }), "nothing sent").toBe(sentBefore);
      expect(await stakedOf(world, pid, user)).toBe(staked);

      // Reads flow again: the dialog, still open, shows the new rate.
      held = false;
      await expect.poll(() => dialog.locator("[data-test=lock-option-0] [data-test=lock-penalty-rate]").innerText(), { timeout: UI_TIMEOUT }).toBe(`${(Number(raised) / 100).toFixed(2)}%`);
      await dialog.getByRole("button", { name: "Cancel" }).click();
    } finally {
      await page.unroute("**/rpc");
    }
  });
});

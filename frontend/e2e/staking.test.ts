/**
 * Staking and unstaking through the dialog, as dev account #1 in the DAI/WETH pool, checked on
 * chain: the stake moves by exactly the typed amount, in exactly one transaction that calls the
 * function the issue names (depositWithPermit: no separate approve), and the page follows
 * without a reload. Bad amounts are refused with their reason and send nothing.
 */
import { type Address, parseEther } from "viem";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { uniswapV2PairAbi } from "../src/chain/abis.generated";
import { expectConfirmed, type FarmsChain, isCutToSignificant, openFarmsAs, readAmount, screenshot } from "./browser";
import { type FarmCall, balanceOf, nodeWallet, nonceOf, onlyFarmCallDuring, stakedOf, type World } from "./chain";

const ACCOUNT = 1;

let browser: Browser;
let page: Page;
let world: World;
let user: Address;
let pid: number;
let lpToken: Address;
let pool: Locator;

beforeAll(async () => {
  ({ world, user, pid, lpToken, browser, page, pool } = await openFarmsAs(ACCOUNT, "DAI", "WETH", { before: revokeAllowance }));
});

/**
 * The world approved the farm for every pair, and with an allowance the app rightly skips the
 * permit. Taken back before the page first reads the chain, as for a first-time staker.
 */
async function revokeAllowance(chain: FarmsChain): Promise<void> {
  const approve = { address: chain.lpToken, abi: uniswapV2PairAbi, functionName: "approve", chain: null } as const;
  const reset = await nodeWallet(chain.user).writeContract({ ...approve, args: [chain.world.deployment.farm as Address, 0n] });
  expect((await chain.world.client.waitForTransactionReceipt({ hash: reset })).status).toBe("success");
}

afterAll(async () => {
  await browser?.close();
});

/** The stake change a mined call made: the account's stake at its block minus the block before. */
async function stakeChangeAt(call: FarmCall): Promise<bigint> {
  const block = call.receipt.blockNumber;
  return (await stakedOf(world, pid, user, block)) - (await stakedOf(world, pid, user, block - 1n));
}

/** Waits for the page's staked figure to show the chain's stake (cut to 6 significant digits). */
async function expectStakedShown(expected: bigint): Promise<void> {
  const shown = () => readAmount(pool.locator("[data-test=staked-lp]"));
  await expect.poll(async () => isCutToSignificant(expected, await shown()), { timeout: 10_000 }).toBe(true);
}

/** Confirms the dialog; it closes by itself once the transaction is mined. */
async function confirmAndWait(dialog: Locator): Promise<void> {
  await expectConfirmed(page, () => dialog.locator("[data-test=confirm]").click());
  await dialog.waitFor({ state: "detached" });
}

describe("stake and unstake, dev account #1", () => {
  test("staking signs a permit and deposits in one depositWithPermit transaction", async () => {
    const typed = "1.5";
    const amount = parseEther(typed);
    expect(await balanceOf(world, lpToken, user)).toBeGreaterThan(amount);
    const stakedBefore = await stakedOf(world, pid, user);
    const shownBefore = await pool.locator("[data-test=staked-lp]").innerText();

    await pool.locator("[data-test=stake]").click();
    const dialog = page.locator("[data-test=stake-dialog]");
    await dialog.locator("[data-test=amount]").fill(typed);
    await screenshot(page, "stake-dialog", false);
    const call = await onlyFarmCallDuring(world, user, () => confirmAndWait(dialog));

    expect(call.functionName).toBe("depositWithPermit");
    expect(call.args.slice(0, 2)).toEqual([BigInt(pid), amount]);
    expect(await stakeChangeAt(call)).toBe(amount);
    expect(await stakedOf(world, pid, user)).toBe(stakedBefore + amount);
    // The permit was spent by the deposit: no allowance was left behind.
    expect(await world.client.readContract({ address: lpToken, abi: uniswapV2PairAbi, functionName: "allowance", args: [user, world.deployment.farm as Address] })).toBe(0n);

    // The page follows the chain, with no reload.
    await expectStakedShown(stakedBefore + amount);
    expect(await pool.locator("[data-test=staked-lp]").innerText()).not.toBe(shownBefore);
  });

  test("unstaking part of the stake lowers it on chain by exactly the typed amount", async () => {
    const typed = "0.75";
    const amount = parseEther(typed);
    const stakedBefore = await stakedOf(world, pid, user);
    expect(stakedBefore).toBeGreaterThan(amount);

    await pool.locator("[data-test=unstake]").click();
    const dialog = page.locator("[data-test=unstake-dialog]");
    expect(await readAmount(dialog.locator("[data-test=dialog-balance]"))).toBeGreaterThan(0n);
    await dialog.locator("[data-test=amount]").fill(typed);
    const call = await onlyFarmCallDuring(world, user, () => confirmAndWait(dialog));

    expect(call.functionName).toBe("withdraw");
    expect(call.args).toEqual([BigInt(pid), amount]);
    expect(await stakeChangeAt(call)).toBe(-amount);
    expect(await stakedOf(world, pid, user)).toBe(stakedBefore - amount);
    await expectStakedShown(stakedBefore - amount);
  });

  test("bad amounts show their reason, keep Confirm disabled and send nothing", async () => {
    const nonceBefore = await nonceOf(world, user);
    const stakedBefore = await stakedOf(world, pid, user);
    await pool.locator("[data-test=stake]").click();
    const dialog = page.locator("[data-test=stake-dialog]");
    const input = dialog.locator("[data-test=amount]");
    expect(await dialog.locator("[data-test=confirm]").isDisabled(), "confirm before anything is typed").toBe(true);
    const balance = await balanceOf(world, lpToken, user);

    const cases: [string, RegExp][] = [
      ["abc", /Enter a number/],
      ["1.2.3", /Enter a number/],
      ["-1", /Enter a number/],
      ["1e3", /Enter a number/],
      ["1,000", /could mean 1.000 or 1000/],
      [`0.${"0".repeat(18)}1`, /at most 18 digits after the point/], // 19 decimals
      ["0", /above zero/],
      [`${balance / 10n ** 18n + 1n}`, /more than your LP balance/],
    ];
    for (const [typed, reason] of cases) {
      await input.fill(typed);
      const error = dialog.locator("[data-test=amount-error]");
      await expect.poll(() => error.isVisible(), { timeout: 2_000, message: `reason shown for "${typed}"` }).toBe(true);
      expect(await error.innerText(), `reason for "${typed}"`).toMatch(reason);
      expect(await dialog.locator("[data-test=confirm]").isDisabled(), `confirm for "${typed}"`).toBe(true);
      await input.press("Enter"); // submitting the form by keyboard must not send either
    }

    // Typed, then cleared: the field is empty again. Confirm must be off (the reason: next test).
    await input.fill("");
    expect(await dialog.locator("[data-test=confirm]").isDisabled(), "confirm for an emptied field").toBe(true);
    await input.press("Enter");

    // Give a transaction, had one been sent, a block to land in.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await page.locator("[data-test=notice-pending]").count()).toBe(0);
    expect(await nonceOf(world, user)).toBe(nonceBefore);
    expect(await stakedOf(world, pid, user)).toBe(stakedBefore);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
  });

  test("an amount typed and then cleared says what is missing", async () => {
    await pool.locator("[data-test=stake]").click();
    const dialog = page.locator("[data-test=stake-dialog]");
    try {
      await dialog.locator("[data-test=amount]").fill("1");
      await dialog.locator("[data-test=amount]").fill("");
      const error = dialog.locator("[data-test=amount-error]");
      await expect.poll(() => error.isVisible(), { timeout: 2_000, message: "a reason shown for an emptied field" }).toBe(true);
      expect(await error.innerText()).toMatch(/Enter an amount/);
      expect(await dialog.locator("[data-test=confirm]").isDisabled()).toBe(true);
    } finally {
      await dialog.getByRole("button", { name: "Cancel" }).click();
    }
  });
});

/**
 * Zap in and zap out (issue 15) in the DAI/WETH pool, through the real zap, router and pairs:
 *
 * - dev account #10, holding no LP, zaps 1 ETH in from the stake dialog: one zapIn transaction,
 *   the LP staked on chain is the LP the dialog promised (computed here from the reserves of the
 *   block before, never from the app) and at least its minimum, and the wallet gets back the
 *   leftovers it showed;
 * - dev account #11 zaps 1,500 DAI in: the token's permit signed into zapInWithPermit, one transaction;
 *   then 0.5 WETH, which has no permit: an approval of exactly that, then zapIn;
 * - bad amounts: a sentence each, nothing sent;
 * - #10 allows the zap as its farm operator (the one-time step), zaps half out to both tokens,
 *   the rest to ETH; #11 zaps out to DAI; each payout equal to what the dialog showed, at least its
 *   minimum; then #10 revokes the zap from the wallet menu;
 * - a paused farm (paused by the owner, #0, for dev account #14): zap in and compound off with a
 *   sentence, zap out still open; unpaused after.
 *
 * Desktop and 390 px phone screenshots: reports/screenshots/zap-*.
 */
import { type Address, decodeFunctionData, erc20Abi, formatUnits, parseAbi, parseEther, parseEventLogs, type Transaction, type TransactionReceipt, zeroAddress } from "viem";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { farmAbi, farmZapAbi } from "../src/chain/abis.generated";
import { formatTokenAmount } from "../src/lib/format";
import { connectDevAccount, launchBrowser, openApp, readAmount, screenshot, settledNotice, waitForPosition } from "./browser";
import { balanceOf, nodeWallet, nonceOf, openWorld, poolBySymbols, provideLiquidity, stakedOf, transactionsSince, type World } from "./chain";
import { lessSlippage, pairAt, sideOf, zapInto, zapOutOf } from "./zap-math";

const ETH_ZAPPER = 10;
const TOKEN_ZAPPER = 11;
const OWNER = 0;
/** Holds a stake while the farm is paused (the owner, #0, pauses and unpauses). */
const PAUSE_WATCHER = 14;
const PHONE = { width: 390, height: 844 };
/** The dialogs' default slippage (0.5%): the tests never change it. */
const SLIPPAGE_BPS = 50n;

let browser: Browser;
let world: World;
let pid: number;
let lp: Address;
let zap: Address;
let dai: Address;
let weth: Address;
const gas: Record<string, bigint> = {};

beforeAll(async () => {
  world = await openWorld();
  const pool = poolBySymbols(world, "DAI", "WETH");
  pid = pool.pid;
  lp = pool.lpToken as Address;
  zap = world.deployment.zap as Address;
  weth = world.deployment.weth as Address;
  dai = (pool.symbol0 === "DAI" ? pool.token0 : pool.token1) as Address;
  browser = await launchBrowser();
});

afterAll(async () => {
  if (Object.keys(gas).length > 0) console.log(`zap gas used: ${Object.entries(gas).map(([what, used]) => `${what} ${used}`).join(", ")}`);
  await browser?.close();
});

/** The farms page as dev account #`account`, showing its DAI/WETH figures. */
async function pageAs(account: number, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; card: Locator }> {
  const page = await openApp(browser);
  await page.setViewportSize(viewport);
  await connectDevAccount(page, account);
  return { page, card: await waitForPosition(page, pid) };
}

/** The one transaction `from` sent during `action`, to the zap, decoded, with its receipt. */
async function onlyZapCallDuring(from: Address, action: () => Promise<void>) {
  const nonce = await nonceOf(world, from);
  const block = await world.client.getBlockNumber();
  await action();
  expect(await nonceOf(world, from), "transactions sent").toBe(nonce + 1);
  const [sent] = (await transactionsSince(world, from, block)) as [Transaction];
  expect(sent.to?.toLowerCase()).toBe(zap.toLowerCase());
  const receipt = await world.client.getTransactionReceipt({ hash: sent.hash });
  expect(receipt.status).toBe("success");
  return { ...decodeFunctionData({ abi: farmZapAbi, data: sent.input }), receipt };
}

const paidGas = (receipt: TransactionReceipt) => receipt.gasUsed * receipt.effectiveGasPrice;

/** A figure's exact amount (data-wei), after checking its text is that amount cut to 6 significant digits. */
async function promised(locator: Locator, decimals = 18): Promise<bigint> {
  const exact = BigInt((await locator.getAttribute("data-wei"))!);
  const shown = await readAmount(locator, decimals);
  expect(shown).toBeLessThanOrEqual(exact);
  expect(exact - shown).toBeLessThanOrEqual(exact / 100_000n);
  return exact;
}

/** No horizontal scroll at a phone's width. */
async function fitsPhone(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

describe("zap in", () => {
  test("from ETH, with no LP: the stake button opens the zap, one zapIn stakes exactly the LP promised and returns the leftovers shown", async () => {
    const user = world.accounts[ETH_ZAPPER];
    expect(await balanceOf(world, lp, user), "#10 holds no DAI/WETH LP").toBe(0n);
    const { page, card } = await pageAs(ETH_ZAPPER);
    await card.locator("[data-test=stake]").click();
    const dialog = page.locator("[data-test=zap-in-dialog]");
    await dialog.locator("[data-test=zap-from-ETH]").click();
    await dialog.locator("[data-test=zap-in-amount] [data-test=amount]").fill("1");
    const quote = dialog.locator("[data-test=zap-in-quote]");
    await quote.waitFor();
    const shownLp = await promised(quote.locator("[data-test=zap-lp]"));
    const shownMin = await promised(quote.locator("[data-test=zap-min-lp]"));
    expect(shownMin).toBe(lessSlippage(shownLp, SLIPPAGE_BPS));
    const impact = await quote.locator("[data-test=zap-impact]").innerText();
    const leftoversText = await quote.locator("[data-test=zap-leftovers]").innerText();
    await screenshot(page, "zap-in-eth-desktop", false);

    const ethBefore = await world.client.getBalance({ address: user });
    const daiBefore = await balanceOf(world, dai, user);
    const stakedBefore = await stakedOf(world, pid, user);
    let notice = { status: "", text: "" };
    const call = await onlyZapCallDuring(user, async () => {
      notice = await settledNotice(page, () => dialog.locator("[data-test=zap-in-confirm]").click());
    });
    expect(notice.status, notice.text).toBe("confirmed");
    expect(call.functionName).toBe("zapIn");
    expect(call.args).toEqual([BigInt(pid), "0x0000000000000000000000000000000000000000", parseEther("1"), shownMin, expect.any(BigInt)]);
    gas.zapInEth = call.receipt.gasUsed;

    // Independently: the pair at the block before, a zap of 1 WETH into it.
    const pair = await pairAt(world, lp, call.receipt.blockNumber - 1n);
    const expected = zapInto(pair, sideOf(pair, weth), parseEther("1"));
    const staked = (await stakedOf(world, pid, user)) - stakedBefore;
    expect(staked).toBe(expected.lp);
    expect(staked).toBe(shownLp); // nobody traded in between: the promise held to the wei
    expect(staked).toBeGreaterThanOrEqual(shownMin);
    // The leftovers: WETH back as ETH, DAI as DAI, as shown.
    const [wethLeft, daiLeft] = [expected.leftovers[sideOf(pair, weth)], expected.leftovers[sideOf(pair, dai)]];
    expect(ethBefore - (await world.client.getBalance({ address: user })) - paidGas(call.receipt)).toBe(parseEther("1") - wethLeft);
    expect((await balanceOf(world, dai, user)) - daiBefore).toBe(daiLeft);
    if (wethLeft === 0n && daiLeft === 0n) expect(leftoversText).toBe("nothing");
    if (daiLeft > 0n) expect(leftoversText).toContain(`${formatUnits(daiLeft, 18)} DAI`);
    expect(impact).toMatch(/^\d+\.\d\d% \+ 0\.3% pool fee$/);
    expect(notice.text).toMatch(/Zapped 1 ETH \(\$[\d,.]+\) into [\d.]+ DAI\/WETH LP \(\$[\d,.]+\), staked\./);
    await dialog.waitFor({ state: "detached" });
    await page.close();
  });

  test("from DAI: the token's permit signed into one zapInWithPermit", async () => {
    const user = world.accounts[TOKEN_ZAPPER];
    const mint = parseAbi(["function mint(address to, uint256 amount)"]);
    const hash = await nodeWallet(user).writeContract({ address: dai, abi: mint, functionName: "mint", args: [user, parseEther("3000")], chain: null });
    expect((await world.client.waitForTransactionReceipt({ hash })).status).toBe("success");
    expect(await world.client.readContract({ address: dai, abi: erc20Abi, functionName: "allowance", args: [user, zap] })).toBe(0n);

    const { page, card } = await pageAs(TOKEN_ZAPPER);
    await card.locator("[data-test=stake]").click();
    const dialog = page.locator("[data-test=zap-in-dialog]");
    await dialog.locator("[data-test=zap-from-DAI]").click();
    await dialog.locator("[data-test=zap-in-amount] [data-test=amount]").fill("1500");
    const quote = dialog.locator("[data-test=zap-in-quote]");
    await quote.waitFor();
    const shownLp = await promised(quote.locator("[data-test=zap-lp]"));
    const shownMin = await promised(quote.locator("[data-test=zap-min-lp]"));

    const daiBefore = await balanceOf(world, dai, user);
    const wethBefore = await balanceOf(world, weth, user);
    const stakedBefore = await stakedOf(world, pid, user);
    let notice = { status: "", text: "" };
    const call = await onlyZapCallDuring(user, async () => {
      notice = await settledNotice(page, () => dialog.locator("[data-test=zap-in-confirm]").click());
    });
    expect(notice.status, notice.text).toBe("confirmed");
    expect(call.functionName).toBe("zapInWithPermit");
    gas.zapInTokenWithPermit = call.receipt.gasUsed;

    const pair = await pairAt(world, lp, call.receipt.blockNumber - 1n);
    const expected = zapInto(pair, sideOf(pair, dai), parseEther("1500"));
    const staked = (await stakedOf(world, pid, user)) - stakedBefore;
    expect(staked).toBe(expected.lp);
    expect(staked).toBe(shownLp);
    expect(staked).toBeGreaterThanOrEqual(shownMin);
    expect((await balanceOf(world, dai, user)) - (daiBefore - parseEther("1500"))).toBe(expected.leftovers[sideOf(pair, dai)]);
    expect((await balanceOf(world, weth, user)) - wethBefore).toBe(expected.leftovers[sideOf(pair, weth)]);
    expect(notice.text).toMatch(/Zapped 1,500 DAI \(\$[\d,.]+\) into [\d.]+ DAI\/WETH LP/);
    // The permit was spent: no allowance left behind.
    expect(await world.client.readContract({ address: dai, abi: erc20Abi, functionName: "allowance", args: [user, zap] })).toBe(0n);
    await page.close();
  });

  test("from WETH, which has no permit: approved for exactly the amount, then zapIn", async () => {
    const user = world.accounts[TOKEN_ZAPPER];
    const wrap = parseAbi(["function deposit() payable"]);
    const hash = await nodeWallet(user).writeContract({ address: weth, abi: wrap, functionName: "deposit", value: parseEther("0.5"), chain: null });
    expect((await world.client.waitForTransactionReceipt({ hash })).status).toBe("success");
    const { page, card } = await pageAs(TOKEN_ZAPPER);
    await card.locator("[data-test=stake]").click();
    const dialog = page.locator("[data-test=zap-in-dialog]");
    await dialog.locator("[data-test=zap-from-WETH]").click();
    await dialog.locator("[data-test=zap-in-amount] [data-test=amount]").fill("0.5");
    const quote = dialog.locator("[data-test=zap-in-quote]");
    await quote.waitFor();
    const shownLp = await promised(quote.locator("[data-test=zap-lp]"));
    const stakedBefore = await stakedOf(world, pid, user);
    const nonce = await nonceOf(world, user);
    const block = await world.client.getBlockNumber();
    const settled = page.locator("[data-test=notice-confirmed]", { hasText: "Zap 0.5 WETH into DAI/WETH" });
    await dialog.locator("[data-test=zap-in-confirm]").click();
    await settled.waitFor({ timeout: 30_000 });
    expect(await nonceOf(world, user), "an approval and the zap").toBe(nonce + 2);
    const [approve, zapped] = await transactionsSince(world, user, block);
    expect(approve.to?.toLowerCase()).toBe(weth.toLowerCase());
    expect(decodeFunctionData({ abi: erc20Abi, data: approve.input })).toMatchObject({ functionName: "approve", args: [expect.stringMatching(new RegExp(zap.slice(2), "i")), parseEther("0.5")] });
    expect(decodeFunctionData({ abi: farmZapAbi, data: zapped.input }).functionName).toBe("zapIn");
    const receipt = await world.client.getTransactionReceipt({ hash: zapped.hash });
    const pair = await pairAt(world, lp, receipt.blockNumber - 1n);
    const staked = (await stakedOf(world, pid, user)) - stakedBefore;
    expect(staked).toBe(zapInto(pair, sideOf(pair, weth), parseEther("0.5")).lp);
    expect(staked).toBe(shownLp);
    await page.close();
  });

  test("bad amounts: a sentence each, Zap off, nothing sent; a 390 px phone fits", async () => {
    const user = world.accounts[TOKEN_ZAPPER];
    const { page, card } = await pageAs(TOKEN_ZAPPER, PHONE);
    const nonce = await nonceOf(world, user);
    await card.locator("[data-test=stake]").click(); // #11 staked all its LP: the zap opens at once
    const dialog = page.locator("[data-test=zap-in-dialog]");
    await dialog.locator("[data-test=zap-from-DAI]").click();
    const input = dialog.locator("[data-test=zap-in-amount] [data-test=amount]");
    const error = dialog.locator("[data-test=zap-in-amount] [data-test=amount-error]");
    const balance = await balanceOf(world, dai, user);
    for (const [typed, reason] of [
      ["0", /^Enter an amount above zero\.$/],
      ["abc", /^Enter a number, like 1\.5\.$/],
      [`${balance / 10n ** 18n + 1n}`, /^That is more than your DAI balance \(/],
      ["0.000000000000000001", /^That is too little to mint any LP/],
      ["2000000", /^That is more than your DAI balance|^The swap moves the pool's price by/],
    ] as const) {
      await input.fill(typed);
      await expect.poll(() => error.isVisible(), { timeout: 3_000, message: `a reason for "${typed}"` }).toBe(true);
      expect(await error.innerText()).toMatch(reason);
      expect(await dialog.locator("[data-test=zap-in-confirm]").isDisabled()).toBe(true);
      await input.press("Enter");
    }
    await input.fill("100");
    await dialog.locator("[data-test=zap-in-quote]").waitFor();
    await fitsPhone(page);
    await screenshot(page, "zap-in-token-phone", false);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // a block for a transaction, had one been sent
    expect(await nonceOf(world, user)).toBe(nonce);
    await page.close();
  });
});

describe("zap out", () => {
  test("the one-time operator step, then half to both tokens and the rest to ETH, each as shown", async () => {
    const user = world.accounts[ETH_ZAPPER];
    const { page, card } = await pageAs(ETH_ZAPPER);
    await card.locator("[data-test=unstake]").click();
    await page.locator("[data-test=unstake-dialog] [data-test=tab-zap]").click();
    const dialog = page.locator("[data-test=zap-out-dialog]");
    const step = dialog.locator("[data-test=operator-step]");
    await step.waitFor();
    expect(await step.innerText()).toContain("Allow the zap to unstake and harvest for you — once; you can revoke it");
    await dialog.locator("[data-test=amount]").fill("0.001");
    expect(await dialog.locator("[data-test=zap-out-confirm]").isDisabled(), "zap out waits for the step").toBe(true);
    await screenshot(page, "zap-out-operator-step-desktop", false);
    const allow = await settledNotice(page, () => step.locator("[data-test=allow-zap]").click());
    expect(allow.status, allow.text).toBe("confirmed");
    expect(allow.text).toContain("The zap may now unstake and harvest for you, until you revoke it.");
    expect(await world.client.readContract({ address: world.deployment.farm as Address, abi: farmAbi, functionName: "isOperator", args: [user, zap] })).toBe(true);
    await dialog.locator("[data-test=operator-allowed]").waitFor();

    // Half of the stake, to both tokens.
    const staked = await stakedOf(world, pid, user);
    const half = staked / 2n;
    await dialog.locator("[data-test=amount]").fill(formatUnits(half, 18));
    const quote = dialog.locator("[data-test=zap-out-quote]");
    await quote.waitFor();
    const pairNow = await pairAt(world, lp, await world.client.getBlockNumber());
    const [daiSide, wethSide] = [sideOf(pairNow, dai), sideOf(pairNow, weth)];
    const shown = [await promised(quote.locator("[data-test=zap-out-0]")), await promised(quote.locator("[data-test=zap-out-1]"))];
    const mins = [await promised(quote.locator("[data-test=zap-out-min-0]")), await promised(quote.locator("[data-test=zap-out-min-1]"))];
    expect(mins).toEqual(shown.map((a) => lessSlippage(a, SLIPPAGE_BPS)));
    await screenshot(page, "zap-out-both-desktop", false);
    const before = [await balanceOf(world, pairNow.tokens[0], user), await balanceOf(world, pairNow.tokens[1], user)];
    let notice = { status: "", text: "" };
    const out = await onlyZapCallDuring(user, async () => {
      notice = await settledNotice(page, () => dialog.locator("[data-test=zap-out-confirm]").click());
    });
    expect(notice.status, notice.text).toBe("confirmed");
    expect(out.functionName).toBe("zapOut");
    expect(out.args.slice(0, 4)).toEqual([BigInt(pid), half, mins[0], mins[1]]);
    gas.zapOutBoth = out.receipt.gasUsed;
    const expected = zapOutOf(await pairAt(world, lp, out.receipt.blockNumber - 1n), half);
    const got = [(await balanceOf(world, pairNow.tokens[0], user)) - before[0], (await balanceOf(world, pairNow.tokens[1], user)) - before[1]];
    expect(got).toEqual(expected.both);
    expect(got).toEqual(shown);
    expect(await stakedOf(world, pid, user)).toBe(staked - half);
    expect(notice.text).toMatch(/Zapped [\d.]+ DAI\/WETH LP \(\$[\d,.]+\) out into [\d,.]+ (DAI|WETH) \(\$[\d,.]+\) and [\d,.]+ (DAI|WETH) \(\$[\d,.]+\)\./);
    await dialog.waitFor({ state: "detached" });

    // The rest, to ETH.
    await card.locator("[data-test=unstake]").click();
    await page.locator("[data-test=unstake-dialog] [data-test=tab-zap]").click();
    await dialog.locator("[data-test=operator-allowed]").waitFor();
    await dialog.locator("[data-test=zap-to-ETH]").click();
    await dialog.locator("[data-test=max]").click();
    const single = dialog.locator("[data-test=zap-out-single]");
    await single.waitFor();
    const shownEth = await promised(single);
    const shownEthMin = await promised(dialog.locator("[data-test=zap-out-min]"));
    const rest = staked - half;
    const ethBefore = await world.client.getBalance({ address: user });
    const toEth = await onlyZapCallDuring(user, async () => {
      notice = await settledNotice(page, () => dialog.locator("[data-test=zap-out-confirm]").click());
    });
    expect(notice.status, notice.text).toBe("confirmed");
    expect(toEth.functionName).toBe("zapOutTo");
    expect(toEth.args.slice(0, 4)).toEqual([BigInt(pid), rest, "0x0000000000000000000000000000000000000000", shownEthMin]);
    gas.zapOutToEth = toEth.receipt.gasUsed;
    const expectedEth = zapOutOf(await pairAt(world, lp, toEth.receipt.blockNumber - 1n), rest).single[wethSide];
    const gotEth = (await world.client.getBalance({ address: user })) - ethBefore + paidGas(toEth.receipt);
    expect(gotEth).toBe(expectedEth);
    expect(gotEth).toBe(shownEth);
    expect(await stakedOf(world, pid, user)).toBe(0n);
    expect(daiSide).not.toBe(wethSide);
    expect(notice.text).toMatch(/out into [\d.]+ ETH \(\$[\d,.]+\)\./);
    await page.close();
  });

  test("to one token (DAI), on a 390 px phone", async () => {
    const user = world.accounts[TOKEN_ZAPPER];
    const { page, card } = await pageAs(TOKEN_ZAPPER, PHONE);
    await card.locator("[data-test=unstake]").click();
    await page.locator("[data-test=unstake-dialog] [data-test=tab-zap]").click();
    const dialog = page.locator("[data-test=zap-out-dialog]");
    await dialog.locator("[data-test=operator-step]").waitFor();
    await fitsPhone(page);
    await screenshot(page, "zap-out-operator-step-phone", false);
    expect((await settledNotice(page, () => dialog.locator("[data-test=allow-zap]").click())).status).toBe("confirmed");
    await dialog.locator("[data-test=zap-to-DAI]").click();
    await dialog.locator("[data-test=max]").click();
    const single = dialog.locator("[data-test=zap-out-single]");
    await single.waitFor();
    const shown = await promised(single);
    await fitsPhone(page);
    await screenshot(page, "zap-out-token-phone", false);
    const staked = await stakedOf(world, pid, user);
    const daiBefore = await balanceOf(world, dai, user);
    let notice = { status: "", text: "" };
    const call = await onlyZapCallDuring(user, async () => {
      notice = await settledNotice(page, () => dialog.locator("[data-test=zap-out-confirm]").click());
    });
    expect(notice.status, notice.text).toBe("confirmed");
    expect(call.functionName).toBe("zapOutTo");
    gas.zapOutToToken = call.receipt.gasUsed;
    const pair = await pairAt(world, lp, call.receipt.blockNumber - 1n);
    const got = (await balanceOf(world, dai, user)) - daiBefore;
    expect(got).toBe(zapOutOf(pair, staked).single[sideOf(pair, dai)]);
    expect(got).toBe(shown);
    // The reward the unstake paid (minted to #11) is in the notice too.
    const minted = parseEventLogs({ abi: erc20Abi, logs: call.receipt.logs, eventName: "Transfer" }).filter(
      (t) => t.address.toLowerCase() === world.deployment.rewardToken.toLowerCase() && t.args.from === zeroAddress && t.args.to.toLowerCase() === user.toLowerCase(),
    );
    expect(minted).toHaveLength(1);
    expect(notice.text).toContain(`Your reward of ${formatTokenAmount(minted[0].args.value, 18)} RWD`);
    await page.close();
  });

  test("the wallet menu revokes the zap: the farm no longer lets it act for #10", async () => {
    const user = world.accounts[ETH_ZAPPER];
    const { page } = await pageAs(ETH_ZAPPER);
    await page.locator("[data-test=wallet-button]").click();
    const line = page.locator("[data-test=wallet-zap-operator]");
    await line.waitFor();
    await screenshot(page, "zap-wallet-revoke-desktop", false);
    const revoked = await settledNotice(page, () => line.locator("[data-test=wallet-revoke-zap]").click());
    expect(revoked.status, revoked.text).toBe("confirmed");
    expect(revoked.text).toContain("The zap may no longer unstake or harvest for you.");
    expect(await world.client.readContract({ address: world.deployment.farm as Address, abi: farmAbi, functionName: "isOperator", args: [user, zap] })).toBe(false);
    await page.close();
  });
});

describe("a paused farm", () => {
  test("zap in and compound are off with a sentence; zap out stays open", async () => {
    const user = world.accounts[PAUSE_WATCHER];
    const { lp: provided } = await provideLiquidity(world, user, "DAI", parseEther("3000"), parseEther("1"));
    const farm = { address: world.deployment.farm as Address, abi: farmAbi, chain: null } as const;
    const mined = async (hash: `0x${string}`) => expect((await world.client.waitForTransactionReceipt({ hash })).status).toBe("success");
    const wallet = nodeWallet(user);
    await mined(await wallet.writeContract({ address: lp, abi: erc20Abi, functionName: "approve", args: [farm.address, provided], chain: null }));
    await mined(await wallet.writeContract({ ...farm, functionName: "deposit", args: [BigInt(pid), provided / 2n] }));

    const { page, card } = await pageAs(PAUSE_WATCHER);
    await card.locator("[data-test=stake]").click();
    await page.locator("[data-test=stake-dialog] [data-test=tab-zap]").click();
    const zapIn = page.locator("[data-test=zap-in-dialog]");
    await zapIn.locator("[data-test=zap-from-ETH]").click();
    await zapIn.locator("[data-test=zap-in-amount] [data-test=amount]").fill("0.1");
    await zapIn.locator("[data-test=zap-in-quote]").waitFor();
    expect(await zapIn.locator("[data-test=zap-in-confirm]").isEnabled()).toBe(true);
    const owner = nodeWallet(world.accounts[OWNER]);
    await mined(await owner.writeContract({ ...farm, functionName: "pause" }));
    try {
      const sentence = zapIn.locator("[data-test=zap-paused]");
      await sentence.waitFor({ timeout: 10_000 });
      expect(await sentence.innerText()).toBe("The farm is paused: staking is stopped, so zapping in is too. Unstaking and zapping out still work.");
      expect(await zapIn.locator("[data-test=zap-in-confirm]").isDisabled()).toBe(true);
      await screenshot(page, "zap-in-paused-desktop", false);
      await zapIn.locator("[data-test=zap-close]").click();

      expect(await page.locator("[data-test=compound]").isDisabled()).toBe(true);
      expect(await page.locator("[data-test=compound-paused-note]").innerText()).toBe("Paused: nothing can be harvested or compounded.");

      // Exits stay open: zap out quotes, and its step can be taken.
      await card.locator("[data-test=unstake]").click();
      await page.locator("[data-test=unstake-dialog] [data-test=tab-zap]").click();
      const zapOut = page.locator("[data-test=zap-out-dialog]");
      await zapOut.locator("[data-test=amount]").fill("0.0001");
      await zapOut.locator("[data-test=zap-out-quote]").waitFor();
      expect(await zapOut.locator("[data-test=allow-zap]").isEnabled()).toBe(true);
      expect(await zapOut.innerText()).toContain("kept for you in the farm while it is paused");
      await zapOut.locator("[data-test=zap-close]").click();
    } finally {
      await mined(await owner.writeContract({ ...farm, functionName: "unpause" }));
    }
    await page.close();
  });
});

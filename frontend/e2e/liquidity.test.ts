/**
 * Item 1 of issue 13, getting LP without leaving: the liquidity dialog of a pool card adds through
 * the world's real Uniswap V2 router and removes after unstaking. Every figure the dialog promises
 * is checked against the chain, computed here apart from the app (the router's and the pair's
 * arithmetic written out below, at the reserves of the block before the transaction):
 *
 * - DAI/WETH with ETH, dev account #9: exactly the typed ETH goes in, DAI at the pool's price after
 *   an approval of exactly that DAI, the LP minted is the LP promised; then "Stake n LP" stakes it;
 *   then, unstaked again, half of it is removed in one transaction (the pair's permit signed into
 *   removeLiquidityETHWithPermit), paying out at least the minimums shown, in ETH;
 * - DAI/USDC, token for token, dev account #10: two exact approvals, then addLiquidity;
 * - a price moved by dev account #11 between the quote and the send, at 0.1% slippage: refused with
 *   a sentence, nothing added (#11 trades back afterwards);
 * - bad input of every kind: a sentence each, nothing sent; settings remembered across a reload;
 * - a 390 px phone: the dialog fits.
 */
import { type Address, decodeFunctionData, erc20Abi, type Hash, maxUint256, parseAbi, parseEther, parseEventLogs, parseUnits, type Transaction, type TransactionReceipt, zeroAddress } from "viem";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { uniswapV2FactoryAbi, uniswapV2PairAbi, uniswapV2RouterAbi } from "../src/chain/abis.generated";
import { connectDevAccount, openApp, openFarmsAs, readAmount, screenshot, waitForPosition } from "./browser";
import { balanceOf, nodeWallet, nonceOf, onlyFarmCallDuring, poolBySymbols, stakedOf, transactionsSince, type World } from "./chain";

/**
 * This file's dev accounts: #9 provides (the app lists dev accounts #0-#9), #10 moves the price;
 * #11 is test/stores/liquidity-router.test.ts's.
 */
const ETH_USER = 9;
const MOVER = 10;
const DIALOG = "[data-test=liquidity-dialog]";
/** Approvals, the add, a refresh: a few 2 s blocks. */
const TX_TIMEOUT = 40_000;

let browser: Browser;
let page: Page;
let world: World;
let user: Address;
let pid: number;
let lpToken: Address;
let card: Locator;
const gas: Record<string, bigint> = {};

const testTokenAbi = parseAbi(["function mint(address to, uint256 amount)"]);

async function mined(hash: Promise<Hash>, on: World = world): Promise<TransactionReceipt> {
  const receipt = await on.client.waitForTransactionReceipt({ hash: await hash });
  expect(receipt.status).toBe("success");
  return receipt;
}

/** Mints `amount` (whole tokens) of the world's test token `token` to `to`: an open faucet. */
async function mint(token: Address, decimals: number, to: Address, amount: string, on: World = world): Promise<void> {
  await mined(nodeWallet(to).writeContract({ address: token, abi: testTokenAbi, functionName: "mint", args: [to, parseUnits(amount, decimals)], chain: null }), on);
}

beforeAll(async () => {
  ({ world, user, pid, lpToken, browser, page, pool: card } = await openFarmsAs(ETH_USER, "DAI", "WETH", {
    before: async (chain) => {
      const dai = poolBySymbols(chain.world, "DAI", "WETH");
      const [token, decimals] = dai.symbol0 === "DAI" ? [dai.token0, dai.decimals0] : [dai.token1, dai.decimals1];
      await mint(token as Address, decimals, chain.user, "20000", chain.world);
    },
  }));
});

afterAll(async () => {
  if (Object.keys(gas).length > 0) console.log(`liquidity gas used: ${Object.entries(gas).map(([what, used]) => `${what} ${used}`).join(", ")}`);
  await browser?.close();
});

// ---------------------------------------------------------------------------------------------
// The router's and the pair's arithmetic, written out apart from the app's src/lib.
// ---------------------------------------------------------------------------------------------

/** UniswapV2Library.quote. */
const priceOf = (amount: bigint, reserveIn: bigint, reserveOut: bigint) => (amount * reserveOut) / reserveIn;

/** UniswapV2Router02._addLiquidity for a pair that has reserves: [amountA, amountB]. */
function routerTakes(desiredA: bigint, desiredB: bigint, reserveA: bigint, reserveB: bigint): [bigint, bigint] {
  const optimalB = priceOf(desiredA, reserveA, reserveB);
  return optimalB <= desiredB ? [desiredA, optimalB] : [priceOf(desiredB, reserveB, reserveA), desiredB];
}

interface PairAt {
  reserves: [bigint, bigint];
  balances: [bigint, bigint];
  supply: bigint;
}

/** The pair at `blockNumber`; the world runs with the protocol fee off, and this checks it. */
async function pairAt(lp: Address, tokens: [Address, Address], blockNumber: bigint): Promise<PairAt> {
  const at = { blockNumber } as const;
  const feeTo = await world.client.readContract({ address: world.deployment.uniswapV2Factory as Address, abi: uniswapV2FactoryAbi, functionName: "feeTo", ...at });
  expect(feeTo, "the world's protocol fee is off").toBe(zeroAddress);
  const [r0, r1] = await world.client.readContract({ address: lp, abi: uniswapV2PairAbi, functionName: "getReserves", ...at });
  const supply = await world.client.readContract({ address: lp, abi: uniswapV2PairAbi, functionName: "totalSupply", ...at });
  const balances = await Promise.all(tokens.map((t) => balanceOf(world, t, lp, blockNumber)));
  return { reserves: [r0, r1], balances: balances as [bigint, bigint], supply };
}

/** UniswapV2Pair.mint's LP for amounts sent (fee off, reserves nonzero). */
function lpFor(amounts: [bigint, bigint], pair: PairAt): bigint {
  const by = amounts.map((a, i) => ((a + pair.balances[i] - pair.reserves[i]) * pair.supply) / pair.reserves[i]);
  return by[0] < by[1] ? by[0] : by[1];
}

/** Minimums at `bps` of slippage. */
const lessSlippage = (amount: bigint, bps: bigint) => (amount * (10_000n - bps)) / 10_000n;

// ---------------------------------------------------------------------------------------------
// The dialog as the user sees it.
// ---------------------------------------------------------------------------------------------

/** A figure's exact amount (its data-wei), after checking the text shown is that amount, cut to 6 significant digits. */
async function promised(locator: Locator, decimals: number): Promise<bigint> {
  const exact = BigInt((await locator.getAttribute("data-wei"))!);
  const shown = await readAmount(locator, decimals);
  expect(shown, `${await locator.innerText()} is never more than ${exact}`).toBeLessThanOrEqual(exact);
  expect(exact - shown, `${await locator.innerText()} keeps 6 significant digits of ${exact}`).toBeLessThanOrEqual(exact / 100_000n);
  return exact;
}

async function openDialog(on: Page, poolCard: Locator): Promise<Locator> {
  await poolCard.locator("[data-test=liquidity]").click();
  const dialog = on.locator(DIALOG);
  await dialog.locator("[data-test=tab-add]").waitFor();
  return dialog;
}

async function closeDialog(dialog: Locator): Promise<void> {
  await dialog.locator("[data-test=liquidity-close]").click();
  await dialog.waitFor({ state: "detached" });
}

/**
 * Waits for `done` to show after a click that sends transactions; a notice that fails or is
 * cancelled meanwhile fails the test with its own words.
 */
async function settles(on: Page, done: Locator): Promise<void> {
  const refused = on.locator("[data-test=notice-failed], [data-test=notice-cancelled]");
  const before = await refused.count();
  const deadline = Date.now() + TX_TIMEOUT;
  while (!(await done.isVisible())) {
    if ((await refused.count()) > before) throw new Error(`refused: ${await refused.last().innerText()}`);
    if (Date.now() > deadline) throw new Error(`not done in time; notices: ${await on.locator(".notices").innerText()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Which side of `pool` is WETH (paid in ETH), and which the token. */
function sidesOf(pool: { token0: string }) {
  const ethSide = pool.token0.toLowerCase() === world.deployment.weth.toLowerCase() ? 0 : 1;
  return { ethSide, tokenSide: 1 - ethSide } as const;
}

/** The transaction `from` sent to `to` after `afterBlock` (exactly one), with its receipt. */
async function onlyTransactionTo(from: Address, to: string, afterBlock: bigint): Promise<{ tx: Transaction; receipt: TransactionReceipt }> {
  const sent = (await transactionsSince(world, from, afterBlock)).filter((t) => t.to?.toLowerCase() === to.toLowerCase());
  expect(sent, `transactions to ${to}`).toHaveLength(1);
  return { tx: sent[0], receipt: await world.client.getTransactionReceipt({ hash: sent[0].hash }) };
}

/** The LP the pair minted to `to` in `receipt`. */
function lpMinted(receipt: TransactionReceipt, lp: Address, to: Address): bigint {
  const transfers = parseEventLogs({ abi: uniswapV2PairAbi, logs: receipt.logs, eventName: "Transfer" });
  const minted = transfers.filter((t) => t.address.toLowerCase() === lp.toLowerCase() && t.args.from === zeroAddress && t.args.to.toLowerCase() === to.toLowerCase());
  expect(minted).toHaveLength(1);
  return minted[0].args.value;
}

/** Call arguments with addresses in lower case, to compare with the deployments file's. */
const lower = (args: readonly unknown[]) => args.map((a) => (typeof a === "string" ? a.toLowerCase() : a));

/** ETH `account` paid for `receipt`'s gas. */
const gasCost = (receipt: TransactionReceipt) => receipt.gasUsed * receipt.effectiveGasPrice;

describe("add and remove liquidity through the router, then stake", () => {
  let minted = 0n;

  test("DAI/WETH with ETH: the typed ETH goes in whole, the DAI at the pool's price, and the LP minted is the LP promised", async () => {
    const pool = poolBySymbols(world, "DAI", "WETH");
    const { ethSide, tokenSide } = sidesOf(pool);
    const tokens = [pool.token0, pool.token1] as [Address, Address];
    const dai = tokens[tokenSide];
    const router = world.deployment.uniswapV2Router as Address;

    const dialog = await openDialog(page, card);
    const ethField = dialog.locator(`[data-test=side-${ethSide}]`);
    const daiField = dialog.locator(`[data-test=side-${tokenSide}]`);
    expect(await ethField.locator("strong").innerText()).toBe("ETH");
    expect(await daiField.locator("strong").innerText()).toBe("DAI");
    // Balances: ETH (not WETH) and DAI, as the chain has them, cut to 6 significant digits.
    const ethBalance = await world.client.getBalance({ address: user });
    const shownEth = await readAmount(ethField.locator("[data-test=balance]"));
    expect(shownEth).toBeLessThanOrEqual(ethBalance);
    expect(ethBalance - shownEth).toBeLessThan(parseEther("0.01"));
    expect(await readAmount(daiField.locator("[data-test=balance]"))).toBe(await balanceOf(world, dai, user));

    await ethField.locator("[data-test=amount]").fill("1");
    const summary = dialog.locator("[data-test=add-summary]");
    await summary.waitFor();
    const quotedAt = await pairAt(lpToken, tokens, await world.client.getBlockNumber());

    // The DAI field follows at the pool's price: 1 ETH's worth, offered a wei above it so the
    // router (which prices ETH from the DAI) takes all of the ETH.
    const offeredDai = parseUnits(await daiField.locator("[data-test=amount]").inputValue(), 18);
    const daiForOneEth = priceOf(parseEther("1"), quotedAt.reserves[ethSide], quotedAt.reserves[tokenSide]);
    expect(offeredDai - daiForOneEth).toBeGreaterThanOrEqual(0n);
    expect(offeredDai - daiForOneEth).toBeLessThanOrEqual(1n);
    const [takesDai, takesEth] = routerTakes(offeredDai, parseEther("1"), quotedAt.reserves[tokenSide], quotedAt.reserves[ethSide]);
    expect(takesEth).toBe(parseEther("1"));
    const amounts: [bigint, bigint] = ethSide === 0 ? [takesEth, takesDai] : [takesDai, takesEth];
    const expectedLp = lpFor(amounts, quotedAt);

    expect(await promised(dialog.locator(`[data-test=deposit-${ethSide}]`), 18)).toBe(takesEth);
    expect(await promised(dialog.locator(`[data-test=deposit-${tokenSide}]`), 18)).toBe(takesDai);
    expect(await promised(dialog.locator("[data-test=lp-out]"), 18)).toBe(expectedLp);
    expect(await promised(dialog.locator(`[data-test=min-${ethSide}]`), 18)).toBe(lessSlippage(takesEth, 50n));
    expect(await promised(dialog.locator(`[data-test=min-${tokenSide}]`), 18)).toBe(lessSlippage(takesDai, 50n));
    // #9 held none of this LP: its share is the new LP over the supply with it.
    const share = Number((await dialog.locator("[data-test=share]").innerText()).replace("%", "")) / 100;
    expect(share).toBeCloseTo(Number(expectedLp) / Number(quotedAt.supply + expectedLp), 8);
    // The pool's price both ways, and the USD beside the amounts.
    expect(await dialog.locator("[data-test=ratio]").innerText()).toMatch(/1 DAI = 0\.000\d+ ETH\s+1 ETH = [\d,.]+ DAI/);
    expect(await ethField.locator("[data-test=usd]").innerText()).toMatch(/≈ \$[23],\d{3}\.\d\d/);
    expect(await dialog.locator("[data-test=approvals-needed]").innerText()).toMatch(/approve the Uniswap router for exactly [\d,.]+ DAI/);
    await screenshot(page, "liquidity-add-eth", false);

    const blockBefore = await world.client.getBlockNumber();
    await dialog.locator("[data-test=add-confirm]").click();
    await settles(page, dialog.locator("[data-test=next-step]"));

    // Two transactions: DAI approved for exactly what was offered, then addLiquidityETH.
    const sent = await transactionsSince(world, user, blockBefore);
    expect(sent.map((t) => t.to?.toLowerCase())).toEqual([dai.toLowerCase(), router.toLowerCase()]);
    const approval = decodeFunctionData({ abi: erc20Abi, data: sent[0].input });
    expect([approval.functionName, ...lower(approval.args)]).toEqual(["approve", router.toLowerCase(), offeredDai]);
    const { tx, receipt } = await onlyTransactionTo(user, router, blockBefore);
    expect(receipt.status).toBe("success");
    const call = decodeFunctionData({ abi: uniswapV2RouterAbi, data: tx.input });
    expect(call.functionName).toBe("addLiquidityETH");
    const block = await world.client.getBlock({ blockNumber: receipt.blockNumber });
    const [token, desiredToken, minToken, minEth, to, deadline] = call.args as unknown as readonly [Address, bigint, bigint, bigint, Address, bigint];
    expect(lower([token, desiredToken, minToken, minEth, to])).toEqual(lower([dai, offeredDai, lessSlippage(takesDai, 50n), lessSlippage(takesEth, 50n), user]));
    expect(tx.value).toBe(parseEther("1"));
    // The deadline: 20 minutes (the default) after the latest block when it was sent.
    expect(deadline - block.timestamp).toBeGreaterThan(1_200n - 30n);
    expect(deadline - block.timestamp).toBeLessThanOrEqual(1_200n);

    // What moved, at the reserves of the block before: exactly what the dialog promised.
    const before = await pairAt(lpToken, tokens, receipt.blockNumber - 1n);
    expect(before).toEqual(quotedAt);
    const lp = lpMinted(receipt, lpToken, user);
    expect(lp).toBe(lpFor(amounts, before));
    expect(lp).toBe(expectedLp);
    const [mint] = parseEventLogs({ abi: uniswapV2PairAbi, logs: receipt.logs, eventName: "Mint" });
    expect([mint.args.amount0, mint.args.amount1]).toEqual(amounts);
    const daiPaid = (await balanceOf(world, dai, user, receipt.blockNumber - 1n)) - (await balanceOf(world, dai, user, receipt.blockNumber));
    const ethPaid = (await world.client.getBalance({ address: user, blockNumber: receipt.blockNumber - 1n })) - (await world.client.getBalance({ address: user, blockNumber: receipt.blockNumber })) - gasCost(receipt);
    expect([daiPaid, ethPaid]).toEqual([takesDai, takesEth]);
    // The approval was exact: at most the wei offered above the price is left.
    expect(await world.client.readContract({ address: dai, abi: erc20Abi, functionName: "allowance", args: [user, router] })).toBe(offeredDai - takesDai);
    gas.addLiquidityETH = receipt.gasUsed;

    expect(await promised(dialog.locator("[data-test=added-lp]"), 18)).toBe(lp);
    expect(await dialog.locator("[data-test=stake-added]").innerText()).toMatch(/^Stake [\d.]+ LP$/);
    await screenshot(page, "liquidity-added", false);
    minted = lp;
  });

  test("\"Stake n LP\" stakes exactly the LP the add gave, in one transaction", async () => {
    const dialog = page.locator(DIALOG);
    const stakedBefore = await stakedOf(world, pid, user);
    const call = await onlyFarmCallDuring(world, user, async () => {
      await dialog.locator("[data-test=stake-added]").click();
      await settles(page, dialog.locator("[data-test=staked-added]"));
    });
    expect(call.functionName).toBe("depositWithPermit");
    expect(call.args.slice(0, 2)).toEqual([BigInt(pid), minted]);
    expect(await stakedOf(world, pid, user)).toBe(stakedBefore + minted);
    await closeDialog(dialog);
  });

  test("removing after unstaking: half of the LP in one transaction with the pair's permit, at least the minimums paid, in ETH", async () => {
    const pool = poolBySymbols(world, "DAI", "WETH");
    const { ethSide, tokenSide } = sidesOf(pool);
    const tokens = [pool.token0, pool.token1] as [Address, Address];
    const dai = tokens[tokenSide];
    const router = world.deployment.uniswapV2Router as Address;
    expect(await balanceOf(world, lpToken, user)).toBe(0n);

    // The Remove tab sends the user to unstake first, and comes back once it is done.
    let dialog = await openDialog(page, card);
    await dialog.locator("[data-test=tab-remove]").click();
    expect(await dialog.locator("[data-test=staked-note]").innerText()).toMatch(/staked in the farm: unstake them first/);
    await screenshot(page, "liquidity-remove-staked", false);
    await dialog.locator("[data-test=go-unstake]").click();
    const unstake = page.locator("[data-test=unstake-dialog]");
    await unstake.locator("[data-test=max]").click();
    await unstake.locator("[data-test=confirm]").click();
    await unstake.waitFor({ state: "detached", timeout: TX_TIMEOUT });
    dialog = page.locator(DIALOG);
    const walletLp = await balanceOf(world, lpToken, user);
    expect(walletLp).toBe(minted);
    await expect.poll(async () => dialog.locator("[data-test=remove-balance]").getAttribute("data-wei"), { timeout: 10_000 }).toBe(String(walletLp));

    await dialog.locator("[data-test=percent-50]").click();
    const liquidity = walletLp / 2n;
    expect(parseEther(await dialog.locator("[data-test=remove-amount]").inputValue())).toBe(liquidity);
    await dialog.locator("[data-test=remove-summary]").waitFor();
    const quotedAt = await pairAt(lpToken, tokens, await world.client.getBlockNumber());
    const out = quotedAt.balances.map((b) => (liquidity * b) / quotedAt.supply) as [bigint, bigint];
    expect(await promised(dialog.locator(`[data-test=out-${ethSide}]`), 18)).toBe(out[ethSide]);
    expect(await promised(dialog.locator(`[data-test=out-${tokenSide}]`), 18)).toBe(out[tokenSide]);
    const minimums = out.map((o) => lessSlippage(o, 50n));
    expect(await promised(dialog.locator(`[data-test=out-min-${ethSide}]`), 18)).toBe(minimums[ethSide]);
    expect(await promised(dialog.locator(`[data-test=out-min-${tokenSide}]`), 18)).toBe(minimums[tokenSide]);
    await screenshot(page, "liquidity-remove", false);

    const nonceBefore = await nonceOf(world, user);
    const blockBefore = await world.client.getBlockNumber();
    await dialog.locator("[data-test=remove-confirm]").click();
    await settles(page, dialog.locator("[data-test=removed]"));
    expect(await nonceOf(world, user), "one transaction: no approval").toBe(nonceBefore + 1);
    const { tx, receipt } = await onlyTransactionTo(user, router, blockBefore);
    expect(receipt.status).toBe("success");
    const call = decodeFunctionData({ abi: uniswapV2RouterAbi, data: tx.input });
    expect(call.functionName).toBe("removeLiquidityETHWithPermit");
    const [token, lpIn, minToken, minEth, to, , approveMax] = call.args as unknown as readonly [Address, bigint, bigint, bigint, Address, bigint, boolean];
    expect(lower([token, lpIn, minToken, minEth, to, approveMax])).toEqual(lower([dai, liquidity, minimums[tokenSide], minimums[ethSide], user, false]));

    // What came back, at the state of the block before: the pair's share, at least the minimums.
    const before = await pairAt(lpToken, tokens, receipt.blockNumber - 1n);
    const expected = before.balances.map((b) => (liquidity * b) / before.supply);
    const daiBack = (await balanceOf(world, dai, user, receipt.blockNumber)) - (await balanceOf(world, dai, user, receipt.blockNumber - 1n));
    const ethBack = (await world.client.getBalance({ address: user, blockNumber: receipt.blockNumber })) - (await world.client.getBalance({ address: user, blockNumber: receipt.blockNumber - 1n })) + gasCost(receipt);
    expect([daiBack, ethBack]).toEqual([expected[tokenSide], expected[ethSide]]);
    expect(daiBack).toBeGreaterThanOrEqual(minimums[tokenSide]);
    expect(ethBack).toBeGreaterThanOrEqual(minimums[ethSide]);
    expect(await balanceOf(world, lpToken, user)).toBe(walletLp - liquidity);
    gas.removeLiquidityETHWithPermit = receipt.gasUsed;
    await closeDialog(dialog);
  });

  test("DAI/USDC, token for token: each token approved for exactly what is offered, then addLiquidity, the LP as promised", async () => {
    const pool = poolBySymbols(world, "DAI", "USDC");
    const tokens = [pool.token0, pool.token1] as [Address, Address];
    const lp = pool.lpToken as Address;
    const daiSide = pool.symbol0 === "DAI" ? 0 : 1;
    const usdcSide = 1 - daiSide;
    const decimals = [pool.decimals0, pool.decimals1];
    const router = world.deployment.uniswapV2Router as Address;
    await mint(tokens[daiSide], decimals[daiSide], user, "5000");
    await mint(tokens[usdcSide], decimals[usdcSide], user, "5000");
    const daiUsdcCard = await waitForPosition(page, pool.pid);
    const dialog = await openDialog(page, daiUsdcCard);
    await dialog.locator(`[data-test=side-${daiSide}] [data-test=amount]`).fill("250");
    await dialog.locator("[data-test=add-summary]").waitFor();
    const quotedAt = await pairAt(lp, tokens, await world.client.getBlockNumber());
    const offered: bigint[] = [];
    for (const side of [0, 1]) offered[side] = parseUnits(await dialog.locator(`[data-test=side-${side}] [data-test=amount]`).inputValue(), decimals[side]);
    expect(offered[daiSide]).toBe(parseEther("250"));
    const usdcAtPrice = priceOf(parseEther("250"), quotedAt.reserves[daiSide], quotedAt.reserves[usdcSide]);
    expect(offered[usdcSide] - usdcAtPrice).toBeGreaterThanOrEqual(0n);
    expect(offered[usdcSide] - usdcAtPrice).toBeLessThanOrEqual(1n);
    // The app gives the router token0 as A.
    const amounts = routerTakes(offered[0], offered[1], quotedAt.reserves[0], quotedAt.reserves[1]);
    expect(amounts[daiSide]).toBe(parseEther("250"));
    for (const side of [0, 1]) expect(await promised(dialog.locator(`[data-test=deposit-${side}]`), decimals[side])).toBe(amounts[side]);
    expect(await promised(dialog.locator("[data-test=lp-out]"), 18)).toBe(lpFor(amounts, quotedAt));
    expect(await dialog.locator("[data-test=approvals-needed]").innerText()).toMatch(/exactly [\d,.]+ (DAI|USDC) and [\d,.]+ (DAI|USDC) \(a transaction each/);
    await screenshot(page, "liquidity-add-tokens", false);

    const blockBefore = await world.client.getBlockNumber();
    await dialog.locator("[data-test=add-confirm]").click();
    await settles(page, dialog.locator("[data-test=next-step]"));
    const sent = await transactionsSince(world, user, blockBefore);
    expect(sent).toHaveLength(3);
    for (const side of [0, 1]) {
      const approval = sent.find((t) => t.to?.toLowerCase() === tokens[side].toLowerCase())!;
      const approve = decodeFunctionData({ abi: erc20Abi, data: approval.input });
      expect([approve.functionName, ...lower(approve.args)]).toEqual(["approve", router.toLowerCase(), offered[side]]);
    }
    const { tx, receipt } = await onlyTransactionTo(user, router, blockBefore);
    expect(receipt.status).toBe("success");
    const call = decodeFunctionData({ abi: uniswapV2RouterAbi, data: tx.input });
    expect(call.functionName).toBe("addLiquidity");
    expect(lower(call.args.slice(0, 6))).toEqual(lower([tokens[0], tokens[1], offered[0], offered[1], lessSlippage(amounts[0], 50n), lessSlippage(amounts[1], 50n)]));
    const before = await pairAt(lp, tokens, receipt.blockNumber - 1n);
    expect(before).toEqual(quotedAt);
    const paid = await Promise.all(tokens.map(async (t) => (await balanceOf(world, t, user, receipt.blockNumber - 1n)) - (await balanceOf(world, t, user, receipt.blockNumber))));
    expect(paid).toEqual(amounts);
    expect(lpMinted(receipt, lp, user)).toBe(lpFor(amounts, before));
    // Exact approvals: nothing left beyond the wei offered above the price.
    for (const side of [0, 1]) {
      expect(await world.client.readContract({ address: tokens[side], abi: erc20Abi, functionName: "allowance", args: [user, router] })).toBe(offered[side] - amounts[side]);
    }
    gas.addLiquidity = receipt.gasUsed;
    expect(await promised(dialog.locator("[data-test=added-lp]"), 18)).toBe(lpMinted(receipt, lp, user));
    await closeDialog(dialog);
  });
});

describe("refusals", () => {
  test("a price moved past a 0.1% slippage between the quote and the send is refused with a sentence, and nothing is added", async () => {
    const pool = poolBySymbols(world, "DAI", "WETH");
    const { ethSide, tokenSide } = sidesOf(pool);
    const dai = [pool.token0, pool.token1][tokenSide] as Address;
    const router = world.deployment.uniswapV2Router as Address;
    const mover = world.accounts[MOVER];
    const dialog = await openDialog(page, card);
    await dialog.locator("[data-test=settings-toggle]").click();
    await dialog.locator("[data-test=slippage-10]").click();
    expect(await dialog.locator("[data-test=slippage-used]").innerText()).toBe("0.1%");
    expect(await dialog.locator("[data-test=settings-toggle]").innerText()).toMatch(/0\.1% · 20 min/);
    await dialog.locator("[data-test=settings-toggle]").click();
    await dialog.locator(`[data-test=side-${ethSide}] [data-test=amount]`).fill("1");
    await dialog.locator("[data-test=add-summary]").waitFor();

    // Between the quote the user confirmed and the router's simulation, #11 buys DAI with 10 ETH
    // (about 0.7% of the pool's ETH): the price moves about 1.3%, past 0.1%.
    const addLiquidityEth = "0xf305d719";
    let moved: bigint | undefined;
    await page.route("**/rpc", async (route) => {
      const body = JSON.parse(route.request().postData() ?? "{}") as { method?: string; params?: [{ data?: string }] };
      if (moved === undefined && body.method === "eth_call" && body.params?.[0]?.data?.startsWith(addLiquidityEth)) {
        const wallet = nodeWallet(mover);
        const receipt = await mined(wallet.writeContract({
          address: router, abi: uniswapV2RouterAbi, functionName: "swapExactETHForTokens", chain: null, value: parseEther("10"),
          args: [0n, [world.deployment.weth as Address, dai], mover, maxUint256],
        }));
        moved = parseEventLogs({ abi: erc20Abi, logs: receipt.logs, eventName: "Transfer" }).find((t) => t.address.toLowerCase() === dai.toLowerCase())!.args.value;
      }
      await route.continue();
    });
    try {
      const lpBefore = await balanceOf(world, lpToken, user);
      const blockBefore = await world.client.getBlockNumber();
      await dialog.locator("[data-test=add-confirm]").click();
      const failed = page.locator("[data-test=notice-failed]");
      await failed.waitFor({ timeout: TX_TIMEOUT });
      expect(await failed.innerText()).toMatch(
        /Add liquidity to DAI\/WETH\s+The pool's price moved past your slippage tolerance before the transaction ran, so nothing happened\. Check the new amounts and try again, or allow more slippage in the settings\./,
      );
      expect(moved, "the price was moved").toBeDefined();
      // Nothing reached the router; only the DAI approval (its own transaction) was sent.
      const sent = await transactionsSince(world, user, blockBefore);
      expect(sent.map((t) => t.to?.toLowerCase())).toEqual([dai.toLowerCase()]);
      expect(await balanceOf(world, lpToken, user)).toBe(lpBefore);
      // The form keeps the amount, re-quoted at the new price, ready for another try.
      expect(await dialog.locator(`[data-test=side-${ethSide}] [data-test=amount]`).inputValue()).toBe("1");
      await screenshot(page, "liquidity-slippage-refused", false);
    } finally {
      await page.unroute("**/rpc");
      // #11 sells the DAI back, so later files meet the pool near its old price.
      if (moved !== undefined) {
        const wallet = nodeWallet(mover);
        await mined(wallet.writeContract({ address: dai, abi: erc20Abi, functionName: "approve", args: [router, moved], chain: null }));
        await mined(wallet.writeContract({ address: router, abi: uniswapV2RouterAbi, functionName: "swapExactTokensForETH", chain: null, args: [moved, 0n, [dai, world.deployment.weth as Address], mover, maxUint256] }));
      }
      await dialog.locator("[data-test=settings-toggle]").click();
      await dialog.locator("[data-test=settings-reset]").click();
      await closeDialog(dialog);
    }
  });

  test("bad amounts and settings each get a sentence, keep the buttons off and send nothing", async () => {
    const pool = poolBySymbols(world, "DAI", "WETH");
    const { ethSide, tokenSide } = sidesOf(pool);
    const nonceBefore = await nonceOf(world, user);
    const dialog = await openDialog(page, card);
    const confirm = dialog.locator("[data-test=add-confirm]");
    expect(await confirm.isDisabled(), "add before anything is typed").toBe(true);
    const daiBalance = await balanceOf(world, [pool.token0, pool.token1][tokenSide] as Address, user);

    const cases: [number, string, RegExp, number][] = [
      [ethSide, "abc", /Enter a number/, ethSide],
      [ethSide, "-1", /Enter a number/, ethSide],
      [ethSide, "1e3", /Enter a number/, ethSide],
      [ethSide, "0", /above zero/, ethSide],
      [ethSide, "0.0000000000000000001", /at most 18 digits after the point/, ethSide],
      [ethSide, "100000", /more than the ETH you can put in while keeping 0\.01 ETH for gas/, ethSide],
      [tokenSide, `${daiBalance / 10n ** 18n + 1n}`, /more than your DAI balance/, tokenSide],
      // Enough ETH, but not the DAI it needs: said at the DAI field, naming what to lower.
      [ethSide, "100", /That needs [\d,.]+ DAI and you have [\d,.]+ DAI\. Enter less ETH\./, tokenSide],
      [tokenSide, "0.000000000000000001", /less than the smallest unit of ETH/, tokenSide],
    ];
    for (const [side, typed, reason, shownAt] of cases) {
      const input = dialog.locator(`[data-test=side-${side}] [data-test=amount]`);
      await input.fill(typed);
      const error = dialog.locator(`[data-test=side-${shownAt}] [data-test=amount-error]`);
      await expect.poll(() => error.isVisible(), { timeout: 2_000, message: `reason shown for "${typed}"` }).toBe(true);
      expect(await error.innerText(), `reason for "${typed}"`).toMatch(reason);
      expect(await confirm.isDisabled(), `add for "${typed}"`).toBe(true);
      await input.press("Enter");
    }
    await screenshot(page, "liquidity-bad-input", false);

    await dialog.locator("[data-test=tab-remove]").click();
    const remove = dialog.locator("[data-test=remove-amount]");
    const walletLp = await balanceOf(world, lpToken, user);
    for (const [typed, reason] of [["x", /Enter a number/], ["0", /above zero/], [`${walletLp}`, /more than the LP in your wallet/], ["0.000000000000000001", /too little LP to return any/]] as const) {
      await remove.fill(typed);
      expect(await dialog.locator("[data-test=remove-error]").innerText(), `reason for "${typed}"`).toMatch(reason);
      expect(await dialog.locator("[data-test=remove-confirm]").isDisabled()).toBe(true);
      await remove.press("Enter");
    }

    await dialog.locator("[data-test=settings-toggle]").click();
    for (const [typed, reason] of [["60", /at most 50%/], ["0", /above 0%/], ["abc", /number of percent/], ["0.001", /two digits/]] as const) {
      await dialog.locator("[data-test=slippage-custom]").fill(typed);
      expect(await dialog.locator("[data-test=slippage-error]").innerText()).toMatch(reason);
      expect(await dialog.locator("[data-test=slippage-error]").innerText()).toMatch(/Still using 0\.5%\./);
    }
    await dialog.locator("[data-test=slippage-custom]").fill("10");
    expect(await dialog.locator("[data-test=slippage-warning]").innerText()).toMatch(/High slippage/);
    await dialog.locator("[data-test=slippage-custom]").fill("0.01");
    expect(await dialog.locator("[data-test=slippage-warning]").innerText()).toMatch(/will likely fail/);
    for (const [typed, reason] of [["0", /at least 1 minute/], ["5000", /at most 4320 minutes/], ["1.5", /whole minutes/]] as const) {
      await dialog.locator("[data-test=deadline]").fill(typed);
      expect(await dialog.locator("[data-test=deadline-error]").innerText()).toMatch(reason);
    }
    await screenshot(page, "liquidity-bad-settings", false);
    await dialog.locator("[data-test=settings-reset]").click();
    expect(await dialog.locator("[data-test=settings-toggle]").innerText()).toMatch(/0\.5% · 20 min/);

    await new Promise((resolve) => setTimeout(resolve, 2_500)); // a block for anything sent to land in
    expect(await page.locator("[data-test=notice-pending]").count()).toBe(0);
    expect(await nonceOf(world, user)).toBe(nonceBefore);
    await closeDialog(dialog);
  });

  test("the settings are remembered across a reload", async () => {
    let dialog = await openDialog(page, card);
    await dialog.locator("[data-test=settings-toggle]").click();
    await dialog.locator("[data-test=slippage-custom]").fill("0.3");
    await dialog.locator("[data-test=deadline]").fill("30");
    expect(await dialog.locator("[data-test=settings-toggle]").innerText()).toMatch(/0\.3% · 30 min/);
    await page.reload();
    // The settings are the browser's, not the wallet's: the dialog shows them before connecting.
    await page.locator("[data-test=connect-button], [data-test=wallet-button]").first().waitFor();
    dialog = await openDialog(page, page.locator(`[data-test=pool-${pid}]`));
    expect(await dialog.locator("[data-test=settings-toggle]").innerText()).toMatch(/0\.3% · 30 min/);
    await dialog.locator("[data-test=settings-toggle]").click();
    expect(await dialog.locator("[data-test=slippage-custom]").inputValue()).toBe("0.3");
    await dialog.locator("[data-test=settings-reset]").click();
    await closeDialog(dialog);
  });
});

describe("on a 390 × 844 phone", () => {
  test("the dialog fits the width, both tabs and the settings, with its buttons in reach", async () => {
    const phone = await openApp(browser, "farms");
    try {
      await phone.setViewportSize({ width: 390, height: 844 });
      await connectDevAccount(phone, ETH_USER);
      const dialog = await openDialog(phone, await waitForPosition(phone, pid));
      const { ethSide } = sidesOf(poolBySymbols(world, "DAI", "WETH"));
      await dialog.locator(`[data-test=side-${ethSide}] [data-test=amount]`).fill("0.5");
      await dialog.locator("[data-test=add-summary]").waitFor();
      const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      const withinWidth = async (locator: Locator, what: string) => {
        await locator.scrollIntoViewIfNeeded();
        const box = (await locator.boundingBox())!;
        expect(box.x, `${what}'s left edge`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `${what}'s right edge`).toBeLessThanOrEqual(390);
      };
      expect(await overflow()).toBe(0);
      await withinWidth(dialog, "the dialog");
      await screenshot(phone, "liquidity-phone-390-add", false);
      await withinWidth(dialog.locator("[data-test=add-confirm]"), "Add liquidity");
      await screenshot(phone, "liquidity-phone-390-add-summary", false);
      await dialog.locator("[data-test=settings-toggle]").click();
      await withinWidth(dialog.locator("[data-test=slippage-custom]"), "the custom slippage");
      expect(await overflow()).toBe(0);
      await screenshot(phone, "liquidity-phone-390-settings", false);
      await dialog.locator("[data-test=tab-remove]").click();
      await dialog.locator("[data-test=percent-25]").click();
      await dialog.locator("[data-test=remove-summary]").waitFor();
      await withinWidth(dialog.locator("[data-test=remove-confirm]"), "Remove liquidity");
      expect(await overflow()).toBe(0);
      await screenshot(phone, "liquidity-phone-390-remove", false);
    } finally {
      await phone.close();
    }
  });
});

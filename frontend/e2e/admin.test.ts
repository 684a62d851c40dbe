/**
 * The admin page, as the farm's owner (dev account #0): a pair created just now (outside the app,
 * as anyone could on Uniswap) is pasted (the "advanced" path beside the pair picker, which
 * admin-review.test.ts covers), recognised by its tokens, reviewed, added as a pool in one `add`
 * transaction, and appears on the farms page. Addresses that must not become pools are refused
 * before anything is sent: an LP token that already has a pool, an address with no contract.
 */
import { type Address, getAddress, parseAbi, parseUnits, zeroAddress } from "viem";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { uniswapV2FactoryAbi } from "../src/chain/abis.generated";
import { connectDevAccount, expectConfirmed, launchBrowser, openApp, screenshot } from "./browser";
import { lpTokenOf, nodeWallet, onlyFarmCallDuring, openWorld, poolCount, type World } from "./chain";

const OWNER = 0;
/** An unlocked node account no other test uses, to play "someone who made a new pair". */
const PAIR_MAKER = 5;

const testTokenAbi = parseAbi(["function mint(address to, uint256 amount)", "function approve(address spender, uint256 amount) returns (bool)"]);
const routerAbi = parseAbi([
  "function addLiquidity(address tokenA, address tokenB, uint256 amountADesired, uint256 amountBDesired, uint256 amountAMin, uint256 amountBMin, address to, uint256 deadline) returns (uint256, uint256, uint256)",
]);

/** Test tokens with an open mint, and roughly their market price, so the new pair is priced sensibly. */
const MINTABLE_USD: Record<string, number> = { WBTC: 60_000, DAI: 1, USDC: 1 };

interface Token {
  address: Address;
  symbol: string;
  decimals: number;
}

let browser: Browser;
let page: Page;
let world: World;
let newPair: { address: Address; tokens: [Token, Token] };

/** The world's mintable test tokens, from the pools the deployments file lists. */
function mintableTokens(): Token[] {
  const found = new Map<string, Token>();
  for (const p of world.deployment.pools) {
    found.set(p.symbol0, { address: p.token0 as Address, symbol: p.symbol0, decimals: p.decimals0 });
    found.set(p.symbol1, { address: p.token1 as Address, symbol: p.symbol1, decimals: p.decimals1 });
  }
  const order = Object.keys(MINTABLE_USD);
  return [...found.values()].filter((t) => order.includes(t.symbol)).sort((a, b) => order.indexOf(a.symbol) - order.indexOf(b.symbol));
}

async function pairOf(a: Token, b: Token): Promise<Address> {
  return world.client.readContract({
    address: world.deployment.uniswapV2Factory as Address,
    abi: uniswapV2FactoryAbi,
    functionName: "getPair",
    args: [a.address, b.address],
  });
}

/** Creates, through the router, a pair no one has made yet ($100,000 a side): WBTC/DAI in a fresh world. */
async function createNewPair(): Promise<{ address: Address; tokens: [Token, Token] }> {
  const tokens = mintableTokens();
  let chosen: [Token, Token] | undefined;
  for (const [i, a] of tokens.entries()) for (const b of tokens.slice(i + 1)) if (!chosen && (await pairOf(a, b)) === zeroAddress) chosen = [a, b];
  if (!chosen) throw new Error(`Every pair of ${tokens.map((t) => t.symbol).join(", ")} already exists`);

  const maker = world.accounts[PAIR_MAKER];
  const wallet = nodeWallet(maker);
  const router = world.deployment.uniswapV2Router as Address;
  const send = async (hash: Promise<`0x${string}`>) => expect((await world.client.waitForTransactionReceipt({ hash: await hash })).status).toBe("success");
  const amounts = chosen.map((t) => parseUnits((100_000 / MINTABLE_USD[t.symbol]).toFixed(Math.min(t.decimals, 8)), t.decimals));
  for (const [i, token] of chosen.entries()) {
    await send(wallet.writeContract({ address: token.address, abi: testTokenAbi, functionName: "mint", args: [maker, amounts[i]], chain: null }));
    await send(wallet.writeContract({ address: token.address, abi: testTokenAbi, functionName: "approve", args: [router, amounts[i]], chain: null }));
  }
  const deadline = BigInt(Math.floor(Date.now() / 1000) + 3600);
  await send(
    wallet.writeContract({
      address: router,
      abi: routerAbi,
      functionName: "addLiquidity",
      args: [chosen[0].address, chosen[1].address, amounts[0], amounts[1], 0n, 0n, maker, deadline],
      chain: null,
    }),
  );
  const address = await pairOf(chosen[0], chosen[1]);
  expect(address).not.toBe(zeroAddress);
  return { address, tokens: chosen };
}

beforeAll(async () => {
  world = await openWorld();
  newPair = await createNewPair();
  browser = await launchBrowser();
  page = await openApp(browser, "admin");
});

afterAll(async () => {
  await browser?.close();
});

const lpInput = () => page.locator("[data-test=add-lp]");
const submit = () => page.locator("[data-test=add-submit]");
const lpError = () => page.locator("[data-test=add-lp-error]");

/** Opens "Advanced: paste an LP token address" (closed whenever the page is opened). */
async function openPasteField(): Promise<void> {
  if (!(await lpInput().isVisible())) await page.locator("[data-test=add-advanced] summary").click();
  await lpInput().waitFor();
}

describe("admin page", () => {
  test("without the owner's wallet the page says who may change the farm, and adding is off", async () => {
    await page.locator("[data-test=not-owner]").waitFor();
    await openPasteField();
    await lpInput().fill(newPair.address);
    await page.locator("[data-test=add-lp-pair]").waitFor();
    expect(await submit().isDisabled()).toBe(true);
    await lpInput().fill("");
  });

  test("as the owner: an LP token that already has a pool is refused before anything is sent", async () => {
    await connectDevAccount(page, OWNER);
    await page.locator("[data-test=not-owner]").waitFor({ state: "detached" });
    const existing = world.deployment.pools[1];
    // Pasted as people paste: lower case, with spaces around it.
    await lpInput().fill(`  ${existing.lpToken.toLowerCase()} `);
    await expect.poll(() => lpError().isVisible(), { timeout: 5_000 }).toBe(true);
    expect(await lpError().innerText()).toMatch(new RegExp(`already has a pool.*pool ${existing.pid}`));
    expect(await submit().isDisabled()).toBe(true);
  });

  test("as the owner: an address with no contract is refused", async () => {
    await lpInput().fill("0x000000000000000000000000000000000000dEaD");
    await expect.poll(() => lpError().innerText().catch(() => ""), { timeout: 5_000 }).toMatch(/^There is no contract/);
    expect(await submit().isDisabled()).toBe(true);
  });

  test("as the owner: a new pair is recognised, added in one `add` transaction, and shown on the farms page", async () => {
    const poolsBefore = await poolCount(world);
    await lpInput().fill(newPair.address);
    const pairLine = page.locator("[data-test=add-lp-pair]");
    await pairLine.waitFor();
    for (const token of newPair.tokens) expect(await pairLine.innerText()).toContain(token.symbol);
    await page.locator("[data-test=add-alloc]").fill("10");
    expect(await submit().isEnabled()).toBe(true);
    await screenshot(page, "admin");

    // Reviewed first (nothing sent until Confirm), then on chain: one transaction from the owner,
    // `add(10, pair)`, and a pool for the pair, its notice naming the pair.
    const name = `${newPair.tokens[0].symbol}/${newPair.tokens[1].symbol}`;
    const call = await onlyFarmCallDuring(world, world.accounts[OWNER], () =>
      expectConfirmed(page, async () => {
        await submit().click();
        const title = page.locator("[data-test=review-title]");
        await title.waitFor();
        expect([name, name.split("/").reverse().join("/")].map((n) => `Add a pool for ${n} (10 points)`)).toContain(await title.innerText());
        await page.locator("[data-test=review-confirm]").click();
      }),
    );
    expect(call.functionName).toBe("add");
    expect(call.args).toEqual([10n, getAddress(newPair.address)]);
    expect(await poolCount(world)).toBe(poolsBefore + 1);
    const pid = poolsBefore;
    expect(await lpTokenOf(world, pid)).toBe(getAddress(newPair.address));

    // The page: the field clears, the allocation table lists the pool, the farms page shows it.
    await expect.poll(() => lpInput().inputValue()).toBe("");
    await expect.poll(() => page.locator("[data-test=allocations]").innerText(), { timeout: 10_000 }).toContain(`#${pid} `);
    await page.locator("nav a[href='#/farms']").click();
    const card = page.locator(`[data-test=pool-${pid}]`);
    await card.waitFor();
    for (const token of newPair.tokens) expect(await card.innerText()).toContain(token.symbol);
  });

  test("the pool just added is now refused as a duplicate", async () => {
    await page.locator("nav a[href='#/admin']").click();
    await openPasteField();
    await lpInput().fill(newPair.address);
    await expect.poll(() => lpError().innerText().catch(() => ""), { timeout: 5_000 }).toMatch(/already has a pool/);
    expect(await submit().isDisabled()).toBe(true);
  });
});

/**
 * The sponsor page (#/sponsor, issue 17), as dev account #26: refused in sentences while it is no
 * sponsor, approved by the owner on the same page, then funding a PTN stream on the DAI/WETH pool
 * with the preview (what the funding does, the rate per block and per day, the APR) recomputed
 * here from the chain, the top-up's words (same end raises the rate, a later end extends it), the
 * runway of each stream, and reclaiming what nobody earned after the end (the pool's stakes all
 * predate its first stream, so none earns it). Desktop and 390 px. The file reverts the chain to
 * where it found it when it ends.
 */
import { type Address, type Hex, parseEther, parseUnits } from "viem";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { farmAbi, partnerRewarderAbi } from "../src/chain/abis.generated";
import { balanceOf, openWorld, poolBySymbols, type World } from "./chain";
import { launchBrowser, screenshot, settledNotice } from "./browser";
import { aprOf, devAccount, isShownPercent, mint, node, pageAs, partnerToken, rewarderOf, streamAt } from "./partners-chain";

const SPONSOR = 26;
const PHONE = { width: 390, height: 844 };
const E18 = 10n ** 18n;

let startSnapshot: Hex;
let world: World;
let browser: Browser;
let page: Page;
let sponsor: Address;
let ptn: Address;
let pid: number;

const form = () => page.locator("[data-test=fund-form]");
const text = async (selector: string) => (await page.locator(selector).innerText()).trim();
/** "1,234.5678" (or "<0.0001") as base units of an 18-decimal token. */
const units = (shown: string) => (shown.startsWith("<") ? 0n : parseUnits(shown.replaceAll(",", ""), 18));

async function fill(pool: number, token: string, amount: string, blocks: string): Promise<void> {
  await form().locator("[data-test=fund-pool]").selectOption(String(pool));
  await form().locator("[data-test=fund-token]").fill(token);
  await form().locator("[data-test=fund-amount]").fill(amount);
  await form().locator("[data-test=fund-end-blocks]").check();
  await form().locator("[data-test=fund-end]").fill(blocks);
}

/** The block the form's figures are for: its end block less the blocks typed. */
async function formBlock(blocks: bigint): Promise<{ end: bigint; block: bigint }> {
  const said = await text("[data-test=fund-end-block]");
  const end = BigInt(/^Ends at block ([\d,]+)/.exec(said)![1].replaceAll(",", ""));
  return { end, block: end - blocks };
}

beforeAll(async () => {
  startSnapshot = await node.snapshot();
  world = await openWorld();
  sponsor = await devAccount(SPONSOR);
  ptn = await partnerToken(world);
  pid = poolBySymbols(world, "DAI", "WETH").pid;
  await mint(world, ptn, sponsor, parseEther("5000"));
  browser = await launchBrowser();
  page = await pageAs(browser, sponsor, "sponsor");
  await form().waitFor();
});

afterAll(async () => {
  await browser?.close();
  if (startSnapshot) await node.revert({ id: startSnapshot });
});

describe("the sponsor page", () => {
  test("refuses in sentences: an address that is none, and an account that is no sponsor", async () => {
    await fill(pid, "0x1234", "100", "5000");
    expect(await text("[data-test=fund-token-error]")).toBe('"0x1234" is not an address: enter 0x followed by 40 hex digits.');
    await form().locator("[data-test=fund-token]").fill(world.deployment.farm);
    await expect.poll(() => text("[data-test=fund-token-error]")).toBe("That contract is not an ERC-20 token (it has no symbol or decimals). Enter the partner token's address.");
    await form().locator("[data-test=fund-token]").fill(ptn);
    await expect.poll(() => text("[data-test=fund-error]")).toBe("Only the farm's owner and the sponsors it approves for this pool fund its streams: ask the owner to approve your account for it.");
    expect(await form().locator("[data-test=fund-submit]").isDisabled()).toBe(true);
    expect(await page.locator("[data-test=sponsors-admin]").count(), "the owner's panel is the owner's only").toBe(0);
  });

  test("takes the end as a date too, at the dapp's block time, and refuses one that has passed", async () => {
    await form().locator("[data-test=fund-end-date]").check();
    await form().locator("[data-test=fund-end]").fill("2001-01-01T00:00");
    expect(await text("[data-test=fund-end-error]")).toBe("That date has passed: pick a date in the future.");
    // A day after the latest block's time (the page's clock is the chain's: UTC here).
    const latest = await world.client.getBlock();
    const target = new Date((Number(latest.timestamp) + 86_400) * 1000).toISOString().slice(0, 16);
    await form().locator("[data-test=fund-end]").fill(target);
    const said = await text("[data-test=fund-end-block]");
    const end = BigInt(/^Ends at block ([\d,]+)/.exec(said)![1].replaceAll(",", ""));
    const blocks = BigInt(Math.ceil(86_400 / world.deployment.blockSeconds!));
    // Counted from the block the page last read, to the minute typed: within a few blocks of a day.
    expect(end - latest.number).toBeGreaterThan(blocks - 40n);
    expect(end - latest.number).toBeLessThanOrEqual(blocks + 1n);
    await form().locator("[data-test=fund-end-blocks]").check();
  });

  test("the owner approves #26 as a sponsor on the same page", async () => {
    const owner = await pageAs(browser, world.accounts[0], "sponsor");
    const panel = owner.locator("[data-test=sponsors-admin]");
    await panel.locator("[data-test=sponsor-account]").fill("0xnope");
    expect(await panel.locator("[data-test=sponsor-account-error]").innerText()).toBe('"0xnope" is not an address: enter 0x followed by 40 hex digits.');
    await panel.locator("[data-test=sponsor-pool]").selectOption(String(pid)); // sponsors are approved per pool
    await panel.locator("[data-test=sponsor-account]").fill(sponsor);
    const notice = await settledNotice(owner, () => panel.locator("[data-test=sponsor-approve]").click());
    expect(notice.status, notice.text).toBe("confirmed");
    expect(await world.client.readContract({ address: await rewarderOf(world), abi: partnerRewarderAbi, functionName: "isSponsor", args: [BigInt(pid), sponsor] })).toBe(true);
    await screenshot(owner, "partners-sponsor-owner");
    await owner.close();
    // #26's page learns it when it next opens (it asks on connecting, not every block).
    await page.close();
    page = await pageAs(browser, sponsor, "sponsor");
    // Approved for DAI/WETH only: the page says so once that pool is chosen.
    await form().locator("[data-test=fund-pool]").selectOption(String(pid));
    await page.locator("[data-test=you-sponsor]").waitFor();
  });

  test("funding a new stream: the preview's rate and APR are the chain's, and the stream is what it said", async () => {
    await fill(pid, ptn, "1000", "5000");
    expect(await text("[data-test=fund-token-info]")).toMatch(/^PTN, 18 decimals; you hold 5,000 PTN at \$0\.\d+ each\.$/);
    await expect.poll(() => page.locator("[data-test=fund-kind]").getAttribute("data-kind")).toBe("start");
    const { end, block } = await formBlock(5000n);
    expect(await text("[data-test=fund-kind]")).toBe(`This starts a PTN stream: over the next ${(end - block - 1n).toLocaleString("en-US")} blocks, to block ${end.toLocaleString("en-US")}.`);
    // Mined in the next block: 1,000 PTN over the blocks from there to the end.
    const perBlock = (1000n * E18) / (end - block - 1n);
    const dayBlocks = BigInt(Math.round(86_400 / world.deployment.blockSeconds!));
    expect(units(await text("[data-test=fund-rate-block]"))).toBeLessThanOrEqual(perBlock);
    expect(perBlock - units(await text("[data-test=fund-rate-block]"))).toBeLessThan(perBlock / 100_000n);
    const perDay = units(await text("[data-test=fund-rate-day]"));
    expect(perDay <= perBlock * dayBlocks && perBlock * dayBlocks - perDay < 10n ** 14n).toBe(true);
    // The APR over the farm's weights in the pool at that block (every staker counted).
    const [totalShares] = await world.client.readContract({ address: world.deployment.farm as Address, abi: farmAbi, functionName: "poolShares", args: [BigInt(pid)], blockNumber: block });
    const apr = await aprOf(world, pid, ptn, perBlock, totalShares, block);
    const shownApr = await text("[data-test=fund-apr]");
    expect(isShownPercent(shownApr, apr), `${shownApr} vs ${apr * 100}%`).toBe(true);
    expect(await form().locator("[data-test=fund-submit]").innerText()).toBe("Approve PTN and fund");
    await screenshot(page, "partners-sponsor-preview");

    const before = await balanceOf(world, ptn, sponsor);
    // The end block the form says and the click in one turn of the page's script: a block mined
    // since the figures above moves the form's end with it, and the stream must end where the form
    // said when the sponsor clicked.
    const endAtClick = await page.evaluate(() => {
      const said = document.querySelector("[data-test=fund-end-block]")!.textContent!;
      document.querySelector<HTMLButtonElement>("[data-test=fund-submit]")!.click();
      return BigInt(/^Ends at block ([\d,]+)/.exec(said)![1]!.replaceAll(",", "")).toString();
    });
    expect(BigInt(endAtClick) - end, "the form's end moved by a block or two at most").toBeLessThanOrEqual(2n);
    await expect.poll(async () => (await streamAt(world, pid, ptn).catch(() => undefined))?.amount, { timeout: 30_000 }).toBeDefined();
    const stream = await streamAt(world, pid, ptn);
    expect([stream.sponsor, stream.endBlock]).toEqual([sponsor, BigInt(endAtClick)]);
    expect(stream.amount).toBe(1000n * E18);
    expect(await balanceOf(world, ptn, sponsor)).toBe(before - 1000n * E18);
  });

  test("a top-up says whether it raises the rate (same end) or extends the stream (later end), and refuses an earlier end", async () => {
    const row = page.locator(`[data-test=stream-${pid}-PTN]`);
    await row.waitFor();
    await row.locator("[data-test=stream-top-up]").click();
    await form().locator("[data-test=fund-amount]").fill("100");
    await expect.poll(() => page.locator("[data-test=fund-kind]").getAttribute("data-kind")).toBe("raise");
    const stream = await streamAt(world, pid, ptn);
    expect(await text("[data-test=fund-kind]")).toBe(`Same end (block ${stream.endBlock.toLocaleString("en-US")}): this top-up raises the stream's rate.`);
    const { block } = await formBlock(BigInt((await form().locator("[data-test=fund-end]").inputValue())));
    await form().locator("[data-test=fund-end]").fill(String(stream.endBlock - block + 1_000n));
    await expect.poll(() => page.locator("[data-test=fund-kind]").getAttribute("data-kind")).toBe("extend");
    expect(await text("[data-test=fund-kind]")).toMatch(new RegExp(`^Later end: this top-up extends the stream from block ${stream.endBlock.toLocaleString("en-US")} to block `));
    await form().locator("[data-test=fund-end]").fill("10");
    await expect.poll(() => text("[data-test=fund-error]")).toBe(`The end must be at block ${stream.endBlock.toLocaleString("en-US")} or later: a running stream's end is never moved earlier. Choose a later end.`);
    await form().locator("[data-test=fund-amount]").fill("999999");
    await form().locator("[data-test=fund-end]").fill("9000");
    await expect.poll(() => text("[data-test=fund-error]")).toBe("That is more than your PTN balance (4,000).");
    expect(await form().locator("[data-test=fund-submit]").isDisabled()).toBe(true);
  });

  test("each stream's runway is the chain's: what remains, its rate, and the blocks left", async () => {
    const row = page.locator(`[data-test=stream-${pid}-PTN]`);
    const shown = await row.evaluate((el) => Object.fromEntries(["stream-remaining", "stream-rate-day", "stream-rate-block", "stream-runway", "stream-end"].map((t) => [t, el.querySelector(`[data-test=${t}]`)!.textContent!.trim()])));
    const end = BigInt(shown["stream-end"].replaceAll(",", ""));
    const left = BigInt(shown["stream-runway"].replace(" blocks", "").replaceAll(",", ""));
    const block = end - left;
    const stream = await streamAt(world, pid, ptn, block);
    const perBlock = stream.remaining / left;
    const dayBlocks = BigInt(Math.round(86_400 / world.deployment.blockSeconds!));
    expect(units(shown["stream-remaining"]) <= stream.remaining && stream.remaining - units(shown["stream-remaining"]) < 10n ** 14n).toBe(true);
    const shownRate = units(shown["stream-rate-block"]);
    expect(shownRate <= perBlock && perBlock - shownRate <= perBlock / 100_000n).toBe(true);
    const shownDay = units(shown["stream-rate-day"]);
    expect(shownDay <= perBlock * dayBlocks && perBlock * dayBlocks - shownDay < 10n ** 14n).toBe(true);
    await screenshot(page, "partners-sponsor");
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "no horizontal scroll at 390 px").toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, "partners-sponsor-phone");
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test("after the end, the sponsor reclaims what nobody earned: the amount shown is the chain's, and it arrives", async () => {
    const stream = await streamAt(world, pid, ptn);
    await node.mine({ blocks: Number(stream.endBlock - (await world.client.getBlockNumber())) + 1 });
    const row = page.locator(`[data-test=stream-${pid}-PTN]`);
    await row.locator("[data-test=stream-ended]").waitFor({ timeout: 20_000 });
    const unclaimed = (await streamAt(world, pid, ptn)).unclaimedBySponsor;
    // Every stake in the pool predates its first stream, and none acted since: nobody earned any.
    expect(unclaimed).toBe(1000n * E18);
    const button = row.locator("[data-test=stream-reclaim]");
    expect(await button.innerText()).toBe("Reclaim 1,000 PTN");
    const before = await balanceOf(world, ptn, sponsor);
    const notice = await settledNotice(page, () => button.click());
    expect(notice.status, notice.text).toBe("confirmed");
    expect(await balanceOf(world, ptn, sponsor)).toBe(before + unclaimed);
    await expect.poll(() => row.locator("[data-test=stream-nothing]").count()).toBe(1);
  });

  test("the owner revokes #26: it funds no new stream", async () => {
    const owner = await pageAs(browser, world.accounts[0], "sponsor");
    const panel = owner.locator("[data-test=sponsors-admin]");
    await panel.locator("[data-test=sponsor-pool]").selectOption(String(pid));
    await panel.locator("[data-test=sponsor-account]").fill(sponsor);
    const notice = await settledNotice(owner, () => panel.locator("[data-test=sponsor-revoke]").click());
    expect(notice.status, notice.text).toBe("confirmed");
    expect(await world.client.readContract({ address: await rewarderOf(world), abi: partnerRewarderAbi, functionName: "isSponsor", args: [BigInt(pid), sponsor] })).toBe(false);
    await owner.close();
  });
});

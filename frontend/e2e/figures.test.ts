/**
 * Every figure the farms page shows, computed here from the chain alone (reserves, supplies, the
 * farm's state, the pairs' Swap logs) by the rules the README states, and compared with the page:
 * token prices and the reward's, each pool's staked liquidity, the total, reward APR, trading-fee
 * APR, emission per day, the connected account's staked value and pending reward. Nothing is taken
 * from the app but the text it shows.
 *
 * The rules: USD prices from Uniswap V2 reserves, the stablecoin at $1, WETH from the deepest
 * stablecoin/WETH pair, other tokens from a stablecoin pair, else a WETH pair (the deepest); the
 * block time is the deployment's nominal one; reward APR = reward per block × blocks per 365 days
 * × allocation share × reward price ÷ the USD value of the pool's weights (its `poolShares` at the
 * LP price: the LP staked, plus what running locks' boosts add); fee APR = 0.3% of the USD swapped into a pair
 * over the last day of blocks (each swap valued on its input side at today's prices) × 365 ÷ the
 * pair's reserves in USD.
 */
import type { Browser, Page } from "playwright-core";
import { type Address, erc20Abi, parseAbiItem } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { farmAbi } from "../src/chain/abis.generated";
import { openFarmsAs, parseUsd, readAmount, screenshot } from "./browser";
import type { World } from "./chain";
import { type Pair, pricesOf, readPair, same, whole } from "./pool-figures";

const ACCOUNT = 1;
const YEAR_SECONDS = 365 * 86_400;
const SWAP = parseAbiItem("event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)");

let browser: Browser;
let page: Page;
let world: World;

beforeAll(async () => {
  ({ world, browser, page } = await openFarmsAs(ACCOUNT, "USDC", "WETH"));
});

afterAll(async () => {
  await browser?.close();
});

/** Within the rounding of the figure as shown: half a unit of its last digit, relative to its size. */
function expectShown(label: string, shown: string, computed: number): void {
  const number = /-?[\d,]+(?:\.(\d+))?/.exec(shown.replace(/^<?\$/, ""));
  expect(number, `${label}: "${shown}" is not a number`).not.toBeNull();
  const value = Number(number![0].replaceAll(",", "")) * (shown.endsWith("M") ? 1e6 : shown.endsWith("B") ? 1e9 : 1);
  const unit = 10 ** -(number![1]?.length ?? 0) * (shown.endsWith("M") ? 1e6 : shown.endsWith("B") ? 1e9 : 1);
  expect(Math.abs(value - computed), `${label}: shown ${shown}, computed ${computed}`).toBeLessThanOrEqual(unit / 2 + Math.abs(computed) * 1e-9);
}

describe("farms page figures, computed independently from the chain", () => {
  test("prices, liquidity, reward and fee APRs, emission per day, staked value and pending", async () => {
    const { client, deployment } = world;
    const user = world.accounts[ACCOUNT];
    const blockSeconds = deployment.blockSeconds!;
    expect(blockSeconds, "the launcher states its block time in the deployments file").toBeGreaterThan(0);
    const dayBlocks = BigInt(Math.round(86_400 / blockSeconds));

    // One block for everything: the page shows it once it has read it.
    const block = await client.getBlockNumber();
    const farm = { address: deployment.farm as Address, abi: farmAbi, blockNumber: block } as const;
    const [rewardPerBlock, totalAlloc, poolLength] = await Promise.all([
      client.readContract({ ...farm, functionName: "rewardPerBlock" }),
      client.readContract({ ...farm, functionName: "totalAllocPoint" }),
      client.readContract({ ...farm, functionName: "poolLength" }),
    ]);
    const rewardDecimals = await client.readContract({ address: deployment.rewardToken as Address, abi: erc20Abi, functionName: "decimals" });
    const pools = await Promise.all(
      Array.from({ length: Number(poolLength) }, async (_, pid) => {
        const [lpToken, allocPoint, totalStaked] = await client.readContract({ ...farm, functionName: "poolInfo", args: [BigInt(pid)] });
        const [staked] = await client.readContract({ ...farm, functionName: "userInfo", args: [BigInt(pid), user] });
        const [totalShares] = await client.readContract({ ...farm, functionName: "poolShares", args: [BigInt(pid)] });
        return { pid, allocPoint, totalStaked, totalShares, staked, pair: await readPair(world, lpToken, block) };
      }),
    );
    const price = pricesOf(world, pools.map((p) => p.pair));
    const reserveUsd = (p: Pair) => p.reserve0 * price(p.token0) + p.reserve1 * price(p.token1);
    const lpUsd = (p: Pair, amount: bigint) => (whole(amount, 18) / whole(p.supply, 18)) * reserveUsd(p);
    const rewardPrice = price(deployment.rewardToken);

    // The last day of blocks' swaps, in one scan.
    const fromBlock = block > dayBlocks ? block - dayBlocks : 0n;
    const logs = await client.getLogs({ address: pools.map((p) => p.pair.address), event: SWAP, fromBlock, toBlock: block });
    const volumeUsd = (p: Pair) =>
      logs
        .filter((log) => same(log.address, p.address))
        .reduce((sum, log) => sum + whole(log.args.amount0In!, p.decimals0) * price(p.token0) + whole(log.args.amount1In!, p.decimals1) * price(p.token1), 0);

    const summary = page.locator("[data-test=summary]");
    expectShown("reward price", await summary.locator("[data-test=reward-price]").innerText(), rewardPrice);
    expectShown("emission per day", await summary.locator("[data-test=emission-per-day]").innerText(), whole(rewardPerBlock * dayBlocks, rewardDecimals));
    expect(await summary.innerText(), "the block time the figures use, and where it comes from").toContain(`${blockSeconds} s blocks (the deployment's pace)`);

    let tvl = 0;
    let userStaked = 0;
    let feesSeen = 0;
    for (const { pid, allocPoint, totalStaked, totalShares, staked, pair } of pools) {
      const card = page.locator(`[data-test=pool-${pid}]`);
      const stakedUsd = lpUsd(pair, totalStaked);
      tvl += stakedUsd;
      userStaked += lpUsd(pair, staked);
      expectShown(`pool ${pid} liquidity staked`, await card.locator("[data-test=pool-tvl]").innerText(), stakedUsd);

      const shownRewardApr = await card.locator("[data-test=reward-apr]").innerText();
      if (allocPoint > 0n && totalStaked === 0n) {
        expect(shownRewardApr, `pool ${pid}: nothing staked, no rate to show`).toBe("new");
      } else {
        const share = Number(allocPoint) / Number(totalAlloc);
        const weightUsd = lpUsd(pair, totalShares);
        const rewardApr = allocPoint === 0n ? 0 : (whole(rewardPerBlock, rewardDecimals) * (YEAR_SECONDS / blockSeconds) * share * rewardPrice) / weightUsd;
        expectShown(`pool ${pid} reward APR`, shownRewardApr, rewardApr * 100);
      }

      const volume = volumeUsd(pair);
      if (volume > 0) feesSeen += 1;
      const feeApr = (0.003 * volume * 365) / reserveUsd(pair);
      expectShown(`pool ${pid} fee APR`, await card.locator("[data-test=fee-apr]").innerText(), feeApr * 100);
    }
    expect(feesSeen, "the world has swaps in the last day: some pool must show a fee APR").toBeGreaterThan(0);
    expectShown("total value staked", await summary.locator("[data-test=tvl]").innerText(), tvl);
    expectShown("your staked value", await summary.locator("[data-test=user-staked]").innerText(), userStaked);
    expect(parseUsd(await summary.locator("[data-test=user-staked]").innerText())).toBeGreaterThan(0);

    // Pending moves every block: compare with the chain at the block the page shows it for.
    const pid = pools.find((p) => p.staked > 0n)!.pid;
    const pendingCell = page.locator(`[data-test=pool-${pid}] [data-test=pending]`);
    await expect.poll(async () => {
      const shown = await readAmount(pendingCell, rewardDecimals);
      const now = await client.getBlockNumber();
      const candidates = await Promise.all([now - 1n, now].map((b) => client.readContract({ address: deployment.farm as Address, abi: farmAbi, functionName: "pendingReward", args: [BigInt(pid), user], blockNumber: b })));
      // The page cuts to 4 decimals, never rounding up.
      const cut = (wei: bigint) => wei - (wei % 10n ** BigInt(rewardDecimals - 4));
      return candidates.map(cut).includes(shown);
    }, { timeout: 15_000 }).toBe(true);
    await screenshot(page, "farms-figures");
  });
});

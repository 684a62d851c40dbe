/**
 * src/lib's liquidity arithmetic against the real Uniswap V2 router and pairs of the local world
 * (test/setup/world.ts): for random amounts, what the dialog's plan promises (the amounts the router
 * takes, the LP minted, the tokens a burn returns) is what the router answers when simulated at the
 * same block, to the wei; and with the protocol fee switched on in the simulation alone (a state
 * override of the factory's feeTo and the pair's kLast), the fee the pair mints first is counted.
 *
 * Dev account #11 is this file's: it holds tokens and approvals for the simulations, and LP for
 * the burns. Nothing here moves a reserve (every router call is simulated, not sent).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

import fc from "fast-check";
import { type Address, createPublicClient, createWalletClient, erc20Abi, type Hash, type Hex, http, maxUint256, numberToHex, pad, parseAbi, parseEther, parseUnits } from "viem";
import { beforeAll, describe, expect, inject, it } from "vitest";

import type { Deployment } from "../../../deploy/deployments";
import { uniswapV2PairAbi, uniswapV2RouterAbi } from "../../src/chain/abis.generated";
import { burnAmounts, type PairLiquidity, quote } from "../../src/lib/liquidity";
import { planAdd, type Side } from "../../src/lib/liquidity-plan";

const ACCOUNT = 11;
/** Random cases per property: each is one eth_call. */
const RUNS = 60;

const client = createPublicClient({ transport: http(inject("rpcUrl")), cacheTime: 0 });
let deployment: Deployment;
let user: Address;

const testTokenAbi = parseAbi(["function mint(address to, uint256 amount)"]);

async function mined(hash: Promise<Hash>): Promise<void> {
  expect((await client.waitForTransactionReceipt({ hash: await hash })).status).toBe("success");
}

beforeAll(async () => {
  deployment = JSON.parse(await readFile(path.join(inject("deploymentsDir"), "31337.json"), "utf8")) as Deployment;
  const wallet = createWalletClient({ transport: http(inject("rpcUrl")) });
  user = (await wallet.getAddresses())[ACCOUNT];
  const router = deployment.uniswapV2Router as Address;
  // Plenty of every token, and the router approved for all of it and for every pair's LP.
  for (const pool of deployment.pools.slice(0, 4)) {
    for (const [token, decimals] of [[pool.token0, pool.decimals0], [pool.token1, pool.decimals1]] as const) {
      if (token.toLowerCase() === deployment.weth.toLowerCase()) continue;
      await mined(wallet.writeContract({ account: user, address: token as Address, abi: testTokenAbi, functionName: "mint", args: [user, parseUnits("100000000", decimals)], chain: null }));
      await mined(wallet.writeContract({ account: user, address: token as Address, abi: erc20Abi, functionName: "approve", args: [router, maxUint256], chain: null }));
    }
    await mined(wallet.writeContract({ account: user, address: pool.lpToken as Address, abi: uniswapV2PairAbi, functionName: "approve", args: [router, maxUint256], chain: null }));
  }
  // LP of DAI/USDC to burn in simulations.
  const daiUsdc = pool("DAI", "USDC");
  await mined(wallet.writeContract({
    account: user, address: router, abi: uniswapV2RouterAbi, functionName: "addLiquidity", chain: null,
    args: [daiUsdc.token0 as Address, daiUsdc.token1 as Address, parseUnits("10000", daiUsdc.decimals0), parseUnits("10000", daiUsdc.decimals1), 0n, 0n, user, maxUint256],
  }));
});

function pool(a: string, b: string) {
  const found = deployment.pools.find((p) => [p.symbol0, p.symbol1].sort().join() === [a, b].sort().join());
  if (!found) throw new Error(`no ${a}/${b} pool`);
  return found;
}

/** The pair as the lib reads it, at `blockNumber`, with the protocol fee as `fee` says. */
async function pairAt(lp: Address, token0: Address, token1: Address, blockNumber: bigint, fee?: { kLast: bigint }): Promise<PairLiquidity> {
  const at = { blockNumber } as const;
  const [reserve0, reserve1] = await client.readContract({ address: lp, abi: uniswapV2PairAbi, functionName: "getReserves", ...at });
  const totalSupply = await client.readContract({ address: lp, abi: uniswapV2PairAbi, functionName: "totalSupply", ...at });
  const balance0 = await client.readContract({ address: token0, abi: erc20Abi, functionName: "balanceOf", args: [lp], ...at });
  const balance1 = await client.readContract({ address: token1, abi: erc20Abi, functionName: "balanceOf", args: [lp], ...at });
  return { reserve0, reserve1, balance0, balance1, totalSupply, kLast: fee?.kLast ?? 0n, feeOn: fee !== undefined };
}

/**
 * The protocol fee switched on for one simulation: the factory's feeTo (storage slot 0) set, and
 * the pair's kLast (slot 11 of UniswapV2Pair) set to `kLast`. The chain itself is not touched.
 */
function feeOverride(lp: Address, kLast: bigint) {
  const word = (value: bigint): Hex => pad(numberToHex(value), { size: 32 });
  return [
    { address: deployment.uniswapV2Factory as Address, stateDiff: [{ slot: word(0n), value: pad("0x00000000000000000000000000000000000fee70", { size: 32 }) }] },
    { address: lp, stateDiff: [{ slot: word(11n), value: word(kLast) }] },
  ];
}

const side = (symbol: string, decimals: number, eth = false): Side => ({ symbol, decimals, balance: parseEther("1000000000"), eth });

describe("the liquidity arithmetic against the real router", () => {
  it("quote is the router's quote", async () => {
    await fc.assert(
      fc.asyncProperty(fc.bigInt(1n, 10n ** 30n), fc.bigInt(1n, 2n ** 112n - 1n), fc.bigInt(1n, 2n ** 112n - 1n), async (amount, reserveA, reserveB) => {
        const router = await client.readContract({ address: deployment.uniswapV2Router as Address, abi: uniswapV2RouterAbi, functionName: "quote", args: [amount, reserveA, reserveB] });
        expect(quote(amount, reserveA, reserveB)).toBe(router);
      }),
      { numRuns: RUNS },
    );
  });

  it("adding DAI/USDC: the plan's amounts and LP are what addLiquidity answers, either field typed", async () => {
    const p = pool("DAI", "USDC");
    const [token0, token1] = [p.token0 as Address, p.token1 as Address];
    const blockNumber = await client.getBlockNumber();
    const pair = await pairAt(p.lpToken as Address, token0, token1, blockNumber);
    const sides: [Side, Side] = [side(p.symbol0, p.decimals0), side(p.symbol1, p.decimals1)];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1 }), fc.bigInt(1n, 10n ** 12n), async (lead, units) => {
        const text = (Number(units) / 1e6).toFixed(6); // 0.000001 to 1,000,000 of the lead token
        const plan = planAdd({ texts: lead === 0 ? [text, ""] : ["", text], lead: lead as 0 | 1, sides, pair, held: 0n, slippageBps: 50 });
        if (!plan.ok) return; // too little for a wei of the other side: the plan says so, nothing to send
        const { desired, minimums, amounts, liquidity } = plan.quote;
        const { result } = await client.simulateContract({
          account: user, address: deployment.uniswapV2Router as Address, abi: uniswapV2RouterAbi, functionName: "addLiquidity", blockNumber,
          args: [token0, token1, desired[0], desired[1], minimums[0], minimums[1], user, maxUint256],
        });
        expect(result).toEqual([amounts[0], amounts[1], liquidity]);
        // The typed amount goes in whole.
        expect(amounts[lead]).toBe(desired[lead]);
      }),
      { numRuns: RUNS },
    );
  });

  it("adding with ETH to a WETH pair: the plan's amounts and LP are what addLiquidityETH answers", async () => {
    const p = pool("DAI", "WETH");
    const ethSide = p.token0.toLowerCase() === deployment.weth.toLowerCase() ? 0 : 1;
    const tokenSide = ethSide === 0 ? 1 : 0;
    const [token0, token1] = [p.token0 as Address, p.token1 as Address];
    const blockNumber = await client.getBlockNumber();
    const pair = await pairAt(p.lpToken as Address, token0, token1, blockNumber);
    const sides: [Side, Side] = [side(p.symbol0, p.decimals0, ethSide === 0), side(p.symbol1, p.decimals1, ethSide === 1)];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1 }), fc.bigInt(1n, 10n ** 9n), async (lead, units) => {
        const text = (Number(units) / 1e6).toFixed(6);
        const plan = planAdd({ texts: lead === 0 ? [text, ""] : ["", text], lead: lead as 0 | 1, sides, pair, held: 0n, slippageBps: 50 });
        if (!plan.ok) return;
        const { desired, minimums, amounts, liquidity } = plan.quote;
        const { result } = await client.simulateContract({
          account: user, address: deployment.uniswapV2Router as Address, abi: uniswapV2RouterAbi, functionName: "addLiquidityETH", blockNumber,
          args: [tokenSide === 0 ? token0 : token1, desired[tokenSide], minimums[tokenSide], minimums[ethSide], user, maxUint256],
          value: desired[ethSide],
        });
        expect(result).toEqual([amounts[tokenSide], amounts[ethSide], liquidity]);
        expect(amounts[lead]).toBe(desired[lead]);
      }),
      { numRuns: RUNS },
    );
  });

  it("removing: burnAmounts is what removeLiquidity answers", async () => {
    const p = pool("DAI", "USDC");
    const [token0, token1] = [p.token0 as Address, p.token1 as Address];
    const blockNumber = await client.getBlockNumber();
    const pair = await pairAt(p.lpToken as Address, token0, token1, blockNumber);
    const held = await client.readContract({ address: p.lpToken as Address, abi: uniswapV2PairAbi, functionName: "balanceOf", args: [user], blockNumber });
    await fc.assert(
      fc.asyncProperty(fc.bigInt(1n, held), async (liquidity) => {
        const [amount0, amount1] = burnAmounts(liquidity, pair);
        if (amount0 === 0n || amount1 === 0n) return; // the pair refuses such a burn; the plan says so
        const { result } = await client.simulateContract({
          account: user, address: deployment.uniswapV2Router as Address, abi: uniswapV2RouterAbi, functionName: "removeLiquidity", blockNumber,
          args: [token0, token1, liquidity, amount0, amount1, user, maxUint256],
        });
        expect(result).toEqual([amount0, amount1]);
      }),
      { numRuns: RUNS },
    );
  });

  it("with the protocol fee on, mints and burns meet the supply after the fee, as the pair does", async () => {
    const p = pool("DAI", "USDC");
    const [token0, token1, lp] = [p.token0 as Address, p.token1 as Address, p.lpToken as Address];
    const blockNumber = await client.getBlockNumber();
    const plain = await pairAt(lp, token0, token1, blockNumber);
    // k has grown by 1% since the (overridden) last checkpoint: the fee is a sixth of √k's growth.
    const kLast = (plain.reserve0 * plain.reserve1 * 100n) / 101n;
    const pair = await pairAt(lp, token0, token1, blockNumber, { kLast });
    const stateOverride = feeOverride(lp, kLast);
    expect(await client.readContract({ address: lp, abi: uniswapV2PairAbi, functionName: "kLast", blockNumber, stateOverride })).toBe(kLast);

    const sides: [Side, Side] = [side(p.symbol0, p.decimals0), side(p.symbol1, p.decimals1)];
    const plan = planAdd({ texts: ["1000", ""], lead: 0, sides, pair, held: 0n, slippageBps: 50 });
    if (!plan.ok) throw new Error(plan.reason);
    const { desired, minimums, amounts, liquidity } = plan.quote;
    const added = await client.simulateContract({
      account: user, address: deployment.uniswapV2Router as Address, abi: uniswapV2RouterAbi, functionName: "addLiquidity", blockNumber, stateOverride,
      args: [token0, token1, desired[0], desired[1], minimums[0], minimums[1], user, maxUint256],
    });
    expect(added.result).toEqual([amounts[0], amounts[1], liquidity]);
    // The fee made a difference the plan saw: the supply it meets is larger, so the same amounts mint more LP.
    const withoutFee = planAdd({ texts: ["1000", ""], lead: 0, sides, pair: plain, held: 0n, slippageBps: 50 });
    if (!withoutFee.ok) throw new Error(withoutFee.reason);
    expect(withoutFee.quote.liquidity).toBeLessThan(liquidity);

    const burnt = burnAmounts(10n ** 12n, pair);
    const removed = await client.simulateContract({
      account: user, address: deployment.uniswapV2Router as Address, abi: uniswapV2RouterAbi, functionName: "removeLiquidity", blockNumber, stateOverride,
      args: [token0, token1, 10n ** 12n, burnt[0], burnt[1], user, maxUint256],
    });
    expect(removed.result).toEqual(burnt);
    // ... and the same LP returns less of each token.
    const [plain0, plain1] = burnAmounts(10n ** 12n, plain);
    expect(plain0).toBeGreaterThan(burnt[0]);
    expect(plain1).toBeGreaterThan(burnt[1]);
  });
});

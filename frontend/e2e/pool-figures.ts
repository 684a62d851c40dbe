/**
 * A pool's figures computed from the chain alone, by the rules the README states (the same rules
 * e2e/figures.test.ts checks the farms page with): token prices from Uniswap V2 reserves, the
 * stablecoin at 1, WETH from the deepest stablecoin/WETH pair, other tokens from a stablecoin
 * pair, else a WETH pair; the block time from the deployments file; the pool's yearly reward in
 * the stablecoin (reward per block × blocks per 365 days × allocation share × reward price); the
 * fee APR (0.3% of the stablecoin value swapped into the pair over the last day of blocks, each
 * swap valued on its input side, × 365 ÷ the reserves). Nothing is taken from the app.
 */
import { type Address, erc20Abi, formatUnits, getAddress, parseAbiItem } from "viem";

import { farmAbi, uniswapV2PairAbi } from "../src/chain/abis.generated";
import type { World } from "./chain";

const YEAR_SECONDS = 365 * 86_400;
const SWAP = parseAbiItem("event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)");

/** A pair as the chain has it, reserves in whole tokens. */
export interface Pair {
  address: Address;
  token0: Address;
  token1: Address;
  decimals0: number;
  decimals1: number;
  reserve0: number;
  reserve1: number;
  supply: bigint;
}

/** One pool as the chain has it, in the stablecoin. */
export interface PoolFigures {
  pid: number;
  lpPrice: number;
  stakedUsd: number;
  /** The pool's share of the emission a year, in the stablecoin at today's reward price. */
  yearlyRewardUsd: number;
  feeApr: number;
  /** `user`'s stake in LP wei and in the stablecoin. */
  userStaked: bigint;
  userStakedUsd: number;
  rewardPrice: number;
  base: Address;
  quote: Address;
}

export const whole = (amount: bigint, decimals: number) => Number(formatUnits(amount, decimals));
export const same = (a: string, b: string) => getAddress(a) === getAddress(b);

/** The pair at `address` at `blockNumber`: its tokens, their decimals, reserves and LP supply. */
export async function readPair(world: World, address: Address, blockNumber: bigint): Promise<Pair> {
  const at = { address, abi: uniswapV2PairAbi, blockNumber } as const;
  const [token0, token1, [reserve0, reserve1], supply] = await Promise.all([
    world.client.readContract({ ...at, functionName: "token0" }),
    world.client.readContract({ ...at, functionName: "token1" }),
    world.client.readContract({ ...at, functionName: "getReserves" }),
    world.client.readContract({ ...at, functionName: "totalSupply" }),
  ]);
  const decimals = (token: Address) => world.client.readContract({ address: token, abi: erc20Abi, functionName: "decimals" });
  const [decimals0, decimals1] = await Promise.all([decimals(token0), decimals(token1)]);
  return { address, token0, token1, decimals0, decimals1, reserve0: whole(reserve0, decimals0), reserve1: whole(reserve1, decimals1), supply };
}

/** Price of `token` from its deepest pair with `quote`, or undefined. */
function priceVia(pairs: Pair[], token: string, quote: string, quotePrice: number): number | undefined {
  let best: { depth: number; price: number } | undefined;
  for (const p of pairs) {
    const sides = same(p.token0, token) && same(p.token1, quote) ? [p.reserve0, p.reserve1] : same(p.token1, token) && same(p.token0, quote) ? [p.reserve1, p.reserve0] : undefined;
    if (!sides || sides[0] === 0 || sides[1] === 0) continue;
    if (!best || sides[1] > best.depth) best = { depth: sides[1], price: (sides[1] / sides[0]) * quotePrice };
  }
  return best?.price;
}

/** Each token's price in the stablecoin from `pairs`, by the README's rules; throws for a token it cannot price. */
export function pricesOf(world: World, pairs: Pair[]): (token: string) => number {
  const { stablecoin, weth } = world.deployment;
  const wethPrice = priceVia(pairs, weth, stablecoin, 1)!;
  return (token) => {
    if (same(token, stablecoin)) return 1;
    if (same(token, weth)) return wethPrice;
    const found = priceVia(pairs, token, stablecoin, 1) ?? priceVia(pairs, token, weth, wethPrice);
    if (found === undefined) throw new Error(`no price for ${token}`);
    return found;
  };
}

/** The figures of pool `pid` and `user`'s stake in it, at the latest block. */
export async function poolFigures(world: World, pid: number, user: Address): Promise<PoolFigures> {
  const { client, deployment } = world;
  const blockSeconds = deployment.blockSeconds!;
  const block = await client.getBlockNumber();
  const farm = { address: deployment.farm as Address, abi: farmAbi, blockNumber: block } as const;
  const [rewardPerBlock, totalAlloc, poolLength] = await Promise.all([
    client.readContract({ ...farm, functionName: "rewardPerBlock" }),
    client.readContract({ ...farm, functionName: "totalAllocPoint" }),
    client.readContract({ ...farm, functionName: "poolLength" }),
  ]);
  const rewardDecimals = await client.readContract({ address: deployment.rewardToken as Address, abi: erc20Abi, functionName: "decimals" });
  const infos = await Promise.all(Array.from({ length: Number(poolLength) }, (_, i) => client.readContract({ ...farm, functionName: "poolInfo", args: [BigInt(i)] })));
  const pairs = await Promise.all(infos.map(([lpToken]) => readPair(world, lpToken, block)));
  const { stablecoin, weth } = deployment;
  const price = pricesOf(world, pairs);
  const pair = pairs[pid]!;
  const [, allocPoint, totalStaked] = infos[pid]!;
  const [userStaked] = await client.readContract({ ...farm, functionName: "userInfo", args: [BigInt(pid), user] });
  const reserveUsd = pair.reserve0 * price(pair.token0) + pair.reserve1 * price(pair.token1);
  const lpPrice = reserveUsd / whole(pair.supply, 18);
  const rewardPrice = price(deployment.rewardToken);
  const yearlyRewardUsd = whole(rewardPerBlock, rewardDecimals) * (YEAR_SECONDS / blockSeconds) * (Number(allocPoint) / Number(totalAlloc)) * rewardPrice;

  const dayBlocks = BigInt(Math.round(86_400 / blockSeconds));
  const logs = await client.getLogs({ address: pair.address, event: SWAP, fromBlock: block > dayBlocks ? block - dayBlocks : 0n, toBlock: block });
  const volume = logs.reduce((sum, log) => sum + whole(log.args.amount0In!, pair.decimals0) * price(pair.token0) + whole(log.args.amount1In!, pair.decimals1) * price(pair.token1), 0);
  // The quote is the stablecoin if the pair holds it, else WETH, else the pair's token1.
  const rank = (token: Address) => [weth, stablecoin].findIndex((quote) => same(quote, token));
  const [base, quote] = rank(pair.token0) > rank(pair.token1) ? [pair.token1, pair.token0] : [pair.token0, pair.token1];
  return {
    pid,
    lpPrice,
    stakedUsd: whole(totalStaked, 18) * lpPrice,
    yearlyRewardUsd,
    feeApr: (0.003 * volume * 365) / reserveUsd,
    userStaked,
    userStakedUsd: whole(userStaked, 18) * lpPrice,
    rewardPrice,
    base,
    quote,
  };
}

/** Within the rounding of the figure as shown: half a unit of its last digit ("1,234.56 USDC", "-5.72%", "3.12M"). */
export function shownValue(shown: string): { value: number; unit: number } {
  const text = shown.replace(/^[<+]/, "").replace(/^over /, "");
  const number = /-?[\d,]+(?:\.(\d+))?/.exec(text);
  if (!number) throw new Error(`"${shown}" is not a number`);
  const scale = /\d(?:\.\d+)?M\b/.test(text) ? 1e6 : /\d(?:\.\d+)?B\b/.test(text) ? 1e9 : 1;
  return { value: Number(number[0].replaceAll(",", "")) * scale, unit: 10 ** -(number[1]?.length ?? 0) * scale };
}

/**
 * The chain side of the history tests (activity, pool page, PnL): farm actions sent straight
 * through the node by a dev account, the indexer caught up with them (its own `/status`), and
 * what each figure should be computed from the chain alone: the reward token's mints in a
 * receipt, token prices from the pairs' reserves at a block (./pool-figures.ts's rules).
 */
import { type Address, erc20Abi, type Hash, maxUint256, parseAbi, parseEventLogs, type TransactionReceipt } from "viem";
import { expect } from "vitest";

import { farmAbi } from "../src/chain/abis.generated";
import { nodeWallet, type World } from "./chain";
import { pricesOf, readPair, whole } from "./pool-figures";

/** The indexer the world's launcher started, as the deployments file names it. */
export function indexerUrl(world: World): string {
  const url = (world.deployment as { indexer?: string }).indexer;
  if (!url) throw new Error("The world's deployments file names no indexer: was it started with INDEXER=off?");
  return url.replace(/\/+$/, "");
}

/** Waits until the indexer answers /ready and has indexed `block` (its /status). */
export async function waitForIndexer(world: World, block: bigint, timeoutMs = 60_000): Promise<void> {
  const url = indexerUrl(world);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [ready, status] = await Promise.all([
      fetch(`${url}/ready`).then((r) => r.ok, () => false),
      fetch(`${url}/status`).then((r) => r.json() as Promise<Record<string, { id: number; block: { number: number } }>>, () => ({})),
    ]);
    const indexed = Object.values(status).find((c) => c.id === 31337)?.block.number ?? -1;
    if (ready && indexed >= Number(block)) return;
    if (Date.now() > deadline) throw new Error(`The indexer reached block ${indexed}, not ${block}, within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Sends one transaction as `account` and returns its successful receipt. */
export async function sent(world: World, hash: Promise<Hash>): Promise<TransactionReceipt> {
  const receipt = await world.client.waitForTransactionReceipt({ hash: await hash });
  expect(receipt.status).toBe("success");
  return receipt;
}

/** The farm's writes a user makes, sent through the node as `account`. */
export function farmAs(world: World, account: Address) {
  const wallet = nodeWallet(account);
  const farm = { address: world.deployment.farm as Address, abi: farmAbi, chain: null } as const;
  return {
    approve: (lpToken: Address) => sent(world, wallet.writeContract({ address: lpToken, abi: erc20Abi, functionName: "approve", args: [farm.address, maxUint256], chain: null })),
    deposit: (pid: number, amount: bigint) => sent(world, wallet.writeContract({ ...farm, functionName: "deposit", args: [BigInt(pid), amount] })),
    withdraw: (pid: number, amount: bigint) => sent(world, wallet.writeContract({ ...farm, functionName: "withdraw", args: [BigInt(pid), amount] })),
    harvest: (pid: number) => sent(world, wallet.writeContract({ ...farm, functionName: "harvest", args: [BigInt(pid)] })),
  };
}

const routerAbi = parseAbi(["function swapExactETHForTokens(uint256 amountOutMin, address[] path, address to, uint256 deadline) payable returns (uint256[])"]);

/** Swaps `eth` wei of ETH for `token` through the router, as `account`: moves the pair's price and leaves a fee. */
export function swapEthFor(world: World, account: Address, token: Address, eth: bigint): Promise<TransactionReceipt> {
  const path = [world.deployment.weth as Address, token];
  return sent(world, nodeWallet(account).writeContract({ address: world.deployment.uniswapV2Router as Address, abi: routerAbi, functionName: "swapExactETHForTokens", args: [0n, path, account, maxUint256], value: eth, chain: null }));
}

/** The reward the farm minted to `user` in `receipt` (it pays every reward by minting). */
export function rewardMinted(world: World, receipt: TransactionReceipt, user: Address): bigint {
  const transfers = parseEventLogs({ abi: erc20Abi, eventName: "Transfer", logs: receipt.logs });
  return transfers
    .filter((t) => t.address.toLowerCase() === world.deployment.rewardToken.toLowerCase() && BigInt(t.args.from) === 0n && t.args.to.toLowerCase() === user.toLowerCase())
    .reduce((sum, t) => sum + t.args.value, 0n);
}

/** Every pool's pair at `block`, and token prices from them by the README's rules. */
export async function marketAt(world: World, block: bigint) {
  const pairs = await Promise.all(world.deployment.pools.map((p) => readPair(world, p.lpToken as Address, block)));
  return { pairs, price: pricesOf(world, pairs) };
}

/** The USD value of `lp` wei of pool `pid`'s LP at `block`: its share of both reserves at their prices. */
export async function lpUsdAt(world: World, pid: number, lp: bigint, block: bigint): Promise<number> {
  const { pairs, price } = await marketAt(world, block);
  const pair = pairs[pid]!;
  return (whole(lp, 18) / whole(pair.supply, 18)) * (pair.reserve0 * price(pair.token0) + pair.reserve1 * price(pair.token1));
}

/** The reward token's USD price at `block`. */
export async function rewardPriceAt(world: World, block: bigint): Promise<number> {
  return (await marketAt(world, block)).price(world.deployment.rewardToken);
}

/** The page's reading of a figure is within half a unit of its last shown digit of `computed`. */
export function expectShown(name: string, shown: { value: number; unit: number }, computed: number, relative = 1e-6): void {
  expect(Math.abs(shown.value - computed), `${name}: shown ${shown.value}, computed ${computed}`).toBeLessThanOrEqual(shown.unit / 2 + Math.abs(computed) * relative + 1e-12);
}

/** A dollar figure as shown ("$1,234.56", "-$0.42", "+$3.10", "$1.2M") with the unit of its last digit. */
export function usdShown(text: string): { value: number; unit: number } {
  const t = text.trim();
  const match = /^([+-]?)<?\$([\d,]+(?:\.(\d+))?)([MB])?$/.exec(t);
  if (!match) throw new Error(`Not a dollar figure: "${text}"`);
  const scale = match[4] === "B" ? 1e9 : match[4] === "M" ? 1e6 : 1;
  const value = Number(match[2]!.replaceAll(",", "")) * scale;
  // "<$0.01" promises only a value between 0 and $0.01.
  if (t.includes("<")) return { value: match[1] === "-" ? -value / 2 : value / 2, unit: value };
  return { value: match[1] === "-" ? -value : value, unit: 10 ** -(match[3]?.length ?? 0) * scale };
}

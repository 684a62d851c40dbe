/**
 * The chain as the tests see it, read independently of the app: a viem client on the world's node
 * and the deployments file the launcher wrote. What a test asserts about money (stakes, rewards,
 * transactions sent) is read here, never taken from the page it is checking.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

import {
  type Address,
  createPublicClient,
  createWalletClient,
  decodeFunctionData,
  erc20Abi,
  type Hash,
  http,
  maxUint256,
  parseAbi,
  type PublicClient,
  type Transaction,
  type TransactionReceipt,
} from "viem";
import { expect, inject } from "vitest";

import type { Deployment } from "../../deploy/deployments";
import { farmAbi } from "../src/chain/abis.generated";

export interface World {
  client: PublicClient;
  deployment: Deployment;
  /** The node's unlocked accounts: dev account #i is accounts[i]. */
  accounts: Address[];
}

export async function openWorld(): Promise<World> {
  const rpcUrl = inject("rpcUrl");
  // No cache: a test compares blocks a second apart.
  const client = createPublicClient({ transport: http(rpcUrl), cacheTime: 0 });
  const file = path.join(inject("deploymentsDir"), "31337.json");
  const deployment = JSON.parse(await readFile(file, "utf8")) as Deployment;
  const accounts = await createWalletClient({ transport: http(rpcUrl) }).getAddresses();
  return { client, deployment, accounts };
}

/** Signs through the node with one of its unlocked accounts: test setup, not what the app does. */
export function nodeWallet(account: Address) {
  return createWalletClient({ account, transport: http(inject("rpcUrl")) });
}

const farmOf = (world: World) => ({ address: world.deployment.farm as Address, abi: farmAbi });

/** The pool of the deployment whose pair is made of these two symbols, in either order. */
export function poolBySymbols(world: World, a: string, b: string): Deployment["pools"][number] {
  const pool = world.deployment.pools.find((p) => [p.symbol0, p.symbol1].sort().join() === [a, b].sort().join());
  if (!pool) throw new Error(`No ${a}/${b} pool in the deployments file`);
  return pool;
}

export async function stakedOf(world: World, pid: number, user: Address, blockNumber?: bigint): Promise<bigint> {
  const [amount] = await world.client.readContract({ ...farmOf(world), functionName: "userInfo", args: [BigInt(pid), user], blockNumber });
  return amount;
}

export function pendingOf(world: World, pid: number, user: Address, blockNumber?: bigint): Promise<bigint> {
  return world.client.readContract({ ...farmOf(world), functionName: "pendingReward", args: [BigInt(pid), user], blockNumber });
}

export async function poolCount(world: World): Promise<number> {
  return Number(await world.client.readContract({ ...farmOf(world), functionName: "poolLength" }));
}

export async function lpTokenOf(world: World, pid: number): Promise<Address> {
  const [lpToken] = await world.client.readContract({ ...farmOf(world), functionName: "poolInfo", args: [BigInt(pid)] });
  return lpToken;
}

export function balanceOf(world: World, token: Address, owner: Address, blockNumber?: bigint): Promise<bigint> {
  return world.client.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [owner], blockNumber });
}

export function rewardBalance(world: World, owner: Address, blockNumber?: bigint): Promise<bigint> {
  return balanceOf(world, world.deployment.rewardToken as Address, owner, blockNumber);
}

/** Transactions sent so far: the nonce counts every one, whichever contract it called. */
export function nonceOf(world: World, account: Address): Promise<number> {
  return world.client.getTransactionCount({ address: account, blockTag: "latest" });
}

/**
 * What an action that must send nothing leaves alone: the transactions the account sent, mined or
 * still waiting in the node's pool (the pending nonce counts both), its ETH, and its LP of pool
 * `pid`, in the wallet and staked. Compare before and after with toEqual.
 */
export async function accountState(world: World, account: Address, pid: number, lpToken: Address) {
  return {
    sent: await world.client.getTransactionCount({ address: account, blockTag: "pending" }),
    eth: await world.client.getBalance({ address: account }),
    lp: await balanceOf(world, lpToken, account),
    staked: await stakedOf(world, pid, account),
  };
}

/** Every transaction `from` sent in the blocks after `afterBlock`, oldest first (the node mines one every 2 s). */
export async function transactionsSince(world: World, from: Address, afterBlock: bigint): Promise<Transaction[]> {
  const latest = await world.client.getBlockNumber();
  const found: Transaction[] = [];
  for (let n = afterBlock + 1n; n <= latest; n++) {
    const block = await world.client.getBlock({ blockNumber: n, includeTransactions: true });
    found.push(...block.transactions.filter((t) => t.from.toLowerCase() === from.toLowerCase()));
  }
  return found;
}

/** The one farm call a user action must have produced: its decoded call and its receipt. */
export interface FarmCall {
  functionName: string;
  args: readonly unknown[];
  to: Address | null;
  receipt: TransactionReceipt;
}

export async function decodeFarmCall(world: World, tx: Transaction): Promise<FarmCall> {
  const { functionName, args } = decodeFunctionData({ abi: farmAbi, data: tx.input });
  const receipt = await world.client.getTransactionReceipt({ hash: tx.hash as Hash });
  return { functionName, args: args ?? [], to: tx.to, receipt };
}

/**
 * Runs `action` and returns the one farm call it made `account` send, after checking that it was
 * the account's only transaction meanwhile (the nonce rose by exactly one: no approve or retry
 * on the side), that it went to the farm, and that it succeeded.
 */
export async function onlyFarmCallDuring(world: World, account: Address, action: () => Promise<void>): Promise<FarmCall> {
  const nonceBefore = await nonceOf(world, account);
  const blockBefore = await world.client.getBlockNumber();
  await action();
  expect(await nonceOf(world, account), "transactions sent by the account").toBe(nonceBefore + 1);
  const sent = await transactionsSince(world, account, blockBefore);
  expect(sent).toHaveLength(1);
  const call = await decodeFarmCall(world, sent[0]);
  expect(call.to?.toLowerCase()).toBe(world.deployment.farm.toLowerCase());
  expect(call.receipt.status).toBe("success");
  return call;
}

/** Waits until the chain has mined past `blockNumber` (interval mining: one block every 2 s). */
export async function waitForBlockAfter(world: World, blockNumber: bigint): Promise<bigint> {
  for (;;) {
    const latest = await world.client.getBlockNumber();
    if (latest > blockNumber) return latest;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const testTokenAbi = parseAbi(["function mint(address to, uint256 amount)", "function approve(address spender, uint256 amount) returns (bool)"]);
const routerAbi = parseAbi([
  "function addLiquidityETH(address token, uint256 amountTokenDesired, uint256 amountTokenMin, uint256 amountETHMin, address to, uint256 deadline) payable returns (uint256, uint256, uint256)",
]);

/**
 * Gives `account` LP of the `symbol`/WETH pool as a newcomer gets it: mints `tokenAmount` of the
 * test token (anyone may) and adds it with `ethAmount` of ETH through the router. It holds that
 * LP with no allowance for the farm, as a first-time staker. Returns the pool and the LP received.
 */
export async function provideLiquidity(world: World, account: Address, symbol: string, tokenAmount: bigint, ethAmount: bigint) {
  const pool = poolBySymbols(world, symbol, "WETH");
  const token = (pool.symbol0 === symbol ? pool.token0 : pool.token1) as Address;
  const router = world.deployment.uniswapV2Router as Address;
  const wallet = nodeWallet(account);
  const mined = async (hash: Promise<Hash>) => expect((await world.client.waitForTransactionReceipt({ hash: await hash })).status).toBe("success");
  const before = await balanceOf(world, pool.lpToken as Address, account);
  await mined(wallet.writeContract({ address: token, abi: testTokenAbi, functionName: "mint", args: [account, tokenAmount], chain: null }));
  await mined(wallet.writeContract({ address: token, abi: testTokenAbi, functionName: "approve", args: [router, tokenAmount], chain: null }));
  await mined(
    wallet.writeContract({
      address: router,
      abi: routerAbi,
      functionName: "addLiquidityETH",
      args: [token, tokenAmount, 0n, 0n, account, maxUint256],
      value: ethAmount,
      chain: null,
    }),
  );
  return { pool, lp: (await balanceOf(world, pool.lpToken as Address, account)) - before };
}

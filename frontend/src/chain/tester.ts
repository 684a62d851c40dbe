/**
 * The local node's test methods for the testers' toolbar, through viem's test client (mode
 * "hardhat") over the app's own `/rpc`, the same node the farm is read from: mine blocks, move
 * time, snapshot and revert, top up ETH, and get a pool's LP through the real Uniswap V2 router.
 * Only ever called once lib/tester-gate.ts has found a local Hardhat node behind `/rpc`.
 */
import { type Address, createTestClient, erc20Abi, type Hash, type Hex, http, isAddressEqual, parseEther, zeroAddress } from "viem";
import { getBalance, getBlock, readContract, waitForTransactionReceipt, writeContract } from "viem/actions";

import type { PairMeta } from "../lib/farm-snapshot";
import { formatTokenAmount } from "../lib/format";
import { type FundingPlan, fundingPlan, minimumOut } from "../lib/lp-funding";
import { uniswapV2FactoryAbi, uniswapV2RouterAbi } from "./abis.generated";
import { localChain, localRpcUrl } from "./chains";

/** Transactions the toolbar sends expire this long after the chain's current time (not the wall clock: time may have been skipped). */
const DEADLINE_SECONDS = 1_200n;
/** ETH kept beside what a funding spends, for the gas of its three to five transactions. */
const GAS_RESERVE = parseEther("0.1");

/**
 * Test methods through the test client's own actions; reads and sends through viem's standalone
 * actions on the same client (not `publicActions`/`walletActions`, which would bring every action
 * into the bundle for the few used here).
 */
function createClient() {
  // Receipts are there as soon as the node mines (on every transaction): no need to poll slowly.
  return createTestClient({ mode: "hardhat", chain: localChain(), transport: http(localRpcUrl()), cacheTime: 0, pollingInterval: 250 });
}

let client: ReturnType<typeof createClient> | undefined;
const testClient = () => (client ??= createClient());

export interface BlockStamp {
  blockNumber: bigint;
  timestamp: bigint;
}

async function latestStamp(): Promise<BlockStamp> {
  const block = await getBlock(testClient(), { blockTag: "latest" });
  return { blockNumber: block.number, timestamp: block.timestamp };
}

/** Mines `blocks` blocks `intervalSeconds` apart in one call (hardhat_mine); the latest block after. */
export async function mineBlocks(blocks: number, intervalSeconds: number): Promise<BlockStamp> {
  await testClient().mine({ blocks, interval: intervalSeconds });
  return latestStamp();
}

/** Moves the chain's clock `seconds` ahead and mines a block that carries the new time. */
export async function skipTime(seconds: number): Promise<BlockStamp> {
  const c = testClient();
  await c.increaseTime({ seconds });
  await c.mine({ blocks: 1 });
  return latestStamp();
}

/**
 * Takes a snapshot of the whole chain; its id, and the latest block it holds. The node may mine a
 * block between the snapshot and reading the head (interval mining), so the head is read on both
 * sides and the snapshot taken again until they agree: the block named is the one it holds.
 */
export async function takeSnapshot(): Promise<{ id: Hex } & BlockStamp> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await latestStamp();
    const id = await testClient().snapshot();
    const after = await latestStamp();
    if (after.blockNumber === before.blockNumber) return { id, ...after };
  }
  throw new Error("The node kept mining while the snapshot was taken: try again.");
}

/**
 * Reverts the chain to snapshot `id`: true when the node did, false when it no longer had it
 * (a restart, or a revert to an earlier snapshot). viem's `revert` action drops the node's
 * answer, so the same method is asked through the client's request, typed for Hardhat's reply.
 */
export async function revertToSnapshot(id: Hex): Promise<{ reverted: boolean } & BlockStamp> {
  const reverted = await testClient().request<{ Method: "evm_revert"; Parameters: [Hex]; ReturnType: boolean }>({ method: "evm_revert", params: [id] });
  return { reverted, ...(await latestStamp()) };
}

/** `account`'s ETH, raised to `needed` with hardhat_setBalance when it has less: the balance before, if it was raised. */
export async function topUpEth(account: Address, needed: bigint): Promise<bigint | undefined> {
  const c = testClient();
  const balance = await getBalance(c, { address: account });
  if (balance >= needed) return undefined;
  await c.setBalance({ address: account, value: needed });
  return balance;
}

export interface FundingRequest {
  account: Address;
  pair: PairMeta;
  router: Address;
  factory: Address;
  weth: Address;
  /** ETH to spend, in wei. */
  eth: bigint;
  /** Told each step before it is sent: "Buying USDC with 0.5 ETH", with its place among the steps. */
  onStep: (step: number, steps: number, what: string) => void;
}

export interface FundingResult {
  /** LP minted to the account. */
  lp: bigint;
  /** The account's ETH before the node topped it up, when it did. */
  toppedUpFrom?: bigint;
}

/**
 * Gets `account` LP of `pair` for `eth` of ETH through the router, each transaction sent by the
 * node as the account (hardhat_impersonateAccount: the dev accounts are unlocked anyway, and an
 * injected wallet's account needs no confirmation on a test chain). The ETH comes first, topped
 * up if short. Nothing is sent when a side has no WETH pair to buy it through.
 */
export async function fundWithLp(request: FundingRequest): Promise<FundingResult> {
  const { account, pair, weth, eth } = request;
  const plan = fundingPlan(pair, weth, eth);
  const tokens = plan.kind === "token-eth" ? [plan.token] : plan.buys.map((b) => b.token);
  await assertWethPairs(request, tokens);
  const c = testClient();
  const toppedUpFrom = await topUpEth(account, eth + GAS_RESERVE);
  await c.impersonateAccount({ address: account });
  try {
    const before = await lpBalance(pair.address, account);
    await (plan.kind === "token-eth" ? addWithEth(request, plan) : addTwoTokens(request, plan));
    return { lp: (await lpBalance(pair.address, account)) - before, toppedUpFrom };
  } finally {
    await c.stopImpersonatingAccount({ address: account });
  }
}

function symbolOf(pair: PairMeta, token: Address): string {
  return isAddressEqual(token, pair.token0) ? pair.symbol0 : pair.symbol1;
}

/** Fails with a sentence, before anything is sent, when a token to buy has no pair with WETH. */
async function assertWethPairs({ pair, factory, weth }: FundingRequest, tokens: Address[]): Promise<void> {
  for (const token of tokens) {
    const wethPair = await readContract(testClient(), { address: factory, abi: uniswapV2FactoryAbi, functionName: "getPair", args: [weth, token] });
    if (wethPair === zeroAddress) {
      throw new Error(`${symbolOf(pair, token)} has no WETH pair to buy it with ETH through; get this pool's LP by hand.`);
    }
  }
}

function lpBalance(lpToken: Address, account: Address): Promise<bigint> {
  return readContract(testClient(), { address: lpToken, abi: erc20Abi, functionName: "balanceOf", args: [account] });
}

async function deadline(): Promise<bigint> {
  return (await latestStamp()).timestamp + DEADLINE_SECONDS;
}

/** Sends one call as `account` and waits for it; a reverted one throws. */
async function mined(hash: Promise<Hash>): Promise<void> {
  const receipt = await waitForTransactionReceipt(testClient(), { hash: await hash });
  if (receipt.status !== "success") throw new Error("The transaction was reverted.");
}

/** Buys `token` with `eth` through its WETH pair; the amount the account received. */
async function buy(request: FundingRequest, token: Address, eth: bigint): Promise<bigint> {
  const c = testClient();
  const { account, router, weth } = request;
  const path = [weth, token] as const;
  const [, quote] = await readContract(c, { address: router, abi: uniswapV2RouterAbi, functionName: "getAmountsOut", args: [eth, [...path]] });
  const balance = () => readContract(c, { address: token, abi: erc20Abi, functionName: "balanceOf", args: [account] });
  const before = await balance();
  const args = [minimumOut(quote), [...path], account, await deadline()] as const;
  await mined(writeContract(c, { account, chain: c.chain, address: router, abi: uniswapV2RouterAbi, functionName: "swapExactETHForTokens", args, value: eth }));
  return (await balance()) - before;
}

async function approveRouter({ account, router }: FundingRequest, token: Address, amount: bigint): Promise<void> {
  const c = testClient();
  await mined(writeContract(c, { account, chain: c.chain, address: token, abi: erc20Abi, functionName: "approve", args: [router, amount] }));
}

const ethText = (wei: bigint) => `${formatTokenAmount(wei, 18, 6)} ETH`;

/**
 * Token/WETH: buy the token with half, add it with the other half as ETH. No minimums: the buy
 * raised the token's price, so at the new price the tokens may be worth a little more than the
 * ETH beside them (1.4% more for 0.5 ETH in a 30 ETH pair); the pair then takes all the ETH and
 * the tokens that match, the rest stays in the wallet, and ETH it does not take is refunded.
 */
async function addWithEth(request: FundingRequest, plan: Extract<FundingPlan, { kind: "token-eth" }>): Promise<void> {
  const { account, pair, router, onStep } = request;
  const symbol = symbolOf(pair, plan.token);
  onStep(1, 3, `Buying ${symbol} with ${ethText(plan.buyEth)}`);
  const bought = await buy(request, plan.token, plan.buyEth);
  onStep(2, 3, `Approving the router for ${symbol}`);
  await approveRouter(request, plan.token, bought);
  onStep(3, 3, `Adding ${symbol} and ${ethText(plan.addEth)} to the pool`);
  const args = [plan.token, bought, 0n, 0n, account, await deadline()] as const;
  const c = testClient();
  await mined(writeContract(c, { account, chain: c.chain, address: router, abi: uniswapV2RouterAbi, functionName: "addLiquidityETH", args, value: plan.addEth }));
}

/** Token/token: buy each side with its half, add both; what the pair does not take stays in the wallet. */
async function addTwoTokens(request: FundingRequest, plan: Extract<FundingPlan, { kind: "token-token" }>): Promise<void> {
  const { account, pair, router, onStep } = request;
  const amounts: bigint[] = [];
  for (const [i, { token, eth }] of plan.buys.entries()) {
    onStep(i + 1, 5, `Buying ${symbolOf(pair, token)} with ${ethText(eth)}`);
    amounts.push(await buy(request, token, eth));
  }
  for (const [i, { token }] of plan.buys.entries()) {
    onStep(i + 3, 5, `Approving the router for ${symbolOf(pair, token)}`);
    await approveRouter(request, token, amounts[i]);
  }
  onStep(5, 5, `Adding ${pair.symbol0} and ${pair.symbol1} to the pool`);
  const [a, b] = plan.buys;
  const args = [a.token, b.token, amounts[0], amounts[1], 0n, 0n, account, await deadline()] as const;
  const c = testClient();
  await mined(writeContract(c, { account, chain: c.chain, address: router, abi: uniswapV2RouterAbi, functionName: "addLiquidity", args }));
}

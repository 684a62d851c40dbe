/**
 * The chain side of the partner-reward browser tests (partners*.test.ts), read and driven without
 * the app: dev accounts #25 and #26 (the node unlocks #0 to #19 only, so they are impersonated,
 * with ETH for gas, and their browser wallet passes everything to the node), the farm's partner
 * rewarder and the demo world's partner token (PTN), the owner's funding of streams for a test's
 * setup, and a partner token's APR computed from the chain by the rules IPartnerRewarder and the
 * README state: tokens per block from the block read on (what remains over the blocks left), a
 * year of blocks at the deployment's block time, the token's price from its pairs, over the
 * rewarder's total weight at the pool's LP price.
 */
import { type Address, createTestClient, erc20Abi, type Hash, http, maxUint256, parseAbi, parseEther, zeroAddress } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import type { Browser, Page } from "playwright-core";
import { expect, inject } from "vitest";

import { farmAbi, partnerRewarderAbi } from "../src/chain/abis.generated";
import { openApp } from "./browser";
import { nodeWallet, type World } from "./chain";
import { injectFakeWallet } from "./fake-wallet";
import { pricesOf, readPair, whole } from "./pool-figures";

/** Hardhat's well-known dev mnemonic: dev account #i is its i-th address. */
const DEV_MNEMONIC = "test test test test test test test test test test test junk";
const YEAR_SECONDS = 365 * 86_400;

export const node = createTestClient({ mode: "hardhat", transport: http(inject("rpcUrl")) });

/** Dev account #`index`, sent for by the node as an impersonated account with 10,000 ETH for gas. */
export async function devAccount(index: number): Promise<Address> {
  const { address } = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
  await node.impersonateAccount({ address });
  await node.setBalance({ address, value: parseEther("10000") });
  return address;
}

/** A page of the built app at `route`, connected as `account` through a browser wallet the node signs for. */
export async function pageAs(browser: Browser, account: Address, route = "farms", viewport = { width: 1280, height: 900 }): Promise<Page> {
  const name = `Partners ${account.slice(2, 6)}`;
  const page = await openApp(browser, route, (p) => injectFakeWallet(p, { name, account, chainId: 31337, knownChains: [31337], rpcUrl: inject("rpcUrl") }));
  await page.setViewportSize(viewport);
  await page.locator("[data-test=connect-button]").click();
  await page.locator("[data-test=injected-wallet]", { hasText: name }).click();
  await page.locator("[data-test=wallet-button]").waitFor();
  return page;
}

export const rewarderOf = async (world: World): Promise<Address> =>
  world.client.readContract({ address: world.deployment.farm as Address, abi: farmAbi, functionName: "partnerRewarder" });

/** The demo world's partner token: the token of the USDC/WETH pool's first stream. */
export async function partnerToken(world: World): Promise<Address> {
  const streams = await world.client.readContract({ address: await rewarderOf(world), abi: partnerRewarderAbi, functionName: "streams", args: [0n] });
  return streams[0].token;
}

const faucetAbi = parseAbi(["function mint(address to, uint256 amount)"]);

/** Sends `request` from `account` through the node and waits for it to succeed. */
export async function mined(world: World, hash: Promise<Hash>) {
  const receipt = await world.client.waitForTransactionReceipt({ hash: await hash });
  expect(receipt.status).toBe("success");
  return receipt;
}

/** Mints `amount` of a faucet test token (PTN) to `to`. */
export function mint(world: World, token: Address, to: Address, amount: bigint) {
  return mined(world, nodeWallet(to).writeContract({ address: token, abi: faucetAbi, functionName: "mint", args: [to, amount], chain: null }));
}

/** `sponsor` (the owner, #0, for a test's setup) funds pool `pid`'s stream of `token`: `amount` over `blocks` blocks. */
export async function fundAs(world: World, sponsor: Address, pid: number, token: Address, amount: bigint, blocks: bigint) {
  const rewarder = await rewarderOf(world);
  const wallet = nodeWallet(sponsor);
  await mined(world, wallet.writeContract({ address: token, abi: erc20Abi, functionName: "approve", args: [rewarder, maxUint256], chain: null }));
  const end = (await world.client.getBlockNumber()) + blocks;
  await mined(world, wallet.writeContract({ address: rewarder, abi: partnerRewarderAbi, functionName: "fund", args: [BigInt(pid), token, amount, end], chain: null }));
}

/** Pool `pid`'s partner stream of `token` at `blockNumber`, as the rewarder has it. */
export async function streamAt(world: World, pid: number, token: Address, blockNumber?: bigint) {
  const streams = await world.client.readContract({ address: await rewarderOf(world), abi: partnerRewarderAbi, functionName: "streams", args: [BigInt(pid)], blockNumber });
  const stream = streams.find((s) => s.token.toLowerCase() === token.toLowerCase());
  if (!stream) throw new Error(`pool ${pid} has no stream of ${token}`);
  return stream;
}

/** `user`'s pending partner reward in `token` in pool `pid` at `blockNumber`. */
export async function pendingPartner(world: World, pid: number, user: Address, token: Address, blockNumber?: bigint): Promise<bigint> {
  const [tokens, amounts] = await world.client.readContract({ address: await rewarderOf(world), abi: partnerRewarderAbi, functionName: "pendingRewards", args: [BigInt(pid), user], blockNumber });
  return amounts[tokens.findIndex((t) => t.toLowerCase() === token.toLowerCase())];
}

/** The pairs every price comes from at `blockNumber`: every pool's, and `extra` (PTN/WETH). */
export async function pricesAt(world: World, blockNumber: bigint, extra: Address[]) {
  const pools = world.deployment.pools.map((p) => p.lpToken as Address);
  const pairs = await Promise.all([...pools, ...extra].map((address) => readPair(world, address, blockNumber)));
  return { prices: pricesOf(world, pairs), pairs };
}

/** The PTN/WETH pair, from the factory. */
export function pairWithWeth(world: World, token: Address): Promise<Address> {
  const factoryAbi = parseAbi(["function getPair(address, address) view returns (address)"]);
  return world.client.readContract({ address: world.deployment.uniswapV2Factory as Address, abi: factoryAbi, functionName: "getPair", args: [token, world.deployment.weth as Address] });
}

/**
 * Pool `pid`'s APR in `token` at `blockNumber`, from the chain alone: what remains of the stream
 * over the blocks left, a year of blocks, at the token's price, over the rewarder's total weight
 * valued at the LP price. `totalWeight` may be given (a sponsor's preview counts the farm's weights).
 */
export async function partnerAprAt(world: World, pid: number, token: Address, blockNumber: bigint, totalWeight?: bigint): Promise<number> {
  const stream = await streamAt(world, pid, token, blockNumber);
  const perBlock = stream.remaining / (stream.endBlock - blockNumber);
  const [, total] = await world.client.readContract({ address: await rewarderOf(world), abi: partnerRewarderAbi, functionName: "weights", args: [BigInt(pid), zeroAddress], blockNumber });
  return aprOf(world, pid, token, perBlock, totalWeight ?? total, blockNumber);
}

/** The APR of `perBlock` of `token` over `weight` of pool `pid`'s LP at `blockNumber`. */
export async function aprOf(world: World, pid: number, token: Address, perBlock: bigint, weight: bigint, blockNumber: bigint): Promise<number> {
  const { prices, pairs } = await pricesAt(world, blockNumber, [await pairWithWeth(world, token)]);
  const lp = pairs[pid];
  const lpPrice = (lp.reserve0 * prices(lp.token0) + lp.reserve1 * prices(lp.token1)) / whole(lp.supply, 18);
  const decimals = await world.client.readContract({ address: token, abi: erc20Abi, functionName: "decimals" });
  const yearly = whole(perBlock, decimals) * (YEAR_SECONDS / world.deployment.blockSeconds!) * prices(token);
  return yearly / (whole(weight, 18) * lpPrice);
}

/** A percentage as the page shows it ("12.34%", "1,234%") as a fraction. */
export function parsePercent(text: string): number {
  const match = /^([\d,]+(?:\.\d+)?)%$/.exec(text.trim());
  if (!match) throw new Error(`Not a percentage: "${text}"`);
  return Number(match[1].replaceAll(",", "")) / 100;
}

/** True when the page's percentage is `fraction` as formatPercent shows it (2 decimals below 1,000%, none above). */
export function isShownPercent(shown: string, fraction: number): boolean {
  const percent = fraction * 100;
  return Math.abs(parsePercent(shown) * 100 - percent) <= (percent >= 1000 ? 0.5 : 0.005) + 1e-9;
}

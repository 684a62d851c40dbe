// @vitest-environment happy-dom
/**
 * The stores against the real local world (test/setup/world.ts): the farm store reads every pool
 * in one request per poll and turns it into prices and APRs, a pool added while it follows
 * included; the staking store stakes through the LP permit in one transaction, harvests, and the
 * figures refresh without a reload.
 *
 * Independent of the other files of the world project, in any order: this file relies only on
 * what the world guarantees (the deployments file's pools, dev accounts with ETH) and makes the
 * rest itself, with dev accounts no other test uses: its own pool (a fresh token's pair with
 * WETH) and its own LP. Pools other tests add are neither counted nor checked.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

import { injected } from "@wagmi/core";
import { createPinia, setActivePinia } from "pinia";
import {
  type Address, createPublicClient, createTestClient, createWalletClient, decodeFunctionData, erc20Abi, formatUnits, getAddress, type Hash, http, parseAbi,
  parseEther, parseEventLogs, parseUnits, toHex, zeroAddress,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { farmAbi, rewardTokenAbi, uniswapV2FactoryAbi, uniswapV2PairAbi } from "../../src/chain/abis.generated";
import { type Deployment, parseDeployment } from "../../src/chain/deployment";

const appUrl = inject("devAppUrl");
// An independent view of the chain, through the page's same-origin proxy (happy-dom enforces CORS).
const rpcProxy = new URL("/rpc", appUrl).href;
// cacheTime 0: viem otherwise reuses a block number for seconds, and blocks here come every 2 s.
const chain = createPublicClient({ transport: http(rpcProxy), cacheTime: 0 });
const node = createTestClient({ mode: "hardhat", transport: http(rpcProxy) });

/** Counts the JSON-RPC requests the app sends to its node. */
const requests: string[] = [];
const realFetch = globalThis.fetch;

beforeAll(() => {
  // The page's origin serves /rpc and /deployments, as in the browser.
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(appUrl);
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input), appUrl);
    if (url.pathname === "/rpc") {
      for (const call of [JSON.parse(String(init?.body))].flat()) requests.push(call.method as string);
    }
    return realFetch(url, init);
  }) as typeof fetch;
  setActivePinia(createPinia());
});

afterAll(() => {
  globalThis.fetch = realFetch;
});

async function until(condition: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The account's latest transaction (blocks keep coming every 2 s, so look back a few). */
async function lastTransactionOf(account: Address) {
  const latest = await chain.getBlockNumber({ cacheTime: 0 });
  for (let number = latest; number > latest - 10n; number--) {
    const block = await chain.getBlock({ blockNumber: number, includeTransactions: true });
    const sent = block.transactions.find((t) => t.from.toLowerCase() === account.toLowerCase());
    if (sent) return sent;
  }
  throw new Error(`no transaction from ${account} in the last 10 blocks`);
}

/**
 * This file's own dev accounts: the browser tests (e2e/) use #0 (the owner) to #27 and #30 to #33, so these
 * are apart from them, beyond the 20 the node unlocks (see `devAccount`).
 */
const POOL_MAKER = 28;
const STAKER = 29;
/** The world's owner of the farm, dev account #0. */
const OWNER = 0;

/** The node's unlocked accounts: dev account #i is accounts[i]. */
const nodeAccounts = () => createWalletClient({ transport: http(rpcProxy) }).getAddresses();

/** Hardhat's dev mnemonic: dev account #i is its i-th key, whether or not the node unlocks it. */
const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** Dev account #`index`, which the node now sends for (impersonated), with 10,000 ETH for gas. */
async function devAccount(index: number): Promise<Address> {
  const { address } = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
  await node.impersonateAccount({ address });
  await node.setBalance({ address, value: parseEther("10000") });
  return address;
}

/**
 * A browser wallet holding dev account #`index`'s key, for the stores to connect to: it signs
 * typed data itself (the node cannot sign for an impersonated account) and has the node send the
 * rest (`devAccount` first).
 */
function keyWallet(index: number) {
  const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
  const provider = {
    on: () => undefined,
    removeListener: () => undefined,
    async request({ method, params }: { method: string; params?: unknown }): Promise<unknown> {
      if (method === "eth_accounts" || method === "eth_requestAccounts") return [account.address];
      if (method === "eth_chainId") return toHex(hardhat.id);
      if (method === "wallet_requestPermissions") return [{ parentCapability: "eth_accounts" }];
      if (method === "eth_signTypedData_v4") return account.signTypedData(JSON.parse((params as [Address, string])[1]));
      return node.request({ method, params } as never);
    },
  };
  return injected({ target: { id: "storeTestWallet", name: `Dev account #${index}'s key`, provider: provider as never } });
}

/** Signs through the node with one of its unlocked accounts: test setup, not what the app does. */
function nodeWallet(account: Address) {
  return createWalletClient({ account, chain: { ...hardhat, rpcUrls: { default: { http: [rpcProxy] } } }, transport: http(rpcProxy) });
}

async function mined(hash: Promise<Hash>) {
  const receipt = await chain.waitForTransactionReceipt({ hash: await hash });
  expect(receipt.status).toBe("success");
  return receipt;
}

const testTokenAbi = parseAbi(["function mint(address to, uint256 amount)", "function approve(address spender, uint256 amount) returns (bool)"]);
const routerAbi = parseAbi([
  "function addLiquidityETH(address token, uint256 amountTokenDesired, uint256 amountTokenMin, uint256 amountETHMin, address to, uint256 deadline) payable returns (uint256, uint256, uint256)",
]);

/**
 * Gives `account` LP of the `token`/WETH pair as a newcomer gets it: mints `amount` of the token
 * (an open faucet) and adds it with `eth` through the router, creating the pair if need be. The
 * LP has no allowance for the farm. Returns the pair.
 */
async function provideLiquidity(deployment: Deployment, account: Address, token: Address, amount: bigint, eth: bigint): Promise<Address> {
  const wallet = nodeWallet(account);
  const router = deployment.uniswapV2Router;
  await mined(wallet.writeContract({ address: token, abi: testTokenAbi, functionName: "mint", args: [account, amount] }));
  await mined(wallet.writeContract({ address: token, abi: testTokenAbi, functionName: "approve", args: [router, amount] }));
  const deadline = BigInt(Math.floor(Date.now() / 1000) + 3600);
  await mined(wallet.writeContract({ address: router, abi: routerAbi, functionName: "addLiquidityETH", args: [token, amount, 0n, 0n, account, deadline], value: eth }));
  const pair = await chain.readContract({ address: deployment.uniswapV2Factory, abi: uniswapV2FactoryAbi, functionName: "getPair", args: [token, deployment.weth] });
  expect(pair).not.toBe(zeroAddress);
  return pair;
}

/**
 * This file's own pool, whatever pools exist already: a fresh test token (STT, deployed now from
 * the Hardhat build's artifact), its pair with WETH ($3,000 a side at the world's ETH price),
 * added by the owner at 10 points, and half the LP staked by the pool maker.
 */
async function addOwnPool(deployment: Deployment): Promise<{ pid: number; pair: Address }> {
  const accounts = await nodeAccounts();
  const maker = await devAccount(POOL_MAKER);
  const wallet = nodeWallet(maker);
  const artifact = JSON.parse(await readFile(path.join(import.meta.dirname, "../../../artifacts/contracts/test/TestERC20.sol/TestERC20.json"), "utf8")) as {
    abi: unknown[];
    bytecode: `0x${string}`;
  };
  const deployed = await mined(wallet.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args: ["Store Test Token", "STT", 18] }));
  const token = deployed.contractAddress!;
  const pair = await provideLiquidity(deployment, maker, token, parseUnits("3000", 18), parseEther("1"));

  const farm = { address: deployment.farm, abi: farmAbi } as const;
  const added = await mined(nodeWallet(accounts[OWNER]).writeContract({ ...farm, functionName: "add", args: [10n, pair] }));
  const [event] = parseEventLogs({ abi: farmAbi, logs: added.logs, eventName: "PoolAdded" });
  const pid = Number(event.args.pid);
  const lp = await chain.readContract({ address: pair, abi: uniswapV2PairAbi, functionName: "balanceOf", args: [maker] });
  await mined(wallet.writeContract({ address: pair, abi: uniswapV2PairAbi, functionName: "approve", args: [deployment.farm, lp / 2n] }));
  await mined(wallet.writeContract({ ...farm, functionName: "deposit", args: [BigInt(pid), lp / 2n] }));
  return { pid, pair };
}

/** Whole `token` in the `token`/`quote` pair at `blockNumber`: quote reserve / token reserve, in whole tokens. */
async function spotAt(deployment: Deployment, token: Address, quote: Address, blockNumber: bigint): Promise<number> {
  const pair = await chain.readContract({ address: deployment.uniswapV2Factory, abi: uniswapV2FactoryAbi, functionName: "getPair", args: [token, quote], blockNumber });
  expect(pair).not.toBe(zeroAddress);
  const [reserve0, reserve1] = await chain.readContract({ address: pair, abi: uniswapV2PairAbi, functionName: "getReserves", blockNumber });
  const token0 = await chain.readContract({ address: pair, abi: uniswapV2PairAbi, functionName: "token0", blockNumber });
  const [tokenReserve, quoteReserve] = getAddress(token0) === getAddress(token) ? [reserve0, reserve1] : [reserve1, reserve0];
  const decimals = (t: Address) => chain.readContract({ address: t, abi: erc20Abi, functionName: "decimals", blockNumber });
  return Number(formatUnits(quoteReserve, await decimals(quote))) / Number(formatUnits(tokenReserve, await decimals(token)));
}

/** The reward token's USD price at `blockNumber`, through WETH: it has no pair with the stablecoin. */
async function rewardPriceAt(deployment: Deployment, blockNumber: bigint): Promise<number> {
  const { rewardToken, weth, stablecoin } = deployment;
  const direct = await chain.readContract({ address: deployment.uniswapV2Factory, abi: uniswapV2FactoryAbi, functionName: "getPair", args: [rewardToken, stablecoin], blockNumber });
  expect(direct, "an RWD/USDC pair would price RWD directly").toBe(zeroAddress);
  return (await spotAt(deployment, rewardToken, weth, blockNumber)) * (await spotAt(deployment, weth, stablecoin, blockNumber));
}

describe("stores on the local world", () => {
  let deployment: Deployment;
  let stores: {
    connection: ReturnType<typeof import("../../src/stores/connection").useConnectionStore>;
    farm: ReturnType<typeof import("../../src/stores/farm").useFarmStore>;
    staking: ReturnType<typeof import("../../src/stores/staking").useStakingStore>;
  };

  // Each test starts from here alone: the deployments file and the farm store following the world.
  beforeAll(async () => {
    deployment = parseDeployment(JSON.parse(await readFile(path.join(inject("deploymentsDir"), "31337.json"), "utf8")));
    const { useConnectionStore } = await import("../../src/stores/connection");
    const { useFarmStore } = await import("../../src/stores/farm");
    const { useStakingStore } = await import("../../src/stores/staking");
    stores = { connection: useConnectionStore(), farm: useFarmStore(), staking: useStakingStore() };
    await stores.connection.init();
    await stores.farm.follow();
    await until(() => stores.farm.status === "ready");
  });

  it("the farm store shows every pool with a price and an APR, one added while it follows too, read in one request per poll", async () => {
    const { farm } = stores;
    expect(farm.chainId).toBe(31337);
    // The world's five pools, by the deployments file (pools another test added are not checked).
    const worldPools = () => farm.pools.filter((p) => p.pid < deployment.pools.length);
    expect(worldPools().map((p) => p.name).sort()).toEqual(["DAI/USDC", "DAI/WETH", "RWD/WETH", "WBTC/WETH", "WETH/USDC"]);

    // This test's own pool, added now: the store finds it on the chain by itself, with no reload,
    // so there are more pools than the world's whichever files ran before.
    const own = await addOwnPool(deployment);
    expect(own.pid).toBeGreaterThanOrEqual(deployment.pools.length);
    await until(() => (farm.pools.find((p) => p.pid === own.pid)?.totalStaked ?? 0n) > 0n, 30_000);
    const mine = farm.pools.find((p) => p.pid === own.pid)!;
    expect(mine.name).toBe("STT/WETH");
    expect(getAddress(mine.meta.address)).toBe(getAddress(own.pair));
    expect(mine.allocPoint).toBe(10n);

    // The reward token's price, read from the chain at the block the store read: RWD in WETH
    // (RWD/WETH reserves) times WETH in USDC (USDC/WETH reserves), the stablecoin at $1.
    const [shownPrice, readAt] = [farm.rewardPrice, farm.snapshot!.blockNumber];
    expect(shownPrice).toBeCloseTo(await rewardPriceAt(deployment, readAt), 9);
    for (const pool of [...worldPools(), mine]) {
      expect(pool.stakedUsd, pool.name).toBeGreaterThan(0);
      expect(pool.reward.kind, pool.name).toBe("apr");
      expect(pool.reward.kind === "apr" && pool.reward.value, pool.name).toBeGreaterThan(0);
    }

    // Over a few blocks, each poll is one eth_call: the whole farm, whatever the pool count.
    expect(farm.snapshot!.poolLength).toBeGreaterThan(deployment.pools.length);
    const seen = farm.snapshot!.blockNumber;
    requests.length = 0;
    await until(() => farm.snapshot!.blockNumber >= seen + 3n, 30_000);
    const perBlock = requests.filter((m) => m === "eth_call").length / Number(farm.snapshot!.blockNumber - seen);
    expect(requests.every((m) => m === "eth_call" || m === "eth_getLogs")).toBe(true);
    expect(perBlock).toBeLessThanOrEqual(2);
  });

  it("stakes with the LP permit in one transaction, then harvests exactly the pending reward", async () => {
    const { connection, farm, staking } = stores;
    // The world's DAI/WETH pool; this file's staker gets its LP now, with no allowance for the
    // farm, so the store must use the permit.
    const pid = deployment.pools.findIndex((p) => [p.symbol0, p.symbol1].sort().join("/") === "DAI/WETH");
    const { token0, symbol0, token1 } = deployment.pools[pid];
    const dai = symbol0 === "DAI" ? token0 : token1;
    const account = await devAccount(STAKER);
    await provideLiquidity(deployment, account, dai, parseUnits("3000", 18), parseEther("1"));

    // The node unlocks only 20 accounts, so the staker connects with a wallet holding its key.
    await connection.connectWith(connection.config!._internal.connectors.setup(keyWallet(STAKER)));
    expect(connection.address).toBe(account);
    await until(() => farm.snapshot?.user?.address === account && (farm.pools.find((p) => p.pid === pid)?.user?.wallet ?? 0n) > 0n);

    const pool = farm.pools.find((p) => p.pid === pid)!;
    expect(pool.name).toBe("DAI/WETH");
    const farmAddress = deployment.farm;
    const [stakedBefore] = await chain.readContract({ address: farmAddress, abi: farmAbi, functionName: "userInfo", args: [BigInt(pid), account] });
    expect(stakedBefore).toBe(0n);
    expect(await chain.readContract({ address: pool.meta.address, abi: uniswapV2PairAbi, functionName: "allowance", args: [account, farmAddress] })).toBe(0n);
    const nonceBefore = await chain.getTransactionCount({ address: account });
    const amount = pool.user!.wallet / 3n;
    expect(amount).toBeGreaterThan(0n);

    expect(await staking.stake(pid, amount)).toBe(true);
    const [stakedAfter] = await chain.readContract({ address: farmAddress, abi: farmAbi, functionName: "userInfo", args: [BigInt(pid), account] });
    expect(stakedAfter - stakedBefore).toBe(amount);
    expect(await chain.getTransactionCount({ address: account })).toBe(nonceBefore + 1); // no approve: the permit did it
    expect(decodeFunctionData({ abi: farmAbi, data: (await lastTransactionOf(account)).input }).functionName).toBe("depositWithPermit");
    expect(farm.pools.find((p) => p.pid === pid)!.user!.staked).toBe(stakedAfter); // refreshed, no reload

    const balanceBefore = await chain.readContract({ address: deployment.rewardToken, abi: rewardTokenAbi, functionName: "balanceOf", args: [account] });
    expect(await staking.harvest(pid)).toBe(true);
    const latest = await chain.getBlockNumber({ cacheTime: 0 });
    const harvests = await chain.getContractEvents({ address: farmAddress, abi: farmAbi, eventName: "Harvest", args: { user: account }, fromBlock: latest - 10n, toBlock: latest });
    const harvested = harvests[harvests.length - 1];
    const balanceAfter = await chain.readContract({ address: deployment.rewardToken, abi: rewardTokenAbi, functionName: "balanceOf", args: [account] });
    expect(harvested.args.amount).toBeGreaterThan(0n);
    expect(balanceAfter - balanceBefore).toBe(harvested.args.amount);
  });
});

// @vitest-environment happy-dom
/**
 * The stores against the real local world (test/setup/world.ts): the farm store reads every pool
 * in one request per poll and turns it into prices and APRs; the staking store stakes through the
 * LP permit in one transaction, harvests, and the figures refresh without a reload.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

import { createPinia, setActivePinia } from "pinia";
import { type Address, createPublicClient, createWalletClient, decodeFunctionData, http } from "viem";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { farmAbi, rewardTokenAbi, uniswapV2PairAbi } from "../../src/chain/abis.generated";
import type { Deployment } from "../../src/chain/deployment";

const appUrl = inject("devAppUrl");
// An independent view of the chain, through the page's same-origin proxy (happy-dom enforces CORS).
const rpcProxy = new URL("/rpc", appUrl).href;
// cacheTime 0: viem otherwise reuses a block number for seconds, and blocks here come every 2 s.
const chain = createPublicClient({ transport: http(rpcProxy), cacheTime: 0 });

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

describe("stores on the local world", () => {
  let deployment: Deployment;

  beforeAll(async () => {
    deployment = JSON.parse(await readFile(path.join(inject("deploymentsDir"), "31337.json"), "utf8")) as Deployment;
  });

  it("the farm store shows every pool with a price and an APR, read in one request per poll", async () => {
    const { useConnectionStore } = await import("../../src/stores/connection");
    const { useFarmStore } = await import("../../src/stores/farm");
    const connection = useConnectionStore();
    await connection.init();
    const farm = useFarmStore();
    await farm.follow();
    await until(() => farm.status === "ready");

    expect(farm.chainId).toBe(31337);
    // The world's five pools (a browser test may have added more by now: those are not checked).
    const deployed = farm.pools.filter((p) => p.pid < deployment.pools.length);
    expect(deployed.map((p) => p.name).sort()).toEqual(["DAI/USDC", "DAI/WETH", "RWD/WETH", "WBTC/WETH", "WETH/USDC"]);
    expect(farm.rewardPrice).toBeGreaterThan(1.3);
    expect(farm.rewardPrice).toBeLessThan(1.7);
    for (const pool of deployed) {
      expect(pool.stakedUsd, pool.name).toBeGreaterThan(0);
      expect(pool.reward.kind, pool.name).toBe("apr");
    }

    // Over a few blocks, each poll is one eth_call: the whole farm, whatever the pool count.
    const seen = farm.snapshot!.blockNumber;
    requests.length = 0;
    await until(() => farm.snapshot!.blockNumber >= seen + 3n, 30_000);
    const perBlock = requests.filter((m) => m === "eth_call").length / Number(farm.snapshot!.blockNumber - seen);
    expect(requests.every((m) => m === "eth_call" || m === "eth_getLogs")).toBe(true);
    expect(perBlock).toBeLessThanOrEqual(2);
  });

  it("stakes with the LP permit in one transaction, then harvests exactly the pending reward", async () => {
    const { useConnectionStore } = await import("../../src/stores/connection");
    const { useFarmStore } = await import("../../src/stores/farm");
    const { useStakingStore } = await import("../../src/stores/staking");
    const connection = useConnectionStore();
    const farm = useFarmStore();
    const staking = useStakingStore();

    const dev = connection.options.filter((o) => o.kind === "dev");
    await connection.connectWith(dev[3].connector);
    const account = connection.address as Address;
    // The world approves the farm for everything; without an allowance the store must use the permit.
    const pair = farm.pools.find((p) => p.name === "DAI/WETH")!.meta.address;
    const wallet = createWalletClient({ account, chain: { ...hardhat, rpcUrls: { default: { http: [rpcProxy] } } }, transport: http(rpcProxy) });
    await chain.waitForTransactionReceipt({
      hash: await wallet.writeContract({ address: pair, abi: uniswapV2PairAbi, functionName: "approve", args: [deployment.farm as Address, 0n] }),
    });
    await until(() => farm.pools[0]?.user !== undefined && farm.snapshot?.user?.address === account);

    const pool = farm.pools.find((p) => p.name === "DAI/WETH")!;
    const farmAddress = deployment.farm as Address;
    const [stakedBefore] = await chain.readContract({ address: farmAddress, abi: farmAbi, functionName: "userInfo", args: [BigInt(pool.pid), account] });
    const nonceBefore = await chain.getTransactionCount({ address: account });
    const amount = pool.user!.wallet / 3n;

    expect(await staking.stake(pool, amount)).toBe(true);
    const [stakedAfter] = await chain.readContract({ address: farmAddress, abi: farmAbi, functionName: "userInfo", args: [BigInt(pool.pid), account] });
    expect(stakedAfter - stakedBefore).toBe(amount);
    expect(await chain.getTransactionCount({ address: account })).toBe(nonceBefore + 1); // no approve: the permit did it
    expect(decodeFunctionData({ abi: farmAbi, data: (await lastTransactionOf(account)).input }).functionName).toBe("depositWithPermit");
    expect(farm.pools.find((p) => p.pid === pool.pid)!.user!.staked).toBe(stakedAfter); // refreshed, no reload

    const balanceBefore = await chain.readContract({ address: deployment.rewardToken as Address, abi: rewardTokenAbi, functionName: "balanceOf", args: [account] });
    expect(await staking.harvest(farm.pools.find((p) => p.pid === pool.pid)!)).toBe(true);
    const latest = await chain.getBlockNumber({ cacheTime: 0 });
    const harvests = await chain.getContractEvents({ address: farmAddress, abi: farmAbi, eventName: "Harvest", args: { user: account }, fromBlock: latest - 10n, toBlock: latest });
    const harvested = harvests[harvests.length - 1];
    const balanceAfter = await chain.readContract({ address: deployment.rewardToken as Address, abi: rewardTokenAbi, functionName: "balanceOf", args: [account] });
    expect(harvested.args.amount).toBeGreaterThan(0n);
    expect(balanceAfter - balanceBefore).toBe(harvested.args.amount);
  });
});

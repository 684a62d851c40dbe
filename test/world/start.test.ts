/**
 * `npm start` as a newcomer runs it: on a free port, read the deployments file it writes, check
 * the world over plain JSON-RPC (pools, prices, balances, volume, blocks that keep coming), then
 * Ctrl-C, and prove nothing it started is left running.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { Contract, formatUnits, Interface, JsonRpcProvider, parseEther, zeroPadValue } from "ethers";
import hre from "hardhat";

import type { Deployment } from "../../deploy/deployments.js";
import { MULTICALL3_ADDRESS } from "../../deploy/multicall.js";
import { uniswapArtifacts } from "../../deploy/uniswap.js";
import { expectFarmsPageShows } from "../helpers/dapp.js";
import { freePort, groupMembers, type Launched, npm } from "../../fixtures/processes.js";

const ERC20_ABI = ["function balanceOf(address) view returns (uint256)", "function symbol() view returns (string)"];
const pairInterface = new Interface(uniswapArtifacts.pair.abi as never);

describe("npm start: the local world", function () {
  let world: Launched;
  let port: number;
  let appPort: number;
  let rpc: JsonRpcProvider;
  let deployment: Deployment;
  let farm: Contract;
  let accounts: string[];

  before(async function () {
    port = await freePort();
    appPort = await freePort();
    const dir = await mkdtemp(path.join(os.tmpdir(), "farm-start-"));
    world = npm(["start"], { PORT: String(port), UI_PORT: String(appPort), DEPLOYMENTS_DIR: dir, BLOCK_SECONDS: "1" });
    await world.waitFor(/Press Ctrl-C to stop/, 90_000);
    rpc = new JsonRpcProvider(`http://127.0.0.1:${port}`, undefined, { staticNetwork: true, batchMaxCount: 1 });
    deployment = JSON.parse(await readFile(path.join(dir, "31337.json"), "utf8")) as Deployment;
    farm = new Contract(deployment.farm, (await hre.artifacts.readArtifact("Farm")).abi, rpc);
    accounts = (await rpc.send("eth_accounts", [])) as string[];
  });

  after(async function () {
    rpc?.destroy();
    world?.kill();
  });

  it("prints its progress step by step, the dev accounts and the addresses", function () {
    expect(world.output).to.match(/\[1\/11\] Starting a Hardhat node on 127\.0\.0\.1:\d+/);
    expect(world.output).to.match(/\[9\/11\] Mining a block every 1 s/);
    expect(world.output).to.match(/\[10\/11\] Starting the indexer/);
    expect(world.output).to.include(`[11/11] Serving the dapp on 127.0.0.1:${appPort}`);
    expect(world.output).to.include(`Dapp       http://127.0.0.1:${appPort}/`);
    expect(world.output).to.include(`JSON-RPC   http://127.0.0.1:${port}`);
    expect(world.output).to.include("#0  0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    expect(world.output).to.include(deployment.farm);
  });

  it("serves the dapp, with the deployments file and the node behind its own origin", async function () {
    const app = `http://127.0.0.1:${appPort}`;
    expect(await (await fetch(`${app}/`)).text()).to.include('<div id="app">');
    expect(await (await fetch(`${app}/deployments/31337.json`)).json()).to.deep.equal(deployment);
    const answer = await fetch(`${app}/rpc`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    });
    expect(((await answer.json()) as { result: string }).result).to.equal("0x7a69");
  });

  it("serves a dapp whose farms page shows every pool's APR and TVL in a browser, with no error", async function () {
    await expectFarmsPageShows(`http://127.0.0.1:${appPort}/`, deployment.pools.map((p) => p.pid));
  });

  it("embeds the indexer, prints its URL and names it in the deployments file for the dapp", async function () {
    expect(deployment.indexer).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(world.output).to.include(`Indexer    ${deployment.indexer}`);
    expect((await fetch(`${deployment.indexer}/health`)).status).to.equal(200);
  });

  it("still starts when its indexer cannot, saying why, and the dapp is served without one", async function () {
    const taken = new URL(deployment.indexer!).port;
    const dir = await mkdtemp(path.join(os.tmpdir(), "farm-start-noindexer-"));
    const [otherPort, otherApp] = [await freePort(), await freePort()];
    const other = npm(["start"], { PORT: String(otherPort), UI_PORT: String(otherApp), DEPLOYMENTS_DIR: dir, INDEXER_PORT: taken });
    try {
      await other.waitFor(/Press Ctrl-C to stop/, 90_000);
      expect(other.output).to.include(`not started: port ${taken} on 127.0.0.1 is already in use`);
      expect(other.output).to.include("The dapp works without it; history is unavailable.");
      expect(other.output).to.match(/Indexer {4}not running \(port \d+ on 127\.0\.0\.1 is already in use.*\); the dapp works without history/);
      const written = JSON.parse(await readFile(path.join(dir, "31337.json"), "utf8")) as Deployment;
      expect(written.indexer, "no indexer named in the deployments file").to.equal(undefined);
      expect(await (await fetch(`http://127.0.0.1:${otherApp}/`)).text()).to.include('<div id="app">');
    } finally {
      await other.stop();
    }
  });

  it("writes a deployments file with every field the frontend reads", async function () {
    expect(deployment.chainId).to.equal(31337);
    expect(deployment.multicall3).to.equal(MULTICALL3_ADDRESS);
    for (const key of ["farm", "zap", "rewardToken", "uniswapV2Factory", "uniswapV2Router", "weth", "stablecoin"] as const) {
      expect(await rpc.getCode(deployment[key]!), key).to.not.equal("0x");
    }
    expect(await rpc.getCode(MULTICALL3_ADDRESS)).to.not.equal("0x");
    expect(deployment.startBlock).to.equal(Number(await farm.startBlock()));
    const symbols = deployment.pools.map((p) => [p.symbol0, p.symbol1].sort().join("/"));
    expect(symbols).to.deep.equal(["USDC/WETH", "DAI/WETH", "WBTC/WETH", "DAI/USDC", "RWD/WETH"]);
    const decimals = Object.fromEntries(deployment.pools.flatMap((p) => [[p.symbol0, p.decimals0], [p.symbol1, p.decimals1]]));
    expect(decimals).to.deep.equal({ WETH: 18, USDC: 6, DAI: 18, WBTC: 8, RWD: 18 });
  });

  it("deploys the zap over the farm and the router, approved as an operator by no dev account (the dapp asks)", async function () {
    const zap = new Contract(deployment.zap!, (await hre.artifacts.readArtifact("FarmZap")).abi, rpc);
    expect(await zap.farm()).to.equal(deployment.farm);
    expect(await zap.router()).to.equal(deployment.uniswapV2Router);
    for (const account of accounts.slice(0, 10)) expect(await farm.isOperator(account, deployment.zap), account).to.equal(false);
  });

  it("has five pools with different allocations, matching the file", async function () {
    expect(await farm.poolLength()).to.equal(5n);
    const allocations: bigint[] = [];
    for (const pool of deployment.pools) {
      const info = await farm.poolInfo(pool.pid);
      expect(info.lpToken).to.equal(pool.lpToken);
      allocations.push(info.allocPoint as bigint);
    }
    expect(allocations).to.deep.equal([40n, 20n, 20n, 10n, 100n]);
    expect(await farm.totalAllocPoint()).to.equal(190n);
  });

  /** Price of one `symbol` in the other token of its pool, from the pair's reserves. */
  async function price(pairName: string, symbol: string): Promise<number> {
    const pool = deployment.pools.find((p) => [p.symbol0, p.symbol1].sort().join("/") === pairName)!;
    const pair = new Contract(pool.lpToken, uniswapArtifacts.pair.abi as never, rpc);
    const [r0, r1] = (await pair.getReserves()) as [bigint, bigint];
    const amount0 = Number(formatUnits(r0, pool.decimals0));
    const amount1 = Number(formatUnits(r1, pool.decimals1));
    return pool.symbol0 === symbol ? amount1 / amount0 : amount0 / amount1;
  }

  it("prices the pairs like the market: WETH ≈ 3,000 USD, WBTC ≈ 20 WETH, RWD ≈ 0.0005 WETH", async function () {
    expect(await price("USDC/WETH", "WETH")).to.be.within(2_900, 3_100);
    expect(await price("DAI/WETH", "WETH")).to.be.within(2_900, 3_100);
    expect(await price("WBTC/WETH", "WBTC")).to.be.within(19, 21);
    expect(await price("DAI/USDC", "DAI")).to.be.within(0.98, 1.02);
    expect(await price("RWD/WETH", "RWD")).to.be.within(0.00045, 0.00055);
  });

  it("gives dev accounts #0-#3 LP in every pool, half of it staked", async function () {
    for (const account of accounts.slice(0, 4)) {
      for (const pool of deployment.pools) {
        const wallet = (await new Contract(pool.lpToken, ERC20_ABI, rpc).balanceOf(account)) as bigint;
        const [staked] = (await farm.userInfo(pool.pid, account)) as [bigint];
        expect(staked, `${account} pool ${pool.pid}`).to.be.greaterThan(0n);
        expect(wallet - staked).to.be.within(0n, 1n); // half staked, the odd wei stays in the wallet
      }
    }
    const usdc = new Contract(deployment.stablecoin, ERC20_ABI, rpc);
    expect(await usdc.symbol()).to.equal("USDC");
    expect(await usdc.balanceOf(accounts[1])).to.be.greaterThan(0n);
    expect(await rpc.getBalance(accounts[1])).to.be.greaterThan(parseEther("9000"));
  });

  it("has trading volume in every farmed pair, RWD/WETH included, within the fee APR's last day of blocks", async function () {
    const swapTopic = pairInterface.getEvent("Swap")!.topicHash;
    const latest = BigInt(await rpc.getBlockNumber());
    const day = BigInt(Math.round(86_400 / deployment.blockSeconds!)); // the dapp's fee window: a day of nominal blocks
    const fromBlock = Number(latest > day ? latest - day : 0n);
    expect(deployment.pools).to.have.length(5);
    for (const pool of deployment.pools) {
      const swaps = await rpc.getLogs({ address: pool.lpToken, topics: [swapTopic], fromBlock });
      expect(swaps.length, `${pool.symbol0}/${pool.symbol1}`).to.be.greaterThanOrEqual(6);
    }
  });

  it("gives dev account #4 tokens and LP but no stake and no approval, and the summary says so", async function () {
    const newcomer = accounts[4];
    expect(world.output).to.match(new RegExp(`#4  ${newcomer}  0x[0-9a-f]{64}\\n.*a newcomer: tokens and LP, nothing staked, no approvals`, "i"));
    const withLp = ["USDC/WETH", "DAI/USDC", "RWD/WETH"];
    for (const pool of deployment.pools) {
      const name = [pool.symbol0, pool.symbol1].sort().join("/");
      for (const token of [pool.token0, pool.token1]) {
        expect(await new Contract(token, ERC20_ABI, rpc).balanceOf(newcomer), `${name} token ${token}`).to.be.greaterThan(0n);
      }
      const lp = (await new Contract(pool.lpToken, ERC20_ABI, rpc).balanceOf(newcomer)) as bigint;
      if (withLp.includes(name)) expect(lp, `${name} LP`).to.be.greaterThan(0n);
      const [staked] = (await farm.userInfo(pool.pid, newcomer)) as [bigint];
      expect(staked, `${name} staked`).to.equal(0n);
    }
    // No Approval event with the newcomer as owner, on any contract, ever: no allowance to the
    // farm, the router or anyone (a zero approval would show up too).
    const approval = pairInterface.getEvent("Approval")!.topicHash;
    const owner = zeroPadValue(newcomer, 32);
    expect(await rpc.getLogs({ topics: [approval, owner], fromBlock: 0 })).to.deep.equal([]);
    // ... and the sanity check that the same query finds the other dev accounts' approvals.
    expect(await rpc.getLogs({ topics: [approval, zeroPadValue(accounts[1], 32)], fromBlock: 0 })).to.not.deep.equal([]);
  });

  it("mines on its own every few seconds, so pending rewards grow with no transaction", async function () {
    const before = BigInt(await rpc.getBlockNumber());
    const pendingBefore = (await farm.pendingReward(0, accounts[0])) as bigint;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(BigInt(await rpc.getBlockNumber())).to.be.greaterThan(before);
    expect(await farm.pendingReward(0, accounts[0])).to.be.greaterThan(pendingBefore);
  });

  it("refuses a second start on the same port, saying why, and exits non-zero", async function () {
    const second = npm(["start"], { PORT: String(port), UI_PORT: String(await freePort()), DEPLOYMENTS_DIR: os.tmpdir() });
    expect((await second.exited).code).to.equal(1);
    expect(second.output).to.include(`port ${port} on 127.0.0.1 is already in use`);
  });

  it("refuses a dapp port that is taken before building anything, naming UI_PORT, and exits non-zero", async function () {
    const second = npm(["start"], { PORT: String(await freePort()), UI_PORT: String(appPort), DEPLOYMENTS_DIR: os.tmpdir() });
    expect((await second.exited).code).to.equal(1);
    expect(second.output).to.include(`port ${appPort} on 127.0.0.1 is already in use`);
    expect(second.output).to.include(`UI_PORT=${appPort + 1}`);
    expect(second.output).to.not.include("[2/11]");
  });

  it("stops everything on Ctrl-C and leaves no process behind", async function () {
    world.interrupt();
    const { code, signal } = await world.exited;
    expect(code === 0 || signal === "SIGINT", `exit ${code} ${signal}`).to.equal(true);
    expect(world.output).to.include("Stopped: the node is shut down.");
    expect(groupMembers(world.group)).to.deep.equal([]);
    const reached = await rpc.getBlockNumber().then(() => true, () => false);
    expect(reached, "the node still answers").to.equal(false);
    const served = await fetch(`http://127.0.0.1:${appPort}/`).then(() => true, () => false);
    expect(served, "the dapp is still served").to.equal(false);
    const indexed = await fetch(`${deployment.indexer}/health`).then(() => true, () => false);
    expect(indexed, "the indexer still answers").to.equal(false);
  });
});

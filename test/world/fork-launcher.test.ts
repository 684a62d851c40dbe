/**
 * `FORK_URL=… npm run fork` end to end against the mainnet-shaped upstream (started here, in
 * process): the farm lands over the real pairs at their mainnet addresses, dev accounts hold and
 * stake real-pair LP, and Ctrl-C leaves nothing running.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { Contract, JsonRpcProvider } from "ethers";
import hre from "hardhat";

import type { Deployment } from "../../deploy/deployments.js";
import { MAINNET } from "../../worlds/mainnet.js";
import { startMainnetShapedUpstream, type Upstream } from "../../worlds/mainnet-shaped.js";
import { MAINNET_PAIRS } from "../fork/upstream.js";
import { expectFarmsPageShows } from "../helpers/dapp.js";
import { freePort, groupMembers, type Launched, npm } from "../../fixtures/processes.js";

const ERC20_ABI = ["function balanceOf(address) view returns (uint256)", "function totalSupply() view returns (uint256)"];

describe("npm run fork: the farm over mainnet's real pairs", function () {
  let upstream: Upstream;
  let fork: Launched;
  let rpc: JsonRpcProvider;
  let deployment: Deployment;
  let appPort: number;

  before(async function () {
    upstream = await startMainnetShapedUpstream();
    const port = await freePort();
    const dir = await mkdtemp(path.join(os.tmpdir(), "farm-fork-"));
    appPort = await freePort();
    fork = npm(["run", "fork"], { FORK_URL: upstream.url, PORT: String(port), UI_PORT: String(appPort), DEPLOYMENTS_DIR: dir });
    await fork.waitFor(/Press Ctrl-C to stop/, 90_000);
    rpc = new JsonRpcProvider(`http://127.0.0.1:${port}`, undefined, { staticNetwork: true, batchMaxCount: 1 });
    deployment = JSON.parse(await readFile(path.join(dir, "31337.json"), "utf8")) as Deployment;
  });

  after(async function () {
    rpc?.destroy();
    fork?.kill();
    await upstream?.close();
  });

  it("farms the real pairs at their mainnet addresses, plus a reward/WETH market", async function () {
    expect(deployment.uniswapV2Factory).to.equal(MAINNET.uniswapV2Factory);
    expect(deployment.uniswapV2Router).to.equal(MAINNET.uniswapV2Router);
    expect(deployment.weth).to.equal(MAINNET.weth);
    expect(deployment.stablecoin).to.equal(MAINNET.usdc);
    expect(deployment.pools.slice(0, 3).map((p) => p.lpToken)).to.deep.equal([MAINNET_PAIRS.usdcWeth, MAINNET_PAIRS.daiWeth, MAINNET_PAIRS.wbtcWeth]);
    expect(deployment.pools.map((p) => `${p.symbol0}/${p.symbol1}`)).to.deep.equal(["USDC/WETH", "DAI/WETH", "WBTC/WETH", "RWD/WETH"]);
    expect(await rpc.getCode(deployment.multicall3)).to.not.equal("0x");
    // The summary names pools as the dapp does, base/quote, not in the pair's token order.
    expect(fork.output).to.match(new RegExp(`#0  WETH/USDC +${MAINNET_PAIRS.usdcWeth}`));
    expect(fork.output).to.match(new RegExp(`#3  RWD/WETH +${deployment.pools[3].lpToken}`));
  });

  it("gives the dev accounts real-pair LP, half staked, and the pairs' own accounting agrees", async function () {
    const farm = new Contract(deployment.farm, (await hre.artifacts.readArtifact("Farm")).abi, rpc);
    const accounts = ((await rpc.send("eth_accounts", [])) as string[]).slice(0, 4);
    for (const pool of deployment.pools) {
      const pair = new Contract(pool.lpToken, ERC20_ABI, rpc);
      let credited = 0n;
      for (const account of accounts) {
        const [staked] = (await farm.userInfo(pool.pid, account)) as [bigint];
        expect(staked, `${account} in pool ${pool.pid}`).to.be.greaterThan(0n);
        // Half staked, half in the wallet (the deployer's wallet also holds the RWD/WETH market's seed LP).
        expect(await pair.balanceOf(account)).to.be.at.least(staked);
        credited += staked;
      }
      expect(await pair.balanceOf(deployment.farm)).to.equal(credited);
      expect((await farm.poolInfo(pool.pid)).totalStaked).to.equal(credited);
    }
  });

  it("serves the dapp, whose farms page shows the real pairs' APR and TVL in a browser", async function () {
    await expectFarmsPageShows(`http://127.0.0.1:${appPort}/`, deployment.pools.map((p) => p.pid));
  });

  it("stops on Ctrl-C and leaves no process behind", async function () {
    fork.interrupt();
    const { code, signal } = await fork.exited;
    expect(code === 0 || signal === "SIGINT", `exit ${code} ${signal}`).to.equal(true);
    expect(fork.output).to.include("Stopped: the node is shut down.");
    expect(groupMembers(fork.group)).to.deep.equal([]);
  });
});

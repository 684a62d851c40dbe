/**
 * `npm run deploy -- --network localhost` end to end, against a real Hardhat node over HTTP that
 * already has Uniswap V2 and tokens (as a live network would): the first run deploys, the second
 * sends nothing; a bad config fails with a sentence and a non-zero exit. And the mainnet example
 * config, as shipped, deploys onto the mainnet-shaped chain.
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { network } from "hardhat";
import type { JsonRpcServer } from "hardhat/types/network";

import type { Deployment } from "../../deploy/deployments.js";
import { startMainnetShapedUpstream } from "../../worlds/mainnet-shaped.js";
import { MAINNET_PAIRS } from "../fork/upstream.js";
import { buildWorld, type World } from "../../fixtures/world.js";
import { freePort, npm } from "../../fixtures/processes.js";

describe("npm run deploy: any network, from a config file", function () {
  let server: JsonRpcServer;
  let port: number;
  let world: World;
  let dir: string;
  let configFile: string;

  before(async function () {
    port = await freePort();
    server = await network.createServer({ network: "default" }, "127.0.0.1", port);
    await server.listen();
    const { ethers } = await network.create({ network: "localhost", override: { url: `http://127.0.0.1:${port}` } });
    world = await buildWorld(ethers);
    dir = await mkdtemp(path.join(os.tmpdir(), "farm-deploy-"));
    configFile = path.join(dir, "live.json");
    await writeFile(
      configFile,
      JSON.stringify({
        rewardToken: { name: "Live Reward", symbol: "LIVE", decimals: 18, cap: "500000" },
        rewardPerBlock: "1.5",
        startBlock: "+10",
        owner: world.alice.address,
        uniswapV2Factory: await world.uniswap.factory.getAddress(),
        uniswapV2Router: await world.uniswap.router.getAddress(),
        weth: await world.uniswap.weth.getAddress(),
        stablecoin: await world.usdc.getAddress(),
        pools: [
          { lpToken: await world.usdcWeth.getAddress(), allocPoint: 60 },
          { lpToken: await world.daiWeth.getAddress(), allocPoint: 40 },
        ],
      }),
    );
  });

  after(async function () {
    await server?.close();
  });

  function deploy(config: string) {
    return npm(["run", "deploy", "--", "--network", "localhost"], { PORT: String(port), FARM_CONFIG: config, DEPLOYMENTS_DIR: dir });
  }

  it("deploys once, then a rerun sends no transaction", async function () {
    const first = deploy(configFile);
    expect((await first.exited).code, first.output).to.equal(0);
    expect(first.output).to.include("deployed a new farm");
    expect(first.output).to.include(`ownership offered to ${world.alice.address}`);
    expect(first.output).to.include(`pool #0 WETH/USDC ${await world.usdcWeth.getAddress()}`);
    const file = JSON.parse(await readFile(path.join(dir, "31337.json"), "utf8")) as Deployment;
    expect(file.network).to.equal("localhost");
    expect(file.pools.map((p) => p.lpToken)).to.deep.equal([await world.usdcWeth.getAddress(), await world.daiWeth.getAddress()]);

    const nonce = await world.owner.getNonce();
    const second = deploy(configFile);
    expect((await second.exited).code, second.output).to.equal(0);
    expect(second.output).to.include("resumed the existing farm");
    expect(await world.owner.getNonce()).to.equal(nonce);
    expect(JSON.parse(await readFile(path.join(dir, "31337.json"), "utf8"))).to.deep.equal(file);
  });

  it("fails with the reason, naming the step, and exits 1 on a bad config", async function () {
    const bad = path.join(dir, "bad.json");
    await writeFile(bad, JSON.stringify({ rewardToken: { name: "x", symbol: "x", cap: "1" }, rewardPerBlock: "1", startBlock: 0 }));
    const run = deploy(bad);
    expect((await run.exited).code).to.equal(1);
    expect(run.output).to.include(`Error: Reading ${bad} and checking it against localhost failed: ${bad}: "pools" is missing.`);
  });
});

describe("npm run deploy: the shipped mainnet config", function () {
  it("deploys as written onto the mainnet-shaped chain, over the real pairs", async function () {
    const upstream = await startMainnetShapedUpstream();
    try {
      const dir = await mkdtemp(path.join(os.tmpdir(), "farm-deploy-mainnet-"));
      const run = npm(["run", "deploy", "--", "--network", "localhost"], {
        PORT: new URL(upstream.url).port, FARM_CONFIG: "deploy/config/mainnet.json", DEPLOYMENTS_DIR: dir,
      });
      expect((await run.exited).code, run.output).to.equal(0);
      const file = JSON.parse(await readFile(path.join(dir, "1.json"), "utf8")) as Deployment;
      expect(file.chainId).to.equal(1);
      expect(file.pools.map((p) => p.lpToken)).to.deep.equal([MAINNET_PAIRS.usdcWeth, MAINNET_PAIRS.daiWeth, MAINNET_PAIRS.wbtcWeth]);
      expect(run.output).to.include(`pool #0 WETH/USDC ${MAINNET_PAIRS.usdcWeth}`);
    } finally {
      await upstream.close();
    }
  });
});

/**
 * The chain the fork tests fork from looks like Ethereum mainnet where the farm looks: chain id 1,
 * mainnet block numbers, Uniswap V2, WETH, the tokens and Multicall3 at their real addresses, and
 * the pairs the factory reports at their real mainnet addresses, deep enough for a fork to see.
 * With FORK_URL set, the same checks run against the real mainnet.
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { type Contract, parseEther } from "ethers";

import type { Upstream } from "../../worlds/mainnet-shaped.js";
import { MAINNET } from "../../worlds/mainnet.js";
import { MULTICALL3_ADDRESS } from "../../deploy/multicall.js";
import { TEST_TOKENS } from "../../worlds/tokens.js";
import { pairAt, uniswapAt, type UniswapWorld } from "../../deploy/uniswap.js";
import { connectTo, MAINNET_PAIRS, mainnet } from "./upstream.js";

/** A Hardhat node forking a chain-1 URL forks at (latest - 32). */
const FORK_DEPTH = 32;

describe("Fork upstream: mainnet, or the mainnet-shaped stand-in", function () {
  let upstream: Upstream;
  let connection: Awaited<ReturnType<typeof connectTo>>;
  let ethers: HardhatEthers;
  let reader: HardhatEthersSigner;
  let uniswap: UniswapWorld;

  before(async function () {
    upstream = await mainnet();
    connection = await connectTo(upstream.url);
    ethers = connection.ethers;
    [reader] = await ethers.getSigners();
    uniswap = uniswapAt({ factory: MAINNET.uniswapV2Factory, router: MAINNET.uniswapV2Router, weth: MAINNET.weth }, reader);
  });

  after(async function () {
    await connection?.close();
    await upstream?.close();
  });

  async function token(address: string): Promise<Contract> {
    return (await ethers.getContractAt("TestERC20", address)) as unknown as Contract;
  }

  it("is chain 1, past block 24,000,000", async function () {
    expect((await ethers.provider.getNetwork()).chainId).to.equal(1n);
    expect(await ethers.provider.getBlockNumber()).to.be.greaterThan(24_000_000);
  });

  it("has WETH, the Uniswap V2 router and factory, and Multicall3 at their mainnet addresses", async function () {
    // The router's immutables name the real factory and WETH: trades through it reach the real pairs.
    expect(await uniswap.router.factory()).to.equal(MAINNET.uniswapV2Factory);
    expect(await uniswap.router.WETH()).to.equal(MAINNET.weth);
    expect(await uniswap.weth.symbol()).to.equal("WETH");
    expect(await uniswap.weth.decimals()).to.equal(18n);
    expect(await ethers.provider.getCode(MULTICALL3_ADDRESS)).to.not.equal("0x");
  });

  it("has USDC, DAI and WBTC at their mainnet addresses, with their symbols and decimals", async function () {
    for (const [address, spec] of [
      [MAINNET.usdc, TEST_TOKENS.usdc],
      [MAINNET.dai, TEST_TOKENS.dai],
      [MAINNET.wbtc, TEST_TOKENS.wbtc],
    ] as const) {
      const contract = await token(address);
      expect(await contract.symbol()).to.equal(spec.symbol);
      expect(await contract.decimals()).to.equal(BigInt(spec.decimals));
    }
  });

  it("has the token/WETH pairs at their real mainnet addresses, with liquidity", async function () {
    expect(await uniswap.factory.getPair(MAINNET.usdc, MAINNET.weth)).to.equal(MAINNET_PAIRS.usdcWeth);
    expect(await uniswap.factory.getPair(MAINNET.dai, MAINNET.weth)).to.equal(MAINNET_PAIRS.daiWeth);
    expect(await uniswap.factory.getPair(MAINNET.wbtc, MAINNET.weth)).to.equal(MAINNET_PAIRS.wbtcWeth);
    for (const address of Object.values(MAINNET_PAIRS)) {
      const [reserve0, reserve1] = (await pairAt(address, reader).getReserves()) as bigint[];
      expect(reserve0).to.be.greaterThan(0n);
      expect(reserve1).to.be.greaterThan(0n);
    }
    // A sane market: one WETH sells for between 100 and 100,000 USDC.
    const [, usdcOut] = (await uniswap.router.getAmountsOut(parseEther("1"), [MAINNET.weth, MAINNET.usdc])) as bigint[];
    expect(usdcOut).to.be.within(100n * 10n ** 6n, 100_000n * 10n ** 6n);
  });

  it("holds all of it at least 32 blocks deep, where a forking node reads", async function () {
    const forkBlock = (await ethers.provider.getBlockNumber()) - FORK_DEPTH;
    for (const address of [MAINNET.uniswapV2Router, MAINNET.usdc, MAINNET_PAIRS.usdcWeth, MAINNET_PAIRS.wbtcWeth]) {
      expect(await ethers.provider.getCode(address, forkBlock), address).to.not.equal("0x");
    }
  });
});

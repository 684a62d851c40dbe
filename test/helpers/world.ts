/**
 * The world every contract test starts from: real Uniswap V2 (official artifacts), real pairs
 * funded through the router, the reward token and the farm with no pools yet.
 * Built once per test file by `loadFixture`, then restored from a snapshot for each test.
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { type Contract, parseEther, parseUnits, toQuantity } from "ethers";

import { deployFarm } from "../../deploy/farm.js";
import { addLiquidity } from "../../deploy/liquidity.js";
import { deployTestToken, TEST_TOKENS } from "../../deploy/tokens.js";
import { deployUniswap, type UniswapWorld } from "../../deploy/uniswap.js";

export const REWARD_PER_BLOCK = parseEther("10");
export const REWARD_CAP = parseEther("1000000");
/** Emission starts after the fixture's last block plus this many blocks. */
export const START_DELAY = 20n;

export interface World {
  ethers: HardhatEthers;
  owner: HardhatEthersSigner;
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  carol: HardhatEthersSigner;
  mallory: HardhatEthersSigner;
  uniswap: UniswapWorld;
  usdc: Contract;
  wbtc: Contract;
  dai: Contract;
  /** Real UniswapV2Pair LP tokens. */
  usdcWeth: Contract;
  daiWeth: Contract;
  wbtcWeth: Contract;
  rewardToken: Contract;
  farm: Contract;
  startBlock: bigint;
}

export async function buildWorld(ethers: HardhatEthers): Promise<World> {
  const [owner, alice, bob, carol, mallory] = await ethers.getSigners();
  // Each new fixture builds on the previous test's chain: top the deployer up so it never runs dry.
  await ethers.provider.send("hardhat_setBalance", [owner.address, toQuantity(parseEther("10000"))]);
  const uniswap = await deployUniswap(owner);

  const usdc = await deployTestToken(ethers, owner, TEST_TOKENS.usdc);
  const wbtc = await deployTestToken(ethers, owner, TEST_TOKENS.wbtc);
  const dai = await deployTestToken(ethers, owner, TEST_TOKENS.dai);
  await (await usdc.mint(owner.address, parseUnits("3000000", 6))).wait();
  await (await wbtc.mint(owner.address, parseUnits("20", 8))).wait();
  await (await dai.mint(owner.address, parseUnits("3000000", 18))).wait();
  await (await uniswap.weth.deposit({ value: parseEther("3000") })).wait();

  // Realistic prices: WETH ~ 3,000 USD, WBTC ~ 60,000 USD.
  const usdcWeth = await addLiquidity(uniswap, owner, {
    tokenA: usdc, tokenB: uniswap.weth, amountA: parseUnits("3000000", 6), amountB: parseEther("1000"),
  });
  const daiWeth = await addLiquidity(uniswap, owner, {
    tokenA: dai, tokenB: uniswap.weth, amountA: parseUnits("3000000", 18), amountB: parseEther("1000"),
  });
  const wbtcWeth = await addLiquidity(uniswap, owner, {
    tokenA: wbtc, tokenB: uniswap.weth, amountA: parseUnits("20", 8), amountB: parseEther("400"),
  });

  // Every staker gets LP from the owner, who holds all of it.
  for (const pair of [usdcWeth, daiWeth, wbtcWeth]) {
    const share = ((await pair.balanceOf(owner.address)) as bigint) / 10n;
    for (const staker of [alice, bob, carol, mallory]) {
      await (await pair.transfer(staker.address, share)).wait();
    }
  }

  const startBlock = BigInt(await ethers.provider.getBlockNumber()) + START_DELAY;
  const { rewardToken, farm } = await deployFarm(ethers, owner, {
    rewardPerBlock: REWARD_PER_BLOCK,
    startBlock,
    cap: REWARD_CAP,
    owner: owner.address,
  });

  return { ethers, owner, alice, bob, carol, mallory, uniswap, usdc, wbtc, dai, usdcWeth, daiWeth, wbtcWeth, rewardToken, farm, startBlock };
}

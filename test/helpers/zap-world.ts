/**
 * The zap's world for its tests and the gas benchmark: the contract-test world (fixtures/world.ts)
 * with four pools over real Uniswap V2 pairs, a reward-token market, and the zap.
 *   pid 0 USDC/WETH, pid 1 DAI/WETH, pid 2 RWD/WETH (the reward token's market), pid 3 USDC/DAI
 *   (no WETH). Alice and Bob hold USDC and DAI and have approved the zap for every token; nobody
 *   has approved it as a farm operator.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { type Contract, MaxUint256, parseEther, parseUnits } from "ethers";

import { pairAt } from "../../deploy/uniswap.js";
import { as, mined, mineUntilNextTxIn } from "../../fixtures/chain.js";
import { buildWorld, type World } from "../../fixtures/world.js";
import { addLiquidity } from "../../worlds/liquidity.js";
import type { PairState } from "./zap-model.js";

export const PID = { usdcWeth: 0n, daiWeth: 1n, rwdWeth: 2n, usdcDai: 3n } as const;

export interface ZapWorld extends World {
  zap: Contract;
  zapAddress: string;
  weth: Contract;
  rwdWeth: Contract;
  usdcDai: Contract;
  /** Every token whose balance of the zap must be zero after every transaction (tests add theirs). */
  watched: Contract[];
}

export async function buildZapWorld(ethers: HardhatEthers): Promise<ZapWorld> {
  const w = await buildWorld(ethers);
  const { farm, owner, alice, bob, uniswap, usdc, dai, rewardToken } = w;
  const farmAddress = await farm.getAddress();
  await mined(as(farm, owner).add(100, await w.usdcWeth.getAddress()));
  await mined(as(farm, owner).add(100, await w.daiWeth.getAddress()));

  // A reward-token market, the way it would start: the owner farms, harvests, and seeds RWD/WETH.
  await mined(as(w.usdcWeth, owner).approve(farmAddress, MaxUint256));
  await mined(as(farm, owner).deposit(PID.usdcWeth, ((await w.usdcWeth.balanceOf(owner.address)) as bigint) / 10n));
  await mineUntilNextTxIn(ethers, w.startBlock + 60n);
  await mined(as(farm, owner).harvest(PID.usdcWeth));
  const rwdWeth = await addLiquidity(uniswap, owner, {
    tokenA: rewardToken, tokenB: uniswap.weth, amountA: parseEther("200"), amountB: parseEther("2"),
  });
  await mined(as(farm, owner).add(100, await rwdWeth.getAddress()));
  await mined(usdc.mint(owner.address, parseUnits("100000", 6)));
  await mined(dai.mint(owner.address, parseEther("100000")));
  const usdcDai = await addLiquidity(uniswap, owner, {
    tokenA: usdc, tokenB: dai, amountA: parseUnits("100000", 6), amountB: parseEther("100000"),
  });
  await mined(as(farm, owner).add(100, await usdcDai.getAddress()));

  const zap = await ethers.deployContract("FarmZap", [farmAddress, await uniswap.router.getAddress()], owner);
  const zapAddress = await zap.getAddress();
  for (const user of [alice, bob]) {
    await mined(usdc.mint(user.address, parseUnits("1000000", 6)));
    await mined(dai.mint(user.address, parseEther("1000000")));
    await mined(as(uniswap.weth, user).deposit({ value: parseEther("100") }));
    for (const token of [usdc, dai, uniswap.weth, rewardToken]) await mined(as(token, user).approve(zapAddress, MaxUint256));
  }
  return {
    ...w,
    zap,
    zapAddress,
    weth: uniswap.weth,
    rwdWeth: pairAt(await rwdWeth.getAddress(), owner),
    usdcDai: pairAt(await usdcDai.getAddress(), owner),
    watched: [usdc, dai, w.wbtc, uniswap.weth, rewardToken, w.usdcWeth, w.daiWeth, w.wbtcWeth, rwdWeth, usdcDai],
  };
}

/** The zap holds no ETH and none of the watched tokens (nor any of `extra`). */
export async function expectZapHoldsNothing(w: ZapWorld, extra: Contract[] = []): Promise<void> {
  expect(await w.ethers.provider.getBalance(w.zapAddress), "the zap's ETH").to.equal(0n);
  for (const token of [...w.watched, ...extra]) {
    expect(await token.balanceOf(w.zapAddress), `the zap's ${await token.getAddress()}`).to.equal(0n);
  }
}

/** What the model needs to know about a real pair. */
export async function pairState(w: ZapWorld, pair: Contract): Promise<PairState> {
  const [reserve0, reserve1] = (await pair.getReserves()) as [bigint, bigint];
  return {
    reserve0,
    reserve1,
    totalSupply: await pair.totalSupply(),
    kLast: await pair.kLast(),
    feeOn: (await w.uniswap.factory.feeTo()) !== "0x0000000000000000000000000000000000000000",
  };
}

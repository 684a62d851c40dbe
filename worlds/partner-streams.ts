/**
 * The local world's partner rewards ("double rewards", IPartnerRewarder): a sponsor's token, PTN,
 * with its own PTN/WETH market so the dapp prices it as it prices RWD, streaming on the
 * USDC/WETH and RWD/WETH pools. Stakes made before a pool's first stream earn partner rewards
 * from their owner's next action in the pool: the funded dev accounts act (a deposit of 0) so
 * they earn from the start, as a farmer who harvests after the announcement would.
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { type Contract, MaxUint256, parseEther } from "ethers";

import type { FarmStack } from "../deploy/farm-stack.js";
import type { UniswapWorld } from "../deploy/uniswap.js";
import { addLiquidity } from "./liquidity.js";
import { deployTestToken } from "./tokens.js";

export const PARTNER_TOKEN = { name: "Partner Token", symbol: "PTN", decimals: 18 } as const;
/** PTN's market: 600,000 PTN + 100 ETH, 1 PTN = 1/6,000 ETH (≈ 0.50 USD at 3,000 USD per ETH). */
export const PARTNER_MARKET = { ptn: parseEther("600000"), eth: parseEther("100") };
/** Each stream: this much PTN over this many blocks (0.05 PTN a block; about 4.6 days of 2 s blocks). */
export const PARTNER_STREAM = { amount: parseEther("10000"), blocks: 200_000n };
/** The pools that carry PTN, by pair name. */
export const PARTNERED_PAIRS = ["USDC/WETH", "RWD/WETH"] as const;

export interface PartnerWorld {
  token: Contract;
  pair: Contract;
  pids: number[];
}

/**
 * Deploys PTN and its market, funds its stream on each of `PARTNERED_PAIRS` from the deployer (the
 * farm's owner, a sponsor by right), and enrols `stakers`' stakes in those pools.
 */
export async function addPartnerStreams(
  ethers: HardhatEthers,
  world: { uniswap: UniswapWorld; pairs: Record<string, Contract>; stack: FarmStack },
  deployer: HardhatEthersSigner,
  stakers: HardhatEthersSigner[],
): Promise<PartnerWorld> {
  const { uniswap, pairs, stack } = world;
  const token = await deployTestToken(ethers, deployer, PARTNER_TOKEN);
  const streamed = PARTNER_STREAM.amount * BigInt(PARTNERED_PAIRS.length);
  await (await token.mint(deployer.address, PARTNER_MARKET.ptn + streamed)).wait();
  await (await (uniswap.weth.connect(deployer) as Contract).deposit({ value: PARTNER_MARKET.eth })).wait();
  const pair = await addLiquidity(uniswap, deployer, { tokenA: token, tokenB: uniswap.weth, amountA: PARTNER_MARKET.ptn, amountB: PARTNER_MARKET.eth });

  const farm = stack.farm;
  const rewarder = await ethers.getContractAt("PartnerRewarder", await farm.partnerRewarder(), deployer);
  await (await (token.connect(deployer) as Contract).approve(await rewarder.getAddress(), MaxUint256)).wait();
  const pids = PARTNERED_PAIRS.map((name) => stack.deployment.pools.findIndex((p) => p.lpToken === (pairs[name].target as string)));
  for (const pid of pids) {
    const end = BigInt(await ethers.provider.getBlockNumber()) + PARTNER_STREAM.blocks;
    await (await rewarder.fund(pid, await token.getAddress(), PARTNER_STREAM.amount, end)).wait();
    for (const staker of stakers) await (await (farm.connect(staker) as Contract).deposit(pid, 0n)).wait();
  }
  return { token, pair, pids };
}

/**
 * The one deployment every random sequence starts from (restored from a snapshot each time):
 * real Uniswap V2 (official artifacts), five stakeable tokens of different kinds and magnitudes,
 * a farm over a reward token that can be made to break, three pools, five stakers holding and
 * approving every token, and Multicall3 for the one read per step.
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { type Contract, MaxUint256, parseEther, parseUnits, toQuantity } from "ethers";

import { addLiquidity } from "../../deploy/liquidity.js";
import { ensureMulticall3 } from "../../deploy/multicall.js";
import { deployTestToken, TEST_TOKENS } from "../../deploy/tokens.js";
import { deployUniswap } from "../../deploy/uniswap.js";
import { as } from "../helpers/chain.js";
import { deployFarmFor } from "../helpers/farm-state.js";

/** A token that can be staked, and the share of each transfer it burns (basis points). */
export interface Stakeable {
  name: string;
  contract: Contract;
  address: string;
  feeBps: bigint;
}

export interface InvariantWorld {
  ethers: HardhatEthers;
  owner: HardhatEthersSigner;
  /** Five stakers; none of them owns the farm. */
  users: HardhatEthersSigner[];
  farm: Contract;
  farmAddress: string;
  /** BreakableRewardToken: its mint can be switched off. */
  rewardToken: Contract;
  rewardTokenAddress: string;
  /** Pools 0-2 exist from the start; tokens 3 and 4 are left for `add`. */
  stakeables: Stakeable[];
  initialPools: Array<{ token: number; allocPoint: bigint }>;
  startBlock: bigint;
  rewardPerBlock: bigint;
  /** The reward token's cap; nothing is minted before the farm, so it is also the farm's budget. */
  cap: bigint;
  /** A funded account with no code, for `add` of a token that is not a contract. */
  noCodeAddress: string;
}

/** README, "Precision and limits": allocation ≤ 2^40 − 1 per pool, rate ≤ 2^96 − 1 per block. */
export const MAX_ALLOC_POINT = 2n ** 16n - 1n;
export const MAX_REWARD_PER_BLOCK = 2n ** 96n - 1n;

export const FEE_ON_TRANSFER_BPS = 300n;
export const CAP = parseEther("50000");
export const REWARD_PER_BLOCK = parseEther("10");
/** Emission starts a few blocks into each sequence, so early steps run before it. */
const START_DELAY = 6n;

export async function deployInvariantWorld(ethers: HardhatEthers): Promise<InvariantWorld> {
  const [owner, ...rest] = await ethers.getSigners();
  const users = rest.slice(0, 5);
  await ethers.provider.send("hardhat_setBalance", [owner.address, toQuantity(parseEther("10000"))]);
  await ensureMulticall3(ethers);

  // Two real UniswapV2Pair LP tokens, funded through the official router.
  const uniswap = await deployUniswap(owner);
  const usdc = await deployTestToken(ethers, owner, TEST_TOKENS.usdc);
  const dai = await deployTestToken(ethers, owner, TEST_TOKENS.dai);
  await (await usdc.mint(owner.address, parseUnits("3000000", 6))).wait();
  await (await dai.mint(owner.address, parseUnits("3000000", 18))).wait();
  await (await uniswap.weth.deposit({ value: parseEther("2000") })).wait();
  const usdcWeth = await addLiquidity(uniswap, owner, {
    tokenA: usdc, tokenB: uniswap.weth, amountA: parseUnits("3000000", 6), amountB: parseEther("1000"),
  });
  const daiWeth = await addLiquidity(uniswap, owner, {
    tokenA: dai, tokenB: uniswap.weth, amountA: parseUnits("3000000", 18), amountB: parseEther("1000"),
  });

  // Plain and fee-on-transfer tokens, with balances from 1e12 to 1e27 wei so precision is exercised.
  const fot = await ethers.deployContract("FeeOnTransferToken", [FEE_ON_TRANSFER_BPS], owner);
  const six = await deployTestToken(ethers, owner, { name: "Six Decimals", symbol: "SIX", decimals: 6 });
  const big = await deployTestToken(ethers, owner, { name: "Big Supply", symbol: "BIG", decimals: 18 });

  const stakeables: Stakeable[] = [];
  for (const [name, contract, feeBps] of [
    ["USDC/WETH pair", usdcWeth, 0n],
    ["fee-on-transfer", fot, FEE_ON_TRANSFER_BPS],
    ["6-decimal token", six, 0n],
    ["DAI/WETH pair", daiWeth, 0n],
    ["big-supply token", big, 0n],
  ] as const) {
    stakeables.push({ name, contract: contract as Contract, address: await contract.getAddress(), feeBps });
  }

  for (const user of users) {
    for (const pair of [usdcWeth, daiWeth]) {
      const share = ((await pair.balanceOf(owner.address)) as bigint) / 8n;
      await (await pair.transfer(user.address, share)).wait();
    }
    await (await as(fot, owner).mint(user.address, parseEther("1000000"))).wait();
    await (await as(six, owner).mint(user.address, parseUnits("1000000", 6))).wait();
    await (await as(big, owner).mint(user.address, parseEther("1000000000"))).wait();
  }

  // Far enough ahead to add the pools and approvals first; the gap is mined away below.
  const startBlock = BigInt(await ethers.provider.getBlockNumber()) + 1_000n;
  const { rewardToken, farm } = await deployFarmFor(
    ethers,
    owner,
    (minter) => ethers.deployContract("BreakableRewardToken", [CAP, minter], owner),
    { rewardPerBlock: REWARD_PER_BLOCK, startBlock, owner: owner.address },
  );
  const farmAddress = await farm.getAddress();

  const initialPools = [
    { token: 0, allocPoint: 100n },
    { token: 1, allocPoint: 40n },
    { token: 2, allocPoint: 25n },
  ];
  for (const { token, allocPoint } of initialPools) {
    await (await as(farm, owner).add(allocPoint, stakeables[token].address)).wait();
  }
  for (const user of users) {
    for (const { contract } of stakeables) await (await as(contract, user).approve(farmAddress, MaxUint256)).wait();
  }

  // Every sequence begins a few blocks before emission starts.
  const latest = BigInt(await ethers.provider.getBlockNumber());
  await ethers.provider.send("hardhat_mine", [toQuantity(startBlock - START_DELAY - latest)]);

  return {
    ethers,
    owner,
    users,
    farm,
    farmAddress,
    rewardToken,
    rewardTokenAddress: await rewardToken.getAddress(),
    stakeables,
    initialPools,
    startBlock,
    rewardPerBlock: REWARD_PER_BLOCK,
    cap: CAP,
    noCodeAddress: owner.address,
  };
}

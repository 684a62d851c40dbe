/**
 * The farm on a chain forked from mainnet (the real one or the mainnet-shaped upstream: this code
 * cannot tell them apart and does not try). It farms the real Uniswap V2 pairs, which it asks of
 * the factory, plus a reward token / WETH pair it creates with a market, and gives the first dev
 * accounts LP the way a tester would: wrap ETH, buy the token through the router, add liquidity,
 * then stake about half of it.
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { Contract, getAddress, MaxUint256, parseEther, ZeroAddress } from "ethers";

import type { Deployment } from "../deploy/deployments.js";
import { completeStack, deployFarmStack } from "../deploy/farm-stack.js";
import { ensureMulticall3, MULTICALL3_ADDRESS } from "../deploy/multicall.js";
import type { FarmPlan } from "../deploy/plan.js";
import type { PoolSpec } from "../deploy/pools.js";
import { pairAt, uniswapAt, type UniswapWorld } from "../deploy/uniswap.js";
import { DEMO_REWARD_PER_BLOCK, DEMO_REWARD_TOKEN, FORK_EPOCH_BLOCKS, FORK_LOCKS, REWARD_MARKET, REWARD_POOL_ALLOC_POINT } from "./demo-farm.js";
import { addLiquidity, approveOnce } from "./liquidity.js";
import { MAINNET, MAINNET_POOLS } from "./mainnet.js";
import { buyWithEth } from "./swaps.js";

export interface ForkWorldOptions {
  /** Hardhat network name, recorded in the deployments file. */
  network: string;
  /** Where deployments/<chainId>.json is written (default: DEPLOYMENTS_DIR or the repository's). */
  dir?: string;
  log?: (line: string) => void;
  /** How many of the first Hardhat accounts get LP and stake (default 4). */
  devAccounts?: number;
}

export interface ForkWorld {
  deployment: Deployment;
  farm: Contract;
  rewardToken: Contract;
  uniswap: UniswapWorld;
  /** The farm's LP tokens in pid order: USDC/WETH, DAI/WETH, WBTC/WETH (real pairs), RWD/WETH. */
  pairs: Contract[];
  /** The non-WETH token of each pool, in pid order. */
  tokens: Contract[];
  deployer: HardhatEthersSigner;
  devAccounts: HardhatEthersSigner[];
}

/** ETH each dev account puts on each side of each pool (1 to buy the token, 1 wrapped). */
const DEV_ETH_PER_SIDE = parseEther("1");

const ERC20_ABI = [
  "function approve(address spender, uint256 amount) returns (bool)",
  "function allowance(address owner, address spender) view returns (uint256)",
  "function balanceOf(address owner) view returns (uint256)",
];

function mainnetUniswap(runner: HardhatEthersSigner): UniswapWorld {
  return uniswapAt({ factory: MAINNET.uniswapV2Factory, router: MAINNET.uniswapV2Router, weth: MAINNET.weth }, runner);
}

/** The real token/WETH pairs of MAINNET_POOLS, as the factory reports them. */
async function realPools(uniswap: UniswapWorld): Promise<PoolSpec[]> {
  const pools: PoolSpec[] = [];
  for (const { token, allocPoint } of MAINNET_POOLS) {
    const lpToken = (await uniswap.factory.getPair(MAINNET[token], MAINNET.weth)) as string;
    if (lpToken === ZeroAddress) throw new Error(`the factory has no ${token.toUpperCase()}/WETH pair: is this chain forked from mainnet?`);
    pools.push({ lpToken, allocPoint });
  }
  return pools;
}

function forkPlan(pools: PoolSpec[]): FarmPlan {
  return {
    rewardToken: DEMO_REWARD_TOKEN,
    rewardPerBlock: DEMO_REWARD_PER_BLOCK,
    startBlock: { afterBlocks: 5n },
    epochBlocks: FORK_EPOCH_BLOCKS,
    locks: FORK_LOCKS,
    uniswapV2Factory: MAINNET.uniswapV2Factory,
    uniswapV2Router: MAINNET.uniswapV2Router,
    weth: MAINNET.weth,
    stablecoin: MAINNET.usdc,
    multicall3: MULTICALL3_ADDRESS,
    pools,
  };
}

/** Creates the reward token / WETH pair through the router with the deployer's initial supply. */
async function seedRewardMarket(uniswap: UniswapWorld, deployer: HardhatEthersSigner, rewardToken: Contract): Promise<string> {
  await approveOnce(rewardToken, deployer, await uniswap.router.getAddress(), REWARD_MARKET.rwd);
  const token = await rewardToken.getAddress();
  await (
    await (uniswap.router.connect(deployer) as Contract).addLiquidityETH(
      token, REWARD_MARKET.rwd, 0n, 0n, deployer.address, MaxUint256, { value: REWARD_MARKET.eth },
    )
  ).wait();
  return uniswap.factory.getPair(token, MAINNET.weth) as Promise<string>;
}

/**
 * Gives `account` LP in `token`'s WETH pair as a tester would: wraps `ethPerSide`, buys `token`
 * with another `ethPerSide` through the router, adds both. Returns the LP minted to it.
 */
export async function acquireLp(uniswap: UniswapWorld, account: HardhatEthersSigner, token: Contract, ethPerSide: bigint): Promise<bigint> {
  const weth = uniswap.weth.connect(account) as Contract;
  await (await weth.deposit({ value: ethPerSide })).wait();
  const bought = await buyWithEth(uniswap, account, token, ethPerSide);
  const pair = pairAt((await uniswap.factory.getPair(await token.getAddress(), MAINNET.weth)) as string, account);
  const before = (await pair.balanceOf(account.address)) as bigint;
  await addLiquidity(uniswap, account, { tokenA: token, tokenB: weth, amountA: bought, amountB: ethPerSide });
  return ((await pair.balanceOf(account.address)) as bigint) - before;
}

/** Approves the farm for `pair` and stakes `amount` of it in pool `pid`. */
export async function stake(farm: Contract, pid: number, pair: Contract, account: HardhatEthersSigner, amount: bigint): Promise<void> {
  await approveOnce(pair, account, await farm.getAddress(), amount);
  await (await (farm.connect(account) as Contract).deposit(pid, amount)).wait();
}

export async function setUpForkWorld(ethers: HardhatEthers, options: ForkWorldOptions): Promise<ForkWorld> {
  const log = options.log ?? (() => {});
  const signers = await ethers.getSigners();
  const deployer = signers[0];
  const uniswap = mainnetUniswap(deployer);
  await ensureMulticall3(ethers); // mainnet has it: a no-op there

  // The farm over the real pairs first: the reward pair needs the reward token to exist.
  const pools = await realPools(uniswap);
  const stackOptions = { network: options.network, dir: options.dir, log };
  const stack = await deployFarmStack(ethers, deployer, forkPlan(pools), { ...stackOptions, fresh: true });
  const rewardPair = await seedRewardMarket(uniswap, deployer, stack.rewardToken);
  log(`RWD/WETH pair at ${rewardPair}`);
  // The same plan with the reward pair: only that pool is added.
  await completeStack(ethers, deployer, stack, forkPlan([...pools, { lpToken: rewardPair, allocPoint: REWARD_POOL_ALLOC_POINT }]), stackOptions);
  const { farm, deployment, rewardToken } = stack;

  const pairs = deployment.pools.map((pool) => pairAt(pool.lpToken, deployer));
  const tokens = deployment.pools.map(
    (pool) => new Contract(getAddress(pool.token0) === getAddress(MAINNET.weth) ? pool.token1 : pool.token0, ERC20_ABI, deployer),
  );
  const devAccounts = signers.slice(0, options.devAccounts ?? 4);
  for (const account of devAccounts) {
    for (const [pid, token] of tokens.entries()) {
      const lp = await acquireLp(uniswap, account, token, DEV_ETH_PER_SIDE);
      await stake(farm, pid, pairs[pid], account, lp / 2n);
    }
    log(`dev account ${account.address}: LP in ${tokens.length} pools, half of it staked`);
  }
  return { deployment, farm, rewardToken, uniswap, pairs, tokens, deployer, devAccounts };
}

/**
 * The local world `npm start` brings up: Uniswap V2 from the official artifacts, test tokens with
 * real decimals, pairs at market prices, the reward token with its own market, the farm with five
 * pools (or any number from 2, for measuring the dapp at scale), dev accounts holding tokens and LP
 * (half of it staked), a newcomer holding tokens and LP but no approvals, a partner token (PTN)
 * streaming on two pools on top of RWD (worlds/partner-streams.ts), and trading volume in
 * every pair so each earns fees. Every part comes from the same deploy modules the tests and the
 * fork use.
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { type Contract, parseEther, parseUnits, toQuantity } from "ethers";

import { completeStack, deployFarmStack, type FarmStack } from "../deploy/farm-stack.js";
import { ensureMulticall3 } from "../deploy/multicall.js";
import type { FarmPlan } from "../deploy/plan.js";
import type { PoolSpec } from "../deploy/pools.js";
import { deployUniswap, type UniswapWorld } from "../deploy/uniswap.js";
import { DEMO_REWARD_PER_BLOCK, DEMO_REWARD_TOKEN, LOCAL_EPOCH_BLOCKS, LOCAL_LOCKS, REWARD_MARKET, REWARD_POOL_ALLOC_POINT } from "./demo-farm.js";
import { addLiquidity, approveOnce } from "./liquidity.js";
import { swapExact } from "./swaps.js";
import { addPartnerStreams, PARTNER_STREAM, PARTNERED_PAIRS } from "./partner-streams.js";
import { deployTestToken, TEST_TOKENS } from "./tokens.js";

/** Runs one titled step; the launcher prints progress, tests just run it. */
export type StepRunner = <T>(title: string, work: (note: (line: string) => void) => Promise<T>) => Promise<T>;

/** The steps `buildLocalWorld` runs for `pools` pools: one more where some pairs are quieter. */
export function localWorldSteps(pools: number): number {
  return pools - 1 > BUSY_PAIRS ? 8 : 7;
}
/** Dev accounts #0..#3 get tokens and LP; #0 deploys and owns the farm. */
export const FUNDED_ACCOUNTS = 4;
/**
 * Dev account #4 is a newcomer: tokens of every busy pair, LP of a few pools, nothing staked and
 * no approval to the farm or the router, so its first stake is the permit path a first-time user
 * meets (sign, then one `depositWithPermit`). No test may approve from it for good.
 */
export const NEWCOMER_ACCOUNT = 4;
/** The four pairs of `pairSpecs` and RWD/WETH. */
export const DEFAULT_POOLS = 5;

export interface LocalWorld {
  uniswap: UniswapWorld;
  tokens: { usdc: Contract; dai: Contract; wbtc: Contract };
  /** Pairs by name, e.g. "USDC/WETH". */
  pairs: Record<string, Contract>;
  stack: FarmStack;
}

interface PairSpec {
  name: string;
  tokenA: Contract;
  tokenB: Contract;
  /** Liquidity seeded by the deployer: its ratio sets the price. */
  seedA: bigint;
  seedB: bigint;
  allocPoint: bigint;
}

async function deployTokens(ethers: HardhatEthers, deployer: HardhatEthersSigner) {
  const usdc = await deployTestToken(ethers, deployer, TEST_TOKENS.usdc);
  const dai = await deployTestToken(ethers, deployer, TEST_TOKENS.dai);
  const wbtc = await deployTestToken(ethers, deployer, TEST_TOKENS.wbtc);
  return { usdc, dai, wbtc };
}

/** Market prices: WETH ≈ 3,000 USD, WBTC ≈ 60,000 USD, DAI ≈ USDC. */
function pairSpecs(uniswap: UniswapWorld, { usdc, dai, wbtc }: LocalWorld["tokens"]): PairSpec[] {
  const weth = uniswap.weth;
  return [
    { name: "USDC/WETH", tokenA: usdc, tokenB: weth, seedA: parseUnits("3000000", 6), seedB: parseEther("1000"), allocPoint: 40n },
    { name: "DAI/WETH", tokenA: dai, tokenB: weth, seedA: parseEther("3000000"), seedB: parseEther("1000"), allocPoint: 20n },
    { name: "WBTC/WETH", tokenA: wbtc, tokenB: weth, seedA: parseUnits("50", 8), seedB: parseEther("1000"), allocPoint: 20n },
    { name: "DAI/USDC", tokenA: dai, tokenB: usdc, seedA: parseEther("1000000"), seedB: parseUnits("1000000", 6), allocPoint: 10n },
  ];
}

/**
 * Pairs beyond the default four, for a bigger world: new 18-decimal tokens TK1, TK2, ... against
 * WETH, TKi at i USD, each with about 180,000 USD of liquidity (30 ETH a side: the deployer's
 * balance is topped up for them, see `topUp`).
 */
async function extraPairSpecs(ethers: HardhatEthers, deployer: HardhatEthersSigner, uniswap: UniswapWorld, count: number): Promise<PairSpec[]> {
  const specs: PairSpec[] = [];
  for (let i = 1; i <= count; i++) {
    const token = await deployTestToken(ethers, deployer, { name: `Test Token ${i}`, symbol: `TK${i}`, decimals: 18 });
    specs.push({ name: `TK${i}/WETH`, tokenA: token, tokenB: uniswap.weth, seedA: parseEther("90000") / BigInt(i), seedB: parseEther("30"), allocPoint: 10n });
  }
  return specs;
}

/**
 * In a big world only the first pairs are farmed and traded by the dev accounts; the others hold
 * the deployer's liquidity, half of it staked, so every pool has a price, a TVL and an APR, and
 * the world of 1,000 pools builds in minutes rather than an hour.
 */
const BUSY_PAIRS = 24;

/** Gives `account` `eth` more ether on this local node (a world of 1,000 pairs needs 30,000). */
async function topUp(ethers: HardhatEthers, account: HardhatEthersSigner, eth: bigint): Promise<void> {
  const balance = await ethers.provider.getBalance(account.address);
  await ethers.provider.send("hardhat_setBalance", [account.address, toQuantity(balance + eth)]);
}

/** Mints test tokens and wraps ETH so `account` holds enough of everything for `share` of the seeds. */
async function fund(uniswap: UniswapWorld, account: HardhatEthersSigner, specs: PairSpec[], share: bigint) {
  const need = new Map<Contract, bigint>();
  for (const { tokenA, tokenB, seedA, seedB } of specs) {
    need.set(tokenA, (need.get(tokenA) ?? 0n) + seedA / share);
    need.set(tokenB, (need.get(tokenB) ?? 0n) + seedB / share);
  }
  for (const [token, amount] of need) {
    if (token === uniswap.weth) await (await (uniswap.weth.connect(account) as Contract).deposit({ value: amount })).wait();
    else await (await token.mint(account.address, amount)).wait(); // a faucet test token
  }
}

function localPlan(uniswap: UniswapWorld, stablecoin: string, multicall3: string, pools: PoolSpec[]): Promise<FarmPlan> {
  return Promise.all([uniswap.factory.getAddress(), uniswap.router.getAddress(), uniswap.weth.getAddress()]).then(
    ([uniswapV2Factory, uniswapV2Router, weth]) => ({
      rewardToken: DEMO_REWARD_TOKEN,
      rewardPerBlock: DEMO_REWARD_PER_BLOCK,
      startBlock: { afterBlocks: 1n },
      epochBlocks: LOCAL_EPOCH_BLOCKS,
      locks: LOCAL_LOCKS,
      uniswapV2Factory, uniswapV2Router, weth, stablecoin, multicall3, pools,
    }),
  );
}

/** RWD each funded account gets from the deployer's seed supply (buying it would move its price). */
const RWD_PER_ACCOUNT = parseEther("2000");

/**
 * Each funded account gets twice what it provides (so tokens stay in its wallet), adds liquidity
 * to every pair, and stakes half of its LP in the farm.
 */
async function provideAndStake(world: LocalWorld, specs: PairSpec[], deployer: HardhatEthersSigner, account: HardhatEthersSigner): Promise<void> {
  const { uniswap, stack } = world;
  await fund(uniswap, account, specs, 50n);
  const rwd = stack.rewardToken;
  if (account !== deployer) await (await (rwd.connect(deployer) as Contract).transfer(account.address, RWD_PER_ACCOUNT)).wait();
  const rwdWeth = (RWD_PER_ACCOUNT / 2n) * REWARD_MARKET.eth / REWARD_MARKET.rwd;
  await (await (uniswap.weth.connect(account) as Contract).deposit({ value: rwdWeth })).wait();

  const requests = [
    ...specs.map((s) => ({ tokenA: s.tokenA, tokenB: s.tokenB, amountA: s.seedA / 100n, amountB: s.seedB / 100n })),
    { tokenA: rwd, tokenB: uniswap.weth, amountA: RWD_PER_ACCOUNT / 2n, amountB: rwdWeth },
  ];
  for (const request of requests) await stakeHalf(stack, await addLiquidity(uniswap, account, request), account);
}

/** `account` stakes half of its `pair` LP in the pair's pool. */
async function stakeHalf(stack: FarmStack, pair: Contract, account: HardhatEthersSigner): Promise<void> {
  const pid = stack.deployment.pools.findIndex((p) => p.lpToken === (pair.target as string));
  const half = ((await pair.balanceOf(account.address)) as bigint) / 2n;
  await approveOnce(pair, account, await stack.farm.getAddress(), half);
  await (await (stack.farm.connect(account) as Contract).deposit(pid, half)).wait();
}

/**
 * The newcomer's wallet: twice what a dev account provides of every busy pair's tokens (minted by
 * the faucet, WETH wrapped by itself: neither is an approval), RWD sent by the deployer, and LP of
 * `lpPairs` and the reward token's market, added by the deployer (RWD from its seed supply) with
 * the newcomer as recipient: the newcomer itself approved nothing.
 */
async function fundNewcomer(world: LocalWorld, specs: PairSpec[], lpPairs: PairSpec[], deployer: HardhatEthersSigner, newcomer: HardhatEthersSigner): Promise<void> {
  const { uniswap, stack } = world;
  await fund(uniswap, newcomer, specs, 50n);
  await (await (stack.rewardToken.connect(deployer) as Contract).transfer(newcomer.address, RWD_PER_ACCOUNT)).wait();
  const rewardMarket = rewardMarketSpec(world);
  await fund(uniswap, deployer, lpPairs, 100n);
  await (await (uniswap.weth.connect(deployer) as Contract).deposit({ value: rewardMarket.seedB / 100n })).wait();
  for (const s of [...lpPairs, rewardMarket]) {
    await addLiquidity(uniswap, deployer, { tokenA: s.tokenA, tokenB: s.tokenB, amountA: s.seedA / 100n, amountB: s.seedB / 100n, to: newcomer.address });
  }
}

/** The reward token's market as a pair to trade in. */
function rewardMarketSpec(world: LocalWorld): PairSpec {
  const { rwd, eth } = REWARD_MARKET;
  return { name: "RWD/WETH", tokenA: world.stack.rewardToken, tokenB: world.uniswap.weth, seedA: rwd, seedB: eth, allocPoint: REWARD_POOL_ALLOC_POINT };
}

/**
 * Swaps back and forth in every busy pair and the reward token's market, so each has trading-fee
 * volume to show. The trader is the deployer: it holds RWD (no faucet mints it) and approved the
 * router for every token when it seeded the pairs, so trading costs no approval.
 */
async function trade(world: LocalWorld, specs: PairSpec[], deployer: HardhatEthersSigner): Promise<number> {
  const rewardMarket = rewardMarketSpec(world);
  await fund(world.uniswap, deployer, specs, 20n);
  await (await (world.uniswap.weth.connect(deployer) as Contract).deposit({ value: rewardMarket.seedB / 20n })).wait();
  let swaps = 0;
  for (const { tokenA, tokenB, seedA, seedB } of [...specs, rewardMarket]) {
    for (const fraction of [200n, 80n, 120n]) {
      await swapExact(world.uniswap, deployer, tokenA, tokenB, seedA / fraction);
      await swapExact(world.uniswap, deployer, tokenB, tokenA, seedB / fraction);
      swaps += 2;
    }
  }
  return swaps;
}

/**
 * Builds the world on `ethers`' chain. `pools` (default 5) counts RWD/WETH, which is always there:
 * fewer keep the first pairs of `pairSpecs` (USDC/WETH, which prices everything, comes first),
 * more add pairs of new tokens.
 */
export async function buildLocalWorld(
  ethers: HardhatEthers,
  options: { network: string; dir?: string; step: StepRunner; pools?: number },
): Promise<LocalWorld> {
  const { step, pools = DEFAULT_POOLS } = options;
  if (!Number.isInteger(pools) || pools < 2) {
    throw new Error(`a local world needs at least 2 pools (USDC/WETH prices everything, RWD/WETH is the reward's market), not ${pools}`);
  }
  const extra = Math.max(0, pools - DEFAULT_POOLS);
  const signers = await ethers.getSigners();
  const deployer = signers[0];

  const { uniswap, multicall3 } = await step("Deploying Uniswap V2 (WETH9, factory, router) and Multicall3", async (note) => {
    const uniswap = await deployUniswap(deployer);
    note(`factory ${await uniswap.factory.getAddress()}, router ${await uniswap.router.getAddress()}, WETH ${await uniswap.weth.getAddress()}`);
    return { uniswap, multicall3: await ensureMulticall3(ethers) };
  });

  const more = extra > 0 ? `, and TK1-TK${extra} (18) for ${extra} more pools` : "";
  const { tokens, specs } = await step(`Deploying test tokens: USDC (6 decimals), DAI (18), WBTC (8)${more}`, async () => {
    const tokens = await deployTokens(ethers, deployer);
    const specs = [...pairSpecs(uniswap, tokens), ...(await extraPairSpecs(ethers, deployer, uniswap, extra))].slice(0, pools - 1);
    return { tokens, specs };
  });

  const pairs = await step("Creating pairs at market prices (WETH ≈ 3,000 USD, WBTC ≈ 60,000 USD)", async (note) => {
    if (extra > 0) await topUp(ethers, deployer, specs.reduce((sum, s) => sum + (s.tokenB === uniswap.weth ? s.seedB : 0n), 0n));
    await fund(uniswap, deployer, specs, 1n);
    const pairs: Record<string, Contract> = {};
    for (const spec of specs) {
      pairs[spec.name] = await addLiquidity(uniswap, deployer, { tokenA: spec.tokenA, tokenB: spec.tokenB, amountA: spec.seedA, amountB: spec.seedB });
      note(`${spec.name} at ${pairs[spec.name].target as string}`);
    }
    return pairs;
  });

  const stack = await step("Deploying the reward token, its RWD/WETH market and the farm", async (note) => {
    const stablecoin = await tokens.usdc.getAddress();
    const pools = specs.map((s) => ({ lpToken: pairs[s.name].target as string, allocPoint: s.allocPoint }));
    const plan = await localPlan(uniswap, stablecoin, multicall3, pools);
    const stackOptions = { network: options.network, dir: options.dir, log: note };
    const stack = await deployFarmStack(ethers, deployer, plan, { ...stackOptions, fresh: true });
    await (await (uniswap.weth.connect(deployer) as Contract).deposit({ value: REWARD_MARKET.eth })).wait();
    pairs["RWD/WETH"] = await addLiquidity(uniswap, deployer, {
      tokenA: stack.rewardToken, tokenB: uniswap.weth, amountA: REWARD_MARKET.rwd, amountB: REWARD_MARKET.eth,
    });
    note(`RWD/WETH pair at ${pairs["RWD/WETH"].target as string}`);
    plan.pools.push({ lpToken: pairs["RWD/WETH"].target as string, allocPoint: REWARD_POOL_ALLOC_POINT });
    await completeStack(ethers, deployer, stack, plan, stackOptions);
    return stack;
  });
  const world: LocalWorld = { uniswap, tokens, pairs, stack };

  const busy = specs.slice(0, BUSY_PAIRS);
  const funded = `#0-#${FUNDED_ACCOUNTS - 1}`;
  await step(`Funding dev accounts ${funded} with tokens and LP, staking half; #${NEWCOMER_ACCOUNT} with tokens and LP, no approvals`, async (note) => {
    for (const account of signers.slice(0, FUNDED_ACCOUNTS)) await provideAndStake(world, busy, deployer, account);
    const lpPairs = newcomerLpPairs(busy);
    await fundNewcomer(world, busy, lpPairs, deployer, signers[NEWCOMER_ACCOUNT]);
    note(`#${NEWCOMER_ACCOUNT} holds LP of ${[...lpPairs.map((p) => p.name), "RWD/WETH"].join(", ")}, nothing staked, nothing approved`);
  });
  await step(`Partner rewards: PTN with its PTN/WETH market, streaming on ${PARTNERED_PAIRS.join(" and ")}`, async (note) => {
    const partner = await addPartnerStreams(ethers, world, deployer, signers.slice(0, FUNDED_ACCOUNTS));
    note(`PTN at ${partner.token.target as string}, PTN/WETH at ${partner.pair.target as string}; pools ${partner.pids.join(" and ")} stream ${PARTNER_STREAM.amount / 10n ** 18n} PTN each over ${PARTNER_STREAM.blocks} blocks; #0-#${FUNDED_ACCOUNTS - 1} earn it`);
  });
  const quiet = specs.slice(BUSY_PAIRS);
  if (quiet.length > 0) {
    await step(`Staking half of the deployer's LP in the ${quiet.length} quieter pools, one swap in each`, async () => {
      await (await (uniswap.weth.connect(deployer) as Contract).deposit({ value: QUIET_SWAP_WETH * BigInt(quiet.length) })).wait();
      for (const { name, tokenA } of quiet) {
        await stakeHalf(stack, pairs[name], deployer);
        await swapExact(uniswap, deployer, uniswap.weth, tokenA, QUIET_SWAP_WETH);
      }
    });
  }

  await step(`Trading in ${quiet.length === 0 ? "every pair" : `the first ${busy.length} pairs and RWD/WETH`} so they earn fees`, async (note) => {
    note(`${await trade(world, busy, deployer)} swaps by the deployer (#0)`);
  });
  return world;
}

/** WETH the deployer swaps into each quieter pair: enough for a fee APR, not to move its price. */
const QUIET_SWAP_WETH = parseEther("0.01");

/**
 * The faucet-token pairs the newcomer holds LP of (the reward token's market too, see
 * `fundNewcomer`): the first pair (token/WETH) and the token/token pair when there is one. Of the
 * others it holds both tokens, for adding liquidity itself.
 */
function newcomerLpPairs(busy: PairSpec[]): PairSpec[] {
  return busy.filter((s, i) => i === 0 || s.name === "DAI/USDC");
}

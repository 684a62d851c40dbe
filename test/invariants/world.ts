/**
 * The deployment every random sequence of a campaign starts from (restored from a snapshot each
 * time): real Uniswap V2 (official artifacts), five stakeable tokens of different kinds and
 * magnitudes, a farm over a reward token that can be made to break, three pools, five stakers
 * holding and approving every token, a stranger, and Multicall3 for the one read per step; for
 * partner rewards, the rewarder the farm deployed, an approved sponsor, and five partner tokens
 * (three plain, one switchably hostile, one fee-on-transfer) held by the owner and the sponsor. A
 * profile sets the reward, the pools and how close to the farm's limits the campaign plays.
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { type Contract, ContractFactory, type InterfaceAbi, MaxUint256, parseEther, parseUnits, toQuantity } from "ethers";

import { addLiquidity } from "../../worlds/liquidity.js";
import { ensureMulticall3 } from "../../deploy/multicall.js";
import { deployTestToken, TEST_TOKENS } from "../../worlds/tokens.js";
import { deployUniswap } from "../../deploy/uniswap.js";
import { predictFarmAddress } from "../../deploy/farm.js";
import { as } from "../../fixtures/chain.js";

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
  /** Receives early-exit penalties when the owner names it (the farm starts with it). */
  treasury: HardhatEthersSigner;
  /** Everyone whose LP wallets the ledger follows: the users, then the treasury (index TREASURY). */
  holders: string[];
  /** Neither a staker nor the owner: updates pools in every block when the profile says so. */
  stranger: HardhatEthersSigner;
  profile: WorldProfile;
  farm: Contract;
  farmAddress: string;
  /** BreakableRewardToken: its mint can be switched off. */
  rewardToken: Contract;
  rewardTokenAddress: string;
  /** The tokens; the profile says which three have pools from the start, the other two are left for `add`. */
  stakeables: Stakeable[];
  initialPools: Array<{ token: number; allocPoint: bigint }>;
  startBlock: bigint;
  rewardPerBlock: bigint;
  /** The reward token's cap; nothing is minted before the farm, so it is also the farm's budget. */
  cap: bigint;
  /** A funded account with no code, for `add` of a token that is not a contract. */
  noCodeAddress: string;
  /** The lock terms version after the world's own changes (its tiers and its penalty: two). */
  termsVersion: bigint;
  /** The partner rewarder the farm deployed (IPartnerRewarder). */
  rewarder: Contract;
  rewarderAddress: string;
  /** A sponsor the owner approved (the owner funds streams too). */
  sponsor: HardhatEthersSigner;
  /** Tokens sponsors fund streams with: plain ones, the hostile one, a fee-on-transfer one (refused). */
  partnerTokens: PartnerToken[];
}

/** A token a sponsor may fund a stream with. */
export interface PartnerToken {
  name: string;
  contract: Contract;
  address: string;
  kind: "plain" | "hostile" | "feeOnTransfer";
}

/** Where the hostile partner token is among `partnerTokens`, and its modes (HostilePartnerToken.Mode). */
export const HOSTILE_TOKEN = 3;
export const FEE_ON_TRANSFER_PARTNER = 4;
export const HOSTILE_MODES = ["normal", "revert", "returnFalse", "burnGas", "reenterRewarder", "reenterFarm"] as const;
export type HostileMode = (typeof HOSTILE_MODES)[number];
/** What the owner and the sponsor each hold of every partner token. */
export const PARTNER_BALANCE = 10n ** 30n;

/**
 * README, "Precision and limits": allocation ≤ 2^16 − 1 per pool, rate ≤ 2^96 − 1 per block, a
 * pool's total stake ≤ 2^112 − 1.
 */
export const MAX_ALLOC_POINT = 2n ** 16n - 1n;
export const MAX_REWARD_PER_BLOCK = 2n ** 96n - 1n;
export const MAX_TOTAL_STAKE = 2n ** 112n - 1n;
/** IFarmLocks' constants (the brief of issue 14, README "Locks"). */
export const MAX_BOOST_BPS = 30_000n;
export const MIN_BOOST_BPS = 10_000n;
export const MAX_PENALTY_BPS = 5_000n;
export const MAX_LOCK_TIERS = 8;
/** A tier lasts at most this many epochs (so no update passes more lock ends than that). */
export const MAX_LOCK_EPOCHS = 365n;
/** The treasury's index among the world's `holders`. */
export const TREASURY = 5;

export const FEE_ON_TRANSFER_BPS = 300n;
/** Worlds are deployed from a multiple of this block (see deployInvariantWorld). */
const ALIGN_BLOCKS = 1_000_000n;
/** Emission starts a few blocks into each sequence, so early steps run before it. */
const START_DELAY = 6n;

/** The tokens, in `stakeables` order. */
export const TOKEN = { usdcWeth: 0, feeOnTransfer: 1, sixDecimals: 2, daiWeth: 3, bigSupply: 4 } as const;

/** What a campaign's world and actions look like: ordinary settings, or the edges the farm accepts. */
export interface WorldProfile {
  name: string;
  rewardDecimals: number;
  rewardPerBlock: bigint;
  /** The reward token's cap: nothing is minted before the farm, so also the farm's budget. */
  cap: bigint;
  /** `setRewardPerBlock` picks rates around this one (see actions.ts). */
  rateUnit: bigint;
  initialPools: Array<{ token: number; allocPoint: bigint }>;
  /** Each user's balance of the big-supply token. */
  bigSupplyBalance: bigint;
  /** `add` and `set` mostly pick ordinary allocations, or allocations near the largest allowed. */
  allocations: "ordinary" | "nearMax";
  /** Every mined block carries a stranger's updatePool or massUpdatePools. */
  strangerUpdatesEveryBlock: boolean;
  /** The most blocks one `mine` step mines. */
  maxBlocksPerMine: number;
  /** Lock ends are multiples of this: small, so that sequences cross many of them. */
  epochBlocks: bigint;
  /** The tiers and early-exit rate the farm starts with (penalties to the treasury). */
  tiers: { durations: bigint[]; boostsBps: bigint[] };
  penaltyBps: bigint;
  /** How often each lock action comes, beside the others (see actions.ts). */
  lockWeights: { lock: number; lockWithPermit: number; exitLock: number; admin: number; emergencyUnlock: number; mineToLockEnd: number };
  /** How often partner-reward steps come (fund at twice this; 0: none), beside the others (see actions.ts). */
  partnerWeight: number;
}

/** Tiers of 1 to about 20 epochs of 10 blocks, 1x to 3x. */
const TIERS = { durations: [3n, 10n, 25n, 60n, 200n], boostsBps: [10_000n, 12_500n, 20_000n, 25_000n, 30_000n] };
const LOCK_WEIGHTS = { lock: 9, lockWithPermit: 2, exitLock: 4, admin: 1, emergencyUnlock: 1, mineToLockEnd: 4 };

export const ORDINARY: WorldProfile = {
  name: "ordinary settings",
  rewardDecimals: 18,
  rewardPerBlock: parseEther("10"),
  cap: parseEther("50000"),
  rateUnit: 10n ** 18n,
  initialPools: [
    { token: TOKEN.usdcWeth, allocPoint: 100n },
    { token: TOKEN.feeOnTransfer, allocPoint: 40n },
    { token: TOKEN.sixDecimals, allocPoint: 25n },
  ],
  bigSupplyBalance: parseEther("1000000000"),
  allocations: "ordinary",
  strangerUpdatesEveryBlock: false,
  maxBlocksPerMine: 5_000,
  epochBlocks: 10n,
  tiers: TIERS,
  penaltyBps: 1_500n,
  lockWeights: LOCK_WEIGHTS,
  partnerWeight: 3,
};

/**
 * Ordinary settings with locks in most steps: many locks, top-ups, extensions, exits and lock ends
 * (epochs of 10 blocks, mines of at most 300 blocks, steps aimed at lock ends), for the lock
 * campaign and the lock mutants.
 */
export const LOCKS: WorldProfile = {
  ...ORDINARY,
  name: "locks in most steps, epochs of 10 blocks",
  maxBlocksPerMine: 300,
  // Longer than the ordinary tiers, so that stakers often still hold a running lock to top up,
  // extend or leave early (steps aimed at lock ends still end them).
  tiers: { durations: [15n, 40n, 90n, 200n, 600n], boostsBps: TIERS.boostsBps },
  lockWeights: { lock: 30, lockWithPermit: 4, exitLock: 12, admin: 3, emergencyUnlock: 1, mineToLockEnd: 14 },
};

/**
 * The review's settings pushed to the farm's limits: a 6-decimal reward at 1,000 wei per block, the
 * largest allocations, stakes near the largest total a pool accepts (any two of the five stakers,
 * 2^111 each, can ask for more, and must be refused), and a stranger updating the pools in every block.
 */
export const EDGES_SIX_DECIMALS: WorldProfile = {
  name: "largest allocations and stakes, 6-decimal reward at 1,000 wei per block, updates in every block",
  rewardDecimals: 6,
  rewardPerBlock: 1_000n,
  cap: 2_000_000n,
  rateUnit: 1_000n,
  initialPools: [
    { token: TOKEN.bigSupply, allocPoint: MAX_ALLOC_POINT },
    { token: TOKEN.usdcWeth, allocPoint: MAX_ALLOC_POINT - 1n },
    { token: TOKEN.feeOnTransfer, allocPoint: 1n },
  ],
  bigSupplyBalance: 2n ** 111n,
  allocations: "nearMax",
  strangerUpdatesEveryBlock: true,
  maxBlocksPerMine: 30,
  epochBlocks: 7n,
  tiers: { durations: [1n, 5n, 14n, 40n], boostsBps: [10_000n, 15_000n, 30_000n, 30_000n] },
  penaltyBps: MAX_PENALTY_BPS,
  lockWeights: LOCK_WEIGHTS,
  partnerWeight: 3,
};

/** A 0-decimal reward at 3 wei per block: every wei is a whole token, so every rounding shows. */
export const EDGES_ZERO_DECIMALS: WorldProfile = {
  name: "0-decimal reward at 3 wei per block, largest allocations and stakes, updates in every block",
  rewardDecimals: 0,
  rewardPerBlock: 3n,
  cap: 6_000n,
  rateUnit: 3n,
  initialPools: [
    { token: TOKEN.sixDecimals, allocPoint: 1n },
    { token: TOKEN.bigSupply, allocPoint: MAX_ALLOC_POINT },
    { token: TOKEN.usdcWeth, allocPoint: 7n },
  ],
  bigSupplyBalance: 2n ** 111n,
  allocations: "nearMax",
  strangerUpdatesEveryBlock: true,
  maxBlocksPerMine: 30,
  epochBlocks: 5n,
  tiers: { durations: [2n, 9n, 30n], boostsBps: [10_001n, 19_999n, 29_999n] },
  penaltyBps: 4_999n,
  lockWeights: LOCK_WEIGHTS,
  partnerWeight: 3,
};

/** A farm build other than the project's (a mutant, see mutants.ts). */
export interface FarmBuild {
  abi: InterfaceAbi;
  bytecode: string;
}

export async function deployInvariantWorld(ethers: HardhatEthers, profile: WorldProfile = ORDINARY, build?: FarmBuild): Promise<InvariantWorld> {
  // Every world starts at a round block, whatever ran before it on this network: lock ends fall
  // on absolute epoch boundaries, so a campaign replayed alone (INVARIANT_ONLY) meets them as in the run.
  const head = BigInt(await ethers.provider.getBlockNumber());
  await ethers.provider.send("hardhat_mine", [toQuantity(ALIGN_BLOCKS - (head % ALIGN_BLOCKS))]);
  const [owner, ...rest] = await ethers.getSigners();
  const users = rest.slice(0, 5);
  const stranger = rest[5];
  const treasury = rest[6];
  const sponsor = rest[7];
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
    await (await as(big, owner).mint(user.address, profile.bigSupplyBalance)).wait();
  }

  // Far enough ahead to add the pools and approvals first; the gap is mined away below.
  const startBlock = BigInt(await ethers.provider.getBlockNumber()) + 1_000n;
  const predictedFarm = await predictFarmAddress(owner);
  const rewardToken = await ethers.deployContract("BreakableRewardToken", [profile.cap, predictedFarm, profile.rewardDecimals], owner);
  const factory = build === undefined ? await ethers.getContractFactory("Farm", owner) : new ContractFactory(build.abi, build.bytecode, owner);
  const farm = (await factory.deploy(await rewardToken.getAddress(), profile.rewardPerBlock, startBlock, owner.address, profile.epochBlocks)) as Contract;
  await farm.waitForDeployment();
  const farmAddress = await farm.getAddress();
  if (farmAddress !== predictedFarm) throw new Error("farm address prediction failed");
  // The campaign plans refusals from these limits: a farm with others fails here, plainly.
  const limits: Array<[string, bigint]> = [
    ["MAX_ALLOC_POINT", MAX_ALLOC_POINT],
    ["MAX_REWARD_PER_BLOCK", MAX_REWARD_PER_BLOCK],
    ["MAX_TOTAL_STAKE", MAX_TOTAL_STAKE],
    ["MAX_BOOST_BPS", MAX_BOOST_BPS],
    ["MAX_PENALTY_BPS", MAX_PENALTY_BPS],
    ["MAX_LOCK_TIERS", BigInt(MAX_LOCK_TIERS)],
    ["MAX_LOCK_EPOCHS", MAX_LOCK_EPOCHS],
  ];
  for (const [name, expected] of limits) {
    const actual = (await farm[name]()) as bigint;
    if (actual !== expected) throw new Error(`the farm's ${name} is ${actual}; the invariant campaign plans with ${expected} (test/invariants/world.ts)`);
  }

  await (await as(farm, owner).setLockTiers(profile.tiers.durations, profile.tiers.boostsBps)).wait();
  await (await as(farm, owner).setEarlyExitPenalty(profile.penaltyBps, treasury.address)).wait();
  const initialPools = profile.initialPools;
  for (const { token, allocPoint } of initialPools) {
    await (await as(farm, owner).add(allocPoint, stakeables[token].address)).wait();
  }
  for (const [u, user] of users.entries()) {
    for (const { contract } of stakeables) await (await as(contract, user).approve(farmAddress, MaxUint256)).wait();
    // The next user may withdraw and harvest for this one (IFarmOperators): the driver sends some
    // of each user's withdrawals and harvests through it.
    await (await as(farm, user).setOperator(users[(u + 1) % users.length].address, true)).wait();
  }

  // Partner rewards: the rewarder the farm deployed, an approved sponsor, and the tokens streams are
  // funded with (held by the owner and the sponsor, approved to the rewarder).
  const rewarderAddress = (await farm.partnerRewarder()) as string;
  const rewarder = (await ethers.getContractAt("PartnerRewarder", rewarderAddress, owner)) as unknown as Contract;
  for (let pid = 0; pid < initialPools.length; pid++) await (await as(rewarder, owner).setSponsor(pid, sponsor.address, true)).wait();
  const hostile = await ethers.deployContract("HostilePartnerToken", [], owner);
  await (await hostile.setTargets(farmAddress, rewarderAddress)).wait();
  const partnerTokens: PartnerToken[] = [];
  for (const [name, contract, kind] of [
    ["partner A (18 decimals)", await deployTestToken(ethers, owner, { name: "Partner A", symbol: "PA", decimals: 18 }), "plain"],
    ["partner B (6 decimals)", await deployTestToken(ethers, owner, { name: "Partner B", symbol: "PB", decimals: 6 }), "plain"],
    ["partner C (18 decimals)", await deployTestToken(ethers, owner, { name: "Partner C", symbol: "PC", decimals: 18 }), "plain"],
    ["hostile partner", hostile, "hostile"],
    ["fee-on-transfer partner", fot, "feeOnTransfer"],
  ] as const) {
    partnerTokens.push({ name, contract: contract as unknown as Contract, address: await contract.getAddress(), kind });
    for (const funder of [owner, sponsor]) {
      await (await as(contract as unknown as Contract, owner).mint(funder.address, PARTNER_BALANCE)).wait();
      await (await as(contract as unknown as Contract, funder).approve(rewarderAddress, MaxUint256)).wait();
    }
  }

  // Every sequence begins a few blocks before emission starts.
  const latest = BigInt(await ethers.provider.getBlockNumber());
  await ethers.provider.send("hardhat_mine", [toQuantity(startBlock - START_DELAY - latest)]);

  return {
    ethers,
    owner,
    users,
    treasury,
    holders: [...users.map((user) => user.address), treasury.address],
    stranger,
    profile,
    farm,
    farmAddress,
    rewardToken,
    rewardTokenAddress: await rewardToken.getAddress(),
    stakeables,
    initialPools,
    startBlock,
    rewardPerBlock: profile.rewardPerBlock,
    cap: profile.cap,
    noCodeAddress: owner.address,
    termsVersion: 2n,
    rewarder,
    rewarderAddress,
    sponsor,
    partnerTokens,
  };
}

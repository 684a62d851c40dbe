/**
 * Reading a deployment config (deploy/plan.ts) and checking it against the chain before anything
 * is sent (deploy/preflight.ts): each mistake is one sentence naming the field or the address.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { parseEther, Wallet } from "ethers";

import { FARM_LIMITS } from "../../deploy/farm-limits.js";
import { MULTICALL3_ADDRESS } from "../../deploy/multicall.js";
import { type FarmPlan, parsePlan, readPlan } from "../../deploy/plan.js";
import { checkPlan } from "../../deploy/preflight.js";
import { deployUniswap } from "../../deploy/uniswap.js";
import { buildWorld, type World } from "../../fixtures/world.js";

const { ethers, networkHelpers } = await network.create();

const ADDRESS = "0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f";
const LOWER = ADDRESS.toLowerCase();

function config(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    rewardToken: { name: "Farm Reward", symbol: "RWD", decimals: 6, cap: "1000000.5", initialSupply: "10" },
    rewardPerBlock: "2.25",
    startBlock: "+300",
    uniswapV2Factory: LOWER,
    uniswapV2Router: ADDRESS,
    weth: ADDRESS,
    stablecoin: ADDRESS,
    pools: [{ lpToken: ADDRESS, allocPoint: 40 }],
    ...overrides,
  };
}

function parseError(json: Record<string, unknown>): string {
  try {
    parsePlan(json, "cfg.json");
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the config to be refused");
}

describe("deploy/plan: config files", function () {
  it("reads amounts in token units with the reward token's decimals, and checksums addresses", function () {
    const plan = parsePlan(config(), "cfg.json");
    expect(plan.rewardToken).to.deep.equal({ name: "Farm Reward", symbol: "RWD", decimals: 6, cap: 1_000_000_500_000n, initialSupply: 10_000_000n });
    expect(plan.rewardPerBlock).to.equal(2_250_000n);
    expect(plan.startBlock).to.deep.equal({ afterBlocks: 300n });
    expect(plan.uniswapV2Factory).to.equal(ADDRESS);
    expect(plan.multicall3).to.equal(MULTICALL3_ADDRESS);
    expect(plan.owner).to.equal(undefined);
    expect(plan.pools).to.deep.equal([{ lpToken: ADDRESS, allocPoint: 40n }]);
  });

  it("reads lock terms: an epoch length, tiers in blocks with boosts as multipliers, and a penalty in percent", function () {
    const plan = parsePlan(config({
      epochBlocks: 7200,
      locks: { tiers: [{ blocks: 216000, boost: "1.25" }, { blocks: "2628000", boost: 3 }], earlyExitPenalty: { percent: "12.5", recipient: LOWER } },
    }), "cfg.json");
    expect(plan.epochBlocks).to.equal(7_200n);
    expect(plan.locks).to.deep.equal({
      tiers: [{ blocks: 216_000n, boostBps: 12_500n }, { blocks: 2_628_000n, boostBps: 30_000n }],
      penaltyBps: 1_250n,
      penaltyRecipient: ADDRESS,
    });
    expect(parsePlan(config(), "cfg.json").locks).to.equal(undefined);
    expect(parsePlan(config({ locks: { tiers: [] } }), "cfg.json").locks).to.deep.equal({ tiers: [], penaltyBps: 0n, penaltyRecipient: undefined });
  });

  it("refuses lock terms it cannot read, naming the field", function () {
    expect(parseError(config({ epochBlocks: "a day" }))).to.equal('cfg.json: "epochBlocks" must be a whole number, got "a day".');
    expect(parseError(config({ locks: {} }))).to.equal('cfg.json locks: "tiers" is missing.');
    expect(parseError(config({ locks: { tiers: {} } }))).to.equal('cfg.json: "locks.tiers" must be a list of { "blocks", "boost" }.');
    expect(parseError(config({ locks: { tiers: [{ blocks: 10, boost: "2x" }] } }))).to.equal('cfg.json: "locks.tiers[0].boost" must be a number with at most 4 decimals, got "2x".');
    expect(parseError(config({ locks: { tiers: [], earlyExitPenalty: { percent: "20", recipient: "treasury" } } }))).to.include('"locks.earlyExitPenalty.recipient" must be an address');
  });

  it("takes an absolute start block and 18 decimals by default", function () {
    const plan = parsePlan(config({ startBlock: 21_000_000, rewardToken: { name: "R", symbol: "R", cap: "5" } }), "cfg.json");
    expect(plan.startBlock).to.equal(21_000_000n);
    expect(plan.rewardToken.cap).to.equal(parseEther("5"));
  });

  it("names the file and the field of every mistake", function () {
    expect(parseError(config({ rewardPerBlock: undefined }))).to.equal('cfg.json: "rewardPerBlock" is missing.');
    expect(parseError(config({ weth: "0x1234" }))).to.equal('cfg.json: "weth" must be an address (0x followed by 40 hex digits), got "0x1234".');
    expect(parseError(config({ rewardPerBlock: "0.0000001" }))).to.equal(
      'cfg.json: "rewardPerBlock" must be an amount in tokens with at most 6 decimals, got "0.0000001".',
    );
    expect(parseError(config({ rewardPerBlock: "-1" }))).to.include('"rewardPerBlock" must be an amount');
    expect(parseError(config({ startBlock: "soon" }))).to.equal('cfg.json: "startBlock" must be a whole number, got "soon".');
    expect(parseError(config({ pools: {} }))).to.equal('cfg.json: "pools" must be a list of { "lpToken", "allocPoint" }.');
    expect(parseError(config({ pools: [{ lpToken: ADDRESS, allocPoint: 1.5 }] }))).to.equal(
      'cfg.json: "pools[0].allocPoint" must be a whole number, got 1.5.',
    );
    expect(parseError(config({ owner: "alice" }))).to.include('"owner" must be an address');
  });

  it("refuses what the farm would refuse: a start block past 2^64 - 1, an allocation past 65,535, a rate past 2^96 - 1", function () {
    expect(parseError(config({ startBlock: "18446744073709551616" }))).to.equal(
      'cfg.json: "startBlock" is 18446744073709551616, above the farm\'s limit of 18446744073709551615.',
    );
    expect(parseError(config({ startBlock: "+18446744073709551616" }))).to.include('"startBlock" is 18446744073709551616, above');
    expect(parsePlan(config({ startBlock: "18446744073709551615" }), "cfg.json").startBlock).to.equal(2n ** 64n - 1n);
    expect(parseError(config({ pools: [{ lpToken: ADDRESS, allocPoint: 65_536 }] }))).to.equal(
      'cfg.json: "pools[0].allocPoint" is 65536, above the farm\'s limit of 65535.',
    );
    expect(parsePlan(config({ pools: [{ lpToken: ADDRESS, allocPoint: 65_535 }] }), "cfg.json").pools[0].allocPoint).to.equal(65_535n);
    // 2^96 wei of a 6-decimal token, written in tokens.
    expect(parseError(config({ rewardPerBlock: "79228162514264337593543.950336" }))).to.include('"rewardPerBlock" is 79228162514264337593543950336, above');
  });

  it("FARM_LIMITS are the deployed farm's own constants", async function () {
    const { farm } = await networkHelpers.loadFixture(worldFixture);
    expect(FARM_LIMITS).to.deep.equal({
      startBlock: await farm.MAX_START_BLOCK(),
      allocPoint: await farm.MAX_ALLOC_POINT(),
      rewardPerBlock: await farm.MAX_REWARD_PER_BLOCK(),
    });
  });

  it("the mainnet example config parses", async function () {
    const plan = await readPlan("deploy/config/mainnet.json");
    expect(plan.pools.map((p) => p.lpToken)).to.include("0xB4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc");
  });
});

async function worldFixture(): Promise<World> {
  return buildWorld(ethers);
}

describe("deploy/preflight: a plan checked against the chain", function () {
  async function plan(world: World, overrides: Partial<FarmPlan> = {}): Promise<FarmPlan> {
    return {
      rewardToken: { name: "R", symbol: "R", decimals: 18, cap: parseEther("1000"), initialSupply: 0n },
      rewardPerBlock: 1n,
      startBlock: 0n,
      uniswapV2Factory: await world.uniswap.factory.getAddress(),
      uniswapV2Router: await world.uniswap.router.getAddress(),
      weth: await world.uniswap.weth.getAddress(),
      stablecoin: await world.usdc.getAddress(),
      multicall3: MULTICALL3_ADDRESS,
      pools: [{ lpToken: await world.usdcWeth.getAddress(), allocPoint: 1n }],
      ...overrides,
    };
  }

  it("finds nothing wrong with a good plan", async function () {
    const world = await networkHelpers.loadFixture(worldFixture);
    expect(await checkPlan(ethers, await plan(world), world.owner)).to.deep.equal([]);
  });

  it("lists every problem at once: missing contracts, LP that is not a pair of the factory, duplicates, no ETH", async function () {
    const world = await networkHelpers.loadFixture(worldFixture);
    const usdcWeth = await world.usdcWeth.getAddress();
    const usdc = await world.usdc.getAddress();
    const nobody = Wallet.createRandom().address;
    // A pair of the same tokens from another factory: a real UniswapV2Pair, but not this factory's.
    const other = await deployUniswap(world.owner);
    await (await other.factory.createPair(usdc, await world.dai.getAddress())).wait();
    const foreignPair = await other.factory.getPair(usdc, await world.dai.getAddress());
    const broke = Wallet.createRandom().connect(ethers.provider);

    const problems = await checkPlan(
      ethers,
      await plan(world, {
        stablecoin: nobody,
        pools: [
          { lpToken: usdcWeth, allocPoint: 1n },
          { lpToken: usdc, allocPoint: 1n },
          { lpToken: foreignPair, allocPoint: 1n },
          { lpToken: nobody, allocPoint: 1n },
          { lpToken: usdcWeth, allocPoint: 2n },
        ],
      }),
      broke,
    );
    const factory = await world.uniswap.factory.getAddress();
    expect(problems).to.deep.equal([
      `"stablecoin" ${nobody} has no contract on this chain`,
      `pool LP ${usdc} is not a Uniswap V2 pair (no token0/token1)`,
      `pool LP ${foreignPair} is not a pair of the Uniswap V2 factory ${factory}`,
      `pool LP ${nobody} has no contract on this chain`,
      `pool LP ${usdcWeth} is listed twice (one pool per LP token)`,
      `the deployer ${broke.address} has no ETH (balance 0.0)`,
    ]);
  });
});

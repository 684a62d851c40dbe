/**
 * The worst case of lock expiry (issue 14): a pool nobody touches for a year while one of its locks
 * ends every day. The next harvest there passes 365 epoch boundaries, each ending a boost. Measured
 * three times: with the rest of the farm active (another pool harvested daily, so the global
 * accumulator was stored at each boundary as the days went by), with the whole farm idle (the
 * harvest also stores all 365), and, whole farm idle, with four partner tokens streaming in the
 * pool and every locker enrolled (issue 17: the rewarder passes at most
 * MAX_BOUNDARIES_PER_UPDATE of those ends in the same transaction).
 */
import { MaxUint256, parseEther, toQuantity, toBeHex } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { as } from "../fixtures/chain.js";
import { DAY_BLOCKS, growPools, LOCK_TERMS_VERSION, LOCK_TIERS, PID, quickly, steadyFarm } from "./scenario.js";

/** One lock made each day for a year, each for a year: their ends fall on 365 different days. */
const DAYS = 365;
/** Each daily lock, in LP wei: small, so 365 of them fit in what the owner holds. */
const LOCKED = 10n ** 13n;

export interface YearUntouched {
  /** Receipt gas of the harvest that passes every boundary, the farm otherwise active. */
  poolIdle: number;
  /** The same harvest when nothing at all happened in the farm for the year. */
  farmIdle: number;
  /** farmIdle with four partner tokens streaming in the pool, every locker enrolled. */
  partnered: number;
  /** Boundaries the harvest passed. */
  boundaries: number;
}

async function mineDays(connection: NetworkConnection, days: bigint, less = 0n): Promise<void> {
  await connection.networkHelpers.mine(days * DAY_BLOCKS - less);
}

/** 365 stakers, each locking LOCKED in pid 0 for a year, one a day. */
async function lockOneADay(connection: NetworkConnection, scenario: Awaited<ReturnType<typeof steadyFarm>>): Promise<void> {
  const { ethers } = connection;
  const { farm, owner, usdcWeth } = scenario.world;
  const [farmAddress, lpAddress] = [await farm.getAddress(), await usdcWeth.getAddress()];
  for (let day = 0; day < DAYS; day++) {
    const staker = toBeHex(0x10c0000 + day, 20);
    await ethers.provider.send("hardhat_impersonateAccount", [staker]);
    await ethers.provider.send("hardhat_setBalance", [staker, toQuantity(10n ** 18n)]);
    await quickly(ethers, owner.address, { to: lpAddress, data: usdcWeth.interface.encodeFunctionData("transfer", [staker, LOCKED]) });
    await quickly(ethers, staker, { to: lpAddress, data: usdcWeth.interface.encodeFunctionData("approve", [farmAddress, LOCKED]) });
    await quickly(ethers, staker, { to: farmAddress, data: farm.interface.encodeFunctionData("lock", [PID, LOCKED, LOCK_TIERS.year, LOCK_TERMS_VERSION]) });
    await mineDays(connection, 1n);
  }
}

/** Four partner tokens streaming in pid 0 for two years; alice enrolled. */
async function fourStreams(connection: NetworkConnection, scenario: Awaited<ReturnType<typeof steadyFarm>>): Promise<void> {
  const { ethers } = connection;
  const { farm, owner, alice } = scenario.world;
  const rewarder = await ethers.getContractAt("PartnerRewarder", await farm.partnerRewarder());
  const end = BigInt(await ethers.provider.getBlockNumber()) + 800n * DAY_BLOCKS;
  for (let i = 0; i < 4; i++) {
    const token = await ethers.deployContract("TestERC20", [`Partner ${i}`, `PT${i}`, 18], owner);
    await (await token.mint(owner.address, parseEther("1000000"))).wait();
    await (await token.approve(await rewarder.getAddress(), MaxUint256)).wait();
    await (await as(rewarder, owner).fund(PID, await token.getAddress(), parseEther("1000000"), end)).wait();
  }
  await (await as(farm, alice).deposit(PID, 0n)).wait();
}

/** alice's harvest in pid 0 a year and two days after the last daily lock, the farm idle throughout. */
async function harvestAfterAYear(connection: NetworkConnection, scenario: Awaited<ReturnType<typeof steadyFarm>>): Promise<number> {
  const { farm, alice } = scenario.world;
  await mineDays(connection, BigInt(DAYS) + 2n);
  const gas = Number((await (await as(farm, alice).harvest(PID)).wait())!.gasUsed);
  const [, boostAfter] = (await farm.poolShares(PID)) as [bigint, bigint, bigint];
  if (boostAfter !== 0n) throw new Error("the harvest did not pass every end");
  return gas;
}

export async function measureYearUntouched(connection: NetworkConnection): Promise<YearUntouched> {
  const start = await connection.networkHelpers.takeSnapshot();
  const partneredScenario = await steadyFarm(connection, 2);
  await growPools(partneredScenario, 2);
  await fourStreams(connection, partneredScenario);
  await lockOneADay(connection, partneredScenario);
  const partnered = await harvestAfterAYear(connection, partneredScenario);
  await start.restore();

  const scenario = await steadyFarm(connection, 2);
  await growPools(scenario, 2);
  await lockOneADay(connection, scenario);
  const { farm, alice, bob } = scenario.world;
  const [, boostBefore] = (await farm.poolShares(PID)) as [bigint, bigint, bigint];
  const locked = await connection.networkHelpers.takeSnapshot();

  // Past the last end (365 days after the last lock, rounded up to a day), plus a day.
  const yearAndTwoDays = BigInt(DAYS) + 2n;
  const harvest = async () => Number((await (await as(farm, alice).harvest(PID)).wait())!.gasUsed);

  await mineDays(connection, yearAndTwoDays);
  const farmIdle = await harvest();
  const [, boostAfter] = (await farm.poolShares(PID)) as [bigint, bigint, bigint];
  if (boostAfter !== 0n || boostBefore === 0n) throw new Error("the harvest did not pass every end");

  await locked.restore();
  for (let day = 0n; day < yearAndTwoDays; day++) {
    await mineDays(connection, 1n, 1n);
    await (await as(farm, bob).harvest(1)).wait(); // another pool: stores the day's boundary
  }
  const poolIdle = await harvest();
  return { poolIdle, farmIdle, partnered, boundaries: DAYS };
}

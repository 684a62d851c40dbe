/**
 * Guards no ordinary test can reach: the pool-count limit needs 2^24 - 1 pools (about 1.8e12 gas
 * of `add` calls), so the pool count is written straight into the farm's storage instead. The
 * test first checks the storage layout it relies on and fails plainly if that layout changed.
 */
import { expect } from "chai";
import { MaxUint256, toBeHex, zeroPadValue } from "ethers";
import { network } from "hardhat";

import { deployTestToken } from "../worlds/tokens.js";
import { as, mined } from "../fixtures/chain.js";
import { farmState, refusedAndMined } from "./helpers/farm-state.js";
import { buildWorld, type World } from "../fixtures/world.js";

const { ethers, networkHelpers } = await network.create();

const MAX_POOLS = 2n ** 24n - 1n;

/**
 * Slot 1 of the farm, low bytes first: Ownable2Step's pending owner (20 bytes), Pausable's flag
 * (1), then the farm's total allocation (uint64) and pool count (uint24), packed in that order.
 */
const LAYOUT_SLOT = 1n;
const POOL_LENGTH_SHIFT = 232n;
const POOL_LENGTH_MASK = (2n ** 24n - 1n) << POOL_LENGTH_SHIFT;

async function twoPools(): Promise<World> {
  const w = await buildWorld(ethers);
  await mined(as(w.farm, w.owner).add(100, await w.usdcWeth.getAddress()));
  await mined(as(w.farm, w.owner).add(100, await w.daiWeth.getAddress()));
  return w;
}

async function setPoolLength(w: World, poolLength: bigint): Promise<void> {
  const slot = BigInt(await ethers.provider.getStorage(await w.farm.getAddress(), LAYOUT_SLOT));
  const updated = (slot & (MaxUint256 ^ POOL_LENGTH_MASK)) | (poolLength << POOL_LENGTH_SHIFT);
  await networkHelpers.setStorageAt(await w.farm.getAddress(), LAYOUT_SLOT, zeroPadValue(toBeHex(updated), 32));
}

describe("Farm limits reached by forcing storage", function () {
  it("reads its pool count and total allocation where this test writes them", async function () {
    const { farm } = await networkHelpers.loadFixture(twoPools);
    const slot = BigInt(await ethers.provider.getStorage(await farm.getAddress(), LAYOUT_SLOT));
    const fields = {
      pendingOwner: slot & (2n ** 160n - 1n),
      paused: (slot >> 160n) & 0xffn,
      totalAllocPoint: (slot >> 168n) & (2n ** 64n - 1n),
      poolLength: slot >> POOL_LENGTH_SHIFT,
    };
    expect(fields, "Farm's storage layout changed: update coverage-gaps.test.ts").to.deep.equal({
      pendingOwner: 0n, paused: 0n, totalAllocPoint: 200n, poolLength: 2n,
    });
  });

  it("add takes pool 2^24 - 2 as the last pool, then reverts with TooManyPools(2^24 - 1) and changes nothing", async function () {
    const w = await networkHelpers.loadFixture(twoPools);
    const { farm, owner, wbtcWeth } = w;
    await setPoolLength(w, MAX_POOLS - 1n);
    expect(await farm.poolLength()).to.equal(MAX_POOLS - 1n);

    await expect(as(farm, owner).add(100, await wbtcWeth.getAddress()))
      .to.emit(farm, "PoolAdded")
      .withArgs(MAX_POOLS - 1n, await wbtcWeth.getAddress(), 100n);
    expect(await farm.poolLength()).to.equal(MAX_POOLS);
    expect(await farm.totalAllocPoint()).to.equal(300n);

    const lp = await deployTestToken(ethers, owner, { name: "One Too Many", symbol: "LAST", decimals: 18 });
    const lpAddress = await lp.getAddress();
    await refusedAndMined(ethers, () => farmState(farm, { pids: [0, 1], accounts: [owner.address] }), [
      { send: (o) => as(farm, owner).add(100, lpAddress, o), by: farm, error: "TooManyPools", args: [MAX_POOLS] },
    ]);
  });
});

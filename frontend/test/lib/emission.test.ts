import { describe, expect, it } from "vitest";

import { CAP_WARNING_SECONDS, capWithinWarning, emissionOutlook, emissionPerDay, type EmissionState, remainingAt } from "../../src/lib/emission";

const E18 = 10n ** 18n;

/**
 * The farm's schedule as contracts/Farm.sol keeps it, re-told independently of the code under
 * test: from `checkpoint` on, `rate` a block until `budget` is spent; `emissionEndBlock` is
 * checkpoint + ceil(budget / rate); a new rate mined in block m settles blocks up to m at the
 * old rate and restarts the schedule at m (or at the checkpoint, if later).
 */
class ModelFarm {
  constructor(public rate: bigint, public budget: bigint, public checkpoint: bigint) {}
  emittedBy(block: bigint): bigint {
    if (block <= this.checkpoint) return 0n;
    const scheduled = (block - this.checkpoint) * this.rate;
    return scheduled < this.budget ? scheduled : this.budget;
  }
  rewardsRemaining(block: bigint): bigint {
    return this.budget - this.emittedBy(block);
  }
  emissionEndBlock(): bigint {
    return this.checkpoint + (this.budget + this.rate - 1n) / this.rate;
  }
  setRate(rate: bigint, minedIn: bigint): void {
    this.budget -= this.emittedBy(minedIn);
    this.checkpoint = minedIn > this.checkpoint ? minedIn : this.checkpoint;
    this.rate = rate;
  }
}

/** The local world's farm: 9,900,000 RWD under the cap, 2 RWD a block from block 20, 2 s blocks. */
const START = 20n;
const BUDGET = 9_900_000n * E18;
const SECONDS = 2;

function stateAt(model: ModelFarm, block: bigint, overrides: Partial<EmissionState> = {}): EmissionState {
  return {
    blockNumber: block,
    timestamp: 1_700_000_000n + block * 2n,
    rewardPerBlock: model.rate,
    rewardsRemaining: model.rewardsRemaining(block),
    startBlock: START,
    totalAllocPoint: 190n,
    ...overrides,
  };
}

describe("emissionPerDay", () => {
  it("is the rate times a day of blocks at the nominal block time", () => {
    expect(emissionPerDay(2n * E18, 2)).toBe(86_400n * E18); // 43,200 blocks of 2 RWD
    expect(emissionPerDay(2n * E18, 12)).toBe(14_400n * E18); // 7,200 blocks
    expect(emissionPerDay(0n, 12)).toBe(0n);
  });
});

describe("emissionOutlook", () => {
  it("for the farm's own setting, ends at the farm's emissionEndBlock", () => {
    const model = new ModelFarm(2n * E18, BUDGET, START);
    const state = stateAt(model, 1_000n);
    const outlook = emissionOutlook(state, { rewardPerBlock: 2n * E18, totalAllocPoint: 190n }, SECONDS);
    expect(outlook.end!.block).toBe(model.emissionEndBlock());
    expect(outlook.end!.block).toBe(4_950_020n); // 20 + 9,900,000 / 2
    expect(outlook.end!.secondsLeft).toBe((4_950_020 - 1_000) * 2);
    expect(outlook.end!.atSeconds).toBe(1_700_000_000 + 1_000 * 2 + (4_950_020 - 1_000) * 2);
    expect(outlook.perDay).toBe(86_400n * E18);
    expect(outlook.stopped).toBeUndefined();
  });

  it("for a new rate, ends where the farm will say once the change is mined in the next block (a partial last block rounds up)", () => {
    for (const rate of [3n * E18, 7n * E18, 1n, 123_456_789n * E18]) {
      const model = new ModelFarm(2n * E18, BUDGET, START);
      const outlook = emissionOutlook(stateAt(model, 1_000n), { rewardPerBlock: rate, totalAllocPoint: 190n }, SECONDS);
      model.setRate(rate, 1_001n);
      expect(outlook.end!.block, `rate ${rate}`).toBe(model.emissionEndBlock());
    }
    // By hand, at 7 RWD: 9,898,038 RWD are left after block 1,001 (which pays the old 2), and 1,414,005.4 blocks of 7 spend them.
    const model = new ModelFarm(2n * E18, BUDGET, START);
    expect(emissionOutlook(stateAt(model, 1_000n), { rewardPerBlock: 7n * E18, totalAllocPoint: 190n }, SECONDS).end!.block).toBe(1_001n + 1_414_006n);
  });

  it("before the start block counts from the start block", () => {
    const model = new ModelFarm(2n * E18, BUDGET, START);
    const state = stateAt(model, 10n);
    expect(state.rewardsRemaining).toBe(BUDGET);
    expect(remainingAt(state, 11n)).toBe(BUDGET);
    const outlook = emissionOutlook(state, { rewardPerBlock: 4n * E18, totalAllocPoint: 190n }, SECONDS);
    model.setRate(4n * E18, 11n);
    expect(outlook.end!.block).toBe(model.emissionEndBlock());
    expect(outlook.end!.block).toBe(20n + 2_475_000n);
  });

  it("says emission stops at a rate of 0, and emits nothing a day", () => {
    const model = new ModelFarm(2n * E18, BUDGET, START);
    const outlook = emissionOutlook(stateAt(model, 1_000n), { rewardPerBlock: 0n, totalAllocPoint: 190n }, SECONDS);
    expect(outlook).toEqual({ rewardPerBlock: 0n, perDay: 0n, stopped: "zero-rate" });
    expect(capWithinWarning(outlook)).toBe(false);
  });

  it("with no pool allocated, nothing is emitted and the budget waits; emission resumes when a pool gets points", () => {
    const model = new ModelFarm(2n * E18, BUDGET, START);
    const idle = stateAt(model, 1_000n, { totalAllocPoint: 0n, rewardsRemaining: 5_000_000n * E18 });
    expect(remainingAt(idle, 5_000n)).toBe(5_000_000n * E18);
    expect(emissionOutlook(idle, { rewardPerBlock: 2n * E18, totalAllocPoint: 0n }, SECONDS).stopped).toBe("no-allocation");
    const resumed = emissionOutlook(idle, { rewardPerBlock: 2n * E18, totalAllocPoint: 10n }, SECONDS);
    expect(resumed.end!.block).toBe(1_001n + 2_500_000n);
  });

  it("says the cap is reached when nothing is left after the next block", () => {
    const model = new ModelFarm(2n * E18, BUDGET, START);
    const nearlyDone = stateAt(model, 1_000n, { rewardsRemaining: E18 }); // the next block pays the last 1 RWD
    expect(emissionOutlook(nearlyDone, { rewardPerBlock: 5n * E18, totalAllocPoint: 190n }, SECONDS).stopped).toBe("cap-reached");
    expect(emissionOutlook(stateAt(model, 1_000n, { rewardsRemaining: 0n }), { rewardPerBlock: 0n, totalAllocPoint: 190n }, SECONDS).stopped).toBe("cap-reached");
  });
});

describe("capWithinWarning", () => {
  it("warns at 100,000 RWD a block (the cap in 99 blocks), and at a week to the second, not a block later", () => {
    const model = new ModelFarm(2n * E18, BUDGET, START);
    const state = stateAt(model, 1_000n);
    const at = (rate: bigint) => emissionOutlook(state, { rewardPerBlock: rate, totalAllocPoint: 190n }, SECONDS);
    const huge = at(100_000n * E18);
    expect(huge.end!.block).toBe(1_001n + 99n); // 9,898,038 RWD at 100,000 a block: 98.98 blocks
    expect(huge.end!.secondsLeft).toBe(200);
    expect(capWithinWarning(huge)).toBe(true);
    expect(capWithinWarning(at(2n * E18))).toBe(false);
    // A week of 2 s blocks is 302,400 blocks from block 1,000: ends at block 303,400 at the latest.
    const left = remainingAt(state, 1_001n);
    const endingAt = (rate: bigint) => at(rate).end!.block;
    const weekRate = (left + 302_398n) / 302_399n; // the slowest rate that spends it by block 1,001 + 302,399
    expect(endingAt(weekRate)).toBe(303_400n);
    expect(at(weekRate).end!.secondsLeft).toBe(CAP_WARNING_SECONDS);
    expect(capWithinWarning(at(weekRate))).toBe(true);
    expect(endingAt(weekRate - 1n)).toBe(303_401n);
    expect(capWithinWarning(at(weekRate - 1n))).toBe(false);
  });
});

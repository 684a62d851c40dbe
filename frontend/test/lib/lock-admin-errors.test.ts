import { describe, expect, it } from "vitest";

import { errorSentence } from "../../src/lib/errors";

/** A custom error of the farm, as viem throws it from simulateContract. */
function farmRevert(errorName: string, args: readonly unknown[]) {
  return {
    name: "ContractFunctionExecutionError",
    shortMessage: 'The contract function "setLockTiers" reverted.',
    cause: { name: "ContractFunctionRevertedError", shortMessage: 'The contract function "setLockTiers" reverted.', data: { errorName, args } },
  };
}

describe("the farm's refusals of lock settings, in sentences", () => {
  const cases: [string, readonly unknown[], string][] = [
    ["LockTiersMismatch", [3n, 2n], "The farm got 3 durations and 2 boosts: each tier needs one of each. Reload the page and review the tiers again."],
    ["TooManyLockTiers", [9n, 8n], "The farm offers at most 8 lock tiers, and this list has 9: remove some."],
    [
      "LockDurationInvalid",
      [1n, 43_200n],
      "Tier 2's duration of 43,200 blocks was refused: durations run from 1 to 4,294,967,295 blocks and increase from tier to tier.",
    ],
    ["BoostInvalid", [0n, 35_000n], "Tier 1's boost of 3.5× was refused: boosts run from 1× to the farm's maximum and never decrease from tier to tier."],
    ["PenaltyTooLarge", [6_000n, 5_000n], "An early-exit penalty of 60% is above the farm's cap of 50%: enter a smaller rate."],
  ];
  for (const [errorName, args, sentence] of cases) {
    it(`explains ${errorName}`, () => expect(errorSentence(farmRevert(errorName, args))).toBe(sentence));
  }
});

import { describe, expect, it } from "vitest";

import { errorSentence } from "../../src/lib/errors";

/** A farm custom error as viem throws it from simulateContract. */
function farmRevert(errorName: string, args?: readonly unknown[]) {
  return {
    name: "ContractFunctionExecutionError",
    shortMessage: 'The contract function "lock" reverted.',
    cause: { name: "ContractFunctionRevertedError", data: { errorName, args } },
  };
}

describe("a lock's errors, said so a staker knows what to do", () => {
  const cases: [string, readonly unknown[] | undefined, string][] = [
    ["UnknownTier", [5n, 3n], "The farm has no lock tier 5 (it offers 3): its tiers changed. Close the dialog and choose again."],
    ["ZeroAmount", undefined, "Enter an amount of LP to lock: with nothing to add, only a running lock can be extended."],
    [
      "LockShortened",
      [1_200n, 12_000n],
      "That tier would end your lock at block 1,200, before its end at block 12,000: a lock's end never moves earlier. Choose a longer tier.",
    ],
    ["NotLocked", [2n, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"], "You have no running lock in this pool: it has ended, so its LP can be unstaked without penalty."],
    ["PoolEmergencyUnlocked", [2n], "The owner emergency-unlocked this pool: it takes no new locks. Stake without a lock instead."],
  ];
  for (const [name, args, sentence] of cases) {
    it(`explains ${name}`, () => expect(errorSentence(farmRevert(name, args))).toBe(sentence));
  }
});

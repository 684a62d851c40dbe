import type { Address } from "viem";
import { describe, expect, it } from "vitest";

import { summarizeFarmEvents } from "../../src/lib/tx-summary";

const ALICE: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BOB: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const RECIPIENT: Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const E18 = 10n ** 18n;
// DAI/WETH LP at $2,000.
const context = {
  user: ALICE,
  reward: { symbol: "RWD", decimals: 18, priceUsd: 1.5 },
  pool: (pid: number) => ({ name: pid === 1 ? "DAI/WETH" : "FOO/BAR", lpPriceUsd: pid === 1 ? 2_000 : undefined }),
};
const locked = (added: bigint, user = ALICE) => ({
  eventName: "Locked" as const,
  args: { user, pid: 1n, added, locked: 4n * E18, boostBps: 20_000n, endBlock: 1_200n, penaltyBps: 5_000n, penaltyRecipient: RECIPIENT },
});

describe("lock notices", () => {
  it("says what was locked, and the whole lock's terms", () => {
    expect(summarizeFarmEvents([locked(15n * 10n ** 17n)], context)).toBe("Locked 1.5 DAI/WETH LP ($3,000.00): 4 LP at 2× until block 1,200.");
  });

  it("says an extension added nothing", () => {
    expect(summarizeFarmEvents([locked(0n)], context)).toBe("Extended the DAI/WETH lock: 4 LP at 2× until block 1,200.");
  });

  it("says what an early exit returned and what went to the recipient, with the reward paid beside it", () => {
    const exited = { eventName: "LockExited" as const, args: { user: ALICE, pid: 1n, returned: 35n * 10n ** 17n, penalty: E18 / 2n, penaltyRecipient: RECIPIENT } };
    const harvest = { eventName: "Harvest" as const, args: { user: ALICE, pid: 1n, amount: E18 } };
    expect(summarizeFarmEvents([exited, harvest], context)).toBe(
      "Left the DAI/WETH lock early: 3.5 DAI/WETH LP ($7,000.00) back, 0.5 DAI/WETH LP ($1,000.00) to 0xf39F…2266 as the penalty. Harvested 1 RWD ($1.50).",
    );
  });

  it("says an ended lock's LP joined the unlocked stake, and leaves others' events out", () => {
    const unlocked = { eventName: "Unlocked" as const, args: { user: ALICE, pid: 0n, amount: 2n * E18 } };
    expect(summarizeFarmEvents([unlocked, locked(E18, BOB)], context)).toBe("The ended FOO/BAR lock's 2 LP joined your unlocked stake.");
  });
});

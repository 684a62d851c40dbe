import type { Address } from "viem";
import { describe, expect, it } from "vitest";

import { type FarmEvent, summarizeFarmEvents, type SummaryContext } from "../../src/lib/tx-summary";

const ALICE: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BOB: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const E18 = 10n ** 18n;

const context: SummaryContext = {
  user: ALICE,
  reward: { symbol: "RWD", decimals: 18, priceUsd: 1.5 },
  pool: (pid) => (pid === 0 ? { name: "WETH/USDC", lpPriceUsd: 6_000 } : { name: "FOO/BAR" }),
};

const event = (eventName: FarmEvent["eventName"], pid: number, amount: bigint, user = ALICE): FarmEvent => ({
  eventName,
  args: { user, pid: BigInt(pid), amount },
});

describe("summarizeFarmEvents", () => {
  it("says what a harvest paid, in tokens and dollars", () => {
    expect(summarizeFarmEvents([event("Harvest", 0, 65n * 10n ** 16n)], context)).toBe("Harvested 0.65 RWD ($0.98).");
  });

  it("adds up a harvest-all over its pools", () => {
    const events = [event("Harvest", 0, E18), event("Harvest", 1, 2n * E18), event("Harvest", 2, E18 / 2n)];
    expect(summarizeFarmEvents(events, context)).toBe("Harvested 3.5 RWD ($5.25) from 3 pools.");
  });

  it("tells an unstake with its reward, an LP amount without a price, and a stake", () => {
    const events = [event("Withdraw", 0, E18 / 4n), event("Harvest", 0, E18)];
    expect(summarizeFarmEvents(events, context)).toBe("Unstaked 0.25 WETH/USDC LP ($1,500.00). Harvested 1 RWD ($1.50).");
    expect(summarizeFarmEvents([event("Deposit", 1, 11_234_567_800_000n)], context)).toBe("Staked 0.0000112345 FOO/BAR LP.");
  });

  it("says what an emergency withdrawal forgoes and what a pause keeps", () => {
    expect(summarizeFarmEvents([event("EmergencyWithdraw", 0, E18)], context)).toBe(
      "Withdrew 1 WETH/USDC LP ($6,000.00) in an emergency, forgoing its reward.",
    );
    expect(summarizeFarmEvents([event("Withdraw", 0, E18), event("RewardDeferred", 0, 2n * E18)], context)).toBe(
      "Unstaked 1 WETH/USDC LP ($6,000.00). 2 RWD ($3.00) of reward stays yours in the farm while it is paused.",
    );
  });

  it("tells only the user's own events, and nothing when there are none", () => {
    expect(summarizeFarmEvents([event("Harvest", 0, E18, BOB)], context)).toBeUndefined();
    expect(summarizeFarmEvents([], context)).toBeUndefined();
  });
});

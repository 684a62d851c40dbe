import { describe, expect, it } from "vitest";

import { boostShareOf, confirmationPhrase, confirmsPhrase, reviewUnlock } from "../../src/lib/emergency-unlock-review";

describe("the typed confirmation", () => {
  it("asks for the pool's name, or its number when the name cannot be typed", () => {
    expect(confirmationPhrase(0, "USDC/WETH")).toBe("USDC/WETH");
    expect(confirmationPhrase(7, "0x1234…abcd/WETH")).toBe("pool 7");
  });

  it("accepts the phrase whatever the case and the spaces, and nothing else", () => {
    for (const typed of ["USDC/WETH", "usdc/weth", "  USDC / WETH "]) expect(confirmsPhrase(typed, "USDC/WETH"), typed).toBe(true);
    for (const typed of ["", " ", "USDC", "WETH/USDC", "USDC/WETH/", "USDCWETH"]) expect(confirmsPhrase(typed, "USDC/WETH"), typed).toBe(false);
    expect(confirmsPhrase("Pool  7", "pool 7")).toBe(true);
  });
});

describe("reviewUnlock", () => {
  it("says first that it cannot be undone, then what it does and that the owner gets nothing", () => {
    const review = reviewUnlock({ pid: 2, name: "DAI/WETH", totalShares: 1_500n, boostShares: 500n });
    expect(review.title).toBe("Emergency unlock DAI/WETH");
    expect(review.phrase).toBe("DAI/WETH");
    expect(review.effects[0]).toMatch(/^This cannot be undone: DAI\/WETH will never take a lock again/);
    expect(review.effects.join(" ")).toMatch(/Every lock in DAI\/WETH ends at the block this is mined in, boosts included/);
    expect(review.effects.join(" ")).toMatch(/without any penalty/);
    expect(review.effects.at(-1)).toBe("The owner receives nothing: no LP, no penalty, no reward.");
    expect(review.boostShare).toBeCloseTo(1 / 3, 12);
  });

  it("counts no boost in a pool with no stake", () => {
    expect(boostShareOf(0n, 0n)).toBe(0);
    expect(boostShareOf(1_000n, 0n)).toBe(0);
  });
});

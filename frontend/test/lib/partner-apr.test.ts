import { describe, expect, it } from "vitest";

import { partnerApr, partnerAprReason, sumPartnerAprs } from "../../src/lib/partner-apr";

const E18 = 10n ** 18n;

describe("a partner token's APR", () => {
  // 0.05 PTN a block at $0.50, 2,628,000 blocks a year (12 s): $65,700 a year;
  // 10 LP of weight at $6,000 per LP: $60,000. APR 1.095.
  const input = { perBlock: E18 / 20n, decimals: 18, priceUsd: 0.5, blocksPerYear: 2_628_000, totalWeight: 10n * E18, lpPriceUsd: 6_000 };

  it("is a year of the stream in USD over the weights earning it, at the LP price", () => {
    const apr = partnerApr(input);
    expect(apr.kind).toBe("apr");
    expect(apr.kind === "apr" && apr.value).toBeCloseTo(1.095, 12);
    // A 6-decimal token: 50,000 units a block is 0.05 of it.
    const six = partnerApr({ ...input, perBlock: 50_000n, decimals: 6 });
    expect(six.kind === "apr" && six.value).toBeCloseTo(1.095, 12);
  });

  it("says why there is none: no price for the token, none for the LP, nobody earning, or ended", () => {
    expect(partnerApr({ ...input, priceUsd: undefined })).toEqual({ kind: "no-price" });
    expect(partnerApr({ ...input, lpPriceUsd: undefined })).toEqual({ kind: "no-lp-price" });
    expect(partnerApr({ ...input, totalWeight: 0n })).toEqual({ kind: "new" });
    expect(partnerApr({ ...input, perBlock: 0n })).toEqual({ kind: "ended" });
  });

  it("has a sentence for every reason, naming the token, and none for a number", () => {
    expect(partnerAprReason({ kind: "no-price" }, "PTN")).toBe("PTN has no Uniswap pair with WETH or the stablecoin, so it has no USD price and its APR cannot be told.");
    expect(partnerAprReason({ kind: "new" }, "PTN")).toMatch(/^Nobody earns PTN here yet/);
    expect(partnerAprReason({ kind: "ended" }, "PTN")).toBe("The PTN stream has ended.");
    expect(partnerAprReason({ kind: "no-lp-price" }, "PTN")).toMatch(/LP has no USD price/);
    expect(partnerAprReason({ kind: "apr", value: 1 }, "PTN")).toBeUndefined();
  });

  it("adds up only the APRs that are numbers", () => {
    expect(sumPartnerAprs([{ kind: "apr", value: 0.25 }, { kind: "no-price" }, { kind: "apr", value: 0.5 }])).toBe(0.75);
    expect(sumPartnerAprs([])).toBe(0);
  });
});

import type { Address } from "viem";
import { describe, expect, it } from "vitest";

import { fundingPlan, minimumOut } from "../../src/lib/lp-funding";

const WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2" as Address;
const USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48" as Address;
const DAI = "0x6B175474E89094C44Da98b954EedeAC495271d0F" as Address;

describe("fundingPlan", () => {
  it("token/WETH: buys the token with half and adds the other half as ETH, whichever side WETH is", () => {
    expect(fundingPlan({ token0: USDC, token1: WETH }, WETH, 10n)).toEqual({ kind: "token-eth", token: USDC, buyEth: 5n, addEth: 5n });
    expect(fundingPlan({ token0: WETH, token1: DAI }, WETH, 10n)).toEqual({ kind: "token-eth", token: DAI, buyEth: 5n, addEth: 5n });
  });

  it("token/token: buys each side with half, the odd wei on the second", () => {
    expect(fundingPlan({ token0: DAI, token1: USDC }, WETH, 7n)).toEqual({
      kind: "token-token",
      buys: [{ token: DAI, eth: 3n }, { token: USDC, eth: 4n }],
    });
  });

  it("spends exactly the ETH asked, never a wei more", () => {
    const plan = fundingPlan({ token0: USDC, token1: WETH }, WETH, 1_000_000_000_000_000_001n);
    expect(plan.kind === "token-eth" && plan.buyEth + plan.addEth).toBe(1_000_000_000_000_000_001n);
  });

  it("compares addresses in any letter case", () => {
    expect(fundingPlan({ token0: USDC, token1: WETH.toLowerCase() as Address }, WETH, 2n).kind).toBe("token-eth");
  });
});

describe("minimumOut", () => {
  it("accepts 1% less than the quote by default, rounded down", () => {
    expect(minimumOut(10_000n)).toBe(9_900n);
    expect(minimumOut(999n)).toBe(989n);
    expect(minimumOut(1_000n, 50n)).toBe(995n);
    expect(minimumOut(0n)).toBe(0n);
  });
});

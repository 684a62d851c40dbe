import { type Address, getAddress } from "viem";
import { describe, expect, it } from "vitest";

import type { PairMeta } from "../../src/lib/farm-snapshot";
import { pairName } from "../../src/lib/pair-name";
import { pairSides, rewardSide } from "../../src/lib/pair-sides";

const address = (n: number): Address => getAddress(`0x${n.toString(16).padStart(40, "0")}`);
const [USDC, WETH, RWD, DAI, TK1] = [1, 2, 3, 4, 5].map(address) as [Address, Address, Address, Address, Address];
const SYMBOLS = new Map([[USDC, "USDC"], [WETH, "WETH"], [RWD, "RWD"], [DAI, "DAI"], [TK1, "TK1"]]);
const QUOTES = [WETH, USDC];
const pair = (token0: Address, token1: Address): PairMeta => ({
  address: address(99), token0, token1, symbol0: SYMBOLS.get(token0)!, symbol1: SYMBOLS.get(token1)!, decimals0: 18, decimals1: 18,
});

describe("pairSides", () => {
  it("takes the quote token ranked highest, whatever the pair's own order", () => {
    expect(pairSides(pair(USDC, WETH), QUOTES)).toEqual({ base: WETH, quote: USDC, baseSymbol: "WETH", quoteSymbol: "USDC" });
    expect(pairSides(pair(WETH, RWD), QUOTES)).toEqual({ base: RWD, quote: WETH, baseSymbol: "RWD", quoteSymbol: "WETH" });
    expect(pairSides(pair(DAI, USDC), QUOTES).base).toBe(DAI);
    // Neither is a quote token: the pair's order.
    expect(pairSides(pair(TK1, DAI), QUOTES)).toEqual({ base: TK1, quote: DAI, baseSymbol: "TK1", quoteSymbol: "DAI" });
  });

  it("agrees with the pool's name", () => {
    for (const [a, b] of [[USDC, WETH], [WETH, USDC], [RWD, WETH], [WETH, RWD], [DAI, USDC], [TK1, DAI]] as const) {
      const sides = pairSides(pair(a, b), QUOTES);
      expect(`${sides.baseSymbol}/${sides.quoteSymbol}`).toBe(pairName(pair(a, b), QUOTES));
    }
  });
});

describe("rewardSide", () => {
  it("finds the reward token as base, quote or outside the pair", () => {
    expect(rewardSide(pairSides(pair(WETH, RWD), QUOTES), RWD)).toBe("base");
    expect(rewardSide(pairSides(pair(RWD, USDC), [RWD, USDC]), USDC)).toBe("quote");
    expect(rewardSide(pairSides(pair(USDC, WETH), QUOTES), RWD)).toBe("outside");
  });
});

import type { Address } from "viem";
import { describe, expect, it } from "vitest";

import { knownTokens, pairOrder } from "../../src/lib/known-tokens";

const WETH: Address = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
const USDC: Address = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";
const DAI: Address = "0x6B175474E89094C44Da98b954EedeAC495271d0F";
const RWD: Address = "0x00000000000000000000000000000000000000AA";
const pair = (address: string, token0: Address, symbol0: string, decimals0: number, token1: Address, symbol1: string, decimals1: number) =>
  ({ address: address as Address, token0, token1, symbol0, symbol1, decimals0, decimals1 });

describe("knownTokens", () => {
  it("lists each token of the known pairs and the extras once, by symbol", () => {
    const tokens = knownTokens(
      [pair("0x0000000000000000000000000000000000000001", USDC, "USDC", 6, WETH, "WETH", 18), pair("0x0000000000000000000000000000000000000002", DAI, "DAI", 18, WETH, "WETH", 18)],
      [{ address: RWD.toLowerCase() as Address, symbol: "RWD", decimals: 18 }, { address: WETH, symbol: "WETH", decimals: 18 }],
    );
    expect(tokens.map((t) => t.symbol)).toEqual(["DAI", "RWD", "USDC", "WETH"]);
    expect(tokens.find((t) => t.symbol === "RWD")!.address).toBe("0x00000000000000000000000000000000000000AA");
    expect(tokens.find((t) => t.symbol === "USDC")!.decimals).toBe(6);
  });

  it("leaves out tokens that could not be read ('?')", () => {
    const unknown = pair("0x0000000000000000000000000000000000000003", "0x0000000000000000000000000000000000000000", "?", 18, WETH, "WETH", 18);
    expect(knownTokens([unknown]).map((t) => t.symbol)).toEqual(["WETH"]);
  });
});

describe("pairOrder", () => {
  it("puts the lower address first, as a Uniswap V2 pair's token0", () => {
    const usdc = { address: USDC, symbol: "USDC", decimals: 6 };
    const weth = { address: WETH, symbol: "WETH", decimals: 18 };
    expect(pairOrder(weth, usdc)).toEqual([usdc, weth]);
    expect(pairOrder(usdc, weth)).toEqual([usdc, weth]);
  });
});

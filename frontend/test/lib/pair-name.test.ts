import { describe, expect, it } from "vitest";

import { pairName } from "../../src/lib/pair-name";

// Mainnet addresses, checksummed as a deployments file writes them.
const USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";
const WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
const DAI = "0x6B175474E89094C44Da98b954EedeAC495271d0F";
const RWD = "0x00000000000000000000000000000000000000Aa";
const TK1 = "0x00000000000000000000000000000000000000f1";
const QUOTES = [WETH, USDC];

const pair = (token0: string, symbol0: string, token1: string, symbol1: string) => ({ token0, symbol0, token1, symbol1 });

describe("pairName", () => {
  it("quotes in the stablecoin before WETH, whatever the token order", () => {
    expect(pairName(pair(USDC, "USDC", WETH, "WETH"), QUOTES)).toBe("WETH/USDC");
    expect(pairName(pair(WETH, "WETH", USDC, "USDC"), QUOTES)).toBe("WETH/USDC");
  });

  it("quotes in WETH, or the stablecoin, against any other token", () => {
    expect(pairName(pair(DAI, "DAI", WETH, "WETH"), QUOTES)).toBe("DAI/WETH");
    expect(pairName(pair(WETH, "WETH", RWD, "RWD"), QUOTES)).toBe("RWD/WETH");
    expect(pairName(pair(USDC, "USDC", DAI, "DAI"), QUOTES)).toBe("DAI/USDC");
  });

  it("ignores letter case and keeps the pair's order when neither token is a quote", () => {
    expect(pairName(pair(USDC.toLowerCase(), "USDC", `0x${WETH.slice(2).toUpperCase()}`, "WETH"), QUOTES)).toBe("WETH/USDC");
    expect(pairName(pair(RWD, "RWD", TK1, "TK1"), QUOTES)).toBe("RWD/TK1");
  });
});

import { type Address, getAddress } from "viem";
import { describe, expect, it } from "vitest";

import { formatStable, stablecoinSymbol } from "../../src/lib/stablecoin";

const address = (n: number): Address => getAddress(`0x${n.toString(16).padStart(40, "0")}`);
const meta = (token0: Address, symbol0: string, token1: Address, symbol1: string) => ({ address: address(99), token0, token1, symbol0, symbol1, decimals0: 6, decimals1: 18 });

describe("stablecoinSymbol", () => {
  it("takes the symbol from a pair that holds the stablecoin, on either side", () => {
    expect(stablecoinSymbol([meta(address(2), "WETH", address(1), "USDC")], address(1))).toBe("USDC");
    expect(stablecoinSymbol([meta(address(3), "RWD", address(2), "WETH"), meta(address(1), "DAI", address(2), "WETH")], address(1))).toBe("DAI");
  });

  it("says USD when no pair holds it", () => {
    expect(stablecoinSymbol([meta(address(3), "RWD", address(2), "WETH")], address(1))).toBe("USD");
  });
});

describe("formatStable", () => {
  it("sizes like dollars, with the symbol instead of $", () => {
    expect(formatStable(1414.2135, "USDC")).toBe("1,414.21 USDC");
    expect(formatStable(-44.6905, "USDC")).toBe("-44.69 USDC");
    expect(formatStable(0.004, "USDC")).toBe("<0.01 USDC");
    expect(formatStable(3_120_000, "USDC")).toBe("3.12M USDC");
    expect(formatStable(0, "USDC")).toBe("0.00 USDC");
  });

  it("signs gains when asked, and stops at a trillion", () => {
    expect(formatStable(41.0959, "USDC", { signed: true })).toBe("+41.10 USDC");
    expect(formatStable(-3.59, "USDC", { signed: true })).toBe("-3.59 USDC");
    expect(formatStable(0, "USDC", { signed: true })).toBe("0.00 USDC");
    expect(formatStable(1e15, "USDC", { signed: true })).toBe("+over 1,000B USDC");
    expect(formatStable(-1e13, "USDC")).toBe("below -1,000B USDC");
    expect(formatStable(Number.NaN, "USDC")).toBe("—");
  });
});

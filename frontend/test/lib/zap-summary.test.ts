/** The notices' words for a zap's events, as a person reads them. */
import { getAddress, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";

import { summarizeZapEvents, type ZapSummaryContext } from "../../src/lib/zap-summary";

const USER = getAddress("0x00000000000000000000000000000000000000aa");
const OTHER = getAddress("0x00000000000000000000000000000000000000bb");
const DAI = getAddress("0x00000000000000000000000000000000000000d1");
const WETH = getAddress("0x00000000000000000000000000000000000000e1");
const RWD = getAddress("0x00000000000000000000000000000000000000f1");
const E18 = 10n ** 18n;

const context: ZapSummaryContext = {
  user: USER,
  pool: () => ({ name: "DAI/WETH", tokens: [{ address: DAI, symbol: "DAI", decimals: 18, priceUsd: 1 }, { address: WETH, symbol: "WETH", decimals: 18, priceUsd: 3_000 }], lpPriceUsd: 110_000 }),
  reward: { address: RWD, symbol: "RWD", decimals: 18, priceUsd: 1.5 },
  eth: { address: zeroAddress, symbol: "ETH", decimals: 18, priceUsd: 3_000 },
  weth: WETH,
};

describe("summarizeZapEvents", () => {
  it("a zap in from ETH, its WETH leftover back as ETH", () => {
    const args = { user: USER, pid: 1n, tokenIn: zeroAddress, amountIn: E18, liquidity: 27_272_727_272_727_272n, leftover0: 0n, leftover1: 3n };
    expect(summarizeZapEvents([{ eventName: "ZappedIn", args }], context)).toBe(
      "Zapped 1 ETH ($3,000.00) into 0.0272727 DAI/WETH LP ($3,000.00), staked. Left over and sent back to your wallet: 0.000000000000000003 ETH.",
    );
  });

  it("a zap in from a token with nothing left over", () => {
    const args = { user: USER, pid: 1n, tokenIn: DAI, amountIn: 1_500n * E18, liquidity: 13_636_363_636_363_636n, leftover0: 0n, leftover1: 0n };
    expect(summarizeZapEvents([{ eventName: "ZappedIn", args }], context)).toBe("Zapped 1,500 DAI ($1,500.00) into 0.0136363 DAI/WETH LP ($1,500.00), staked.");
  });

  it("zaps out to both tokens, to one, to ETH", () => {
    const lp = 10n ** 16n;
    expect(summarizeZapEvents([{ eventName: "ZappedOut", args: { user: USER, pid: 1n, liquidity: lp, amount0: 550n * E18, amount1: E18 / 5n } }], context)).toBe(
      "Zapped 0.01 DAI/WETH LP ($1,100.00) out into 550 DAI ($550.00) and 0.2 WETH ($600.00).",
    );
    expect(summarizeZapEvents([{ eventName: "ZappedOutTo", args: { user: USER, pid: 1n, liquidity: lp, tokenOut: zeroAddress, amountOut: E18 / 3n } }], context)).toBe(
      "Zapped 0.01 DAI/WETH LP ($1,100.00) out into 0.333333 ETH ($1,000.00).",
    );
  });

  it("a compound", () => {
    const args = { user: USER, pid: 1n, reward: 12n * E18, liquidity: 10n ** 14n, leftover0: 0n, leftover1: 0n };
    expect(summarizeZapEvents([{ eventName: "Compounded", args }], context)).toBe("Compounded 12 RWD ($18.00) into 0.0001 DAI/WETH LP ($11.00), staked.");
  });

  it("another user's events are not told", () => {
    const args = { user: OTHER, pid: 1n, reward: 12n * E18, liquidity: 10n ** 14n, leftover0: 0n, leftover1: 0n };
    expect(summarizeZapEvents([{ eventName: "Compounded", args }], context)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";

import type { Address } from "viem";

import type { PairState } from "../../src/lib/prices";
import {
  lpAmountUsd,
  lpPriceUsd,
  priceOf,
  reserveUsd,
  spotPrice,
  tokenPricesUsd,
} from "../../src/lib/prices";

// Checksummed, as the app's chain boundary hands every address on.
const USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";
const WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
const WBTC = "0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599";
const DAI = "0x6B175474E89094C44Da98b954EedeAC495271d0F";
const RWD = "0x00000000000000000000000000000000000000AA";
const FOO = "0x00000000000000000000000000000000000000F0";
const BAR = "0x00000000000000000000000000000000000000B0";
const lower = (address: Address) => address.toLowerCase() as Address;

const E6 = 10n ** 6n;
const E8 = 10n ** 8n;
const E18 = 10n ** 18n;

let nextPair = 0;
function pair(
  [token0, decimals0, reserve0]: [Address, number, bigint],
  [token1, decimals1, reserve1]: [Address, number, bigint],
  totalSupply = 1_000n * E18,
): PairState {
  nextPair += 1;
  const address: Address = `0x${nextPair.toString(16).padStart(40, "0")}`;
  return { address, token0, token1, decimals0, decimals1, reserve0, reserve1, totalSupply };
}

// 3,000,000 USDC against 1,000 WETH: 1 WETH = 3,000 USDC. 1,000 LP in supply.
const usdcWeth = pair([USDC, 6, 3_000_000n * E6], [WETH, 18, 1_000n * E18]);

describe("spotPrice", () => {
  it("prices one whole token in the other, across decimals", () => {
    expect(spotPrice(usdcWeth, WETH)).toBe(3000);
    expect(spotPrice(usdcWeth, USDC)).toBeCloseTo(1 / 3000, 15);
  });

  it("compares addresses whatever their case", () => {
    expect(spotPrice(usdcWeth, lower(WETH))).toBe(3000);
    expect(spotPrice(usdcWeth, `0x${WETH.slice(2).toUpperCase()}`)).toBe(3000);
  });

  it("gives 0 for an empty pair", () => {
    const empty = pair([USDC, 6, 0n], [WETH, 18, 0n], 0n);
    expect(spotPrice(empty, WETH)).toBe(0);
  });

  it("throws for a token that is not in the pair", () => {
    expect(() => spotPrice(usdcWeth, DAI)).toThrow(/not in pair/);
  });
});

describe("tokenPricesUsd", () => {
  it("prices the stablecoin at 1 and WETH from their pair", () => {
    const prices = tokenPricesUsd([usdcWeth], USDC, WETH);
    expect(prices.get(USDC)).toBe(1);
    expect(prices.get(WETH)).toBe(3000);
    expect(prices.size).toBe(2);
  });

  it("takes WETH from the stablecoin/WETH pair with the most stablecoin", () => {
    // Listed first, token order reversed, and pricing WETH at 2,000: too shallow to count.
    const shallow = pair([WETH, 18, 10n * E18], [USDC, 6, 20_000n * E6]);
    const prices = tokenPricesUsd([shallow, usdcWeth], USDC, WETH);
    expect(prices.get(WETH)).toBe(3000);
  });

  it("routes a token with no stablecoin pair through WETH", () => {
    // 10 WBTC (8 decimals) against 200 WETH: 1 WBTC = 20 WETH = 20 × 3,000 = 60,000 USD.
    const wbtcWeth = pair([WBTC, 8, 10n * E8], [WETH, 18, 200n * E18]);
    const prices = tokenPricesUsd([wbtcWeth, usdcWeth], USDC, WETH);
    expect(prices.get(WBTC)).toBeCloseTo(60_000, 9);
  });

  it("prefers the stablecoin pair over a WETH pair, even a deeper one", () => {
    // DAI/USDC: 1,010,000 DAI for 1,000,000 USDC → 1 DAI = 0.990099... USD.
    const daiUsdc = pair([DAI, 18, 1_010_000n * E18], [USDC, 6, 1_000_000n * E6]);
    // DAI/WETH: 30,000,000 DAI / 10,000 WETH → 1 DAI = 1/3,000 WETH = 1.00 USD; not used.
    const daiWeth = pair([DAI, 18, 30_000_000n * E18], [WETH, 18, 10_000n * E18]);
    const prices = tokenPricesUsd([daiWeth, daiUsdc, usdcWeth], USDC, WETH);
    expect(prices.get(DAI)).toBeCloseTo(1_000_000 / 1_010_000, 12);
  });

  it("picks the pair with the most of the quote token, not of the priced token", () => {
    // 1,000 RWD / 1,500 USDC: 1.5 USD, with 1,500 USDC behind it.
    const deepQuote = pair([RWD, 18, 1_000n * E18], [USDC, 6, 1_500n * E6]);
    // 1,000,000 RWD / 1,000 USDC: more RWD but less USDC, so it loses: 0.001 USD.
    const deepBase = pair([RWD, 18, 1_000_000n * E18], [USDC, 6, 1_000n * E6]);
    const prices = tokenPricesUsd([deepBase, deepQuote, usdcWeth], USDC, WETH);
    expect(prices.get(RWD)).toBe(1.5);
  });

  it("leaves out tokens it cannot price", () => {
    const fooBar = pair([FOO, 18, E18], [BAR, 18, E18]);
    const wbtcWeth = pair([WBTC, 8, 10n * E8], [WETH, 18, 200n * E18]);
    // No stablecoin/WETH pair: WETH, and so WBTC, have no price.
    const prices = tokenPricesUsd([fooBar, wbtcWeth], USDC, WETH);
    expect([...prices.keys()]).toEqual([USDC]);
  });

  it("ignores pairs with an empty reserve", () => {
    const empty = pair([USDC, 6, 0n], [WETH, 18, 5n * E18]);
    const prices = tokenPricesUsd([empty, usdcWeth], USDC, WETH);
    expect(prices.get(WETH)).toBe(3000);
    expect(tokenPricesUsd([empty], USDC, WETH).has(WETH)).toBe(false);
  });

  it("keys prices by checksummed address and looks them up in any case", () => {
    const prices = tokenPricesUsd([usdcWeth], USDC, WETH);
    expect(priceOf(prices, WETH)).toBe(3000);
    expect(priceOf(prices, lower(WETH))).toBe(3000);
    expect(priceOf(prices, DAI)).toBeUndefined();
  });
});

describe("LP value", () => {
  const prices = new Map<Address, number>([
    [USDC, 1],
    [WETH, 3000],
  ]);

  it("values the reserves of a USDC(6)/WETH(18) pair", () => {
    // 3,000,000 USDC × 1 + 1,000 WETH × 3,000 = 6,000,000 USD.
    expect(reserveUsd(usdcWeth, prices)).toBe(6_000_000);
  });

  it("values one LP token as the reserves over the supply", () => {
    // 6,000,000 USD / 1,000 LP = 6,000 USD per LP.
    expect(lpPriceUsd(usdcWeth, prices)).toBe(6000);
    // The supply the pair really mints for these reserves is √(3·10^12 × 10^21) wei
    // = 0.054772255750516611 LP (the 6-decimal side keeps it small), so one LP is worth
    // 6,000,000 / 0.054772255750516611 = 109,544,511.501033... USD.
    const minted = { ...usdcWeth, totalSupply: 54_772_255_750_516_611n };
    expect(lpPriceUsd(minted, prices)).toBeCloseTo(109_544_511.501033, 5);
  });

  it("values an amount of LP", () => {
    // 0.5 LP at 6,000 USD = 3,000 USD.
    expect(lpAmountUsd(500_000_000_000_000_000n, 6000)).toBe(3000);
    expect(lpAmountUsd(0n, 6000)).toBe(0);
  });

  it("gives undefined without both prices and 0 without supply", () => {
    const usdcOnly = new Map<Address, number>([[USDC, 1]]);
    expect(reserveUsd(usdcWeth, usdcOnly)).toBeUndefined();
    expect(lpPriceUsd(usdcWeth, usdcOnly)).toBeUndefined();
    expect(lpPriceUsd({ ...usdcWeth, totalSupply: 0n }, prices)).toBe(0);
  });
});

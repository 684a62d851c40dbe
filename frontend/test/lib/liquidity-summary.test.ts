import { describe, expect, it } from "vitest";

import { approvalTitle, type LiquidityContext, summarizeAdd, summarizeApproval, summarizeRemove, tokenShown } from "../../src/lib/liquidity-summary";

/** DAI/WETH with the WETH side paid in ETH: token0 WETH, token1 DAI, named DAI first. */
const DAI_ETH: LiquidityContext = {
  pool: "DAI/WETH",
  sides: [
    { symbol: "ETH", decimals: 18, priceUsd: 2_500 },
    { symbol: "DAI", decimals: 18, priceUsd: 1 },
  ],
  order: [1, 0],
  lpPriceUsd: 100_000,
};

describe("the liquidity notices", () => {
  it("an add says the amounts the pair received and the LP minted, with USD, in the pool's order", () => {
    // 25 DAI ($25) + 0.01 ETH ($25) → 0.0005 LP at $100,000 a whole LP = $50.
    expect(summarizeAdd([10n ** 16n, 25n * 10n ** 18n], 5n * 10n ** 14n, DAI_ETH)).toBe(
      "Added 25 DAI ($25.00) and 0.01 ETH ($25.00): received 0.0005 DAI/WETH LP ($50.00).",
    );
  });

  it("a removal says the LP burnt and the amounts paid out", () => {
    // 0.000011234567890123 LP ($1.12), paid 0.123456789 ETH and 1,234.5678 DAI (six significant digits, cut).
    expect(summarizeRemove(11_234_567_890_123n, [123_456_789_000_000_000n, 1_234_567_800_000_000_000_000n], DAI_ETH)).toBe(
      "Removed 0.0000112345 DAI/WETH LP ($1.12): received 1,234.56 DAI ($1,234.57) and 0.123456 ETH ($308.64).",
    );
  });

  it("without prices, no USD is made up", () => {
    const unpriced: LiquidityContext = {
      pool: "USDC/TKN",
      sides: [
        { symbol: "USDC", decimals: 6 },
        { symbol: "TKN", decimals: 8 },
      ],
      order: [0, 1],
    };
    expect(summarizeAdd([1_500_000n, 250_000_000n], 10n ** 12n, unpriced)).toBe("Added 1.5 USDC and 2.5 TKN: received 0.000001 USDC/TKN LP.");
    expect(summarizeRemove(10n ** 12n, [1_500_000n, 1n], unpriced)).toBe("Removed 0.000001 USDC/TKN LP: received 1.5 USDC and 0.00000001 TKN.");
  });

  it("an approval says the allowance given and to whom", () => {
    expect(summarizeApproval(12_345_678n, { symbol: "USDC", decimals: 6, priceUsd: 1 })).toBe("Approved the Uniswap router for 12.3456 USDC ($12.35).");
    expect(summarizeApproval(5n * 10n ** 14n, { symbol: "DAI/WETH LP", decimals: 18, priceUsd: 100_000 })).toBe(
      "Approved the Uniswap router for 0.0005 DAI/WETH LP ($50.00).",
    );
  });

  it("an approval's title names the amount with the same digits as its confirmation", () => {
    // 0.000011234567890123 LP: 8 fixed decimals said "0.00001123".
    expect(approvalTitle(11_234_567_890_123n, { symbol: "DAI/WETH LP", decimals: 18 })).toBe("Approve 0.0000112345 DAI/WETH LP for the Uniswap router");
    expect(approvalTitle(29_986_488_000_000_000_000n, { symbol: "DAI", decimals: 18 })).toBe("Approve 29.9864 DAI for the Uniswap router");
  });

  it("an amount shows the dialog's digits and its USD", () => {
    expect(tokenShown(0n, { symbol: "DAI", decimals: 18, priceUsd: 1 })).toBe("0 DAI ($0.00)");
    expect(tokenShown(1n, { symbol: "WBTC", decimals: 8, priceUsd: 60_000 })).toBe("0.00000001 WBTC (<$0.01)");
  });
});

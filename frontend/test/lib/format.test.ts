import { describe, expect, it } from "vitest";

import { formatNumber, formatPercent, formatPrice, formatRate, formatSignificant, formatSignificantNumber, formatTokenAmount, formatUsd, shortHex } from "../../src/lib/format";

describe("formatUsd", () => {
  it("shows zero and dust distinctly", () => {
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(-0)).toBe("$0.00");
    expect(formatUsd(0.004)).toBe("<$0.01");
    expect(formatUsd(0.009999)).toBe("<$0.01");
    expect(formatUsd(0.01)).toBe("$0.01");
  });

  it("groups thousands with two decimals below a million", () => {
    expect(formatUsd(1234.56)).toBe("$1,234.56");
    expect(formatUsd(1234.5)).toBe("$1,234.50");
    expect(formatUsd(999_999.99)).toBe("$999,999.99");
  });

  it("switches to millions and billions, choosing the unit after rounding", () => {
    expect(formatUsd(1_234_567)).toBe("$1.23M");
    // 999,999.996 rounds to a million: "$1.00M", not "$1,000,000.00".
    expect(formatUsd(999_999.996)).toBe("$1.00M");
    expect(formatUsd(4_560_000_000)).toBe("$4.56B");
    // 999.999999M rounds to 1000.00M, which is 1.00B.
    expect(formatUsd(999_999_999)).toBe("$1.00B");
    expect(formatUsd(1.5e12)).toBe("$1,500.00B");
  });

  it("puts a minus before negative values", () => {
    expect(formatUsd(-1234.5)).toBe("-$1,234.50");
    expect(formatUsd(-2_500_000)).toBe("-$2.50M");
    expect(formatUsd(-0.001)).toBe("-<$0.01");
  });

  it("shows a dash for values that are not numbers", () => {
    expect(formatUsd(Number.NaN)).toBe("—");
    expect(formatUsd(Number.POSITIVE_INFINITY)).toBe("—");
    expect(formatUsd(Number.NEGATIVE_INFINITY)).toBe("—");
  });
});

describe("formatTokenAmount", () => {
  it("writes the exact digits, grouped, with trailing zeros trimmed", () => {
    expect(formatTokenAmount(1_234_567_800_000_000_000_000n, 18)).toBe("1,234.5678");
    expect(formatTokenAmount(1_500_000n, 6)).toBe("1.5");
    expect(formatTokenAmount(1_000_000n, 6)).toBe("1");
    expect(formatTokenAmount(100_000n, 6)).toBe("0.1");
    expect(formatTokenAmount(1_234_567n, 0)).toBe("1,234,567");
  });

  it("truncates instead of rounding up", () => {
    // 1.999999999999999999 would round to 2; it must read 1.9999.
    expect(formatTokenAmount(1_999_999_999_999_999_999n, 18)).toBe("1.9999");
    expect(formatTokenAmount(1_234_567_890_000_000_000_000n, 18)).toBe("1,234.5678");
    expect(formatTokenAmount(1_999_999_999_999_999_999n, 18, 2)).toBe("1.99");
  });

  it("keeps every digit of amounts a float cannot hold", () => {
    // 10^30 - 1 wei = 999,999,999,999.999999999999999999
    expect(formatTokenAmount(10n ** 30n - 1n, 18)).toBe("999,999,999,999.9999");
    expect(formatTokenAmount(10n ** 30n - 1n, 18, 18)).toBe(
      "999,999,999,999.999999999999999999",
    );
  });

  it("says 0 for zero and <smallest digit for dust", () => {
    expect(formatTokenAmount(0n, 18)).toBe("0");
    expect(formatTokenAmount(1n, 18)).toBe("<0.0001");
    expect(formatTokenAmount(99_999_999_999_999n, 18)).toBe("<0.0001");
    expect(formatTokenAmount(100_000_000_000_000n, 18)).toBe("0.0001");
    expect(formatTokenAmount(1n, 18, 2)).toBe("<0.01");
    expect(formatTokenAmount(1n, 6, 6)).toBe("0.000001");
    expect(formatTokenAmount(500_000n, 6, 0)).toBe("<1");
  });

  it("puts a minus before negative amounts", () => {
    expect(formatTokenAmount(-1_500_000n, 6)).toBe("-1.5");
  });
});

describe("formatPercent", () => {
  it("shows two decimals below 1,000%", () => {
    expect(formatPercent(0.1234)).toBe("12.34%");
    expect(formatPercent(0)).toBe("0.00%");
    expect(formatPercent(-0.0572)).toBe("-5.72%");
    expect(formatPercent(1.5)).toBe("150.00%");
  });

  it("does not print a negative zero", () => {
    expect(formatPercent(-0.00001)).toBe("0.00%");
  });

  it("drops the decimals from 1,000% up", () => {
    expect(formatPercent(12.34)).toBe("1,234%");
    expect(formatPercent(10)).toBe("1,000%");
    // 999.999% rounds to 1,000.00%, so it is shown as 1,000%.
    expect(formatPercent(9.99999)).toBe("1,000%");
    expect(formatPercent(999_999)).toBe("99,999,900%");
  });

  it("caps at 100,000,000%", () => {
    expect(formatPercent(1e6)).toBe(">100,000,000%");
    expect(formatPercent(5e9)).toBe(">100,000,000%");
  });

  it("shows a dash for values that are not numbers", () => {
    expect(formatPercent(Number.NaN)).toBe("—");
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe("—");
  });
});

describe("formatNumber", () => {
  it("groups and rounds to the given decimals", () => {
    expect(formatNumber(1234.5678)).toBe("1,234.57");
    expect(formatNumber(1234.5678, 0)).toBe("1,235");
    expect(formatNumber(0.5, 4)).toBe("0.5");
    expect(formatNumber(2_628_000)).toBe("2,628,000");
    expect(formatNumber(-1234.5)).toBe("-1,234.5");
  });

  it("does not print a negative zero, nor NaN", () => {
    expect(formatNumber(-0.001)).toBe("0");
    expect(formatNumber(Number.NaN)).toBe("—");
  });
});

describe("formatSignificant", () => {
  const E18 = 10n ** 18n;

  it("shows the integer part whole, then decimals up to 6 significant digits, cut", () => {
    expect(formatSignificant(123_456_789n * 10n ** 13n, 18)).toBe("1,234.56");
    expect(formatSignificant(1_234_567_890n * E18, 18)).toBe("1,234,567,890");
    expect(formatSignificant(1_999_999_9n * 10n ** 11n, 18)).toBe("1.99999");
  });

  it("keeps the digits of a tiny amount instead of hiding it behind '<'", () => {
    // 0.0000112345678 LP: the "0.000011 LP" that stood for about $30,000.
    expect(formatSignificant(11_234_567_800_000n, 18)).toBe("0.0000112345");
    expect(formatSignificant(1n, 18)).toBe("0.000000000000000001");
  });

  it("never shows more decimals than the token has", () => {
    expect(formatSignificant(1n, 6)).toBe("0.000001");
    expect(formatSignificant(5n, 0)).toBe("5");
    expect(formatSignificant(3_000_123_456n, 6)).toBe("3,000.12");
    expect(formatSignificant(999_999_999_999_999_999n, 18)).toBe("0.999999");
  });

  it("drops trailing zeros, says 0 for zero, keeps the sign, takes other digit counts", () => {
    expect(formatSignificant(15n * 10n ** 17n, 18)).toBe("1.5");
    expect(formatSignificant(0n, 18)).toBe("0");
    expect(formatSignificant(-25n * 10n ** 5n, 6)).toBe("-2.5");
    expect(formatSignificant(123_456n, 6, 2)).toBe("0.12");
  });
});

describe("shortHex", () => {
  it("keeps the first 4 and last 4 hex digits of an address or hash", () => {
    expect(shortHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")).toBe("0x7099…79C8");
    expect(shortHex("0x1234")).toBe("0x1234");
  });
});

describe("formatSignificantNumber", () => {
  it("six significant digits, grouped, trailing zeros dropped", () => {
    expect(formatSignificantNumber(3000)).toBe("3,000");
    expect(formatSignificantNumber(1 / 3000)).toBe("0.000333333");
    expect(formatSignificantNumber(0.0099965012)).toBe("0.0099965");
    expect(formatSignificantNumber(1234567.89)).toBe("1,234,570");
    expect(formatSignificantNumber(NaN)).toBe("—");
  });
});

describe("formatPrice", () => {
  it("keeps five significant digits below $1,000, so amount × price matches the USD beside it", () => {
    expect(formatPrice(1.497123)).toBe("$1.4971");
    expect(formatPrice(0.0012345678)).toBe("$0.0012346");
    expect(formatPrice(2998.48)).toBe("$2,998.48");
    expect(formatPrice(0)).toBe("$0.00");
    expect(formatPrice(Number.NaN)).toBe("—");
  });
});

describe("formatRate", () => {
  it("names a fixed rate without trailing zeros, whatever the float behind it", () => {
    // 0.003 × 100 is 0.30000000000000004 in floating point.
    expect(formatRate(0.003)).toBe("0.3%");
    expect(formatRate(0.0005)).toBe("0.05%");
    expect(formatRate(0.01)).toBe("1%");
  });
});

import { describe, expect, it } from "vitest";

import { formatSignificant, formatSignificantNumber } from "../../src/lib/significant";

describe("formatSignificant", () => {
  it("keeps six significant digits of a small amount, cut", () => {
    expect(formatSignificant(54_772_255_750_516n, 18)).toBe("0.0000547722");
    expect(formatSignificant(999_999_999_999_999_999n, 18)).toBe("0.999999");
    expect(formatSignificant(1n, 18)).toBe("0.000000000000000001");
    expect(formatSignificant(123_456_789n, 8)).toBe("1.23456");
  });

  it("shows whole amounts with their cents-like tail, trailing zeros dropped", () => {
    expect(formatSignificant(3_000_123_456n, 6)).toBe("3,000.12");
    expect(formatSignificant(1_234_567_890_000_000_000_000n, 18)).toBe("1,234.56");
    expect(formatSignificant(3_000n * 10n ** 6n, 6)).toBe("3,000");
    expect(formatSignificant(0n, 18)).toBe("0");
  });

  it("never shows more decimals than the token has", () => {
    expect(formatSignificant(1n, 6)).toBe("0.000001");
    expect(formatSignificant(5n, 0)).toBe("5");
  });

  it("keeps the sign", () => {
    expect(formatSignificant(-54_772_255_750_516n, 18)).toBe("-0.0000547722");
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

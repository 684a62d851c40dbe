import { describe, expect, it } from "vitest";

import { checkAmount, maxAmountInput } from "../../src/lib/amount";

const ONE = 10n ** 18n;
const BALANCE = 3n * ONE;

function reasonFor(input: string, decimals = 18, balance = BALANCE, what?: string): string {
  const check = checkAmount(input, decimals, balance, what);
  if (check.ok) throw new Error(`expected "${input}" to be refused, got ${check.wei} wei`);
  return check.reason;
}

function weiFor(input: string, decimals = 18, balance = BALANCE): bigint {
  const check = checkAmount(input, decimals, balance);
  if (!check.ok) throw new Error(`expected "${input}" to be accepted: ${check.reason}`);
  return check.wei;
}

describe("checkAmount", () => {
  it("accepts plain decimals, spaces around them ignored", () => {
    expect(weiFor("1")).toBe(ONE);
    expect(weiFor("1.5")).toBe(1_500_000_000_000_000_000n);
    expect(weiFor(".5")).toBe(500_000_000_000_000_000n);
    expect(weiFor("1.")).toBe(ONE);
    expect(weiFor("  2.25 ")).toBe(2_250_000_000_000_000_000n);
    expect(weiFor("002")).toBe(2n * ONE);
    // Pasted from a web page or a spreadsheet: a no-break space, a tab, a line end.
    expect(weiFor("\u00a01.5\t\n")).toBe(1_500_000_000_000_000_000n);
  });

  it("reads the last allowed digit exactly", () => {
    expect(weiFor("0.000000000000000001")).toBe(1n);
    expect(weiFor("0.000001", 6, 10n ** 6n)).toBe(1n);
    expect(weiFor("3", 0, 5n)).toBe(3n);
    expect(weiFor("3.", 0, 5n)).toBe(3n);
  });

  it("accepts exactly the balance", () => {
    expect(weiFor("3")).toBe(BALANCE);
  });

  it("asks for an amount when there is none", () => {
    expect(reasonFor("")).toBe("Enter an amount.");
    expect(reasonFor("   ")).toBe("Enter an amount.");
  });

  it("refuses anything but a plain non-negative decimal", () => {
    const pasted = ["1,5", "1\u00a0000", "1_000", "１", "Infinity", "NaN", "1e-18", "-0"];
    for (const input of ["1e3", "-1", "abc", "1.2.3", "0x10", ",", "1,000", ".", "+1", "1 000", ...pasted]) {
      expect(reasonFor(input), input).toBe("Enter a number, like 1.5.");
    }
  });

  it("refuses more fraction digits than the token has", () => {
    expect(reasonFor("1.1234567", 6, 10n ** 9n)).toBe(
      "This token has 6 decimals: use at most 6 digits after the point.",
    );
    expect(reasonFor("0.0000000000000000001")).toBe(
      "This token has 18 decimals: use at most 18 digits after the point.",
    );
    expect(reasonFor("3.0", 0, 5n)).toBe(
      "This token has 0 decimals: use at most 0 digits after the point.",
    );
  });

  it("refuses zero", () => {
    expect(reasonFor("0")).toBe("Enter an amount above zero.");
    expect(reasonFor("0.000")).toBe("Enter an amount above zero.");
    expect(reasonFor(".0")).toBe("Enter an amount above zero.");
  });

  it("refuses more than the balance, quoting it with at most 6 decimals", () => {
    expect(reasonFor("3.000000000000000001")).toBe("That is more than your balance (3).");
    expect(reasonFor("2", 18, 1_500_000_000_000_000_000n)).toBe(
      "That is more than your balance (1.5).",
    );
    // 1,234.123456789 truncated to 6 decimals.
    expect(reasonFor("5000", 18, 1_234_123_456_789_000_000_000n, "your stake")).toBe(
      "That is more than your stake (1,234.123456).",
    );
    // A 2-decimal token is quoted with its 2 decimals.
    expect(reasonFor("200", 2, 12_345n)).toBe("That is more than your balance (123.45).");
    // A balance below the sixth decimal still says it is not empty.
    expect(reasonFor("1", 18, 1n)).toBe("That is more than your balance (<0.000001).");
  });
});

describe("maxAmountInput", () => {
  const cases: [string, bigint, number, string][] = [
    ["1 wei", 1n, 18, "0.000000000000000001"],
    ["10^30 - 1 wei", 10n ** 30n - 1n, 18, "999999999999.999999999999999999"],
    ["a 6-decimal balance", 123_456_789n, 6, "123.456789"],
    ["a whole number", 5n * 10n ** 18n, 18, "5"],
    ["a 0-decimal balance", 42n, 0, "42"],
  ];

  for (const [name, balance, decimals, text] of cases) {
    it(`writes ${name} in full and reads it back as exactly the balance`, () => {
      expect(maxAmountInput(balance, decimals)).toBe(text);
      expect(checkAmount(maxAmountInput(balance, decimals), decimals, balance)).toEqual({
        ok: true,
        wei: balance,
      });
    });
  }

  it("gives 0 for an empty balance, which the check refuses", () => {
    expect(maxAmountInput(0n, 18)).toBe("0");
    expect(reasonFor(maxAmountInput(0n, 18), 18, 0n)).toBe("Enter an amount above zero.");
  });
});

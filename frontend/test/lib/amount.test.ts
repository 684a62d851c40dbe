import { describe, expect, it } from "vitest";

import { checkAmount, checkLpAmount, maxAmountInput, withDecimalPoint } from "../../src/lib/amount";

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
    const pasted = ["1\u00a0000", "1_000", "１", "Infinity", "NaN", "1e-18", "-0"];
    for (const input of ["1e3", "-1", "abc", "1.2.3", "0x10", ",", ".", "+1", "1 000", ...pasted]) {
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

describe("checkLpAmount", () => {
  it("quotes the LP balance with significant digits, as the pool card does", () => {
    // 0.000011234567890123 LP: six fixed decimals said "0.000011"; the card says 0.0000112345.
    expect(checkLpAmount("1", 11_234_567_890_123n)).toEqual({ ok: false, reason: "That is more than your balance (0.0000112345)." });
    expect(checkLpAmount("2000", 1_234_567_891_000_000_000_000n, "your LP balance")).toEqual({
      ok: false,
      reason: "That is more than your LP balance (1,234.56).",
    });
    // One wei still shows as a figure, not "<0.000001".
    expect(checkLpAmount("1", 1n, "the LP in your wallet")).toEqual({ ok: false, reason: "That is more than the LP in your wallet (0.000000000000000001)." });
  });

  it("accepts what it holds, exactly, as checkAmount does", () => {
    expect(checkLpAmount("0.0000112345", 11_234_567_890_123n)).toEqual({ ok: true, wei: 11_234_500_000_000n });
    expect(checkLpAmount("0,5", 10n ** 18n)).toEqual({ ok: true, wei: 5n * 10n ** 17n, readAs: "0.5" });
  });
});

describe("a decimal comma", () => {
  const ONE_AND_A_HALF = 1_500_000_000_000_000_000n;

  it("is read as a point where no one could mean a thousands separator, and says so", () => {
    expect(checkAmount("1,5", 18, BALANCE)).toEqual({ ok: true, wei: ONE_AND_A_HALF, readAs: "1.5" });
    expect(checkAmount(" 0,25 ", 18, BALANCE)).toEqual({ ok: true, wei: 250_000_000_000_000_000n, readAs: "0.25" });
    expect(checkAmount(",5", 18, BALANCE)).toEqual({ ok: true, wei: 500_000_000_000_000_000n, readAs: "0.5" });
    expect(checkAmount("2,", 18, BALANCE)).toEqual({ ok: true, wei: 2n * ONE, readAs: "2" });
    // Two or four digits after the comma, or a first group starting with 0: not a thousands group.
    expect(checkAmount("1,50", 18, BALANCE)).toEqual({ ok: true, wei: ONE_AND_A_HALF, readAs: "1.50" });
    expect(checkAmount("1,5000", 18, BALANCE)).toEqual({ ok: true, wei: ONE_AND_A_HALF, readAs: "1.5000" });
    expect(checkAmount("0,500", 18, BALANCE)).toEqual({ ok: true, wei: 500_000_000_000_000_000n, readAs: "0.500" });
    // A first group of four digits cannot be followed by a thousands separator.
    expect(checkAmount("2500,125", 6, 10n ** 12n)).toEqual({ ok: true, wei: 2_500_125_000n, readAs: "2500.125" });
  });

  it("leaves a typed point alone: no note to show", () => {
    expect(checkAmount("1.5", 18, BALANCE)).toEqual({ ok: true, wei: ONE_AND_A_HALF });
  });

  it("goes through every other check as if typed with a point", () => {
    expect(reasonFor("1,1234567", 6, 10n ** 9n)).toBe("This token has 6 decimals: use at most 6 digits after the point.");
    expect(reasonFor("0,0")).toBe("Enter an amount above zero.");
    expect(reasonFor("3,5")).toBe("That is more than your balance (3).");
  });

  it("refuses a comma that could be a thousands separator, with both readings", () => {
    // "1,500" never silently becomes 1.5 (or 1500).
    expect(reasonFor("1,500", 18, 10_000n * ONE)).toBe('"1,500" could mean 1.500 or 1500: type it with a dot for decimals and no thousands separator.');
    expect(reasonFor("12,000")).toBe('"12,000" could mean 12.000 or 12000: type it with a dot for decimals and no thousands separator.');
    expect(reasonFor("999,999")).toBe('"999,999" could mean 999.999 or 999999: type it with a dot for decimals and no thousands separator.');
  });

  it("refuses commas beside a point, or several commas, saying to use a dot", () => {
    for (const input of ["1,000.5", "1.000,5", "1,000,000", "1,5,", ",,5", "1.5,"]) {
      expect(reasonFor(input), input).toBe("Use a dot for decimals and no thousands separators, like 1500.25.");
    }
  });

  it("is no number when there is no digit or something else is there", () => {
    for (const input of [",", "-1,5", "1,5e3", "a,5", "1 ,5"]) {
      expect(reasonFor(input), input).toBe("Enter a number, like 1.5.");
    }
  });

  it("leaves text without a comma as typed", () => {
    expect(withDecimalPoint("1.5")).toEqual({ text: "1.5" });
    expect(withDecimalPoint("abc")).toEqual({ text: "abc" });
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

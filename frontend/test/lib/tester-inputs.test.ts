import { describe, expect, it } from "vitest";

import { checkBlockCount, checkFundEth, checkSkip, describeSkip, MAX_BLOCKS } from "../../src/lib/tester-inputs";

const value = <T>(check: { ok: true; value: T } | { ok: false; reason: string }): T => {
  if (!check.ok) throw new Error(`refused: ${check.reason}`);
  return check.value;
};
const reason = (check: { ok: boolean; reason?: string }): string => {
  if (check.ok) throw new Error("accepted");
  return check.reason!;
};

describe("checkBlockCount", () => {
  it("takes a whole number of blocks, spaces around it ignored", () => {
    expect(value(checkBlockCount("100"))).toBe(100);
    expect(value(checkBlockCount(" 1 "))).toBe(1);
    expect(value(checkBlockCount("1000000"))).toBe(1_000_000);
    expect(MAX_BLOCKS).toBe(1_000_000);
  });

  it("refuses anything else with a sentence saying what to type", () => {
    expect(reason(checkBlockCount(""))).toBe("Enter a number of blocks.");
    expect(reason(checkBlockCount("0"))).toBe("Enter at least 1 block.");
    for (const input of ["-5", "1.5", "1,000", "1e3", "0x10", "ten"]) {
      expect(reason(checkBlockCount(input)), input).toBe("Enter a whole number of blocks, like 100 (digits only).");
    }
    expect(reason(checkBlockCount("1000001"))).toBe("Mine at most 1,000,000 blocks at a time.");
  });
});

describe("checkSkip", () => {
  it("turns an amount of minutes, hours or days into whole seconds", () => {
    expect(value(checkSkip("1", "days"))).toBe(86_400);
    expect(value(checkSkip("1.5", "hours"))).toBe(5_400);
    expect(value(checkSkip("90", "minutes"))).toBe(5_400);
    expect(value(checkSkip(".5", "days"))).toBe(43_200);
    expect(value(checkSkip("365", "days"))).toBe(31_536_000);
  });

  it("refuses an empty, negative, zero, too small or too large skip", () => {
    expect(reason(checkSkip("", "days"))).toBe("Enter how much time to skip.");
    expect(reason(checkSkip("-1", "hours"))).toBe("Enter a number of hours, like 1.5 (digits and a dot only).");
    expect(reason(checkSkip("1,5", "hours"))).toBe("Enter a number of hours, like 1.5 (digits and a dot only).");
    expect(reason(checkSkip("0", "days"))).toBe("Skip at least 1 second.");
    expect(reason(checkSkip("0.001", "minutes"))).toBe("Skip at least 1 second.");
    expect(reason(checkSkip("366", "days"))).toBe("Skip at most 365 days at a time.");
  });
});

describe("checkFundEth", () => {
  it("takes ETH as exact wei", () => {
    expect(value(checkFundEth("1"))).toBe(10n ** 18n);
    expect(value(checkFundEth("0.000000000000000001"))).toBe(1n);
    expect(value(checkFundEth("1000"))).toBe(1000n * 10n ** 18n);
  });

  it("refuses nothing, zero, an ambiguous comma, too many decimals and more than 1,000 ETH", () => {
    expect(reason(checkFundEth(""))).toBe("Enter an amount.");
    expect(reason(checkFundEth("0"))).toBe("Enter an amount above zero.");
    // "1,5" is 1.5 (lib/amount.ts); "1,500" could be either, so it is refused.
    expect(value(checkFundEth("1,5"))).toBe(15n * 10n ** 17n);
    expect(reason(checkFundEth("1,500"))).toMatch(/could mean 1.500 or 1500/);
    expect(reason(checkFundEth("0.0000000000000000001"))).toMatch(/at most 18 digits after the point/);
    expect(reason(checkFundEth("1000.1"))).toBe("That is more than the toolbar spends at once (1,000).");
  });
});

describe("describeSkip", () => {
  it("says a skip in the largest unit that divides it", () => {
    expect(describeSkip(86_400)).toBe("1 day");
    expect(describeSkip(7 * 86_400)).toBe("7 days");
    expect(describeSkip(129_600)).toBe("36 hours");
    expect(describeSkip(5_400)).toBe("90 minutes");
    expect(describeSkip(61)).toBe("61 seconds");
    expect(describeSkip(1)).toBe("1 second");
  });
});

import { describe, expect, it } from "vitest";

import { checkNumber, type NumberRule } from "../../src/lib/number-input";

const horizon: NumberRule = { what: "a horizon in days", name: "The horizon", zero: true, max: { value: 36_500, said: "36,500 days (100 years)" }, example: "30" };
const amount: NumberRule = { what: "an amount", name: "The amount", zero: false, example: "1000" };

describe("checkNumber", () => {
  it("reads plain decimals", () => {
    expect(checkNumber("30", horizon)).toEqual({ ok: true, value: 30 });
    expect(checkNumber(" 1.5 ", amount)).toEqual({ ok: true, value: 1.5 });
    expect(checkNumber(".5", amount)).toEqual({ ok: true, value: 0.5 });
    expect(checkNumber("0", horizon)).toEqual({ ok: true, value: 0 });
  });

  it("says what to type for an empty, negative or zero field", () => {
    expect(checkNumber("", horizon)).toEqual({ ok: false, reason: "Enter a horizon in days." });
    expect(checkNumber("  ", amount)).toEqual({ ok: false, reason: "Enter an amount." });
    expect(checkNumber("-5", horizon)).toEqual({ ok: false, reason: "The horizon cannot be negative: enter 0 or more, like 30." });
    expect(checkNumber("-1000", amount)).toEqual({ ok: false, reason: "The amount cannot be negative: enter a number above 0, like 1000." });
    expect(checkNumber("0", amount)).toEqual({ ok: false, reason: "Enter an amount above 0." });
  });

  it("refuses commas, words, exponents and numbers past the limit, each with a sentence", () => {
    // Decimal commas read as in every amount field: "1,5" is 1.5, "1,500" could be either.
    expect(checkNumber("1,5", amount)).toEqual({ ok: true, value: 1.5 });
    expect(checkNumber("1,500", amount)).toEqual({ ok: false, reason: '"1,500" could mean 1.500 or 1500: type it with a dot for decimals and no thousands separator.' });
    expect(checkNumber("1,000", amount).ok).toBe(false);
    expect(checkNumber("abc", horizon)).toEqual({ ok: false, reason: "Enter a number, like 30." });
    expect(checkNumber("1e3", amount)).toEqual({ ok: false, reason: "Enter a number, like 1000." });
    expect(checkNumber("1.2.3", amount).ok).toBe(false);
    expect(checkNumber("36501", horizon)).toEqual({ ok: false, reason: "The horizon can be at most 36,500 days (100 years)." });
  });
});

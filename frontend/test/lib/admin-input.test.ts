import { describe, expect, it } from "vitest";

import { checkAllocPoints, checkRewardPerBlock } from "../../src/lib/admin-input";

const E18 = 10n ** 18n;

describe("checkRewardPerBlock", () => {
  it("accepts 0, written any plain way: it stops emission, which the farm allows", () => {
    for (const zero of ["0", " 0 ", "0.0", ".0", "000", "0."]) expect(checkRewardPerBlock(zero, 18, "RWD", 2n * E18), zero).toEqual({ ok: true, value: 0n });
  });

  it("reads a rate exactly, up to the token's decimals", () => {
    expect(checkRewardPerBlock("2.5", 18, "RWD", 2n * E18)).toEqual({ ok: true, value: 25n * 10n ** 17n });
    expect(checkRewardPerBlock("100000", 18, "RWD", 2n * E18)).toEqual({ ok: true, value: 100_000n * E18 });
    expect(checkRewardPerBlock("0.000001", 6, "USDR")).toEqual({ ok: true, value: 1n });
  });

  it("refuses what is not a rate, with a sentence", () => {
    expect(checkRewardPerBlock("", 18, "RWD")).toEqual({ ok: false, reason: "Enter an amount." });
    expect(checkRewardPerBlock("-1", 18, "RWD")).toEqual({ ok: false, reason: "Enter a number, like 1.5." });
    // A decimal comma nobody could read as a thousands separator is a decimal (lib/amount.ts); "1,500" is not.
    expect(checkRewardPerBlock("1,5", 18, "RWD")).toEqual({ ok: true, value: 15n * 10n ** 17n });
    expect(checkRewardPerBlock("1,500", 18, "RWD").ok).toBe(false);
    expect(checkRewardPerBlock("0.0000001", 6, "USDR")).toEqual({ ok: false, reason: "This token has 6 decimals: use at most 6 digits after the point." });
    const tooMuch = checkRewardPerBlock("80000000000", 18, "RWD"); // 8e28 wei > 2^96 - 1 ≈ 7.9e28
    expect(tooMuch.ok).toBe(false);
    expect(!tooMuch.ok && tooMuch.reason).toMatch(/^That is more than the farm's largest rate \(79,228,162,514\.264337/);
  });

  it("refuses the current rate: sending it would change nothing", () => {
    expect(checkRewardPerBlock("2", 18, "RWD", 2n * E18)).toEqual({ ok: false, reason: "The emission is already 2 RWD per block." });
    expect(checkRewardPerBlock("0", 18, "RWD", 0n)).toEqual({ ok: false, reason: "The emission is already 0 RWD per block." });
  });
});

describe("checkAllocPoints", () => {
  it("accepts whole numbers from 0 to the farm's 65,535", () => {
    expect(checkAllocPoints(" 200 ", 40n)).toEqual({ ok: true, value: 200n });
    expect(checkAllocPoints("0", 40n)).toEqual({ ok: true, value: 0n });
    expect(checkAllocPoints("65535")).toEqual({ ok: true, value: 65_535n });
  });

  it("refuses anything else with a sentence", () => {
    expect(checkAllocPoints("")).toEqual({ ok: false, reason: "Enter a number of points, like 20." });
    expect(checkAllocPoints("2.5").ok).toBe(false);
    expect(checkAllocPoints("-3").ok).toBe(false);
    expect(checkAllocPoints("65536")).toEqual({ ok: false, reason: "At most 65,535 points per pool: the farm's limit." });
    expect(checkAllocPoints("40", 40n)).toEqual({ ok: false, reason: "The pool has 40 points already." });
  });
});

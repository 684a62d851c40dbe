import { describe, expect, it } from "vitest";

import {
  checkDeadline,
  checkSlippage,
  deadlineAfter,
  formatSlippage,
  minimumAfterSlippage,
  slippageWarning,
} from "../../src/lib/liquidity-settings";

function bpsFor(input: string): number {
  const check = checkSlippage(input);
  if (!check.ok) throw new Error(`expected "${input}" to be accepted: ${check.reason}`);
  return check.value;
}

function refusal(check: ReturnType<typeof checkSlippage>): string {
  if (check.ok) throw new Error(`expected a refusal, got ${check.value}`);
  return check.reason;
}

describe("checkSlippage", () => {
  it("reads percent, with or without the sign, to the basis point", () => {
    expect(bpsFor("0.5")).toBe(50);
    expect(bpsFor(" 1 % ")).toBe(100);
    expect(bpsFor(".1")).toBe(10);
    expect(bpsFor("0.01")).toBe(1);
    expect(bpsFor("2.35")).toBe(235);
    expect(bpsFor("50")).toBe(5_000);
  });

  it("refuses what is not a percentage with a sentence", () => {
    expect(refusal(checkSlippage(""))).toMatch(/Enter a slippage tolerance/);
    expect(refusal(checkSlippage("abc"))).toMatch(/number of percent/);
    expect(refusal(checkSlippage("-1"))).toMatch(/number of percent/);
    expect(refusal(checkSlippage("1,5"))).toMatch(/number of percent/);
    expect(refusal(checkSlippage("0.005"))).toMatch(/two digits after the point/);
  });

  it("refuses 0% and more than 50%", () => {
    expect(refusal(checkSlippage("0"))).toMatch(/above 0%/);
    expect(refusal(checkSlippage("50.01"))).toMatch(/at most 50%/);
    expect(refusal(checkSlippage("100"))).toMatch(/at most 50%/);
  });

  it("warns below 0.05% and above 5%, not between", () => {
    expect(checkSlippage("0.04")).toMatchObject({ ok: true, warning: expect.stringMatching(/likely fail/) });
    expect(slippageWarning(5)).toBeUndefined();
    expect(slippageWarning(500)).toBeUndefined();
    expect(checkSlippage("5.01")).toMatchObject({ ok: true, warning: expect.stringMatching(/High slippage/) });
  });
});

describe("checkDeadline", () => {
  it("takes whole minutes from 1 to 4,320", () => {
    expect(checkDeadline("20")).toEqual({ ok: true, value: 20 });
    expect(checkDeadline(" 1 ")).toEqual({ ok: true, value: 1 });
    expect(checkDeadline("4320")).toEqual({ ok: true, value: 4_320 });
  });

  it("refuses the rest with a sentence", () => {
    expect(checkDeadline("0")).toMatchObject({ ok: false, reason: expect.stringMatching(/at least 1 minute/) });
    expect(checkDeadline("4321")).toMatchObject({ ok: false, reason: expect.stringMatching(/at most 4320 minutes/) });
    for (const bad of ["", "1.5", "-3", "ten"]) expect(checkDeadline(bad)).toMatchObject({ ok: false, reason: expect.stringMatching(/whole minutes/) });
  });
});

describe("what the settings do to a transaction", () => {
  it("minimums are the amount less the slippage, rounded down", () => {
    expect(minimumAfterSlippage(99_950_012n, 50)).toBe(99_450_261n); // 99,450,261.94
    expect(minimumAfterSlippage(100n * 10n ** 18n, 50)).toBe(99_500_000_000_000_000_000n);
    expect(minimumAfterSlippage(1_000n, 10)).toBe(999n);
    expect(minimumAfterSlippage(9n, 10)).toBe(8n); // 8.991
  });

  it("the deadline is minutes after the latest block's time", () => {
    expect(deadlineAfter(1_700_000_000n, 20)).toBe(1_700_001_200n);
  });

  it("shows basis points as percent", () => {
    expect([1, 10, 50, 100, 235].map(formatSlippage)).toEqual(["0.01%", "0.1%", "0.5%", "1%", "2.35%"]);
  });
});

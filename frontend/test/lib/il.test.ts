import { describe, expect, it } from "vitest";

import { formatPercent } from "../../src/lib/format";
import { ilCurve, impermanentLoss } from "../../src/lib/il";

describe("impermanentLoss", () => {
  it("matches values worked out by hand", () => {
    // r = 1.25: 2 × 1.1180339887 / 2.25 − 1 = 2.2360679775 / 2.25 − 1 = −0.0061920100
    expect(impermanentLoss(1.25)).toBeCloseTo(-0.00619201, 8);
    // r = 2: 2 × 1.4142135624 / 3 − 1 = 0.9428090416 − 1 = −0.0571909584
    expect(impermanentLoss(2)).toBeCloseTo(-0.0571909584, 10);
    // r = 5: 2 × 2.2360679775 / 6 − 1 = 0.7453559925 − 1 = −0.2546440075
    expect(impermanentLoss(5)).toBeCloseTo(-0.2546440075, 10);
  });

  it("reads as the percentages everyone quotes", () => {
    expect(formatPercent(impermanentLoss(1.25))).toBe("-0.62%");
    expect(formatPercent(impermanentLoss(2))).toBe("-5.72%");
    expect(formatPercent(impermanentLoss(5))).toBe("-25.46%");
  });

  it("is zero without a price move and the same for a fall as for the inverse rise", () => {
    expect(impermanentLoss(1)).toBe(0);
    // Halving is doubling seen from the other token.
    expect(impermanentLoss(0.5)).toBeCloseTo(impermanentLoss(2), 15);
    expect(impermanentLoss(0.2)).toBeCloseTo(impermanentLoss(5), 15);
  });

  it("refuses a ratio that is not positive", () => {
    expect(() => impermanentLoss(0)).toThrow(RangeError);
    expect(() => impermanentLoss(-2)).toThrow(RangeError);
    expect(() => impermanentLoss(Number.NaN)).toThrow(RangeError);
  });
});

describe("ilCurve", () => {
  it("spans 0.1× to 10× in 121 log-spaced points, with 1× exactly in the middle", () => {
    const curve = ilCurve();
    expect(curve).toHaveLength(121);
    expect(curve[0]).toEqual({ ratio: 0.1, il: impermanentLoss(0.1) });
    expect(curve[120]!.ratio).toBe(10);
    expect(curve[60]).toEqual({ ratio: 1, il: 0 });
    // Log spacing: 60 steps per decade, so point 30 is 10^-0.5 and each step is × 10^(1/60).
    expect(curve[30]!.ratio).toBeCloseTo(0.316227766, 9);
    expect(curve[91]!.ratio / curve[90]!.ratio).toBeCloseTo(10 ** (1 / 60), 12);
    expect(curve.every((point) => point.il <= 0)).toBe(true);
  });

  it("adds ratio 1 when the grid misses it", () => {
    // From 0.5 to 10 in 10 points, 1 would be point 2.08: it is added, keeping the order.
    const ratios = ilCurve(0.5, 10, 10).map((point) => point.ratio);
    expect(ratios).toHaveLength(11);
    expect(ratios[0]).toBe(0.5);
    expect(ratios[3]).toBe(1);
    expect(ratios[10]).toBe(10);
    expect([...ratios].sort((a, b) => a - b)).toEqual(ratios);
  });

  it("leaves ratio 1 out when it is outside the range", () => {
    const ratios = ilCurve(2, 10, 5).map((point) => point.ratio);
    expect(ratios).toHaveLength(5);
    expect(ratios[0]).toBe(2);
    expect(ratios[4]).toBe(10);
  });

  it("refuses a range or a count it cannot draw", () => {
    expect(() => ilCurve(0, 10)).toThrow(RangeError);
    expect(() => ilCurve(10, 1)).toThrow(RangeError);
    expect(() => ilCurve(0.1, 10, 1)).toThrow(RangeError);
  });
});

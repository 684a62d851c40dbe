import { describe, expect, it } from "vitest";

import { followingRange, linePath, linearScale, logScale, niceTicks } from "../../src/lib/chart";

describe("linearScale", () => {
  it("maps the domain onto the range proportionally", () => {
    const scale = linearScale([0, 10], [0, 100]);
    expect(scale(0)).toBe(0);
    expect(scale(2.5)).toBe(25);
    expect(scale(10)).toBe(100);
    expect(scale(12)).toBe(120);
  });

  it("follows an inverted range, as SVG y axes need", () => {
    const y = linearScale([-0.5, 0], [200, 0]);
    expect(y(0)).toBe(0);
    expect(y(-0.5)).toBe(200);
    expect(y(-0.125)).toBe(50);
  });

  it("maps a zero-width domain to the middle of the range", () => {
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
  });
});

describe("logScale", () => {
  it("gives equal ratios equal distances", () => {
    const x = logScale([0.1, 10], [0, 600]);
    expect(x(0.1)).toBeCloseTo(0, 10);
    expect(x(1)).toBeCloseTo(300, 10);
    expect(x(10)).toBeCloseTo(600, 10);
    // 2× is log10(2) = 0.30103 of a decade right of 1: 300 + 300 × 0.30103 = 390.309.
    expect(x(2)).toBeCloseTo(390.309, 3);
    expect(x(0.5)).toBeCloseTo(209.691, 3);
  });

  it("refuses a domain that is not positive", () => {
    expect(() => logScale([0, 10], [0, 1])).toThrow(RangeError);
    expect(() => logScale([-1, 10], [0, 1])).toThrow(RangeError);
  });
});

describe("linePath", () => {
  it("writes M then L commands with two-decimal coordinates", () => {
    const points = [
      { x: 0, y: 10 },
      { x: 1.5, y: 2.25 },
      { x: 3.14159, y: 99.999 },
    ];
    expect(linePath(points)).toBe("M 0.00 10.00 L 1.50 2.25 L 3.14 100.00");
  });

  it("writes no negative zero and nothing for no points", () => {
    expect(linePath([{ x: -0.001, y: -0 }])).toBe("M 0.00 0.00");
    expect(linePath([{ x: -1.005, y: -20 }])).toBe("M -1.00 -20.00");
    expect(linePath([])).toBe("");
  });
});

describe("niceTicks", () => {
  it("steps by 1, 2 or 5 times a power of ten", () => {
    // Range 1 / 5 ticks = 0.2: a nice step already.
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    // 97 / 5 = 19.4 → 20.
    expect(niceTicks(0, 97, 5)).toEqual([0, 20, 40, 60, 80]);
    // 0.26 / 5 = 0.052 → 0.1; ticks start at the first multiple at or above −0.26.
    expect(niceTicks(-0.26, 0, 5)).toEqual([-0.2, -0.1, 0]);
    // 9.9 / 4 = 2.475 → 5.
    expect(niceTicks(0.1, 10, 4)).toEqual([5, 10]);
    // 1,950 / 4 = 487.5 → 500.
    expect(niceTicks(50, 2000, 4)).toEqual([500, 1000, 1500, 2000]);
  });

  it("keeps ends that are multiples of the step, without float dust", () => {
    // 0.1 × 3 is 0.30000000000000004 in floats; 0.3 / 0.1 is 2.9999999999999996.
    expect(niceTicks(-0.3, 0, 3)).toEqual([-0.3, -0.2, -0.1, 0]);
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
    // The first multiple at or above −0.05 is Math.ceil(−0.25) = −0; it must tick as 0.
    const [first] = niceTicks(-0.05, 1, 5);
    expect(Object.is(first, 0)).toBe(true);
  });

  it("handles reversed, empty and degenerate input", () => {
    expect(niceTicks(1, 0, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(3, 3, 5)).toEqual([3]);
    expect(niceTicks(0, 1, 0)).toEqual([]);
    expect(niceTicks(0, Number.NaN, 5)).toEqual([]);
  });
});

describe("followingRange", () => {
  // The impermanent-loss curve from 0.1× to 10×: down to 2√10 / 11 − 1 = −0.4250, up to 0.
  const loss: [number, number] = [-0.425, 0];

  it("is the main curve's span with a tenth of it either side when the other line fits", () => {
    const [low, high] = followingRange(loss, [-0.3, 0.01]);
    expect(low).toBeCloseTo(-0.4675, 12);
    expect(high).toBeCloseTo(0.0425, 12);
  });

  it("stretches up for the other line, by the main curve's span at most", () => {
    // A net line up to +20%: the axis reaches 0.2 + 0.0425.
    expect(followingRange(loss, [-0.2, 0.2])[1]).toBeCloseTo(0.2425, 12);
    // Up to +2,000% somewhere, from −10%: capped at 0.425 + 0.0425, the loss curve still half the height.
    expect(followingRange(loss, [-0.1, 20])[1]).toBeCloseTo(0.4675, 12);
  });

  it("does not stretch for a line wholly beyond reach: it would only leave the stretch empty", () => {
    expect(followingRange(loss, [5, 20])).toEqual(followingRange(loss, [-0.3, 0]));
  });
});

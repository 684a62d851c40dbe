import { describe, expect, it } from "vitest";

import { shareChanges, shareOf, totalAfter } from "../../src/lib/allocation";

/** The local world's pools: 40 + 20 + 20 + 10 + 100 = 190 points. */
const POOLS = [
  { pid: 0, name: "WETH/USDC", allocPoint: 40n },
  { pid: 1, name: "DAI/WETH", allocPoint: 20n },
  { pid: 2, name: "WBTC/WETH", allocPoint: 20n },
  { pid: 3, name: "DAI/USDC", allocPoint: 10n },
  { pid: 4, name: "RWD/WETH", allocPoint: 100n },
];

describe("shareChanges", () => {
  it("moves every pool's share when one pool's points change", () => {
    // DAI/USDC 10 -> 30: the total goes 190 -> 210.
    const rows = shareChanges(POOLS, { pid: 3, allocPoint: 30n });
    expect(totalAfter(POOLS, { pid: 3, allocPoint: 30n })).toBe(210n);
    expect(rows.map((r) => [r.name, r.pointsBefore, r.pointsAfter, r.changed])).toEqual([
      ["WETH/USDC", 40n, 40n, false],
      ["DAI/WETH", 20n, 20n, false],
      ["WBTC/WETH", 20n, 20n, false],
      ["DAI/USDC", 10n, 30n, true],
      ["RWD/WETH", 100n, 100n, false],
    ]);
    expect(rows[0].shareBefore).toBeCloseTo(40 / 190, 12);
    expect(rows[0].shareAfter).toBeCloseTo(40 / 210, 12);
    expect(rows[3].shareBefore).toBeCloseTo(10 / 190, 12);
    expect(rows[3].shareAfter).toBeCloseTo(30 / 210, 12);
    expect(rows.reduce((s, r) => s + r.shareAfter, 0)).toBeCloseTo(1, 12);
  });

  it("adds a pool at the end, with no share before", () => {
    const rows = shareChanges(POOLS, { pid: 5, allocPoint: 10n, name: "ADM/WETH" });
    expect(rows).toHaveLength(6);
    expect(rows[5]).toEqual({ pid: 5, name: "ADM/WETH", pointsAfter: 10n, shareBefore: 0, shareAfter: 10 / 200, changed: true });
    expect(rows[4].shareAfter).toBeCloseTo(100 / 200, 12);
  });

  it("gives every pool 0 when no pool has points, rather than dividing by zero", () => {
    const rows = shareChanges([{ pid: 0, name: "A/B", allocPoint: 5n }], { pid: 0, allocPoint: 0n });
    expect(rows[0]).toMatchObject({ shareBefore: 1, shareAfter: 0 });
    expect(shareOf(0n, 0n)).toBe(0);
  });
});

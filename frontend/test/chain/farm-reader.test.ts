/**
 * Which pools a big farm reads between whole reads, without a node: those the page shows, then
 * those the user holds or stakes, at most 250. The reads themselves are covered by the lens tests
 * and the browser tests.
 */
import { describe, expect, it } from "vitest";

import { readWholeEveryBlock, watchedPids } from "../../src/chain/farm-reader";
import type { FarmSnapshot } from "../../src/lib/farm-snapshot";

/** A snapshot whose pools are only what watchedPids looks at: pid and the user's balances. */
function snapshotOf(pools: { pid: number; staked?: bigint; wallet?: bigint }[]): FarmSnapshot {
  return {
    pools: pools.map(({ pid, staked, wallet }) => ({ pid, user: staked === undefined && wallet === undefined ? undefined : { staked: staked ?? 0n, wallet: wallet ?? 0n } })),
  } as unknown as FarmSnapshot;
}

describe("a big farm's reads between whole reads", () => {
  it("reads the shown pools, then those the user stakes in or holds LP of, each once", () => {
    const previous = snapshotOf([{ pid: 0 }, { pid: 1, staked: 5n }, { pid: 2, wallet: 1n }, { pid: 3, staked: 0n, wallet: 0n }, { pid: 4 }]);
    expect(watchedPids(previous, [4, 1])).toEqual([4, 1, 2]);
    expect(watchedPids(previous, [])).toEqual([1, 2]);
  });

  it("reads at most 250 pools, the shown ones first", () => {
    const previous = snapshotOf(Array.from({ length: 400 }, (_, pid) => ({ pid, staked: 1n })));
    const shown = [399, 398];
    const watched = watchedPids(previous, shown);
    expect(watched).toHaveLength(250);
    expect(watched.slice(0, 3)).toEqual([399, 398, 0]);
  });

  it("reads a farm of up to 250 pools whole every block", () => {
    expect([readWholeEveryBlock(1), readWholeEveryBlock(250), readWholeEveryBlock(251)]).toEqual([true, true, false]);
  });
});

import { describe, expect, it } from "vitest";

import { afterRevert, decodeSnapshots, encodeSnapshots, nextSnapshotName, type SnapshotEntry } from "../../src/lib/tester-snapshots";

const entry = (id: string, name: string, blockNumber = 100n): SnapshotEntry => ({ id: id as `0x${string}`, name, blockNumber, timestamp: 1_700_000_000n });

describe("the toolbar's snapshot list", () => {
  // Ids as Hardhat hands them out: growing, past 0x9 into letters and past one hex digit.
  const list = [entry("0x9", "before stake"), entry("0xa", "Snapshot 2"), entry("0x1f", "after harvest")];

  it("drops the snapshot reverted to and every later one, as the node does, comparing ids as numbers", () => {
    expect(afterRevert(list, "0xa").map((e) => e.name)).toEqual(["before stake"]);
    expect(afterRevert(list, "0x1f").map((e) => e.name)).toEqual(["before stake", "Snapshot 2"]);
    expect(afterRevert(list, "0x9")).toEqual([]);
    // An id the list never had (another tab's) still takes the later ones with it.
    expect(afterRevert(list, "0xb").map((e) => e.name)).toEqual(["before stake", "Snapshot 2"]);
  });

  it("numbers new names past the highest in use", () => {
    expect(nextSnapshotName([])).toBe("Snapshot 1");
    expect(nextSnapshotName(list)).toBe("Snapshot 3");
    expect(nextSnapshotName([entry("0x1", "Snapshot 7")])).toBe("Snapshot 8");
  });

  it("keeps the list through session storage, bigints included, and reads anything else as none", () => {
    const big = [entry("0x10", "far", 123_456_789_012_345_678_901n)];
    expect(decodeSnapshots(encodeSnapshots(big))).toEqual(big);
    expect(decodeSnapshots(null)).toEqual([]);
    expect(decodeSnapshots("not json")).toEqual([]);
    expect(decodeSnapshots('{"id":"0x1"}')).toEqual([]);
    expect(decodeSnapshots('[{"id":"x1","name":"a","blockNumber":"1","timestamp":"1"}]')).toEqual([]);
    expect(decodeSnapshots('[{"id":"0x1","name":"a","blockNumber":"1.5","timestamp":"1"}]')).toEqual([]);
  });
});

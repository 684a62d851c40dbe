/**
 * The toolbar's list of node snapshots (`evm_snapshot`). A revert consumes its snapshot and every
 * one taken after it (Hardhat drops all ids from the one reverted to up), so the list drops them
 * too; each entry keeps the block and time it was taken at, to label it. The list is kept in the
 * tab's session storage, so a reload keeps it; the node may have forgotten an entry since (a
 * restart), which the revert then reports.
 */
import { type Hex, isHex } from "viem";

export interface SnapshotEntry {
  /** The node's snapshot id (a quantity: ids grow with each snapshot). */
  id: Hex;
  name: string;
  blockNumber: bigint;
  timestamp: bigint;
}

/** The list once the node has reverted to `id`: that snapshot and every later one are gone. */
export function afterRevert(list: readonly SnapshotEntry[], id: Hex): SnapshotEntry[] {
  const reverted = BigInt(id);
  return list.filter((entry) => BigInt(entry.id) < reverted);
}

/** "Snapshot 3": numbered past the highest number in use, so names stay unique within the list. */
export function nextSnapshotName(list: readonly SnapshotEntry[]): string {
  const numbers = list.map((entry) => Number(/^Snapshot (\d+)$/.exec(entry.name)?.[1] ?? 0));
  return `Snapshot ${Math.max(0, ...numbers) + 1}`;
}

/** The list as session storage keeps it (bigints as decimal strings). */
export function encodeSnapshots(list: readonly SnapshotEntry[]): string {
  return JSON.stringify(list.map((e) => ({ ...e, blockNumber: String(e.blockNumber), timestamp: String(e.timestamp) })));
}

/** The list read back; anything unreadable (another version's format, a hand edit) reads as none. */
export function decodeSnapshots(text: string | null): SnapshotEntry[] {
  if (!text) return [];
  try {
    const raw = JSON.parse(text) as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((e: Record<string, unknown>) =>
      isHex(e?.id) && e.id !== "0x" && typeof e.name === "string" && typeof e.blockNumber === "string" && typeof e.timestamp === "string"
        ? [{ id: e.id, name: e.name, blockNumber: BigInt(e.blockNumber), timestamp: BigInt(e.timestamp) }]
        : [],
    );
  } catch {
    return [];
  }
}

/**
 * How the emission is split between pools: each pool's share is its allocation points over the
 * total. Changing one pool's points (or adding a pool) moves every pool's share; this file says
 * by how much, before the change is sent.
 */

/** The farm's largest allocation per pool (`Farm.MAX_ALLOC_POINT`). */
export const MAX_ALLOC_POINT = 65_535n;

export interface PoolPoints {
  pid: number;
  name: string;
  allocPoint: bigint;
}

/** One allocation change: pool `pid` to `allocPoint` points; a `pid` past the last pool adds a pool named `name`. */
export interface PointsChange {
  pid: number;
  allocPoint: bigint;
  name?: string;
}

/** A pool's points and share of the emission, before and after a change. */
export interface ShareChange {
  pid: number;
  name: string;
  /** Absent before the change: the pool being added. */
  pointsBefore?: bigint;
  pointsAfter: bigint;
  /** Shares of the emission, 0..1. */
  shareBefore: number;
  shareAfter: number;
  changed: boolean;
}

/** `points` over `total` as a fraction; 0 when no pool has points (nothing is emitted then). */
export function shareOf(points: bigint, total: bigint): number {
  return total === 0n ? 0 : Number(points) / Number(total);
}

/** The total allocation after `change`. */
export function totalAfter(pools: readonly PoolPoints[], change: PointsChange): bigint {
  const total = pools.reduce((sum, p) => sum + p.allocPoint, 0n);
  const old = pools.find((p) => p.pid === change.pid)?.allocPoint ?? 0n;
  return total - old + change.allocPoint;
}

/** Every pool's points and share before and after `change`, in pid order; an added pool comes last. */
export function shareChanges(pools: readonly PoolPoints[], change: PointsChange): ShareChange[] {
  const before = pools.reduce((sum, p) => sum + p.allocPoint, 0n);
  const after = totalAfter(pools, change);
  const rows: ShareChange[] = pools.map((p) => {
    const pointsAfter = p.pid === change.pid ? change.allocPoint : p.allocPoint;
    return {
      pid: p.pid,
      name: p.name,
      pointsBefore: p.allocPoint,
      pointsAfter,
      shareBefore: shareOf(p.allocPoint, before),
      shareAfter: shareOf(pointsAfter, after),
      changed: p.pid === change.pid,
    };
  });
  if (pools.some((p) => p.pid === change.pid)) return rows;
  const added = { pid: change.pid, name: change.name ?? `Pool ${change.pid}`, pointsAfter: change.allocPoint, shareBefore: 0, changed: true };
  return [...rows, { ...added, shareAfter: shareOf(change.allocPoint, after) }];
}

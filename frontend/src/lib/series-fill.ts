/**
 * The indexer writes a pool's hourly or daily bucket only when something happened in it; a bucket
 * with no event holds what the one before it held. Charts need every bucket.
 */

/**
 * `points` (oldest first, each at the start of its bucket of `step` seconds) with every missing
 * bucket filled by a copy of the one before it, moved to the missing start, up to and including
 * the bucket holding `until` (when given and later). No points: none.
 */
export function carryForward<T extends { start: number }>(points: T[], step: number, until?: number): T[] {
  if (!(step > 0)) throw new RangeError(`A bucket must last a positive number of seconds, not ${step}.`);
  const filled: T[] = [];
  for (const point of points) {
    const last = filled.at(-1);
    if (last) for (let start = last.start + step; start < point.start; start += step) filled.push({ ...last, start });
    filled.push(point);
  }
  const last = filled.at(-1);
  if (last && until !== undefined) {
    const end = until - (until % step);
    for (let start = last.start + step; start <= end; start += step) filled.push({ ...last, start });
  }
  return filled;
}

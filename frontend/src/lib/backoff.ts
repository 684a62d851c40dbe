/**
 * How long to wait before asking a service that did not answer again: doubling from `first` up to
 * `max`, so a long outage costs few requests and a short one is noticed soon.
 */
export function backoffMs(failures: number, first = 2_000, max = 30_000): number {
  if (failures <= 0) return first;
  return Math.min(max, first * 2 ** Math.min(failures - 1, 30));
}

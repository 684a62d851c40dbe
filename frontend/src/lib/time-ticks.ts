/**
 * Round times for a chart's time axis: whole seconds, minutes, hours, days or weeks, about `count` of them across
 * [from, to] (unix seconds), labelled in the reader's time zone by the caller.
 */
import { SECONDS_PER_DAY as DAY, SECONDS_PER_HOUR as HOUR } from "./conventions";

/** The steps a time axis may take, shortest first. */
const STEPS = [1, 2, 5, 10, 15, 30, 60, 300, 900, 1_800, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 365 * DAY];

/** The tick step for about `count` ticks over `span` seconds. */
export function timeStep(span: number, count: number): number {
  const rough = span / Math.max(1, count);
  return STEPS.find((step) => step >= rough) ?? STEPS.at(-1)!;
}

/**
 * Multiples of the step (counted from 1970, UTC) within [from, to], at most count + 1 of them.
 * A day step lands on UTC midnight; the labels say the date.
 */
export function timeTicks(from: number, to: number, count: number): { step: number; ticks: number[] } {
  if (!(to > from) || !(count >= 1)) return { step: DAY, ticks: Number.isFinite(from) ? [from] : [] };
  const step = timeStep(to - from, count);
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return { step, ticks };
}

/** How a tick reads: a time within a day's steps, a date from a day up. */
export function timeLabel(time: number, step: number): string {
  const date = new Date(time * 1000);
  if (step < 60) return date.toLocaleTimeString("en-US", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
  if (step < DAY) return date.toLocaleTimeString("en-US", { hour: "2-digit", minute: "2-digit", hour12: false });
  return date.toLocaleDateString("en-US", { month: "short", day: "numeric" });
}

/** A point's full date and time, for a tooltip or a table: "Dec 5, 2026, 14:02". */
export function dateTimeLabel(time: number): string {
  return new Date(time * 1000).toLocaleString("en-US", { month: "short", day: "numeric", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });
}

/** The index of the point whose x is nearest `x` (xs ascending), or -1 with none. */
export function nearestIndex(xs: number[], x: number): number {
  let best = -1;
  for (let i = 0; i < xs.length; i++) if (best === -1 || Math.abs(xs[i]! - x) < Math.abs(xs[best]! - x)) best = i;
  return best;
}

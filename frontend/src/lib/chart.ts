/**
 * The little a hand-drawn SVG chart needs: scales from data to pixels, a path through points,
 * and round tick values. Small enough that a charting library would be the larger part.
 */

/** A function from data values to pixels. */
type Scale = (x: number) => number;

/**
 * Maps `domain` onto `range` proportionally to log(x): equal ratios get equal distances.
 * The domain must be positive. A zero-width domain maps everything to the middle of the range.
 */
export function logScale(domain: [number, number], range: [number, number]): Scale {
  if (!(domain[0] > 0 && domain[1] > 0)) {
    throw new RangeError(`A log scale needs a positive domain, not [${domain.join(", ")}].`);
  }
  const linear = linearScale([Math.log(domain[0]), Math.log(domain[1])], range);
  return (x) => linear(Math.log(x));
}

/**
 * Maps `domain` onto `range` proportionally; values outside the domain land outside the range.
 * A zero-width domain maps everything to the middle of the range.
 */
export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d0 === d1) return () => (r0 + r1) / 2;
  return (x) => r0 + ((x - d0) / (d1 - d0)) * (r1 - r0);
}

/**
 * An SVG path `d` through the points in order: "M 0.00 10.00 L 5.00 2.50 …". Two decimals
 * are far below a pixel and keep the markup short. No points: "".
 */
export function linePath(points: { x: number; y: number }[]): string {
  return points
    .map((point, i) => `${i === 0 ? "M" : "L"} ${coordinate(point.x)} ${coordinate(point.y)}`)
    .join(" ");
}

function coordinate(value: number): string {
  const text = value.toFixed(2);
  return text === "-0.00" ? "0.00" : text;
}

/**
 * About `count` tick values between `min` and `max` (inclusive), on a round step of 1, 2 or 5
 * times a power of ten, starting at the first multiple of the step at or above `min`:
 * niceTicks(0, 1, 5) → [0, 0.2, 0.4, 0.6, 0.8, 1]. Never more than count + 1 ticks.
 */
export function niceTicks(min: number, max: number, count: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(count >= 1)) return [];
  const [low, high] = min <= max ? [min, max] : [max, min];
  if (low === high) return [low];
  const step = niceStep((high - low) / count);
  // The slack keeps an end that is a multiple of the step (0.3 / 0.1 = 2.9999999999999996).
  const first = Math.ceil(low / step - 1e-9);
  const last = Math.floor(high / step + 1e-9);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const multiples = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return multiples.map((multiple) => roundTick(multiple * step, decimals));
}

/** Rounds away float dust: 0.1 * 3 = 0.30000000000000004. */
function roundTick(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

/** The smallest of 1, 2, 5 or 10 × 10^k that is at least `roughStep`. */
function niceStep(roughStep: number): number {
  const power = 10 ** Math.floor(Math.log10(roughStep));
  const fraction = roughStep / power;
  const multiple = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return multiple * power;
}

/**
 * A y-range that follows a main curve spanning [min, max]: that span plus `margin` of it on each
 * side, stretched upward for another line spanning `other` by at most the main curve's own span,
 * so the main curve always fills about half the chart or more. The other line is clipped beyond;
 * one wholly out of that reach stretches nothing (it would only leave the stretch empty). So an
 * impermanent-loss curve down to -42% stays readable beside a net line of +2,000%.
 */
export function followingRange(main: [number, number], other: [number, number], margin = 0.1): [number, number] {
  const span = main[1] - main[0] || 1;
  const low = main[0] - margin * span;
  const high = main[1] + margin * span;
  const reach = main[1] + span + margin * span;
  if (!(other[1] > high) || !(other[0] < reach)) return [low, high];
  return [low, Math.min(other[1] + margin * span, reach)];
}

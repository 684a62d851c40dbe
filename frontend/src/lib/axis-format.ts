/**
 * A chart axis's tick labels: as many decimals as the step between ticks needs and no more, so
 * ticks a tenth of a cent apart do not all read "<$0.01", and ticks of $1M do not read cents.
 */
import { formatNumber, formatUsd } from "./format";

/** Decimals a tick step needs: 0.005 → 3, 0.5 → 1, 20 → 0. */
export function stepDecimals(step: number): number {
  return step > 0 && Number.isFinite(step) ? Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) : 0;
}

/** "$0.004", "$1.5", "$2.00M": compact from a million up, as formatUsd. */
export function usdTick(value: number, step: number): string {
  if (Math.abs(value) >= 1e6) return formatUsd(value);
  return `${value < 0 ? "-" : ""}$${formatNumber(Math.abs(value), stepDecimals(step))}`;
}

/** A fraction as a percentage with the decimals its step needs: 0.25 → "25%", 0.0005 by 0.0001 → "0.05%". */
export function percentTick(value: number, step: number): string {
  return `${formatNumber(value * 100, stepDecimals(step * 100))}%`;
}

/** A plain amount (reward tokens): 1,234.5. */
export function amountTick(value: number, step: number): string {
  return formatNumber(value, stepDecimals(step));
}

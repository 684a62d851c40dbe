/**
 * Token amounts to a number of significant digits, cut and never rounded up: an LP amount of
 * 0.000054772255 reads "0.0000547722", not "0.000054" (fixed decimals lose most of a small
 * amount) nor "<0.0001". Whole parts show in full, with at least the same digits after the point
 * as a small amount gets, up to the token's decimals.
 */
import { formatUnits } from "viem";

import { formatTokenAmount } from "./format";

/** `wei` with at least `digits` significant digits (all of the integer part), cut, grouped. */
export function formatSignificant(wei: bigint, decimals: number, digits = 6): string {
  const magnitude = wei < 0n ? -wei : wei;
  const [integer, fraction = ""] = formatUnits(magnitude, decimals).split(".");
  const leadingZeros = integer === "0" ? fraction.length - fraction.replace(/^0+/, "").length : 0;
  const shown = integer === "0" ? leadingZeros + digits : Math.max(0, digits - integer.length);
  return formatTokenAmount(wei, decimals, Math.min(decimals, Math.max(shown, 2)));
}

const sixSignificant = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 6 });

/**
 * A float (a price, a percentage) to six significant digits, grouped: 3000 → "3,000",
 * 1/3000 → "0.000333333", 0.0099965012 → "0.0099965". NaN and ±Infinity give "—".
 */
export function formatSignificantNumber(value: number): string {
  return Number.isFinite(value) ? sixSignificant.format(value) : "—";
}

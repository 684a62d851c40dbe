/**
 * Numbers as people read them: dollars, token amounts, percentages. Every function returns
 * a string ready to show; none of them parses (see `./amount` for user input).
 */
import { formatUnits } from "viem";

/** Shown instead of a number that is not one (NaN, ±Infinity): a blank, not "NaN". */
const NOT_A_NUMBER = "—";

const MILLION = 1e6;
const BILLION = 1e9;

/** The same formatter for every call: building one costs more than formatting with it. */
const twoDecimals = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const noDecimals = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/**
 * A dollar amount: "$1,234.56" below a million, "$1.23M" / "$4.56B" above, "<$0.01" for dust,
 * "$0.00" for zero. A negative value gets a leading "-" before whichever form its size picks.
 * NaN and ±Infinity give "—".
 */
export function formatUsd(value: number): string {
  if (!Number.isFinite(value)) return NOT_A_NUMBER;
  const text = formatPositiveUsd(Math.abs(value));
  return value < 0 ? `-${text}` : text;
}

function formatPositiveUsd(value: number): string {
  if (value === 0) return "$0.00";
  if (value < 0.01) return "<$0.01";
  // Choose the unit after rounding, so 999,999.999 reads "$1.00M" and not "$1,000,000.00".
  if (roundTo2(value) < MILLION) return `$${twoDecimals.format(value)}`;
  if (roundTo2(value / MILLION) < 1000) return `$${twoDecimals.format(value / MILLION)}M`;
  return `$${twoDecimals.format(value / BILLION)}B`;
}

function roundTo2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * An exact token amount from its integer base units: "1,234.5678". The digits come from the
 * bigint, never from a float, and are cut (never rounded up) after `maxFractionDigits`, so a
 * balance is never shown larger than it is. Trailing zeros go; a nonzero amount too small to
 * show reads "<0.0001" (as many places as `maxFractionDigits`).
 */
export function formatTokenAmount(wei: bigint, decimals: number, maxFractionDigits = 4): string {
  const sign = wei < 0n ? "-" : "";
  const [integer = "0", fraction = ""] = formatUnits(wei < 0n ? -wei : wei, decimals).split(".");
  const shownFraction = fraction.slice(0, maxFractionDigits).replace(/0+$/, "");
  if (wei !== 0n && /^0*$/.test(integer + shownFraction)) {
    return `${sign}<${smallestShown(maxFractionDigits)}`;
  }
  const grouped = groupThousands(integer);
  return sign + (shownFraction === "" ? grouped : `${grouped}.${shownFraction}`);
}

/** Significant digits amounts are shown with where their size varies widely (LP, balances). */
export const SIGNIFICANT_DIGITS = 6;

/**
 * An exact token amount with `significant` significant digits, cut (never rounded up): every
 * digit of the integer part, then decimals until `significant` digits are shown: 1234.56789 →
 * "1,234.56", 0.0000112345678 → "0.0000112345". A tiny amount of a valuable token (one wei of
 * LP can be dollars) keeps its digits instead of reading "<0.000001".
 */
export function formatSignificant(wei: bigint, decimals: number, significant = SIGNIFICANT_DIGITS): string {
  const sign = wei < 0n ? "-" : "";
  const [integer = "0", fraction = ""] = formatUnits(wei < 0n ? -wei : wei, decimals).split(".");
  const leadingZeros = integer === "0" ? /^0*/.exec(fraction)![0].length : 0;
  const fractionDigits = integer === "0" ? leadingZeros + significant : Math.max(0, significant - integer.length);
  const shownFraction = fraction.slice(0, fractionDigits).replace(/0+$/, "");
  const grouped = groupThousands(integer);
  return sign + (shownFraction === "" ? grouped : `${grouped}.${shownFraction}`);
}

/** "0.0001" for 4 places, "1" for none: the smallest amount `formatTokenAmount` can show. */
function smallestShown(fractionDigits: number): string {
  return fractionDigits > 0 ? `0.${"1".padStart(fractionDigits, "0")}` : "1";
}

/** Commas every three digits of a digit string, which may be longer than a float can hold. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * A token's price in dollars with the digits a price needs: five significant digits below
 * $1,000 ("$1.4971", "$0.0012345"), so amount × price adds up to the USD beside an amount;
 * as `formatUsd` from $1,000 up.
 */
export function formatPrice(value: number): string {
  if (!Number.isFinite(value)) return NOT_A_NUMBER;
  if (value === 0 || Math.abs(value) >= 1000) return formatUsd(value);
  return `${value < 0 ? "-" : ""}$${fiveSignificant.format(Math.abs(value))}`;
}

const fiveSignificant = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 5 });

/**
 * A fraction as a percentage: 0.1234 → "12.34%". From 1,000% up the decimals are noise and
 * go ("1,234%"); from 100,000,000% up the number itself is noise (an APR over a pool with
 * almost nothing staked) and reads ">100,000,000%". NaN and ±Infinity give "—".
 */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return NOT_A_NUMBER;
  if (fraction >= MILLION) return ">100,000,000%";
  if (fraction <= -MILLION) return "<-100,000,000%";
  const percent = fraction * 100;
  if (Math.abs(roundTo2(percent)) >= 1000) return `${noDecimals.format(percent)}%`;
  return `${twoDecimals.format(withoutNegativeZero(roundTo2(percent)))}%`;
}

/**
 * A fixed rate as it is named, trailing zeros dropped: 0.003 → "0.3%" (a convention like Uniswap
 * V2's fee; figures that move use formatPercent, two decimals always).
 */
export function formatRate(fraction: number): string {
  return `${formatNumber(fraction * 100, 4)}%`;
}

/**
 * A plain number, grouped in thousands, with at most `maxFractionDigits` decimals
 * (rounded, trailing zeros dropped): 1234.5678 → "1,234.57". NaN and ±Infinity give "—".
 */
export function formatNumber(value: number, maxFractionDigits = 2): string {
  if (!Number.isFinite(value)) return NOT_A_NUMBER;
  const formatter = new Intl.NumberFormat("en-US", { maximumFractionDigits: maxFractionDigits });
  // Intl keeps the sign of a value that rounds to zero ("-0"); a person reads that as a bug.
  const text = formatter.format(value);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** -0 → 0, so a tiny negative that rounds to zero does not print as "-0.00". */
function withoutNegativeZero(value: number): number {
  return value === 0 ? 0 : value;
}

/** An address or hash shortened for reading, "0x1234…abcd"; the whole value goes in a title or link. */
export function shortHex(hex: string): string {
  return hex.length <= 12 ? hex : `${hex.slice(0, 6)}…${hex.slice(-4)}`;
}

const sixSignificant = new Intl.NumberFormat("en-US", { maximumSignificantDigits: SIGNIFICANT_DIGITS });

/**
 * A float (a price, a ratio) to six significant digits, grouped: 3000 → "3,000",
 * 1/3000 → "0.000333333", 0.0099965012 → "0.0099965". NaN and ±Infinity give "—".
 */
export function formatSignificantNumber(value: number): string {
  return Number.isFinite(value) ? sixSignificant.format(value) : NOT_A_NUMBER;
}

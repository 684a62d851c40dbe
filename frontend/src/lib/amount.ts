/**
 * Amounts typed by a person into a stake or unstake field: checked, explained, and turned
 * into exact base units. The check is strict on purpose: what is staked must be what was typed.
 */
import { formatUnits, parseUnits } from "viem";

import { LP_DECIMALS } from "./conventions";
import { formatSignificant, formatTokenAmount } from "./format";

/**
 * Either the amount in base units, or a sentence saying what to fix. `readAs` is the amount with
 * a decimal point when it was typed with a decimal comma, so the page can show how it was read.
 */
export type AmountCheck = { ok: true; wei: bigint; readAs?: string } | { ok: false; reason: string };

/**
 * A plain non-negative decimal: "1", "1.5", ".5", "1.". No exponent, sign, hex or thousands
 * separator: each would be read differently by someone else (or by `parseUnits`).
 */
const PLAIN_DECIMAL = /^(?:\d+\.?\d*|\.\d+)$/;

/** Digits, points and commas only: what a number typed with separators is made of. */
const DIGITS_AND_SEPARATORS = /^[\d.,]*\d[\d.,]*$/;

/**
 * One comma between digits, as a decimal comma is typed ("1,5", ",5", "1,"): phones set to many
 * languages offer only a comma on the decimal keypad.
 */
const ONE_COMMA = /^(?:\d+,\d*|,\d+)$/;

/**
 * Digits before and after a comma that could be a thousands separator: "1,500", "12,000",
 * "999,999" (a group of three after a first group of 1–3 digits not starting with 0).
 */
const THOUSANDS_GROUPING = /^[1-9]\d{0,2},\d{3}$/;

const COMMA_AND_POINT =
  "Use a dot for decimals and no thousands separators, like 1500.25.";

/** The most fraction digits a balance is shown with in the "more than your balance" sentence. */
const BALANCE_DIGITS = 6;

/**
 * Checks a typed amount of a token with `decimals` decimals against the `balance` it is taken
 * from (`what` names that balance in the sentence). Spaces around the input are ignored.
 */
export function checkAmount(
  input: string,
  decimals: number,
  balance: bigint,
  what = "your balance",
  shown: (balance: bigint) => string = (wei) => formatTokenAmount(wei, decimals, Math.min(decimals, BALANCE_DIGITS)),
): AmountCheck {
  const typed = input.trim();
  if (typed === "") return refuse("Enter an amount.");
  const pointed = withDecimalPoint(typed);
  if ("reason" in pointed) return refuse(pointed.reason);
  const text = pointed.text;
  if (!PLAIN_DECIMAL.test(text)) return refuse("Enter a number, like 1.5.");
  if (fractionDigits(text) > decimals) {
    return refuse(
      `This token has ${decimals} decimals: use at most ${decimals} digits after the point.`,
    );
  }
  const wei = parseUnits(normalised(text), decimals);
  if (wei === 0n) return refuse("Enter an amount above zero.");
  if (wei > balance) {
    return refuse(`That is more than ${what} (${shown(balance)}).`);
  }
  return text === typed ? { ok: true, wei } : { ok: true, wei, readAs: normalised(text) };
}

/**
 * `checkAmount` for LP: the balance in the sentence with significant digits, as the pool card and
 * the dialogs show LP. Six fixed decimals read "0.000011" for an LP worth $29,995, where one unit of
 * the last digit is $2,700; and the figure would differ from the card's.
 */
export function checkLpAmount(input: string, balance: bigint, what?: string): AmountCheck {
  return checkAmount(input, LP_DECIMALS, balance, what, (wei) => formatSignificant(wei, LP_DECIMALS));
}

/**
 * The typed text with a decimal comma read as a point, where nobody could mean anything else:
 * "1,5" is 1.5, but "1,500" is 1.5 to a German and 1500 to an American, so it is refused with
 * both readings, as is anything with a comma and a point or several commas ("1,000.5",
 * "1.000,5", "1,000,000"): money must never be a guess. Text without a comma is left as typed.
 */
export function withDecimalPoint(text: string): { text: string } | { reason: string } {
  // Not a number at all ("abc,d", "-1,5"): left to the plain check, which says so.
  if (!text.includes(",") || !DIGITS_AND_SEPARATORS.test(text)) return { text };
  if (!ONE_COMMA.test(text)) return { reason: COMMA_AND_POINT };
  if (THOUSANDS_GROUPING.test(text)) {
    const [integer, fraction] = text.split(",");
    return { reason: `"${text}" could mean ${integer}.${fraction} or ${integer}${fraction}: type it with a dot for decimals and no thousands separator.` };
  }
  return { text: text.replace(",", ".") };
}

/**
 * The whole balance as an input string, at full precision, so that "Max" stakes exactly the
 * balance: a rounded figure could be one wei above it and revert.
 */
export function maxAmountInput(balance: bigint, decimals: number): string {
  return formatUnits(balance, decimals);
}

function refuse(reason: string): AmountCheck {
  return { ok: false, reason };
}

function fractionDigits(text: string): number {
  const point = text.indexOf(".");
  return point === -1 ? 0 : text.length - point - 1;
}

/** ".5" → "0.5", "1." → "1": the forms `parseUnits` is sure to read as meant. */
function normalised(text: string): string {
  const [integer, fraction] = text.split(".");
  return fraction ? `${integer || "0"}.${fraction}` : integer || "0";
}

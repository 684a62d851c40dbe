/**
 * Amounts typed by a person into a stake or unstake field: checked, explained, and turned
 * into exact base units. The check is strict on purpose: what is staked must be what was typed.
 */
import { formatUnits, parseUnits } from "viem";

import { formatTokenAmount } from "./format";

/** Either the amount in base units, or a sentence saying what to fix. */
export type AmountCheck = { ok: true; wei: bigint } | { ok: false; reason: string };

/**
 * A plain non-negative decimal: "1", "1.5", ".5", "1.". No exponent, sign, hex or thousands
 * separator: each would be read differently by someone else (or by `parseUnits`).
 */
const PLAIN_DECIMAL = /^(?:\d+\.?\d*|\.\d+)$/;

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
): AmountCheck {
  const text = input.trim();
  if (text === "") return refuse("Enter an amount.");
  if (!PLAIN_DECIMAL.test(text)) return refuse("Enter a number, like 1.5.");
  if (fractionDigits(text) > decimals) {
    return refuse(
      `This token has ${decimals} decimals: use at most ${decimals} digits after the point.`,
    );
  }
  const wei = parseUnits(normalised(text), decimals);
  if (wei === 0n) return refuse("Enter an amount above zero.");
  if (wei > balance) {
    const shown = formatTokenAmount(balance, decimals, Math.min(decimals, BALANCE_DIGITS));
    return refuse(`That is more than ${what} (${shown}).`);
  }
  return { ok: true, wei };
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

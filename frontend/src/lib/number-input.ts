/**
 * Numbers typed into the estimators (an amount, a horizon, an APR, a gas cost): checked and
 * explained in a sentence, never turned into a blank or a chart of nonsense. Money that is sent
 * is typed elsewhere (./amount.ts, exact to the wei); these are figures to think with.
 */
import { withDecimalPoint } from "./amount";

/** Either the number, or a sentence saying what to type instead. */
export type NumberCheck = { ok: true; value: number } | { ok: false; reason: string };

export interface NumberRule {
  /** What is asked for, after "Enter": "an amount", "a horizon in days". */
  what: string;
  /** The field's name in a sentence: "The amount", "The horizon". */
  name: string;
  /** 0 allowed (a horizon of 0 days shows the loss alone), or only above 0 (an amount). */
  zero: boolean;
  /** The largest accepted, and how to say it ("36,500 days (100 years)"). */
  max?: { value: number; said: string };
  /** An example for the sentence: "30", "1000". */
  example: string;
}

/** A plain decimal: "30", "1.5", ".5", "1.". No sign, exponent, hex or grouping. */
const PLAIN_DECIMAL = /^(?:\d+\.?\d*|\.\d+)$/;

export function checkNumber(input: string, rule: NumberRule): NumberCheck {
  // A decimal comma reads as in every amount field ("1,5" is 1.5; "1,500" is refused with both readings).
  const read = withDecimalPoint(input.trim());
  if ("reason" in read) return refuse(read.reason);
  const text = read.text;
  if (text === "") return refuse(`Enter ${rule.what}.`);
  if (/^-\s*(?:\d+\.?\d*|\.\d+)$/.test(text)) {
    return refuse(`${rule.name} cannot be negative: enter ${rule.zero ? "0 or more" : "a number above 0"}, like ${rule.example}.`);
  }
  if (!PLAIN_DECIMAL.test(text)) return refuse(`Enter a number, like ${rule.example}.`);
  const value = Number(text);
  if (value === 0 && !rule.zero) return refuse(`Enter ${rule.what} above 0.`);
  if (rule.max && value > rule.max.value) return refuse(`${rule.name} can be at most ${rule.max.said}.`);
  return { ok: true, value };
}

function refuse(reason: string): NumberCheck {
  return { ok: false, reason };
}

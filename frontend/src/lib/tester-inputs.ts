/**
 * What a tester types into the toolbar: a number of blocks to mine, a span of time to skip, the
 * ETH to spend on LP. Each is checked and explained like a stake amount, so nothing reaches the
 * node that it would read otherwise than the tester meant.
 */
import { checkAmount } from "./amount";
import { SECONDS_PER_DAY } from "./conventions";

/** Either the value, or a sentence saying what to fix. */
export type InputCheck<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * The most blocks one click mines: about a month of 3-second blocks. Hardhat mines any number in
 * one call, but a slip of the finger (a million and one zeros) should not throw the chain years ahead.
 */
export const MAX_BLOCKS = 1_000_000;

/** The longest skip one click makes: a year, enough to pass any lock or emission schedule. */
export const MAX_SKIP_SECONDS = 365 * SECONDS_PER_DAY;

/** The most ETH one funding spends: more would move the world's prices far from the market's. */
export const MAX_FUND_ETH = 1_000n;

export const TIME_UNITS = { minutes: 60, hours: 3_600, days: SECONDS_PER_DAY } as const;
export type TimeUnit = keyof typeof TIME_UNITS;

const WHOLE_NUMBER = /^\d+$/;
const PLAIN_DECIMAL = /^(?:\d+\.?\d*|\.\d+)$/;

/** A number of blocks: a whole number from 1 to MAX_BLOCKS ("1,000" and "1e3" are refused: say it plainly). */
export function checkBlockCount(input: string): InputCheck<number> {
  const text = input.trim();
  if (text === "") return refuse("Enter a number of blocks.");
  if (!WHOLE_NUMBER.test(text)) return refuse("Enter a whole number of blocks, like 100 (digits only).");
  const blocks = Number(text);
  if (blocks === 0) return refuse("Enter at least 1 block.");
  if (blocks > MAX_BLOCKS) return refuse(`Mine at most ${MAX_BLOCKS.toLocaleString("en-US")} blocks at a time.`);
  return { ok: true, value: blocks };
}

/** A span of time in `unit`s, as whole seconds: "1.5" hours is 5,400 s; at least 1 s, at most a year. */
export function checkSkip(input: string, unit: TimeUnit): InputCheck<number> {
  const text = input.trim();
  if (text === "") return refuse("Enter how much time to skip.");
  if (!PLAIN_DECIMAL.test(text)) return refuse(`Enter a number of ${unit}, like 1.5 (digits and a dot only).`);
  const seconds = Math.round(Number(text) * TIME_UNITS[unit]);
  if (seconds < 1) return refuse("Skip at least 1 second.");
  if (seconds > MAX_SKIP_SECONDS) return refuse("Skip at most 365 days at a time.");
  return { ok: true, value: seconds };
}

/** ETH to spend on a pool's LP, in wei: above zero, at most MAX_FUND_ETH, 18 decimals at most. */
export function checkFundEth(input: string): InputCheck<bigint> {
  const check = checkAmount(input, 18, MAX_FUND_ETH * 10n ** 18n, "the toolbar spends at once");
  return check.ok ? { ok: true, value: check.wei } : check;
}

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/** A skip in words, in the largest unit that divides it: "1 day", "36 hours", "90 minutes", "45 seconds". */
export function describeSkip(seconds: number): string {
  const units: [number, string][] = [[TIME_UNITS.days, "day"], [TIME_UNITS.hours, "hour"], [TIME_UNITS.minutes, "minute"], [1, "second"]];
  const [size, name] = units.find(([size]) => seconds % size === 0)!;
  const count = seconds / size;
  return `${count.toLocaleString("en-US")} ${name}${count === 1 ? "" : "s"}`;
}

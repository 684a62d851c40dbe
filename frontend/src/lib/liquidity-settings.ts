/**
 * A liquidity provider's two settings, as typed and as applied: the slippage tolerance (how far
 * below the quoted amounts the router may go before it refuses) and the deadline (how long a
 * signed transaction stays good). Sentences for every refusal and every risky choice.
 */

/** Basis points in a whole: 10,000 bps = 100%. */
export const BPS = 10_000n;

/** Uniswap's own default, and the choices offered beside a custom figure. */
export const DEFAULT_SLIPPAGE_BPS = 50;
export const SLIPPAGE_CHOICES_BPS = [10, 50, 100] as const;
/** Typed figures are kept to 0.01% (1 bps): finer means nothing against a pool's price. */
const SLIPPAGE_DECIMALS = 2;
/** Above half of the amounts, a "minimum" protects nothing: refused. */
export const MAX_SLIPPAGE_BPS = 5_000;
/** Below this, an ordinary block of trading already moves the price further: it will likely fail. */
const LOW_SLIPPAGE_BPS = 5;
/** Above this, a sandwich bot may take the difference. */
const HIGH_SLIPPAGE_BPS = 500;

export const DEFAULT_DEADLINE_MINUTES = 20;
/** Three days: longer and a transaction stuck in a mempool could be mined at a forgotten price. */
export const MAX_DEADLINE_MINUTES = 4_320;

/** A checked setting: its value and maybe a warning, or a sentence saying what to fix. */
export type SettingCheck<T> = { ok: true; value: T; warning?: string } | { ok: false; reason: string };

const PLAIN_DECIMAL = /^(?:\d+\.?\d*|\.\d+)$/;

/** A slippage typed in percent ("0.5", "1", "0.05") as basis points, checked. */
export function checkSlippage(input: string): SettingCheck<number> {
  const text = input.trim().replace(/%$/, "").trim();
  if (text === "") return { ok: false, reason: "Enter a slippage tolerance in percent, like 0.5." };
  if (!PLAIN_DECIMAL.test(text)) return { ok: false, reason: "Enter the slippage as a number of percent, like 0.5." };
  const [, fraction = ""] = text.split(".");
  if (fraction.length > SLIPPAGE_DECIMALS) return { ok: false, reason: "Use at most two digits after the point (0.01% steps)." };
  const bps = Math.round(Number(text) * 100);
  if (bps === 0) {
    return { ok: false, reason: "Enter a slippage above 0%: at 0% any trade in the pool before yours makes the router refuse it." };
  }
  if (bps > MAX_SLIPPAGE_BPS) return { ok: false, reason: `Enter at most ${MAX_SLIPPAGE_BPS / 100}%: above that the minimums protect almost nothing.` };
  return { ok: true, value: bps, warning: slippageWarning(bps) };
}

/** A warning for a tolerance that is allowed but risky, else undefined. */
export function slippageWarning(bps: number): string | undefined {
  if (bps < LOW_SLIPPAGE_BPS) return "So little slippage will likely fail: any trade in the pool before yours moves the price further.";
  if (bps > HIGH_SLIPPAGE_BPS) return "High slippage: a trader who sees your transaction first can take up to that share of it.";
  return undefined;
}

/** A deadline typed in whole minutes, checked. */
export function checkDeadline(input: string): SettingCheck<number> {
  const text = input.trim();
  if (!/^\d+$/.test(text)) return { ok: false, reason: "Enter the deadline in whole minutes, like 20." };
  const minutes = Number(text);
  if (minutes < 1) return { ok: false, reason: "Enter at least 1 minute: a transaction needs time to be mined." };
  if (minutes > MAX_DEADLINE_MINUTES) {
    return { ok: false, reason: `Enter at most ${MAX_DEADLINE_MINUTES} minutes (3 days): a transaction stuck longer could be mined at a forgotten price.` };
  }
  return { ok: true, value: minutes };
}

/** The least the router may take or pay for `amount` under `bps` of slippage, rounded down. */
export function minimumAfterSlippage(amount: bigint, bps: number): bigint {
  return (amount * (BPS - BigInt(bps))) / BPS;
}

/** The deadline a transaction carries: `minutes` after the chain's latest block time (seconds). */
export function deadlineAfter(blockTimestamp: bigint, minutes: number): bigint {
  return blockTimestamp + BigInt(minutes) * 60n;
}

/** "0.5%" for 50 bps: the tolerance as a person reads it. */
export function formatSlippage(bps: number): string {
  return `${(bps / 100).toString()}%`;
}

/**
 * The zap forms' figures from what the user typed: a zap in from a token (or ETH) or a zap out
 * of staked LP, as an exact quote ready to send, or one sentence saying what to fix. A plan that
 * is not `ok` sends nothing.
 */
import { checkAmount, checkLpAmount } from "./amount";
import { formatNumber } from "./format";
import { hasReserves, type PairLiquidity } from "./liquidity";
import { type PairSide, quoteZapIn, type ZapInQuote } from "./zap-in";
import { quoteZapOut, type ZapOutQuote } from "./zap-out";

/** Above this the swap's price impact is said as a warning: the zap costs noticeably more than the fee. */
export const ZAP_IMPACT_WARNING = 0.02;
/** Above this a zap is refused: it would hand a large share of the swap to the pool's arbitrageurs. */
export const ZAP_IMPACT_LIMIT = 0.15;

export interface ZapInInput {
  text: string;
  /** What is typed: the token's decimals (18 for ETH). */
  decimals: number;
  /** What the wallet can put in: the token's balance, or ETH less a reserve for gas. */
  spendable: bigint;
  /** How the "more than" sentence names `spendable` ("your DAI balance"). */
  what: string;
  pair: PairLiquidity;
  /** The pair's side the input is (WETH for ETH). */
  side: PairSide;
  slippageBps: number;
}

export type ZapInPlan = { ok: true; quote: ZapInQuote; warning?: string } | { ok: false; reason: string };

export function planZapIn(input: ZapInInput): ZapInPlan {
  const typed = checkAmount(input.text, input.decimals, input.spendable, input.what);
  if (!typed.ok) return typed;
  if (!hasReserves(input.pair)) {
    return { ok: false, reason: "This pair has no liquidity yet, so there is no price to swap at. Add both tokens instead (Add liquidity)." };
  }
  const quote = quoteZapIn(input.pair, input.side, typed.wei, input.slippageBps);
  if (quote.swapOut === 0n || quote.minLiquidity === 0n) return { ok: false, reason: "That is too little to mint any LP. Enter a larger amount." };
  const impact = impactSentence(quote.priceImpact);
  if (quote.priceImpact > ZAP_IMPACT_LIMIT) {
    return { ok: false, reason: `${impact} you would lose about that share of what is swapped. Zap a smaller amount, or add both tokens.` };
  }
  const warning = quote.priceImpact > ZAP_IMPACT_WARNING ? `${impact} that share of the swapped part is lost to the price move. A smaller amount loses less.` : undefined;
  return { ok: true, quote, warning };
}

/** Where a zap out pays: both tokens, or one side of the pair (ETH for WETH). */
export type ZapOutTarget = "both" | PairSide;

export interface ZapOutInput {
  text: string;
  /** LP that can be unstaked now (not a running lock's). */
  withdrawable: bigint;
  pair: PairLiquidity;
  target: ZapOutTarget;
  slippageBps: number;
}

export type ZapOutPlan = { ok: true; quote: ZapOutQuote; warning?: string } | { ok: false; reason: string };

export function planZapOut(input: ZapOutInput): ZapOutPlan {
  if (input.withdrawable === 0n) return { ok: false, reason: "You have no LP staked here that can be unstaked now." };
  const typed = checkLpAmount(input.text, input.withdrawable, "what you can unstake now");
  if (!typed.ok) return typed;
  const quote = quoteZapOut(input.pair, typed.wei, input.slippageBps);
  const paid = input.target === "both" ? quote.both.minimums : [quote.single[input.target].minimum];
  if (paid.some((amount) => amount === 0n)) return { ok: false, reason: "That is too little LP to pay out anything. Enter a larger amount." };
  const impact = input.target === "both" ? 0 : quote.single[input.target].priceImpact;
  if (impact > ZAP_IMPACT_LIMIT) {
    return { ok: false, reason: `${impactSentence(impact)} you would lose about that share of what is swapped. Take both tokens, or zap out less.` };
  }
  const warning = impact > ZAP_IMPACT_WARNING ? `${impactSentence(impact)} that share of the swapped half is lost to the price move.` : undefined;
  return { ok: true, quote, warning };
}

function impactSentence(impact: number): string {
  return `The swap moves the pool's price by ${formatNumber(impact * 100, 2)}%:`;
}

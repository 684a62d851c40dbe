/**
 * What a confirmed liquidity transaction did, in the words of its notice: the tokens put in and the
 * LP minted, or the LP burnt and the tokens paid out, as the pair's own events in the receipt say
 * (Mint, Burn, the LP's Transfer), with USD where a price is known. The notice then tells what
 * happened, not what was asked for: the router may take less than offered, and pays what the
 * reserves give at the block.
 */
import { LP_DECIMALS } from "./conventions";
import { formatSignificant, formatUsd } from "./format";
import type { Pair, SideIndex } from "./liquidity-plan";
import { toDecimalNumber } from "./units";

/** A token as the notice names it: "ETH" for the side paid in ETH, and its USD price if known. */
export interface TokenShown {
  symbol: string;
  decimals: number;
  priceUsd?: number;
}

export interface LiquidityContext {
  /** The pool's name, "DAI/WETH". */
  pool: string;
  /** The pair's two sides, in the pair's order (token0, token1). */
  sides: Pair<TokenShown>;
  /** The order the pool's name gives the sides: the sentence follows the name. */
  order: readonly SideIndex[];
  /** The USD value of one whole LP token, if known. */
  lpPriceUsd?: number;
}

/** "1.5 DAI ($1.50)": the amount with the digits the dialog shows, and its USD where priced. */
export function tokenShown(wei: bigint, token: TokenShown): string {
  const usd = token.priceUsd === undefined ? "" : ` (${formatUsd(toDecimalNumber(wei, token.decimals) * token.priceUsd)})`;
  return `${formatSignificant(wei, token.decimals)} ${token.symbol}${usd}`;
}

function lpShown(lp: bigint, context: LiquidityContext): string {
  return tokenShown(lp, { symbol: `${context.pool} LP`, decimals: LP_DECIMALS, priceUsd: context.lpPriceUsd });
}

function both(amounts: Pair<bigint>, context: LiquidityContext): string {
  return context.order.map((side) => tokenShown(amounts[side], context.sides[side])).join(" and ");
}

/** After an add: "Added 10 DAI ($10.00) and 0.004 ETH ($10.00): received 0.0002 DAI/WETH LP ($20.00)." */
export function summarizeAdd(paidIn: Pair<bigint>, lpMinted: bigint, context: LiquidityContext): string {
  return `Added ${both(paidIn, context)}: received ${lpShown(lpMinted, context)}.`;
}

/** After a removal: "Removed 0.0001 DAI/WETH LP ($10.00): received 5 DAI ($5.00) and 0.002 ETH ($5.00)." */
export function summarizeRemove(lpBurnt: bigint, paidOut: Pair<bigint>, context: LiquidityContext): string {
  return `Removed ${lpShown(lpBurnt, context)}: received ${both(paidOut, context)}.`;
}

/**
 * An approval's notice title: "Approve 0.0000112345 DAI/WETH LP for the Uniswap router", with the
 * digits the dialog and the confirmation show (LP at 8 fixed decimals read "0.00001123", where one
 * unit of the last digit can be dollars).
 */
export function approvalTitle(amount: bigint, token: Pick<TokenShown, "symbol" | "decimals">, spender = "the Uniswap router"): string {
  return `Approve ${formatSignificant(amount, token.decimals)} ${token.symbol} for ${spender}`;
}

/** After an approval: "Approved the Uniswap router for 10 DAI ($10.00)." */
export function summarizeApproval(amount: bigint, token: TokenShown, spender = "the Uniswap router"): string {
  return `Approved ${spender} for ${tokenShown(amount, token)}.`;
}

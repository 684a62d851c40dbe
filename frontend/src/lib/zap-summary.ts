/**
 * What a confirmed zap did, in the words of its notice, from the zap's own events in the receipt
 * (IFarmZap): "Zapped 1 ETH into 0.0123 DAI/WETH LP ($2,440.00), staked.", "Zapped 0.5 DAI/WETH
 * LP ($1,220.00) out into 610 DAI and 0.2 WETH.", "Compounded 12.5 RWD ($18.75) into 0.0062
 * RWD/WETH LP ($18.60), staked." Leftovers sent back are said too.
 */
import { type Address, isAddressEqual, zeroAddress } from "viem";

import { LP_DECIMALS } from "./conventions";
import { formatSignificant, formatTokenAmount, formatUsd } from "./format";
import { toDecimalNumber } from "./units";

export type ZapEvent =
  | { eventName: "ZappedIn"; args: { user: Address; pid: bigint; tokenIn: Address; amountIn: bigint; liquidity: bigint; leftover0: bigint; leftover1: bigint } }
  | { eventName: "ZappedOut"; args: { user: Address; pid: bigint; liquidity: bigint; amount0: bigint; amount1: bigint } }
  | { eventName: "ZappedOutTo"; args: { user: Address; pid: bigint; liquidity: bigint; tokenOut: Address; amountOut: bigint } }
  | { eventName: "Compounded"; args: { user: Address; pid: bigint; reward: bigint; liquidity: bigint; leftover0: bigint; leftover1: bigint } };

export const ZAP_EVENTS = ["ZappedIn", "ZappedOut", "ZappedOutTo", "Compounded"] as const;

/** A token as the sentence names it, and its USD price if it has one. */
export interface TokenShown {
  address: Address;
  symbol: string;
  decimals: number;
  priceUsd?: number;
}

export interface ZapSummaryContext {
  user: Address;
  /** A pool's name, its two tokens (the pair's order) and one whole LP token's USD value. */
  pool: (pid: number) => { name: string; tokens: [TokenShown, TokenShown]; lpPriceUsd?: number };
  reward: TokenShown;
  /** ETH, named for address(0) in a zap's tokenIn / tokenOut. */
  eth: TokenShown;
  /** WETH's address: its leftover from an ETH zap comes back as ETH. */
  weth: Address;
}

/** The sentences for the user's zap events, or undefined when the receipt has none. */
export function summarizeZapEvents(events: readonly ZapEvent[], context: ZapSummaryContext): string | undefined {
  const sentences = events.filter((e) => isAddressEqual(e.args.user, context.user)).map((e) => sentence(e, context));
  return sentences.length === 0 ? undefined : sentences.join(" ");
}

function sentence(event: ZapEvent, context: ZapSummaryContext): string {
  const pool = context.pool(Number(event.args.pid));
  const lp = (amount: bigint) => {
    const usd = pool.lpPriceUsd === undefined ? "" : ` (${formatUsd(toDecimalNumber(amount, LP_DECIMALS) * pool.lpPriceUsd)})`;
    return `${formatSignificant(amount, LP_DECIMALS)} ${pool.name} LP${usd}`;
  };
  const tokenOf = (address: Address) => (address === zeroAddress ? context.eth : pool.tokens.find((t) => isAddressEqual(t.address, address)));
  switch (event.eventName) {
    case "ZappedIn": {
      const { tokenIn, amountIn, liquidity, leftover0, leftover1 } = event.args;
      // ETH in, ETH back: the zap unwraps a WETH leftover.
      const back = leftovers([leftover0, leftover1], tokenIn === zeroAddress ? pool.tokens.map((t) => (isAddressEqual(t.address, context.weth) ? context.eth : t)) as [TokenShown, TokenShown] : pool.tokens);
      return `Zapped ${amount(amountIn, tokenOf(tokenIn))} into ${lp(liquidity)}, staked.${back}`;
    }
    case "ZappedOut": {
      const { liquidity, amount0, amount1 } = event.args;
      return `Zapped ${lp(liquidity)} out into ${amount(amount0, pool.tokens[0])} and ${amount(amount1, pool.tokens[1])}.`;
    }
    case "ZappedOutTo": {
      const { liquidity, tokenOut, amountOut } = event.args;
      return `Zapped ${lp(liquidity)} out into ${amount(amountOut, tokenOf(tokenOut))}.`;
    }
    case "Compounded": {
      const { reward, liquidity, leftover0, leftover1 } = event.args;
      return `Compounded ${amount(reward, context.reward)} into ${lp(liquidity)}, staked.${leftovers([leftover0, leftover1], pool.tokens)}`;
    }
  }
}

/** "1.5 DAI ($1.50)": the USD where the token has a price. */
function amount(wei: bigint, token: TokenShown | undefined): string {
  if (!token) return formatTokenAmount(wei, 18);
  const usd = token.priceUsd === undefined ? "" : ` (${formatUsd(toDecimalNumber(wei, token.decimals) * token.priceUsd)})`;
  return `${formatSignificant(wei, token.decimals)} ${token.symbol}${usd}`;
}

/** " Left over and sent back to your wallet: 0.000002 DAI.", or "" with none. */
function leftovers(amounts: [bigint, bigint], tokens: [TokenShown, TokenShown]): string {
  const back = amounts.flatMap((wei, i) => (wei > 0n ? [`${formatSignificant(wei, tokens[i].decimals)} ${tokens[i].symbol}`] : []));
  return back.length === 0 ? "" : ` Left over and sent back to your wallet: ${back.join(" and ")}.`;
}

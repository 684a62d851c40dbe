/**
 * Sentences for the reasons the Uniswap V2 router and pair give when they refuse to add or remove
 * liquidity: revert strings, not custom errors, so ./errors.ts looks them up here by their text.
 */

/** What each refusal means to the person who sent it, and what to do. */
const ROUTER_REASONS: Record<string, string> = {
  "UniswapV2Router: INSUFFICIENT_A_AMOUNT": slippage(),
  "UniswapV2Router: INSUFFICIENT_B_AMOUNT": slippage(),
  "UniswapV2Router: EXPIRED":
    "The deadline passed before the transaction ran, so nothing happened. Try again, or allow more minutes in the settings.",
  "UniswapV2: INSUFFICIENT_LIQUIDITY_MINTED": "Those amounts are too small to mint any LP. Enter larger amounts.",
  "UniswapV2: INSUFFICIENT_LIQUIDITY_BURNED": "That is too little LP to return any tokens. Enter a larger amount.",
  "TransferHelper: TRANSFER_FROM_FAILED":
    "The router could not take your tokens: check your balance and that the approval went through, then try again.",
  "TransferHelper: ETH_TRANSFER_FAILED": "The router could not send the ETH back to your account.",
};

function slippage(): string {
  return (
    "The pool's price moved past your slippage tolerance before the transaction ran, so nothing happened. " +
    "Check the new amounts and try again, or allow more slippage in the settings."
  );
}

/** The sentence for a router or pair revert reason, or undefined for any other reason. */
export function liquidityRevertSentence(reason: string): string | undefined {
  return Object.hasOwn(ROUTER_REASONS, reason) ? ROUTER_REASONS[reason] : undefined;
}

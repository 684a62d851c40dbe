/**
 * How the testers' toolbar turns ETH into a pool's LP through the Uniswap V2 router, as a person
 * would: half the ETH buys each side that is not WETH (through that token's WETH pair), then both
 * sides are added. A token/WETH pool adds its WETH side as ETH (`addLiquidityETH` wraps it), so
 * no WETH is wrapped or approved by hand.
 */
import { type Address, isAddressEqual } from "viem";

export type FundingPlan =
  /** Buy `token` with `buyEth`, then add it with `addEth` of ETH (the router refunds what the pair does not take). */
  | { kind: "token-eth"; token: Address; buyEth: bigint; addEth: bigint }
  /** Buy each token with its share of the ETH, then add both (what the pair does not take stays in the wallet). */
  | { kind: "token-token"; buys: readonly [{ token: Address; eth: bigint }, { token: Address; eth: bigint }] };

/** The plan for spending `eth` wei on LP of the pair of `token0` and `token1`. */
export function fundingPlan(pair: { token0: Address; token1: Address }, weth: Address, eth: bigint): FundingPlan {
  const half = eth / 2n;
  const rest = eth - half; // the odd wei goes to the second side
  if (isAddressEqual(pair.token1, weth)) return { kind: "token-eth", token: pair.token0, buyEth: half, addEth: rest };
  if (isAddressEqual(pair.token0, weth)) return { kind: "token-eth", token: pair.token1, buyEth: half, addEth: rest };
  return { kind: "token-token", buys: [{ token: pair.token0, eth: half }, { token: pair.token1, eth: rest }] };
}

/** The slippage a funding swap accepts, in basis points: the quote is read right before it, on a chain only the tester moves. */
export const FUNDING_SLIPPAGE_BPS = 100n;

/** The least a swap quoted at `quote` may return. */
export function minimumOut(quote: bigint, slippageBps = FUNDING_SLIPPAGE_BPS): bigint {
  return (quote * (10_000n - slippageBps)) / 10_000n;
}

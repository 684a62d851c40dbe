/**
 * A Uniswap V2 pair's liquidity arithmetic, to the wei, as the router and the pair do it: the
 * second amount at the pool's price, the amounts the router actually takes, the LP the pair
 * mints, and the tokens a burn returns. Everything in the pair's own order (token0, token1);
 * the caller maps its sides onto it. Integer division rounds down everywhere, as in Solidity.
 */

/** The LP the pair's first mint locks forever (UniswapV2Pair.MINIMUM_LIQUIDITY). */
export const MINIMUM_LIQUIDITY = 1000n;

/** What a mint or burn depends on, read at one block. */
export interface PairLiquidity {
  reserve0: bigint;
  reserve1: bigint;
  /** The pair's token balances: above the reserves only by tokens sent and not yet synced. */
  balance0: bigint;
  balance1: bigint;
  totalSupply: bigint;
  /** reserve0 × reserve1 at the last mint or burn (0 while the protocol fee is off). */
  kLast: bigint;
  /** The factory's `feeTo` is set: a mint or burn first mints the protocol's fee in LP. */
  feeOn: boolean;
}

/** True once the pair has a price: both reserves above zero. Before that, the first provider sets it. */
export function hasReserves(pair: Pick<PairLiquidity, "reserve0" | "reserve1">): boolean {
  return pair.reserve0 > 0n && pair.reserve1 > 0n;
}

/**
 * UniswapV2Library.quote: `amountA` of one token in the other at the reserves' ratio, rounded
 * down. The reserves must both be above zero.
 */
export function quote(amountA: bigint, reserveA: bigint, reserveB: bigint): bigint {
  if (reserveA <= 0n || reserveB <= 0n) throw new RangeError("quote needs two reserves above zero");
  return (amountA * reserveB) / reserveA;
}

/**
 * The amounts the router's `_addLiquidity(tokenA, tokenB, ...)` takes from `desiredA` and
 * `desiredB`: all of A and B at the pool's price when that is no more than `desiredB`, else all
 * of B and A at the price. In the router's A/B order, which decides which side loses the
 * rounding dust. A pair with no reserves takes both as they are (they set its price).
 */
export function depositAmounts(desiredA: bigint, desiredB: bigint, reserveA: bigint, reserveB: bigint): [bigint, bigint] {
  if (reserveA === 0n && reserveB === 0n) return [desiredA, desiredB];
  const optimalB = quote(desiredA, reserveA, reserveB);
  if (optimalB <= desiredB) return [desiredA, optimalB];
  return [quote(desiredB, reserveB, reserveA), desiredB];
}

/** The integer square root, rounded down (Babylonian, as UniswapV2's Math.sqrt). */
export function sqrt(value: bigint): bigint {
  if (value < 0n) throw new RangeError("sqrt of a negative number");
  if (value === 0n) return 0n;
  if (value < 4n) return 1n; // Newton's step below starts above the root only from 4 up
  let root = value;
  let next = value / 2n + 1n;
  while (next < root) {
    root = next;
    next = (value / next + next) / 2n;
  }
  return root;
}

/**
 * LP the pair mints to the factory's `feeTo` before any mint or burn while the protocol fee is
 * on: a sixth of the growth of √k since the last one (UniswapV2Pair._mintFee). It raises the
 * supply a mint is priced against and a burn is shared over.
 */
export function protocolFeeLiquidity(pair: PairLiquidity): bigint {
  if (!pair.feeOn || pair.kLast === 0n) return 0n;
  const rootK = sqrt(pair.reserve0 * pair.reserve1);
  const rootKLast = sqrt(pair.kLast);
  if (rootK <= rootKLast) return 0n;
  return (pair.totalSupply * (rootK - rootKLast)) / (rootK * 5n + rootKLast);
}

/** The supply a mint or burn meets: the current one plus the protocol's fee minted first. */
export function supplyAtMintOrBurn(pair: PairLiquidity): bigint {
  return pair.totalSupply + protocolFeeLiquidity(pair);
}

/**
 * The LP `UniswapV2Pair.mint` gives for `amount0` and `amount1` sent to it: the smaller of the two
 * shares of the supply, or for the first mint √(amount0 × amount1) less the locked 1,000 wei.
 * Tokens already lying in the pair unsynced count as sent. 0 when the pair would mint nothing
 * (it then reverts: INSUFFICIENT_LIQUIDITY_MINTED).
 */
export function liquidityMinted(amount0: bigint, amount1: bigint, pair: PairLiquidity): bigint {
  const in0 = amount0 + pair.balance0 - pair.reserve0;
  const in1 = amount1 + pair.balance1 - pair.reserve1;
  const supply = supplyAtMintOrBurn(pair);
  if (supply === 0n) {
    const root = sqrt(in0 * in1);
    return root > MINIMUM_LIQUIDITY ? root - MINIMUM_LIQUIDITY : 0n;
  }
  if (pair.reserve0 === 0n || pair.reserve1 === 0n) return 0n;
  const by0 = (in0 * supply) / pair.reserve0;
  const by1 = (in1 * supply) / pair.reserve1;
  return by0 < by1 ? by0 : by1;
}

/**
 * The tokens `UniswapV2Pair.burn` returns for `liquidity`: its share of each of the pair's
 * balances (not reserves: unsynced tokens go out too), over the supply after the protocol's fee.
 */
export function burnAmounts(liquidity: bigint, pair: PairLiquidity): [bigint, bigint] {
  const supply = supplyAtMintOrBurn(pair);
  if (supply === 0n) return [0n, 0n];
  return [(liquidity * pair.balance0) / supply, (liquidity * pair.balance1) / supply];
}

/** `part` of `whole` as a fraction 0..1 (0 for an empty whole), for shares of a pool. */
export function shareOf(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  // Scaled in bigint first: LP supplies pass 2^53, and a share of one wei in 1e24 still shows.
  const scale = 10n ** 18n;
  return Number((part * scale) / whole) / 1e18;
}

/**
 * The user's share of the pool once `minted` LP is added to the `held` LP they already own
 * (wallet and farm): of the supply the mint meets, plus the mint itself, plus for a first mint
 * the 1,000 wei locked with it.
 */
export function shareAfterMint(held: bigint, minted: bigint, pair: PairLiquidity): number {
  const supply = supplyAtMintOrBurn(pair);
  const locked = supply === 0n ? MINIMUM_LIQUIDITY : 0n;
  return shareOf(held + minted, supply + locked + minted);
}

/**
 * The conventions every figure of the app shares, so an APR, a daily amount and an LP balance
 * mean the same thing on every page.
 */

export const SECONDS_PER_HOUR = 3_600;

export const SECONDS_PER_DAY = 24 * SECONDS_PER_HOUR;

/** APRs and APYs are quoted over a 365-day year. */
export const DAYS_PER_YEAR = 365;

export const SECONDS_PER_YEAR = SECONDS_PER_DAY * DAYS_PER_YEAR;

/** Every Uniswap V2 pair's LP token has 18 decimals (UniswapV2ERC20). */
export const LP_DECIMALS = 18;

/** Uniswap V2's swap fee, all of which goes to liquidity providers. */
export const UNISWAP_V2_FEE_RATE = 0.003;

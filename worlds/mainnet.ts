/**
 * Ethereum mainnet addresses the fork launcher builds on, and that the mainnet-shaped upstream
 * reproduces offline. Pairs are not listed: they are asked of the factory, which on mainnet (and on
 * an upstream with the official factory at this address) answers with the real pair addresses.
 */
export const MAINNET_CHAIN_ID = 1n;

export const MAINNET = {
  uniswapV2Factory: "0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f",
  uniswapV2Router: "0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D",
  weth: "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
  usdc: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
  dai: "0x6B175474E89094C44Da98b954EedeAC495271d0F",
  wbtc: "0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599",
} as const;

/** The real pairs the fork farms, with their allocation points. */
export const MAINNET_POOLS = [
  { token: "usdc", allocPoint: 40n },
  { token: "dai", allocPoint: 20n },
  { token: "wbtc", allocPoint: 20n },
] as const satisfies readonly { token: "usdc" | "dai" | "wbtc"; allocPoint: bigint }[];

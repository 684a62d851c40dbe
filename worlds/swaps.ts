/**
 * Trading through the real Uniswap V2 router, as a user would: the local world makes volume with
 * it (so pairs earn fees) and the fork launcher buys tokens with ETH to provide liquidity.
 */
import { type Contract, MaxUint256, type Signer } from "ethers";

import type { UniswapWorld } from "../deploy/uniswap.js";
import { approveOnce } from "./liquidity.js";

/** Sells exactly `amountIn` of `tokenIn` for `tokenOut` through their pair; returns the amount out. */
export async function swapExact(
  uniswap: UniswapWorld,
  trader: Signer,
  tokenIn: Contract,
  tokenOut: Contract,
  amountIn: bigint,
): Promise<bigint> {
  const router = uniswap.router.connect(trader) as Contract;
  const to = await trader.getAddress();
  await approveOnce(tokenIn, trader, await router.getAddress(), amountIn);
  const path = [await tokenIn.getAddress(), await tokenOut.getAddress()];
  const [, out] = (await router.getAmountsOut(amountIn, path)) as bigint[];
  await (await router.swapExactTokensForTokens(amountIn, out, path, to, MaxUint256)).wait();
  return out;
}

/** Buys `token` with exactly `ethIn` ETH through its WETH pair; returns the amount bought. */
export async function buyWithEth(uniswap: UniswapWorld, trader: Signer, token: Contract, ethIn: bigint): Promise<bigint> {
  const router = uniswap.router.connect(trader) as Contract;
  const path = [await uniswap.weth.getAddress(), await token.getAddress()];
  const [, out] = (await router.getAmountsOut(ethIn, path)) as bigint[];
  await (await router.swapExactETHForTokens(out, path, await trader.getAddress(), MaxUint256, { value: ethIn })).wait();
  return out;
}

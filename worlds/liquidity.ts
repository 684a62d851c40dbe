/**
 * Creates Uniswap V2 pairs and funds them through the real router, the way a liquidity provider
 * would: approve both tokens, then addLiquidity (which creates the pair on first use).
 */
import { type Contract, MaxUint256, type Signer } from "ethers";

import { pairAt, type UniswapWorld } from "../deploy/uniswap.js";

export interface LiquidityRequest {
  tokenA: Contract;
  tokenB: Contract;
  amountA: bigint;
  amountB: bigint;
  /** Who receives the LP: the provider unless said (the local world hands LP to its newcomer). */
  to?: string;
}

/** Approves `spender` for unlimited `token` unless it may already spend `amount`. */
export async function approveOnce(token: Contract, owner: Signer, spender: string, amount: bigint): Promise<void> {
  const allowance = (await token.allowance(await owner.getAddress(), spender)) as bigint;
  if (allowance < amount) await (await (token.connect(owner) as Contract).approve(spender, MaxUint256)).wait();
}

/** Adds liquidity from `provider` (who must hold both tokens), LP to `to` or itself, and returns the pair. */
export async function addLiquidity(
  uniswap: UniswapWorld,
  provider: Signer,
  { tokenA, tokenB, amountA, amountB, to: recipient }: LiquidityRequest,
): Promise<Contract> {
  const router = await uniswap.router.getAddress();
  const to = recipient ?? (await provider.getAddress());
  await approveOnce(tokenA, provider, router, amountA);
  await approveOnce(tokenB, provider, router, amountB);
  const deadline = MaxUint256;
  await (
    await (uniswap.router.connect(provider) as Contract).addLiquidity(
      await tokenA.getAddress(),
      await tokenB.getAddress(),
      amountA,
      amountB,
      0n,
      0n,
      to,
      deadline,
    )
  ).wait();
  const pair = await uniswap.factory.getPair(await tokenA.getAddress(), await tokenB.getAddress());
  return pairAt(pair, provider);
}

/** Database rows to the API's JSON shapes (../../api-types.ts): bigints as strings, blocks as numbers. */
import type { pair, poolHour, userAction } from "ponder:schema";

import type { Action, ActionKind, PairInfo, PoolPoint } from "../../api-types";

export function toAction(row: typeof userAction.$inferSelect): Action {
  const { partnerToken, partnerSymbol, partnerDecimals, partnerAmount, partnerTo, partnerPriceUsd, partnerUsd, ...rest } = row;
  return {
    ...rest,
    partner:
      partnerToken === null || partnerAmount === null
        ? null
        : { token: partnerToken, symbol: partnerSymbol ?? "", decimals: partnerDecimals ?? 18, amount: partnerAmount.toString(), to: partnerTo, priceUsd: partnerPriceUsd, usd: partnerUsd },
    kind: row.kind as ActionKind,
    lp: row.lp.toString(),
    amount0: row.amount0.toString(),
    amount1: row.amount1.toString(),
    reward: row.reward.toString(),
    block: Number(row.block),
    timestamp: Number(row.timestamp),
  };
}

export function toPairInfo(row: typeof pair.$inferSelect): PairInfo {
  const { address, token0, token1, symbol0, symbol1, decimals0, decimals1 } = row;
  return {
    address, token0, token1, symbol0, symbol1, decimals0, decimals1,
    reserve0: row.reserve0.toString(), reserve1: row.reserve1.toString(), totalSupply: row.totalSupply.toString(),
  };
}

export function poolPoint(row: typeof poolHour.$inferSelect): PoolPoint {
  return {
    start: Number(row.start), staked: row.staked.toString(), stakedUsd: row.stakedUsd, reserveUsd: row.reserveUsd,
    lpPriceUsd: row.lpPriceUsd, price0Usd: row.price0Usd, price1Usd: row.price1Usd, rewardPriceUsd: row.rewardPriceUsd,
    allocPoint: row.allocPoint.toString(), totalAllocPoint: row.totalAllocPoint.toString(), rewardPerBlock: row.rewardPerBlock.toString(),
    volumeUsd: row.volumeUsd, swaps: row.swaps, rewardApr: row.rewardApr, feeApr: row.feeApr, block: Number(row.block),
  };
}

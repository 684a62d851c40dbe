/**
 * What an Activity row says beyond its LP and reward, from the action's `detail` (the indexer
 * keeps what only the lock or zap event knows): a lock's boost and end, an early exit's penalty,
 * what a zap took in or paid out. One short phrase each, amounts as lib/format.ts shows them.
 */
import { zeroAddress } from "viem";

import { sameAddress } from "./address";
import { LP_DECIMALS } from "./conventions";
import { formatSignificant, formatTokenAmount, formatNumber } from "./format";
import { type PartnerPart, partnerDetails } from "./history-partner";

/** A phrase, and the name a test finds it by. */
export interface DetailPart {
  test: string;
  text: string;
}

/** The pool's pair as these phrases need it: its tokens, to name what a zap took or paid. */
export interface DetailPool {
  token0?: string;
  token1?: string;
  symbol0: string;
  symbol1: string;
  decimals0: number;
  decimals1: number;
}

/** A token of the zap's event by the pair's symbols; address 0 is the chain's own coin. */
function tokenOf(address: string, pool: DetailPool | undefined, native: string): { symbol: string; decimals: number } | undefined {
  if (sameAddress(address, zeroAddress)) return { symbol: native, decimals: 18 };
  if (pool?.token0 !== undefined && sameAddress(pool.token0, address)) return { symbol: pool.symbol0, decimals: pool.decimals0 };
  if (pool?.token1 !== undefined && sameAddress(pool.token1, address)) return { symbol: pool.symbol1, decimals: pool.decimals1 };
  return undefined;
}

const tokens = (wei: string, token: { symbol: string; decimals: number }) => `${formatTokenAmount(BigInt(wei), token.decimals)} ${token.symbol}`;

/** The phrases for `row` (none for a plain stake, unstake or harvest); partner rows by lib/history-partner.ts. */
export function actionDetails(
  row: { kind: string; detail: Record<string, string> | null; user?: string; partner?: PartnerPart | null },
  pool: DetailPool | undefined,
  reward: { symbol: string; decimals: number },
  native = "ETH",
): DetailPart[] {
  const d = row.detail ?? {};
  switch (row.kind) {
    case "lock":
      return [
        { test: "detail-boost", text: `${formatNumber(Number(d.boostBps) / 10_000)}× boost` },
        { test: "detail-locked", text: `${formatSignificant(BigInt(d.locked ?? "0"), LP_DECIMALS)} LP locked` },
        { test: "detail-end", text: `until block ${Number(d.endBlock).toLocaleString("en-US")}` },
      ];
    case "lockExit":
      return [{ test: "detail-penalty", text: `penalty ${formatSignificant(BigInt(d.penalty ?? "0"), LP_DECIMALS)} LP` }];
    case "unlock":
      return [{ test: "detail-unlocked", text: "lock ended: back to 1×" }];
    case "zapIn": {
      const token = tokenOf(d.tokenIn ?? "", pool, native);
      return token ? [{ test: "detail-in", text: `from ${tokens(d.amountIn ?? "0", token)}` }] : [];
    }
    case "zapOut":
      return pool ? [{ test: "detail-out", text: `received ${tokens(d.received0 ?? "0", { symbol: pool.symbol0, decimals: pool.decimals0 })} + ${tokens(d.received1 ?? "0", { symbol: pool.symbol1, decimals: pool.decimals1 })}` }] : [];
    case "zapOutTo": {
      const token = tokenOf(d.tokenOut ?? "", pool, native);
      return token ? [{ test: "detail-out", text: `received ${tokens(d.amountOut ?? "0", token)}` }] : [];
    }
    case "compound":
      return [{ test: "detail-in", text: `from ${tokens(d.rewardIn ?? "0", reward)} of rewards` }];
    case "rewardDeferred":
      return [{ test: "detail-deferred", text: `${tokens(d.heldForLater ?? "0", reward)} held until the farm is unpaused` }];
    default:
      return partnerDetails(row);
  }
}

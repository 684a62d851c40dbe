/**
 * The indexer's actions (its API's `Action`, in base units) as the Activity page, its CSV and the
 * PnL maths read them: a plain name per kind, which way the LP went, whole-unit amounts.
 */
import { formatUnits } from "viem";

import { LP_DECIMALS } from "./conventions";
import { toCsv } from "./csv";
import { marketFromPrices, marketFromReserves, type PnlAction } from "./position-pnl";
import { toDecimalNumber } from "./units";

/** The fields of an indexed action these helpers use (structurally the API's `Action`). */
export interface ActionRow {
  pid: number;
  kind: string;
  lp: string;
  amount0: string;
  amount1: string;
  reward: string;
  lpPriceUsd: number | null;
  price0Usd: number | null;
  price1Usd: number | null;
  valueUsd: number | null;
  rewardUsd: number | null;
  detail: Record<string, string> | null;
  /** A partner token's row (the indexer's partner kinds); absent or null otherwise. */
  partner?: { symbol: string; decimals: number; amount: string; usd: number | null } | null;
  block: number;
  timestamp: number;
  txHash: string;
}

/** What each kind is called on the page, and which way its LP moved (+ into the stake, − out). */
export const KINDS: Record<string, { label: string; lp: 1 | -1 | 0 }> = {
  deposit: { label: "Stake", lp: 1 },
  withdraw: { label: "Unstake", lp: -1 },
  harvest: { label: "Harvest", lp: 0 },
  emergencyWithdraw: { label: "Emergency withdraw", lp: -1 },
  rewardDeferred: { label: "Reward held for later", lp: 0 },
  lock: { label: "Lock", lp: 1 },
  lockExit: { label: "Early exit", lp: -1 },
  unlock: { label: "Unlock", lp: 0 },
  zapIn: { label: "Zap in", lp: 1 },
  zapOut: { label: "Zap out", lp: -1 },
  zapOutTo: { label: "Zap out to one token", lp: -1 },
  compound: { label: "Compound", lp: 1 },
  partner: { label: "Partner reward", lp: 0 },
  partnerOwed: { label: "Partner reward owed", lp: 0 },
  streamFunded: { label: "Funded stream", lp: 0 },
  streamReclaimed: { label: "Reclaimed from stream", lp: 0 },
};

export function kindLabel(kind: string): string {
  return KINDS[kind]?.label ?? kind;
}

/** A pool's pair as these helpers need it. */
export interface PoolTokens {
  symbol0: string;
  symbol1: string;
  decimals0: number;
  decimals1: number;
}

/**
 * The action as PnL against holding counts it: LP in or out (an early exit's penalty LP out
 * too, and lost), its tokens and its market from the action's own amounts (they are the LP's
 * share of the reserves at that block), else from its prices; rewards paid, partner tokens too.
 */
export function toPnlAction(row: ActionRow, pool: PoolTokens): PnlAction & { time: number } {
  const lp = toDecimalNumber(BigInt(row.lp), LP_DECIMALS);
  const amount0 = toDecimalNumber(BigInt(row.amount0), pool.decimals0);
  const amount1 = toDecimalNumber(BigInt(row.amount1), pool.decimals1);
  const direction = KINDS[row.kind]?.lp ?? 0;
  const penaltyLp = row.kind === "lockExit" && row.detail?.penalty ? toDecimalNumber(BigInt(row.detail.penalty), LP_DECIMALS) : 0;
  const market =
    marketFromReserves(row.timestamp, { amount0, amount1, lp }, row.price0Usd, row.price1Usd) ??
    marketFromPrices(row.timestamp, row.price0Usd, row.price1Usd, row.lpPriceUsd);
  return {
    time: row.timestamp, lpChange: direction * lp, amount0, amount1, penaltyLp,
    reward: toDecimalNumber(BigInt(row.reward), 18), rewardUsd: row.rewardUsd ?? 0, market,
    // A partner token paid (not one owed: that is still pending), at its price then.
    partnerUsd: row.kind === "partner" ? (row.partner?.usd ?? 0) : 0,
  };
}

/** The CSV of `rows` (newest first, as listed): every amount exact, in whole tokens. */
export function activityCsv(rows: ActionRow[], pools: Map<number, PoolTokens>, reward: { symbol: string; decimals: number }): string {
  const header = ["time (UTC)", "block", "transaction", "pool", "kind", "LP", "amount0", "token0", "amount1", "token1", `reward (${reward.symbol})`, "LP value (USD)", "reward value (USD)", "partner amount", "partner token", "partner value (USD)"];
  return toCsv(
    header,
    rows.map((row) => {
      const pool = pools.get(row.pid);
      return [
        new Date(row.timestamp * 1000).toISOString(), row.block, row.txHash, pool ? `${row.pid} ${pool.symbol0}/${pool.symbol1}` : String(row.pid), kindLabel(row.kind),
        exact(row.lp, LP_DECIMALS), pool ? exact(row.amount0, pool.decimals0) : row.amount0, pool?.symbol0, pool ? exact(row.amount1, pool.decimals1) : row.amount1, pool?.symbol1,
        exact(row.reward, reward.decimals), row.valueUsd, row.rewardUsd,
        row.partner ? exact(row.partner.amount, row.partner.decimals) : undefined, row.partner?.symbol, row.partner?.usd,
      ];
    }),
  );
}

/** Base units as an exact decimal string of whole tokens (no float on the way). */
function exact(wei: string, decimals: number): string {
  return formatUnits(BigInt(wei), decimals);
}

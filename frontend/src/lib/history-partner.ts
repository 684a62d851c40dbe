/**
 * What an Activity row of a partner token says (the indexer's partner, partnerOwed, streamFunded
 * and streamReclaimed rows): the token amount with its USD at that block ("12.5 PTN ($3.10)", or
 * "no price" when no pair the indexer follows prices the token), where a payment went when not to
 * the staker, a stream's rate and end. Amounts exact to the unit, as lib/format.ts shows them.
 */
import { sameAddress } from "./address";
import { formatSignificant, formatUsd, shortHex } from "./format";

/** A row's partner token (structurally the indexer API's `PartnerAmount`). */
export interface PartnerPart {
  token: string;
  symbol: string;
  decimals: number;
  amount: string;
  to: string | null;
  usd: number | null;
}

/** A phrase, and the name a test finds it by (as lib/history-details.ts). */
export interface PartnerPhrase {
  test: string;
  text: string;
}

/** The partner kinds, as the indexer names them. */
export const PARTNER_KINDS = ["partner", "partnerOwed", "streamFunded", "streamReclaimed"] as const;

export function isPartnerKind(kind: string): boolean {
  return (PARTNER_KINDS as readonly string[]).includes(kind);
}

/** "12.5 PTN ($3.10)"; "12.5 PTN (no price)" when the token had none at that block. */
export function partnerAmountText(p: Pick<PartnerPart, "symbol" | "decimals" | "amount" | "usd">): string {
  const usd = p.usd === null ? "no price" : formatUsd(p.usd);
  return `${formatSignificant(BigInt(p.amount), p.decimals)} ${p.symbol} (${usd})`;
}

/** The phrases of a partner row (none for other kinds, or a row without its token). */
export function partnerDetails(row: { kind: string; user?: string; partner?: PartnerPart | null; detail: Record<string, string> | null }): PartnerPhrase[] {
  const p = row.partner;
  if (!p || !isPartnerKind(row.kind)) return [];
  const amount = partnerAmountText(p);
  switch (row.kind) {
    case "partner": {
      const elsewhere = p.to !== null && row.user !== undefined && !sameAddress(p.to, row.user);
      return [{ test: "detail-partner", text: amount }, ...(elsewhere ? [{ test: "detail-partner-to", text: `sent to ${shortHex(p.to!)}` }] : [])];
    }
    case "partnerOwed":
      return [{ test: "detail-partner", text: `${amount} owed in all: paid with your next action in the pool, or claim it` }];
    case "streamFunded": {
      const streaming = row.detail?.streaming ? `${formatSignificant(BigInt(row.detail.streaming), p.decimals)} ${p.symbol}` : undefined;
      const end = row.detail?.endBlock ? Number(row.detail.endBlock).toLocaleString("en-US") : undefined;
      return [
        { test: "detail-partner", text: `added ${amount}` },
        ...(streaming && end ? [{ test: "detail-stream", text: `now streams ${streaming} until block ${end}` }] : []),
      ];
    }
    default:
      return [{ test: "detail-partner", text: `took back ${amount}, released while nothing was staked` }];
  }
}

/**
 * A partner token's total paid to the user: "25 PTN ($6.20)", USD summed at each payment's
 * block; "25 PTN (no price)" when no payment had a price, "… ($6.20 for the priced part)" when
 * only some did.
 */
export function partnerTotalText(t: { symbol: string; decimals: number; total: string; totalUsd: number; unpriced: number }): string {
  const amount = `${formatSignificant(BigInt(t.total), t.decimals)} ${t.symbol}`;
  if (t.unpriced === 0) return `${amount} (${formatUsd(t.totalUsd)})`;
  if (t.totalUsd === 0) return `${amount} (no price)`;
  return `${amount} (${formatUsd(t.totalUsd)} for the priced part)`;
}

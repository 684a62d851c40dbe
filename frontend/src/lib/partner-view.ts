/**
 * A pool's partner rewards as its card shows them: each partner token's APR (or why none), the
 * user's pending amount in it with USD, and whether the user's stake earns partner rewards at all
 * yet; and which of its tokens a failed payment left owed (then `claim` pays them). Pure: the
 * farm store feeds it what the lens read, the partners store the failed payments it read.
 */
import { type Address, getAddress } from "viem";

import type { PartnerStream, PoolPartners } from "./farm-snapshot";
import { partnerApr, type PartnerApr, partnerAprReason, sumPartnerAprs } from "./partner-apr";
import { streamRatePerBlock, streamRunning } from "./partner-stream";
import { priceOf, type TokenPrices } from "./prices";
import { toDecimalNumber } from "./units";

/** What the app learned once about a partner token. */
export interface PartnerTokenMeta {
  symbol: string;
  decimals: number;
}

export interface PartnerRow {
  token: Address;
  symbol: string;
  decimals: number;
  stream: PartnerStream;
  running: boolean;
  /** Tokens the pool's stakers share per block from now on. */
  perBlock: bigint;
  priceUsd?: number;
  apr: PartnerApr;
  /** Why `apr` is not a number, in a sentence; none when it is. */
  aprReason?: string;
  /** The user's: earned and owed, in token units, and in USD when the token has a price. */
  pending?: bigint;
  pendingUsd?: number;
}

export interface PoolPartnersView {
  rows: PartnerRow[];
  /** The partner APRs that are numbers, added. */
  partnerApr: number;
  /** The user's stake predates the pool's first stream and earns no partner token until its next deposit. */
  needsEnrol: boolean;
  /** The user has something in a partner token to be paid. */
  hasPending: boolean;
}

/** The key a failed payment is remembered by: pool and token (checksummed, however it was read). */
export function owedKey(pid: number, token: Address): string {
  return `${pid}:${getAddress(token)}`;
}

export function poolPartnersView(input: {
  partners: PoolPartners;
  /** The user's LP staked in the farm's pool; none without a user. */
  staked?: bigint;
  block: bigint;
  tokens: ReadonlyMap<Address, PartnerTokenMeta>;
  prices: TokenPrices;
  blocksPerYear: number;
  lpPriceUsd?: number;
}): PoolPartnersView {
  const { partners, block } = input;
  const rows = partners.streams.map((stream, i): PartnerRow => {
    const meta = input.tokens.get(stream.token) ?? { symbol: "…", decimals: 18 };
    const priceUsd = priceOf(input.prices, stream.token);
    const perBlock = streamRatePerBlock(stream, block);
    const apr = partnerApr({ perBlock, decimals: meta.decimals, priceUsd, blocksPerYear: input.blocksPerYear, totalWeight: partners.totalWeight, lpPriceUsd: input.lpPriceUsd });
    const pending = partners.user?.pending[i];
    return {
      token: stream.token,
      symbol: meta.symbol,
      decimals: meta.decimals,
      stream,
      running: streamRunning(stream, block),
      perBlock,
      priceUsd,
      apr,
      aprReason: partnerAprReason(apr, meta.symbol),
      pending,
      pendingUsd: pending === undefined || priceUsd === undefined ? undefined : toDecimalNumber(pending, meta.decimals) * priceUsd,
    };
  });
  return {
    rows,
    partnerApr: sumPartnerAprs(rows.map((r) => r.apr)),
    needsEnrol: (input.staked ?? 0n) > 0n && partners.user?.weight === 0n,
    hasPending: rows.some((r) => (r.pending ?? 0n) > 0n),
  };
}

/**
 * The pool's partner tokens a failed payment left owed to the user (`owed`, by `owedKey`): only
 * while something of the token is pending, since a later payment may have paid it.
 */
export function owedTokens(pid: number, view: PoolPartnersView, owed: ReadonlySet<string>): Address[] {
  return view.rows.filter((row) => (row.pending ?? 0n) > 0n && owed.has(owedKey(pid, row.token))).map((row) => row.token);
}

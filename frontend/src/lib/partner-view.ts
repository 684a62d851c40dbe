/**
 * A pool's partner rewards as its card shows them: each partner token's APR (or why none), the
 * user's pending amount in it with USD, whether a payment failed and stays owed (then `claim`
 * pays it), and whether the user's stake earns partner rewards at all yet. Pure: the farm store
 * feeds it what the lens read.
 */
import type { Address } from "viem";

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
  /** A payment of this token to the user failed and it stays owed: `claim` pays it. */
  owed: boolean;
}

export interface PoolPartnersView {
  rows: PartnerRow[];
  /** The partner APRs that are numbers, added. */
  partnerApr: number;
  /** The user's stake predates the pool's first stream and earns no partner token until its next deposit. */
  needsEnrol: boolean;
  /** The user has something in a partner token to be paid. */
  hasPending: boolean;
  /** The user has a failed payment owed. */
  hasOwed: boolean;
}

/** The key a failed payment is remembered by: pool and token. */
export function owedKey(pid: number, token: Address): string {
  return `${pid}:${token.toLowerCase()}`;
}

export function poolPartnersView(input: {
  pid: number;
  partners: PoolPartners;
  /** The user's LP staked in the farm's pool; none without a user. */
  staked?: bigint;
  block: bigint;
  tokens: ReadonlyMap<Address, PartnerTokenMeta>;
  prices: TokenPrices;
  blocksPerYear: number;
  lpPriceUsd?: number;
  /** Failed payments still owed, by `owedKey`. */
  owed?: ReadonlySet<string>;
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
      owed: (pending ?? 0n) > 0n && !!input.owed?.has(owedKey(input.pid, stream.token)),
    };
  });
  return {
    rows,
    partnerApr: sumPartnerAprs(rows.map((r) => r.apr)),
    needsEnrol: (input.staked ?? 0n) > 0n && partners.user?.weight === 0n,
    hasPending: rows.some((r) => (r.pending ?? 0n) > 0n),
    hasOwed: rows.some((r) => r.owed),
  };
}

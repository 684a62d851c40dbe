import { type Address, getAddress } from "viem";
import { describe, expect, it } from "vitest";

import type { PoolPartners } from "../../src/lib/farm-snapshot";
import { owedKey, owedTokens, poolPartnersView } from "../../src/lib/partner-view";

const PTN: Address = getAddress("0x00000000000000000000000000000000000000b1");
const XYZ: Address = getAddress("0x00000000000000000000000000000000000000b2");
const SPONSOR: Address = "0x0000000000000000000000000000000000000009";
const E18 = 10n ** 18n;

/** PTN: 1,000 left over blocks 100..1,100 (1 a block); XYZ (6 decimals, no price): 500 over the same. */
function partners(user?: PoolPartners["user"], totalWeight = 10n * E18): PoolPartners {
  const stream = (token: Address, remaining: bigint) => ({ token, sponsor: SPONSOR, startBlock: 50n, endBlock: 1_100n, amount: remaining, remaining, unclaimedBySponsor: 0n });
  return { streams: [stream(PTN, 1_000n * E18), stream(XYZ, 500n * 10n ** 6n)], totalWeight, user };
}

const base = {
  block: 100n,
  tokens: new Map([[PTN, { symbol: "PTN", decimals: 18 }], [XYZ, { symbol: "XYZ", decimals: 6 }]]),
  prices: new Map([[PTN, 0.5]]),
  blocksPerYear: 1_000,
  lpPriceUsd: 100,
};

describe("a pool's partner rewards on its card", () => {
  it("gives each token its APR, or '—' with the reason, and adds the numbers", () => {
    const view = poolPartnersView({ ...base, partners: partners() });
    // PTN: 1 a block x 1,000 blocks x $0.50 = $500 a year over 10 LP x $100 = $1,000: 50%.
    expect(view.rows.map((r) => [r.symbol, r.perBlock, r.apr])).toEqual([
      ["PTN", E18, { kind: "apr", value: 0.5 }],
      ["XYZ", 500_000n, { kind: "no-price" }],
    ]);
    expect(view.rows[1].aprReason).toMatch(/^XYZ has no Uniswap pair/);
    expect(view.partnerApr).toBe(0.5);
    expect([view.needsEnrol, view.hasPending]).toEqual([false, false]);
  });

  it("gives the user's pending amount per token, in USD where the token has a price", () => {
    const view = poolPartnersView({ ...base, partners: partners({ weight: E18, pending: [4n * E18, 7n * 10n ** 6n] }), staked: E18 });
    expect(view.rows.map((r) => [r.pending, r.pendingUsd])).toEqual([[4n * E18, 2], [7n * 10n ** 6n, undefined]]);
    expect(view.hasPending).toBe(true);
  });

  it("marks a stake that earns no partner token yet (staked, weight 0), and no one without a stake", () => {
    const staked = poolPartnersView({ ...base, partners: partners({ weight: 0n, pending: [0n, 0n] }), staked: E18 });
    expect(staked.needsEnrol).toBe(true);
    const none = poolPartnersView({ ...base, partners: partners({ weight: 0n, pending: [0n, 0n] }), staked: 0n });
    expect(none.needsEnrol).toBe(false);
  });

  it("marks a failed payment owed only while something of that token is pending, in its own pool", () => {
    const owed = new Set([owedKey(3, PTN), owedKey(3, XYZ)]);
    const view = poolPartnersView({ ...base, partners: partners({ weight: E18, pending: [2n * E18, 0n] }), staked: E18 });
    expect(owedTokens(3, view, owed)).toEqual([PTN]);
    expect(owedTokens(4, view, owed)).toEqual([]);
    expect(owedTokens(3, view, new Set())).toEqual([]);
  });

  it("keys a failed payment by pool and checksummed token, however the token was written", () => {
    expect(owedKey(3, XYZ)).toBe(`3:${XYZ}`);
    expect(owedKey(3, XYZ.toLowerCase() as Address)).toBe(owedKey(3, XYZ));
  });

  it("says a stream has ended and nobody earns in an empty pool", () => {
    expect(poolPartnersView({ ...base, block: 1_100n, partners: partners() }).rows[0].apr).toEqual({ kind: "ended" });
    expect(poolPartnersView({ ...base, partners: partners(undefined, 0n) }).rows[0].apr).toEqual({ kind: "new" });
  });
});

/**
 * What the app learns about partner rewards beside the per-block read (which brings each pool's
 * streams, weights and the user's pending amounts, chain/farm-reads.ts): each partner token's
 * symbol, decimals and the pairs that price it (once per token), and which payments to the user
 * failed and stay owed (from the rewarder's events, when the account changes and after each of
 * its transactions, never every block).
 */
import { type Address, erc20Abi, getAddress, isAddress, isAddressEqual, zeroAddress } from "viem";

import type { FarmSnapshot, PairMeta } from "../lib/farm-snapshot";
import { owedKey, type PartnerTokenMeta } from "../lib/partner-view";
import { partnerRewarderAbi, uniswapV2FactoryAbi } from "./abis.generated";
import type { Deployment } from "./deployment";
import { describePairs } from "./pairs";
import type { ReadClient } from "./wagmi";

/**
 * `tokens`' symbols and decimals ("?" and 18 when a token does not say), and their pairs with
 * WETH and the stablecoin that `known` pairs do not already include: one batched read.
 */
export async function readPartnerTokens(
  client: ReadClient,
  d: Deployment,
  tokens: Address[],
  known: PairMeta[],
): Promise<{ metas: Map<Address, PartnerTokenMeta>; pricePairs: PairMeta[] }> {
  const getPair = { address: d.uniswapV2Factory, abi: uniswapV2FactoryAbi, functionName: "getPair" } as const;
  const answers = await client.multicall({
    contracts: tokens.flatMap((token) => [
      { address: token, abi: erc20Abi, functionName: "symbol" } as const,
      { address: token, abi: erc20Abi, functionName: "decimals" } as const,
      { ...getPair, args: [token, d.weth] } as const,
      { ...getPair, args: [token, d.stablecoin] } as const,
    ]),
    batchSize: 0,
  });
  const metas = new Map<Address, PartnerTokenMeta>();
  const pairs: Address[] = [];
  tokens.forEach((token, i) => {
    const [symbol, decimals, withWeth, withStable] = answers.slice(4 * i, 4 * i + 4).map((a) => a.result);
    metas.set(getAddress(token), { symbol: typeof symbol === "string" ? symbol : "?", decimals: typeof decimals === "number" ? decimals : 18 });
    for (const pair of [withWeth, withStable]) {
      if (typeof pair !== "string" || !isAddress(pair) || isAddressEqual(pair, zeroAddress)) continue;
      if (![...known.map((k) => k.address), ...pairs].some((a) => isAddressEqual(a, pair))) pairs.push(pair);
    }
  });
  return { metas, pricePairs: await describePairs(client, pairs) };
}

/**
 * The partner tokens of `snap` not in `known`, learnt: every token's symbol and decimals so far,
 * and the new tokens' price pairs that `pairs` (those already read) lack; none when `snap` brings
 * no new token.
 */
export async function learnPartnerTokens(
  client: ReadClient,
  d: Deployment,
  snap: FarmSnapshot,
  known: ReadonlyMap<Address, PartnerTokenMeta>,
  pairs: PairMeta[],
): Promise<{ tokens: Map<Address, PartnerTokenMeta>; pricePairs: PairMeta[] } | undefined> {
  const fresh = [...new Set(snap.pools.flatMap((p) => p.partners?.streams.map((s) => s.token) ?? []))].filter((t) => !known.has(t));
  if (fresh.length === 0) return undefined;
  const learnt = await readPartnerTokens(client, d, fresh, pairs);
  return { tokens: new Map([...known, ...learnt.metas]), pricePairs: learnt.pricePairs };
}

/**
 * The pools and tokens where a payment to `user` failed (PartnerRewardOwed) and nothing was paid
 * since (PartnerRewardPaid), as `owedKey`s.
 */
export async function readOwedPayments(client: ReadClient, rewarder: Address, user: Address, fromBlock: bigint): Promise<Set<string>> {
  const [owed, paid] = await Promise.all(
    (["PartnerRewardOwed", "PartnerRewardPaid"] as const).map((eventName) =>
      client.getContractEvents({ address: rewarder, abi: partnerRewarderAbi, eventName, args: { user }, fromBlock, toBlock: "latest", strict: true }),
    ),
  );
  const last = new Map<string, { kind: "owed" | "paid"; at: bigint }>();
  const order = (log: { blockNumber: bigint | null; logIndex: number | null }) => (log.blockNumber ?? 0n) * 100_000n + BigInt(log.logIndex ?? 0);
  for (const [kind, logs] of [["owed", owed], ["paid", paid]] as const) {
    for (const log of logs) {
      const key = owedKey(Number(log.args.pid), log.args.token);
      const at = order(log);
      if ((last.get(key)?.at ?? -1n) < at) last.set(key, { kind, at });
    }
  }
  return new Set([...last].filter(([, v]) => v.kind === "owed").map(([key]) => key));
}
